// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "alerts/alert_table_model.h"

#include <QBrush>
#include <QColor>
#include <QUrl>

#include "common/worker.h"
#include "lookalike/lookalike_match.h"
#include "records/record_table_model.h"
#include "store/database.h"

namespace tapir::views {

AlertTableModel::AlertTableModel(QObject* parent) : QAbstractTableModel(parent) {
    m_filter.limit = 100000;
    m_writer.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        if (m_pendingWrites > 0) {
            m_again = true;  // read before a write landed: reload when the writes end
            return;
        }
        Loaded result = resultOf(m_watcher);
        beginResetModel();
        m_alerts = std::move(result.alerts);
        endResetModel();
        Q_EMIT loaded(static_cast<int>(m_alerts.size()), result.error);
        if (m_again)
            refresh();
    });
}

AlertTableModel::~AlertTableModel() {
    waitFor(m_watcher);
    m_writer.waitForDone();
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
    if (m_watcher.isRunning() || m_pendingWrites > 0) {
        m_again = true;  // coalesce: one more load when this one (or the writes) end
        return;
    }
    m_again = false;
    const std::string path = m_path.toStdString();
    const lookalike::AlertFilter filter = m_filter;
    m_watcher.setFuture(runOnPool([path, filter]() -> Loaded {
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
    write(row, status, std::nullopt);
}

void AlertTableModel::setNote(int row, const QString& note) {
    const lookalike::Alert* a = alert(row);
    if (a != nullptr)
        write(row, a->status, note.trimmed().toStdString());
}

void AlertTableModel::write(int row, lookalike::AlertStatus status,
                            const std::optional<std::string>& note) {
    if (alert(row) == nullptr || m_path.isEmpty())
        return;
    // Shown at once; the store follows on the writer thread (an import may hold the write
    // lock for a while, and the GUI must not wait for it).
    lookalike::Alert& a = m_alerts[static_cast<std::size_t>(row)];
    a.status = status;
    if (note)
        a.note = *note;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    const std::string path = m_path.toStdString();
    const std::int64_t id = a.id;
    ++m_pendingWrites;
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const QString error = resultOf(*watcher);
        watcher->deleteLater();
        --m_pendingWrites;
        if (!error.isEmpty())
            Q_EMIT writeFailed(error);
        if (m_pendingWrites == 0)
            refresh();
    });
    watcher->setFuture(runOnPool(&m_writer, [path, id, status, note]() -> QString {
        auto db = store::Database::open(path);
        if (!db)
            return QString::fromStdString(db.error().describe());
        lookalike::LookalikeStore store(**db);
        if (auto st = store.setAlertStatus(id, status, note); !st)
            return QString::fromStdString(st.error().describe());
        return {};
    }));
}

Qt::ItemFlags AlertTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Note)
        f |= Qt::ItemIsEditable;
    return f;
}

bool AlertTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || index.column() != Note || alert(index.row()) == nullptr)
        return false;
    const QString note = value.toString().trimmed();
    if (note.toStdString() == alert(index.row())->note)
        return true;
    setNote(index.row(), note);
    return true;
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
            case Note:
                return QString::fromStdString(a->note);
            case Reasons:
                return QString::fromStdString(a->reasons);
            default:
                return {};
        }
    }
    if (role == Qt::EditRole && index.column() == Note)
        return QString::fromStdString(a->note);
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
        case Note:
            return tr("Note");
        case Reasons:
            return tr("Reasons");
        default:
            return {};
    }
}

}  // namespace tapir::views
