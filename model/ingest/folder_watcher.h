// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "ingest/importer.h"
#include "ingest/retention.h"

namespace tapir {

namespace store {
class Database;
}

// Watches one folder that a collector keeps filling (e.g. fstrm_capture rotating dnstap
// files every minute) and imports each file once it is complete, in name order, each at
// most once. A file is complete when its size and modification time have not changed for
// `settle`, its content does not say it is still being written (a Frame Streams file must
// end with its STOP frame, a text file with a newline), and either a later file of the same
// series exists (same name once digits are ignored: the writer has rotated to it) or it has
// been idle for `idle`. A file that changes after it was imported is reported and not
// imported again: re-reading a grown file would count its first part twice. A file that
// failed only because another writer held the store's lock too long (ErrorCode::Busy) is
// tried again at the next scan. Restarts are
// safe: the store remembers every imported file by content hash. When the store has a
// retention window (RetentionPolicy), run() also deletes what fell out of it, at start and
// every `retentionEvery`. Polls; synchronous; run it on a worker thread with its own
// read-write connection.
class FolderWatcher {
public:
    struct Options {
        std::chrono::milliseconds settle{3000};
        std::chrono::milliseconds idle{30000};
        ImportOptions import;
        std::chrono::seconds retentionEvery{600};
    };

    FolderWatcher(store::Database& db, std::string folder, Options options);
    FolderWatcher(store::Database& db, std::string folder)
        : FolderWatcher(db, std::move(folder), Options{}) {}

    // One pass: imports the files that are complete now. Returns what happened to each.
    [[nodiscard]] std::vector<FileReport> scanOnce(ProgressSink& progress,
                                                   const CancelToken& cancel);

    // Deletes what the store's retention window no longer keeps (records last seen more than
    // its length before `now`, Unix seconds), if it has one and this never ran or ran
    // `retentionEvery` ago or more (by the steady clock). Empty when it did not run.
    [[nodiscard]] std::optional<Result<PruneReport>> applyRetention(std::int64_t now,
                                                                    const CancelToken& cancel);

    // Scans every `interval` until cancelled, calling onFile for every file handled, and
    // applies the retention window (onPrune, if given, hears each time it ran).
    void run(std::chrono::milliseconds interval, ProgressSink& progress, const CancelToken& cancel,
             const std::function<void(const FileReport&)>& onFile,
             const std::function<void(const Result<PruneReport>&)>& onPrune = {});

    [[nodiscard]] const std::string& folder() const { return m_folder; }

private:
    struct Seen {
        std::uint64_t size = 0;
        std::int64_t mtime = 0;
        std::chrono::steady_clock::time_point stableSince;
        bool done = false;
        bool changedAfterImport = false;
    };

    store::Database& m_db;
    std::string m_folder;
    Options m_options;
    std::map<std::string, Seen> m_seen;  // by path, in name order
    bool m_walToShrink = false;          // imported since the WAL was last cut back
    std::optional<std::chrono::steady_clock::time_point> m_lastRetention;
};

}  // namespace tapir
