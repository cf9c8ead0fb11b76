// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

#include "common/progress.h"
#include "ingest/importer.h"

namespace tapir::views {

class AtomicProgress;

// Runs engine imports on a worker thread (runOnPool) with its own read-write
// connection, reports throttled progress on the GUI thread, and cancels on request.
// Paths given while an import runs are queued and imported next. GUI thread only.
class ImportController : public QObject {
    Q_OBJECT
public:
    explicit ImportController(QObject* parent = nullptr);
    ~ImportController() override;

    void setDatabasePath(const QString& path);
    [[nodiscard]] bool isRunning() const;
    void start(const QStringList& paths);
    void cancel();
    // Blocks until the running import (if any) has finished; for shutdown.
    void waitForFinished();

Q_SIGNALS:
    void started();
    // fraction of the current file in [0, 1]
    void progressChanged(int fileIndex, int fileCount, const QString& path, double fraction,
                         qulonglong recordsRead);
    // A file was committed (or the import moved on): views may refresh.
    void storeChanged();
    // The whole run ended; summary is one line, details one line per file and problem.
    void finished(const QString& summary, const QStringList& details, bool hadProblems);

private:
    void launch();
    void poll();
    void onFinished();

    QString m_path;
    QStringList m_queue;
    QFutureWatcher<ImportReport> m_watcher;
    std::unique_ptr<AtomicProgress> m_progress;
    CancelToken m_cancel;  // shared with the worker; atomic inside
    QTimer m_poll;
    std::uint64_t m_seenCommits = 0;
};

// One text line per file of a report, as shown in the import log.
[[nodiscard]] QStringList describeReport(const ImportReport& report);
[[nodiscard]] QString summarizeReport(const ImportReport& report);

}  // namespace tapir::views
