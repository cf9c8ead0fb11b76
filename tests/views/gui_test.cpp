// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUrl>

#include <filesystem>
#include <random>

#include "alerts/alert_table_model.h"
#include "alerts/alerts_widget.h"
#include "common/pivot.h"
#include "graph/graph_widget.h"
#include "import/import_controller.h"
#include "import/retention_dialog.h"
#include "ingest/activity_settings.h"
#include "ingest/retention.h"
#include "lookalike/lookalike_store.h"
#include "main_window.h"
#include "query/flexible_index.h"
#include "query/monitors.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "records/monitors_widget.h"
#include "records/name_table_model.h"
#include "records/record_browser.h"
#include "records/record_page_loader.h"
#include "records/record_table_model.h"
#include "records/search_index_controller.h"
#include "records/triage_widget.h"
#include "report/csv_writer.h"
#include "store/database.h"
#include "store/statement.h"
#include "timeline/timeline_widget.h"

namespace {

std::string dataPath(const std::string& rel) {
    return std::string(TAPIR_TEST_DATA) + "/" + rel;
}

QString tempDbPath() {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / ("tapir-gui-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    return QString::fromStdString((dir / "gui.db").string());
}

void dropFiles(QWidget* target, const QStringList& files) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const auto& f : files)
        urls << QUrl::fromLocalFile(f);
    mime.setUrls(urls);
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    ASSERT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
}

// Waits until the table's current query has its first page (or failed).
bool settled(tapir::views::RecordTableModel* model) {
    return QTest::qWaitFor([&] { return !model->isLoading() && model->totalRows() >= 0; }, 5000);
}

TEST(Gui, DroppedFileIsImportedOnAWorkerAndRowsAppear) {
    tapir::app::MainWindow window(tempDbPath());
    window.show();
    auto* model = window.recordModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->totalRows() == 0; }, 5000));
    EXPECT_EQ(model->rowCount(), 0);

    QSignalSpy finished(&window, &tapir::app::MainWindow::importFinished);
    dropFiles(&window, {QString::fromStdString(dataPath("passivedns/passivedns.log"))});
    // The import runs on a worker: the event loop keeps turning while it does.
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->totalRows() == 643; }, 5000))
        << model->totalRows();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() == 643; }, 5000));

    // Dropping the same file again changes nothing.
    dropFiles(&window, {QString::fromStdString(dataPath("passivedns/passivedns.log"))});
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !model->isLoading() && model->totalRows() >= 0; }, 5000));
    EXPECT_EQ(model->totalRows(), 643);

    // Searching an exact name narrows the table.
    auto* search = window.browser()->findChild<QLineEdit*>();
    ASSERT_NE(search, nullptr);
    search->setText(QStringLiteral("paypal.example"));
    QTest::keyClick(search, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !model->isLoading() && model->totalRows() > 0 && model->totalRows() < 643; },
        5000));
    for (int row = 0; row < model->rowCount(); ++row) {
        EXPECT_EQ(model->index(row, tapir::views::RecordTableModel::RRName)
                      .data(tapir::views::kEntityRole)
                      .toString(),
                  QStringLiteral("paypal.example"));
    }
}

