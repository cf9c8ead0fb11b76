// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/progress.h"
#include "common/result.h"

namespace tapir {

namespace store {
class Database;
}

// Retention: a store that a resolver's folder keeps filling grows by about 300 bytes per
// record for as long as it is watched, so an operator keeps a window (DNSDB and Spamhaus
// keep their own) by deleting what was last seen before a date. A record seen on both sides
// of the date stays whole, with its first seen, count and timeline: passive DNS history is
// per record, and a record still being seen is current.
struct PruneReport {
    std::uint64_t records = 0;    // records deleted, with their provenance and activity
    std::uint64_t names = 0;      // names no record, rdata value or bailiwick refers to any more
    std::uint64_t rdata = 0;      // rdata values no record refers to any more
    std::uint64_t remaining = 0;  // records left in the store
    bool cancelled = false;       // stopped early; what was deleted before stays deleted
};

// How many records were last seen before `cutoff` (Unix seconds): what pruneRecords would
// delete. Read from the last-seen index.
[[nodiscard]] Result<std::uint64_t> countRecordsLastSeenBefore(store::Database& db,
                                                               std::int64_t cutoff);

// Records deleted per transaction: about a second here (1.6M-record store), well inside
// the 10 s a waiting import's busy timeout allows.
inline constexpr std::int64_t kPruneChunk = 20'000;

// Deletes every record last seen before `cutoff`, its provenance and activity rows, and
// then the names and rdata values nothing refers to any more (also from the flexible-search
// index). The sources table is kept, so a file imported before is still refused: its
// records are not counted twice if it comes back. Deletes `chunk` records per transaction,
// oldest first, so an import waiting for the write lock waits about a second, and a cancel
// (checked between them) keeps what was deleted. Progress: records deleted of those counted
// at the start. Lookup indexes an interrupted bulk import left out are built first, as the
// next import would.
[[nodiscard]] Result<PruneReport> pruneRecords(store::Database& db, std::int64_t cutoff,
                                               ProgressSink& progress, const CancelToken& cancel,
                                               std::int64_t chunk = kPruneChunk);

// The store's retention window, kept in its settings so the GUI and the CLI keep the same
// one: every folder watcher (tapir-cli watch, the GUI's watched folders) deletes what was
// last seen more than `keepSeconds` before now when it starts and every
// FolderWatcher::Options::retentionEvery after. Empty: keep everything (the default).
struct RetentionPolicy {
    std::optional<std::int64_t> keepSeconds;

    [[nodiscard]] static Result<RetentionPolicy> load(store::Database& db);
    [[nodiscard]] Status save(store::Database& db) const;
    // "Records last seen more than 90 days ago are deleted while folders are watched." or
    // that everything is kept.
    [[nodiscard]] std::string describe() const;
};

// A window written as 90d, 12h, 30m, 2w or plain seconds; empty if it is none of these or
// not positive.
[[nodiscard]] std::optional<std::int64_t> parseRetentionWindow(std::string_view text);
// The shortest of those forms that is exact: 7776000 -> "90d".
[[nodiscard]] std::string formatRetentionWindow(std::int64_t seconds);

}  // namespace tapir
