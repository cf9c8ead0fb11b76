// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QThreadPool>
#include <QWidget>

#include <functional>
#include <vector>

#include "common/result.h"
#include "query/monitors.h"

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace tapir {
namespace store {
class Database;
}
}  // namespace tapir

namespace tapir::views {

// The Monitors dock: searches the analyst keeps watch on (query/monitors.h), each with its
// records and how many of them are new, first seen since the analyst last looked. A row
// with new records is bold; Show New (or double-click) searches them and marks the monitor
// seen. Counts are read again whenever the store changes. Every read and write runs on a
// worker with its own connection, so an import holding the store never blocks the window.
// GUI thread only.
class MonitorsWidget : public QWidget {
    Q_OBJECT
public:
    enum Column { Search, New, Records, SeenUntil, ColumnCount };

    explicit MonitorsWidget(QWidget* parent = nullptr);
    ~MonitorsWidget() override;

    void setDatabasePath(const QString& path);
    // Reads the monitors and their counts again (after an import, say).
    void refresh();
    // Adds a search to the monitors (its new records: those first seen from now on).
    void addMonitor(const QString& query);
    // Searches the new records of the monitor in `row` and marks it seen.
    void showNew(int row);
    void markAllSeen();
    void removeMonitor(int row);

    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] const std::vector<Monitor>& monitors() const { return m_monitors; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    // Show New: the search for a monitor's new records.
    void searchRequested(const QString& query);
    // "Add Current Search" was pressed: the window answers with addMonitor().
    void addCurrentRequested();
    // The monitors were read again: `newRecords` across all of them.
    void updated(qulonglong newRecords);

private:
    // Runs `change` (may be empty) and then reads the monitors, on a worker.
    void run(std::function<Status(store::Database&)> change);
    void show(const std::vector<Monitor>& monitors, const QString& error);
    [[nodiscard]] int selectedRow() const;  // -1: none

    QString m_path;
    QTableView* m_table;
    QStandardItemModel* m_model;
    QPushButton* m_add;
    QPushButton* m_showNew;
    QPushButton* m_seen;
    QPushButton* m_remove;
    QLabel* m_status;
    std::vector<Monitor> m_monitors;
    int m_pending = 0;   // jobs started and not yet answered
    QThreadPool m_pool;  // one thread: jobs run, and answer, in the order they were asked
};

}  // namespace tapir::views
