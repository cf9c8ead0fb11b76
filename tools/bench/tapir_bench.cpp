// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// tapir-bench: import, merge and query benchmarks. Prints figures, asserts nothing.
//
// `tapir-bench suite` runs everything in one go and prints the tables; each measured phase
// runs as its own child process (this executable with a sub-command, or dnstap-ldns), so
// its peak RSS (wait4's ru_maxrss, the kernel's VmHWM) is that phase's alone. Sub-commands:
//   import  --db DB FILE...     Tapir's import (Importer: one transaction per file)
//   naive   --db DB FILE...     the baseline: the same reader, then one prepared
//                               INSERT ... ON CONFLICT DO UPDATE per observation into a
//                               table with a unique (name, type, rdata) index, WAL,
//                               a commit every 100k observations
//   parse   FILE...             the reader alone (observations into a counter)
//   merge   [--count N] [--hosts N]  the in-memory aggregator alone
//   query   --db DB [--hosts N] [--seed N] [--runs N]  first-page latency per query kind
// Child lines starting with "@" carry key=value figures for the suite's tables.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "dns/rrtype.h"
#include "feeds/feed_reader.h"
#include "feeds/input_stream.h"
#include "ingest/aggregator.h"
#include "ingest/importer.h"
#include "query/flexible_index.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "store/database.h"
#include "synthetic_feed.h"

namespace {

using namespace tapir;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds (user + system) of this process so far: on a loaded machine wall time
// stretches, CPU time much less.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

std::uint64_t peakRssKb() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr)
        return 0;
    char line[256];
    std::uint64_t kb = 0;
    while (std::fgets(line, sizeof(line), f) != nullptr) {
        if (std::strncmp(line, "VmHWM:", 6) == 0) {
            kb = std::strtoull(line + 6, nullptr, 10);
        }
    }
    std::fclose(f);
    return kb;
}

std::uint64_t storeBytes(const std::string& db) {
    std::uint64_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
        std::error_code ec;
        const auto size = fs::file_size(db + suffix, ec);
        total += ec ? 0 : size;
    }
    return total;
}

bool parseCount(std::string_view text, std::uint64_t& out) {
    std::uint64_t scale = 1;
    if (!text.empty() && (text.back() == 'k' || text.back() == 'M' || text.back() == 'G')) {
        scale = text.back() == 'k' ? 1'000 : text.back() == 'M' ? 1'000'000 : 1'000'000'000;
        text.remove_suffix(1);
    }
    char* end = nullptr;
    const std::string copy(text);
    const double v = std::strtod(copy.c_str(), &end);
    if (copy.empty() || *end != '\0' || v < 0)
        return false;
    out = static_cast<std::uint64_t>(v * static_cast<double>(scale));
    return true;
}

// Options shared by the sub-commands: --key value pairs and bare arguments.
struct Args {
    std::map<std::string, std::string> options;
    std::vector<std::string> files;

    static Args parse(int argc, char** argv, int first) {
        Args a;
        for (int i = first; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (arg.starts_with("--") && i + 1 < argc) {
                a.options[std::string(arg.substr(2))] = argv[++i];
            } else {
                a.files.emplace_back(arg);
            }
        }
        return a;
    }
    [[nodiscard]] std::string text(const std::string& key, std::string fallback = {}) const {
        const auto it = options.find(key);
        return it == options.end() ? fallback : it->second;
    }
    [[nodiscard]] std::uint64_t count(const std::string& key, std::uint64_t fallback) const {
        std::uint64_t v = fallback;
        const auto it = options.find(key);
        if (it != options.end() && !parseCount(it->second, v)) {
            std::fprintf(stderr, "tapir-bench: --%s needs a number\n", key.c_str());
            std::exit(2);
        }
        return v;
    }
};

// ---------------------------------------------------------------- import (Tapir's path)

