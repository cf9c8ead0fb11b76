// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/record_query.h"

#include <algorithm>
#include <charconv>

#include "query/flexible_index.h"
#include "query/regex_function.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir {
namespace {

// Builds the SQL for a spec. Only constant fragments go into the text; every user value is
// bound as a parameter (?1 name/low key/pattern, ?2 high key, ?3 type, ?4 after, ?5 before,
// ?6 limit, ?7 offset, ?9 bailiwick, ?20... trigram queries of literals, ?30/?31 a
// regex's prefix range, ?100... rdata ids of a merged page).
//
// RowsByLast: a page sorted by last seen, read from records_by_last in that order with
// each record's name tested on the way (a broad suffix or prefix, see RecordQuery::run).
// Summary: count, summed count and time span of every match (RecordQuery::summarize).
// Names: the matches grouped by rrname (RecordQuery::names); NameCount: how many groups.
enum class Select { Rows, Count, Matches, RowsByLast, Summary, Names, NameCount };

// Rows are fetched in two steps: the inner query finds, sorts and pages the matching
// records on the records table alone (plus the name when sorting by name); the outer one
// joins names, rdata, bailiwick and the source count for the page only. Joined before the
// sort, every match paid those lookups: an NS with 100k domains took 70 ms for 100 rows.
// Ties are broken by the record key, in the sort's direction, so an index on
// (rdata_id, last) also serves the tie-break.
std::string orderBy(const QuerySpec& spec, const char* name) {
    const char* dir = spec.descending ? " DESC" : " ASC";
    std::string sql;
    switch (spec.sort) {
        case QuerySpec::Sort::LastSeen:
            sql = " ORDER BY r.last";
            break;
        case QuerySpec::Sort::FirstSeen:
            sql = " ORDER BY r.first";
            break;
        case QuerySpec::Sort::Count:
            sql = " ORDER BY r.count";
            break;
        case QuerySpec::Sort::Name:
            sql = std::string(" ORDER BY ") + name;
            break;
    }
    return sql + dir + ", r.name_id" + dir + ", r.type" + dir + ", r.rdata_id" + dir;
}

bool isRdataKind(QuerySpec::Kind kind) {
    return kind == QuerySpec::Kind::RdataName || kind == QuerySpec::Kind::IpRange ||
           kind == QuerySpec::Kind::RdataGlob || kind == QuerySpec::Kind::RdataRegex;
}

// The first parameter of a glob/regex search's index literals (?20, ?21, ...).
constexpr std::size_t kFirstLiteralParameter = 20;

// The rdata rows an rdata kind selects (empty for the other kinds). With `literals` from the
// flexible-search index (rdata_trigram, case-insensitive; ?20... each the trigrams of one
// literal, trigramMatch), only the values holding one of them are tested against the glob
// or regex.
std::string rdataCondition(QuerySpec::Kind kind, std::size_t literals = 0) {
    if (literals > 0 &&
        (kind == QuerySpec::Kind::RdataGlob || kind == QuerySpec::Kind::RdataRegex)) {
        std::string sql = "id IN (";
        for (std::size_t i = 0; i < literals; ++i) {
            sql += (i > 0 ? " UNION ALL " : "");
            sql += "SELECT rowid FROM rdata_trigram WHERE rdata_trigram MATCH ?" +
                   std::to_string(kFirstLiteralParameter + i);
        }
        return sql + ") AND " + rdataCondition(kind);
    }
    switch (kind) {
        case QuerySpec::Kind::RdataName:
            return "target_id = (SELECT id FROM names WHERE rname = ?1)";
        case QuerySpec::Kind::IpRange:
            return "ip >= ?1 AND ip <= ?2";
        case QuerySpec::Kind::RdataGlob:
            return "value GLOB ?1";
        case QuerySpec::Kind::RdataRegex:
            return "tapir_regexp(?1, value)";
        default:
            return {};
    }
}

// The rrtype and time-fence conditions.
std::string filters(const QuerySpec& spec) {
    std::string sql;
    if (spec.rrtype) {
        sql += " AND r.type = ?3";
    }
    if (!spec.bailiwick.empty()) {
        sql += " AND r.bailiwick_id = (SELECT id FROM names WHERE rname = ?9)";
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
    return sql;
}

// Joins a page of records (columns of `records`, plus sort_name when sorting by name) to
// what a Record shows.
std::string pageSql(const QuerySpec& spec, const std::string& inner) {
    return "SELECT n.name, r.type, d.value, coalesce(b.name, ''), r.first, r.last, r.count, "
           "(SELECT count(*) FROM record_sources rs WHERE rs.name_id = r.name_id AND "
           "rs.type = r.type AND rs.rdata_id = r.rdata_id) FROM (" +
           inner +
           ") r JOIN names n ON n.id = r.name_id JOIN rdata d ON d.id = r.rdata_id "
           "LEFT JOIN names b ON b.id = r.bailiwick_id" +
           orderBy(spec, "r.sort_name");
}

// `lookup`: the index a glob/regex search reads (RecordQuery::indexLookup); empty: every
// name or value is tested.
std::string buildSql(const QuerySpec& spec, Select select, const IndexLookup& lookup) {
    const auto& literals = lookup.literals;
    const auto& prefix = lookup.prefix;
    const bool trigram = !literals.empty();
    const bool countOnly = select == Select::Count || select == Select::Matches ||
                           select == Select::Summary || select == Select::Names ||
                           select == Select::NameCount;
    const bool byName = spec.sort == QuerySpec::Sort::Name;
    const bool byLast = select == Select::RowsByLast;
    std::string sql;
    switch (select) {
        case Select::Count:
            sql = "SELECT count(*) FROM records r";
            break;
        case Select::Matches:
            sql = "SELECT 1 FROM records r";
            break;
        case Select::Summary:
            sql = "SELECT count(*), sum(r.count), min(r.first), max(r.last) FROM records r";
            break;
        case Select::Names:
            sql =
                "SELECT r.name_id, count(*) AS records, sum(r.count) AS count, min(r.first) AS "
                "first, max(r.last) AS last, group_concat(DISTINCT r.type) AS types FROM "
                "records r";
            break;
        case Select::NameCount:
            sql = "SELECT count(DISTINCT r.name_id) FROM records r";
            break;
        case Select::RowsByLast:
            sql = "SELECT r.* FROM records r INDEXED BY records_by_last";
            break;
        case Select::Rows:
            sql = byName ? "SELECT r.*, n.name AS sort_name FROM records r "
                           "JOIN names n ON n.id = r.name_id"
                         : "SELECT r.* FROM records r";
            break;
    }
    sql += " WHERE 1";
    switch (spec.kind) {
        case QuerySpec::Kind::All:
            break;
        case QuerySpec::Kind::Name:
            sql += " AND r.name_id = (SELECT id FROM names WHERE rname = ?1)";
            break;
        case QuerySpec::Kind::NameSuffix:
            sql += byLast ? " AND (SELECT 1 FROM names WHERE id = r.name_id AND rname >= ?1 AND "
                            "rname < ?2)"
                          : " AND r.name_id IN (SELECT id FROM names WHERE rname >= ?1 AND "
                            "rname < ?2)";
            break;
        case QuerySpec::Kind::NamePrefix:
            sql += byLast ? " AND (SELECT 1 FROM names WHERE id = r.name_id AND name >= ?1 AND "
                            "name < ?2)"
                          : " AND r.name_id IN (SELECT id FROM names WHERE name >= ?1 AND "
                            "name < ?2)";
            break;
        case QuerySpec::Kind::NameGlob:
        case QuerySpec::Kind::NameRegex: {
            const std::string test =
                spec.kind == QuerySpec::Kind::NameGlob ? "name GLOB ?1" : "tapir_regexp(?1, name)";
            // A regex anchored on a prefix tests the range of names with that prefix
            // (?30 <= name < ?31, names_by_name). With the flexible-search index, only
            // names holding the trigrams of one of the pattern's literals (?20, ?21...,
            // trigramMatch) are tested.
            if (!prefix.empty()) {
                sql +=
                    " AND r.name_id IN (SELECT id FROM names WHERE name >= ?30 AND "
                    "name < ?31 AND " +
                    test + ")";
            } else if (trigram) {
                sql += " AND r.name_id IN (SELECT id FROM names WHERE id IN (";
                for (std::size_t i = 0; i < literals.size(); ++i) {
                    sql += (i > 0 ? " UNION ALL " : "");
                    sql += "SELECT rowid FROM names_trigram WHERE names_trigram MATCH ?" +
                           std::to_string(kFirstLiteralParameter + i);
                }
                sql += ") AND " + test + ")";
            } else {
                sql += " AND r.name_id IN (SELECT id FROM names WHERE " + test + ")";
            }
            break;
        }
        case QuerySpec::Kind::RdataName:
        case QuerySpec::Kind::IpRange:
        case QuerySpec::Kind::RdataGlob:
        case QuerySpec::Kind::RdataRegex:
            sql += " AND r.rdata_id IN (SELECT id FROM rdata WHERE " +
                   rdataCondition(spec.kind, literals.size()) + ")";
            break;
    }
    sql += filters(spec);
    if (countOnly) {
        return sql;
    }
    if (isRdataKind(spec.kind) && spec.sort == QuerySpec::Sort::LastSeen) {
        // Every match sorted by last seen needs only what records_by_rdata holds (rdata_id,
        // last and the key): the page's keys come from that covering index, and only the
        // page's rows are read from the table. 4,900 records of 1,835 nameserver values:
        // 11 ms to 2 ms on a 10M-record store.
        constexpr std::string_view kAll = "SELECT r.* FROM records r";
        const std::string keys = "SELECT r.name_id, r.type, r.rdata_id FROM records r" +
                                 sql.substr(kAll.size()) + orderBy(spec, "") +
                                 " LIMIT ?6 OFFSET ?7";
        return pageSql(spec, "SELECT r.* FROM (" + keys +
                                 ") k JOIN records r ON r.name_id = k.name_id AND "
                                 "r.type = k.type AND r.rdata_id = k.rdata_id");
    }
    return pageSql(spec, sql + orderBy(spec, "n.name") + " LIMIT ?6 OFFSET ?7");
}

// The names of the matches, grouped, sorted and paged (RecordQuery::names).
std::string namesSql(const QuerySpec& spec, const IndexLookup& lookup) {
    const char* dir = spec.descending ? " DESC" : " ASC";
    std::string order;
    switch (spec.sort) {
        case QuerySpec::Sort::LastSeen:
            order = std::string(" ORDER BY g.last") + dir + ", n.name";
            break;
        case QuerySpec::Sort::FirstSeen:
            order = std::string(" ORDER BY g.first") + dir + ", n.name";
            break;
        case QuerySpec::Sort::Count:
            order = std::string(" ORDER BY g.count") + dir + ", n.name";
            break;
        case QuerySpec::Sort::Name:
            order = std::string(" ORDER BY n.name") + dir;
            break;
    }
    return "SELECT n.name, g.records, g.count, g.first, g.last, g.types FROM (" +
           buildSql(spec, Select::Names, lookup) +
           " GROUP BY r.name_id) g JOIN names n ON n.id = g.name_id" + order +
           " LIMIT ?6 OFFSET ?7";
}

// A page sorted by last seen over a few rdata values: each value's first offset + limit
// records come straight from records_by_rdata (rdata_id, last) in order, and the union of
// those short runs is sorted and paged. Reads at most ids * (offset + limit) index entries
// instead of every match.
std::string mergedRdataSql(const QuerySpec& spec, std::size_t ids) {
    std::string parts;
    for (std::size_t i = 0; i < ids; ++i) {
        if (i > 0)
            parts += " UNION ALL ";
        parts += "SELECT * FROM (SELECT r.* FROM records r WHERE r.rdata_id = ?" +
                 std::to_string(100 + i) + filters(spec) + orderBy(spec, "") + " LIMIT ?6 + ?7)";
    }
    return pageSql(spec,
                   "SELECT r.* FROM (" + parts + ") r" + orderBy(spec, "") + " LIMIT ?6 OFFSET ?7");
}

// Above this many rdata values a page is sorted from all matches at once: preparing a
// union of 256 runs cost more than it saved on a /24 (51 ms against 12 ms p99 on a
// 20 M-record store), while one to a few values (a nameserver, an address) gain most
// (a busy NS: 171 ms to 9.5 ms p99).
constexpr std::size_t kMaxMergedRdata = 16;

void bindLookup(store::Statement& q, const QuerySpec& spec, const IndexLookup& lookup = {}) {
    if (!lookup.prefix.empty()) {
        std::string end = lookup.prefix;
        ++end.back();  // ASCII below 0x7f (anchoredPrefix)
        q.bind(30, lookup.prefix).bind(31, end);
    }
    for (std::size_t i = 0; i < lookup.literals.size(); ++i) {
        // Rows holding every trigram of the literal; the glob or regex then decides.
        q.bind(static_cast<int>(kFirstLiteralParameter + i), trigramMatch(lookup.literals[i]));
    }
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
}

void bindFilters(store::Statement& q, const QuerySpec& spec, bool paged) {
    if (spec.rrtype)
        q.bind(3, static_cast<std::int64_t>(*spec.rrtype));
    if (!spec.bailiwick.empty())
        q.bind(9, dns::reverseName(spec.bailiwick));
    if (spec.after)
        q.bind(4, *spec.after);
    if (spec.before)
        q.bind(5, *spec.before);
    if (paged) {
        q.bind(6, spec.limit).bind(7, spec.offset);
    }
}

void bindSpec(store::Statement& q, const QuerySpec& spec, bool countOnly,
              const IndexLookup& lookup) {
    bindLookup(q, spec, lookup);
    bindFilters(q, spec, !countOnly);
}

std::vector<Record> readRecords(store::Statement& q) {
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
}

}  // namespace

IndexLookup RecordQuery::indexLookup(const QuerySpec& spec) {
    // A name regex anchored on a prefix reads that range of names_by_name when the prefix
    // has three characters or more, or any when the pattern has no literal for the
    // flexible-search index.
    if (spec.kind == QuerySpec::Kind::NameRegex) {
        std::string prefix = anchoredPrefix(spec.pattern);
        if (prefix.size() >= 3 || (!prefix.empty() && requiredLiterals(spec.pattern, true).empty()))
            return {{}, std::move(prefix)};
    }
    return {trigramLiterals(spec), {}};
}

std::vector<std::string> RecordQuery::trigramLiterals(const QuerySpec& spec) {
    const bool names =
        spec.kind == QuerySpec::Kind::NameGlob || spec.kind == QuerySpec::Kind::NameRegex;
    const bool rdata =
        spec.kind == QuerySpec::Kind::RdataGlob || spec.kind == QuerySpec::Kind::RdataRegex;
    if (!names && !rdata)
        return {};
    const bool regex =
        spec.kind == QuerySpec::Kind::NameRegex || spec.kind == QuerySpec::Kind::RdataRegex;
    auto literals = requiredLiterals(spec.pattern, regex);
    if (literals.empty())
        return {};  // nothing the index could look up: scan
    store::Statement& exists = statement(
        names ? "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'names_trigram'"
              : "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'rdata_trigram'");
    const bool found = exists.step();
    exists.reset();
    if (!found)
        return {};
    // Look up the part of each literal that is cheapest to look up (TrigramSample::narrow).
    std::optional<TrigramSample>& sample = names ? m_nameSample : m_rdataSample;
    store::Statement& last =
        statement(names ? "SELECT max(id) FROM names" : "SELECT max(id) FROM rdata");
    const std::int64_t maxId = last.step() ? last.int64(0) : 0;
    last.reset();
    if (!sample || maxId > 2 * sample->maxId() + 1000) {
        auto taken = TrigramSample::take(
            m_db, names ? TrigramSample::Column::Names : TrigramSample::Column::Rdata);
        if (!taken)
            throw store::DatabaseError{0, taken.error().message};
        sample = std::move(*taken);
    }
    for (auto& literal : literals)
        literal = sample->narrow(literal);
    return literals;
}

void RecordQuery::resetAll() {
    for (auto& [sql, statement] : m_statements)
        statement.reset();
}

store::Statement& RecordQuery::statement(const std::string& sql) {
    if (!m_functionsReady) {
        // Registering a function expires every prepared statement of the connection: once.
        if (auto st = registerRegexFunction(m_db.handle()); !st)
            throw store::DatabaseError{0, st.error().message};
        m_functionsReady = true;
    }
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (m_statements.size() >= 64)
            m_statements.clear();  // shapes are few; a bound keeps odd ones from piling up
        it = m_statements.emplace(sql, store::Statement(m_db.handle(), sql)).first;
    }
    it->second.reset();
    return it->second;
}

