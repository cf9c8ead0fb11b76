// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/name_table_model.h"

#include <QPointer>

#include "common/worker.h"
#include "records/record_table_model.h"
#include "report/csv_writer.h"
#include "store/database.h"

namespace tapir::views {

NameTableModel::NameTableModel(const RecordTableModel* times, QObject* parent)
    : QAbstractTableModel(parent),
      m_times(times),
      m_generation(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    // Newest first until the header or a search's sort: says otherwise (QuerySpec's
    // default). The time columns follow the records table between UTC and local time.
    connect(times, &QAbstractItemModel::headerDataChanged, this, [this] {
        Q_EMIT headerDataChanged(Qt::Horizontal, FirstSeen, LastSeen);
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, FirstSeen), index(rowCount() - 1, LastSeen));
    });
}

NameTableModel::~NameTableModel() {
    m_generation->fetch_add(1);  // stops a query still running
}

void NameTableModel::setDatabasePath(const QString& path) {
    m_path = path;
}

void NameTableModel::setQuery(const QuerySpec& spec) {
    const auto sort = m_spec.sort;
    const bool descending = m_spec.descending;
    m_spec = spec;
    if (!spec.sortGiven) {  // sort:… in the search orders the names too
        m_spec.sort = sort;
        m_spec.descending = descending;
    }
    m_spec.offset = 0;
    m_spec.limit = kMaxNames;
    load();
}

void NameTableModel::refresh() {
    load();
}

void NameTableModel::cancel() {
    m_generation->fetch_add(1);
    m_loading = false;
}

void NameTableModel::load() {
    const std::uint64_t generation = m_generation->fetch_add(1) + 1;
    m_loading = !m_path.isEmpty();
    if (!m_loading)
        return;
    QPointer<NameTableModel> self(this);
    runOnPool(
        [self, generation, current = m_generation, path = m_path.toStdString(), spec = m_spec] {
            if (current->load() != generation)
                return;  // superseded before it started: nothing to answer
            Answer answer;
            answer.generation = generation;
            auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
            if (!db) {
                answer.error = QString::fromStdString(db.error().describe());
            } else {
                // A newer query stops this one's SQL.
                (*db)->setInterruptCheck(
                    [current, generation] { return current->load() != generation; });
                RecordQuery query(**db);
                auto names = query.names(spec);
                if (!names) {
                    answer.error = QString::fromStdString(names.error().describe());
                } else {
                    answer.names = std::move(*names);
                    answer.total = static_cast<std::int64_t>(answer.names.size());
                    if (answer.total >= spec.limit) {
                        auto total = query.countNames(spec);
                        if (total)
                            answer.total = static_cast<std::int64_t>(*total);
                        else
                            answer.error = QString::fromStdString(total.error().describe());
                    }
                }
            }
            postTo(self, [self, answer = std::move(answer)]() mutable {
                if (!self || answer.generation != self->m_generation->load())
                    return;  // superseded
                self->beginResetModel();
                self->m_rows = std::move(answer.names);
                self->m_total = answer.error.isEmpty() ? answer.total : -1;
                self->m_loading = false;
                self->endResetModel();
                Q_EMIT self->loaded(self->m_total, answer.error);
            });
        });
}

const NameSummary* NameTableModel::name(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)];
}

int NameTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int NameTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NameTableModel::data(const QModelIndex& index, int role) const {
    const NameSummary* n = name(index.row());
    if (n == nullptr)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case Name:
                return visibleText(displayName(n->rrname));
            case Records:
                return QVariant::fromValue<qulonglong>(n->summary.records);
            case Types:
                return QString::fromStdString(typeList(n->rrtypes));
            case Count:
                return QVariant::fromValue<qulonglong>(n->summary.count);
            case FirstSeen:
                return m_times->formatTime(n->summary.firstSeen);
            case LastSeen:
                return m_times->formatTime(n->summary.lastSeen);
            default:
                return {};
        }
    }
    if (role == Qt::EditRole)  // the stored name, for Copy
        return index.column() == Name ? QString::fromStdString(n->rrname)
                                      : data(index, Qt::DisplayRole);
    if (role == kEntityRole && index.column() == Name)
        return QString::fromStdString(n->rrname);
    if (role == Qt::TextAlignmentRole && (index.column() == Records || index.column() == Count))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant NameTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Name:
            return tr("RRname");
        case Records:
            return tr("Records");
        case Types:
            return tr("Types");
        case Count:
            return tr("Count");
        case FirstSeen:
            return m_times->localTime() ? tr("First seen (local)") : tr("First seen (UTC)");
        case LastSeen:
            return m_times->localTime() ? tr("Last seen (local)") : tr("Last seen (UTC)");
        default:
            return {};
    }
}

bool NameTableModel::isSortable(int column) {
    return column == Name || column == Count || column == FirstSeen || column == LastSeen;
}

int NameTableModel::sortColumn() const {
    switch (m_spec.sort) {
        case QuerySpec::Sort::Name:
            return Name;
        case QuerySpec::Sort::Count:
            return Count;
        case QuerySpec::Sort::FirstSeen:
            return FirstSeen;
        case QuerySpec::Sort::LastSeen:
            return LastSeen;
    }
    return LastSeen;
}

void NameTableModel::sort(int column, Qt::SortOrder order) {
    if (!isSortable(column))
        return;
    const auto sort = column == Name        ? QuerySpec::Sort::Name
                      : column == Count     ? QuerySpec::Sort::Count
                      : column == FirstSeen ? QuerySpec::Sort::FirstSeen
                                            : QuerySpec::Sort::LastSeen;
    const bool descending = order == Qt::DescendingOrder;
    if (sort == m_spec.sort && descending == m_spec.descending)
        return;
    m_spec.sort = sort;
    m_spec.descending = descending;
    load();
}

}  // namespace tapir::views
