// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace tapir::views {

class AlertTableModel;

// The lookalike alerts screen: tier and status filters, the alerts table, triage from the
// context menu (acknowledge, false positive, confirmed), pivots to the records, and CSV
// export. GUI thread only.
class AlertsWidget : public QWidget {
    Q_OBJECT
public:
    explicit AlertsWidget(QWidget* parent = nullptr);
    void setDatabasePath(const QString& path);
    void refresh();
    [[nodiscard]] AlertTableModel* model() const { return m_model; }
    // Writes the shown alerts as CSV (name,brand,technique,score,tier,status,reasons).
    bool exportCsv(const QString& path) const;

Q_SIGNALS:
    void pivotRequested(const QString& query);

private:
    void applyFilter();
    void showContextMenu(const QPoint& pos);

    AlertTableModel* m_model;
    QTableView* m_table;
    QComboBox* m_tier;
    QComboBox* m_status;
    QLabel* m_count;
};

}  // namespace tapir::views
