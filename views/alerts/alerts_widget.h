// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QMenu;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QTableView;

namespace tapir::views {

class AlertTableModel;
class BrandsDialog;
class WatchlistController;

// The lookalike alerts screen: tier and status filters, the alerts table, triage and notes
// from the context menu (acknowledge, false positive, confirmed, edit note; the note column
// is editable too), pivots to the records, the timeline and the graph, CSV export, and
// the brands dialog, whose changes rescan on a worker (progress and Cancel in the bar
// above the table). GUI thread only.
class AlertsWidget : public QWidget {
    Q_OBJECT
public:
    explicit AlertsWidget(QWidget* parent = nullptr);
    ~AlertsWidget() override;
    void setDatabasePath(const QString& path);
    void refresh();
    [[nodiscard]] AlertTableModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] WatchlistController* watchlist() const { return m_watchlist; }
    // Writes the shown alerts as CSV (name,brand,technique,score,tier,status,note,reasons).
    bool exportCsv(const QString& path) const;
    // Opens the watchlist editor (non-modal; one per widget).
    BrandsDialog* showBrandsDialog();
    // Fills a menu with the actions for the alert at index: record pivots, timeline and
    // graph, triage, note. The context menu shows this menu.
    void populateContextMenu(QMenu& menu, const QModelIndex& index);

Q_SIGNALS:
    void pivotRequested(const QString& query);
    // The analyst asked for the timeline of a name, or a graph seeded with it.
    void timelineRequested(const QString& subject);
    void graphRequested(const QString& seed);

private:
    void applyFilter();
    void showContextMenu(const QPoint& pos);

    AlertTableModel* m_model;
    WatchlistController* m_watchlist;
    BrandsDialog* m_brandsDialog = nullptr;
    QTableView* m_table;
    QComboBox* m_tier;
    QComboBox* m_status;
    QLabel* m_count;
    QLabel* m_scanStatus;
    QProgressBar* m_scanProgress;
    QPushButton* m_cancelScan;
};

}  // namespace tapir::views