// An analyst's pivot chain on real resolver data: a name, double-click its address, and
// the names sharing that address appear. Saves a screenshot of the last step.
TEST(Gui, PivotChainNameToIpToNames) {
    tapir::app::MainWindow window(tempDbPath());
    window.resize(1280, 760);
    window.show();
    auto* model = window.recordModel();
    QSignalSpy finished(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(dataPath("dnstap/unbound-resolver.dnstap"))});
    ASSERT_TRUE(finished.wait(30000));
    auto* browser = window.browser();
    auto settle = [&] { return settled(model); };
    ASSERT_TRUE(settle());
    browser->search(QStringLiteral("www.acme.example"));
    ASSERT_TRUE(settle());
    ASSERT_GT(model->totalRows(), 0);
    // Follow the CNAME chain to the CDN edge the name resolved to.
    int cnameRow = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, tapir::views::RecordTableModel::RRType).data().toString() ==
            QStringLiteral("CNAME")) {
            cnameRow = r;
            break;
        }
    }
    ASSERT_GE(cnameRow, 0);
    const QModelIndex target = model->index(cnameRow, tapir::views::RecordTableModel::Rdata);
    const auto pivots = tapir::views::pivotsFor(target);
    ASSERT_FALSE(pivots.isEmpty());
    EXPECT_TRUE(pivots.first().query.startsWith(QStringLiteral("cname:")));
    const QString edge = target.data(tapir::views::kEntityRole).toString();
    browser->search(edge);
    ASSERT_TRUE(settle());
    int aRow = -1;
    for (int r = 0; r < model->rowCount() && aRow < 0; ++r) {
        if (model->index(r, tapir::views::RecordTableModel::RRType).data().toString() ==
                QStringLiteral("CNAME") ||
            model->index(r, tapir::views::RecordTableModel::RRType).data().toString() ==
                QStringLiteral("A")) {
            aRow = r;
        }
    }
    ASSERT_GE(aRow, 0);
    // Walk CNAMEs until an address (edge hosts are CNAMEs to eN.g.cdn-edge.test).
    for (int hop = 0;
         hop < 4 && model->index(aRow, tapir::views::RecordTableModel::RRType).data().toString() !=
                        QStringLiteral("A");
         ++hop) {
        browser->search(model->index(aRow, tapir::views::RecordTableModel::Rdata)
                            .data(tapir::views::kEntityRole)
                            .toString());
        ASSERT_TRUE(settle());
        aRow = -1;
        for (int r = 0; r < model->rowCount() && aRow < 0; ++r) {
            const QString t =
                model->index(r, tapir::views::RecordTableModel::RRType).data().toString();
            if (t == QStringLiteral("A") || t == QStringLiteral("CNAME"))
                aRow = r;
        }
        ASSERT_GE(aRow, 0);
    }
    const QModelIndex ip = model->index(aRow, tapir::views::RecordTableModel::Rdata);
    ASSERT_EQ(model->index(aRow, tapir::views::RecordTableModel::RRType).data().toString(),
              QStringLiteral("A"));
    const QString address = ip.data(tapir::views::kEntityRole).toString();
    // Double-click pivots IP -> names on it.
    auto* table = browser->table();
    table->scrollTo(ip);
    const QRect cell = table->visualRect(ip);
    ASSERT_EQ(table->indexAt(cell.center()), ip);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    ASSERT_TRUE(settle());
    EXPECT_EQ(browser->currentQuery(), QStringLiteral("ip:") + address);
    ASSERT_GT(model->rowCount(), 0);
    for (int r = 0; r < model->rowCount(); ++r) {
        EXPECT_EQ(model->index(r, tapir::views::RecordTableModel::Rdata).data().toString(),
                  address);
    }
    // The count beside the search box, singular for one record; the result's summary
    // follows it.
    auto* count = browser->findChild<QLabel*>(QStringLiteral("resultCount"));
    ASSERT_NE(count, nullptr);
    EXPECT_TRUE(
        count->text().startsWith(tapir::views::RecordBrowser::countText(model->totalRows())))
        << count->text().toStdString();
    EXPECT_EQ(tapir::views::RecordBrowser::countText(1), QStringLiteral("1 record"));
    EXPECT_EQ(tapir::views::RecordBrowser::countText(0), QStringLiteral("0 records"));
    // Back returns to the previous search.
    browser->backAction()->trigger();
    ASSERT_TRUE(settle());
    EXPECT_NE(browser->currentQuery(), QStringLiteral("ip:") + address);
    browser->forwardAction()->trigger();
    ASSERT_TRUE(settle());
    QTest::qWait(200);
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(window.grab().save(dir + QStringLiteral("/pivot-chain.png")));
    // sort: in the search orders the rows and moves the header's arrow; a click on a
    // column the store cannot sort by leaves both as they are; the next search without
    // sort: keeps the order.
    browser->search(QStringLiteral("*.acme.example sort:count"));
    ASSERT_TRUE(settle());
    ASSERT_GT(model->rowCount(), 3);
    auto* header = browser->table()->horizontalHeader();
    auto countsDescend = [&] {
        for (int r = 1; r < model->rowCount(); ++r) {
            if (model->record(r - 1)->count < model->record(r)->count)
                return false;
        }
        return true;
    };
    EXPECT_TRUE(countsDescend());
    EXPECT_EQ(header->sortIndicatorSection(), tapir::views::RecordTableModel::Count);
    EXPECT_EQ(header->sortIndicatorOrder(), Qt::DescendingOrder);
    header->setSortIndicator(tapir::views::RecordTableModel::RRType, Qt::AscendingOrder);
    EXPECT_EQ(header->sortIndicatorSection(), tapir::views::RecordTableModel::Count);
    EXPECT_EQ(header->sortIndicatorOrder(), Qt::DescendingOrder);
    browser->search(QStringLiteral("*.acme.example"));
    ASSERT_TRUE(settle());
    EXPECT_EQ(model->query().sort, tapir::QuerySpec::Sort::Count);
    EXPECT_TRUE(countsDescend());
    browser->table()->sortByColumn(tapir::views::RecordTableModel::LastSeen, Qt::DescendingOrder);
    ASSERT_TRUE(settle());
    // A bailiwick cell pivots to the records of that bailiwick first.
    browser->search(QStringLiteral("www.acme.example"));
    ASSERT_TRUE(settle());
    const QModelIndex bailiwick = model->index(0, tapir::views::RecordTableModel::Bailiwick);
    const QString zone = bailiwick.data(tapir::views::kEntityRole).toString();
    ASSERT_FALSE(zone.isEmpty());
    const auto zonePivots = tapir::views::pivotsFor(bailiwick);
    ASSERT_FALSE(zonePivots.isEmpty());
    EXPECT_EQ(zonePivots.first().query, QStringLiteral("bailiwick:") + zone);
    browser->search(zonePivots.first().query);
    ASSERT_TRUE(settle());
    ASSERT_GT(model->rowCount(), 1);
    for (int r = 0; r < model->rowCount(); ++r) {
        EXPECT_EQ(model->index(r, tapir::views::RecordTableModel::Bailiwick)
                      .data(tapir::views::kEntityRole)
                      .toString(),
                  zone);
    }
}

// Lookalike alerts on the lab data: with paypal.example on the watchlist, importing the lab
// capture raises alerts for its lookalikes, shown in the alerts dock's model.
TEST(Gui, AlertsViewShowsLabLookalikes) {
    const QString dbPath = tempDbPath();
    {
        auto db = tapir::store::Database::open(dbPath.toStdString());
        ASSERT_TRUE(db.ok());
        tapir::lookalike::LookalikeStore store(**db);
        ASSERT_TRUE(store.addBrand("paypal", {"paypal.example"}).ok());
    }
    tapir::app::MainWindow window(dbPath);
    auto* alerts = window.findChild<tapir::views::AlertsWidget*>();
    ASSERT_NE(alerts, nullptr);
    auto* model = alerts->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(dataPath("dnstap/unbound-resolver.dnstap"))});
    ASSERT_TRUE(finished.wait(30000));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() > 0; }, 10000));
    QStringList names;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString name = model->index(r, tapir::views::AlertTableModel::Name)
                                 .data(tapir::views::kEntityRole)
                                 .toString();
        const QString brand =
            model->index(r, tapir::views::AlertTableModel::Brand).data().toString();
        names << name;
        // Alerts name the watched brand, or none (a mixed-script IDN alerts on its own).
        EXPECT_TRUE(brand == QStringLiteral("paypal") || brand.isEmpty()) << name.toStdString();
        if (name == QStringLiteral("xn--pypal-4ve.example") ||
            name == QStringLiteral("paypa1.test")) {
            EXPECT_EQ(brand, QStringLiteral("paypal"));
        }
    }
    EXPECT_TRUE(names.contains(QStringLiteral("xn--pypal-4ve.example")))
        << names.join(' ').toStdString();
    EXPECT_TRUE(names.contains(QStringLiteral("paypa1.test"))) << names.join(' ').toStdString();
    for (const auto& n : names)
        EXPECT_FALSE(n.endsWith(QStringLiteral("paypal.example")) &&
                     !n.contains(QStringLiteral("xn--")));
    // The name column shows Unicode beside punycode.
    const int idn = static_cast<int>(names.indexOf(QStringLiteral("xn--pypal-4ve.example")));
    EXPECT_TRUE(model->index(idn, tapir::views::AlertTableModel::Name)
                    .data()
                    .toString()
                    .contains(QStringLiteral("(xn--pypal-4ve.example)")));
}

