// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "alerts/alerts_widget.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <fstream>

#include "alerts/alert_table_model.h"
#include "alerts/brands_dialog.h"
#include "alerts/watchlist_controller.h"
#include "common/pivot.h"
#include "lookalike/lookalike_match.h"
#include "records/record_table_model.h"
#include "report/csv_writer.h"

namespace tapir::views {

AlertsWidget::AlertsWidget(QWidget* parent)
    : QWidget(parent),
      m_model(new AlertTableModel(this)),
      m_watchlist(new WatchlistController(this)),
      m_table(new QTableView(this)),
      m_tier(new QComboBox(this)),
      m_status(new QComboBox(this)),
      m_count(new QLabel(this)),
      m_scanStatus(new QLabel(this)),
      m_scanProgress(new QProgressBar(this)),
      m_cancelScan(new QPushButton(tr("Cancel scan"), this)) {
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout();
    m_tier->addItem(tr("All tiers"), QString());
    m_tier->addItem(tr("High"), QStringLiteral("high"));
    m_tier->addItem(tr("Medium and up"), QStringLiteral("medium"));
    m_status->addItem(tr("Any status"), QString());
    for (const char* s : {"new", "acknowledged", "false_positive", "confirmed"}) {
        m_status->addItem(QString::fromLatin1(s), QString::fromLatin1(s));
    }
    auto* brandsButton = new QPushButton(tr("Brands…"), this);
    brandsButton->setObjectName(QStringLiteral("brandsButton"));
    brandsButton->setToolTip(tr("Edit the watched brands and their own domains"));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    m_scanProgress->setMaximumWidth(160);
    m_scanProgress->setTextVisible(false);
    m_scanProgress->hide();
    m_cancelScan->hide();
    m_scanStatus->setObjectName(QStringLiteral("scanStatus"));
    row->addWidget(new QLabel(tr("Lookalike alerts:"), this));
    row->addWidget(m_tier);
    row->addWidget(m_status);
    row->addStretch(1);
    row->addWidget(m_scanStatus);
    row->addWidget(m_scanProgress);
    row->addWidget(m_cancelScan);
    row->addSpacing(12);
    row->addWidget(m_count);
    row->addWidget(brandsButton);
    row->addWidget(exportButton);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);  // one line per alert; the tooltip has the whole text
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(AlertTableModel::Name, 260);
    m_table->setColumnWidth(AlertTableModel::Note, 180);

    connect(m_tier, &QComboBox::currentIndexChanged, this, &AlertsWidget::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &AlertsWidget::applyFilter);
    connect(m_model, &AlertTableModel::loaded, this, [this](int n, const QString& error) {
        m_count->setText(error.isEmpty() ? tr("%n alert(s)", nullptr, n) : error);
    });
    connect(m_model, &AlertTableModel::writeFailed, this,
            [this](const QString& error) { m_count->setText(error); });
    connect(m_table, &QTableView::customContextMenuRequested, this, &AlertsWidget::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() == AlertTableModel::Note)
            return;  // edits the note
        const auto pivots = pivotsFor(index);
        if (!pivots.isEmpty())
            Q_EMIT pivotRequested(pivots.first().query);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export alerts"), QStringLiteral("tapir-alerts.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(brandsButton, &QPushButton::clicked, this, &AlertsWidget::showBrandsDialog);

    // Watchlist changes and their rescan: removals drop alerts at once, the scan adds them.
    connect(m_cancelScan, &QPushButton::clicked, m_watchlist, &WatchlistController::cancel);
    connect(m_watchlist, &WatchlistController::started, this, [this] {
        m_scanStatus->setText(m_watchlist->isScanning() ? tr("Rescanning…")
                                                        : tr("Saving the watchlist…"));
        m_scanProgress->setRange(0, 0);
        m_scanProgress->show();
        m_cancelScan->setVisible(m_watchlist->isScanning());
    });
    connect(m_watchlist, &WatchlistController::watchlistChanged, m_model,
            &AlertTableModel::refresh);
    connect(m_watchlist, &WatchlistController::progressChanged, this,
            [this](qulonglong done, qulonglong total) {
                if (total == 0)
                    return;
                m_scanProgress->setRange(0, 1000);
                m_scanProgress->setValue(static_cast<int>(1000 * done / total));
            });
    connect(m_watchlist, &WatchlistController::scanFinished, this,
            [this](const QString& summary, bool) {
                m_scanProgress->hide();
                m_cancelScan->hide();
                m_scanStatus->setText(summary.section(QLatin1Char(':'), 0, 0));
                m_scanStatus->setToolTip(summary);
                m_model->refresh();
            });
}

