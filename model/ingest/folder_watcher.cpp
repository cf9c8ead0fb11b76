// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "ingest/folder_watcher.h"

#include <filesystem>
#include <thread>

namespace tapir {
namespace fs = std::filesystem;

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
        if (ec) continue;
        auto [it, inserted] = m_seen.try_emplace(path);
        Seen& s = it->second;
        if (inserted || s.size != size || s.mtime != mtime) {
            if (!inserted && s.done) {
                s.done = false;  // rewritten in place: a new content hash decides
            }
            s.size = size;
            s.mtime = mtime;
            s.stableSince = now;
        }
    }
    Importer importer(m_db);
    for (auto it = m_seen.begin(); it != m_seen.end(); ++it) {
        if (cancel.cancelled()) break;
        Seen& s = it->second;
        if (s.done) continue;
        const auto stableFor = now - s.stableSince;
        const bool hasLater = std::next(it) != m_seen.end();
        const bool complete = stableFor >= m_options.settle && (hasLater || stableFor >= m_options.idle);
        if (!complete) {
            break;  // keep name order: never import a later file before an earlier one
        }
        FileReport r = importer.importFile(it->first, m_options.import, progress, cancel);
        if (r.status == FileStatus::Cancelled) {
            reports.push_back(std::move(r));
            break;
        }
        s.done = true;
        reports.push_back(std::move(r));
    }
    // Forget files that disappeared (rotated away by the collector).
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        std::error_code ec;
        it = fs::exists(it->first, ec) ? std::next(it) : m_seen.erase(it);
    }
    return reports;
}

void FolderWatcher::run(std::chrono::milliseconds interval, ProgressSink& progress,
                        const CancelToken& cancel,
                        const std::function<void(const FileReport&)>& onFile) {
    while (!cancel.cancelled()) {
        for (const auto& r : scanOnce(progress, cancel)) {
            onFile(r);
        }
        for (auto waited = std::chrono::milliseconds(0); waited < interval && !cancel.cancelled();
             waited += std::chrono::milliseconds(100)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

}  // namespace tapir
