// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// tapir-cli brands | alerts | check: the lookalike watchlist, its alerts, and scoring of
// names that are not stored (issue 8).
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_common.h"
#include "common/time_format.h"
#include "dns/name.h"
#include "lookalike/confusable_skeleton.h"
#include "lookalike/lookalike_scanner.h"
#include "lookalike/lookalike_store.h"
#include "lookalike/public_suffix_list.h"
#include "report/csv_writer.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir::cli {
namespace {

using lookalike::LookalikeScanner;
using lookalike::LookalikeStore;

// A CSV cell, quoted only when it has to be (and formula-neutralised like CsvWriter).
std::string cell(std::string_view v) {
    const bool plain =
        v.find_first_of(",\"\r\n") == std::string_view::npos &&
        (v.empty() || std::string_view("=+-@\t").find(v.front()) == std::string_view::npos);
    return plain ? std::string(v) : CsvWriter::field(v);
}

std::vector<std::string> splitWords(const std::string& line) {
    std::vector<std::string> words;
    std::string w;
    for (char c : line) {
        if (c == '#')
            break;
        if (c == ' ' || c == '\t' || c == ',' || c == '\r') {
            if (!w.empty())
                words.push_back(std::move(w));
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty())
        words.push_back(std::move(w));
    return words;
}

int printScan(const Result<lookalike::ScanReport>& report) {
    if (!report) {
        std::cerr << "error: " << report.error().describe() << "\n";
        return kFailed;
    }
    std::cerr << (report->full ? "rescanned " : "scanned ") << report->namesScanned << " names in "
              << report->seconds << " s: " << report->newAlerts << " new alerts, "
              << report->updatedAlerts << " updated, " << report->suppressed
              << " suppressed as the brand's own infrastructure, " << report->droppedAlerts
              << " dropped\n";
    if (report->cancelled) {
        std::cerr << "scan cancelled; the next scan resumes where it stopped\n";
        return kCancelled;
    }
    return kOk;
}

int rescanAfterChange(store::Database& db) {
    LookalikeScanner scanner(db);
    return printScan(scanner.scanNewNames(nullptr, &cancelToken()));
}

}  // namespace

int runBrands(Context& context, Args args) {
    if (args.empty())
        return usage("brands needs add, remove, list or import");
    const std::string sub = args.front();
    args.erase(args.begin());
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    LookalikeStore store(*db);
    if (sub == "list") {
        if (!args.empty())
            return usage("brands list takes no arguments");
        auto brands = store.brands();
        if (!brands) {
            std::cerr << "error: " << brands.error().describe() << "\n";
            return kFailed;
        }
        for (const auto& b : *brands) {
            std::cout << b.name;
            for (const auto& d : b.domains)
                std::cout << "\t" << d;
            std::cout << "\n";
        }
        return kOk;
    }
    std::vector<lookalike::Brand> specs;
    if (sub == "add") {
        if (args.empty())
            return usage("brands add needs NAME [DOMAIN...]");
        auto spec = lookalike::parseBrand(args);
        if (!spec)
            return usage(spec.error().message);
        specs.push_back(std::move(*spec));
    } else if (sub == "import") {
        if (args.size() != 1)
            return usage("brands import needs one FILE");
        std::ifstream in(args[0]);
        if (!in) {
            std::cerr << "error: cannot read " << args[0] << "\n";
            return kFailed;
        }
        std::string line;
        std::uint64_t lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            const auto words = splitWords(line);
            if (words.empty())
                continue;
            auto spec = lookalike::parseBrand(words);
            if (!spec) {
                std::cerr << args[0] << ":" << lineNo << ": " << spec.error().message << "\n";
                return kUsage;
            }
            specs.push_back(std::move(*spec));
        }
    } else if (sub == "remove") {
        if (args.empty())
            return usage("brands remove needs NAME...");
        for (const auto& a : args) {
            auto normal = dns::normalizeName(a).value_or(a);
            if (normal.find('.') != std::string::npos) {
                const auto r = lookalike::PublicSuffixList::instance().registrableDomain(normal);
                normal = std::string(r.substr(0, r.find('.')));
            }
            if (auto st = store.removeBrand(normal); !st) {
                std::cerr << "error: " << st.error().describe() << "\n";
                return st.error().code == ErrorCode::NotFound ? kPartial : kFailed;
            }
        }
        return rescanAfterChange(*db);
    } else {
        return usage("unknown brands command '" + sub + "'");
    }
    if (auto st = db->begin(); !st) {
        std::cerr << "error: " << st.error().describe() << "\n";
        return kFailed;
    }
    for (const auto& s : specs) {
        if (auto st = store.addBrand(s.name, s.domains); !st) {
            db->rollback();
            std::cerr << "error: " << st.error().describe() << "\n";
            return kFailed;
        }
    }
    if (auto st = db->commit(); !st) {
        std::cerr << "error: " << st.error().describe() << "\n";
        return kFailed;
    }
    std::cerr << specs.size() << (specs.size() == 1 ? " brand" : " brands") << " added\n";
    return rescanAfterChange(*db);
}

