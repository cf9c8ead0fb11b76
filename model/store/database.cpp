// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "store/database.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "dns/name.h"
#include "store/schema.h"
#include "store/statement.h"

namespace tapir::store {

namespace {
constexpr std::size_t kMaxCachedIds = 2'000'000;
}

struct Database::Statements {
    Statement nameSelect, nameInsert, rdataSelect, rdataInsert, recordUpsert, recordSourceInsert;
};

Database::Database(std::string path, sqlite3* db) : m_path(std::move(path)), m_db(db) {}

Database::~Database() {
    m_statements.reset();
    sqlite3_close_v2(m_db);
}

Error Database::dbError(const std::string& what) const {
    return makeError(ErrorCode::Database, what + ": " + sqlite3_errmsg(m_db), m_path);
}

Status Database::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        Error e = makeError(ErrorCode::Database, message ? message : "unknown error", m_path);
        sqlite3_free(message);
        return e;
    }
    return {};
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Mode mode) {
    if (mode == Mode::ReadWrite) {
        std::error_code ec;
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent, ec);
        }
    }
    sqlite3* db = nullptr;
    const int flags = mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                              : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        Error e = makeError(ErrorCode::Database,
                            std::string("cannot open database: ") +
                                (db ? sqlite3_errmsg(db) : "out of memory"),
                            path);
        sqlite3_close_v2(db);
        return e;
    }
    std::unique_ptr<Database> database(new Database(path, db));
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    // Check the file is a database at all before changing anything.
    if (auto st = database->exec("SELECT count(*) FROM sqlite_schema"); !st) {
        return makeError(ErrorCode::Database,
                         "not a Tapir database (or corrupt): " + st.error().message, path);
    }
    if (mode == Mode::ReadWrite) {
        if (auto st = database->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                     "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;"
                                     "PRAGMA foreign_keys=ON;");
            !st) {
            return st.error();
        }
        if (auto st = database->migrate(); !st) {
            return st.error();
        }
    } else {
        if (auto st = database->exec("PRAGMA cache_size=-65536; PRAGMA query_only=1;"); !st) {
            return st.error();
        }
        Statement version(db, "PRAGMA user_version");
        version.step();
        const auto v = version.int64(0);
        if (v > schemaVersion()) {
            return makeError(ErrorCode::SchemaTooNew,
                             "database schema version " + std::to_string(v) +
                                 " is newer than this Tapir supports (" +
                                 std::to_string(schemaVersion()) + "); please upgrade Tapir",
                             path);
        }
        if (v < schemaVersion()) {
            return makeError(ErrorCode::Database,
                             "database is empty or from an older Tapir; open it read-write once "
                             "to upgrade it",
                             path);
        }
    }
    return database;
}