// A suffix or prefix that holds a large share of all names (*.com, *.net, www.*), newest
// first: reading records_by_last in order and testing each record's name stops after about
// a page divided by that share, where collecting every match to sort it read them all.
// First page of 2,000 (the GUI's) on a 13M-record store of 8.4M names, before and after:
// *.com (35 % of the names) 3.1 s to 0.06, *.net (17 %) 1.6 to 0.09, www.* (7 %) 0.9 to
// 0.2; below 5 % it stops gaining (*.ru, 4.9 %: 0.5 either way; *.xyz, 3.8 %: 0.33 against
// 0.40), so the share must reach 5 % (and 1,000 names). Not with a type or bailiwick filter,
// which could make the matches far rarer than their names.
bool RecordQuery::broadNames(const QuerySpec& spec) {
    if ((spec.kind != QuerySpec::Kind::NameSuffix && spec.kind != QuerySpec::Kind::NamePrefix) ||
        spec.sort != QuerySpec::Sort::LastSeen || spec.rrtype || !spec.bailiwick.empty()) {
        return false;
    }
    store::Statement& last = statement("SELECT max(id) FROM names");
    const std::int64_t names = last.step() ? last.int64(0) : 0;
    last.reset();
    if (m_broadNames && m_broadNames->kind == spec.kind && m_broadNames->name == spec.name &&
        names - m_broadNames->names <= m_broadNames->names / 10) {
        return m_broadNames->broad;
    }
    const std::int64_t threshold = std::max<std::int64_t>(names / 20, 1000);
    store::Statement& q = statement(
        spec.kind == QuerySpec::Kind::NameSuffix
            ? "SELECT count(*) FROM (SELECT 1 FROM names WHERE rname >= ?1 AND rname < ?2 "
              "LIMIT ?3)"
            : "SELECT count(*) FROM (SELECT 1 FROM names WHERE name >= ?1 AND name < ?2 "
              "LIMIT ?3)");
    bindLookup(q, spec);
    q.bind(3, threshold);
    const bool broad = q.step() && q.int64(0) >= threshold;
    q.reset();
    m_broadNames = BroadNames{spec.kind, spec.name, names, broad};
    return broad;
}

