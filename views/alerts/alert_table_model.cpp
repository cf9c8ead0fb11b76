// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "alerts/alert_table_model.h"

#include <QBrush>
#include <QColor>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include "lookalike/lookalike_match.h"
#include "records/record_table_model.h"
#include "store/database.h"

namespace tapir::views {

AlertTableModel::AlertTableModel(QObject* parent) : QAbstractTableModel(parent) {
    m_filter.limit = 100000;
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        Loaded result = m_watcher.result();
        beginResetModel();
        m_alerts = std::move(result.alerts);
        endResetModel();
        Q_EMIT loaded(static_cast<int>(m_alerts.size()), result.error);
        if (m_again) {
            m_again = false;
            refresh();
        }
    });
}

AlertTableModel::~AlertTableModel() {
    m_watcher.waitForFinished();
}

void AlertTableModel::setDatabasePath(const QString& path) {
    m_path = path;
    refresh();
}

void AlertTableModel::setFilter(const lookalike::AlertFilter& filter) {
    m_filter = filter;
    refresh();
}

void AlertTableModel::refresh() {
    if (m_path.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_again = true;  // coalesce: one more load when this one ends
        return;
    }
    const std::string path = m_path.toStdString();
    const lookalike::AlertFilter filter = m_filter;
    m_watcher.setFuture(QtConcurrent::run([path, filter]() -> Loaded {
        Loaded out;
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db) {
            out.error = QString::fromStdString(db.error().describe());
            return out;
        }
        lookalike::LookalikeStore store(**db);
        auto alerts = store.alerts(filter);
        if (!alerts) {
            out.error = QString::fromStdString(alerts.error().describe());
            return out;
        }
        out.alerts = std::move(*alerts);
        return out;
    }));
}

const lookalike::Alert* AlertTableModel::alert(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < m_alerts.size()
               ? &m_alerts[static_cast<std::size_t>(row)]
               : nullptr;
}

void AlertTableModel::setStatus(int row, lookalike::AlertStatus status) {
    const lookalike::Alert* a = alert(row);
    if (a == nullptr)
        return;
    auto db = store::Database::open(m_path.toStdString());
    if (!db)
        return;
    lookalike::LookalikeStore store(**db);
    (void)store.setAlertStatus(a->id, status, std::nullopt);
    refresh();
}

int AlertTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex& index, int role) const {
    const lookalike::Alert* a = alert(index.row());
    if (a == nullptr)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case Name: {
                const QString ascii = QString::fromStdString(a->name);
                const QString unicode = QUrl::fromAce(ascii.toLatin1(), QUrl::IgnoreIDNWhitelist);
                return unicode == ascii
                           ? ascii
                           : unicode + QStringLiteral("  (") + ascii + QLatin1Char(')');
            }
            case Brand:
                return QString::fromStdString(a->brand);
            case Technique:
                return QString::fromStdString(a->technique);
            case Score:
                return a->score;
            case Tier:
                return QString::fromStdString(a->tier);
            case Status:
                return QString::fromUtf8(
                    lookalike::alertStatusName(a->status).data(),
                    static_cast<int>(lookalike::alertStatusName(a->status).size()));
            case Reasons:
                return QString::fromStdString(a->reasons);
            default:
                return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Tier && a->tier == "high") {
        return QBrush(QColor(0xc0, 0x1c, 0x28));
    }
    if (role == kEntityRole) {
        if (index.column() == Brand)
            return QString::fromStdString(a->brand);
        return QString::fromStdString(a->name);
    }
    return {};
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case Name:
            return tr("Name");
        case Brand:
            return tr("Brand");
        case Technique:
            return tr("Technique");
        case Score:
            return tr("Score");
        case Tier:
            return tr("Tier");
        case Status:
            return tr("Status");
        case Reasons:
            return tr("Reasons");
        default:
            return {};
    }
}

}  // namespace tapir::views
