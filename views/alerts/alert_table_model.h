// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QAbstractTableModel>
#include <QFutureWatcher>

#include <vector>

#include "lookalike/lookalike_store.h"

namespace tapir::views {

// Lookalike alerts of the store, filtered by minimum tier and status, loaded on a worker
// thread with its own connection. Answers kEntityRole with the alerting name (and the
// brand on the brand column), so the shared pivot menu works here too. GUI thread only.
class AlertTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Brand, Technique, Score, Tier, Status, Reasons, ColumnCount };

    explicit AlertTableModel(QObject* parent = nullptr);
    ~AlertTableModel() override;

    void setDatabasePath(const QString& path);
    void setFilter(const lookalike::AlertFilter& filter);
    void refresh();
    [[nodiscard]] const lookalike::Alert* alert(int row) const;
    [[nodiscard]] bool isLoading() const { return m_watcher.isRunning(); }
    // Changes an alert's triage status in the store, then reloads.
    void setStatus(int row, lookalike::AlertStatus status);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void loaded(int count, const QString& error);

private:
    struct Loaded {
        std::vector<lookalike::Alert> alerts;
        QString error;
    };
    QString m_path;
    lookalike::AlertFilter m_filter;
    std::vector<lookalike::Alert> m_alerts;
    QFutureWatcher<Loaded> m_watcher;
    bool m_again = false;
};

}  // namespace tapir::views
