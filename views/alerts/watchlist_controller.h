// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "lookalike/lookalike_match.h"
#include "lookalike/lookalike_scanner.h"

namespace tapir::views {

class ScanProgress;

// Changes the lookalike watchlist and runs the scan a change calls for, the engine calls
// `tapir-cli brands add|remove` makes, on a worker thread (runOnPool) with its own
// read-write connection. Changes are applied first (watchlistChanged), then the scan runs
// with throttled progress and a cancel. A change made while a scan runs cancels it and is
// applied next; the full scan that follows covers both. Owned by the alerts widget; GUI
// thread only.
class WatchlistController : public QObject {
    Q_OBJECT
public:
    struct Change {
        enum class Kind { Add, SetDomains, Remove };
        Kind kind = Kind::Add;
        lookalike::Brand brand;  // name; the domains to add (Add) or to own (SetDomains)
    };

    explicit WatchlistController(QObject* parent = nullptr);
    ~WatchlistController() override;

    void setDatabasePath(const QString& path);
    // The watchlist as stored, read on the calling thread through a read-only connection
    // (a short read that in WAL mode never waits for a writer).
    [[nodiscard]] Result<std::vector<lookalike::Brand>> brands() const;

    void apply(const Change& change);
    // A full rescan without a change (`tapir-cli alerts --rescan`).
    void rescan();
    // Stops the running scan at its next chunk; the next scan resumes where it stopped.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_phase != Phase::Idle; }
    [[nodiscard]] bool isScanning() const { return m_phase == Phase::Scanning; }
    // Blocks until the running job (not the queued ones) has finished; for shutdown.
    void waitForFinished();

Q_SIGNALS:
    void started();
    // The queued changes were applied; errors has one line per change that failed.
    void watchlistChanged(const QStringList& errors);
    void progressChanged(qulonglong namesDone, qulonglong namesTotal);
    // The last scan of a run ended (a scan superseded by a change reports nothing).
    void scanFinished(const QString& summary, bool ok);

private:
    enum class Phase { Idle, Editing, Scanning };
    struct Outcome {
        QStringList errors;
        std::optional<lookalike::ScanReport> report;
    };
    void launch();
    void onFinished();
    void poll();

    QString m_path;
    Phase m_phase = Phase::Idle;
    std::vector<Change> m_queue;
    bool m_scanPending = false;
    bool m_fullScan = false;  // rescan() asked for a full scan
    QFutureWatcher<Outcome> m_watcher;
    std::unique_ptr<ScanProgress> m_progress;
    CancelToken m_cancel;  // shared with the worker; atomic inside
    QTimer m_poll;
};

// "Rescanned 1,234 names in 0.4 s: 3 new alerts, …", as `tapir-cli brands` prints it.
[[nodiscard]] QString summarizeScan(const lookalike::ScanReport& report);

}  // namespace tapir::views
