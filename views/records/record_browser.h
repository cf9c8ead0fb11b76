// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QWidget>

#include <functional>
#include <utility>

#include "records/search_history.h"

class QAbstractItemModel;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QModelIndex;
class QStackedWidget;
class QStringListModel;
class QTableView;

namespace tapir {
struct RecordSummary;
struct Record;
}  // namespace tapir

namespace tapir::views {

class NameTableModel;
class RecordTableModel;

// The analyst's main screen: one search box in the query language, the lazy records table,
// back/forward history, and pivots from any cell (context menu or double-click). The Names
// button shows the same search as one row per name instead (NameTableModel: subdomains, the
// names on an address); double-click on a name goes back to the records, of that name.
// GUI thread only; owns its models.
class RecordBrowser : public QWidget {
    Q_OBJECT
public:
    explicit RecordBrowser(QWidget* parent = nullptr);
    ~RecordBrowser() override;

    void setDatabasePath(const QString& path);
    // Parses and runs a search, recording it in the history. Bad syntax is reported
    // through statusMessage() with the position, and the search box cursor moves there.
    void search(const QString& query);
    void refresh();
    void focusSearch();
    // Selected rows as CSV (dnsdbq columns) on the clipboard.
    void copySelection();

    [[nodiscard]] RecordTableModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] QAction* backAction() const { return m_backAction; }
    [[nodiscard]] QAction* forwardAction() const { return m_forwardAction; }
    // The Names toggle, its table and model.
    [[nodiscard]] QAction* namesAction() const { return m_namesAction; }
    [[nodiscard]] QTableView* namesTable() const { return m_namesTable; }
    [[nodiscard]] NameTableModel* names() const { return m_names; }
    [[nodiscard]] bool showingNames() const;
    void setShowNames(bool on);
    // The text beside the search box.
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] QString currentQuery() const;
    // The context menu of a cell (pivots, timeline, graph, copy), parented to this widget;
    // the caller deletes it. Public so tests can trigger its actions without exec().
    [[nodiscard]] QMenu* contextMenu(const QModelIndex& index);
    // The result count beside the search box: "1 record", "2,345 records".
    [[nodiscard]] static QString countText(qint64 total);
    // The count with the result's summary: "355 records · 2026-11-26 17:27 – 17:28 ·
    // 14,697 sightings" (the end's date left out when it is the start's; seconds shown
    // when both fall in one minute).
    [[nodiscard]] QString summaryText(const RecordSummary& summary) const;

Q_SIGNALS:
    void statusMessage(const QString& message);
    // The current row changed; nullptr when nothing is selected. Valid until the next reset.
    void currentRecordChanged(const tapir::Record* record);
    // Pivots out of the table (context menu): the timeline of a name, address or prefix,
    // and a relationship graph seeded with an entity ("ns:host" for a nameserver cell).
    void timelineRequested(const QString& subject);
    void graphRequested(const QString& seed);
    // "Monitor X" in a cell's menu: the search to keep watch on (the name, or ip:ADDR).
    void monitorRequested(const QString& query);

private:
    void run(const QString& query, bool addToHistory);
    void setupNames();
    // What both tables share: sorting in the model, with the header's arrow put back (and
    // `sortHint` in the status bar) after a click on a column `sortable` refuses; row
    // selection, the context menu, row height.
    void setUpTable(QTableView* table, QAbstractItemModel* model, int sortColumn,
                    bool (*sortable)(int),
                    const std::function<std::pair<int, Qt::SortOrder>()>& order,
                    const QString& sortHint);
    [[nodiscard]] int timeColumnWidth() const;
    void showContextMenu(const QPoint& pos);
    void updateNavigation();
    // The label beside the search box shows the text of the view on screen; each view
    // keeps its own.
    void setResultText(bool names, const QString& text, const QString& tip = {});
    void showResultText();
    // Runs the current search in the names table (when it shows an older one).
    void loadNames();

    QLineEdit* m_search;
    QLabel* m_resultLabel;
    QTableView* m_table;
    RecordTableModel* m_model;
    QStackedWidget* m_views;
    QTableView* m_namesTable;
    NameTableModel* m_names;
    QAction* m_namesAction;
    bool m_namesStale = true;                   // the names table shows an older search or store
    QString m_resultTexts[2], m_resultTips[2];  // records, names
    QStringListModel* m_completions;
    QAction* m_backAction;
    QAction* m_forwardAction;
    SearchHistory m_history;
};

}  // namespace tapir::views
