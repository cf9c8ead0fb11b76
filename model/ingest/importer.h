// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "feeds/feed_reader.h"
#include "ingest/policy.h"

namespace tapir {

namespace store {
class Database;
}

struct ImportOptions {
    std::string format;                                      // empty: detect by content
    std::optional<PrivacyPolicy> policy;                     // empty: the database's saved policy
    std::size_t maxAggregateEntries = std::size_t{1} << 20;  // bounds memory per import
    // Files imported together share one transaction (one commit) until it holds this many
    // files or has been open this many seconds; records show up at each commit. A file that
    // does not fit in memory at once commits on its own. filesPerCommit 1: a commit each.
    // 60 one-minute dnstap files (tools/bench): 254 s with a commit each, 210 s at 5 s,
    // 195 s at 10 s, 171 s at 30 s. Other writers wait for the lock up to the busy timeout
    // (10 s), so a transaction stays about that short.
    std::size_t filesPerCommit = 64;
    double secondsPerCommit = 10;
    // Dates the records of feeds without times of their own (zone files), Unix seconds;
    // unset: each file's modification time.
    std::optional<std::int64_t> fileTime;
    // For a first import of a large history (importPaths only): the store's lookup indexes
    // (by rdata, address, target name and name prefix) are dropped for the import and
    // built once at its end from sorted data, instead of growing entry by entry. 10M COF
    // observations into a new store (tapir-bench import --bulk on|off): 114 s, 6.7 s of it
    // building them, against 138-142 s. records_by_last stays: the newest-first browse and
    // broad suffix searches name it (INDEXED BY), and dropping it as well saved only 7
    // points more in a trial with the sqlite3 shell (39.0 s against 52.5 s). Until
    // the end, rdata, address and prefix searches scan (correct, slower); newest-first
    // browsing, name and suffix searches keep their indexes. Built also after a cancel or
    // failure; a bulk import killed half-way leaves them to the next import that is not
    // one. See Database::dropLookupIndexes.
    bool bulk = false;
};

enum class FileStatus { Imported, AlreadyImported, Failed, Cancelled };

// What happened to one file.
struct FileReport {
    std::string path;
    FileStatus status = FileStatus::Failed;
    std::string format;
    std::string compression;
    std::string hash;
    std::uint64_t size = 0;
    ReadStats stats;
    std::uint64_t filtered = 0;        // dropped by the privacy policy
    std::uint64_t newRecords = 0;      // keys the store did not have
    std::uint64_t updatedRecords = 0;  // keys merged into existing records
    std::uint64_t uniqueKeys = 0;      // distinct keys this file contributed
    double seconds = 0;
    std::optional<Error> error;  // set for Failed (and Cancelled)
    std::int64_t sourceId = 0;
};

struct ImportReport {
    std::vector<FileReport> files;
    std::vector<Error> errors;  // paths that could not be listed at all; a bulk import's
                                // index step that failed
    double indexSeconds = 0;    // a bulk import: building the lookup indexes
    bool cancelled = false;

    [[nodiscard]] std::uint64_t count(FileStatus status) const;
    [[nodiscard]] std::uint64_t recordsRead() const;
    [[nodiscard]] std::uint64_t skipped() const;
    [[nodiscard]] std::uint64_t newRecords() const;
};

// Imports feed files into a store. Each file is read, filtered by the privacy policy,
// aggregated in memory and merged into the store inside a transaction: a file counts
// wholly or not at all (cancel, crash or failure leaves no trace but a 'cancelled' or
// 'failed' row in sources). Small files imported together share a transaction (see
// ImportOptions); a file joins it only once read whole, so a file that fails never takes
// the others with it (only a failing write or commit does, and each of them then fails).
// A file whose content hash is already imported is skipped.
// Synchronous; call it on a worker thread. The Database must be read-write and is used by
// this thread only while the import runs.
class Importer {
public:
    explicit Importer(store::Database& db) : m_db(db) {}

    [[nodiscard]] ImportReport importPaths(const std::vector<std::string>& paths,
                                           const ImportOptions& options, ProgressSink& progress,
                                           const CancelToken& cancel);
    // The given files in order, one report each, until cancelled.
    [[nodiscard]] std::vector<FileReport> importFiles(const std::vector<std::string>& files,
                                                      const ImportOptions& options,
                                                      ProgressSink& progress,
                                                      const CancelToken& cancel);
    [[nodiscard]] FileReport importFile(const std::string& path, const ImportOptions& options,
                                        ProgressSink& progress, const CancelToken& cancel,
                                        std::uint64_t index = 0, std::uint64_t fileCount = 1);

    // Files under the given paths: directories are walked recursively, hidden files and
    // partial files (*.part, *.tmp, ~) skipped, each directory's files in name order (so
    // rotated files import oldest first).
    [[nodiscard]] static std::vector<std::string> expandPaths(const std::vector<std::string>& paths,
                                                              std::vector<Error>& errors);

private:
    store::Database& m_db;
};

[[nodiscard]] std::string statusName(FileStatus status);

}  // namespace tapir
