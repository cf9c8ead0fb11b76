// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/monitors.h"

#include "common/time_format.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir {
namespace {

// The store's newest last seen (records_by_last), 0 when it is empty.
std::int64_t newestLastSeen(store::Database& db) {
    store::Statement q(db.handle(), "SELECT coalesce(max(last), 0) FROM records");
    q.step();
    return q.int64(0);
}

// A row of SELECT id, query, added, seen_until.
Monitor fromRow(const store::Statement& q) {
    Monitor m;
    m.id = q.int64(0);
    m.query = q.text(1);
    m.added = q.int64(2);
    m.seenUntil = q.int64(3);
    return m;
}

Error databaseError(store::Database& db, const store::DatabaseError& e) {
    return makeError(ErrorCode::Database, "monitors: " + e.message, db.path());
}

// "2026-11-26T17:27:42Z": a time the search syntax reads, and people too.
std::string isoTime(std::int64_t seconds) {
    std::string t = formatUtc(seconds);
    if (const auto space = t.find(' '); space != std::string::npos)
        t[space] = 'T';
    return t + "Z";
}

}  // namespace

Result<std::vector<Monitor>> Monitors::list(store::Database& db, bool counts) {
    std::vector<Monitor> out;
    try {
        store::Statement q(db.handle(),
                           "SELECT id, query, added, seen_until FROM monitors ORDER BY id");
        while (q.step()) {
            out.push_back(fromRow(q));
        }
    } catch (const store::DatabaseError& e) {
        return databaseError(db, e);
    }
    if (!counts)
        return out;
    RecordQuery query(db);
    for (Monitor& m : out) {
        auto all = parseQuery(m.query, 0);
        auto fresh = parseQuery(newRecordsQuery(m), 0);
        if (!all || !fresh) {
            m.error = "bad search: " + (!all ? all.error() : fresh.error()).message;
            continue;
        }
        auto records = query.count(*all);
        auto newRecords = query.count(*fresh);
        if (!records || !newRecords) {
            m.error = (!records ? records.error() : newRecords.error()).message;
            continue;
        }
        m.records = *records;
        m.newRecords = *newRecords;
    }
    return out;
}

Result<Monitor> Monitors::add(store::Database& db, const std::string& text, std::int64_t now) {
    auto spec = parseQuery(text, now);
    if (!spec)
        return spec.error();
    if (spec->after || spec->before || spec->strict)
        return makeError(ErrorCode::Syntax,
                         "a monitor keeps its own time window: leave out after:, before: and "
                         "mode:");
    try {
        store::Statement find(db.handle(),
                              "SELECT id, query, added, seen_until FROM monitors WHERE query = ?1");
        find.bind(1, text);
        if (find.step())
            return fromRow(find);
        Monitor m;
        m.query = text;
        m.added = now;
        m.seenUntil = newestLastSeen(db);
        store::Statement insert(
            db.handle(), "INSERT INTO monitors(query, added, seen_until) VALUES(?1, ?2, ?3)");
        insert.bind(1, m.query).bind(2, m.added).bind(3, m.seenUntil).run();
        store::Statement id(db.handle(), "SELECT last_insert_rowid()");
        id.step();
        m.id = id.int64(0);
        return m;
    } catch (const store::DatabaseError& e) {
        return databaseError(db, e);
    }
}

Status Monitors::remove(store::Database& db, std::int64_t id) {
    try {
        store::Statement(db.handle(), "DELETE FROM monitors WHERE id = ?1").bind(1, id).run();
        return {};
    } catch (const store::DatabaseError& e) {
        return databaseError(db, e);
    }
}

Status Monitors::markSeen(store::Database& db, std::int64_t id) {
    try {
        store::Statement q(db.handle(),
                           "UPDATE monitors SET seen_until = ?1 WHERE ?2 = 0 OR id = ?2");
        q.bind(1, newestLastSeen(db)).bind(2, id).run();
        return {};
    } catch (const store::DatabaseError& e) {
        return databaseError(db, e);
    }
}

std::string Monitors::newRecordsQuery(const Monitor& monitor) {
    // after: is inclusive; a record first seen at seen_until itself was there before.
    std::string q = monitor.query;
    if (!q.empty())
        q += ' ';
    return q + "mode:strict after:" + isoTime(monitor.seenUntil + 1);
}

}  // namespace tapir