int runImport(const Args& args) {
    const std::string dbPath = args.text("db");
    auto db = store::Database::open(dbPath);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().describe().c_str());
        return 3;
    }
    // New stores have the flexible-search index; --flexible-index off drops it first, to
    // measure the store's own write path (or compare the two).
    const std::string flexible = args.text("flexible-index", "on");
    if (flexible == "off") {
        if (auto st = FlexibleIndex::disable(**db); !st) {
            std::fprintf(stderr, "%s\n", st.error().describe().c_str());
            return 3;
        }
    } else if (flexible != "on") {
        std::fprintf(stderr, "tapir-bench: --flexible-index on|off\n");
        return 2;
    }
    // A file's slice runs from its start to the next file's start (or the end), so it
    // includes the commit that follows it: files that share a transaction give its commit
    // to the last of them.
    class SliceClock final : public ProgressSink {
    public:
        void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t) override {
            mark();
        }
        void progressed(std::uint64_t, std::uint64_t) override {}
        void mark() { starts.push_back({Clock::now(), cpuSeconds()}); }
        struct Mark {
            Clock::time_point wall;
            double cpu;
        };
        std::vector<Mark> starts;
    };
    Importer importer(**db);
    SliceClock progress;
    CancelToken cancel;
    ImportOptions options;
    options.policy = PrivacyPolicy{};
    if (args.options.contains("batch")) {
        options.maxAggregateEntries = args.count("batch", options.maxAggregateEntries);
    }
    if (args.options.contains("files-per-commit")) {
        options.filesPerCommit = args.count("files-per-commit", options.filesPerCommit);
    }
    if (args.options.contains("seconds-per-commit")) {
        options.secondsPerCommit = static_cast<double>(args.count("seconds-per-commit", 0));
    }
    std::uint64_t records = (*db)->stats().value().records;
    const auto start = Clock::now();
    std::uint64_t observations = 0, created = 0, frames = 0;
    // One call, as a dropped folder imports: small files share commits. --bulk on as
    // `tapir-cli import --bulk` (through importPaths, which builds the indexes at the end;
    // the last slice's time includes that).
    options.bulk = args.text("bulk", "off") == "on";
    std::vector<FileReport> reports;
    if (options.bulk) {
        auto report = importer.importPaths(args.files, options, progress, cancel);
        for (const Error& e : report.errors)
            std::fprintf(stderr, "%s\n", e.describe().c_str());
        if (!report.errors.empty())
            return 1;
        std::printf("@indexes seconds=%.3f\n", report.indexSeconds);
        reports = std::move(report.files);
    } else {
        reports = importer.importFiles(args.files, options, progress, cancel);
    }
    progress.mark();
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const FileReport& r = reports[i];
        const std::string& file = r.path;
        if (r.status != FileStatus::Imported) {
            std::fprintf(stderr, "%s: %s\n", file.c_str(),
                         r.error ? r.error->describe().c_str() : statusName(r.status).c_str());
            return 1;
        }
        records += r.newRecords;
        observations += r.stats.observations;
        frames += r.stats.recordsRead;
        created += r.newRecords;
        const auto& from = progress.starts.at(i);
        const auto& to = progress.starts.at(i + 1);
        std::printf("@slice file=%s read=%" PRIu64 " obs=%" PRIu64 " unique=%" PRIu64
                    " new=%" PRIu64 " updated=%" PRIu64 " records=%" PRIu64
                    " seconds=%.3f cpu=%.3f\n",
                    fs::path(file).filename().c_str(), r.stats.recordsRead, r.stats.observations,
                    r.uniqueKeys, r.newRecords, r.updatedRecords, records,
                    std::chrono::duration<double>(to.wall - from.wall).count(), to.cpu - from.cpu);
        std::fflush(stdout);
    }
    const double seconds = secondsSince(start);
    db->reset();
    std::printf("@import read=%" PRIu64 " obs=%" PRIu64 " new=%" PRIu64 " records=%" PRIu64
                " seconds=%.3f cpu=%.3f bytes=%" PRIu64 " rss_kb=%" PRIu64 "\n",
                frames, observations, created, records, seconds, cpuSeconds(), storeBytes(dbPath),
                peakRssKb());
    return 0;
}

// ---------------------------------------------------------------- naive baseline

