// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/activity.h"
#include "common/observation.h"
#include "common/result.h"

struct sqlite3;

namespace tapir::store {

class Statement;

// One imported (or attempted) file, as kept in the sources table.
struct SourceInfo {
    std::int64_t id = 0;
    std::string path;
    std::uint64_t size = 0;
    std::string hash;
    std::string format;
    std::string compression;
    std::string status;  // complete, cancelled, failed
    std::string message;
    std::int64_t startedAt = 0;
    std::int64_t finishedAt = 0;
    std::optional<std::int64_t> timeFirst;
    std::optional<std::int64_t> timeLast;
    std::uint64_t recordsRead = 0;
    std::uint64_t observations = 0;
    std::uint64_t skipped = 0;
    std::uint64_t newRecords = 0;
    std::uint64_t filtered = 0;
};

struct MergeStats {
    std::uint64_t newRecords = 0;
    std::uint64_t updatedRecords = 0;
};

struct StoreStats {
    std::uint64_t records = 0;
    std::uint64_t names = 0;
    std::uint64_t sources = 0;
};

// One SQLite connection to a Tapir store (WAL mode). Not thread-safe: each thread opens
// its own Database on the same file; the import worker owns the only writer, readers
// never block it. Opening read-write creates the file and runs pending migrations; a
// database from a newer Tapir is refused with ErrorCode::SchemaTooNew.
class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };

    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const std::string& path,
                                                                Mode mode = Mode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] sqlite3* handle() const { return m_db; }

    // Transactions; the import wraps each file in one, so a file counts wholly or not at all.
    [[nodiscard]] Status begin();
    [[nodiscard]] Status commit();
    void rollback();

    // While set, SQLite calls `stale` every thousand steps of a running statement and
    // stops the statement (an error, "interrupted") when it returns true: for a reader whose
    // work a newer request made useless. Called on the connection's own thread. An empty
    // function removes the check.
    void setInterruptCheck(std::function<bool()> stale);

    // Copies the WAL back into the database and truncates it to zero bytes, if no reader
    // holds an older snapshot within `wait`; returns whether it did. SQLite keeps the WAL at
    // its largest size while any connection stays open, and a commit of one-minute files
    // writes about a page per record it touched: a watched folder's open connection kept a
    // 580 MB WAL beside an 880 MB store (2.9M records) between files.
    bool shrinkWal(std::chrono::milliseconds wait);

    // Merges observations into records (count += n, first = min, last = max, bailiwick
    // kept from the first sighting) and links them to the source. Equal keys within the
    // batch are merged first; names, rdata and records are then written in the order of
    // their unique indexes, so each index is walked front to back (see the overview in
    // database.cpp). Call inside a transaction.
    // `activity`, when given, holds per batch entry its counts per time bucket (same index
    // as `batch`); they are added into record_activity with the records.
    [[nodiscard]] Result<MergeStats> mergeRecords(std::vector<Observation>& batch,
                                                  std::int64_t sourceId,
                                                  const std::vector<Activity>* activity = nullptr);

    // Sources.
    [[nodiscard]] Result<std::optional<SourceInfo>> completedSourceByHash(const std::string& hash);
    [[nodiscard]] Result<std::int64_t> insertSource(const SourceInfo& source);
    [[nodiscard]] Status updateSource(const SourceInfo& source);
    [[nodiscard]] Result<std::vector<SourceInfo>> sources();
    // Paths of the sources that contributed to one record.
    [[nodiscard]] Result<std::vector<std::string>> recordSources(const std::string& rrname,
                                                                 std::uint32_t rrtype,
                                                                 const std::string& rdata);

    // A bulk import (ImportOptions::bulk): the lookup indexes (store/schema.h) are dropped
    // for it and built at its end, each step in one transaction. While they are out, the
    // setting kLookupIndexesDeferred says so, and the next import that is not a bulk one
    // builds them first (a bulk import killed half-way). Not at open: a store opened while
    // a bulk import runs would build them under it, and could hold the write lock longer
    // than the import waits for it. Searches stay correct without them, only slower
    // (rdata, address and prefix lookups scan).
    static constexpr const char* kLookupIndexesDeferred = "indexes.deferred";
    [[nodiscard]] Status dropLookupIndexes();
    [[nodiscard]] Status buildLookupIndexes();

    // Settings shared by the GUI and the CLI (e.g. the anonymisation policy).
    [[nodiscard]] Result<std::optional<std::string>> setting(const std::string& key);
    [[nodiscard]] Status setSetting(const std::string& key, const std::string& value);

    [[nodiscard]] Result<StoreStats> stats();

private:
    Database(std::string path, sqlite3* db);
    Status migrate();
    Status exec(const char* sql);
    Error dbError(const std::string& what) const;

    std::string m_path;
    sqlite3* m_db = nullptr;
    struct Statements;
    std::unique_ptr<Statements> m_statements;  // and the merge's scratch space
    std::function<bool()> m_interruptCheck;
};

}  // namespace tapir::store
