// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Pruning in two passes, each in short transactions:
//  1. Records, oldest last-seen first (records_by_last), a chunk at a time: each chunk is
//     sorted by primary key and deleted from records, record_sources and record_activity
//     (all keyed by the record), and the names and rdata values it referred to are kept
//     as candidates in temporary tables.
//  2. Candidates nothing refers to any more leave their dictionary: first rdata values (no
//     record has them), whose target names become candidates too, then names (no record,
//     rdata value or bailiwick has them). Each dictionary keeps its highest id, so SQLite
//     (max id + 1) never reuses an id: the flexible-search index and the lookalike scan
//     both take "ids above the last one seen" for new rows.
#include "ingest/retention.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <tuple>
#include <vector>

#include "common/time_format.h"
#include "query/flexible_index.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir {
namespace {

// Dictionary candidates per transaction.
constexpr std::int64_t kSweepChunk = 20'000;

struct Key {
    std::int64_t name = 0;
    std::int64_t type = 0;
    std::int64_t rdata = 0;
    std::int64_t bailiwick = 0;  // 0: none
};

void exec(store::Database& db, const char* sql) {
    store::Statement(db.handle(), sql).run();
}

std::int64_t changes(store::Database& db) {
    store::Statement q(db.handle(), "SELECT changes()");
    q.step();
    return q.int64(0);
}

// Deletes up to `chunk` of the oldest records last seen before `cutoff`; returns how many.
std::int64_t pruneChunk(store::Database& db, std::int64_t cutoff, std::int64_t chunk) {
    std::vector<Key> keys;
    {
        store::Statement pick(db.handle(),
                              "SELECT name_id, type, rdata_id, coalesce(bailiwick_id, 0) "
                              "FROM records WHERE last < ?1 ORDER BY last LIMIT ?2");
        pick.bind(1, cutoff).bind(2, chunk);
        while (pick.step()) {
            keys.push_back({pick.int64(0), pick.int64(1), pick.int64(2), pick.int64(3)});
        }
    }
    // In key order, so each table's B-tree is walked front to back.
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return std::tie(a.name, a.type, a.rdata) < std::tie(b.name, b.type, b.rdata);
    });
    constexpr const char* kWhere = " WHERE name_id = ?1 AND type = ?2 AND rdata_id = ?3";
    store::Statement records(db.handle(), std::string("DELETE FROM records") + kWhere);
    store::Statement sources(db.handle(), std::string("DELETE FROM record_sources") + kWhere);
    store::Statement activity(db.handle(), std::string("DELETE FROM record_activity") + kWhere);
    store::Statement name(db.handle(), "INSERT OR IGNORE INTO temp.prune_names(id) VALUES(?1)");
    store::Statement rdata(db.handle(), "INSERT OR IGNORE INTO temp.prune_rdata(id) VALUES(?1)");
    for (const Key& k : keys) {
        for (store::Statement* s : {&records, &sources, &activity}) {
            s->bind(1, k.name).bind(2, k.type).bind(3, k.rdata).run();
            s->reset();
        }
        name.bind(1, k.name).run();
        name.reset();
        if (k.bailiwick != 0) {
            name.bind(1, k.bailiwick).run();
            name.reset();
        }
        rdata.bind(1, k.rdata).run();
        rdata.reset();
    }
    return static_cast<std::int64_t>(keys.size());
}

// One dictionary's sweep: which candidates are unreferenced (`goneSql` selects them from
// `temp.prune_batch`), then out of the search index, then out of the table.
struct Sweep {
    const char* candidates;  // temp table of candidate ids
    const char* goneSql;     // SELECT id ... FROM temp.prune_batch c WHERE unreferenced
    const char* table;
    bool names;
};

constexpr Sweep kRdataSweep{
    "temp.prune_rdata",
    "SELECT c.id FROM temp.prune_batch c WHERE c.id < (SELECT max(id) FROM rdata) AND NOT "
    "EXISTS (SELECT 1 FROM records WHERE rdata_id = c.id)",
    "rdata", false};

