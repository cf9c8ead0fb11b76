// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

#include <fstream>
#include <iostream>

#include "common/time_format.h"
#include "dns/rrtype.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "report/cof_writer.h"
#include "report/csv_writer.h"
#include "store/database.h"

namespace tapir::cli {

int runQuery(Context& context, Args args) {
    auto csvPath = optionValue(args, "--csv");
    const bool json = takeFlag(args, "--json");
    auto type = optionValue(args, "--type");
    auto limit = optionValue(args, "--limit");
    if (args.size() != 1) {
        return usage("query needs exactly one QUERY");
    }
    auto spec = parseQuery(args[0]);
    if (!spec) {
        std::cerr << "tapir-cli: bad query: " << spec.error().message << "\n  " << args[0] << "\n  "
                  << std::string(spec.error().offset.value_or(0), ' ') << "^\n";
        return kUsage;
    }
    if (type && *type != "ANY") {
        auto t = dns::typeFromName(*type);
        if (!t)
            return usage("unknown RR type '" + *type + "'");
        spec->rrtype = *t;
    }
    if (limit) {
        try {
            spec->limit = std::stoll(*limit);
        } catch (const std::exception&) {
            return usage("--limit takes a number");
        }
    }
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    RecordQuery query(*db);
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

}  // namespace tapir::cli