// Pivots between the main window's screens on the lab's three rotated captures (one per
// zone round, seconds apart; 1-second activity buckets): the Timeline action (Ctrl+T) on a
// search, "Timeline of" and "Graph around" in a cell's context menu.
TEST(Gui, TimelineAndGraphPivotsFromTheMainWindow) {
    const QString dbPath = tempDbPath();
    {
        auto db = tapir::store::Database::open(dbPath.toStdString());
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->setSetting(tapir::ActivitySettings::kBucketSetting, "1").ok());
    }
    tapir::app::MainWindow window(dbPath);
    window.resize(1280, 900);
    window.show();
    auto* model = window.recordModel();
    QSignalSpy finished(&window, &tapir::app::MainWindow::importFinished);
    QStringList files;
    for (const char* t : {"172749", "172756", "172808"}) {
        files << QString::fromStdString(
            dataPath(std::string("dnstap/unbound-resolver.20261126T") + t + "Z.dnstap"));
    }
    window.importPaths(files);
    ASSERT_TRUE(finished.wait(30000));
    auto* browser = window.browser();
    auto settle = [&] { return settled(model); };
    ASSERT_TRUE(settle());

    // Nothing selected and a wildcard search: no entity, so no timeline dock.
    browser->search(QStringLiteral("*.test"));
    ASSERT_TRUE(settle());
    browser->table()->clearSelection();
    auto* timelineAction = window.findChild<QAction*>(QStringLiteral("timelineFromSelection"));
    ASSERT_NE(timelineAction, nullptr);
    timelineAction->trigger();
    EXPECT_EQ(window.findChild<QDockWidget*>(QStringLiteral("timeline")), nullptr);

    // Ctrl+T on the search "globex.test": the timeline of the name, with its renumberings.
    browser->search(QStringLiteral("globex.test"));
    ASSERT_TRUE(settle());
    browser->table()->clearSelection();
    timelineAction->trigger();
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("timeline"));
    ASSERT_NE(dock, nullptr);
    EXPECT_TRUE(dock->isVisible());
    auto* timeline = window.timelineWidget();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !timeline->isBusy() && timeline->timeline().subject == "globex.test"; },
        10000));
    int aEvents = 0;
    for (const auto& e : timeline->timeline().events)
        aEvents += e.type == "A" ? 1 : 0;
    EXPECT_EQ(aEvents, 2);

    // Context menu of the umbrella.corp name cell: "Timeline of" shows its NS move.
    browser->search(QStringLiteral("umbrella.corp"));
    ASSERT_TRUE(settle());
    ASSERT_GT(model->rowCount(), 0);
    int nsRow = -1;
    for (int r = 0; r < model->rowCount() && nsRow < 0; ++r) {
        if (model->index(r, tapir::views::RecordTableModel::RRType).data().toString() ==
            QStringLiteral("NS"))
            nsRow = r;
    }
    ASSERT_GE(nsRow, 0);
    auto trigger = [&](const QModelIndex& index, const QString& prefix) {
        std::unique_ptr<QMenu> menu(browser->contextMenu(index));
        for (QAction* a : menu->actions()) {
            if (a->text().startsWith(prefix)) {
                a->trigger();
                return true;
            }
        }
        return false;
    };
    ASSERT_TRUE(trigger(model->index(nsRow, tapir::views::RecordTableModel::RRName),
                        QStringLiteral("Copy Defanged")));
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("umbrella[.]corp"));
    ASSERT_TRUE(trigger(model->index(nsRow, tapir::views::RecordTableModel::RRName),
                        QStringLiteral("Timeline of umbrella.corp")));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !timeline->isBusy() && timeline->timeline().subject == "umbrella.corp"; },
        10000));
    bool moved = false;
    for (const auto& e : timeline->timeline().events)
        moved = moved || e.text == "NS moved from dnshost.lab to self-hosted";
    EXPECT_TRUE(moved);
    // The timeline gets room to be read, not the details strip's 150 pixels.
    EXPECT_GE(dock->height(), 300);
    QTest::qWait(200);
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(window.grab().save(dir + QStringLiteral("/window-timeline-umbrella.png")));

    // "Graph around" on the nameserver cell seeds the graph with the nameserver.
    const QModelIndex nsCell = model->index(nsRow, tapir::views::RecordTableModel::Rdata);
    const QString ns = nsCell.data(tapir::views::kEntityRole).toString();
    ASSERT_FALSE(ns.isEmpty());
    auto* graph = window.graphWidget();
    QSignalSpy changed(graph, &tapir::views::GraphWidget::graphChanged);
    ASSERT_TRUE(trigger(nsCell, QStringLiteral("Graph around ")));
    ASSERT_TRUE(changed.wait(20000));
    EXPECT_TRUE(window.findChild<QDockWidget*>(QStringLiteral("graph"))->isVisible());
    EXPECT_TRUE(graph->isNodeVisible(QStringLiteral("name:") + ns)) << ns.toStdString();
    EXPECT_TRUE(graph->isNodeVisible(QStringLiteral("name:umbrella.corp")));

    // The graph's and the alerts' pivots reach the timeline and the graph through the window.
    Q_EMIT graph->timelineRequested(QStringLiteral("globex.test"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !timeline->isBusy() && timeline->timeline().subject == "globex.test"; },
        10000));
    EXPECT_TRUE(dock->isVisible());
    auto* alerts = window.findChild<tapir::views::AlertsWidget*>();
    ASSERT_NE(alerts, nullptr);
    Q_EMIT alerts->timelineRequested(QStringLiteral("umbrella.corp"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !timeline->isBusy() && timeline->timeline().subject == "umbrella.corp"; },
        10000));
    changed.clear();
    Q_EMIT alerts->graphRequested(QStringLiteral("globex.test"));
    ASSERT_TRUE(changed.wait(20000));
    EXPECT_TRUE(graph->isNodeVisible(QStringLiteral("name:globex.test")));
}

