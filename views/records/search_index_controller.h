// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "common/progress.h"
#include "common/worker.h"

namespace tapir::views {

// Turns the store's flexible-search index (FlexibleIndex: trigram index for glob and regex
// name searches) on or off on a worker thread with its own read-write connection, so the
// window stays usable while a large store is indexed (minutes at 20M names). GUI thread
// only; one job at a time.
class SearchIndexController : public QObject {
    Q_OBJECT
public:
    explicit SearchIndexController(QObject* parent = nullptr);
    ~SearchIndexController() override;

    void setDatabasePath(const QString& path);
    // Whether the open store has the index (a short read on the calling thread).
    [[nodiscard]] bool isEnabled() const;
    // Builds (true) or drops (false) the index in the background; finished() reports.
    void setEnabled(bool on);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished() { waitFor(m_watcher); }

Q_SIGNALS:
    void started(bool on);
    // `error` is empty on success; `enabled` is the store's state afterwards.
    void finished(bool enabled, const QString& error);

private:
    QString m_path;
    CancelToken m_cancel;
    QFutureWatcher<QString> m_watcher;
};

}  // namespace tapir::views
