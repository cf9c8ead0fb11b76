// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "ingest/folder_watcher.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>

#include "store/database.h"

namespace tapir {
namespace fs = std::filesystem;

namespace {

enum class Tail { Complete, Incomplete, Unknown };

// What the file's own bytes say about whether its writer is done with it.
Tail contentCompleteness(const std::string& path, std::uint64_t size) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr)
        return Tail::Unknown;
    unsigned char head[4] = {};
    unsigned char tail[12] = {};
    const std::size_t headRead = std::fread(head, 1, sizeof(head), f);
    std::size_t tailRead = 0;
    if (size >= sizeof(tail) && std::fseek(f, -static_cast<long>(sizeof(tail)), SEEK_END) == 0) {
        tailRead = std::fread(tail, 1, sizeof(tail), f);
    }
    std::fclose(f);
    if (headRead == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) {
        // Frame Streams: the writer ends the file with a STOP control frame:
        // escape 0x00000000, length 0x00000004, type STOP 0x00000003.
        static constexpr unsigned char kStop[12] = {0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 3};
        return tailRead == sizeof(tail) && std::equal(tail, tail + 12, kStop) ? Tail::Complete
                                                                              : Tail::Incomplete;
    }
    const bool compressed =
        headRead >= 2 &&
        ((head[0] == 0x1f && head[1] == 0x8b) || (head[0] == 'B' && head[1] == 'Z') ||
         head[0] == 0xfd || head[0] == 0x28 || (head[0] == 'P' && head[1] == 'K'));
    const bool text =
        headRead > 0 && !compressed && std::all_of(head, head + headRead, [](unsigned char c) {
            return c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0x7f);
        });
    if (text && tailRead > 0 && tail[tailRead - 1] != '\n') {
        return Tail::Incomplete;  // a line is still being written
    }
    return Tail::Unknown;
}

// Rotated files of one writer differ only in their timestamps or counters.
std::string seriesKey(const std::string& path) {
    std::string name = fs::path(path).filename().string();
    std::erase_if(name, [](char c) { return c >= '0' && c <= '9'; });
    return name;
}

}  // namespace

FolderWatcher::FolderWatcher(store::Database& db, std::string folder, Options options)
    : m_db(db), m_folder(std::move(folder)), m_options(std::move(options)) {}

std::vector<FileReport> FolderWatcher::scanOnce(ProgressSink& progress, const CancelToken& cancel) {
    const auto now = std::chrono::steady_clock::now();
    std::vector<Error> errors;
    const auto files = Importer::expandPaths({m_folder}, errors);
    std::vector<FileReport> reports;
    for (const auto& e : errors) {
        FileReport r;
        r.path = e.file;
        r.status = FileStatus::Failed;
        r.error = e;
        reports.push_back(std::move(r));
    }
    // Update what we know of every file; files are in name order.
    for (const auto& path : files) {
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
        if (ec)
            continue;
        auto [it, inserted] = m_seen.try_emplace(path);
        Seen& s = it->second;
        if (inserted || s.size != size || s.mtime != mtime) {
            if (!inserted && s.done && !s.changedAfterImport) {
                s.changedAfterImport = true;
                FileReport r;
                r.path = path;
                r.status = FileStatus::Failed;
                r.error = makeError(ErrorCode::Io,
                                    "changed after it was imported; not imported again, so no "
                                    "record is counted twice (import a complete copy by hand)",
                                    path);
                reports.push_back(std::move(r));
            }
            s.size = size;
            s.mtime = mtime;
            s.stableSince = now;
        }
    }
    std::vector<std::string> ready;  // in name order; imported together below
    std::set<std::string> waiting;   // series with an earlier file not complete yet
    for (auto it = m_seen.begin(); it != m_seen.end(); ++it) {
        if (cancel.cancelled())
            break;
        Seen& s = it->second;
        if (s.done)
            continue;
        const auto stableFor = now - s.stableSince;
        const std::string series = seriesKey(it->first);
        if (waiting.count(series) != 0) {
            continue;  // keep each series in order
        }
        const bool hasLater = std::any_of(std::next(it), m_seen.end(), [&](const auto& other) {
            return seriesKey(other.first) == series;
        });
        if (stableFor < m_options.settle) {
            waiting.insert(series);
            continue;
        }
        const Tail tail = contentCompleteness(it->first, s.size);
        const bool complete = tail != Tail::Incomplete &&
                              (tail == Tail::Complete || hasLater || stableFor >= m_options.idle);
        if (!complete) {
            waiting.insert(series);  // files of other series may still be ready
            continue;
        }
        ready.push_back(it->first);
    }
    // A backlog (the watcher was off for an hour) imports in shared transactions, as a
    // dropped folder does; in the steady state one file is ready per scan.
    Importer importer(m_db);
    for (FileReport& r : importer.importFiles(ready, m_options.import, progress, cancel)) {
        // A file that met a busy store (another window or watcher importing) is tried again
        // at the next scan; any other failure is reported once.
        const bool retry =
            r.status == FileStatus::Cancelled ||
            (r.status == FileStatus::Failed && r.error && r.error->code == ErrorCode::Busy);
        m_seen[r.path].done = !retry;
        reports.push_back(std::move(r));
    }
    // The connection stays open until the next file: give the WAL's disk space back now,
    // or at a later scan if a reader was busy.
    m_walToShrink = m_walToShrink || std::any_of(reports.begin(), reports.end(), [](auto& r) {
                        return r.status == FileStatus::Imported;
                    });
    if (m_walToShrink) {
        m_walToShrink = !m_db.shrinkWal(std::chrono::milliseconds(200));
    }
    // Forget files that disappeared (rotated away by the collector).
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        std::error_code ec;
        it = fs::exists(it->first, ec) ? std::next(it) : m_seen.erase(it);
    }
    return reports;
}

std::optional<Result<PruneReport>> FolderWatcher::applyRetention(std::int64_t now,
                                                                 const CancelToken& cancel) {
    const auto clock = std::chrono::steady_clock::now();
    if (m_lastRetention && clock - *m_lastRetention < m_options.retentionEvery)
        return std::nullopt;
    m_lastRetention = clock;
    auto policy = RetentionPolicy::load(m_db);
    if (!policy)
        return Result<PruneReport>(policy.error());
    if (!policy->keepSeconds)
        return std::nullopt;
    NullProgress quiet;
    auto report = pruneRecords(m_db, now - *policy->keepSeconds, quiet, cancel);
    if (report && report->records > 0)
        m_walToShrink = true;
    return report;
}

void FolderWatcher::run(std::chrono::milliseconds interval, ProgressSink& progress,
                        const CancelToken& cancel,
                        const std::function<void(const FileReport&)>& onFile,
                        const std::function<void(const Result<PruneReport>&)>& onPrune) {
    while (!cancel.cancelled()) {
        for (const auto& r : scanOnce(progress, cancel)) {
            onFile(r);
        }
        if (auto pruned = applyRetention(static_cast<std::int64_t>(std::time(nullptr)), cancel);
            pruned && onPrune) {
            onPrune(*pruned);
        }
        for (auto waited = std::chrono::milliseconds(0); waited < interval && !cancel.cancelled();
             waited += std::chrono::milliseconds(100)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

}  // namespace tapir
