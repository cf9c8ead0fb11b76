// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// tapir-cli: the engine without a GUI, for scripts. Exit codes:
//   0 success; 1 some input could not be imported (others were); 2 usage error;
//   3 database cannot be opened or is from a newer Tapir; 4 cancelled (SIGINT);
//   5 query or export failed.

#include <algorithm>
#include <csignal>
#include <optional>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/paths.h"
#include "common/progress.h"
#include "common/time_format.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "feeds/feed_reader.h"
#include "ingest/importer.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "report/cof_writer.h"
#include "report/csv_writer.h"
#include "store/database.h"

namespace {

using namespace tapir;

enum Exit { kOk = 0, kPartial = 1, kUsage = 2, kDatabase = 3, kCancelled = 4, kFailed = 5 };

CancelToken g_cancel;

extern "C" void onSignal(int) { g_cancel.cancel(); }

constexpr const char* kUsageText = R"(usage: tapir-cli [--db PATH] COMMAND [ARGS]

Commands:
  import [--format F] FILE|DIR...   import feed files (directories recursively)
  query QUERY [--type T] [--limit N] [--csv FILE | --json]
                                    QUERY: NAME (exact), *.SUFFIX, PREFIX.*,
                                    ip:ADDR[/LEN], rdata:NAME
  export --csv FILE | --json FILE   write every record
  sources                           list imported files
  formats                           list supported feed formats
  policy [--drop-private on|off] [--internal SUFFIX,...]
                                    show or change the anonymisation policy

Options:
  --db PATH    database file (default: )";

// Prints progress to stderr, at most a few times a second, when stderr is a terminal.
class TerminalProgress final : public ProgressSink {
public:
    void fileStarted(std::string_view path, std::uint64_t index, std::uint64_t count,
                     std::uint64_t) override {
        std::cerr << "[" << index + 1 << "/" << count << "] " << path << "\n";
    }
    void progressed(std::uint64_t, std::uint64_t) override {}
};

struct Args {
    std::vector<std::string> items;
    std::size_t pos = 0;
    bool more() const { return pos < items.size(); }
    const std::string& next() { return items[pos++]; }
};

std::optional<std::string> optionValue(std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == name) {
            std::string v = args[i + 1];
            args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
            return v;
        }
    }
    return std::nullopt;
}

bool takeFlag(std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            args.erase(args.begin() + static_cast<long>(i));
            return true;
        }
    }
    return false;
}

int usage(const std::string& message) {
    if (!message.empty()) {
        std::cerr << "tapir-cli: " << message << "\n";
    }
    std::cerr << kUsageText << defaultDatabasePath() << ")\n";
    return kUsage;
}

void printFileReport(const FileReport& f) {
    std::cout << f.path << ": " << statusName(f.status);
    if (!f.format.empty()) std::cout << " (" << f.format;
    if (!f.compression.empty() && f.compression != "none") std::cout << ", " << f.compression;
    if (!f.format.empty()) std::cout << ")";
    if (f.status == FileStatus::Imported) {
        std::cout << ": " << f.stats.recordsRead << " read, " << f.stats.observations
                  << " observations, " << f.uniqueKeys << " unique, " << f.newRecords << " new records, "
                  << f.stats.skipped << " skipped, " << f.filtered << " filtered by policy";
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
        std::cerr << "  ... and " << f.stats.skipped - f.stats.issues.size() << " more bad records\n";
    }
    if (f.error) {
        std::cerr << "error: " << f.error->describe() << "\n";
    }
}

int cmdImport(store::Database& db, std::vector<std::string> args) {
    ImportOptions options;
    if (auto f = optionValue(args, "--format")) {
        if (findFormat(*f) == nullptr) {
            return usage("unknown format '" + *f + "' (see tapir-cli formats)");
        }
        options.format = *f;
    }
    if (args.empty()) {
        return usage("import needs at least one file or directory");
    }
    TerminalProgress progress;
    Importer importer(db);
    ImportReport report = importer.importPaths(args, options, progress, g_cancel);
    for (const auto& e : report.errors) {
        std::cerr << "error: " << e.describe() << "\n";
    }
    for (const auto& f : report.files) {
        printFileReport(f);
    }
    std::cout << "total: " << report.count(FileStatus::Imported) << " imported, "
              << report.count(FileStatus::AlreadyImported) << " already imported, "
              << report.count(FileStatus::Failed) << " failed; " << report.recordsRead()
              << " records read, " << report.newRecords() << " new records, " << report.skipped()
              << " skipped\n";
    if (report.cancelled) return kCancelled;
    if (report.count(FileStatus::Failed) > 0 || !report.errors.empty()) return kPartial;
    return kOk;
}