Status Database::migrate() {
    try {
        Statement version(m_db, "PRAGMA user_version");
        version.step();
        const auto current = static_cast<int>(version.int64(0));
        version = Statement();
        if (current > schemaVersion()) {
            return makeError(ErrorCode::SchemaTooNew,
                             "database schema version " + std::to_string(current) +
                                 " is newer than this Tapir supports (" +
                                 std::to_string(schemaVersion()) + "); please upgrade Tapir",
                             m_path);
        }
        auto all = migrations();
        for (int v = current; v < schemaVersion(); ++v) {
            if (auto st = exec("BEGIN IMMEDIATE"); !st) {
                return st.error();
            }
            std::string sql(all[static_cast<std::size_t>(v)]);
            sql += "\nPRAGMA user_version=" + std::to_string(v + 1) + ";";
            if (auto st = exec(sql.c_str()); !st) {
                rollback();
                return makeError(ErrorCode::Database,
                                 "migration to schema " + std::to_string(v + 1) +
                                     " failed: " + st.error().message,
                                 m_path);
            }
            if (auto st = exec("COMMIT"); !st) {
                rollback();
                return st.error();
            }
        }
        m_statements = std::make_unique<Statements>();
        auto& s = *m_statements;
        s.nameSelect = Statement(m_db, "SELECT id FROM names WHERE rname = ?1");
        s.nameInsert = Statement(m_db, "INSERT INTO names(name, rname) VALUES(?1, ?2)");
        s.rdataSelect = Statement(m_db, "SELECT id FROM rdata WHERE type = ?1 AND value = ?2");
        s.rdataInsert = Statement(
            m_db, "INSERT INTO rdata(type, value, ip, target_id) VALUES(?1, ?2, ?3, ?4)");
        s.recordUpsert = Statement(m_db, R"sql(
            INSERT INTO records(name_id, type, rdata_id, first, last, count, bailiwick_id)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT DO UPDATE SET
                first = min(first, excluded.first),
                last = max(last, excluded.last),
                count = count + excluded.count,
                bailiwick_id = coalesce(bailiwick_id, excluded.bailiwick_id)
            RETURNING count)sql");
        s.recordSourceInsert = Statement(
            m_db,
            "INSERT OR IGNORE INTO record_sources(name_id, type, rdata_id, source_id) "
            "VALUES(?1, ?2, ?3, ?4)");
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    return {};
}

Status Database::begin() { return exec("BEGIN IMMEDIATE"); }

Status Database::commit() {
    auto st = exec("COMMIT");
    if (!st) {
        rollback();
    }
    return st;
}

void Database::rollback() {
    if (sqlite3_get_autocommit(m_db) == 0) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    // Ids handed out inside the rolled-back transaction no longer exist.
    m_nameIds.clear();
    m_rdataIds.clear();
}

std::int64_t Database::nameId(const std::string& name) {
    if (auto it = m_nameIds.find(name); it != m_nameIds.end()) {
        return it->second;
    }
    auto& s = *m_statements;
    const std::string rname = dns::reverseName(name);
    std::int64_t id = 0;
    s.nameSelect.bind(1, rname);
    if (s.nameSelect.step()) {
        id = s.nameSelect.int64(0);
        s.nameSelect.reset();
    } else {
        s.nameSelect.reset();
        s.nameInsert.bind(1, name).bind(2, rname).run();
        id = sqlite3_last_insert_rowid(m_db);
    }
    if (m_nameIds.size() >= kMaxCachedIds) {
        m_nameIds.clear();
    }
    m_nameIds.emplace(name, id);
    return id;
}

std::int64_t Database::rdataId(std::uint32_t type, const std::string& value) {
    std::string key = std::to_string(type);
    key += '\0';
    key += value;
    if (auto it = m_rdataIds.find(key); it != m_rdataIds.end()) {
        return it->second;
    }
    auto& s = *m_statements;
    std::int64_t id = 0;
    s.rdataSelect.bind(1, static_cast<std::int64_t>(type)).bind(2, value);
    if (s.rdataSelect.step()) {
        id = s.rdataSelect.int64(0);
        s.rdataSelect.reset();
    } else {
        s.rdataSelect.reset();
        s.rdataInsert.bind(1, static_cast<std::int64_t>(type)).bind(2, value);
        std::optional<dns::IpBytes> ip;
        if (type == 1 || type == 28) {
            ip = dns::parseIp(value);
        }
        if (ip) {
            s.rdataInsert.bindBlob(3, *ip);
        } else {
            s.rdataInsert.bindNull(3);
        }
        if (const std::string target = dns::rdataTargetName(type, value); !target.empty()) {
            s.rdataInsert.bind(4, nameId(target));
        } else {
            s.rdataInsert.bindNull(4);
        }
        s.rdataInsert.run();
        id = sqlite3_last_insert_rowid(m_db);
    }
    if (m_rdataIds.size() >= kMaxCachedIds) {
        m_rdataIds.clear();
    }
    m_rdataIds.emplace(std::move(key), id);
    return id;
}

Result<MergeStats> Database::mergeRecords(std::vector<Observation>& batch, std::int64_t sourceId) {
    MergeStats stats;
    try {
        struct Keyed {
            std::int64_t name, rdata;
            std::uint32_t type;
            const Observation* obs;
        };
        std::vector<Keyed> keyed;
        keyed.reserve(batch.size());
        for (const auto& o : batch) {
            keyed.push_back({nameId(o.rrname), rdataId(o.rrtype, o.rdata), o.rrtype, &o});
        }
        std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
            return std::tie(a.name, a.type, a.rdata) < std::tie(b.name, b.type, b.rdata);
        });
        auto& s = *m_statements;
        for (const auto& k : keyed) {
            const Observation& o = *k.obs;
            s.recordUpsert.bind(1, k.name)
                .bind(2, static_cast<std::int64_t>(k.type))
                .bind(3, k.rdata)
                .bind(4, o.firstSeen)
                .bind(5, o.lastSeen)
                .bind(6, static_cast<std::int64_t>(o.count));
            if (o.bailiwick.empty()) {
                s.recordUpsert.bindNull(7);
            } else {
                s.recordUpsert.bind(7, nameId(o.bailiwick));
            }
            s.recordUpsert.step();
            // The row's count equals what we added only if the row did not exist before.
            if (s.recordUpsert.int64(0) == static_cast<std::int64_t>(o.count)) {
                ++stats.newRecords;
            } else {
                ++stats.updatedRecords;
            }
            s.recordUpsert.reset();
            s.recordSourceInsert.bind(1, k.name)
                .bind(2, static_cast<std::int64_t>(k.type))
                .bind(3, k.rdata)
                .bind(4, sourceId)
                .run();
        }
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    return stats;
}

