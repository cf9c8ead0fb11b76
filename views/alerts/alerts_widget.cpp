// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "alerts/alerts_widget.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <fstream>

#include "alerts/alert_table_model.h"
#include "common/pivot.h"
#include "lookalike/lookalike_match.h"
#include "report/csv_writer.h"

namespace tapir::views {

AlertsWidget::AlertsWidget(QWidget* parent)
    : QWidget(parent),
      m_model(new AlertTableModel(this)),
      m_table(new QTableView(this)),
      m_tier(new QComboBox(this)),
      m_status(new QComboBox(this)),
      m_count(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout();
    m_tier->addItem(tr("All tiers"), QString());
    m_tier->addItem(tr("High"), QStringLiteral("high"));
    m_tier->addItem(tr("Medium and up"), QStringLiteral("medium"));
    m_status->addItem(tr("Any status"), QString());
    for (const char* s : {"new", "acknowledged", "false_positive", "confirmed"}) {
        m_status->addItem(QString::fromLatin1(s), QString::fromLatin1(s));
    }
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    row->addWidget(new QLabel(tr("Lookalike alerts:"), this));
    row->addWidget(m_tier);
    row->addWidget(m_status);
    row->addStretch(1);
    row->addWidget(m_count);
    row->addWidget(exportButton);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(AlertTableModel::Name, 260);

    connect(m_tier, &QComboBox::currentIndexChanged, this, &AlertsWidget::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &AlertsWidget::applyFilter);
    connect(m_model, &AlertTableModel::loaded, this, [this](int n, const QString& error) {
        m_count->setText(error.isEmpty() ? tr("%n alert(s)", nullptr, n) : error);
    });
    connect(m_table, &QTableView::customContextMenuRequested, this, &AlertsWidget::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
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
}

void AlertsWidget::setDatabasePath(const QString& path) {
    m_model->setDatabasePath(path);
}

void AlertsWidget::refresh() {
    m_model->refresh();
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

void AlertsWidget::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    for (const auto& pivot : pivotsFor(m_model->index(index.row(), AlertTableModel::Name))) {
        menu.addAction(pivot.label, this, [this, q = pivot.query] { Q_EMIT pivotRequested(q); });
    }
    menu.addSeparator();
    const int row = index.row();
    menu.addAction(tr("Mark acknowledged"), this,
                   [this, row] { m_model->setStatus(row, lookalike::AlertStatus::Acknowledged); });
    menu.addAction(tr("Mark false positive"), this,
                   [this, row] { m_model->setStatus(row, lookalike::AlertStatus::FalsePositive); });
    menu.addAction(tr("Mark confirmed"), this,
                   [this, row] { m_model->setStatus(row, lookalike::AlertStatus::Confirmed); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

bool AlertsWidget::exportCsv(const QString& path) const {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (!out)
        return false;
    out << "name,brand,technique,score,tier,status,reasons\r\n";
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const lookalike::Alert* a = m_model->alert(r);
        out << CsvWriter::field(a->name) << ',' << CsvWriter::field(a->brand) << ','
            << CsvWriter::field(a->technique) << ',' << a->score << ',' << CsvWriter::field(a->tier)
            << ',' << CsvWriter::field(std::string(lookalike::alertStatusName(a->status))) << ','
            << CsvWriter::field(a->reasons) << "\r\n";
    }
    return static_cast<bool>(out);
}

}  // namespace tapir::views