// The Names button: the search's records as one row per name, each against the store's
// own grouping; sorting re-queries; a double-click goes back to that name's records, and
// the records label comes back with the records. Saves a screenshot.
TEST(Gui, NamesViewListsEachNameOfTheResultOnce) {
    const QString dbPath = tempDbPath();
    tapir::app::MainWindow window(dbPath);
    window.show();
    auto* model = window.recordModel();
    QSignalSpy imported(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(dataPath("passivedns/passivedns.log"))});
    ASSERT_TRUE(imported.wait(20000));
    auto* browser = window.browser();
    browser->search(QStringLiteral("*.cdn-edge.test"));
    ASSERT_TRUE(settled(model));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return browser->resultText().contains(QStringLiteral("·")); }, 5000));
    const QString recordsLabel = browser->resultText();
    std::vector<tapir::NameSummary> want;
    {
        auto db = tapir::store::Database::open(dbPath.toStdString(),
                                               tapir::store::Database::Mode::ReadOnly);
        ASSERT_TRUE(db.ok());
        tapir::RecordQuery q(**db);
        auto spec = tapir::parseQuery("*.cdn-edge.test", 0);
        spec->limit = 100000;
        spec->sort = tapir::QuerySpec::Sort::Count;
        auto names = q.names(*spec);
        ASSERT_TRUE(names.ok());
        want = *names;
    }
    ASSERT_GT(want.size(), 10U);

    auto* names = browser->names();
    QAbstractItemModelTester tester(names, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(names, &tapir::views::NameTableModel::loaded);
    auto* button = browser->findChild<QToolButton*>(QStringLiteral("namesButton"));
    ASSERT_NE(button, nullptr);
    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_TRUE(browser->showingNames());
    ASSERT_TRUE(loaded.wait(10000));
    EXPECT_EQ(names->rowCount(), static_cast<int>(want.size()));
    EXPECT_EQ(browser->resultText(), QStringLiteral("%1 names").arg(want.size()));
    // Newest first by default; the header sorts by count, as the store does.
    for (int row = 1; row < names->rowCount(); ++row)
        EXPECT_GE(names->name(row - 1)->summary.lastSeen, names->name(row)->summary.lastSeen);
    browser->namesTable()->sortByColumn(tapir::views::NameTableModel::Count, Qt::DescendingOrder);
    ASSERT_TRUE(loaded.wait(10000));
    ASSERT_EQ(names->rowCount(), static_cast<int>(want.size()));
    for (int row = 0; row < names->rowCount(); ++row) {
        const auto* n = names->name(row);
        EXPECT_EQ(n->rrname, want[static_cast<std::size_t>(row)].rrname);
        EXPECT_EQ(n->summary.records, want[static_cast<std::size_t>(row)].summary.records);
        EXPECT_EQ(n->summary.count, want[static_cast<std::size_t>(row)].summary.count);
    }
    EXPECT_EQ(names->index(0, tapir::views::NameTableModel::Types).data().toString(),
              QString::fromStdString(tapir::typeList(want[0].rrtypes)));
    // A click on Types (not sortable) puts the arrow back.
    browser->namesTable()->horizontalHeader()->setSortIndicator(tapir::views::NameTableModel::Types,
                                                                Qt::AscendingOrder);
    EXPECT_EQ(browser->namesTable()->horizontalHeader()->sortIndicatorSection(),
              tapir::views::NameTableModel::Count);
    QTest::qWait(100);
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(window.grab().save(dir + QStringLiteral("/names.png")));

    // Copy takes the selected names as CSV.
    browser->namesTable()->selectRow(0);
    browser->copySelection();
    EXPECT_TRUE(QApplication::clipboard()->text().startsWith(
        QStringLiteral("rrname,num_results,count,time_first,time_last,rrtypes\r\n\"%1.\",")
            .arg(QString::fromStdString(want[0].rrname))))
        << QApplication::clipboard()->text().toStdString();
    // sort: in the search orders the names too, and moves the header's arrow.
    browser->search(QStringLiteral("*.cdn-edge.test sort:name-asc"));
    ASSERT_TRUE(loaded.wait(10000));
    EXPECT_EQ(browser->namesTable()->horizontalHeader()->sortIndicatorSection(),
              tapir::views::NameTableModel::Name);
    for (int row = 1; row < names->rowCount(); ++row)
        EXPECT_LT(names->name(row - 1)->rrname, names->name(row)->rrname);
    // A new search while the names show lists its names.
    browser->search(QStringLiteral("ip:198.51.100.0/24"));
    ASSERT_TRUE(loaded.wait(10000));
    EXPECT_GT(names->rowCount(), 0);
    for (int row = 0; row < names->rowCount(); ++row)
        EXPECT_EQ(names->name(row)->rrtypes, std::vector<std::uint32_t>{1}) << row;
    // Double-click: that name's records.
    const QString first = QString::fromStdString(names->name(0)->rrname);
    const QModelIndex cell = names->index(0, tapir::views::NameTableModel::Name);
    browser->namesTable()->scrollTo(cell);
    const QRect rect = browser->namesTable()->visualRect(cell);
    QTest::mouseClick(browser->namesTable()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(browser->namesTable()->viewport(), Qt::LeftButton, {}, rect.center());
    EXPECT_FALSE(browser->showingNames());
    EXPECT_EQ(browser->currentQuery(), first);
    ASSERT_TRUE(settled(model));
    for (int row = 0; row < model->rowCount(); ++row)
        EXPECT_EQ(model->record(row)->rrname, first.toStdString());
    // Back to the first search: the records label is the records', not the names'.
    browser->backAction()->trigger();
    browser->backAction()->trigger();
    ASSERT_TRUE(settled(model));
    ASSERT_TRUE(QTest::qWaitFor([&] { return browser->resultText() == recordsLabel; }, 5000))
        << browser->resultText().toStdString();
    // Hidden while loading, the load stops; shown again, the names of this search come.
    browser->setShowNames(true);
    browser->setShowNames(false);
    EXPECT_FALSE(names->isLoading());
    browser->setShowNames(true);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !names->isLoading(); }, 10000));
    EXPECT_EQ(names->rowCount(), static_cast<int>(want.size()));
    EXPECT_EQ(browser->resultText(), QStringLiteral("%1 names").arg(want.size()));
}