int runAlerts(Context& context, Args args) {
    const bool rescan = takeFlag(args, "--rescan");
    auto tier = optionValue(args, "--tier");
    auto status = optionValue(args, "--status");
    auto brand = optionValue(args, "--brand");
    auto limit = optionValue(args, "--limit");
    auto csvPath = optionValue(args, "--csv");
    auto note = optionValue(args, "--note");
    auto mark = optionValue(args, "--mark");
    lookalike::AlertFilter filter;
    if (tier) {
        filter.minTier = lookalike::tierFromName(*tier);
        if (!filter.minTier || *filter.minTier == lookalike::Tier::None) {
            return usage("--tier takes low, medium or high");
        }
    }
    if (status) {
        filter.status = lookalike::alertStatusFromName(*status);
        if (!filter.status) {
            return usage("--status takes new, acknowledged, false_positive or confirmed");
        }
    }
    if (brand)
        filter.brand = *brand;
    if (limit) {
        try {
            filter.limit = static_cast<std::size_t>(std::stoull(*limit));
        } catch (const std::exception&) {
            return usage("--limit takes a number");
        }
    }
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    LookalikeStore store(*db);
    if (mark) {
        // --mark ID STATUS [--note TEXT]
        if (args.size() != 1)
            return usage("alerts --mark ID STATUS [--note TEXT]");
        auto newStatus = lookalike::alertStatusFromName(args[0]);
        if (!newStatus)
            return usage("unknown status '" + args[0] + "'");
        std::int64_t id = 0;
        try {
            id = std::stoll(*mark);
        } catch (const std::exception&) {
            return usage("--mark takes an alert id");
        }
        if (auto st = store.setAlertStatus(id, *newStatus, note); !st) {
            std::cerr << "error: " << st.error().describe() << "\n";
            return st.error().code == ErrorCode::NotFound ? kPartial : kFailed;
        }
        return kOk;
    }
    if (!args.empty())
        return usage("unexpected argument '" + args[0] + "'");
    LookalikeScanner scanner(*db);
    const int scanned = printScan(rescan ? scanner.rescan(nullptr, &cancelToken())
                                         : scanner.scanNewNames(nullptr, &cancelToken()));
    if (scanned != kOk)
        return scanned;
    auto alerts = store.alerts(filter);
    if (!alerts) {
        std::cerr << "error: " << alerts.error().describe() << "\n";
        return kFailed;
    }
    if (csvPath) {
        std::ofstream out(*csvPath, std::ios::binary);
        if (!out) {
            std::cerr << "error: cannot write " << *csvPath << "\n";
            return kFailed;
        }
        out << "id,name,unicode_name,brand,technique,score,tier,status,note,created,reasons\r\n";
        for (const auto& a : *alerts) {
            out << a.id << ',' << CsvWriter::field(a.name) << ','
                << CsvWriter::field(lookalike::ConfusableSkeleton::displayName(a.name)) << ','
                << CsvWriter::field(a.brand) << ',' << a.technique << ',' << a.score << ','
                << a.tier << ',' << lookalike::alertStatusName(a.status) << ','
                << CsvWriter::field(a.note) << ',' << CsvWriter::field(formatUtc(a.created)) << ','
                << CsvWriter::field(a.reasons) << "\r\n";
        }
        std::cerr << alerts->size() << " alerts written to " << *csvPath << "\n";
        return kOk;
    }
    std::cout << "id\ttier\tscore\tstatus\ttechnique\tbrand\tname\tunicode\treasons\n";
    for (const auto& a : *alerts) {
        std::cout << a.id << '\t' << a.tier << '\t' << a.score << '\t'
                  << lookalike::alertStatusName(a.status) << '\t' << a.technique << '\t' << a.brand
                  << '\t' << a.name << '\t' << lookalike::ConfusableSkeleton::displayName(a.name)
                  << '\t' << a.reasons << "\n";
    }
    return kOk;
}

