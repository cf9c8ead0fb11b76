// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/monitors_widget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <ctime>

#include "common/time_format.h"
#include "common/worker.h"
#include "store/database.h"

namespace tapir::views {

MonitorsWidget::MonitorsWidget(QWidget* parent)
    : QWidget(parent),
      m_table(new QTableView(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_add(new QPushButton(tr("Monitor Current Search"), this)),
      m_showNew(new QPushButton(tr("Show New"), this)),
      m_seen(new QPushButton(tr("Mark All Seen"), this)),
      m_remove(new QPushButton(tr("Remove"), this)),
      m_status(new QLabel(this)) {
    m_pool.setMaxThreadCount(1);
    m_model->setHorizontalHeaderLabels(
        {tr("Search"), tr("New"), tr("Records"), tr("Seen until (UTC)")});
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(Search, 320);
    m_add->setToolTip(
        tr("Keep watch on the search in the search box: its records first seen "
           "from now on will show as new"));
    m_showNew->setToolTip(tr("Search the selected monitor's new records and mark it seen"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_showNew);
    buttons->addWidget(m_seen);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    m_status->setText(
        tr("Add a search to keep watch on it: a domain, a subnet, a name "
           "server. Its new records show here as the feed brings them."));
    m_status->setWordWrap(true);

    connect(m_add, &QPushButton::clicked, this, &MonitorsWidget::addCurrentRequested);
    connect(m_showNew, &QPushButton::clicked, this, [this] { showNew(selectedRow()); });
    connect(m_seen, &QPushButton::clicked, this, &MonitorsWidget::markAllSeen);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeMonitor(selectedRow()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showNew(index.row()); });
}

MonitorsWidget::~MonitorsWidget() {
    m_pool.waitForDone();
}

void MonitorsWidget::setDatabasePath(const QString& path) {
    m_path = path;
    refresh();
}

void MonitorsWidget::refresh() {
    run({});
}

void MonitorsWidget::addMonitor(const QString& query) {
    const std::string text = query.trimmed().toStdString();
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    run([text, now](store::Database& db) -> Status {
        auto added = Monitors::add(db, text, now);
        if (!added)
            return added.error();
        return {};
    });
}

void MonitorsWidget::showNew(int row) {
    if (row < 0 || static_cast<std::size_t>(row) >= m_monitors.size())
        return;
    const Monitor& m = m_monitors[static_cast<std::size_t>(row)];
    Q_EMIT searchRequested(QString::fromStdString(Monitors::newRecordsQuery(m)));
    run([id = m.id](store::Database& db) { return Monitors::markSeen(db, id); });
}

void MonitorsWidget::markAllSeen() {
    run([](store::Database& db) { return Monitors::markSeen(db, 0); });
}

void MonitorsWidget::removeMonitor(int row) {
    if (row < 0 || static_cast<std::size_t>(row) >= m_monitors.size())
        return;
    run([id = m_monitors[static_cast<std::size_t>(row)].id](store::Database& db) {
        return Monitors::remove(db, id);
    });
}

int MonitorsWidget::selectedRow() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

QString MonitorsWidget::statusText() const {
    return m_status->text();
}

void MonitorsWidget::run(std::function<Status(store::Database&)> change) {
    if (m_path.isEmpty())
        return;
    ++m_pending;
    QPointer<MonitorsWidget> self(this);
    runOnPool(&m_pool, [self, path = m_path.toStdString(), change = std::move(change)] {
        QString error;
        std::vector<Monitor> monitors;
        // Read-write only to change something: reading needs no write lock.
        auto db = store::Database::open(
            path, change ? store::Database::Mode::ReadWrite : store::Database::Mode::ReadOnly);
        if (!db) {
            error = QString::fromStdString(db.error().describe());
        } else {
            if (change) {
                if (auto st = change(**db); !st)
                    error = QString::fromStdString(st.error().message);
            }
            if (auto listed = Monitors::list(**db, true); listed)
                monitors = std::move(*listed);
            else if (error.isEmpty())
                error = QString::fromStdString(listed.error().describe());
        }
        postTo(self, [self, monitors = std::move(monitors), error] {
            if (!self)
                return;
            --self->m_pending;
            self->show(monitors, error);
        });
    });
}

void MonitorsWidget::show(const std::vector<Monitor>& monitors, const QString& error) {
    m_monitors = monitors;
    const int selected = selectedRow();
    m_model->setRowCount(0);
    qulonglong fresh = 0;
    for (const Monitor& m : monitors) {
        QList<QStandardItem*> row{
            new QStandardItem(QString::fromStdString(m.query)),
            new QStandardItem(QLocale().toString(static_cast<qulonglong>(m.newRecords))),
            new QStandardItem(QLocale().toString(static_cast<qulonglong>(m.records))),
            new QStandardItem(QString::fromStdString(formatUtc(m.seenUntil)))};
        row[Search]->setToolTip(m.error.empty() ? tr("New: %1").arg(QString::fromStdString(
                                                      Monitors::newRecordsQuery(m)))
                                                : QString::fromStdString(m.error));
        if (!m.error.empty()) {
            row[New]->setText(tr("error"));
            row[Records]->setText(QString());
            row[New]->setToolTip(QString::fromStdString(m.error));
        }
        row[New]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row[Records]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (m.newRecords > 0) {
            for (auto* item : row) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
        }
        fresh += m.newRecords;
        m_model->appendRow(row);
    }
    if (selected >= 0 && selected < m_model->rowCount())
        m_table->selectRow(selected);
    if (!error.isEmpty()) {
        m_status->setText(error);
    } else if (!monitors.empty()) {
        m_status->setText(
            fresh == 0
                ? (monitors.size() == 1 ? tr("Nothing new in the monitor.")
                                        : tr("Nothing new in %1 monitors.").arg(monitors.size()))
                : tr("%1 new records. Show New (or double-click) searches a monitor's "
                     "new records and marks it seen.")
                      .arg(QLocale().toString(fresh)));
    }
    Q_EMIT updated(fresh);
}

}  // namespace tapir::views
