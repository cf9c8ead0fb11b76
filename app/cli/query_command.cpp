// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

#include <charconv>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <tuple>

#include "common/time_format.h"
#include "dns/rrtype.h"
#include "query/monitors.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "query/triage.h"
#include "report/cof_writer.h"
#include "report/csv_writer.h"
#include "store/database.h"

namespace tapir::cli {

namespace {

// --limit 0: every match (a bound SQLite takes, also added to an offset).
constexpr std::int64_t kEveryRecord = 1'000'000'000'000;

// How `query` prints: the options that apply to every query of a batch.
struct QueryOptions {
    std::optional<std::uint32_t> rrtype;
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> offset;  // dnsdbq -O: skip the first N records
    bool json = false;
    bool csv = false;
    // DNSDB's summarize verb (dnsdbq -V summarize): one summary of every match instead
    // of the records.
    bool summarize = false;
    // One row per rrname of the matches, summed up (subdomains, the names on an address).
    bool names = false;
};

// A number written with digits only (0 or more); empty for anything else.
std::optional<std::int64_t> wholeNumber(std::string_view text) {
    std::int64_t n = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 0)
        return std::nullopt;
    return n;
}

// A summary in dnsdbq's text form (present_text_summarize).
void printSummary(const RecordSummary& s, std::ostream& out) {
    if (s.records > 0)
        out << ";; record times: " << formatUtc(s.firstSeen) << " .. " << formatUtc(s.lastSeen)
            << "\n";
    out << ";; count: " << s.count << "; num_results: " << s.records << "\n";
}

// Where a command writes: FILE, or stdout for none or "-". nullptr (and a message) when
// FILE cannot be written.
std::ostream* openOutput(const std::optional<std::string>& path, std::ofstream& file) {
    if (!path || *path == "-")
        return &std::cout;
    file.open(*path, std::ios::binary);
    if (!file) {
        std::cerr << "error: cannot write " << *path << "\n";
        return nullptr;
    }
    return &file;
}

// What a command reads: FILE, or stdin for "-". nullptr (and a message) when FILE cannot
// be read.
std::istream* openInput(const std::string& path, std::ifstream& file) {
    if (path == "-")
        return &std::cin;
    file.open(path, std::ios::binary);
    if (!file) {
        std::cerr << "error: cannot read " << path << "\n";
        return nullptr;
    }
    return &file;
}

// Runs one parsed query and prints its records to `out`; the count or the problem goes to
// `status` ("3 record(s)", "error: ..."). Returns the exit code of a single query.
int runOne(RecordQuery& query, QuerySpec spec, const QueryOptions& options, std::ostream& out,
           std::string& status) {
    if (options.rrtype)
        spec.rrtype = *options.rrtype;
    if (options.limit)
        spec.limit = *options.limit;
    if (options.offset)
        spec.offset = *options.offset;
    if (options.summarize) {
        auto summary = query.summarize(spec);
        if (!summary) {
            status = "error: " + summary.error().describe();
            return kFailed;
        }
        if (options.csv)
            CsvWriter(out).writeSummary(*summary);
        else if (options.json)
            CofWriter(out).writeSummary(*summary);
        else
            printSummary(*summary, out);
        status = std::to_string(summary->records) + " record(s)";
        return summary->records == 0 ? kPartial : kOk;
    }
    if (options.names) {
        auto names = query.names(spec);
        if (!names) {
            status = "error: " + names.error().describe();
            return kFailed;
        }
        if (options.csv) {
            CsvWriter(out).writeNames(*names);
        } else if (options.json) {
            CofWriter(out).writeNames(*names);
        } else {
            for (const auto& n : *names) {
                out << formatUtc(n.summary.firstSeen) << "  " << formatUtc(n.summary.lastSeen)
                    << "  " << n.summary.count << "\t" << n.rrname << "\t" << n.summary.records
                    << " record(s)\t" << typeList(n.rrtypes) << "\n";
            }
        }
        status = std::to_string(names->size()) + " name(s)";
        return names->empty() ? kPartial : kOk;
    }
    auto records = query.run(spec);
    if (!records) {
        status = "error: " + records.error().describe();
        return kFailed;
    }
    if (options.csv) {
        CsvWriter w(out);
        w.writeHeader();
        w.write(*records);
    } else if (options.json) {
        CofWriter w(out);
        w.write(*records);
    } else {
        for (const auto& r : *records) {
            out << formatUtc(r.firstSeen) << "  " << formatUtc(r.lastSeen) << "  " << r.count
                << "\t" << r.rrname << "\t" << dns::typeName(r.rrtype) << "\t" << r.rdata << "\n";
        }
    }
    status = std::to_string(records->size()) + " record(s)";
    return records->empty() ? kPartial : kOk;
}

// Batch mode, as dnsdbq -f -m: one query per line of `in` (blank lines and lines starting
// with # skipped); each query's output is framed by "++ QUERY" and "-- STATUS" lines on
// stdout, so a script can split the stream. Every query runs on the same connection.
int runBatch(RecordQuery& query, std::istream& in, const QueryOptions& options, std::ostream& out) {
    std::string line;
    std::uint64_t queries = 0;
    std::uint64_t failed = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
            continue;
        if (cancelToken().cancelled())
            return kCancelled;
        ++queries;
        out << "++ " << line << "\n";
        auto spec = parseQuery(refangIndicator(line));
        if (!spec) {
            ++failed;
            out << "-- bad query: " << spec.error().message << " (at character "
                << spec.error().offset.value_or(0) + 1 << ")\n";
            continue;
        }
        std::string status;
        const int rc = runOne(query, std::move(*spec), options, out, status);
        out << "-- " << status << "\n";
        if (rc == kFailed)
            return kFailed;  // the store failed: the next queries would too
    }
    std::cerr << queries << " quer" << (queries == 1 ? "y" : "ies") << ", " << failed << " bad\n";
    return failed > 0 ? kPartial : kOk;
}

}  // namespace

