// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/triage_widget.h"

#include <QApplication>
#include <QBrush>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <fstream>

#include "common/time_format.h"
#include "common/worker.h"
#include "graph/graph_widget.h"
#include "query/record_query.h"
#include "report/csv_writer.h"
#include "store/database.h"

namespace tapir::views {

void TriageTableModel::setRows(std::vector<TriageRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int TriageTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TriageTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TriageTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TriageRow& row = m_rows[static_cast<std::size_t>(index.row())];
    const RecordSummary& s = row.summary;
    const bool seen = s.records > 0;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Indicator:
                    return QString::fromStdString(row.indicator);
                case Search:
                    return QString::fromStdString(row.query);
                case Records:
                    return row.error.empty()
                               ? QVariant(QLocale().toString(static_cast<qulonglong>(s.records)))
                               : QVariant(tr("bad search"));
                case Sightings:
                    return row.error.empty()
                               ? QVariant(QLocale().toString(static_cast<qulonglong>(s.count)))
                               : QVariant();
                case FirstSeen:
                    return seen ? QString::fromStdString(formatUtc(s.firstSeen)) : QVariant();
                case LastSeen:
                    return seen ? QString::fromStdString(formatUtc(s.lastSeen)) : QVariant();
                default:
                    return {};
            }
        case Qt::UserRole:  // sort key
            switch (index.column()) {
                case Records:
                    return row.error.empty() ? static_cast<qlonglong>(s.records) : -1LL;
                case Sightings:
                    return static_cast<qlonglong>(s.count);
                case FirstSeen:
                    return seen ? static_cast<qlonglong>(s.firstSeen) : QVariant();
                case LastSeen:
                    return seen ? static_cast<qlonglong>(s.lastSeen) : QVariant();
                default:
                    return data(index, Qt::DisplayRole);
            }
        case Qt::ForegroundRole:
            if (!row.error.empty())
                return QBrush(QColor(0xc0, 0x1c, 0x28));
            if (!seen)
                return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
            return {};
        case Qt::ToolTipRole:
            if (!row.error.empty())
                return QString::fromStdString(row.error);
            return tr("Double-click to search %1").arg(QString::fromStdString(row.query));
        case Qt::TextAlignmentRole:
            if (index.column() == Records || index.column() == Sightings)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            return {};
    }
}

QVariant TriageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case Indicator:
            return tr("Indicator");
        case Search:
            return tr("Search");
        case Records:
            return tr("Records");
        case Sightings:
            return tr("Sightings");
        case FirstSeen:
            return tr("First seen (UTC)");
        case LastSeen:
            return tr("Last seen (UTC)");
        default:
            return {};
    }
}

TriageWidget::TriageWidget(QWidget* parent)
    : QWidget(parent),
      m_input(new QPlainTextEdit(this)),
      m_below(new QCheckBox(tr("Names below too"), this)),
      m_open(new QPushButton(tr("Open List…"), this)),
      m_run(new QPushButton(tr("Look Up"), this)),
      m_export(new QPushButton(tr("Export CSV…"), this)),
      m_graph(new QPushButton(tr("Graph Seen"), this)),
      m_status(new QLabel(this)),
      m_table(new QTableView(this)),
      m_model(new TriageTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this)) {
    m_input->setObjectName(QStringLiteral("triageInput"));
    m_input->setPlaceholderText(
        tr("Paste indicators, one per line, as a report lists them:\n"
           "evil[.]example\nhxxps://login.evil[.]example/path\n198.51.100[.]7\n"
           "ip:203.0.113.0/24"));
    m_input->setToolTip(
        tr("Names, addresses, URLs and e-mail addresses, defanged or not "
           "([.], (dot), hxxp://), or any search; # starts a comment"));
    m_below->setToolTip(tr("A name also counts the records of every name below it"));
    m_run->setToolTip(tr("Look up every indicator (Ctrl+Return)"));
    m_export->setEnabled(false);
    m_graph->setObjectName(QStringLiteral("triageGraph"));
    m_graph->setEnabled(false);
    m_graph->setToolTip(
        tr("A relationship graph around the indicators the store has seen: "
           "what links them (shared addresses, name servers, aliases)"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);  // the order given until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(TriageTableModel::Indicator, 220);
    m_table->setColumnWidth(TriageTableModel::Search, 170);
    m_table->setColumnWidth(TriageTableModel::Records, 75);
    m_table->setColumnWidth(TriageTableModel::Sightings, 80);
    m_table->setColumnWidth(TriageTableModel::FirstSeen, 140);

    auto* controls = new QVBoxLayout;
    controls->addWidget(m_input, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_below);
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_run);
    controls->addLayout(buttons);
    auto* results = new QVBoxLayout;
    results->addWidget(m_table, 1);
    auto* resultButtons = new QHBoxLayout;
    resultButtons->addWidget(m_status, 1);
    resultButtons->addWidget(m_graph);
    resultButtons->addWidget(m_export);
    results->addLayout(resultButtons);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(controls, 2);
    layout->addLayout(results, 5);

    connect(m_run, &QPushButton::clicked, this, &TriageWidget::lookUp);
    m_input->installEventFilter(this);
    connect(m_export, &QPushButton::clicked, this, &TriageWidget::exportDialog);
    connect(m_open, &QPushButton::clicked, this, &TriageWidget::openDialog);
    connect(m_graph, &QPushButton::clicked, this, [this] { Q_EMIT graphRequested(seenSeeds()); });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_sorted->mapToSource(index);
        const auto& rows = m_model->rows();
        if (!source.isValid() || static_cast<std::size_t>(source.row()) >= rows.size())
            return;
        const TriageRow& row = rows[static_cast<std::size_t>(source.row())];
        if (row.error.empty())
            Q_EMIT searchRequested(QString::fromStdString(row.query));
    });
    connect(&m_watcher, &QFutureWatcher<Result<std::vector<TriageRow>>>::finished, this, [this] {
        m_run->setEnabled(true);
        auto rows = resultOf(m_watcher);
        if (!rows) {
            m_status->setText(QString::fromStdString(rows.error().describe()));
            Q_EMIT finished();
            return;
        }
        std::size_t seen = 0;
        std::size_t bad = 0;
        for (const auto& row : *rows) {
            seen += row.summary.records > 0 ? 1 : 0;
            bad += row.error.empty() ? 0 : 1;
        }
        const auto total = static_cast<int>(rows->size());
        QString text = tr("%n indicator(s)", nullptr, total) + QStringLiteral(": ") +
                       tr("%1 seen, %2 never seen").arg(seen).arg(rows->size() - seen - bad);
        if (bad > 0)
            text += tr(", %1 bad").arg(bad);
        m_status->setText(text);
        m_model->setRows(std::move(*rows));
        m_export->setEnabled(!m_model->rows().empty());
        m_graph->setEnabled(!seenSeeds().isEmpty());
        Q_EMIT finished();
    });
}