// Go › Monitor This Search keeps watch on the search; the next rotated file's new records
// show in the Monitors dock (and its title); Show New searches exactly those and marks the
// monitor seen. Saves a screenshot.
TEST(Gui, MonitorShowsTheRecordsANewFileBrought) {
    const QString dbPath = tempDbPath();
    tapir::app::MainWindow window(dbPath);
    window.show();
    auto* model = window.recordModel();
    const auto rotated = [](const char* stamp) {
        return QString::fromStdString(
            dataPath(std::string("dnstap/unbound-resolver.") + stamp + ".dnstap"));
    };
    QSignalSpy imported(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({rotated("20261126T172749Z")});
    ASSERT_TRUE(imported.wait(20000));
    auto* monitors = window.monitorsWidget();
    QSignalSpy updated(monitors, &tapir::views::MonitorsWidget::updated);
    window.browser()->search(QStringLiteral("*.cdn-edge.test"));
    ASSERT_TRUE(settled(model));
    auto* action = window.findChild<QAction*>(QStringLiteral("monitorSearch"));
    ASSERT_NE(action, nullptr);
    action->trigger();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return monitors->monitors().size() == 1 && !monitors->isBusy(); }, 10000));
    EXPECT_EQ(monitors->monitors()[0].query, "*.cdn-edge.test");
    EXPECT_EQ(monitors->monitors()[0].newRecords, 0U);
    EXPECT_GT(monitors->monitors()[0].records, 0U);

    window.importPaths({rotated("20261126T172756Z")});
    ASSERT_TRUE(imported.wait(20000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !monitors->isBusy() && monitors->monitors()[0].newRecords > 0; }, 10000));
    const tapir::Monitor m = monitors->monitors()[0];
    // The store's own count of records first seen after the monitor's time.
    std::int64_t want = 0;
    {
        auto db = tapir::store::Database::open(dbPath.toStdString(),
                                               tapir::store::Database::Mode::ReadOnly);
        ASSERT_TRUE(db.ok());
        tapir::store::Statement q(
            (*db)->handle(),
            "SELECT count(*) FROM records r JOIN names n ON n.id = r.name_id WHERE n.rname "
            ">= 'test.cdn-edge.' AND n.rname < 'test.cdn-edge/' AND r.first > ?1");
        q.bind(1, m.seenUntil);
        q.step();
        want = q.int64(0);
    }
    EXPECT_EQ(static_cast<std::int64_t>(m.newRecords), want);
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("monitors"));
    ASSERT_NE(dock, nullptr);
    EXPECT_EQ(dock->windowTitle(), QStringLiteral("Monitors (%1 new)").arg(want));
    EXPECT_TRUE(monitors->table()->model()->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    dock->show();
    dock->raise();
    QTest::qWait(100);
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(window.grab().save(dir + QStringLiteral("/monitors.png")));

    // Show New: the browser searches the new records, and the monitor is seen.
    monitors->showNew(0);
    EXPECT_EQ(window.browser()->currentQuery(),
              QString::fromStdString(tapir::Monitors::newRecordsQuery(m)));
    ASSERT_TRUE(settled(model));
    EXPECT_EQ(model->totalRows(), want);
    for (int row = 0; row < model->rowCount(); ++row)
        EXPECT_GT(model->record(row)->firstSeen, m.seenUntil);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !monitors->isBusy() && monitors->monitors()[0].newRecords == 0; }, 10000));
    EXPECT_EQ(dock->windowTitle(), QStringLiteral("Monitors"));
    // A time fence is refused, and says why.
    monitors->addMonitor(QStringLiteral("*.cdn-edge.test after:-1d"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !monitors->isBusy(); }, 10000));
    EXPECT_EQ(monitors->monitors().size(), 1U);
    EXPECT_TRUE(monitors->statusText().contains(QStringLiteral("own time window")))
        << monitors->statusText().toStdString();
    monitors->removeMonitor(0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !monitors->isBusy(); }, 10000));
    EXPECT_TRUE(monitors->monitors().empty());
    // "Monitor X" from a cell's menu: an address is watched as ip:ADDR, a name as itself.
    window.browser()->search(QStringLiteral("e3.g.cdn-edge.test type:A"));
    ASSERT_TRUE(settled(model));
    ASSERT_GT(model->rowCount(), 0);
    const QString address = model->index(0, tapir::views::RecordTableModel::Rdata)
                                .data(tapir::views::kEntityRole)
                                .toString();
    for (const int column :
         {tapir::views::RecordTableModel::Rdata, tapir::views::RecordTableModel::RRName}) {
        std::unique_ptr<QMenu> menu(window.browser()->contextMenu(model->index(0, column)));
        QAction* watch = nullptr;
        for (QAction* a : menu->actions()) {
            if (a->text().startsWith(QStringLiteral("Monitor ")))
                watch = a;
        }
        ASSERT_NE(watch, nullptr) << column;
        watch->trigger();
        ASSERT_TRUE(QTest::qWaitFor([&] { return !monitors->isBusy(); }, 10000));
    }
    ASSERT_EQ(monitors->monitors().size(), 2U);
    EXPECT_EQ(monitors->monitors()[0].query, "ip:" + address.toStdString());
    EXPECT_EQ(monitors->monitors()[1].query, "e3.g.cdn-edge.test");
    EXPECT_TRUE(dock->isVisible());
}

