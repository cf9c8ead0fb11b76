// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <sqlite3.h>

#include "common/observation.h"
#include "dns/rrtype.h"
#include "store/database.h"

namespace tapir::test {

inline std::string dataPath(const std::string& relative) {
    return std::string(TAPIR_TEST_DATA) + "/" + relative;
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("tapir-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] std::string file(const std::string& name) const {
        return (m_path / name).string();
    }
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The first column of the first row of `sql` on the store's own connection (-1: no row).
inline std::int64_t scalar(store::Database& db, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        v = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return v;
}

using Key = std::tuple<std::string, std::string, std::string>;  // rrname, rrtype, rdata

// Collects observations, summing counts per key.
class CollectingSink final : public ObservationSink {
public:
    void add(Observation&& o) override {
        all.push_back(o);
        counts[{o.rrname, dns::typeName(o.rrtype), o.rdata}] += o.count;
    }
    std::vector<Observation> all;
    std::map<Key, std::uint64_t> counts;
};

// Reads an expected TSV (rrname, rrtype, rdata[, count]).
inline std::map<Key, std::uint64_t> readExpected(const std::string& path) {
    std::map<Key, std::uint64_t> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::size_t start = 0;
        for (;;) {
            auto tab = line.find('\t', start);
            f.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos)
                break;
            start = tab + 1;
        }
        if (f.size() >= 3) {
            out[{f[0], f[1], f[2]}] = f.size() > 3 ? std::stoull(f[3]) : 0;
        }
    }
    return out;
}

}  // namespace tapir::test
