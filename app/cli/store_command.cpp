// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

#include <ctime>
#include <iostream>

#include "common/time_format.h"
#include "dns/name.h"
#include "feeds/feed_reader.h"
#include "ingest/policy.h"
#include "ingest/retention.h"
#include "query/flexible_index.h"
#include "query/query_parser.h"
#include "store/database.h"

namespace tapir::cli {

int runSources(Context& context, Args args) {
    if (!args.empty())
        return usage("sources takes no arguments");
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    auto sources = db->sources();
    if (!sources) {
        std::cerr << "error: " << sources.error().describe() << "\n";
        return kFailed;
    }
    std::cout << "id\tstatus\tformat\tsize\tread\tskipped\tnew\timported_at\tpath\n";
    for (const auto& s : *sources) {
        std::cout << s.id << "\t" << s.status << "\t" << s.format << "\t" << s.size << "\t"
                  << s.recordsRead << "\t" << s.skipped << "\t" << s.newRecords << "\t"
                  << formatUtc(s.startedAt) << "\t" << s.path;
        if (!s.message.empty())
            std::cout << "\t" << s.message;
        std::cout << "\n";
    }
    return kOk;
}

int runPolicy(Context& context, Args args) {
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    auto policy = PrivacyPolicy::load(*db);
    if (!policy) {
        std::cerr << "error: " << policy.error().describe() << "\n";
        return kFailed;
    }
    bool changed = false;
    if (auto v = optionValue(args, "--drop-private")) {
        if (*v != "on" && *v != "off")
            return usage("--drop-private takes on or off");
        policy->dropPrivateAnswers = *v == "on";
        changed = true;
    }
    if (auto v = optionValue(args, "--internal")) {
        policy->internalSuffixes.clear();
        std::size_t start = 0;
        while (start <= v->size()) {
            auto end = v->find(',', start);
            if (end == std::string::npos)
                end = v->size();
            if (auto n = dns::normalizeName(v->substr(start, end - start))) {
                policy->internalSuffixes.push_back(*n);
            }
            start = end + 1;
        }
        changed = true;
    }
    if (!args.empty())
        return usage("unexpected argument '" + args[0] + "'");
    if (changed) {
        if (auto st = policy->save(*db); !st) {
            std::cerr << "error: " << st.error().describe() << "\n";
            return kFailed;
        }
    }
    std::cout << policy->describe() << "\n";
    return kOk;
}

int runFormats(Context&, Args args) {
    if (!args.empty())
        return usage("formats takes no arguments");
    for (const auto& f : feedFormats()) {
        std::cout << f.name << "\t" << f.description << "\n";
    }
    return kOk;
}

// index [on|off]: the flexible-search (trigram) index for glob and regex searches (new stores
// have it).
int runIndex(Context& context, Args args) {
    if (args.size() > 1 || (args.size() == 1 && args[0] != "on" && args[0] != "off"))
        return usage("index takes on, off or nothing");
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    Status st;
    auto deferred = db->setting(store::Database::kLookupIndexesDeferred);
    if (!deferred) {
        std::cerr << "error: " << deferred.error().describe() << "\n";
        return kFailed;
    }
    if (!args.empty() && args[0] == "on") {
        if (*deferred) {
            std::cerr << "building the lookup indexes an interrupted bulk import left out...\n";
            st = db->buildLookupIndexes();
            if (st)
                deferred->reset();
        }
        std::cerr << "building the flexible-search index (about 6 µs per name)...\n";
        NullProgress progress;
        if (st)
            st = FlexibleIndex::enable(*db, progress, cancelToken());
    } else if (!args.empty()) {
        st = FlexibleIndex::disable(*db);
    }
    if (!st) {
        std::cerr << "error: " << st.error().describe() << "\n";
        return st.error().code == ErrorCode::Cancelled ? kCancelled : kFailed;
    }
    auto on = FlexibleIndex::enabled(*db);
    auto names = FlexibleIndex::indexedNames(*db);
    if (!on || !names) {
        std::cerr << "error: " << (!on ? on.error() : names.error()).describe() << "\n";
        return kFailed;
    }
    if (*on) {
        std::cout << "flexible-search index: on (" << *names
                  << " names, and rdata values); glob:, re:, rdata-glob: and rdata-re: searches "
                     "with a literal of 3+ characters use it\n";
    } else {
        std::cout << "flexible-search index: off; glob and regex searches test every name or "
                     "rdata value\n";
    }
    if (*deferred) {
        std::cout << "lookup indexes: left out by an interrupted bulk import, so rdata, address "
                     "and prefix searches scan; the next import or `index on` builds them\n";
    }
    return kOk;
}

// prune --before TIME [--dry-run]: retention, deleting what was last seen before TIME.
int runPrune(Context& context, Args args) {
    const bool dryRun = takeFlag(args, "--dry-run");
    const auto before = optionValue(args, "--before");
    if (!before)
        return usage("prune needs --before TIME");
    if (!args.empty())
        return usage("unexpected argument '" + args[0] + "'");
    const auto cutoff = parseTimeBound(*before, std::time(nullptr));
    if (!cutoff)
        return usage("--before takes a date, an ISO time, epoch seconds or -90d, not '" + *before +
                     "'");
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    if (dryRun) {
        auto count = countRecordsLastSeenBefore(*db, *cutoff);
        auto stats = db->stats();
        if (!count || !stats) {
            std::cerr << "error: " << (!count ? count.error() : stats.error()).describe() << "\n";
            return kFailed;
        }
        std::cout << *count << " of " << stats->records << " records were last seen before "
                  << formatUtc(*cutoff) << " UTC\n";
        return kOk;
    }
    // pruneRecords counts what it will delete and says so first (its "file" is the date).
    class Announce final : public ProgressSink {
    public:
        void fileStarted(std::string_view what, std::uint64_t, std::uint64_t,
                         std::uint64_t total) override {
            std::cerr << "deleting " << total << " " << what << " UTC...\n";
        }
        void progressed(std::uint64_t, std::uint64_t) override {}
    } progress;
    auto report = pruneRecords(*db, *cutoff, progress, cancelToken());
    if (!report) {
        std::cerr << "error: " << report.error().describe() << "\n";
        return kFailed;
    }
    std::cout << (report->cancelled ? "cancelled after deleting " : "deleted ") << report->records
              << " records last seen before " << formatUtc(*cutoff) << " UTC, " << report->names
              << " names and " << report->rdata << " rdata values nothing refers to any more; "
              << report->remaining << " records remain\n";
    return report->cancelled ? kCancelled : kOk;
}

// retention [--keep 90d|off]: the window folder watchers keep.
int runRetention(Context& context, Args args) {
    const auto keep = optionValue(args, "--keep");
    if (!args.empty())
        return usage("unexpected argument '" + args[0] + "'");
    RetentionPolicy policy;
    if (keep && *keep != "off") {
        policy.keepSeconds = parseRetentionWindow(*keep);
        if (!policy.keepSeconds)
            return usage("--keep takes off or a length such as 90d, 2w, 12h or 3600, not '" +
                         *keep + "'");
    }
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    Status st;
    if (keep) {
        st = policy.save(*db);
    } else if (auto loaded = RetentionPolicy::load(*db); loaded) {
        policy = *loaded;
    } else {
        st = loaded.error();
    }
    if (!st) {
        std::cerr << "error: " << st.error().describe() << "\n";
        return kFailed;
    }
    std::cout << policy.describe() << "\n";
    return kOk;
}

}  // namespace tapir::cli