// Indicator triage on the lab capture: a pasted, defanged list is looked up at once; each
// row carries its search's summary, a double-click runs that search, and the rows export
// as CSV. Saves a screenshot.
TEST(Gui, IndicatorTriageSummarisesAPastedList) {
    const QString dbPath = tempDbPath();
    tapir::app::MainWindow window(dbPath);
    window.resize(1280, 760);
    window.show();
    QSignalSpy imported(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(dataPath("dnstap/unbound-resolver.dnstap"))});
    ASSERT_TRUE(imported.wait(30000));
    window.showTriage();
    auto* triage = window.triageWidget();
    ASSERT_NE(triage, nullptr);
    QAbstractItemModelTester tester(triage->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    triage->setIndicators(
        QStringLiteral("# from a report\nwww.acme[.]example\n"
                       "hxxps://acme[.]example/login.php\n"
                       "nothing-here[.]example\nbad after:x\n"));
    QSignalSpy done(triage, &tapir::views::TriageWidget::finished);
    triage->lookUp();
    ASSERT_TRUE(done.wait(10000));
    const auto& rows = triage->model()->rows();
    ASSERT_EQ(rows.size(), 4U);
    auto db =
        tapir::store::Database::open(dbPath.toStdString(), tapir::store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db.ok());
    tapir::RecordQuery query(**db);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto want = query.summarize(*tapir::parseQuery(rows[i].query)).value();
        EXPECT_GT(want.records, 0U) << rows[i].query;
        EXPECT_EQ(rows[i].summary.records, want.records) << rows[i].query;
        EXPECT_EQ(rows[i].summary.count, want.count) << rows[i].query;
        EXPECT_EQ(rows[i].summary.lastSeen, want.lastSeen) << rows[i].query;
    }
    EXPECT_EQ(rows[0].query, "www.acme.example");
    EXPECT_EQ(rows[1].query, "acme.example");
    EXPECT_EQ(rows[2].summary.records, 0U);
    EXPECT_FALSE(rows[3].error.empty());
    EXPECT_EQ(triage->model()->index(3, tapir::views::TriageTableModel::Records).data().toString(),
              QStringLiteral("bad search"));
    QTest::qWait(100);
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(window.grab().save(dir + QStringLiteral("/triage.png")));
    // Graph Seen: the two seen indicators seed a graph; the unseen and the bad one do not.
    EXPECT_EQ(triage->seenSeeds(),
              (QStringList{QStringLiteral("www.acme.example"), QStringLiteral("acme.example")}));
    auto* graph = window.graphWidget();
    QSignalSpy graphed(graph, &tapir::views::GraphWidget::graphChanged);
    auto* graphButton = triage->findChild<QPushButton*>(QStringLiteral("triageGraph"));
    ASSERT_NE(graphButton, nullptr);
    ASSERT_TRUE(graphButton->isEnabled());
    graphButton->click();
    ASSERT_TRUE(graphed.wait(20000));
    EXPECT_TRUE(graph->isNodeVisible(QStringLiteral("name:www.acme.example")));
    EXPECT_TRUE(graph->isNodeVisible(QStringLiteral("name:acme.example")));
    EXPECT_FALSE(graph->isNodeVisible(QStringLiteral("name:nothing-here.example")));
    QTest::qWait(100);
    EXPECT_TRUE(window.grab().save(dir + QStringLiteral("/triage-graph.png")));
    window.showTriage();
    // Double-click the second row: the browser searches what it became.
    auto* table = triage->table();
    const QModelIndex second = table->model()->index(1, 0);
    table->scrollTo(second);
    const QPoint at = table->visualRect(second).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    EXPECT_EQ(window.browser()->currentQuery(), QStringLiteral("acme.example"));
    // The search box takes a defanged indicator too, and searches what it stands for.
    auto* search = window.browser()->findChild<QLineEdit*>();
    ASSERT_NE(search, nullptr);
    search->setText(QStringLiteral("hxxps://www.acme[.]example/login.php"));
    QTest::keyClick(search, Qt::Key_Return);
    EXPECT_EQ(window.browser()->currentQuery(), QStringLiteral("www.acme.example"));
    EXPECT_EQ(search->text(), QStringLiteral("www.acme.example"));
    ASSERT_TRUE(settled(window.recordModel()));
    EXPECT_EQ(window.recordModel()->totalRows(),
              static_cast<std::int64_t>(rows[0].summary.records));
    // CSV export: a header and a row per indicator.
    const QString csv = QDir(dir).filePath(QStringLiteral("triage-test.csv"));
    ASSERT_TRUE(triage->exportCsv(csv));
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 5);
    // A list opened from a file replaces the pasted one.
    {
        QFile list(QDir(dir).filePath(QStringLiteral("iocs-test.txt")));
        ASSERT_TRUE(list.open(QIODevice::WriteOnly));
        list.write("acme[.]example\n");
    }
    ASSERT_TRUE(triage->loadIndicators(QDir(dir).filePath(QStringLiteral("iocs-test.txt"))));
    QFile::remove(QDir(dir).filePath(QStringLiteral("iocs-test.txt")));
    EXPECT_FALSE(triage->loadIndicators(QDir(dir).filePath(QStringLiteral("no-such.txt"))));
    // Ctrl+Return in the list looks up (the window's Ctrl+Return pivots elsewhere).
    auto* input = triage->findChild<QPlainTextEdit*>(QStringLiteral("triageInput"));
    ASSERT_NE(input, nullptr);
    input->setFocus();
    QApplication::setActiveWindow(&window);
    QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(done.wait(10000));
    ASSERT_EQ(triage->model()->rows().size(), 1U);
    EXPECT_EQ(triage->model()->rows()[0].query, "acme.example");
    EXPECT_EQ(lines[0],
              QStringLiteral("indicator,query,num_results,count,time_first,time_last,error"));
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("\"www.acme[.]example\",\"www.acme.example\",")))
        << lines[1].toStdString();
    QFile::remove(csv);
}