int runQuery(Context& context, Args args) {
    auto csvPath = optionValue(args, "--csv");
    auto batch = optionValue(args, "--batch");
    QueryOptions options;
    options.json = takeFlag(args, "--json");
    options.summarize = takeFlag(args, "--summarize");
    options.names = takeFlag(args, "--names");
    options.csv = csvPath.has_value();
    auto type = optionValue(args, "--type");
    auto limit = optionValue(args, "--limit");
    auto offset = optionValue(args, "--offset");
    if (batch ? !args.empty() : args.size() != 1) {
        return usage(batch ? "query --batch takes no QUERY" : "query needs exactly one QUERY");
    }
    if (type && *type != "ANY") {
        auto t = dns::typeFromName(*type);
        if (!t)
            return usage("unknown RR type '" + *type + "'");
        options.rrtype = *t;
    }
    if (options.names && options.summarize)
        return usage("--names and --summarize do not go together");
    if ((limit || offset) && options.summarize)
        return usage("--summarize sums every match and takes no --limit or --offset");
    for (auto [text, value, name] : {std::tuple{&limit, &options.limit, "--limit"},
                                     std::tuple{&offset, &options.offset, "--offset"}}) {
        if (!*text)
            continue;
        const auto n = wholeNumber(**text);
        if (!n)
            return usage(std::string(name) + " takes a number (0 or more)");
        *value = *n;
    }
    if (options.limit == 0)
        options.limit = kEveryRecord;  // dnsdbq -l 0: as many as there are
    // A single query is checked before the store is opened: a typo costs nothing.
    std::optional<QuerySpec> single;
    if (!batch) {
        // A defanged indicator (evil[.]example, hxxps://...) is searched as what it stands
        // for (query/triage.h); a search is left as it is.
        const std::string text = refangIndicator(args[0]);
        auto spec = parseQuery(text);
        if (!spec) {
            std::cerr << "tapir-cli: bad query: " << spec.error().message << "\n  " << text
                      << "\n  " << std::string(spec.error().offset.value_or(0), ' ') << "^\n";
            return kUsage;
        }
        single = std::move(*spec);
    }
    std::ofstream file;
    std::ostream* out = openOutput(csvPath, file);
    if (out == nullptr)
        return kFailed;
    std::ifstream batchFile;
    std::istream* in = batch ? openInput(*batch, batchFile) : nullptr;
    if (batch && in == nullptr)
        return kFailed;
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    RecordQuery query(*db);
    if (batch)
        return runBatch(query, *in, options, *out);
    std::string status;
    const int rc = runOne(query, std::move(*single), options, *out, status);
    std::cerr << status << "\n";
    return rc;
}

