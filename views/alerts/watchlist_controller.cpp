// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "alerts/watchlist_controller.h"

#include <atomic>

#include "common/worker.h"
#include "lookalike/lookalike_store.h"
#include "store/database.h"

namespace tapir::views {

// Written by the scan worker, read by the GUI thread's poll timer.
class ScanProgress final : public ProgressSink {
public:
    void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t total) override {
        m_done.store(0);
        m_total.store(total);
    }
    void progressed(std::uint64_t done, std::uint64_t) override { m_done.store(done); }
    void reset() {
        m_done.store(0);
        m_total.store(0);
    }

    std::atomic<std::uint64_t> m_done{0}, m_total{0};
};

WatchlistController::WatchlistController(QObject* parent)
    : QObject(parent), m_progress(std::make_unique<ScanProgress>()) {
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &WatchlistController::poll);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &WatchlistController::onFinished);
}

WatchlistController::~WatchlistController() {
    m_queue.clear();
    m_cancel.cancel();
    waitForFinished();
}

void WatchlistController::setDatabasePath(const QString& path) {
    m_path = path;
}

Result<std::vector<lookalike::Brand>> WatchlistController::brands() const {
    if (m_path.isEmpty())
        return std::vector<lookalike::Brand>{};
    auto db = store::Database::open(m_path.toStdString(), store::Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    lookalike::LookalikeStore store(**db);
    return store.brands();
}

void WatchlistController::apply(const Change& change) {
    m_queue.push_back(change);
    if (m_phase == Phase::Scanning) {
        m_cancel.cancel();  // superseded: the full scan after this change covers it
    } else if (m_phase == Phase::Idle) {
        launch();
    }
}

void WatchlistController::rescan() {
    m_scanPending = true;
    m_fullScan = true;
    if (m_phase == Phase::Idle)
        launch();
}

void WatchlistController::cancel() {
    m_cancel.cancel();
}

void WatchlistController::waitForFinished() {
    waitFor(m_watcher);
}

void WatchlistController::launch() {
    if (m_path.isEmpty()) {
        m_queue.clear();
        m_scanPending = false;
        m_phase = Phase::Idle;
        return;
    }
    const std::string path = m_path.toStdString();
    if (!m_queue.empty()) {
        m_phase = Phase::Editing;
        std::vector<Change> changes;
        changes.swap(m_queue);
        m_watcher.setFuture(runOnPool([path, changes]() -> Outcome {
            Outcome out;
            auto db = store::Database::open(path);
            if (!db) {
                out.errors << QString::fromStdString(db.error().describe());
                return out;
            }
            lookalike::LookalikeStore store(**db);
            for (const auto& c : changes) {
                const Status st = c.kind == Change::Kind::Add
                                      ? store.addBrand(c.brand.name, c.brand.domains)
                                  : c.kind == Change::Kind::SetDomains
                                      ? store.setBrandDomains(c.brand.name, c.brand.domains)
                                      : store.removeBrand(c.brand.name);
                if (!st)
                    out.errors << QString::fromStdString(st.error().describe());
            }
            return out;
        }));
        Q_EMIT started();
        return;
    }
    if (!m_scanPending) {
        m_phase = Phase::Idle;
        return;
    }
    m_phase = Phase::Scanning;
    m_scanPending = false;
    const bool full = m_fullScan;
    m_fullScan = false;
    m_cancel.reset();
    m_progress->reset();
    ScanProgress* progress = m_progress.get();
    const CancelToken* cancel = &m_cancel;
    m_watcher.setFuture(runOnPool([path, full, progress, cancel]() -> Outcome {
        Outcome out;
        auto db = store::Database::open(path);
        if (!db) {
            out.errors << QString::fromStdString(db.error().describe());
            return out;
        }
        // After a change the watermark is 0, so this is the CLI's full rescan.
        lookalike::LookalikeScanner scanner(**db);
        auto report =
            full ? scanner.rescan(progress, cancel) : scanner.scanNewNames(progress, cancel);
        if (!report) {
            out.errors << QString::fromStdString(report.error().describe());
            return out;
        }
        out.report = *report;
        return out;
    }));
    m_poll.start();
    Q_EMIT started();
}

void WatchlistController::poll() {
    Q_EMIT progressChanged(m_progress->m_done.load(), m_progress->m_total.load());
}

void WatchlistController::onFinished() {
    const Outcome out = resultOf(m_watcher);
    if (m_phase == Phase::Editing) {
        m_scanPending = true;  // even a failed change may have applied others
        Q_EMIT watchlistChanged(out.errors);
    } else {
        m_poll.stop();
        if (m_queue.empty()) {
            const bool ok = out.errors.isEmpty() && out.report && !out.report->cancelled;
            Q_EMIT scanFinished(out.report ? summarizeScan(*out.report) : out.errors.join('\n'),
                                ok);
        }
    }
    m_phase = Phase::Idle;
    launch();
}

QString summarizeScan(const lookalike::ScanReport& report) {
    if (report.cancelled) {
        return QObject::tr("Scan cancelled after %1 names; the next scan resumes where it stopped")
            .arg(report.namesScanned);
    }
    return QObject::tr(
               "%1 %2 names in %3 s: %4 new alerts, %5 updated, %6 suppressed as the "
               "brand's own infrastructure, %7 dropped")
        .arg(report.full ? QObject::tr("Rescanned") : QObject::tr("Scanned"))
        .arg(report.namesScanned)
        .arg(report.seconds, 0, 'f', 2)
        .arg(report.newAlerts)
        .arg(report.updatedAlerts)
        .arg(report.suppressed)
        .arg(report.droppedAlerts);
}

}  // namespace tapir::views