// A result above the count cap shows its first page with a lower bound ("more than
// 10,000"), then the exact count; paging goes on past the bound to the real end.
TEST(Gui, LargeResultShowsAnEstimateThenTheExactCount) {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / ("tapir-gui-est-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    const auto log = (dir / "big.log").string();
    constexpr int kRecords = 12345;
    static_assert(kRecords > static_cast<int>(tapir::views::RecordPageLoader::kCountCap));
    {
        std::FILE* f = std::fopen(log.c_str(), "w");
        for (int i = 0; i < kRecords; ++i) {
            std::fprintf(f, "%d||c||s||IN||h%d.example.||A||198.51.100.%d||60||1\n", 1000 + i, i,
                         i % 250);
        }
        std::fclose(f);
    }
    tapir::app::MainWindow window(QString::fromStdString((dir / "big.db").string()));
    auto* model = window.recordModel();
    QSignalSpy finished(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(log)});
    ASSERT_TRUE(finished.wait(30000));
    QSignalSpy first(model, &tapir::views::RecordTableModel::queryFinished);
    QSignalSpy exact(model, &tapir::views::RecordTableModel::totalCounted);
    QSignalSpy summed(model, &tapir::views::RecordTableModel::summaryChanged);
    window.browser()->search(QStringLiteral("*.example"));
    ASSERT_TRUE(first.wait(10000));
    EXPECT_EQ(first.takeFirst().at(0).toLongLong(),
              static_cast<qint64>(tapir::views::RecordPageLoader::kCountCap) + 1);
    EXPECT_EQ(model->rowCount(), tapir::views::RecordTableModel::kPageSize);
    ASSERT_TRUE(exact.count() > 0 || exact.wait(10000));
    EXPECT_EQ(exact.takeFirst().at(0).toLongLong(), kRecords);
    EXPECT_EQ(model->totalRows(), kRecords);
    EXPECT_FALSE(model->totalIsEstimate());
    // The summary of the whole result (DNSDB's summarize) comes after the exact count and
    // replaces it beside the search box.
    ASSERT_TRUE(summed.count() > 0 || summed.wait(10000));
    ASSERT_TRUE(model->summary().has_value());
    EXPECT_EQ(model->summary()->records, static_cast<std::uint64_t>(kRecords));
    EXPECT_EQ(model->summary()->count, static_cast<std::uint64_t>(kRecords));
    EXPECT_EQ(model->summary()->firstSeen, 1000);
    EXPECT_EQ(model->summary()->lastSeen, 1000 + kRecords - 1);
    auto* label = window.browser()->findChild<QLabel*>(QStringLiteral("resultCount"));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->text(), window.browser()->summaryText(*model->summary()));
    EXPECT_EQ(label->text(), QStringLiteral("12,345 records · 1970-01-01 00:16 – 03:42 · "
                                            "12,345 sightings"));
    // Another order keeps the summary (the same records) and shows it again.
    summed.clear();
    model->sort(tapir::views::RecordTableModel::Count, Qt::DescendingOrder);
    ASSERT_TRUE(summed.count() > 0 || summed.wait(10000));
    ASSERT_TRUE(model->summary().has_value());
    EXPECT_EQ(model->summary()->records, static_cast<std::uint64_t>(kRecords));
    EXPECT_EQ(label->text(), window.browser()->summaryText(*model->summary()));
    // A bad search is not run: the rows stay, and the label says the search is bad instead
    // of showing the last good search's count.
    window.browser()->search(QStringLiteral("rdata/raw/0366"));
    EXPECT_EQ(label->text(), QStringLiteral("bad search"));
    EXPECT_TRUE(label->toolTip().contains(QStringLiteral("raw (hex) lookups")))
        << label->toolTip().toStdString();
    EXPECT_EQ(model->totalRows(), kRecords);
    // Within one minute the span shows seconds; across days both dates.
    EXPECT_EQ(window.browser()->summaryText({2, 5, 1000, 1010}),
              QStringLiteral("2 records · 1970-01-01 00:16:40 – 00:16:50 · 5 sightings"));
    EXPECT_EQ(window.browser()->summaryText({1, 1, 1000, 90000}),
              QStringLiteral("1 record · 1970-01-01 00:16 – 1970-01-02 01:00 · 1 sighting"));
    // Paging reaches the end, past the lower bound.
    while (model->canFetchMore({})) {
        model->fetchMore({});
        ASSERT_TRUE(QTest::qWaitFor([&] { return !model->isLoading(); }, 5000));
    }
    EXPECT_EQ(model->rowCount(), kRecords);
}

// View › Flexible Search Index (on in a new store) drops the trigram index and builds it
// again in the background; glob searches give the same rows either way.
TEST(Gui, FlexibleSearchIndexToggle) {
    const QString dbPath = tempDbPath();
    tapir::app::MainWindow window(dbPath);
    auto* model = window.recordModel();
    QSignalSpy imported(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(dataPath("passivedns/passivedns.log"))});
    ASSERT_TRUE(imported.wait(20000));
    auto settle = [&] { return settled(model); };
    window.browser()->search(QStringLiteral("glob:*pay*"));
    ASSERT_TRUE(settle());
    const auto indexed = model->totalRows();
    ASSERT_GT(indexed, 0);

    auto* action = window.findChild<QAction*>(QStringLiteral("flexibleSearchIndex"));
    ASSERT_NE(action, nullptr);
    EXPECT_TRUE(action->isChecked());
    auto* controller = window.findChild<tapir::views::SearchIndexController*>();
    ASSERT_NE(controller, nullptr);
    QSignalSpy done(controller, &tapir::views::SearchIndexController::finished);
    action->trigger();  // unchecks it: drop
    ASSERT_TRUE(done.wait(20000));
    EXPECT_FALSE(action->isChecked());
    EXPECT_FALSE(controller->isEnabled());
    window.browser()->search(QStringLiteral("glob:*pa?pal*"));  // a different search first
    ASSERT_TRUE(settle());
    window.browser()->search(QStringLiteral("glob:*pay*"));
    ASSERT_TRUE(settle());
    EXPECT_EQ(model->totalRows(), indexed);  // by scanning

    action->trigger();  // checks it: build
    ASSERT_TRUE(done.wait(20000));
    EXPECT_TRUE(done.takeFirst().at(1).toString().isEmpty());
    EXPECT_TRUE(action->isChecked());
    {
        auto db = tapir::store::Database::open(dbPath.toStdString(),
                                               tapir::store::Database::Mode::ReadOnly);
        ASSERT_TRUE(db.ok());
        EXPECT_TRUE(tapir::FlexibleIndex::enabled(**db).value());
    }
    window.browser()->search(QStringLiteral("glob:*pa?pal*"));  // a different search first
    ASSERT_TRUE(settle());
    window.browser()->search(QStringLiteral("glob:*pay*"));
    ASSERT_TRUE(settle());
    EXPECT_EQ(model->totalRows(), indexed);
}