class NaiveSink final : public ObservationSink {
public:
    NaiveSink(sqlite3* db, sqlite3_stmt* upsert) : m_db(db), m_upsert(upsert) {}
    void add(Observation&& o) override {
        sqlite3_bind_text(m_upsert, 1, o.rrname.data(), static_cast<int>(o.rrname.size()),
                          SQLITE_STATIC);
        sqlite3_bind_int64(m_upsert, 2, o.rrtype);
        sqlite3_bind_text(m_upsert, 3, o.rdata.data(), static_cast<int>(o.rdata.size()),
                          SQLITE_STATIC);
        sqlite3_bind_int64(m_upsert, 4, o.firstSeen);
        sqlite3_bind_int64(m_upsert, 5, o.lastSeen);
        sqlite3_bind_int64(m_upsert, 6, static_cast<sqlite3_int64>(o.count));
        sqlite3_bind_text(m_upsert, 7, o.bailiwick.data(), static_cast<int>(o.bailiwick.size()),
                          SQLITE_STATIC);
        if (sqlite3_step(m_upsert) != SQLITE_DONE) {
            std::fprintf(stderr, "naive upsert: %s\n", sqlite3_errmsg(m_db));
            std::exit(1);
        }
        sqlite3_reset(m_upsert);
        if (++m_pending == 100'000) {
            sqlite3_exec(m_db, "COMMIT; BEGIN", nullptr, nullptr, nullptr);
            m_pending = 0;
        }
        ++m_total;
    }
    [[nodiscard]] std::uint64_t total() const { return m_total; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_upsert;
    std::uint64_t m_pending = 0;
    std::uint64_t m_total = 0;
};

std::uint64_t countRows(sqlite3* db) {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM observations", -1, &q, nullptr);
    sqlite3_step(q);
    const auto n = static_cast<std::uint64_t>(sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
    return n;
}

int runNaive(const Args& args) {
    const std::string dbPath = args.text("db");
    sqlite3* db = nullptr;
    if (sqlite3_open(dbPath.c_str(), &db) != SQLITE_OK)
        return 3;
    sqlite3_exec(
        db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE IF NOT EXISTS observations(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " type INTEGER NOT NULL, rdata TEXT NOT NULL, first INTEGER, last INTEGER,"
        " count INTEGER, bailiwick TEXT, UNIQUE(name, type, rdata))",
        nullptr, nullptr, nullptr);
    sqlite3_stmt* upsert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO observations(name, type, rdata, first, last, count, bailiwick) "
                       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
                       "first = min(first, excluded.first), last = max(last, excluded.last), "
                       "count = count + excluded.count",
                       -1, &upsert, nullptr);
    NullProgress progress;
    CancelToken cancel;
    std::uint64_t records = countRows(db);
    const auto start = Clock::now();
    std::uint64_t observations = 0;
    for (const auto& file : args.files) {
        const auto sliceStart = Clock::now();
        const double cpuStart = cpuSeconds();
        auto input = openInput(file);
        const FeedFormat* format = findFormat(args.text("format", "cof"));
        if (!input || format == nullptr)
            return 1;
        NaiveSink sink(db, upsert);
        ReadContext context(file, progress, cancel);
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        if (auto st = format->create()->read(**input, sink, context); !st) {
            std::fprintf(stderr, "%s\n", st.error().describe().c_str());
            return 1;
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        const double seconds = secondsSince(sliceStart);
        const std::uint64_t now = countRows(db);
        observations += sink.total();
        std::printf("@slice file=%s obs=%" PRIu64 " new=%" PRIu64 " records=%" PRIu64
                    " seconds=%.3f cpu=%.3f\n",
                    fs::path(file).filename().c_str(), sink.total(), now - records, now, seconds,
                    cpuSeconds() - cpuStart);
        std::fflush(stdout);
        records = now;
    }
    const double seconds = secondsSince(start);
    sqlite3_finalize(upsert);
    sqlite3_close(db);
    std::printf("@import obs=%" PRIu64 " records=%" PRIu64 " seconds=%.3f cpu=%.3f bytes=%" PRIu64
                " rss_kb=%" PRIu64 "\n",
                observations, records, seconds, cpuSeconds(), storeBytes(dbPath), peakRssKb());
    return 0;
}

// ---------------------------------------------------------------- parse only

class CountingSink final : public ObservationSink {
public:
    void add(Observation&& o) override { m_bytes += o.rrname.size() + o.rdata.size(); }
    std::uint64_t m_bytes = 0;
};

int runParse(const Args& args) {
    NullProgress progress;
    CancelToken cancel;
    std::uint64_t read = 0, observations = 0;
    const auto start = Clock::now();
    for (const auto& file : args.files) {
        auto input = openInput(file);
        if (!input)
            return 1;
        const FeedFormat* format = findFormat(args.text("format", "cof"));
        if (format == nullptr)
            return 1;
        CountingSink sink;
        ReadContext context(file, progress, cancel);
        if (auto st = format->create()->read(**input, sink, context); !st) {
            std::fprintf(stderr, "%s\n", st.error().describe().c_str());
            return 1;
        }
        read += context.stats().recordsRead;
        observations += context.stats().observations;
    }
    std::printf("@parse read=%" PRIu64 " obs=%" PRIu64 " seconds=%.3f cpu=%.3f rss_kb=%" PRIu64
                "\n",
                read, observations, secondsSince(start), cpuSeconds(), peakRssKb());
    return 0;
}

// ---------------------------------------------------------------- in-memory merge

int runMerge(const Args& args) {
    bench::FeedOptions options;
    const std::uint64_t count = args.count("count", 2'000'000);
    options.responses = count;
    options.hosts = args.count("hosts", 20'000);
    options.span = 3600;  // one hour: addresses rarely churn, so most observations repeat
    bench::SyntheticFeed feed(options);
    bench::SyntheticResponse response;
    std::vector<Observation> all;
    all.reserve(count + 16);
    while (all.size() < count) {
        feed.next(response);
        bench::observations(response, all);
    }
    std::uint64_t flushed = 0;
    Aggregator aggregator(std::size_t{1} << 20,
                          [&](std::vector<Observation>& batch, std::vector<Activity>&) -> Status {
                              flushed += batch.size();
                              return {};
                          });
    aggregator.setActivityBuckets(86400);  // as the importer does (day buckets)
    const auto start = Clock::now();
    for (auto& o : all)
        aggregator.add(std::move(o));
    const double addSeconds = secondsSince(start);
    (void)aggregator.finish();
    const double seconds = secondsSince(start);
    std::printf("@merge obs=%zu merged=%" PRIu64 " unique=%" PRIu64
                " add_seconds=%.3f seconds=%.3f rss_kb=%" PRIu64 "\n",
                all.size(), aggregator.mergedInMemory(), flushed, addSeconds, seconds, peakRssKb());
    return 0;
}

// ---------------------------------------------------------------- queries

int runQuery(const Args& args) {
    auto db = store::Database::open(args.text("db"), store::Database::Mode::ReadOnly);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().describe().c_str());
        return 3;
    }
    bench::FeedOptions options;
    options.seed = args.count("seed", 1);
    options.hosts = args.count("hosts", 0);
    options.responses = std::max<std::uint64_t>(options.hosts * 2, 1);
    const bench::SyntheticFeed feed(options);
    const std::uint64_t runs = args.count("runs", 200);
    RecordQuery query(**db);
    // Sample ranks spread over the popular part of the universe (what analysts look up).
    auto rank = [&](std::uint64_t i) {
        return (i * 7919) % std::max<std::uint64_t>(options.hosts / 20, 1);
    };
    auto label = [](const std::string& domain) { return domain.substr(0, domain.find('.')); };
    auto v4 = [](const dns::IpBytes& ip, bool prefix) {
        return std::to_string(ip[12]) + "." + std::to_string(ip[13]) + "." +
               std::to_string(ip[14]) + (prefix ? ".0/24" : "." + std::to_string(ip[15]));
    };
    auto v6 = [](const dns::IpBytes& ip, bool prefix) {
        if (!prefix)
            return dns::formatIpv6(ip);
        dns::IpBytes net{};
        std::copy_n(ip.begin(), 6, net.begin());
        return dns::formatIpv6(net) + "/48";
    };
    // Time fences: the middle third of the imported time span (from the sources table).
    std::int64_t spanFirst = INT64_MAX, spanLast = INT64_MIN;
    if (auto sources = (*db)->sources()) {
        for (const auto& s : *sources) {
            if (s.status == "complete" && s.timeFirst && s.timeLast) {
                spanFirst = std::min(spanFirst, *s.timeFirst);
                spanLast = std::max(spanLast, *s.timeLast);
            }
        }
    }
    if (spanFirst > spanLast)
        spanFirst = spanLast = 0;
    const std::string fence = " after:" + std::to_string(spanFirst + (spanLast - spanFirst) / 3) +
                              " before:" + std::to_string(spanLast - (spanLast - spanFirst) / 3);
    struct Kind {
        const char* name;
        std::function<std::string(std::uint64_t)> text;
    };
    const std::vector<Kind> kinds = {
        {"exact", [&](std::uint64_t i) { return feed.popularHost(rank(i)); }},
        {"suffix", [&](std::uint64_t i) { return "*." + feed.popularDomain(rank(i)); }},
        {"prefix",
         [&](std::uint64_t i) { return "www." + label(feed.popularDomain(rank(i))) + ".*"; }},
        {"rdata", [&](std::uint64_t i) { return "rdata:" + feed.nameServer(i * 31); }},
        {"ip", [&](std::uint64_t i) { return "ip:" + v4(feed.poolAddress(rank(i) * 13), false); }},
        {"cidr", [&](std::uint64_t i) { return "ip:" + v4(feed.poolAddress(rank(i) * 13), true); }},
        {"range",  // 64 addresses of a /24
         [&](std::uint64_t i) {
             dns::IpBytes low = feed.poolAddress(rank(i) * 13), high = low;
             low[15] = static_cast<std::uint8_t>(low[15] & 0xc0);
             high[15] = static_cast<std::uint8_t>(low[15] | 0x3f);
             return "ip:" + v4(low, false) + "-" + v4(high, false);
         }},
        {"ip6",
         [&](std::uint64_t i) { return "ip:" + v6(feed.poolAddress6(rank(i) * 13), false); }},
        {"cidr6",
         [&](std::uint64_t i) { return "ip:" + v6(feed.poolAddress6(rank(i) * 13), true); }},
        {"type", [&](std::uint64_t i) { return "*." + feed.popularDomain(rank(i)) + " type:A"; }},
        {"fence", [&](std::uint64_t i) { return "*." + feed.popularDomain(rank(i)) + fence; }},
        {"fence-strict",
         [&](std::uint64_t i) {
             return "*." + feed.popularDomain(rank(i)) + fence + " mode:strict";
         }},
        // Flexible search, measured only when the store has the trigram index (new stores
        // do; `tapir-cli index on` for others): without it each search scans every name
        // (seconds at 20M names).
        {"glob",
         [&](std::uint64_t i) { return "glob:*" + label(feed.popularDomain(rank(i))) + "*"; }},
        {"regex",
         [&](std::uint64_t i) {
             return "re:^www\\." + label(feed.popularDomain(rank(i))) + "\\.";
         }},
        {"regex-prefix",  // no literal of 3: the range of names with a 2-letter prefix
         [&](std::uint64_t i) {
             return "re:^" + label(feed.popularDomain(rank(i))).substr(0, 2) + "[a-z]*[0-9]\\.";
         }},
        {"regex-alt",  // two alternatives, each looked up in the index
         [&](std::uint64_t i) {
             return "re:^(" + label(feed.popularDomain(rank(i))) + "|" +
                    label(feed.popularDomain(rank(i + 1))) + ")\\.";
         }},
        {"rdata-glob",  // the nameserver's domain inside NS, SOA... values
         [&](std::uint64_t i) {
             const std::string ns = feed.nameServer(i * 31);
             return "rdata-glob:*" + ns.substr(ns.find('.')) + "*";
         }},
        {"rdata-re",  // values ending in the nameserver's domain
         [&](std::uint64_t i) {
             std::string domain = feed.nameServer(i * 31);
             domain = domain.substr(domain.find('.') + 1);
             std::string escaped;
             for (const char c : domain) {
                 if (c == '.')
                     escaped += '\\';
                 escaped += c;
             }
             return "rdata-re:\\." + escaped + "$";
         }},
    };
    const auto indexed = FlexibleIndex::enabled(**db);
    const bool flexible = indexed && *indexed;
    // --kinds exact,regex: only those; --slowest N: print the N slowest lookups of each.
    const std::string only = "," + args.text("kinds") + ",";
    const std::uint64_t slowest = args.count("slowest", 0);
    for (const auto& kind : kinds) {
        const std::string_view name = kind.name;
        if (only != ",," && only.find("," + std::string(name) + ",") == std::string::npos)
            continue;
        if (!flexible &&
            (name == "glob" || name.starts_with("regex") || name.starts_with("rdata-"))) {
            std::fprintf(stderr, "query %s: skipped (no flexible-search index)\n", kind.name);
            continue;
        }
        std::vector<double> ms;
        std::vector<std::pair<double, std::uint64_t>> timed;  // (ms, i) for --slowest
        std::uint64_t rows = 0, hits = 0;
        for (std::uint64_t i = 0; i < runs + 10; ++i) {
            auto spec = parseQuery(kind.text(i));
            if (!spec) {
                std::fprintf(stderr, "query %s: %s\n", kind.text(i).c_str(),
                             spec.error().message.c_str());
                return 1;
            }
            spec->limit = 100;
            const auto start = Clock::now();
            auto result = query.run(*spec);
            const double elapsed = secondsSince(start) * 1000;
            if (!result) {
                std::fprintf(stderr, "query failed: %s\n", result.error().describe().c_str());
                return 1;
            }
            if (i < 10)
                continue;  // warm-up
            ms.push_back(elapsed);
            timed.emplace_back(elapsed, i);
            rows += result->size();
            hits += result->empty() ? 0 : 1;
        }
        std::sort(ms.begin(), ms.end());
        std::sort(timed.rbegin(), timed.rend());
        for (std::uint64_t k = 0; k < std::min<std::uint64_t>(slowest, timed.size()); ++k) {
            std::printf("@slow kind=%s ms=%.3f query=%s\n", kind.name, timed[k].first,
                        kind.text(timed[k].second).c_str());
        }
        auto pct = [&](double p) {
            return ms[std::min(ms.size() - 1,
                               static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
        };
        std::printf(
            "@query kind=%s example=%s p50_ms=%.3f p99_ms=%.3f max_ms=%.3f rows=%.1f hit=%.2f\n",
            kind.name, kind.text(10).c_str(), pct(0.5), pct(0.99), ms.back(),
            static_cast<double>(rows) / static_cast<double>(ms.size()),
            static_cast<double>(hits) / static_cast<double>(ms.size()));
    }
    return 0;
}

// ---------------------------------------------------------------- suite

struct ChildResult {
    int status = -1;
    double seconds = 0;
    double cpu = 0;
    std::uint64_t maxRssKb = 0;
    std::vector<std::map<std::string, std::string>> lines;  // the "@" lines
    std::vector<std::string> tags;
};

// Runs argv with stdout captured (or discarded), returns its "@" lines and its peak RSS.
ChildResult runChild(const std::vector<std::string>& argv, bool discardOutput = false) {
    ChildResult result;
    int fds[2];
    if (pipe(fds) != 0)
        return result;
    const auto start = Clock::now();
    std::fflush(stdout);  // or the child inherits (and may flush) our buffered lines
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> cargv;
        for (const auto& a : argv)
            cargv.push_back(const_cast<char*>(a.c_str()));
        cargv.push_back(nullptr);
        if (discardOutput) {
            std::freopen("/dev/null", "w", stdout);
        } else {
            dup2(fds[1], 1);
        }
        close(fds[0]);
        close(fds[1]);
        execvp(cargv[0], cargv.data());
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof(buffer))) > 0;) {
        out.append(buffer, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    result.seconds = secondsSince(start);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.maxRssKb = static_cast<std::uint64_t>(usage.ru_maxrss);
    result.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                 static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
    std::size_t pos = 0;
    while (pos < out.size()) {
        const std::size_t end = std::min(out.find('\n', pos), out.size());
        const std::string_view line(out.data() + pos, end - pos);
        pos = end + 1;
        if (!line.starts_with('@'))
            continue;
        std::map<std::string, std::string> fields;
        std::size_t p = line.find(' ');
        result.tags.emplace_back(line.substr(1, p == std::string_view::npos ? line.size() : p - 1));
        while (p != std::string_view::npos && p < line.size()) {
            const std::size_t next = line.find(' ', p + 1);
            const std::string_view kv = line.substr(
                p + 1, next == std::string_view::npos ? line.size() - p - 1 : next - p - 1);
            const std::size_t eq = kv.find('=');
            if (eq != std::string_view::npos)
                fields[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
            p = next;
        }
        result.lines.push_back(std::move(fields));
    }
    if (result.status != 0) {
        std::fprintf(stderr, "tapir-bench: %s exited with %d\n", argv[0].c_str(), result.status);
    }
    return result;
}

double num(const std::map<std::string, std::string>& m, const std::string& key) {
    const auto it = m.find(key);
    return it == m.end() ? 0 : std::strtod(it->second.c_str(), nullptr);
}

std::string human(double v) {
    char buf[32];
    if (v >= 1e6)
        std::snprintf(buf, sizeof(buf), "%.2fM", v / 1e6);
    else if (v >= 1e3)
        std::snprintf(buf, sizeof(buf), "%.0fk", v / 1e3);
    else
        std::snprintf(buf, sizeof(buf), "%.0f", v);
    return buf;
}

std::vector<std::string> sortedFiles(const std::string& dir, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().filename().string().starts_with(prefix))
            out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Reads a file to its end and drops the bytes: its pages are then in the OS page cache.
void readThrough(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(std::size_t{1} << 20);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    }
}

int runSuite(const Args& args, const std::string& self) {
    const std::string dir = args.text("dir", "/tmp/tapir-bench");
    const std::string gen = args.text("gen", (fs::path(self).parent_path() / "tapir-gen").string());
    const std::uint64_t slice = args.count("slice", 1'000'000);
    const std::uint64_t seed = args.count("seed", 1);
    std::vector<std::uint64_t> scales;
    for (std::string s = args.text("scales", "1M,10M"); !s.empty();) {
        const std::size_t comma = s.find(',');
        std::uint64_t v = 0;
        if (!parseCount(s.substr(0, comma), v) || v == 0) {
            std::fprintf(stderr, "tapir-bench: bad --scales\n");
            return 2;
        }
        scales.push_back(v);
        s = comma == std::string::npos ? "" : s.substr(comma + 1);
    }
    const std::uint64_t naiveMax = args.count("naive-max", 10'000'000);
    const std::uint64_t dnstapFrames = args.count("dnstap-frames", 1'000'000);
    const std::string hostsFactor = args.text("hosts-factor", "1");
    const std::string flexible = args.text("flexible-index", "on");
    fs::create_directories(dir);
    const std::string seedText = std::to_string(seed);

    std::printf("Tapir benchmark suite: %s, %ld cores, flexible-search index %s\n", dir.c_str(),
                sysconf(_SC_NPROCESSORS_ONLN), flexible.c_str());
    std::printf(
        "\nImport (COF NDJSON, %s observations per file, one transaction per file; obs/s includes "
        "parsing)\n",
        human(static_cast<double>(slice)).c_str());
    std::printf("%-6s %-6s %12s %12s %8s %8s %10s %12s %12s %12s %10s %9s\n", "scale", "design",
                "observations", "records", "wall s", "cpu s", "obs/s", "new rec/s", "new rec/cpu-s",
                "dup merged/s", "peak RSS", "B/record");
    struct Growth {
        std::uint64_t scale;
        std::vector<std::map<std::string, std::string>> tapir, naive;
    };
    std::vector<Growth> growth;
    std::string biggestDb;
    std::uint64_t biggestHosts = 0;
    for (const std::uint64_t scale : scales) {
        const std::uint64_t files = std::max<std::uint64_t>(scale / slice, 1);
        const std::uint64_t hosts = static_cast<std::uint64_t>(
            static_cast<double>(scale) * std::strtod(hostsFactor.c_str(), nullptr));
        const std::string prefix = "cof-" + human(static_cast<double>(scale)) + "-";
        for (const auto& f : sortedFiles(dir, prefix))
            fs::remove(f);
        runChild({gen, "--format", "cof", "--count", std::to_string(scale), "--hosts",
                  std::to_string(hosts), "--seed", seedText, "--files", std::to_string(files), "-o",
                  dir + "/" + prefix + ".json"});
        const auto feedFiles = sortedFiles(dir, prefix);
        Growth g{scale, {}, {}};
        for (const bool naive : {false, true}) {
            if (naive && scale > naiveMax)
                continue;
            const std::string db = dir + "/" + (naive ? "naive-" : "tapir-") +
                                   human(static_cast<double>(scale)) + ".db";
            for (const char* suffix : {"", "-wal", "-shm"})
                fs::remove(db + suffix);
            std::vector<std::string> argv = {self, naive ? "naive" : "import", "--db", db};
            if (!naive)
                argv.insert(argv.end(), {"--flexible-index", flexible});
            argv.insert(argv.end(), feedFiles.begin(), feedFiles.end());
            ChildResult r = runChild(argv);
            std::map<std::string, std::string> total;
            for (std::size_t i = 0; i < r.lines.size(); ++i) {
                if (r.tags[i] == "slice")
                    (naive ? g.naive : g.tapir).push_back(r.lines[i]);
                if (r.tags[i] == "import")
                    total = r.lines[i];
            }
            const double seconds = num(total, "seconds");
            const double obs = num(total, "obs");
            const double records = num(total, "records");
            const double cpu = num(total, "cpu");
            std::printf("%-6s %-6s %12.0f %12.0f %8.1f %8.1f %10s %12s %12s %12s %8.0fMB %9.1f\n",
                        human(static_cast<double>(scale)).c_str(), naive ? "naive" : "tapir", obs,
                        records, seconds, cpu, human(obs / seconds).c_str(),
                        human(records / seconds).c_str(), human(records / cpu).c_str(),
                        human((obs - records) / seconds).c_str(),
                        static_cast<double>(r.maxRssKb) / 1024.0,
                        num(total, "bytes") / std::max(records, 1.0));
            std::fflush(stdout);
            if (!naive) {
                biggestDb = db;
                biggestHosts = hosts;
            } else {
                for (const char* suffix : {"", "-wal", "-shm"})
                    fs::remove(db + suffix);
            }
        }
        growth.push_back(std::move(g));
        if (scale != scales.back()) {
            for (const auto& f : feedFiles)
                fs::remove(f);
            const std::string db = dir + "/tapir-" + human(static_cast<double>(scale)) + ".db";
            for (const char* suffix : {"", "-wal", "-shm"})
                fs::remove(db + suffix);
        }
    }

    std::printf("\nGrowth: seconds per %s-observation file as the store grows (new records/s)\n",
                human(static_cast<double>(slice)).c_str());
    for (const auto& g : growth) {
        std::printf("scale %s\n%-5s | %13s %8s %8s %11s %11s | %13s %8s %8s %11s %11s\n",
                    human(static_cast<double>(g.scale)).c_str(), "file", "tapir records", "wall s",
                    "cpu s", "new/s", "new/cpu-s", "naive records", "wall s", "cpu s", "new/s",
                    "new/cpu-s");
        for (std::size_t i = 0; i < g.tapir.size(); ++i) {
            const auto& t = g.tapir[i];
            std::printf("%-5zu | %13.0f %8.2f %8.2f %11s %11s", i + 1, num(t, "records"),
                        num(t, "seconds"), num(t, "cpu"),
                        human(num(t, "new") / num(t, "seconds")).c_str(),
                        human(num(t, "new") / num(t, "cpu")).c_str());
            if (i < g.naive.size()) {
                const auto& n = g.naive[i];
                std::printf(" | %13.0f %8.2f %8.2f %11s %11s", num(n, "records"), num(n, "seconds"),
                            num(n, "cpu"), human(num(n, "new") / num(n, "seconds")).c_str(),
                            human(num(n, "new") / num(n, "cpu")).c_str());
            }
            std::printf("\n");
        }
    }

    {
        ChildResult r = runChild({self, "merge", "--count", "2M", "--hosts", "20k"});
        if (!r.lines.empty()) {
            const auto& m = r.lines.front();
            std::printf(
                "\nIn-memory merge (Aggregator alone): %s observations, %s merged, %s unique: "
                "%s observations/s, %s duplicates merged/s (add only)\n",
                human(num(m, "obs")).c_str(), human(num(m, "merged")).c_str(),
                human(num(m, "unique")).c_str(), human(num(m, "obs") / num(m, "seconds")).c_str(),
                human(num(m, "merged") / num(m, "add_seconds")).c_str());
        }
    }

    if (!biggestDb.empty()) {
        // Twice: as the imports left the OS page cache (the naive baseline's store, written
        // last, pushes part of Tapir's out of it: many first pages then come from disk), and
        // with the store read once beforehand, as an analyst's store is after a while.
        for (const bool warm : {false, true}) {
            if (warm) {
                for (const char* suffix : {"", "-wal"})
                    readThrough(biggestDb + suffix);
            }
            std::printf("\nQuery latency, first page (limit 100), store %s, %s\n",
                        biggestDb.c_str(),
                        warm ? "after reading the file once (warm page cache)"
                             : "page cache as the imports left it");
            std::printf("%-8s %10s %10s %10s %8s %6s  %s\n", "query", "p50 ms", "p99 ms", "max ms",
                        "rows", "hit", "example");
            ChildResult r =
                runChild({self, "query", "--db", biggestDb, "--hosts", std::to_string(biggestHosts),
                          "--seed", seedText, "--runs", args.text("runs", "200")});
            for (const auto& q : r.lines) {
                std::printf("%-8s %10.3f %10.3f %10.3f %8.1f %6.2f  %s\n", q.at("kind").c_str(),
                            num(q, "p50_ms"), num(q, "p99_ms"), num(q, "max_ms"), num(q, "rows"),
                            num(q, "hit"), q.at("example").c_str());
            }
        }
    }

    if (dnstapFrames > 0) {
        const std::string file = dir + "/frames.dnstap";
        runChild({gen, "--format", "dnstap", "--count", std::to_string(dnstapFrames), "--seed",
                  seedText, "-o", file});
        const std::string db = dir + "/dnstap.db";
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(db + suffix);
        std::printf("\ndnstap: %s frames, %.0f MB\n",
                    human(static_cast<double>(dnstapFrames)).c_str(),
                    static_cast<double>(fs::file_size(file)) / 1e6);
        std::printf("%-40s %8s %8s %12s %14s %10s\n", "what", "wall s", "cpu s", "frames/s",
                    "frames/cpu-s", "peak RSS");
        const ChildResult ldns = runChild({"dnstap-ldns", "-r", file}, true);
        const ChildResult parse = runChild({self, "parse", "--format", "dnstap", file});
        const ChildResult import =
            runChild({self, "import", "--db", db, "--flexible-index", flexible, file});
        const double frames = static_cast<double>(dnstapFrames);
        auto row = [&](const char* what, const ChildResult& r, double seconds) {
            std::printf("%-40s %8.2f %8.2f %12s %14s %8.0fMB\n", what, seconds, r.cpu,
                        human(frames / seconds).c_str(), human(frames / r.cpu).c_str(),
                        static_cast<double>(r.maxRssKb) / 1024.0);
        };
        if (ldns.status == 0)
            row("dnstap-ldns -r FILE > /dev/null", ldns, ldns.seconds);
        if (!parse.lines.empty())
            row("tapir dnstap reader alone", parse, num(parse.lines.back(), "seconds"));
        if (!import.lines.empty()) {
            row("tapir import end to end (new store)", import, num(import.lines.back(), "seconds"));
            std::printf("  (%.0f observations, %.0f records)\n", num(import.lines.back(), "obs"),
                        num(import.lines.back(), "records"));
        }
        if (args.text("keep") != "1") {
            fs::remove(file);
            for (const char* suffix : {"", "-wal", "-shm"})
                fs::remove(db + suffix);
        }
    }
    if (args.text("keep") != "1") {
        for (const auto& f : sortedFiles(dir, "cof-"))
            fs::remove(f);
        for (const auto& f : sortedFiles(dir, "tapir-"))
            fs::remove(f);
    }
    return 0;
}

constexpr std::string_view kUsage =
    "usage: tapir-bench suite [--dir D] [--scales 1M,10M] [--slice 1M] [--naive-max 10M]\n"
    "                         [--dnstap-frames 1M] [--hosts-factor X] [--runs N] [--keep 1]\n"
    "                         [--flexible-index on|off]\n"
    "       tapir-bench import [--flexible-index on|off] [--files-per-commit N] [--bulk on]\n"
    "                          [--seconds-per-commit S] --db DB FILE...\n"
    "       tapir-bench naive --db DB FILE...\n"
    "       tapir-bench parse [--format F] FILE...\n"
    "       tapir-bench merge [--count N] [--hosts N]\n"
    "       tapir-bench query --db DB --hosts N [--seed N] [--runs N] [--kinds K,K]\n"
    "                         [--slowest N]\n";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "%s", kUsage.data());
        return 2;
    }
    const std::string_view command = argv[1];
    const Args args = Args::parse(argc, argv, 2);
    std::error_code ec;
    const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
    if (command == "suite")
        return runSuite(args, self);
    if (command == "import")
        return runImport(args);
    if (command == "naive")
        return runNaive(args);
    if (command == "parse")
        return runParse(args);
    if (command == "merge")
        return runMerge(args);
    if (command == "query")
        return runQuery(args);
    std::fprintf(stderr, "%s", kUsage.data());
    return 2;
}