// Indicator triage (query/triage.h): one summary per indicator of a list, as a table on
// stdout or as CSV.
int runTriage(Context& context, Args args) {
    const bool below = takeFlag(args, "--below");
    const bool json = takeFlag(args, "--json");
    auto csvPath = optionValue(args, "--csv");
    if (json && csvPath)
        return usage("triage writes --csv or --json, not both");
    if (args.size() != 1)
        return usage("triage needs one FILE of indicators (- for standard input)");
    std::ifstream inFile;
    std::istream* in = openInput(args[0], inFile);
    if (in == nullptr)
        return kFailed;
    const auto indicators = indicatorLines(std::string(std::istreambuf_iterator<char>(*in), {}));
    std::ofstream file;
    std::ostream* output = openOutput(csvPath, file);
    if (output == nullptr)
        return kFailed;
    std::ostream& out = *output;
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    RecordQuery query(*db);
    NullProgress progress;
    auto rows = triage(query, indicators, {.below = below}, progress, cancelToken());
    if (!rows) {
        std::cerr << "error: " << rows.error().describe() << "\n";
        return rows.error().code == ErrorCode::Cancelled ? kCancelled : kFailed;
    }
    std::uint64_t seen = 0;
    std::uint64_t bad = 0;
    if (csvPath)
        CsvWriter(out).writeTriage(*rows);
    else if (json)
        CofWriter(out).writeTriage(*rows);
    for (const auto& row : *rows) {
        const RecordSummary& s = row.summary;
        seen += s.records > 0 ? 1 : 0;
        bad += row.error.empty() ? 0 : 1;
        if (csvPath || json)
            continue;
        if (!row.error.empty()) {
            out << row.indicator << "\tbad: " << row.error << "\n";
            continue;
        }
        out << row.indicator << "\t" << s.records << " record(s)\t" << s.count << " seen";
        if (s.records > 0)
            out << "\t" << formatUtc(s.firstSeen) << " .. " << formatUtc(s.lastSeen);
        if (row.query != row.indicator)
            out << "\t(" << row.query << ")";
        out << "\n";
    }
    std::cerr << rows->size() << " indicator(s): " << seen << " seen, " << bad << " bad\n";
    return bad > 0 ? kPartial : kOk;
}

int runExport(Context& context, Args args) {
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
    if (csvPath)
        csv.writeHeader();
    QuerySpec spec;
    spec.sort = QuerySpec::Sort::Name;
    spec.descending = false;
    spec.limit = 50000;
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    RecordQuery query(*db);
    std::uint64_t total = 0;
    for (;;) {
        auto page = query.run(spec);
        if (!page) {
            std::cerr << "error: " << page.error().describe() << "\n";
            return kFailed;
        }
        if (csvPath)
            csv.write(*page);
        else
            cof.write(*page);
        total += page->size();
        if (static_cast<std::int64_t>(page->size()) < spec.limit)
            break;
        spec.offset += spec.limit;
    }
    std::cerr << total << " record(s) written to " << path << "\n";
    return out ? kOk : kFailed;
}