namespace {

SourceInfo sourceFromRow(const Statement& q) {
    SourceInfo s;
    s.id = q.int64(0);
    s.path = q.text(1);
    s.size = static_cast<std::uint64_t>(q.int64(2));
    s.hash = q.text(3);
    s.format = q.text(4);
    s.compression = q.text(5);
    s.status = q.text(6);
    s.message = q.text(7);
    s.startedAt = q.int64(8);
    s.finishedAt = q.int64(9);
    if (!q.isNull(10)) s.timeFirst = q.int64(10);
    if (!q.isNull(11)) s.timeLast = q.int64(11);
    s.recordsRead = static_cast<std::uint64_t>(q.int64(12));
    s.observations = static_cast<std::uint64_t>(q.int64(13));
    s.skipped = static_cast<std::uint64_t>(q.int64(14));
    s.newRecords = static_cast<std::uint64_t>(q.int64(15));
    s.filtered = static_cast<std::uint64_t>(q.int64(16));
    return s;
}

constexpr std::string_view kSourceColumns =
    "id, path, size, hash, format, compression, status, coalesce(message, ''), started_at, "
    "coalesce(finished_at, 0), time_first, time_last, records_read, observations, skipped, "
    "new_records, filtered";

void bindSource(Statement& q, const SourceInfo& s) {
    q.bind(1, s.path)
        .bind(2, static_cast<std::int64_t>(s.size))
        .bind(3, s.hash)
        .bind(4, s.format)
        .bind(5, s.compression)
        .bind(6, s.status)
        .bind(7, s.message)
        .bind(8, s.startedAt)
        .bind(9, s.finishedAt);
    if (s.timeFirst) q.bind(10, *s.timeFirst); else q.bindNull(10);
    if (s.timeLast) q.bind(11, *s.timeLast); else q.bindNull(11);
    q.bind(12, static_cast<std::int64_t>(s.recordsRead))
        .bind(13, static_cast<std::int64_t>(s.observations))
        .bind(14, static_cast<std::int64_t>(s.skipped))
        .bind(15, static_cast<std::int64_t>(s.newRecords))
        .bind(16, static_cast<std::int64_t>(s.filtered));
}

}  // namespace

Result<std::optional<SourceInfo>> Database::completedSourceByHash(const std::string& hash) {
    try {
        Statement q(m_db, std::string("SELECT ") + std::string(kSourceColumns) +
                              " FROM sources WHERE hash = ?1 AND status = 'complete'");
        q.bind(1, hash);
        if (q.step()) {
            return std::optional<SourceInfo>(sourceFromRow(q));
        }
        return std::optional<SourceInfo>();
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
}

Result<std::int64_t> Database::insertSource(const SourceInfo& source) {
    try {
        Statement q(m_db,
                    "INSERT INTO sources(path, size, hash, format, compression, status, message, "
                    "started_at, finished_at, time_first, time_last, records_read, observations, "
                    "skipped, new_records, filtered) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        bindSource(q, source);
        q.run();
        return static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_db));
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
}

Status Database::updateSource(const SourceInfo& source) {
    try {
        Statement q(m_db,
                    "UPDATE sources SET path = ?1, size = ?2, hash = ?3, format = ?4, "
                    "compression = ?5, status = ?6, message = ?7, started_at = ?8, "
                    "finished_at = ?9, time_first = ?10, time_last = ?11, records_read = ?12, "
                    "observations = ?13, skipped = ?14, new_records = ?15, filtered = ?16 "
                    "WHERE id = ?17");
        bindSource(q, source);
        q.bind(17, source.id);
        q.run();
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    return {};
}

Result<std::vector<SourceInfo>> Database::sources() {
    try {
        Statement q(m_db, std::string("SELECT ") + std::string(kSourceColumns) +
                              " FROM sources ORDER BY id");
        std::vector<SourceInfo> out;
        while (q.step()) {
            out.push_back(sourceFromRow(q));
        }
        return out;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
}

Result<std::vector<std::string>> Database::recordSources(const std::string& rrname,
                                                         std::uint32_t rrtype,
                                                         const std::string& rdata) {
    try {
        Statement q(m_db, R"sql(
            SELECT s.path FROM names n
            JOIN rdata d ON d.type = ?2 AND d.value = ?3
            JOIN record_sources rs ON rs.name_id = n.id AND rs.type = ?2 AND rs.rdata_id = d.id
            JOIN sources s ON s.id = rs.source_id
            WHERE n.rname = ?1 ORDER BY s.id)sql");
        q.bind(1, dns::reverseName(rrname)).bind(2, static_cast<std::int64_t>(rrtype)).bind(3, rdata);
        std::vector<std::string> out;
        while (q.step()) {
            out.emplace_back(q.text(0));
        }
        return out;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
}

Result<std::optional<std::string>> Database::setting(const std::string& key) {
    try {
        Statement q(m_db, "SELECT value FROM settings WHERE key = ?1");
        q.bind(1, key);
        if (q.step()) {
            return std::optional<std::string>(std::string(q.text(0)));
        }
        return std::optional<std::string>();
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
}

Status Database::setSetting(const std::string& key, const std::string& value) {
    try {
        Statement q(m_db, "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                          "ON CONFLICT DO UPDATE SET value = excluded.value");
        q.bind(1, key).bind(2, value).run();
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    return {};
}

Result<StoreStats> Database::stats() {
    try {
        StoreStats s;
        Statement q(m_db, "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM names), "
                          "(SELECT count(*) FROM sources WHERE status = 'complete')");
        q.step();
        s.records = static_cast<std::uint64_t>(q.int64(0));
        s.names = static_cast<std::uint64_t>(q.int64(1));
        s.sources = static_cast<std::uint64_t>(q.int64(2));
        return s;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
}

}  // namespace tapir::store
