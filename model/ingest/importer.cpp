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

namespace {

// Files imported one after another share a transaction until the group is full (see
// ImportOptions): committing costs about as much as merging a one-minute file, because each
// commit writes every index page the files touched to the WAL and checkpoints it back.
// A file joins the group only once it has been read whole and merged, so a file that fails
// or is cancelled leaves nothing in it; a file too large to hold in memory (its aggregator
// flushes while reading) commits the group first and then has a transaction of its own.
class CommitGroup {
public:
    CommitGroup(store::Database& db, const ImportOptions& options, ProgressSink& progress,
                std::vector<FileReport>& reports)
        : m_db(db), m_options(options), m_progress(progress), m_reports(reports) {}
    CommitGroup(const CommitGroup&) = delete;
    CommitGroup& operator=(const CommitGroup&) = delete;
    ~CommitGroup() { close(); }

    // Opens the group's transaction, unless it is open.
    [[nodiscard]] Status begin() {
        if (m_open) {
            return {};
        }
        if (auto st = m_db.begin(); !st) {
            return st;
        }
        m_open = true;
        m_started = std::chrono::steady_clock::now();
        return {};
    }

    // A file merged in the open transaction; its report, appended next at index `report`,
    // says Imported until the group fails.
    void add(std::size_t report, store::SourceInfo source) {
        m_members.push_back({report, std::move(source)});
    }

    [[nodiscard]] bool full() const {
        return m_members.size() >= std::max<std::size_t>(m_options.filesPerCommit, 1) ||
               std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started)
                       .count() >= m_options.secondsPerCommit;
    }

    // Commits the group. The flexible-search index learns the group's new names in the same
    // transaction; lookalike alerts for them are scanned after the commit (a no-op without a
    // watchlist; a failed scan leaves its watermark, so the next scan covers these names).
    void close() {
        if (!m_open) {
            return;
        }
        if (auto st = FlexibleIndex::update(m_db); !st) {
            fail(st.error());
            return;
        }
        if (auto st = m_db.commit(); !st) {
            fail(st.error());  // commit() has rolled back
            return;
        }
        m_open = false;
        m_members.clear();
        m_progress.committed();
        (void)lookalike::scanNewNames(m_db);
    }

    // Rolls the transaction back: every member fails with `error` and keeps a 'failed' row,
    // as a file that failed alone does.
    void fail(const Error& error) {
        m_db.rollback();
        m_open = false;
        for (auto& [index, source] : m_members) {
            FileReport& r = m_reports[index];
            const std::int64_t lostId = r.sourceId;
            r.status = FileStatus::Failed;
            r.error = makeError(
                error.code, "not imported: the transaction it shared failed: " + error.describe(),
                r.path);
            r.newRecords = r.updatedRecords = r.uniqueKeys = 0;
            r.sourceId = 0;
            // A copy of this file later in the same group was reported as already imported.
            for (FileReport& other : m_reports) {
                if (other.status == FileStatus::AlreadyImported && other.sourceId == lostId) {
                    other.status = FileStatus::Failed;
                    other.error =
                        makeError(error.code,
                                  "not imported: its copy " + r.path +
                                      " was in a transaction that failed: " + error.describe(),
                                  other.path);
                    other.sourceId = 0;
                }
            }
            source.status = "failed";
            source.message = r.error->describe();
            source.newRecords = 0;
            (void)m_db.insertSource(source);
        }
        m_members.clear();
    }

    // Rolls back a transaction that holds only the current file's writes.
    void rollbackAlone() {
        m_db.rollback();
        m_open = false;
    }

private:
    struct Member {
        std::size_t report;
        store::SourceInfo source;
    };
    store::Database& m_db;
    const ImportOptions& m_options;
    ProgressSink& m_progress;
    std::vector<FileReport>& m_reports;
    std::vector<Member> m_members;
    bool m_open = false;
    std::chrono::steady_clock::time_point m_started;
};

