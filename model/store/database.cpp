// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Merging a batch into the store (mergeRecords)
//
// Terms: a *batch* is what the importer's Aggregator flushes, distinct keys with their
// merged counts and times; *interning* turns a name or an rdata value into the integer id
// of its row in the names / rdata dictionary tables (created on first sight).
//
// Steps, each over the whole batch:
//  1. Number the batch's distinct names (rrnames, bailiwicks, names inside rdata) and
//     distinct (type, rdata) values in memory (BatchInterner: open addressing on XXH3,
//     collisions resolved by comparing the strings). No id cache survives a batch: the
//     store's indexes, walked in order, are cheaper than a cache of millions of strings.
//  2. Intern the names sorted by reversed name, the order of the unique rname index, so
//     the index is visited front to back and its pages stay hot. Whether to try the
//     INSERT or the SELECT first follows the share of new names in the previous batch.
//  3. Intern the rdata values sorted by (type, value), likewise; new rows get their IP
//     (A/AAAA) and target name id (CNAME, NS, MX, ...) for the lookup indexes.
//  4. Write the records sorted by primary key (name_id, type, rdata_id). A key with a new
//     name or new rdata cannot exist: plain INSERT. Otherwise INSERT OR IGNORE, and if that
//     changed nothing, an UPDATE with the merge rule; sqlite3_changes() tells the two apart,
//     so no RETURNING is needed. Then the provenance row (record, source) and the record's
//     activity buckets (upsert adding counts), in the same key order.
// Where the time goes: importing the 10th 1M-observation file of the bench suite (seed 1)
// into its 4.0M-record store (timers around each step, 2026-11-27): 24 s, of which names
// 3.1, rdata 2.0, records 7.7 (5.6 of it records_by_rdata and records_by_last: 2.1 s with
// both dropped), provenance 1.3, activity 1.8, flexible index 1.7, commit 4.9 (1.2 with
// the WAL checkpoint off). Into an empty store, with no I/O to wait on, the first file takes
// 11 s, half of it in SQLite: about a dozen B-tree inserts per new record set the rate.
// Tried and measured without gain (2026-11-27): checkpointing on a thread of its own (the
// commit got 1.5 s shorter, the next file's steps about as much longer), a larger
// wal_autocheckpoint, and UPDATE before INSERT for keys whose name and rdata exist.
#include "store/database.h"

#include <sqlite3.h>

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <deque>
#include <filesystem>
#include <numeric>
#include <string_view>
#include <thread>
#include <tuple>

#include "dns/name.h"
#include "store/page_arena.h"
#include "store/schema.h"
#include "store/statement.h"

namespace tapir::store {

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;
// How long a connection waits for another one's write lock.
constexpr int kBusyTimeoutMs = 10000;

// The distinct strings (names, or rdata values with their type) of one merge batch, each
// numbered densely in order of first appearance. Open addressing on XXH3; a hit is
// confirmed by comparing the strings. Keys are views into the batch, which outlives it.
class BatchInterner {
public:
    void reset(std::size_t expected) {
        m_keys.clear();
        m_types.clear();
        m_slots.assign(std::bit_ceil(std::max<std::size_t>(expected * 2, 1024)), Slot{});
        m_slots.shrink_to_fit();
    }
    std::uint32_t intern(std::string_view key, std::uint32_t type = 0) {
        if (m_keys.size() * 2 >= m_slots.size()) {
            grow();
        }
        const std::uint64_t hash = XXH3_64bits_withSeed(key.data(), key.size(), type);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.index == kNone) {
                slot = {hash, static_cast<std::uint32_t>(m_keys.size())};
                m_keys.push_back(key);
                m_types.push_back(type);
                return slot.index;
            }
            if (slot.hash == hash && m_types[slot.index] == type && m_keys[slot.index] == key) {
                return slot.index;
            }
        }
    }
    [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(m_keys.size()); }
    [[nodiscard]] std::string_view key(std::uint32_t i) const { return m_keys[i]; }
    [[nodiscard]] std::uint32_t type(std::uint32_t i) const { return m_types[i]; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = kNone;
    };
    void grow() {
        std::vector<Slot> bigger(m_slots.size() * 2);
        const std::size_t mask = bigger.size() - 1;
        for (const Slot& s : m_slots) {
            if (s.index == kNone)
                continue;
            std::size_t i = s.hash & mask;
            while (bigger[i].index != kNone)
                i = (i + 1) & mask;
            bigger[i] = s;
        }
        m_slots.swap(bigger);
    }
    std::vector<std::string_view> m_keys;
    std::vector<std::uint32_t> m_types;
    std::vector<Slot> m_slots;
};

}  // namespace

