// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// lookalike_bench: prints lookalike throughput (not a test; no timing is asserted).
//
//   lookalike_bench [NAMES [BRANDS]]    defaults: 1,000,000 names, 1,000 brands
//
// Brands are dictionary words of 5-12 letters (/usr/share/dict/words, package wamerican;
// pseudo-words when it is missing), picked with a fixed seed. Names look like passive DNS:
// host labels over word-pair registrable domains under common suffixes, with about 2 % typo
// and homoglyph variants of brands so the hit path is exercised too. Prints (1) the
// matcher alone on one thread, (2) a full store rescan (SQLite read, matching, alert
// writes) of the same names, and the index memory per 1,000 brands.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "dns/name.h"
#include "lookalike/lookalike_matcher.h"
#include "lookalike/lookalike_scanner.h"
#include "lookalike/lookalike_store.h"
#include "store/database.h"
#include "store/statement.h"
#include "test_util.h"

using namespace tapir;
using namespace tapir::lookalike;

namespace {

std::vector<std::string> words(std::mt19937_64& rng) {
    std::vector<std::string> out;
    std::ifstream in("/usr/share/dict/words");
    std::string w;
    while (std::getline(in, w)) {
        bool alpha = w.size() >= 3;
        for (char c : w)
            alpha = alpha && c >= 'a' && c <= 'z';
        if (alpha)
            out.push_back(w);
    }
    if (out.size() < 5000) {
        const std::string letters = "etaoinshrdlucmfwypvbgkqjxz";
        std::geometric_distribution<int> pick(0.15);
        for (int i = 0; i < 50000; ++i) {
            std::string s;
            const int len = 4 + static_cast<int>(rng() % 7);
            for (int k = 0; k < len; ++k)
                s += letters[static_cast<std::size_t>(std::min(pick(rng), 25))];
            out.push_back(s);
        }
    }
    return out;
}

// CPU seconds of this thread: the per-core figure, whatever else the machine runs.
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t nNames = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
    const std::size_t nBrands = argc > 2 ? std::stoul(argv[2]) : 1'000;
    std::mt19937_64 rng(42);
    const auto dict = words(rng);
    std::vector<Brand> brands;
    std::vector<std::string> labels;
    while (brands.size() < nBrands) {
        const std::string& w = dict[rng() % dict.size()];
        if (w.size() < 5 || w.size() > 12)
            continue;
        labels.push_back(w);
        brands.push_back({static_cast<std::int64_t>(brands.size() + 1), w, {w + ".com"}});
    }
    const char* suffixes[] = {"com", "net", "org", "de", "co.uk", "io", "info", "com.br"};
    const char* hosts[] = {"www", "mail", "api", "cdn", "static", "login", "m", "img"};
    std::vector<std::string> names;
    names.reserve(nNames);
    for (std::size_t i = 0; i < nNames; ++i) {
        std::string core;
        if (rng() % 50 == 0) {
            // A variant of a brand: one substitution, or 0/o, 1/l lookalikes.
            core = labels[rng() % labels.size()];
            const std::size_t pos = rng() % core.size();
            core[pos] = (rng() % 2 == 0) ? static_cast<char>('a' + rng() % 26) : '0';
        } else {
            core = dict[rng() % dict.size()];
            if (rng() % 2 == 0)
                core += dict[rng() % dict.size()];
            if (rng() % 5 == 0)
                core += std::to_string(rng() % 100);
        }
        std::string name = core + "." + suffixes[rng() % 8];
        if (rng() % 3 != 0)
            name = std::string(hosts[rng() % 8]) + "." + name;
        if (rng() % 10 == 0)
            name = "h" + std::to_string(rng() % 10000) + "." + name;
        names.push_back(std::move(name));
    }

    auto t0 = std::chrono::steady_clock::now();
    const LookalikeMatcher matcher(brands);
    const double build = since(t0);
    std::size_t alerts = 0;
    Match m;
    t0 = std::chrono::steady_clock::now();
    double c0 = cpuSeconds();
    for (const auto& n : names)
        alerts += matcher.match(n, m) ? 1 : 0;
    const double s = since(t0);
    const double cpu = cpuSeconds() - c0;
    std::printf("matcher: %zu brands (index built in %.3f s, %.2f MiB, %.2f MiB per 1k brands)\n",
                nBrands, build, static_cast<double>(matcher.memoryBytes()) / (1 << 20),
                static_cast<double>(matcher.memoryBytes()) / (1 << 20) * 1000.0 /
                    static_cast<double>(nBrands));
    std::printf("matcher: %zu names, %zu alerts, %.3f s wall, %.3f s CPU: %.0f names/s per core\n",
                names.size(), alerts, s, cpu, static_cast<double>(names.size()) / cpu);

    // The same names through a store rescan.
    test::TempDir dir;
    auto db = store::Database::open(dir.file("bench.db"));
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().describe().c_str());
        return 1;
    }
    {
        (void)(*db)->begin();
        store::Statement ins((*db)->handle(),
                             "INSERT OR IGNORE INTO names(name, rname) VALUES(?1, ?2)");
        for (const auto& n : names)
            ins.bind(1, n).bind(2, dns::reverseName(n)).run();
        LookalikeStore store(**db);
        for (const auto& b : brands)
            (void)store.addBrand(b.name, b.domains);
        (void)(*db)->commit();
    }
    LookalikeScanner scanner(**db);
    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    auto report = scanner.rescan();
    const double rs = since(t0);
    const double rcpu = cpuSeconds() - c0;
    if (!report) {
        std::fprintf(stderr, "%s\n", report.error().describe().c_str());
        return 1;
    }
    std::printf(
        "store rescan: %llu names, %llu alerts, %.3f s wall, %.3f s CPU: %.0f names/s per "
        "core (SQLite read, match, evidence queries, alert writes)\n",
        static_cast<unsigned long long>(report->namesScanned),
        static_cast<unsigned long long>(report->newAlerts), rs, rcpu,
        static_cast<double>(report->namesScanned) / rcpu);
    return 0;
}
