// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "query/triage.h"

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace tapir::views {

// The rows of an indicator triage (query/triage.h): indicator, the search it became, and
// its summary. Rows nothing matched are grey, bad indicators red with their error as the
// tooltip. Qt::UserRole gives each cell's sort key. GUI thread only.
class TriageTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Indicator, Search, Records, Sightings, FirstSeen, LastSeen, ColumnCount };

    explicit TriageTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}
    void setRows(std::vector<TriageRow> rows);
    [[nodiscard]] const std::vector<TriageRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<TriageRow> m_rows;
};

// Paste a list of indicators (a threat report's names, addresses and URLs, defanged or
// not), look them all up at once, and see which the store has seen and when; double-click
// a row to search it. Runs on a worker thread with its own read-only connection.
class TriageWidget : public QWidget {
    Q_OBJECT
public:
    explicit TriageWidget(QWidget* parent = nullptr);
    ~TriageWidget() override;
    void setDatabasePath(const QString& path) { m_path = path; }
    void setIndicators(const QString& text);
    // Reads the indicators from a text file (a report's IOC list); false with a message
    // when it cannot be read.
    bool loadIndicators(const QString& path, QString* error = nullptr);
    // Looks up the pasted indicators (again: the store may have grown).
    void lookUp();
    // Writes the rows as CSV (CsvWriter::writeTriage); false with a message on failure.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    [[nodiscard]] TriageTableModel* model() const { return m_model; }
    // Graph seeds of the rows the store has seen: each search that names one name or
    // address (GraphWidget::seedsFrom), at most 20, in the order given.
    [[nodiscard]] QStringList seenSeeds() const;
    [[nodiscard]] QTableView* table() const { return m_table; }
    void focusInput();

Q_SIGNALS:
    // Double-click on a row: the search its indicator became.
    void searchRequested(const QString& query);
    // A lookup finished (or failed: the status line says why).
    void finished();
    // "Graph Seen": the seen indicators that name one entity, as graph seeds.
    void graphRequested(const QStringList& seeds);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void exportDialog();
    void openDialog();

    QString m_path;
    QPlainTextEdit* m_input;
    QCheckBox* m_below;
    QPushButton* m_open;
    QPushButton* m_run;
    QPushButton* m_export;
    QPushButton* m_graph;
    QLabel* m_status;
    QTableView* m_table;
    TriageTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QFutureWatcher<Result<std::vector<TriageRow>>> m_watcher;
    std::shared_ptr<CancelToken> m_cancel;
};

}  // namespace tapir::views