// Monitors (query/monitors.h): searches kept watch on, and their records first seen since.
//   monitors [list] | add QUERY | remove ID | seen ID|all
//   monitors new [--csv FILE|- | --json] [--mark-seen]
int runMonitors(Context& context, Args args) {
    const std::string verb = args.empty() ? "list" : args[0];
    if (!args.empty())
        args.erase(args.begin());
    const bool markSeen = takeFlag(args, "--mark-seen");
    QueryOptions options;
    options.json = takeFlag(args, "--json");
    auto csvPath = optionValue(args, "--csv");
    options.csv = csvPath.has_value();
    options.limit = kEveryRecord;
    // A monitor's id (0: the argument is not one).
    const std::int64_t id = args.size() == 1 ? wholeNumber(args[0]).value_or(0) : 0;
    const bool oneId = id > 0;
    bool fits = false;  // the arguments the verb takes
    if (verb == "list" || verb == "new")
        fits = args.empty();
    else if (verb == "add")
        fits = args.size() == 1;
    else if (verb == "remove")
        fits = oneId;
    else if (verb == "seen")
        fits = oneId || (args.size() == 1 && args[0] == "all");
    else
        return usage("unknown monitors command '" + verb + "'");
    if (!fits || (verb != "new" && (markSeen || options.json || options.csv)))
        return usage(
            "monitors [list] | add QUERY | remove ID | seen ID|all | new [--csv FILE|- | "
            "--json] [--mark-seen]");
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    const auto fail = [](const Error& e) {
        std::cerr << "error: " << e.describe() << "\n";
        return e.code == ErrorCode::Syntax ? kUsage : kFailed;
    };
    if (verb == "add") {
        auto m = Monitors::add(*db, refangIndicator(args[0]), std::time(nullptr));
        if (!m)
            return fail(m.error());
        std::cout << "monitor " << m->id << ": " << m->query << " (new: first seen after "
                  << formatUtc(m->seenUntil) << " UTC)\n";
        return kOk;
    }
    if (verb == "remove" || verb == "seen") {
        const std::int64_t which = id;  // seen all: 0
        const Status st =
            verb == "remove" ? Monitors::remove(*db, which) : Monitors::markSeen(*db, which);
        return st ? kOk : fail(st.error());
    }
    auto monitors = Monitors::list(*db, true);
    if (!monitors)
        return fail(monitors.error());
    if (verb == "list") {
        std::cout << "id\tnew\trecords\tseen_until\tquery\n";
        bool failed = false;
        for (const auto& m : *monitors) {
            std::cout << m.id << "\t" << (m.error.empty() ? std::to_string(m.newRecords) : "-")
                      << "\t" << (m.error.empty() ? std::to_string(m.records) : "-") << "\t"
                      << formatUtc(m.seenUntil) << "\t" << m.query;
            if (!m.error.empty())
                std::cout << "\terror: " << m.error;
            std::cout << "\n";
            failed = failed || !m.error.empty();
        }
        return failed ? kPartial : kOk;
    }
    // new: each monitor with new records, framed as a batch query is.
    std::ofstream file;
    std::ostream* out = openOutput(csvPath, file);
    if (out == nullptr)
        return kFailed;
    RecordQuery query(*db);
    for (const auto& m : *monitors) {
        if (!m.error.empty())
            std::cerr << "monitor " << m.id << " " << m.query << ": " << m.error << "\n";
        if (m.newRecords == 0)
            continue;
        auto spec = parseQuery(Monitors::newRecordsQuery(m), 0);
        if (!spec)
            return fail(spec.error());
        *out << "++ " << m.query << "\n";
        std::string status;
        if (runOne(query, std::move(*spec), options, *out, status) == kFailed) {
            std::cerr << status << "\n";
            return kFailed;
        }
        *out << "-- " << m.newRecords << " new record(s)\n";
        if (markSeen) {
            if (auto st = Monitors::markSeen(*db, m.id); !st)
                return fail(st.error());
        }
    }
    return kOk;
}

}  // namespace tapir::cli