AlertsWidget::~AlertsWidget() {
    m_watchlist->cancel();
    m_watchlist->waitForFinished();
}

void AlertsWidget::setDatabasePath(const QString& path) {
    m_watchlist->setDatabasePath(path);
    m_model->setDatabasePath(path);
    if (m_brandsDialog != nullptr)
        m_brandsDialog->reload();
}

void AlertsWidget::refresh() {
    m_model->refresh();
}

BrandsDialog* AlertsWidget::showBrandsDialog() {
    if (m_brandsDialog == nullptr)
        m_brandsDialog = new BrandsDialog(m_watchlist, this);
    m_brandsDialog->reload();
    m_brandsDialog->show();
    m_brandsDialog->raise();
    m_brandsDialog->activateWindow();
    return m_brandsDialog;
}

void AlertsWidget::applyFilter() {
    lookalike::AlertFilter filter;
    filter.limit = 100000;
    const QString tier = m_tier->currentData().toString();
    if (!tier.isEmpty())
        filter.minTier = lookalike::tierFromName(tier.toStdString());
    const QString status = m_status->currentData().toString();
    if (!status.isEmpty())
        filter.status = lookalike::alertStatusFromName(status.toStdString());
    m_model->setFilter(filter);
}

void AlertsWidget::populateContextMenu(QMenu& menu, const QModelIndex& index) {
    const int row = index.row();
    if (m_model->alert(row) == nullptr)
        return;
    const QModelIndex nameIndex = m_model->index(row, AlertTableModel::Name);
    for (const auto& pivot : pivotsFor(nameIndex)) {
        menu.addAction(pivot.label, this, [this, q = pivot.query] { Q_EMIT pivotRequested(q); });
    }
    const QString name = nameIndex.data(kEntityRole).toString();
    menu.addAction(tr("Timeline of %1").arg(name), this,
                   [this, name] { Q_EMIT timelineRequested(name); });
    menu.addAction(tr("Graph of %1").arg(name), this,
                   [this, name] { Q_EMIT graphRequested(name); });
    menu.addSeparator();
    menu.addAction(tr("Mark acknowledged"), this,
                   [this, row] { m_model->setStatus(row, lookalike::AlertStatus::Acknowledged); });
    menu.addAction(tr("Mark false positive"), this,
                   [this, row] { m_model->setStatus(row, lookalike::AlertStatus::FalsePositive); });
    menu.addAction(tr("Mark confirmed"), this,
                   [this, row] { m_model->setStatus(row, lookalike::AlertStatus::Confirmed); });
    menu.addAction(tr("Edit note…"), this, [this, row] {
        const QModelIndex note = m_model->index(row, AlertTableModel::Note);
        m_table->setCurrentIndex(note);
        m_table->edit(note);
    });
}

void AlertsWidget::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    populateContextMenu(menu, index);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

bool AlertsWidget::exportCsv(const QString& path) const {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (!out)
        return false;
    out << "name,brand,technique,score,tier,status,note,reasons\r\n";
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const lookalike::Alert* a = m_model->alert(r);
        out << CsvWriter::field(a->name) << ',' << CsvWriter::field(a->brand) << ','
            << CsvWriter::field(a->technique) << ',' << a->score << ',' << CsvWriter::field(a->tier)
            << ',' << CsvWriter::field(std::string(lookalike::alertStatusName(a->status))) << ','
            << CsvWriter::field(a->note) << ',' << CsvWriter::field(a->reasons) << "\r\n";
    }
    return static_cast<bool>(out);
}

}  // namespace tapir::views