int cmdQuery(store::Database& db, std::vector<std::string> args) {
    auto csvPath = optionValue(args, "--csv");
    const bool json = takeFlag(args, "--json");
    auto type = optionValue(args, "--type");
    auto limit = optionValue(args, "--limit");
    if (args.size() != 1) {
        return usage("query needs exactly one QUERY");
    }
    auto spec = parseQuery(args[0]);
    if (!spec) {
        std::cerr << "tapir-cli: bad query: " << spec.error().message << "\n  " << args[0]
                  << "\n  " << std::string(spec.error().offset.value_or(0), ' ') << "^\n";
        return kUsage;
    }
    if (type && *type != "ANY") {
        auto t = dns::typeFromName(*type);
        if (!t) return usage("unknown RR type '" + *type + "'");
        spec->rrtype = *t;
    }
    spec->limit = limit ? std::stoll(*limit) : 10000;
    RecordQuery query(db);
    auto records = query.run(*spec);
    if (!records) {
        std::cerr << "error: " << records.error().describe() << "\n";
        return kFailed;
    }
    if (csvPath) {
        std::ofstream out(*csvPath, std::ios::binary);
        if (!out) {
            std::cerr << "error: cannot write " << *csvPath << "\n";
            return kFailed;
        }
        CsvWriter w(out);
        w.writeHeader();
        w.write(*records);
    } else if (json) {
        CofWriter w(std::cout);
        w.write(*records);
    } else {
        for (const auto& r : *records) {
            std::cout << formatUtc(r.firstSeen) << "  " << formatUtc(r.lastSeen) << "  " << r.count
                      << "\t" << r.rrname << "\t" << dns::typeName(r.rrtype) << "\t" << r.rdata
                      << "\n";
        }
    }
    std::cerr << records->size() << " record(s)\n";
    return records->empty() ? kPartial : kOk;
}

int cmdExport(store::Database& db, std::vector<std::string> args) {
    auto csvPath = optionValue(args, "--csv");
    auto jsonPath = optionValue(args, "--json");
    if (!csvPath && !jsonPath) {
        return usage("export needs --csv FILE or --json FILE");
    }
    const std::string path = csvPath ? *csvPath : *jsonPath;
    std::ofstream out(path, std::ios::binary);
    if (!out) {
        std::cerr << "error: cannot write " << path << "\n";
        return kFailed;
    }
    CsvWriter csv(out);
    CofWriter cof(out);
    if (csvPath) csv.writeHeader();
    QuerySpec spec;
    spec.sort = QuerySpec::Sort::Name;
    spec.descending = false;
    spec.limit = 50000;
    RecordQuery query(db);
    std::uint64_t total = 0;
    for (;;) {
        auto page = query.run(spec);
        if (!page) {
            std::cerr << "error: " << page.error().describe() << "\n";
            return kFailed;
        }
        if (csvPath) csv.write(*page); else cof.write(*page);
        total += page->size();
        if (static_cast<std::int64_t>(page->size()) < spec.limit) break;
        spec.offset += spec.limit;
    }
    std::cerr << total << " record(s) written to " << path << "\n";
    return out ? kOk : kFailed;
}

int cmdSources(store::Database& db) {
    auto sources = db.sources();
    if (!sources) {
        std::cerr << "error: " << sources.error().describe() << "\n";
        return kFailed;
    }
    std::cout << "id\tstatus\tformat\tsize\tread\tskipped\tnew\timported_at\tpath\n";
    for (const auto& s : *sources) {
        std::cout << s.id << "\t" << s.status << "\t" << s.format << "\t" << s.size << "\t"
                  << s.recordsRead << "\t" << s.skipped << "\t" << s.newRecords << "\t"
                  << formatUtc(s.startedAt) << "\t" << s.path;
        if (!s.message.empty()) std::cout << "\t" << s.message;
        std::cout << "\n";
    }
    return kOk;
}

int cmdPolicy(store::Database& db, std::vector<std::string> args) {
    auto policy = PrivacyPolicy::load(db);
    if (!policy) {
        std::cerr << "error: " << policy.error().describe() << "\n";
        return kFailed;
    }
    bool changed = false;
    if (auto v = optionValue(args, "--drop-private")) {
        if (*v != "on" && *v != "off") return usage("--drop-private takes on or off");
        policy->dropPrivateAnswers = *v == "on";
        changed = true;
    }
    if (auto v = optionValue(args, "--internal")) {
        policy->internalSuffixes.clear();
        std::size_t start = 0;
        while (start <= v->size()) {
            auto end = v->find(',', start);
            if (end == std::string::npos) end = v->size();
            if (auto n = dns::normalizeName(v->substr(start, end - start))) {
                policy->internalSuffixes.push_back(*n);
            }
            start = end + 1;
        }
        changed = true;
    }
    if (!args.empty()) return usage("unexpected argument '" + args[0] + "'");
    if (changed) {
        if (auto st = policy->save(db); !st) {
            std::cerr << "error: " << st.error().describe() << "\n";
            return kFailed;
        }
    }
    std::cout << policy->describe() << "\n";
    return kOk;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (takeFlag(args, "--help") || takeFlag(args, "-h")) {
        usage("");
        return kOk;
    }
    std::string dbPath = optionValue(args, "--db").value_or(defaultDatabasePath());
    if (args.empty()) {
        return usage("no command given");
    }
    const std::string command = args.front();
    args.erase(args.begin());
    if (command == "formats") {
        for (const auto& f : feedFormats()) {
            std::cout << f.name << "\t" << f.description << "\n";
        }
        return kOk;
    }
    static const std::vector<std::string> kCommands = {"import", "query", "export", "sources", "policy"};
    if (std::find(kCommands.begin(), kCommands.end(), command) == kCommands.end()) {
        return usage("unknown command '" + command + "'");
    }
    auto db = store::Database::open(dbPath);
    if (!db) {
        std::cerr << "error: " << db.error().describe() << "\n";
        return kDatabase;
    }
    if (command == "import") return cmdImport(**db, args);
    if (command == "query") return cmdQuery(**db, args);
    if (command == "export") return cmdExport(**db, args);
    if (command == "sources") return cmdSources(**db);
    return cmdPolicy(**db, args);
}
