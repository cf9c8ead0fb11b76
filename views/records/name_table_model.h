// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "query/record_query.h"

namespace tapir::views {

class RecordTableModel;

// The names of a search's records, one row each (RecordQuery::names): its records, RR types,
// sightings, first and last seen. An analyst's list of subdomains, or of the names seen on
// an address, a subnet or a name server. Loaded whole (up to kMaxNames rows, with the total
// counted when there are more) on a worker thread with its own connection; a new query
// stops the old one's SQL. Sorting by name, sightings, first or last seen runs the query
// again in that order. Times follow the records table's UTC/local setting. GUI thread only.
class NameTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr std::int64_t kMaxNames = 100'000;
    enum Column { Name, Records, Types, Count, FirstSeen, LastSeen, ColumnCount };

    explicit NameTableModel(const RecordTableModel* times, QObject* parent = nullptr);
    ~NameTableModel() override;

    void setDatabasePath(const QString& path);
    // Loads the names of the records `spec` finds (its limit and offset are replaced by this
    // table's, and its sort too unless the search chose one: sortGiven).
    void setQuery(const QuerySpec& spec);
    void refresh();
    // Stops a load still running (its rows stay as they were).
    void cancel();
    // The query as this table runs it (its sort; limit kMaxNames).
    [[nodiscard]] const QuerySpec& query() const { return m_spec; }

    [[nodiscard]] bool isLoading() const { return m_loading; }
    // Names the query has in all (-1 until known); above rowCount() when capped.
    [[nodiscard]] std::int64_t totalNames() const { return m_total; }
    [[nodiscard]] const NameSummary* name(int row) const;
    [[nodiscard]] int sortColumn() const;
    [[nodiscard]] Qt::SortOrder sortOrder() const {
        return m_spec.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    }
    [[nodiscard]] static bool isSortable(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    // The names arrived (or the query failed): `total` names in all.
    void loaded(qint64 total, const QString& error);

private:
    struct Answer {
        std::uint64_t generation = 0;
        std::vector<NameSummary> names;
        std::int64_t total = 0;
        QString error;
    };
    void load();

    const RecordTableModel* m_times;
    QString m_path;
    QuerySpec m_spec;
    std::vector<NameSummary> m_rows;
    std::int64_t m_total = -1;
    bool m_loading = false;
    std::shared_ptr<std::atomic<std::uint64_t>> m_generation;
};

}  // namespace tapir::views
