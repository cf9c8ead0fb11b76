// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QThreadPool>

#include <vector>

#include "lookalike/lookalike_store.h"

namespace tapir::views {

// Lookalike alerts of the store, filtered by minimum tier and status, loaded on a worker
// thread with its own connection. Answers kEntityRole with the alerting name (and the
// brand on the brand column), so the shared pivot menu works here too. The note column is
// editable; status and note changes show at once and are written in order on one writer
// thread of the model's own, through the engine (so `tapir-cli alerts` shows them); a
// reload waits for the writes. GUI thread only.
class AlertTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Brand, Technique, Score, Tier, Status, Note, Reasons, ColumnCount };

    explicit AlertTableModel(QObject* parent = nullptr);
    ~AlertTableModel() override;

    void setDatabasePath(const QString& path);
    void setFilter(const lookalike::AlertFilter& filter);
    void refresh();
    [[nodiscard]] const lookalike::Alert* alert(int row) const;
    [[nodiscard]] bool isLoading() const { return m_watcher.isRunning(); }
    [[nodiscard]] bool hasPendingWrites() const { return m_pendingWrites > 0; }
    // Changes an alert's triage status in the store, then reloads.
    void setStatus(int row, lookalike::AlertStatus status);
    // Sets an alert's note (empty clears it), keeping its status, then reloads.
    void setNote(int row, const QString& note);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

Q_SIGNALS:
    void loaded(int count, const QString& error);
    // A status or note could not be stored; the table is reloaded from the store.
    void writeFailed(const QString& error);

private:
    struct Loaded {
        std::vector<lookalike::Alert> alerts;
        QString error;
    };
    QString m_path;
    lookalike::AlertFilter m_filter;
    std::vector<lookalike::Alert> m_alerts;
    void write(int row, lookalike::AlertStatus status, const std::optional<std::string>& note);

    QFutureWatcher<Loaded> m_watcher;
    bool m_again = false;
    QThreadPool m_writer;  // one thread: writes land in the order they were made
    int m_pendingWrites = 0;
};

}  // namespace tapir::views
