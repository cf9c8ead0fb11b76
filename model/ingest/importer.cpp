// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "ingest/importer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "feeds/input_stream.h"
#include "ingest/activity_settings.h"
#include "ingest/aggregator.h"
#include "ingest/content_hash.h"
#include "lookalike/lookalike_scanner.h"
#include "query/flexible_index.h"
#include "store/database.h"

namespace tapir {
namespace fs = std::filesystem;

namespace {

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool ignoredFileName(const std::string& name) {
    return name.empty() || name.front() == '.' || name.back() == '~' || name.ends_with(".part") ||
           name.ends_with(".tmp");
}

// Reads the first bytes of the decompressed stream for format detection.
Result<std::string> readHead(const std::string& path) {
    auto input = openInput(path);
    if (!input) {
        return input.error();
    }
    std::string head(64 * 1024, '\0');
    std::size_t filled = 0;
    while (filled < head.size()) {
        auto n = (*input)->read(reinterpret_cast<std::byte*>(head.data() + filled),
                                head.size() - filled);
        if (!n) {
            return n.error();
        }
        if (*n == 0)
            break;
        filled += *n;
    }
    head.resize(filled);
    return head;
}

}  // namespace

std::string statusName(FileStatus status) {
    switch (status) {
        case FileStatus::Imported:
            return "imported";
        case FileStatus::AlreadyImported:
            return "already imported";
        case FileStatus::Failed:
            return "failed";
        case FileStatus::Cancelled:
            return "cancelled";
    }
    return "unknown";
}

std::uint64_t ImportReport::count(FileStatus status) const {
    return static_cast<std::uint64_t>(std::count_if(
        files.begin(), files.end(), [status](const FileReport& f) { return f.status == status; }));
}

std::uint64_t ImportReport::recordsRead() const {
    std::uint64_t n = 0;
    for (const auto& f : files)
        n += f.status == FileStatus::Imported ? f.stats.recordsRead : 0;
    return n;
}

std::uint64_t ImportReport::skipped() const {
    std::uint64_t n = 0;
    for (const auto& f : files)
        n += f.status == FileStatus::Imported ? f.stats.skipped : 0;
    return n;
}

std::uint64_t ImportReport::newRecords() const {
    std::uint64_t n = 0;
    for (const auto& f : files)
        n += f.newRecords;
    return n;
}

std::vector<std::string> Importer::expandPaths(const std::vector<std::string>& paths,
                                               std::vector<Error>& errors) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        const auto status = fs::status(p, ec);
        if (ec || !fs::exists(status)) {
            errors.push_back(makeError(ErrorCode::Io, "no such file or directory", p));
            continue;
        }
        if (!fs::is_directory(status)) {
            out.push_back(p);
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(
                 p, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (ignoredFileName(name)) {
                if (it->is_directory(ec))
                    it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec)) {
                found.push_back(it->path().string());
            }
        }
        if (ec) {
            errors.push_back(makeError(ErrorCode::Io, "cannot list directory: " + ec.message(), p));
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

ImportReport Importer::importPaths(const std::vector<std::string>& paths,
                                   const ImportOptions& options, ProgressSink& progress,
                                   const CancelToken& cancel) {
    ImportReport report;
    auto files = expandPaths(paths, report.errors);
    // Never try to import the store itself (a user may drop the folder that holds it).
    std::error_code ec;
    const fs::path self = fs::weakly_canonical(m_db.path(), ec);
    std::erase_if(files, [&](const std::string& f) {
        const std::string c = fs::weakly_canonical(f, ec).string();
        return c == self.string() || c == self.string() + "-wal" || c == self.string() + "-shm" ||
               c == self.string() + "-journal";
    });
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (cancel.cancelled()) {
            report.cancelled = true;
            break;
        }
        report.files.push_back(importFile(files[i], options, progress, cancel, i, files.size()));
        if (report.files.back().status == FileStatus::Cancelled) {
            report.cancelled = true;
            break;
        }
    }
    return report;
}

FileReport Importer::importFile(const std::string& path, const ImportOptions& options,
                                ProgressSink& progress, const CancelToken& cancel,
                                std::uint64_t index, std::uint64_t fileCount) {
    const auto started = std::chrono::steady_clock::now();
    FileReport report;
    report.path = path;
    auto finish = [&](FileStatus status, std::optional<Error> error = std::nullopt) {
        report.status = status;
        report.error = std::move(error);
        report.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report;
    };

    std::error_code ec;
    report.size = fs::file_size(path, ec);
    if (ec) {
        return finish(FileStatus::Failed,
                      makeError(ErrorCode::Io, "cannot read: " + ec.message(), path));
    }
    progress.fileStarted(path, index, fileCount, report.size);

    auto hash = hashFile(path, cancel);
    if (!hash) {
        return finish(
            hash.error().code == ErrorCode::Cancelled ? FileStatus::Cancelled : FileStatus::Failed,
            hash.error());
    }
    report.hash = *hash;
    auto previous = m_db.completedSourceByHash(report.hash);
    if (!previous) {
        return finish(FileStatus::Failed, previous.error());
    }
    if (*previous) {
        report.sourceId = (*previous)->id;
        report.format = (*previous)->format;
        return finish(FileStatus::AlreadyImported);
    }

    const FeedFormat* format = nullptr;
    if (!options.format.empty()) {
        format = findFormat(options.format);
        if (format == nullptr) {
            return finish(
                FileStatus::Failed,
                makeError(ErrorCode::Unsupported, "unknown format '" + options.format + "'", path));
        }
    } else {
        auto head = readHead(path);
        if (!head) {
            return finish(FileStatus::Failed, head.error());
        }
        auto detected = detectFormat(*head, path);
        if (!detected) {
            return finish(FileStatus::Failed, detected.error());
        }
        format = *detected;
    }
    report.format = std::string(format->name);

    PrivacyPolicy policy;
    if (options.policy) {
        policy = *options.policy;
    } else {
        auto loaded = PrivacyPolicy::load(m_db);
        if (!loaded) {
            return finish(FileStatus::Failed, loaded.error());
        }
        policy = std::move(*loaded);
    }

    auto input = openInput(path);
    if (!input) {
        return finish(FileStatus::Failed, input.error());
    }
    report.compression = (*input)->compression();

    // Everything from here to commit is one transaction.
    if (auto st = m_db.begin(); !st) {
        return finish(FileStatus::Failed, st.error());
    }
    store::SourceInfo source;
    source.path = fs::absolute(path, ec).string();
    source.size = report.size;
    source.hash = report.hash;
    source.format = report.format;
    source.compression = report.compression;
    source.status = "complete";
    source.startedAt = nowSeconds();
    auto sourceId = m_db.insertSource(source);
    if (!sourceId) {
        m_db.rollback();
        return finish(FileStatus::Failed, sourceId.error());
    }
    source.id = *sourceId;

    // Timelines (issue 6): the aggregator also counts each record's observations per time
    // bucket; the merge writes them with the records.
    // A malformed setting (only a hand edit makes one) falls back to days.
    const auto bucketSeconds = ActivitySettings::bucketSeconds(m_db);
    store::MergeStats merged;
    Aggregator aggregator(
        options.maxAggregateEntries,
        [&](std::vector<Observation>& batch, std::vector<Activity>& activity) -> Status {
            report.uniqueKeys += batch.size();
            auto m = m_db.mergeRecords(batch, source.id, &activity);
            if (!m) {
                return m.error();
            }
            merged.newRecords += m->newRecords;
            merged.updatedRecords += m->updatedRecords;
            return {};
        });
    aggregator.setActivityBuckets(bucketSeconds ? *bucketSeconds
                                                : ActivitySettings::kDefaultBucketSeconds);
    PolicyFilter filter(policy, aggregator);
    ReadContext context(path, progress, cancel);
    auto reader = format->create();
    Status readStatus = reader->read(**input, filter, context);
    report.stats = std::move(context.stats());
    report.filtered = filter.filtered();
    Status flushStatus = readStatus.ok() && !cancel.cancelled() ? aggregator.finish() : Status{};
    if (readStatus.ok() && cancel.cancelled()) {
        readStatus = makeError(ErrorCode::Cancelled, "import cancelled", path);
    }
    if (!readStatus.ok() || !flushStatus.ok() || aggregator.failed()) {
        m_db.rollback();
        const Error error = !readStatus.ok() ? readStatus.error()
                            : !flushStatus.ok()
                                ? flushStatus.error()
                                : makeError(ErrorCode::Database, "merge failed", path);
        const bool cancelled = error.code == ErrorCode::Cancelled;
        // Keep a trace of the attempt, outside the rolled-back transaction.
        source.status = cancelled ? "cancelled" : "failed";
        source.message = error.describe();
        source.finishedAt = nowSeconds();
        source.recordsRead = report.stats.recordsRead;
        source.skipped = report.stats.skipped;
        (void)m_db.insertSource(source);
        report.uniqueKeys = 0;
        return finish(cancelled ? FileStatus::Cancelled : FileStatus::Failed, error);
    }

    // The flexible-search index (when on) learns this file's new names in its transaction.
    if (auto st = FlexibleIndex::update(m_db); !st) {
        m_db.rollback();
        return finish(FileStatus::Failed, st.error());
    }
    report.newRecords = merged.newRecords;
    report.updatedRecords = merged.updatedRecords;
    source.finishedAt = nowSeconds();
    if (aggregator.added() > 0) {
        source.timeFirst = aggregator.minTime();
        source.timeLast = aggregator.maxTime();
    }
    source.recordsRead = report.stats.recordsRead;
    source.observations = report.stats.observations;
    source.skipped = report.stats.skipped;
    source.newRecords = merged.newRecords;
    source.filtered = report.filtered;
    if (!report.stats.warnings.empty()) {
        source.message = report.stats.warnings.front();
    }
    if (auto st = m_db.updateSource(source); !st) {
        m_db.rollback();
        return finish(FileStatus::Failed, st.error());
    }
    if (auto st = m_db.commit(); !st) {
        return finish(FileStatus::Failed, st.error());
    }
    // Lookalike alerts for the names this file added (issue 8). A no-op without a watchlist;
    // a failed scan leaves its watermark, so the next scan covers these names again.
    (void)lookalike::scanNewNames(m_db);
    report.sourceId = source.id;
    progress.progressed((*input)->sourcePosition(), report.stats.recordsRead);
    return finish(FileStatus::Imported);
}

}  // namespace tapir
