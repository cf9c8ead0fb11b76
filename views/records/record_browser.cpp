// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/record_browser.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>
#include <memory>
#include <sstream>
#include <utility>

#include "common/pivot.h"
#include "dns/name.h"
#include "query/query_parser.h"
#include "query/triage.h"
#include "records/name_table_model.h"
#include "records/record_page_loader.h"
#include "records/record_table_model.h"
#include "report/csv_writer.h"

namespace tapir::views {

RecordBrowser::RecordBrowser(QWidget* parent)
    : QWidget(parent),
      m_search(new QLineEdit(this)),
      m_resultLabel(new QLabel(this)),
      m_table(new QTableView(this)),
      m_model(new RecordTableModel(this)),
      m_views(new QStackedWidget(this)),
      m_namesTable(new QTableView(this)),
      m_names(new NameTableModel(m_model, this)),
      m_namesAction(new QAction(tr("Names"), this)),
      m_completions(new QStringListModel(this)),
      m_backAction(new QAction(QIcon::fromTheme(QStringLiteral("go-previous")), tr("Back"), this)),
      m_forwardAction(
          new QAction(QIcon::fromTheme(QStringLiteral("go-next")), tr("Forward"), this)) {
    m_resultLabel->setObjectName(QStringLiteral("resultCount"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout();
    // Room at the window's edges: the result count used to touch the right border.
    row->setContentsMargins(4, 4, 8, 2);
    auto* backButton = new QToolButton(this);
    auto* forwardButton = new QToolButton(this);
    m_backAction->setShortcut(QKeySequence::Back);
    m_forwardAction->setShortcut(QKeySequence::Forward);
    m_backAction->setToolTip(
        tr("Previous search (%1)").arg(QKeySequence(QKeySequence::Back).toString()));
    m_forwardAction->setToolTip(
        tr("Next search (%1)").arg(QKeySequence(QKeySequence::Forward).toString()));
    backButton->setDefaultAction(m_backAction);
    forwardButton->setDefaultAction(m_forwardAction);
    backButton->setText(QStringLiteral("◀"));
    forwardButton->setText(QStringLiteral("▶"));
    addAction(m_backAction);
    addAction(m_forwardAction);
    row->addWidget(backButton);
    row->addWidget(forwardButton);
    row->addWidget(m_search, 1);
    auto* namesButton = new QToolButton(this);
    namesButton->setDefaultAction(m_namesAction);
    namesButton->setObjectName(QStringLiteral("namesButton"));
    row->addWidget(namesButton);
    row->addWidget(m_resultLabel);
    layout->addLayout(row);
    m_views->addWidget(m_table);
    m_views->addWidget(m_namesTable);
    layout->addWidget(m_views, 1);

    m_search->setPlaceholderText(
        tr("Search: www.example.com · *.example.com · www.example.* · ip:198.51.100.0/24 · "
           "ns:ns1.example.net · re:^pay · type:A after:-7d  (empty: all records)"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(
        tr("Lookups: NAME, *.SUFFIX, PREFIX.*, ip:ADDR[/LEN|-ADDR], rdata:NAME, "
           "ns:/mx:/cname:/ptr:NAME, glob:PATTERN, re:REGEX, rdata-glob:, rdata-re:; "
           "dnsdbq's rrset/name/NAME/TYPE/BAILIWICK, rdata/name/NAME, rdata/ip/ADDR,LEN\n"
           "Modifiers: type:T after:T before:T mode:strict bailiwick:NAME sort:count "
           "limit:N\n"
           "Values with spaces go in \"quotes\"; \"\" inside quotes is a quote: "
           "rdata-glob:\"\"\"v=spf1 *\""));
    auto* completer = new QCompleter(m_completions, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_search->setCompleter(completer);

    // A click on a column the store cannot sort by (type, rdata, bailiwick, sources) would
    // move the header's arrow there while the rows stay as they are: put it back, and say
    // which columns sort.
    setUpTable(
        m_table, m_model, RecordTableModel::LastSeen, &RecordTableModel::isSortable,
        [this] {
            return std::pair{m_model->sortColumn(), m_model->query().descending
                                                        ? Qt::DescendingOrder
                                                        : Qt::AscendingOrder};
        },
        tr("Rows sort by first seen, last seen, count or name (sort:… in the search does too)"));
    const int timeWidth = timeColumnWidth();
    m_table->setColumnWidth(RecordTableModel::FirstSeen, timeWidth);
    m_table->setColumnWidth(RecordTableModel::LastSeen, timeWidth);
    m_table->setColumnWidth(RecordTableModel::Count, 70);
    m_table->setColumnWidth(RecordTableModel::RRName, 280);
    // Wide enough for the longest type the table shows (the NXDOMAIN pseudo-type).
    m_table->setColumnWidth(RecordTableModel::RRType,
                            fontMetrics().horizontalAdvance(QStringLiteral("NXDOMAIN")) + 24);
    m_table->setColumnWidth(RecordTableModel::Rdata, 280);
    m_table->setColumnWidth(RecordTableModel::Bailiwick, 130);

    m_history.load();
    m_completions->setStringList(m_history.recent());
    updateNavigation();

    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    connect(m_backAction, &QAction::triggered, this, [this] {
        if (m_history.canGoBack())
            run(m_history.back(), false);
    });
    connect(m_forwardAction, &QAction::triggered, this, [this] {
        if (m_history.canGoForward())
            run(m_history.forward(), false);
    });
    connect(m_table, &QTableView::customContextMenuRequested, this,
            &RecordBrowser::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const auto pivots = pivotsFor(index);
        if (!pivots.isEmpty())
            search(pivots.first().query);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                Q_EMIT currentRecordChanged(m_model->record(current.row()));
            });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { Q_EMIT currentRecordChanged(nullptr); });
    connect(m_model, &RecordTableModel::queryFinished, this,
            [this](qint64 total, const QString& error) {
                if (!error.isEmpty()) {
                    setResultText(false, tr("error"), error);
                    Q_EMIT statusMessage(error);
                } else if (total == 0 && m_history.current().trimmed().isEmpty()) {
                    setResultText(false, tr("no records yet"));
                    Q_EMIT statusMessage(
                        tr("Drop feed files or folders on the window to import them "
                           "(dnstap, passivedns, COF/DNSDB JSON, …)"));
                } else if (m_model->totalIsEstimate()) {
                    setResultText(
                        false,
                        tr("more than %L1 records (counting…)").arg(RecordPageLoader::kCountCap));
                } else {
                    setResultText(false, countText(total));
                }
            });
    connect(m_model, &RecordTableModel::totalCounted, this, [this](qint64 total) {
        setResultText(false, countText(total),
                      total > RecordTableModel::kSummaryMax
                          ? tr("Results of more than %L1 records are not summed up here; "
                               "tapir-cli query --summarize does it")
                                .arg(RecordTableModel::kSummaryMax)
                          : QString());
    });
    connect(m_model, &RecordTableModel::summaryChanged, this, [this] {
        const auto& s = m_model->summary();
        if (!s || s->records == 0)
            return;
        setResultText(
            false, summaryText(*s),
            tr("The whole result, as DNSDB's summarize: %L1 records seen %L2 times in all, "
               "first %3, last %4 (%5)")
                .arg(s->records)
                .arg(s->count)
                .arg(m_model->formatTime(s->firstSeen), m_model->formatTime(s->lastSeen),
                     m_model->localTime() ? tr("local time") : tr("UTC")));
    });
    setupNames();
}

void RecordBrowser::setupNames() {
    m_namesAction->setCheckable(true);
    m_namesAction->setObjectName(QStringLiteral("showNames"));
    m_namesAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    m_namesAction->setToolTip(
        tr("One row per name of the result: its records, types, sightings, first and last "
           "seen (subdomains of *.example.com, the names on an address, a subnet or a name "
           "server) (%1)")
            .arg(m_namesAction->shortcut().toString()));
    addAction(m_namesAction);
    connect(m_namesAction, &QAction::toggled, this, &RecordBrowser::setShowNames);

    setUpTable(
        m_namesTable, m_names, NameTableModel::LastSeen, &NameTableModel::isSortable,
        [this] {
            return std::pair{m_names->sortColumn(), m_names->sortOrder()};
        },
        tr("Names sort by name, count, first seen or last seen"));
    const int timeWidth = timeColumnWidth();
    m_namesTable->setColumnWidth(NameTableModel::Name, 360);
    m_namesTable->setColumnWidth(NameTableModel::Records, 80);
    m_namesTable->setColumnWidth(NameTableModel::Types, 160);
    m_namesTable->setColumnWidth(NameTableModel::Count, 80);
    m_namesTable->setColumnWidth(NameTableModel::FirstSeen, timeWidth);
    connect(m_namesTable, &QTableView::customContextMenuRequested, this, [this](QPoint pos) {
        std::unique_ptr<QMenu> menu(contextMenu(m_namesTable->indexAt(pos)));
        menu->exec(m_namesTable->viewport()->mapToGlobal(pos));
    });
    // A name's records: back to the records table, searching that name.
    connect(m_namesTable, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString name =
            m_names->index(index.row(), NameTableModel::Name).data(kEntityRole).toString();
        if (name.isEmpty())
            return;
        setShowNames(false);
        search(name);
    });
    connect(m_names, &NameTableModel::loaded, this, [this](qint64 total, const QString& error) {
        if (!error.isEmpty()) {
            setResultText(true, tr("error"), error);
            Q_EMIT statusMessage(error);
            return;
        }
        const qint64 shown = m_names->rowCount();
        setResultText(true,
                      total > shown ? tr("first %L1 of %L2 names").arg(shown).arg(total)
                      : total == 1  ? tr("1 name")
                                    : tr("%L1 names").arg(total),
                      total > shown ? tr("Names are listed up to %L1; tapir-cli query --names "
                                         "--limit 0 lists them all")
                                          .arg(NameTableModel::kMaxNames)
                                    : QString());
    });
}

void RecordBrowser::setUpTable(QTableView* table, QAbstractItemModel* model, int sortColumn,
                               bool (*sortable)(int),
                               const std::function<std::pair<int, Qt::SortOrder>()>& order,
                               const QString& sortHint) {
    table->setModel(model);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, Qt::DescendingOrder);
    connect(table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this, table, sortable, order, sortHint](int column, Qt::SortOrder) {
                if (sortable(column))
                    return;
                QHeaderView* header = table->horizontalHeader();
                const QSignalBlocker blocker(header);
                const auto [current, direction] = order();
                header->setSortIndicator(current, direction);
                Q_EMIT statusMessage(sortHint);
            });
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
}

int RecordBrowser::timeColumnWidth() const {
    return fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + 24;
}

bool RecordBrowser::showingNames() const {
    return m_views->currentWidget() == m_namesTable;
}

void RecordBrowser::setShowNames(bool on) {
    if (m_namesAction->isChecked() != on) {
        m_namesAction->setChecked(on);  // comes back here through toggled
        return;
    }
    m_views->setCurrentWidget(on ? m_namesTable : m_table);
    if (on && m_namesStale) {
        loadNames();
    } else if (!on && m_names->isLoading()) {
        // Grouping a large result reads all of it: no need once the names are hidden.
        m_names->cancel();
        m_namesStale = true;
    }
    showResultText();
}

void RecordBrowser::loadNames() {
    m_namesStale = false;
    setResultText(true, tr("listing names…"));
    m_names->setQuery(m_model->query());
    if (m_model->query().sortGiven) {
        QHeaderView* header = m_namesTable->horizontalHeader();
        const QSignalBlocker blocker(header);
        header->setSortIndicator(m_names->sortColumn(), m_names->sortOrder());
    }
}

void RecordBrowser::setResultText(bool names, const QString& text, const QString& tip) {
    m_resultTexts[names ? 1 : 0] = text;
    m_resultTips[names ? 1 : 0] = tip;
    showResultText();
}

void RecordBrowser::showResultText() {
    const int view = showingNames() ? 1 : 0;
    m_resultLabel->setText(m_resultTexts[view]);
    m_resultLabel->setToolTip(m_resultTips[view]);
}

QString RecordBrowser::resultText() const {
    return m_resultLabel->text();
}

QString RecordBrowser::summaryText(const RecordSummary& s) const {
    QString first = m_model->formatTime(s.firstSeen);  // yyyy-MM-dd HH:mm:ss
    QString last = m_model->formatTime(s.lastSeen);
    if (first.left(16) != last.left(16)) {  // to the minute, unless within one
        first.truncate(16);
        last.truncate(16);
    }
    if (last.left(10) == first.left(10))
        last = last.mid(11);
    const QString sightings =
        s.count == 1 ? tr("1 sighting") : tr("%L1 sightings").arg(static_cast<qulonglong>(s.count));
    return tr("%1 · %2 – %3 · %4")
        .arg(countText(static_cast<qint64>(s.records)), first, last, sightings);
}

QString RecordBrowser::countText(qint64 total) {
    return total == 1 ? tr("1 record") : tr("%L1 records").arg(total);
}

RecordBrowser::~RecordBrowser() {
    m_history.save();
}

void RecordBrowser::setDatabasePath(const QString& path) {
    m_model->setDatabasePath(path);
    m_names->setDatabasePath(path);
    m_namesStale = true;
}

void RecordBrowser::refresh() {
    m_model->refresh();
    m_namesStale = true;
    if (showingNames())
        loadNames();
}

void RecordBrowser::focusSearch() {
    m_search->setFocus();
    m_search->selectAll();
}

QString RecordBrowser::currentQuery() const {
    return m_history.current();
}

void RecordBrowser::search(const QString& query) {
    run(query, true);
}

void RecordBrowser::run(const QString& pasted, bool addToHistory) {
    // An indicator pasted from a report ("evil[.]example", "hxxps://evil.example/x") is
    // searched as the name or address it stands for; searches are left as they are.
    const QString query = QString::fromStdString(refangIndicator(pasted.toStdString()));
    const bool refanged = query != pasted.trimmed();
    m_search->setText(query);
    auto spec = parseQuery(query.toStdString());
    if (!spec) {
        const int at = static_cast<int>(spec.error().offset.value_or(0));
        const QString message = tr("Bad search at character %1: %2")
                                    .arg(at + 1)
                                    .arg(QString::fromStdString(spec.error().message));
        Q_EMIT statusMessage(message);
        // The table keeps the last good search's rows; the label must not read as this
        // search's count.
        // Both views keep the last good search's rows.
        setResultText(false, tr("bad search"), message);
        setResultText(true, tr("bad search"), message);
        m_search->setFocus();
        m_search->setCursorPosition(at);
        return;
    }
    if (addToHistory) {
        m_history.visit(query);
        m_completions->setStringList(m_history.recent());
    }
    updateNavigation();
    Q_EMIT statusMessage(refanged ? tr("Searching %1 for the indicator %2").arg(query, pasted)
                                  : QString());
    setResultText(false, tr("searching…"));
    m_model->setQuery(*spec);
    m_namesStale = true;
    if (showingNames())
        loadNames();
    if (spec->sortGiven) {
        // sort:… in the search: the header shows the order the rows now have.
        QHeaderView* header = m_table->horizontalHeader();
        const QSignalBlocker blocker(header);
        header->setSortIndicator(m_model->sortColumn(),
                                 spec->descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
}

void RecordBrowser::updateNavigation() {
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void RecordBrowser::showContextMenu(const QPoint& pos) {
    std::unique_ptr<QMenu> menu(contextMenu(m_table->indexAt(pos)));
    menu->exec(m_table->viewport()->mapToGlobal(pos));
}

QMenu* RecordBrowser::contextMenu(const QModelIndex& index) {
    auto* menu = new QMenu(this);
    for (const auto& pivot : pivotsFor(index)) {
        menu->addAction(pivot.label, this, [this, q = pivot.query] { search(q); });
    }
    const QString entity = index.data(kEntityRole).toString();
    if (!entity.isEmpty()) {
        menu->addSeparator();
        menu->addAction(tr("Timeline of %1").arg(entity), this,
                        [this, entity] { Q_EMIT timelineRequested(entity); });
        const QString hint = index.data(kPivotHintRole).toString();
        const QString seed = hint == QLatin1String("NS")   ? QStringLiteral("ns:") + entity
                             : hint == QLatin1String("MX") ? QStringLiteral("mx:") + entity
                                                           : entity;
        menu->addAction(tr("Graph around %1").arg(entity), this,
                        [this, seed] { Q_EMIT graphRequested(seed); });
        // Keep watch on it: its new addresses (a name) or new names (an address).
        const QString watched =
            dns::parseIp(entity.toStdString()) ? QStringLiteral("ip:") + entity : entity;
        menu->addAction(tr("Monitor %1").arg(entity), this,
                        [this, watched] { Q_EMIT monitorRequested(watched); });
        const QString defanged = QString::fromStdString(defangIndicator(entity.toStdString()));
        menu->addAction(tr("Copy Defanged “%1”").arg(defanged.left(60)), this,
                        [defanged] { QApplication::clipboard()->setText(defanged); });
    }
    if (!menu->isEmpty())
        menu->addSeparator();
    menu->addAction(tr("Copy rows as CSV"), QKeySequence::Copy, this,
                    &RecordBrowser::copySelection);
    if (index.isValid()) {
        const QString text = index.data(Qt::EditRole).toString();
        menu->addAction(tr("Copy “%1”").arg(text.left(60)), this,
                        [text] { QApplication::clipboard()->setText(text); });
    }
    return menu;
}

namespace {

// The selected rows of a table, top to bottom (the selection keeps click order).
QModelIndexList selectedRowsInOrder(const QTableView* table) {
    auto rows = table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    return rows;
}

}  // namespace

void RecordBrowser::copySelection() {
    std::ostringstream out;
    CsvWriter writer(out);
    if (showingNames()) {
        std::vector<NameSummary> names;
        for (const auto& index : selectedRowsInOrder(m_namesTable)) {
            if (const NameSummary* n = m_names->name(index.row()))
                names.push_back(*n);
        }
        writer.writeNames(names);
        QApplication::clipboard()->setText(QString::fromStdString(out.str()));
        Q_EMIT statusMessage(tr("Copied %n name(s)", nullptr, static_cast<int>(names.size())));
        return;
    }
    writer.writeHeader();
    const auto rows = selectedRowsInOrder(m_table);
    for (const auto& index : rows) {
        if (const Record* r = m_model->record(index.row()))
            writer.write(*r);
    }
    QApplication::clipboard()->setText(QString::fromStdString(out.str()));
    Q_EMIT statusMessage(tr("Copied %n row(s)", nullptr, static_cast<int>(rows.size())));
}

}  // namespace tapir::views
