// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/record_query.h"

#include "query/regex_function.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir {
namespace {

// Builds the SQL for a spec. Only constant fragments go into the text; every user value is
// bound as a parameter (?1 name/low key, ?2 high key, ?3 type, ?4 after, ?5 before,
// ?6 limit, ?7 offset).
enum class Select { Rows, Count, Matches };

std::string buildSql(const QuerySpec& spec, Select select) {
    const bool countOnly = select != Select::Rows;
    std::string sql = select == Select::Count ? "SELECT count(*) FROM records r"
                      : select == Select::Matches
                          ? "SELECT 1 FROM records r"
                          : "SELECT n.name, r.type, d.value, coalesce(b.name, ''), r.first, "
                            "r.last, r.count, (SELECT count(*) FROM record_sources rs "
                            "WHERE rs.name_id = r.name_id AND rs.type = r.type AND "
                            "rs.rdata_id = r.rdata_id) FROM records r "
                            "JOIN names n ON n.id = r.name_id "
                            "JOIN rdata d ON d.id = r.rdata_id "
                            "LEFT JOIN names b ON b.id = r.bailiwick_id";
    sql += " WHERE 1";
    switch (spec.kind) {
        case QuerySpec::Kind::All:
            break;
        case QuerySpec::Kind::Name:
            sql += " AND r.name_id = (SELECT id FROM names WHERE rname = ?1)";
            break;
        case QuerySpec::Kind::NameSuffix:
            sql += " AND r.name_id IN (SELECT id FROM names WHERE rname >= ?1 AND rname < ?2)";
            break;
        case QuerySpec::Kind::NamePrefix:
            sql += " AND r.name_id IN (SELECT id FROM names WHERE name >= ?1 AND name < ?2)";
            break;
        case QuerySpec::Kind::RdataName:
            sql +=
                " AND r.rdata_id IN (SELECT id FROM rdata WHERE target_id = "
                "(SELECT id FROM names WHERE rname = ?1))";
            break;
        case QuerySpec::Kind::IpRange:
            sql += " AND r.rdata_id IN (SELECT id FROM rdata WHERE ip >= ?1 AND ip <= ?2)";
            break;
        case QuerySpec::Kind::NameGlob:
            sql += " AND r.name_id IN (SELECT id FROM names WHERE name GLOB ?1)";
            break;
        case QuerySpec::Kind::NameRegex:
            sql += " AND r.name_id IN (SELECT id FROM names WHERE tapir_regexp(?1, name))";
            break;
        case QuerySpec::Kind::RdataGlob:
            sql += " AND r.rdata_id IN (SELECT id FROM rdata WHERE value GLOB ?1)";
            break;
        case QuerySpec::Kind::RdataRegex:
            sql += " AND r.rdata_id IN (SELECT id FROM rdata WHERE tapir_regexp(?1, value))";
            break;
    }
    if (spec.rrtype) {
        sql += " AND r.type = ?3";
    }
    if (spec.strict) {
        if (spec.after)
            sql += " AND r.first >= ?4";
        if (spec.before)
            sql += " AND r.last <= ?5";
    } else {
        if (spec.after)
            sql += " AND r.last >= ?4";
        if (spec.before)
            sql += " AND r.first <= ?5";
    }
    if (countOnly) {
        return sql;
    }
    const char* dir = spec.descending ? " DESC" : " ASC";
    switch (spec.sort) {
        case QuerySpec::Sort::LastSeen:
            sql += " ORDER BY r.last";
            sql += dir;
            break;
        case QuerySpec::Sort::FirstSeen:
            sql += " ORDER BY r.first";
            sql += dir;
            break;
        case QuerySpec::Sort::Count:
            sql += " ORDER BY r.count";
            sql += dir;
            break;
        case QuerySpec::Sort::Name:
            sql += " ORDER BY n.name";
            sql += dir;
            break;
    }
    sql += ", r.name_id, r.type, r.rdata_id LIMIT ?6 OFFSET ?7";
    return sql;
}

void bindSpec(store::Statement& q, const QuerySpec& spec, bool countOnly) {
    switch (spec.kind) {
        case QuerySpec::Kind::All:
            break;
        case QuerySpec::Kind::Name:
        case QuerySpec::Kind::RdataName:
            q.bind(1, dns::reverseName(spec.name));
            break;
        case QuerySpec::Kind::NameSuffix: {
            const std::string base = dns::reverseName(spec.name);
            q.bind(1, base + ".").bind(2, base + "/");  // '/' sorts right after '.'
            break;
        }
        case QuerySpec::Kind::NamePrefix:
            q.bind(1, spec.name + ".").bind(2, spec.name + "/");
            break;
        case QuerySpec::Kind::IpRange:
            q.bindBlob(1, spec.ipLow).bindBlob(2, spec.ipHigh);
            break;
        case QuerySpec::Kind::NameGlob:
        case QuerySpec::Kind::NameRegex:
        case QuerySpec::Kind::RdataGlob:
        case QuerySpec::Kind::RdataRegex:
            q.bind(1, spec.pattern);
            break;
    }
    if (spec.rrtype)
        q.bind(3, static_cast<std::int64_t>(*spec.rrtype));
    if (spec.after)
        q.bind(4, *spec.after);
    if (spec.before)
        q.bind(5, *spec.before);
    if (!countOnly) {
        q.bind(6, spec.limit).bind(7, spec.offset);
    }
}

}  // namespace

Result<std::vector<Record>> RecordQuery::run(const QuerySpec& spec) {
    if (auto st = registerRegexFunction(m_db.handle()); !st) {
        return st.error();
    }
    try {
        store::Statement q(m_db.handle(), buildSql(spec, Select::Rows));
        bindSpec(q, spec, false);
        std::vector<Record> out;
        while (q.step()) {
            Record r;
            r.rrname = q.text(0);
            r.rrtype = static_cast<std::uint32_t>(q.int64(1));
            r.rdata = q.text(2);
            r.bailiwick = q.text(3);
            r.firstSeen = q.int64(4);
            r.lastSeen = q.int64(5);
            r.count = static_cast<std::uint64_t>(q.int64(6));
            r.sourceCount = static_cast<std::uint64_t>(q.int64(7));
            out.push_back(std::move(r));
        }
        return out;
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::uint64_t> RecordQuery::countUpTo(const QuerySpec& spec, std::uint64_t cap) {
    if (auto st = registerRegexFunction(m_db.handle()); !st) {
        return st.error();
    }
    try {
        store::Statement q(m_db.handle(), "SELECT count(*) FROM (" +
                                              buildSql(spec, Select::Matches) + " LIMIT ?8)");
        bindSpec(q, spec, true);
        q.bind(8, static_cast<std::int64_t>(cap + 1));
        q.step();
        return static_cast<std::uint64_t>(q.int64(0));
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::uint64_t> RecordQuery::count(const QuerySpec& spec) {
    if (auto st = registerRegexFunction(m_db.handle()); !st) {
        return st.error();
    }
    try {
        store::Statement q(m_db.handle(), buildSql(spec, Select::Count));
        bindSpec(q, spec, true);
        q.step();
        return static_cast<std::uint64_t>(q.int64(0));
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

}  // namespace tapir