// File › Delete Old Records…: the dialog counts what a date would delete, its button
// deletes exactly those records on a worker, and the table follows. Saves a screenshot.
TEST(Gui, DeleteOldRecordsKeepsWhatWasSeenAfterTheDate) {
    const QString dbPath = tempDbPath();
    tapir::app::MainWindow window(dbPath);
    window.show();
    auto* model = window.recordModel();
    QSignalSpy imported(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(dataPath("passivedns/passivedns.log"))});
    ASSERT_TRUE(imported.wait(20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return settled(model) && model->totalRows() == 643; }, 5000));
    // The log spans 17:27:09 to 17:27:40 UTC on 2026-11-26; cut in the middle.
    const auto cutoff = QDateTime::fromSecsSinceEpoch(1795714045, Qt::UTC);
    std::int64_t before = 0;
    {
        auto db = tapir::store::Database::open(dbPath.toStdString(),
                                               tapir::store::Database::Mode::ReadOnly);
        ASSERT_TRUE(db.ok());
        tapir::store::Statement q((*db)->handle(),
                                  "SELECT count(*) FROM records WHERE last < 1795714045");
        q.step();
        before = q.int64(0);
    }
    ASSERT_GT(before, 0);
    ASSERT_LT(before, 643);

    auto* action = window.findChild<QAction*>(QStringLiteral("deleteOldRecords"));
    ASSERT_NE(action, nullptr);
    action->trigger();
    auto* dialog = window.findChild<tapir::views::RetentionDialog*>();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(dialog->isVisible());
    // The default, 90 days before now, finds nothing in this 2026-11-26 log until 2027-02.
    QSignalSpy counted(dialog, &tapir::views::RetentionDialog::countChanged);
    dialog->setCutoff(cutoff);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog->counted() == before; }, 5000))
        << dialog->countText().toStdString();
    EXPECT_TRUE(dialog->countText().startsWith(QLocale().toString(before) +
                                               QStringLiteral(" of 643 records")))
        << dialog->countText().toStdString();
    EXPECT_TRUE(dialog->deleteButton()->isEnabled());
    // The retention window watched folders keep is saved to the store as it changes.
    EXPECT_FALSE(dialog->windowCheck()->isChecked());
    dialog->windowCheck()->click();
    dialog->windowDays()->setValue(30);
    // Saved on a worker, in order: the last value stays.
    const auto stored = [&]() -> std::optional<std::int64_t> {
        auto db = tapir::store::Database::open(dbPath.toStdString(),
                                               tapir::store::Database::Mode::ReadOnly);
        auto policy = db ? tapir::RetentionPolicy::load(**db)
                         : tapir::Result<tapir::RetentionPolicy>(db.error());
        return policy ? policy->keepSeconds : std::nullopt;
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return stored() == 30 * 86400; }, 5000));
    QTest::qWait(200);
    EXPECT_EQ(stored(), 30 * 86400);
    QTest::qWait(100);
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(dialog->grab().save(dir + QStringLiteral("/delete-old-records.png")));

    QSignalSpy finished(dialog, &tapir::views::RetentionDialog::deletionFinished);
    QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_TRUE(finished.at(0).at(1).toBool()) << finished.at(0).at(0).toString().toStdString();
    EXPECT_TRUE(finished.at(0).at(0).toString().startsWith(
        QStringLiteral("Deleted %1 records").arg(QLocale().toString(before))))
        << finished.at(0).at(0).toString().toStdString();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return settled(model) && model->totalRows() == 643 - before; }, 5000))
        << model->totalRows();
    EXPECT_TRUE(window.statusBar()->currentMessage().startsWith(QStringLiteral("Deleted")));
    for (int row = 0; row < model->rowCount(); ++row) {
        ASSERT_NE(model->record(row), nullptr);
        EXPECT_GE(model->record(row)->lastSeen, 1795714045);
    }
}

TEST(Gui, LazyModelPagesThroughLargeResultsAndSorts) {
    // 5000 distinct records: more than two pages of the lazy model.
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / ("tapir-gui-big-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    const auto log = (dir / "big.log").string();
    {
        std::FILE* f = std::fopen(log.c_str(), "w");
        for (int i = 0; i < 5000; ++i) {
            std::fprintf(f, "%d||c||s||IN||h%d.example.||A||192.0.2.%d||60||%d\n", 1000 + i, i,
                         i % 250, 1 + i % 7);
        }
        std::fclose(f);
    }
    tapir::app::MainWindow window(QString::fromStdString((dir / "big.db").string()));
    auto* model = window.recordModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&window, &tapir::app::MainWindow::importFinished);
    window.importPaths({QString::fromStdString(log)});
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->totalRows() == 5000; }, 5000));
    EXPECT_LT(model->rowCount(), 5000);  // only the first page is loaded
    while (model->canFetchMore({}) || model->isLoading()) {
        if (model->canFetchMore({}))
            model->fetchMore({});
        QTest::qWait(10);
    }
    EXPECT_EQ(model->rowCount(), 5000);
    model->sort(tapir::views::RecordTableModel::Count, Qt::DescendingOrder);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() > 0; }, 5000));
    EXPECT_EQ(model->record(0)->count, 7U);
    std::filesystem::remove_all(dir);
}

TEST(Gui, ImportControllerCancelRollsBack) {
    std::random_device rd;
    auto dir =
        std::filesystem::temp_directory_path() / ("tapir-gui-cancel-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    const auto log = (dir / "big.log").string();
    {
        std::FILE* f = std::fopen(log.c_str(), "w");
        for (int i = 0; i < 400000; ++i) {
            std::fprintf(f, "%d||c||s||IN||h%d.example.||A||198.51.100.%d||60||1\n", 1000 + i, i,
                         i % 250);
        }
        std::fclose(f);
    }
    tapir::views::ImportController controller;
    controller.setDatabasePath(QString::fromStdString((dir / "c.db").string()));
    QSignalSpy finished(&controller, &tapir::views::ImportController::finished);
    controller.start({QString::fromStdString(log)});
    controller.cancel();
    ASSERT_TRUE(finished.wait(30000));
    const QString summary = finished.at(0).at(0).toString();
    EXPECT_TRUE(summary.contains(QStringLiteral("cancelled"))) << summary.toStdString();
    std::filesystem::remove_all(dir);
}

}  // namespace
