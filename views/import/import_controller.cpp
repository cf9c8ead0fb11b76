// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "import/import_controller.h"

#include <atomic>
#include <mutex>

#include "common/worker.h"
#include "store/database.h"

namespace tapir::views {

// Written by the import worker, read by the GUI thread's poll timer.
class AtomicProgress final : public ProgressSink {
public:
    void fileStarted(std::string_view path, std::uint64_t index, std::uint64_t count,
                     std::uint64_t totalBytes) override {
        {
            std::lock_guard lock(m_mutex);
            m_path = QString::fromStdString(std::string(path));
        }
        m_total.store(totalBytes);
        m_done.store(0);
        m_records.store(0);
        m_count.store(count);
        m_index.store(index);
    }
    void progressed(std::uint64_t bytesDone, std::uint64_t recordsRead) override {
        m_done.store(bytesDone);
        m_records.store(recordsRead);
    }
    void committed() override { m_commits.fetch_add(1); }
    QString path() const {
        std::lock_guard lock(m_mutex);
        return m_path;
    }

    std::atomic<std::uint64_t> m_index{0}, m_count{0}, m_total{0}, m_done{0}, m_records{0},
        m_commits{0};

private:
    mutable std::mutex m_mutex;
    QString m_path;  // guarded by m_mutex
};

ImportController::ImportController(QObject* parent)
    : QObject(parent), m_progress(std::make_unique<AtomicProgress>()) {
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &ImportController::poll);
    connect(&m_watcher, &QFutureWatcher<ImportReport>::finished, this,
            &ImportController::onFinished);
}

ImportController::~ImportController() {
    cancel();
    waitForFinished();
}

void ImportController::setDatabasePath(const QString& path) {
    m_path = path;
}

bool ImportController::isRunning() const {
    return m_watcher.isRunning();
}

void ImportController::start(const QStringList& paths) {
    m_queue += paths;
    if (!isRunning()) {
        launch();
    }
}

void ImportController::cancel() {
    m_queue.clear();
    m_cancel.cancel();
}

void ImportController::waitForFinished() {
    waitFor(m_watcher);
}

void ImportController::launch() {
    if (m_queue.isEmpty()) {
        return;
    }
    std::vector<std::string> paths;
    for (const auto& p : m_queue) {
        paths.push_back(p.toStdString());
    }
    m_queue.clear();
    m_cancel.reset();
    m_seenCommits = m_progress->m_commits.load();
    const std::string dbPath = m_path.toStdString();
    AtomicProgress* progress = m_progress.get();
    CancelToken* cancel = &m_cancel;
    m_watcher.setFuture(runOnPool([dbPath, paths, progress, cancel]() -> ImportReport {
        auto db = store::Database::open(dbPath);
        if (!db) {
            ImportReport failed;
            failed.errors.push_back(db.error());
            return failed;
        }
        Importer importer(**db);
        return importer.importPaths(paths, ImportOptions{}, *progress, *cancel);
    }));
    m_poll.start();
    Q_EMIT started();
}

void ImportController::poll() {
    const auto index = static_cast<int>(m_progress->m_index.load());
    const auto count = static_cast<int>(m_progress->m_count.load());
    const auto total = m_progress->m_total.load();
    const auto done = m_progress->m_done.load();
    if (const auto commits = m_progress->m_commits.load(); commits != m_seenCommits) {
        m_seenCommits = commits;
        Q_EMIT storeChanged();  // files were committed: their records are visible
    }
    const double fraction =
        total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    Q_EMIT progressChanged(index, count, m_progress->path(), fraction,
                           m_progress->m_records.load());
}

void ImportController::onFinished() {
    m_poll.stop();
    const ImportReport report = resultOf(m_watcher);
    bool problems = !report.errors.empty() || report.cancelled;
    for (const auto& f : report.files) {
        problems = problems || f.status == FileStatus::Failed || f.stats.skipped > 0 ||
                   !f.stats.warnings.empty();
    }
    Q_EMIT storeChanged();
    Q_EMIT finished(summarizeReport(report), describeReport(report), problems);
    if (!m_queue.isEmpty()) {
        launch();
    }
}

QString summarizeReport(const ImportReport& report) {
    QString s =
        report.cancelled ? QObject::tr("Import cancelled: ") : QObject::tr("Import finished: ");
    s += QObject::tr(
             "%1 imported, %2 already imported, %3 failed; %4 records read, %5 new, %6 skipped")
             .arg(report.count(FileStatus::Imported))
             .arg(report.count(FileStatus::AlreadyImported))
             .arg(report.count(FileStatus::Failed) + report.errors.size())
             .arg(report.recordsRead())
             .arg(report.newRecords())
             .arg(report.skipped());
    return s;
}

QStringList describeReport(const ImportReport& report) {
    QStringList lines;
    for (const auto& e : report.errors) {
        lines << QObject::tr("error: %1").arg(QString::fromStdString(e.describe()));
    }
    for (const auto& f : report.files) {
        QString line = QStringLiteral("%1: %2").arg(QString::fromStdString(f.path),
                                                    QString::fromStdString(statusName(f.status)));
        if (!f.format.empty()) {
            line += QStringLiteral(" (%1)").arg(QString::fromStdString(f.format));
        }
        if (f.status == FileStatus::Imported) {
            line += QObject::tr(" — %1 read, %2 new records, %3 skipped, %4 filtered, %5 s")
                        .arg(f.stats.recordsRead)
                        .arg(f.newRecords)
                        .arg(f.stats.skipped)
                        .arg(f.filtered)
                        .arg(f.seconds, 0, 'f', 2);
        }
        lines << line;
        for (const auto& [reason, n] : f.stats.dropped) {
            lines << QObject::tr("    dropped %1 %2").arg(n).arg(QString::fromStdString(reason));
        }
        for (const auto& w : f.stats.warnings) {
            lines << QObject::tr("    warning: %1").arg(QString::fromStdString(w));
        }
        for (const auto& issue : f.stats.issues) {
            lines << QStringLiteral("    ") + QString::fromStdString(issue.describe());
        }
        if (f.error) {
            lines << QObject::tr("    error: %1").arg(QString::fromStdString(f.error->describe()));
        }
    }
    return lines;
}

}  // namespace tapir::views