constexpr Sweep kNamesSweep{
    "temp.prune_names",
    "SELECT c.id FROM temp.prune_batch c WHERE c.id < (SELECT max(id) FROM names) AND NOT "
    "EXISTS (SELECT 1 FROM records WHERE name_id = c.id) AND NOT EXISTS (SELECT 1 FROM rdata "
    "WHERE target_id = c.id) AND c.id NOT IN (SELECT id FROM temp.prune_bailiwicks)",
    "names", true};

// Records have no index by bailiwick, so the names that are some record's bailiwick (a few
// thousand zones) are listed once, in temp.prune_bailiwicks, instead of by a scan of the
// records in every transaction: pruning 695k of 1.6M records (346k names) took 25 s
// instead of 31 s (the names sweep about 11 s before). The list
// is read again inside any transaction that finds another connection (an import) has
// committed since (PRAGMA data_version), so it is exact where it is used.
void refreshBailiwicks(store::Database& db, std::int64_t& listedAt) {
    store::Statement version(db.handle(), "PRAGMA data_version");
    version.step();
    const std::int64_t now = version.int64(0);
    if (now == listedAt)
        return;
    exec(db, "DELETE FROM temp.prune_bailiwicks");
    exec(db,
         "INSERT INTO temp.prune_bailiwicks(id) SELECT DISTINCT bailiwick_id FROM records "
         "WHERE bailiwick_id IS NOT NULL");
    listedAt = now;
}

// Sweeps the candidates in id order, kSweepChunk per transaction; returns the rows deleted.
Result<std::uint64_t> sweep(store::Database& db, const Sweep& s) {
    std::uint64_t deleted = 0;
    std::int64_t bailiwicksOf = -1;  // data_version the bailiwick list was read at
    std::int64_t after = 0;
    for (;;) {
        if (auto st = db.begin(); !st)
            return st.error();
        try {
            exec(db, "DELETE FROM temp.prune_batch");
            store::Statement batch(db.handle(), std::string("INSERT INTO temp.prune_batch(id) "
                                                            "SELECT id FROM ") +
                                                    s.candidates +
                                                    " WHERE id > ?1 ORDER BY id LIMIT ?2");
            batch.bind(1, after).bind(2, kSweepChunk).run();
            if (changes(db) == 0) {
                if (auto st = db.commit(); !st)
                    return st.error();
                return deleted;
            }
            if (s.names)
                refreshBailiwicks(db, bailiwicksOf);
            store::Statement last(db.handle(), "SELECT max(id) FROM temp.prune_batch");
            last.step();
            after = last.int64(0);
            exec(db, "DELETE FROM temp.prune_gone");
            store::Statement(db.handle(),
                             std::string("INSERT INTO temp.prune_gone(id) ") + s.goneSql)
                .run();
            constexpr const char* kGone = "SELECT id FROM temp.prune_gone";
            if (!s.names) {
                // The names these values point at may have lost their last reference.
                exec(db,
                     "INSERT OR IGNORE INTO temp.prune_names(id) SELECT target_id FROM rdata "
                     "WHERE id IN (SELECT id FROM temp.prune_gone) AND target_id IS NOT NULL");
            }
            if (auto st = FlexibleIndex::forget(db, s.names ? kGone : "", s.names ? "" : kGone);
                !st) {
                db.rollback();
                return st.error();
            }
            store::Statement(db.handle(), std::string("DELETE FROM ") + s.table +
                                              " WHERE id IN (SELECT id FROM temp.prune_gone)")
                .run();
            deleted += static_cast<std::uint64_t>(changes(db));
        } catch (const store::DatabaseError& e) {
            db.rollback();
            return makeError(ErrorCode::Database,
                             std::string("pruning ") + s.table + ": " + e.message, db.path());
        }
        if (auto st = db.commit(); !st)
            return st.error();
    }
}

}  // namespace

Result<std::uint64_t> countRecordsLastSeenBefore(store::Database& db, std::int64_t cutoff) {
    try {
        store::Statement q(db.handle(), "SELECT count(*) FROM records WHERE last < ?1");
        q.bind(1, cutoff);
        q.step();
        return static_cast<std::uint64_t>(q.int64(0));
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "counting records: " + e.message, db.path());
    }
}