int runCheck(Context& context, Args args) {
    const bool explain = takeFlag(args, "--explain");
    const bool stats = takeFlag(args, "--stats");
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    LookalikeScanner scanner(*db);
    if (auto st = scanner.load(); !st) {
        std::cerr << "error: " << st.error().describe() << "\n";
        return kFailed;
    }
    if (scanner.matcher()->empty()) {
        std::cerr << "tapir-cli: the watchlist is empty (tapir-cli brands add NAME); only "
                     "invalid and mixed-script IDN names can match\n";
    }
    std::ostringstream buffer;
    std::cout << "name,brand,technique,score,tier" << (explain ? ",reasons" : "") << "\n";
    std::uint64_t names = 0;
    std::uint64_t alerts = 0;
    const auto started = std::chrono::steady_clock::now();
    // Reads in batches of one read transaction each: SQLite then locks once per batch, not
    // once per query, and writers are held up for no longer than a batch.
    store::Statement beginRead(db->handle(), "BEGIN");
    store::Statement endRead(db->handle(), "COMMIT");
    beginRead.run();
    auto one = [&](const std::string& name) -> bool {
        if (names % 4096 == 4095) {
            endRead.run();
            beginRead.run();
        }
        auto m = scanner.assess(name);
        if (!m) {
            std::cerr << "error: " << m.error().describe() << "\n";
            return false;
        }
        ++names;
        alerts += m->alert() ? 1 : 0;
        std::cout << cell(name) << ',' << cell(m->alert() ? m->brandName : std::string()) << ','
                  << lookalike::techniqueName(m->alert() ? m->technique
                                                         : lookalike::Technique::None)
                  << ',' << (m->alert() ? m->score : 0) << ','
                  << lookalike::tierName(m->alert() ? m->tier : lookalike::Tier::None);
        if (explain)
            std::cout << ',' << cell(m->reasonText());
        std::cout << '\n';
        return true;
    };
    if (args.empty() || (args.size() == 1 && args[0] == "-")) {
        std::ios::sync_with_stdio(false);
        std::string line;
        while (std::getline(std::cin, line)) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
            if (line.empty())
                continue;
            if (!one(line))
                return kFailed;
            if (cancelToken().cancelled())
                return kCancelled;
        }
    } else {
        for (const auto& a : args) {
            if (!one(a))
                return kFailed;
        }
    }
    endRead.run();
    std::cout.flush();
    if (stats) {
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cerr << names << " names, " << alerts << " alerts, " << s << " s, "
                  << (s > 0 ? static_cast<double>(names) / s : 0.0) << " names/s\n";
    }
    return kOk;
}

}  // namespace tapir::cli