struct Database::Statements {
    Statement nameSelect, nameInsert, nameInsertOrIgnore, rdataSelect, rdataInsert,
        rdataInsertOrIgnore;
    Statement recordInsert, recordInsertOrIgnore, recordUpdate, recordSourceInsert, activityUpsert;
    // Scratch space reused by every mergeRecords call.
    BatchInterner names, rdatas;
    // Share of new names / rdata in the previous batch (a fresh store starts with all new).
    double newNameShare = 1.0;
    double newRdataShare = 1.0;
};

Database::Database(std::string path, sqlite3* db) : m_path(std::move(path)), m_db(db) {}

Database::~Database() {
    m_statements.reset();
    sqlite3_close_v2(m_db);
}

Error Database::dbError(const std::string& what) const {
    const bool busy = (sqlite3_errcode(m_db) & 0xff) == SQLITE_BUSY;
    return makeError(busy ? ErrorCode::Busy : ErrorCode::Database,
                     what + ": " + sqlite3_errmsg(m_db), m_path);
}

Status Database::exec(const char* sql) {
    char* message = nullptr;
    if (const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message); rc != SQLITE_OK) {
        Error e = makeError((rc & 0xff) == SQLITE_BUSY ? ErrorCode::Busy : ErrorCode::Database,
                            message ? message : "unknown error", m_path);
        sqlite3_free(message);
        return e;
    }
    return {};
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Mode mode) {
    installPageArena();  // before SQLite's first use: page-cache pages in huge pages
    if (mode == Mode::ReadWrite) {
        std::error_code ec;
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent, ec);
        }
    }
    sqlite3* db = nullptr;
    const int flags =
        mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        Error e = makeError(
            ErrorCode::Database,
            std::string("cannot open database: ") + (db ? sqlite3_errmsg(db) : "out of memory"),
            path);
        sqlite3_close_v2(db);
        return e;
    }
    std::unique_ptr<Database> database(new Database(path, db));
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);
    // Check the file is a database at all before changing anything.
    if (auto st = database->exec("SELECT count(*) FROM sqlite_schema"); !st) {
        return makeError(ErrorCode::Database,
                         "not a Tapir database (or corrupt): " + st.error().message, path);
    }
    if (mode == Mode::ReadWrite) {
        // Switching a brand-new file to WAL takes an exclusive lock and does not wait on the
        // busy handler: a second process creating the same store at that moment gets
        // SQLITE_BUSY at once. Retry for as long as the busy timeout would have waited.
        for (int attempt = 0;; ++attempt) {
            const int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
            if (rc == SQLITE_OK)
                break;
            if ((rc & 0xff) != SQLITE_BUSY || attempt >= 1000) {
                return makeError(ErrorCode::Database,
                                 std::string("cannot switch to WAL: ") + sqlite3_errmsg(db), path);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (auto st = database->exec("PRAGMA synchronous=NORMAL;"
                                     "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;"
                                     "PRAGMA foreign_keys=ON;");
            !st) {
            return st.error();
        }
        if (auto st = database->migrate(); !st) {
            return st.error();
        }
    } else {
        // No memory-mapped I/O (mmap_size stays 0). A search reads pages no other search
        // touched, scattered over the file, and on this machine a fault on a mapped page
        // costs 25-65 us against 3-5 us for a pread of the same cached page. A mapping once
        // looked faster only because every pread also faulted in a fresh page-cache page
        // (see store/page_arena.h). Huge-page cache with and without the mapping, 10.4M records,
        // p99 ms: exact 2.0 / 0.4, IPv4 /24 40 / 8.4, rdata-glob 29 / 16.
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
            // Another process may have migrated while we waited for the write lock.
            Statement again(m_db, "PRAGMA user_version");
            again.step();
            const auto now = static_cast<int>(again.int64(0));
            again = Statement();
            if (now > v) {
                if (auto st = exec("COMMIT"); !st) {
                    return st.error();
                }
                v = now - 1;
                continue;
            }
            std::string sql(all[static_cast<std::size_t>(v)]);
            if (current == 0 && v + 1 == schemaVersion()) {
                sql += "\n";
                sql += newStoreDefaults();
            }
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
        s.nameInsertOrIgnore =
            Statement(m_db, "INSERT OR IGNORE INTO names(name, rname) VALUES(?1, ?2)");
        s.rdataInsert =
            Statement(m_db, "INSERT INTO rdata(type, value, ip, target_id) VALUES(?1, ?2, ?3, ?4)");
        s.rdataInsertOrIgnore = Statement(
            m_db, "INSERT OR IGNORE INTO rdata(type, value, ip, target_id) VALUES(?1, ?2, ?3, ?4)");
        constexpr std::string_view kRecordValues =
            "INTO records(name_id, type, rdata_id, first, last, count, bailiwick_id) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        s.recordInsert = Statement(m_db, "INSERT " + std::string(kRecordValues));
        s.recordInsertOrIgnore = Statement(m_db, "INSERT OR IGNORE " + std::string(kRecordValues));
        s.recordUpdate = Statement(m_db, R"sql(
            UPDATE records SET
                first = min(first, ?4),
                last = max(last, ?5),
                count = count + ?6,
                bailiwick_id = coalesce(bailiwick_id, ?7)
            WHERE name_id = ?1 AND type = ?2 AND rdata_id = ?3)sql");
        s.activityUpsert = Statement(m_db, R"sql(
            INSERT INTO record_activity(name_id, type, rdata_id, bucket, count)
            VALUES(?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(name_id, type, rdata_id, bucket) DO UPDATE SET count = count + ?5)sql");
        s.recordSourceInsert =
            Statement(m_db,
                      "INSERT OR IGNORE INTO record_sources(name_id, type, rdata_id, source_id) "
                      "VALUES(?1, ?2, ?3, ?4)");
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    return {};
}

Status Database::begin() {
    return exec("BEGIN IMMEDIATE");
}

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
}

void Database::setInterruptCheck(std::function<bool()> stale) {
    m_interruptCheck = std::move(stale);
    if (!m_interruptCheck) {
        sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
        return;
    }
    // Every 1,000 virtual-machine steps: a few microseconds apart, and the check is a load.
    sqlite3_progress_handler(
        m_db, 1000,
        [](void* self) { return static_cast<Database*>(self)->m_interruptCheck() ? 1 : 0; }, this);
}

bool Database::shrinkWal(std::chrono::milliseconds wait) {
    if (sqlite3_get_autocommit(m_db) == 0) {
        return false;  // inside a transaction
    }
    // TRUNCATE blocks other writers while it waits for readers: wait briefly, not for the
    // busy timeout; the next call tries again.
    sqlite3_busy_timeout(m_db, static_cast<int>(wait.count()));
    const int rc =
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    return rc == SQLITE_OK;
}

Result<MergeStats> Database::mergeRecords(std::vector<Observation>& batch, std::int64_t sourceId,
                                          const std::vector<Activity>* activity) {
    MergeStats stats;
    if (batch.empty()) {
        return stats;
    }
    try {
        auto& s = *m_statements;
        BatchInterner& names = s.names;
        BatchInterner& rdatas = s.rdatas;
        names.reset(batch.size());  // both grow when needed
        rdatas.reset(batch.size() / 2);

        // Distinct names and rdata of the batch, each with a dense number.
        struct Ref {
            std::uint32_t name, bailiwick, rdata;
        };
        std::vector<Ref> refs(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const Observation& o = batch[i];
            refs[i] = {names.intern(o.rrname),
                       o.bailiwick.empty() ? kNone : names.intern(o.bailiwick),
                       rdatas.intern(o.rdata, o.rrtype)};
        }
        // Names inside rdata (CNAME, NS, MX... targets) feed rdata.target_id.
        std::deque<std::string> targets;
        std::vector<std::uint32_t> rdataTarget(rdatas.size(), kNone);
        for (std::uint32_t r = 0; r < rdatas.size(); ++r) {
            std::string target = dns::rdataTargetName(rdatas.type(r), rdatas.key(r));
            if (!target.empty()) {
                targets.push_back(std::move(target));
                rdataTarget[r] = names.intern(targets.back());
            }
        }

        // 1. Names in rname order: the unique rname index is walked front to back.
        const std::uint32_t nameCount = names.size();
        std::vector<std::string> reversed(nameCount);
        for (std::uint32_t i = 0; i < nameCount; ++i) {
            reversed[i] = dns::reverseName(names.key(i));
        }
        std::vector<std::uint32_t> order(nameCount);
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return reversed[a] < reversed[b]; });
        std::vector<std::int64_t> nameIds(nameCount);
        std::vector<bool> newName(nameCount, false);
        // Insert-first costs one statement per new name, select-first one per known name;
        // the share of new names in the previous batch picks the cheaper.
        const bool namesInsertFirst = s.newNameShare > 0.5;
        std::uint32_t createdNames = 0;
        for (const std::uint32_t i : order) {
            if (namesInsertFirst) {
                s.nameInsertOrIgnore.bind(1, names.key(i)).bind(2, reversed[i]).run();
                if (sqlite3_changes(m_db) > 0) {
                    nameIds[i] = sqlite3_last_insert_rowid(m_db);
                    newName[i] = true;
                    ++createdNames;
                    continue;
                }
            }
            s.nameSelect.bind(1, reversed[i]);
            if (s.nameSelect.step()) {
                nameIds[i] = s.nameSelect.int64(0);
                s.nameSelect.reset();
                continue;
            }
            s.nameSelect.reset();
            s.nameInsert.bind(1, names.key(i)).bind(2, reversed[i]).run();
            nameIds[i] = sqlite3_last_insert_rowid(m_db);
            newName[i] = true;
            ++createdNames;
        }
        s.newNameShare = static_cast<double>(createdNames) / nameCount;
        reversed = {};

        // 2. Rdata in (type, value) order, the order of its unique index.
        const std::uint32_t rdataCount = rdatas.size();
        order.resize(rdataCount);
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return rdatas.type(a) != rdatas.type(b) ? rdatas.type(a) < rdatas.type(b)
                                                    : rdatas.key(a) < rdatas.key(b);
        });
        std::vector<std::int64_t> rdataIds(rdataCount);
        std::vector<bool> newRdata(rdataCount, false);
        const bool rdataInsertFirst = s.newRdataShare > 0.5;
        std::uint32_t createdRdata = 0;
        for (const std::uint32_t r : order) {
            const auto type = static_cast<std::int64_t>(rdatas.type(r));
            auto bindInsert = [&](Statement& q) -> Statement& {
                q.bind(1, type).bind(2, rdatas.key(r));
                std::optional<dns::IpBytes> ip;
                if (type == 1 || type == 28) {
                    ip = dns::parseIp(rdatas.key(r));
                }
                if (ip) {
                    q.bindBlob(3, *ip);
                } else {
                    q.bindNull(3);
                }
                if (rdataTarget[r] != kNone) {
                    q.bind(4, nameIds[rdataTarget[r]]);
                } else {
                    q.bindNull(4);
                }
                return q;
            };
            if (rdataInsertFirst) {
                bindInsert(s.rdataInsertOrIgnore).run();
                if (sqlite3_changes(m_db) > 0) {
                    rdataIds[r] = sqlite3_last_insert_rowid(m_db);
                    newRdata[r] = true;
                    ++createdRdata;
                    continue;
                }
            }
            s.rdataSelect.bind(1, type).bind(2, rdatas.key(r));
            if (s.rdataSelect.step()) {
                rdataIds[r] = s.rdataSelect.int64(0);
                s.rdataSelect.reset();
                continue;
            }
            s.rdataSelect.reset();
            bindInsert(s.rdataInsert).run();
            rdataIds[r] = sqlite3_last_insert_rowid(m_db);
            newRdata[r] = true;
            ++createdRdata;
        }
        s.newRdataShare = static_cast<double>(createdRdata) / rdataCount;

        // 3. Records in primary-key order. A key whose name or rdata was created just now
        // cannot exist yet: plain insert. Otherwise insert-or-ignore tells new from
        // existing (sqlite3_changes), and only existing rows take the update.
        struct Keyed {
            std::int64_t name, rdata;
            std::uint32_t type;
            std::uint32_t index;
            bool fresh;
        };
        std::vector<Keyed> keyed(batch.size());
        for (std::uint32_t i = 0; i < batch.size(); ++i) {
            const Ref& ref = refs[i];
            keyed[i] = {nameIds[ref.name], rdataIds[ref.rdata], batch[i].rrtype, i,
                        newName[ref.name] || newRdata[ref.rdata]};
        }
        std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
            return std::tie(a.name, a.type, a.rdata, a.index) <
                   std::tie(b.name, b.type, b.rdata, b.index);
        });
        for (std::size_t k = 0; k < keyed.size();) {
            // A caller may pass a batch that was not aggregated: merge equal keys first.
            const Keyed& key = keyed[k];
            const Observation& first = batch[key.index];
            std::int64_t firstSeen = first.firstSeen, lastSeen = first.lastSeen;
            auto count = static_cast<std::int64_t>(first.count);
            std::uint32_t bailiwick = refs[key.index].bailiwick;
            std::size_t next = k + 1;
            for (; next < keyed.size() && keyed[next].name == key.name &&
                   keyed[next].type == key.type && keyed[next].rdata == key.rdata;
                 ++next) {
                const Observation& o = batch[keyed[next].index];
                firstSeen = std::min(firstSeen, o.firstSeen);
                lastSeen = std::max(lastSeen, o.lastSeen);
                count += static_cast<std::int64_t>(o.count);
                if (bailiwick == kNone)
                    bailiwick = refs[keyed[next].index].bailiwick;
            }
            const std::size_t runBegin = k;
            k = next;
            auto bindRecord = [&](Statement& q) -> Statement& {
                q.bind(1, key.name)
                    .bind(2, static_cast<std::int64_t>(key.type))
                    .bind(3, key.rdata)
                    .bind(4, firstSeen)
                    .bind(5, lastSeen)
                    .bind(6, count);
                if (bailiwick == kNone) {
                    q.bindNull(7);
                } else {
                    q.bind(7, nameIds[bailiwick]);
                }
                return q;
            };
            if (key.fresh) {
                bindRecord(s.recordInsert).run();
                ++stats.newRecords;
            } else {
                bindRecord(s.recordInsertOrIgnore).run();
                if (sqlite3_changes(m_db) > 0) {
                    ++stats.newRecords;
                } else {
                    bindRecord(s.recordUpdate).run();
                    ++stats.updatedRecords;
                }
            }
            s.recordSourceInsert.bind(1, key.name)
                .bind(2, static_cast<std::int64_t>(key.type))
                .bind(3, key.rdata)
                .bind(4, sourceId)
                .run();
            if (activity != nullptr && activity->size() == batch.size()) {
                // An aggregated batch has one entry per key: use it as is. Only a raw batch
                // with repeated keys needs a merged copy.
                const Activity* buckets = &(*activity)[key.index];
                Activity merged;
                if (next > runBegin + 1) {
                    merged = *buckets;
                    for (std::size_t j = runBegin + 1; j < next; ++j)
                        merged.merge((*activity)[keyed[j].index]);
                    buckets = &merged;
                }
                buckets->forEach([&](const BucketCount& b) {
                    s.activityUpsert.bind(1, key.name)
                        .bind(2, static_cast<std::int64_t>(key.type))
                        .bind(3, key.rdata)
                        .bind(4, b.start)
                        .bind(5, static_cast<std::int64_t>(b.count))
                        .run();
                });
            }
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
    if (!q.isNull(10))
        s.timeFirst = q.int64(10);
    if (!q.isNull(11))
        s.timeLast = q.int64(11);
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
    if (s.timeFirst)
        q.bind(10, *s.timeFirst);
    else
        q.bindNull(10);
    if (s.timeLast)
        q.bind(11, *s.timeLast);
    else
        q.bindNull(11);
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
        Statement q(
            m_db,
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
        q.bind(1, dns::reverseName(rrname))
            .bind(2, static_cast<std::int64_t>(rrtype))
            .bind(3, rdata);
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
        Statement q(m_db,
                    "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                    "ON CONFLICT DO UPDATE SET value = excluded.value");
        q.bind(1, key).bind(2, value).run();
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    return {};
}

Status Database::dropLookupIndexes() {
    std::string sql = "BEGIN IMMEDIATE;";
    for (const LookupIndex& index : lookupIndexes()) {
        sql += std::string(index.drop) + ";";
    }
    sql += "INSERT INTO settings(key, value) VALUES('" + std::string(kLookupIndexesDeferred) +
           "', '1') ON CONFLICT DO UPDATE SET value = excluded.value; COMMIT;";
    if (auto st = exec(sql.c_str()); !st) {
        rollback();
        return st;
    }
    return {};
}

Status Database::buildLookupIndexes() {
    // The sorts behind CREATE INDEX keep up to a page cache's worth in memory, and with
    // temp_store=MEMORY their spilled runs too: the 10M-observation bulk import peaked at
    // 353-370 MB, above the importer's 300 MB bound. For the build, a 32 MB cache (which
    // bounds the sorter) and runs spilled to temporary files; both are restored after.
    std::int64_t cachePages = 0;
    try {
        Statement q(m_db, "PRAGMA cache_size");
        q.step();
        cachePages = q.int64(0);
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_path);
    }
    std::string sql = "PRAGMA temp_store=FILE; PRAGMA cache_size=-32768; BEGIN IMMEDIATE;";
    for (const LookupIndex& index : lookupIndexes()) {
        sql += std::string(index.create) + ";";
    }
    sql +=
        "DELETE FROM settings WHERE key = '" + std::string(kLookupIndexesDeferred) + "'; COMMIT;";
    Status st = exec(sql.c_str());
    if (!st) {
        rollback();
    }
    const std::string restore =
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=" + std::to_string(cachePages) + ";";
    (void)exec(restore.c_str());
    return st;
}

Result<StoreStats> Database::stats() {
    try {
        StoreStats s;
        Statement q(m_db,
                    "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM names), "
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