Result<PruneReport> pruneRecords(store::Database& db, std::int64_t cutoff, ProgressSink& progress,
                                 const CancelToken& cancel, std::int64_t chunk) {
    if (auto deferred = db.setting(store::Database::kLookupIndexesDeferred); !deferred) {
        return deferred.error();
    } else if (*deferred) {
        // Without records_by_rdata every rdata candidate would scan the records.
        if (auto st = db.buildLookupIndexes(); !st)
            return st.error();
    }
    auto total = countRecordsLastSeenBefore(db, cutoff);
    if (!total)
        return total.error();
    progress.fileStarted("records last seen before " + formatUtc(cutoff), 0, 1, *total);
    PruneReport report;
    try {
        for (const char* t :
             {"prune_names", "prune_rdata", "prune_batch", "prune_gone", "prune_bailiwicks"}) {
            exec(db,
                 (std::string("CREATE TEMP TABLE IF NOT EXISTS ") + t + "(id INTEGER PRIMARY KEY)")
                     .c_str());
            exec(db, (std::string("DELETE FROM temp.") + t).c_str());
        }
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "preparing to prune: " + e.message, db.path());
    }
    for (;;) {
        if (cancel.cancelled()) {
            report.cancelled = true;
            break;
        }
        if (auto st = db.begin(); !st)
            return st.error();
        std::int64_t n = 0;
        try {
            n = pruneChunk(db, cutoff, std::max<std::int64_t>(chunk, 1));
        } catch (const store::DatabaseError& e) {
            db.rollback();
            return makeError(ErrorCode::Database, "pruning records: " + e.message, db.path());
        }
        if (auto st = db.commit(); !st)
            return st.error();
        if (n == 0)
            break;
        report.records += static_cast<std::uint64_t>(n);
        progress.progressed(report.records, report.records);
    }
    // Also after a cancel: the chunks deleted so far leave their names and values behind.
    auto rdata = sweep(db, kRdataSweep);
    if (!rdata)
        return rdata.error();
    report.rdata = *rdata;
    auto names = sweep(db, kNamesSweep);
    if (!names)
        return names.error();
    report.names = *names;
    progress.committed();
    auto stats = db.stats();
    if (!stats)
        return stats.error();
    report.remaining = stats->records;
    return report;
}

namespace {
constexpr const char* kKeepSetting = "retention.keep_seconds";
struct Unit {
    char suffix;
    std::int64_t seconds;
};
constexpr Unit kUnits[] = {{'w', 604'800}, {'d', 86'400}, {'h', 3'600}, {'m', 60}, {'s', 1}};
}  // namespace

std::optional<std::int64_t> parseRetentionWindow(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    std::int64_t scale = 1;
    for (const Unit& u : kUnits) {
        if (text.back() == u.suffix) {
            scale = u.seconds;
            text.remove_suffix(1);
            break;
        }
    }
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n <= 0 ||
        n > INT64_MAX / scale / 2)
        return std::nullopt;
    return n * scale;
}

std::string formatRetentionWindow(std::int64_t seconds) {
    for (const Unit& u : kUnits) {
        if (seconds % u.seconds == 0)
            return std::to_string(seconds / u.seconds) + u.suffix;
    }
    return std::to_string(seconds) + "s";
}

Result<RetentionPolicy> RetentionPolicy::load(store::Database& db) {
    auto v = db.setting(kKeepSetting);
    if (!v)
        return v.error();
    RetentionPolicy p;
    if (*v)
        p.keepSeconds = parseRetentionWindow(**v);
    return p;
}

Status RetentionPolicy::save(store::Database& db) const {
    return db.setSetting(kKeepSetting, keepSeconds ? std::to_string(*keepSeconds) : "");
}

std::string RetentionPolicy::describe() const {
    if (!keepSeconds)
        return "retention: off; every record is kept";
    return "retention: " + formatRetentionWindow(*keepSeconds) +
           "; while folders are watched, records last seen longer ago are deleted";
}

}  // namespace tapir