TriageWidget::~TriageWidget() {
    if (m_cancel)
        m_cancel->cancel();
    waitFor(m_watcher);
}

bool TriageWidget::eventFilter(QObject* watched, QEvent* event) {
    // Ctrl+Return in the list looks up. The window's own Ctrl+Return (pivot on the current
    // cell) would otherwise take the key, so the list claims it first (ShortcutOverride).
    if (watched == m_input &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                lookUp();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QStringList TriageWidget::seenSeeds() const {
    QStringList seeds;
    for (const TriageRow& row : m_model->rows()) {
        if (row.summary.records == 0 || !row.error.empty())
            continue;
        for (const QString& seed :
             GraphWidget::seedsFrom(nullptr, QString::fromStdString(row.query))) {
            if (!seeds.contains(seed))
                seeds << seed;
        }
        if (seeds.size() >= 20)
            break;
    }
    return seeds;
}

void TriageWidget::setIndicators(const QString& text) {
    m_input->setPlainText(text);
}

bool TriageWidget::loadIndicators(const QString& path, QString* error) {
    QFile file(path);
    // A list of indicators is small; a huge file is not one.
    if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * 1024 * 1024) {
        if (error != nullptr)
            *error = file.isOpen() ? tr("%1 is too large for a list of indicators").arg(path)
                                   : tr("Cannot read %1").arg(path);
        return false;
    }
    m_input->setPlainText(QString::fromUtf8(file.readAll()));
    return true;
}

void TriageWidget::openDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Indicator List"), {}, tr("Text files (*.txt *.csv *.ioc);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadIndicators(path, &error))
        QMessageBox::warning(this, tr("Cannot open the list"), error);
}

void TriageWidget::focusInput() {
    m_input->setFocus();
}

void TriageWidget::lookUp() {
    if (m_watcher.isRunning() || m_path.isEmpty())
        return;
    const auto indicators = indicatorLines(m_input->toPlainText().toStdString());
    if (indicators.empty()) {
        m_status->setText(tr("Paste indicators first, one per line."));
        return;
    }
    m_run->setEnabled(false);
    m_status->setText(
        tr("Looking up %n indicator(s)…", nullptr, static_cast<int>(indicators.size())));
    m_cancel = std::make_shared<CancelToken>();
    const TriageOptions options{.below = m_below->isChecked()};
    m_watcher.setFuture(runOnPool([path = m_path.toStdString(), indicators, options,
                                   cancel = m_cancel]() -> Result<std::vector<TriageRow>> {
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return db.error();
        RecordQuery query(**db);
        NullProgress progress;
        return triage(query, indicators, options, progress, *cancel);
    }));
}

bool TriageWidget::exportCsv(const QString& path, QString* error) const {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (out)
        CsvWriter(out).writeTriage(m_model->rows());
    if (!out) {
        if (error != nullptr)
            *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

void TriageWidget::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Indicator Triage"), QStringLiteral("triage.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

}  // namespace tapir::views