Result<std::vector<Record>> RecordQuery::run(const QuerySpec& spec) {
    try {
        const IndexLookup lookup = indexLookup(spec);
        if (isRdataKind(spec.kind) && spec.sort == QuerySpec::Sort::LastSeen) {
            store::Statement& ids = statement("SELECT id FROM rdata WHERE " +
                                              rdataCondition(spec.kind, lookup.literals.size()) +
                                              " LIMIT " + std::to_string(kMaxMergedRdata + 1));
            bindLookup(ids, spec, lookup);
            std::vector<std::int64_t> found;
            while (ids.step())
                found.push_back(ids.int64(0));
            ids.reset();
            if (found.empty())
                return std::vector<Record>{};
            if (found.size() <= kMaxMergedRdata) {
                store::Statement& q = statement(mergedRdataSql(spec, found.size()));
                bindFilters(q, spec, true);
                for (std::size_t i = 0; i < found.size(); ++i)
                    q.bind(static_cast<int>(100 + i), found[i]);
                auto out = readRecords(q);
                q.reset();
                return out;
            }
        }
        store::Statement& q =
            statement(buildSql(spec, broadNames(spec) ? Select::RowsByLast : Select::Rows, lookup));
        bindSpec(q, spec, false, lookup);
        auto out = readRecords(q);
        q.reset();
        return out;
    } catch (const store::DatabaseError& e) {
        resetAll();  // a statement left mid-read would hold its snapshot
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::uint64_t> RecordQuery::countUpTo(const QuerySpec& spec, std::uint64_t cap) {
    try {
        const IndexLookup lookup = indexLookup(spec);
        store::Statement& q = statement("SELECT count(*) FROM (" +
                                        buildSql(spec, Select::Matches, lookup) + " LIMIT ?8)");
        bindSpec(q, spec, true, lookup);
        q.bind(8, static_cast<std::int64_t>(cap + 1));
        q.step();
        const auto n = static_cast<std::uint64_t>(q.int64(0));
        q.reset();  // ends the read: a cached statement must not hold a snapshot
        return n;
    } catch (const store::DatabaseError& e) {
        resetAll();  // a statement left mid-read would hold its snapshot
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::uint64_t> RecordQuery::count(const QuerySpec& spec) {
    return countOf(spec, false);
}

Result<std::uint64_t> RecordQuery::countOf(const QuerySpec& spec, bool names) {
    try {
        const IndexLookup lookup = indexLookup(spec);
        store::Statement& q =
            statement(buildSql(spec, names ? Select::NameCount : Select::Count, lookup));
        bindSpec(q, spec, true, lookup);
        q.step();
        const auto n = static_cast<std::uint64_t>(q.int64(0));
        q.reset();
        return n;
    } catch (const store::DatabaseError& e) {
        resetAll();  // a statement left mid-read would hold its snapshot
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<RecordSummary> RecordQuery::summarize(const QuerySpec& spec) {
    try {
        const IndexLookup lookup = indexLookup(spec);
        store::Statement& q = statement(buildSql(spec, Select::Summary, lookup));
        bindSpec(q, spec, true, lookup);
        q.step();
        RecordSummary s;
        s.records = static_cast<std::uint64_t>(q.int64(0));
        if (s.records > 0) {
            s.count = static_cast<std::uint64_t>(q.int64(1));
            s.firstSeen = q.int64(2);
            s.lastSeen = q.int64(3);
        }
        q.reset();
        return s;
    } catch (const store::DatabaseError& e) {
        resetAll();  // a statement left mid-read would hold its snapshot
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::vector<NameSummary>> RecordQuery::names(const QuerySpec& spec) {
    try {
        const IndexLookup lookup = indexLookup(spec);
        store::Statement& q = statement(namesSql(spec, lookup));
        bindSpec(q, spec, false, lookup);
        std::vector<NameSummary> out;
        while (q.step()) {
            NameSummary n;
            n.rrname = q.text(0);
            n.summary.records = static_cast<std::uint64_t>(q.int64(1));
            n.summary.count = static_cast<std::uint64_t>(q.int64(2));
            n.summary.firstSeen = q.int64(3);
            n.summary.lastSeen = q.int64(4);
            const std::string_view types = q.text(5);
            for (std::size_t start = 0; start < types.size();) {
                std::size_t end = types.find(',', start);
                if (end == std::string_view::npos)
                    end = types.size();
                std::uint32_t t = 0;
                std::from_chars(types.data() + start, types.data() + end, t);
                n.rrtypes.push_back(t);
                start = end + 1;
            }
            std::sort(n.rrtypes.begin(), n.rrtypes.end());
            out.push_back(std::move(n));
        }
        q.reset();
        return out;
    } catch (const store::DatabaseError& e) {
        resetAll();  // a statement left mid-read would hold its snapshot
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::uint64_t> RecordQuery::countNames(const QuerySpec& spec) {
    return countOf(spec, true);
}

}  // namespace tapir