// Reads, filters, aggregates and merges one file into the group's transaction and appends
// its report to `reports`.
void importOne(store::Database& db, CommitGroup& group, std::vector<FileReport>& reports,
               const std::string& path, const ImportOptions& options, ProgressSink& progress,
               const CancelToken& cancel, std::uint64_t index, std::uint64_t fileCount) {
    const auto started = std::chrono::steady_clock::now();
    FileReport report;
    report.path = path;
    auto finish = [&](FileStatus status, std::optional<Error> error = std::nullopt) {
        report.status = status;
        report.error = std::move(error);
        report.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        reports.push_back(std::move(report));
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
    // Also finds a copy of a file that is in the open group: the connection sees its rows.
    auto previous = db.completedSourceByHash(report.hash);
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
        auto loaded = PrivacyPolicy::load(db);
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

    store::SourceInfo source;
    source.path = fs::absolute(path, ec).string();
    source.size = report.size;
    source.hash = report.hash;
    source.format = report.format;
    source.compression = report.compression;
    source.status = "complete";
    source.startedAt = nowSeconds();

    // The file's first write (its source row) opens the transaction, or joins the group's.
    // A flush before the end of the file means the file does not fit in memory: the group
    // commits first, so the transaction holds this file alone and a failure rolls back only
    // it ('alone').
    bool reading = true;
    bool wrote = false;
    bool alone = false;
    auto startWriting = [&]() -> Status {
        if (wrote) {
            return {};
        }
        if (reading) {
            group.close();
            alone = true;
        }
        if (auto st = group.begin(); !st) {
            return st;
        }
        auto id = db.insertSource(source);
        if (!id) {
            return id.error();
        }
        source.id = *id;
        wrote = true;
        return {};
    };

    // Timelines (issue 6): the aggregator also counts each record's observations per time
    // bucket; the merge writes them with the records.
    // A malformed setting (only a hand edit makes one) falls back to days.
    const auto bucketSeconds = ActivitySettings::bucketSeconds(db);
    store::MergeStats merged;
    Aggregator aggregator(
        options.maxAggregateEntries,
        [&](std::vector<Observation>& batch, std::vector<Activity>& activity) -> Status {
            if (auto st = startWriting(); !st) {
                return st;
            }
            report.uniqueKeys += batch.size();
            auto m = db.mergeRecords(batch, source.id, &activity);
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
    context.setFileTime(options.fileTime);
    auto reader = format->create();
    Status readStatus = reader->read(**input, filter, context);
    reading = false;
    report.stats = std::move(context.stats());
    report.filtered = filter.filtered();
    Status writeStatus = readStatus.ok() && !cancel.cancelled() ? aggregator.finish() : Status{};
    if (writeStatus.ok() && readStatus.ok() && !cancel.cancelled()) {
        writeStatus = startWriting();  // an empty file still gets its row
    }
    if (readStatus.ok() && cancel.cancelled()) {
        readStatus = makeError(ErrorCode::Cancelled, "import cancelled", path);
    }
    source.recordsRead = report.stats.recordsRead;
    source.skipped = report.stats.skipped;
    auto failed = [&](const Error& error) {
        if (alone) {
            group.rollbackAlone();
        } else if (wrote) {
            group.fail(error);  // the final merge failed: the group's other files go too
        }
        const bool cancelled = error.code == ErrorCode::Cancelled;
        // Keep a trace of the attempt: in the group's transaction if one is open, else alone.
        source.status = cancelled ? "cancelled" : "failed";
        source.message = error.describe();
        source.finishedAt = nowSeconds();
        (void)db.insertSource(source);
        report.uniqueKeys = 0;
        finish(cancelled ? FileStatus::Cancelled : FileStatus::Failed, error);
    };
    if (!readStatus.ok() || !writeStatus.ok() || aggregator.failed()) {
        return failed(!readStatus.ok()    ? readStatus.error()
                      : !writeStatus.ok() ? writeStatus.error()
                                          : makeError(ErrorCode::Database, "merge failed", path));
    }

    report.newRecords = merged.newRecords;
    report.updatedRecords = merged.updatedRecords;
    source.finishedAt = nowSeconds();
    if (aggregator.added() > 0) {
        source.timeFirst = aggregator.minTime();
        source.timeLast = aggregator.maxTime();
    }
    source.observations = report.stats.observations;
    source.newRecords = merged.newRecords;
    source.filtered = report.filtered;
    if (!report.stats.warnings.empty()) {
        source.message = report.stats.warnings.front();
    }
    if (auto st = db.updateSource(source); !st) {
        return failed(st.error());
    }
    report.sourceId = source.id;
    progress.progressed((*input)->sourcePosition(), report.stats.recordsRead);
    group.add(reports.size(), source);
    finish(FileStatus::Imported);
    if (alone || group.full()) {
        group.close();
    }
}

}  // namespace

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
    if (options.bulk && !files.empty()) {
        if (auto st = m_db.dropLookupIndexes(); !st) {
            report.errors.push_back(st.error());
            return report;
        }
    }
    report.files = importFiles(files, options, progress, cancel);
    report.cancelled = cancel.cancelled() || (!report.files.empty() &&
                                              report.files.back().status == FileStatus::Cancelled);
    if (options.bulk && !files.empty()) {
        // Also after a cancel or a failure: the store must not stay without them. If this
        // fails too, the next import that is not a bulk one builds them.
        const auto start = std::chrono::steady_clock::now();
        if (auto st = m_db.buildLookupIndexes(); !st) {
            report.errors.push_back(st.error());
        }
        report.indexSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return report;
}

std::vector<FileReport> Importer::importFiles(const std::vector<std::string>& files,
                                              const ImportOptions& options, ProgressSink& progress,
                                              const CancelToken& cancel) {
    std::vector<FileReport> reports;
    reports.reserve(files.size());
    if (!options.bulk) {
        // A bulk import killed half-way left them out. Best effort: if this fails (another
        // writer holds the store), the import goes on and a later one tries again.
        if (auto deferred = m_db.setting(store::Database::kLookupIndexesDeferred);
            deferred && *deferred) {
            (void)m_db.buildLookupIndexes();
        }
    }
    CommitGroup group(m_db, options, progress, reports);
    for (std::size_t i = 0; i < files.size() && !cancel.cancelled(); ++i) {
        importOne(m_db, group, reports, files[i], options, progress, cancel, i, files.size());
        if (reports.back().status == FileStatus::Cancelled) {
            break;
        }
    }
    group.close();
    return reports;
}

FileReport Importer::importFile(const std::string& path, const ImportOptions& options,
                                ProgressSink& progress, const CancelToken& cancel,
                                std::uint64_t index, std::uint64_t fileCount) {
    std::vector<FileReport> reports;
    {
        CommitGroup group(m_db, options, progress, reports);
        importOne(m_db, group, reports, path, options, progress, cancel, index, fileCount);
        group.close();
    }
    return std::move(reports.back());
}

}  // namespace tapir
