// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/search_index_controller.h"

#include "common/worker.h"
#include "query/flexible_index.h"
#include "store/database.h"

namespace tapir::views {

SearchIndexController::SearchIndexController(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this,
            [this] { Q_EMIT finished(isEnabled(), resultOf(m_watcher)); });
}

SearchIndexController::~SearchIndexController() {
    m_cancel.cancel();
    waitFor(m_watcher);
}

void SearchIndexController::setDatabasePath(const QString& path) {
    m_path = path;
}

bool SearchIndexController::isEnabled() const {
    if (m_path.isEmpty())
        return false;
    auto db = store::Database::open(m_path.toStdString(), store::Database::Mode::ReadOnly);
    if (!db)
        return false;
    auto on = FlexibleIndex::enabled(**db);
    return on && *on;
}

void SearchIndexController::setEnabled(bool on) {
    if (m_watcher.isRunning() || m_path.isEmpty())
        return;
    m_cancel.reset();
    Q_EMIT started(on);
    const std::string path = m_path.toStdString();
    m_watcher.setFuture(runOnPool([path, on, cancel = &m_cancel]() -> QString {
        auto db = store::Database::open(path);
        if (!db)
            return QString::fromStdString(db.error().describe());
        NullProgress progress;
        const Status st =
            on ? FlexibleIndex::enable(**db, progress, *cancel) : FlexibleIndex::disable(**db);
        return st ? QString() : QString::fromStdString(st.error().describe());
    }));
}

void SearchIndexController::cancel() {
    m_cancel.cancel();
}

}  // namespace tapir::views
