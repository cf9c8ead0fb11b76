// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

#include <iostream>

#include "common/paths.h"
#include "store/database.h"

namespace tapir::cli {

Context::Context(std::string databasePath) : m_path(std::move(databasePath)) {}
Context::~Context() = default;

store::Database* Context::database() {
    if (!m_db) {
        auto db = store::Database::open(m_path);
        if (!db) {
            std::cerr << "error: " << db.error().describe() << "\n";
            return nullptr;
        }
        m_db = std::move(*db);
    }
    return m_db.get();
}

CancelToken& cancelToken() {
    static CancelToken token;
    return token;
}

std::optional<std::string> optionValue(Args& args, const std::string& name) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == name) {
            std::string v = args[i + 1];
            args.erase(args.begin() + static_cast<long>(i),
                       args.begin() + static_cast<long>(i) + 2);
            return v;
        }
    }
    return std::nullopt;
}

bool takeFlag(Args& args, const std::string& name) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            args.erase(args.begin() + static_cast<long>(i));
            return true;
        }
    }
    return false;
}

void printFileReport(const FileReport& f) {
    std::cout << f.path << ": " << statusName(f.status);
    if (!f.format.empty())
        std::cout << " (" << f.format;
    if (!f.compression.empty() && f.compression != "none")
        std::cout << ", " << f.compression;
    if (!f.format.empty())
        std::cout << ")";
    if (f.status == FileStatus::Imported) {
        std::cout << ": " << f.stats.recordsRead << " read, " << f.stats.observations
                  << " observations, " << f.uniqueKeys << " unique, " << f.newRecords
                  << " new records, " << f.stats.skipped << " skipped, " << f.filtered
                  << " filtered by policy";
        char secs[32];
        std::snprintf(secs, sizeof(secs), "%.3f", f.seconds);
        std::cout << ", " << secs << " s";
    }
    std::cout << "\n";
    for (const auto& [reason, n] : f.stats.dropped) {
        std::cout << "  dropped " << n << " " << reason << "\n";
    }
    for (const auto& w : f.stats.warnings) {
        std::cout << "  warning: " << w << "\n";
    }
    for (const auto& issue : f.stats.issues) {
        std::cerr << "  " << issue.describe() << "\n";
    }
    if (f.stats.skipped > f.stats.issues.size()) {
        std::cerr << "  ... and " << f.stats.skipped - f.stats.issues.size()
                  << " more bad records\n";
    }
    if (f.error) {
        std::cerr << "error: " << f.error->describe() << "\n";
    }
}

int usage(const std::string& message) {
    if (!message.empty()) {
        std::cerr << "tapir-cli: " << message << "\n";
    }
    std::cerr << "usage: tapir-cli [--db PATH] COMMAND [ARGS]\n\nCommands:\n";
    for (const auto& c : commands()) {
        std::cerr << "  " << c.synopsis << "\n";
    }
    std::cerr << "\nOptions:\n  --db PATH    database file (default: " << defaultDatabasePath()
              << ")\n";
    return kUsage;
}

}  // namespace tapir::cli
