// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The relationship graph widget, offscreen, on resolver-lab data: build, expand by a real
// double-click, undo, time window, highlight, exports, and the main window's wiring.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>
#include <random>

#include "graph/graph_node_item.h"
#include "graph/graph_view.h"
#include "graph/graph_widget.h"
#include "ingest/importer.h"
#include "main_window.h"
#include "records/record_browser.h"
#include "store/database.h"

namespace {

using tapir::views::GraphWidget;

std::string dataPath(const std::string& rel) {
    return std::string(TAPIR_TEST_DATA) + "/" + rel;
}

// A store with the lab's Unbound dnstap capture and passivedns log, made once.
QString labDatabase() {
    static const QString path = [] {
        std::random_device rd;
        auto dir = std::filesystem::temp_directory_path() / ("tapir-graph-" + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        const std::string file = (dir / "lab.db").string();
        auto db = tapir::store::Database::open(file);
        EXPECT_TRUE(db.ok());
        tapir::Importer importer(**db);
        tapir::NullProgress progress;
        tapir::CancelToken cancel;
        auto report = importer.importPaths(
            {dataPath("dnstap/unbound-resolver.dnstap"), dataPath("passivedns/passivedns.log")}, {},
            progress, cancel);
        EXPECT_EQ(report.count(tapir::FileStatus::Imported), 2u);
        return QString::fromStdString(file);
    }();
    return path;
}

bool waitForGraph(GraphWidget& w, QSignalSpy& spy, int count) {
    return QTest::qWaitFor([&] { return spy.count() >= count && !w.isBusy(); }, 20000);
}

QHash<QString, QPointF> positions(const GraphWidget& w) {
    QHash<QString, QPointF> out;
    for (const auto& n : w.graph().nodes()) {
        const QString id = QString::fromStdString(n.id);
        out.insert(id, w.nodeItem(id)->pos());
    }
    return out;
}

QString screenshotDir() {
    QDir().mkpath(QStringLiteral(TAPIR_SCREENSHOT_DIR));
    return QStringLiteral(TAPIR_SCREENSHOT_DIR);
}

TEST(GraphWidget, DoubleClickExpandsANodeAndUndoRestoresTheGraph) {
    GraphWidget w;
    w.resize(1400, 900);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    w.setDatabasePath(labDatabase());
    QSignalSpy changed(&w, &GraphWidget::graphChanged);
    w.showSeeds({QStringLiteral("acme.example")});
    ASSERT_TRUE(waitForGraph(w, changed, 1));

    const QString ns = QStringLiteral("name:ns1.dnshost.lab");
    auto* item = w.nodeItem(ns);
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->kind(), tapir::graph::NodeKind::Nameserver);
    const auto before = positions(w);
    const std::size_t nodesBefore = w.graph().nodeCount();
    const auto index = *w.graph().find(ns.toStdString());
    ASSERT_FALSE(w.graph().node(index).expanded);
    // Its size is known before expanding: it serves every lab zone on the shared hoster.
    ASSERT_TRUE(w.graph().node(index).neighbourCount);
    EXPECT_GT(*w.graph().node(index).neighbourCount, 30u);

    // A real double-click on the node as drawn.
    w.view()->centerOn(item);
    QTest::qWait(50);
    const QPoint at = w.view()->mapFromScene(item->pos());
    ASSERT_EQ(w.view()->nodeAt(at), item);
    QTest::mouseDClick(w.view()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    ASSERT_TRUE(waitForGraph(w, changed, 2));

    const auto& g = w.graph();
    EXPECT_GT(g.nodeCount(), nodesBefore + 20);
    EXPECT_TRUE(g.node(*g.find(ns.toStdString())).expanded);
    // The nameserver is a hub: its zones are sampled, with a visible "+N more" node.
    const auto more = std::find_if(g.nodes().begin(), g.nodes().end(), [](const auto& n) {
        return n.kind == tapir::graph::NodeKind::More && n.moreOf == "name:ns1.dnshost.lab";
    });
    ASSERT_NE(more, g.nodes().end());
    EXPECT_TRUE(w.isNodeVisible(QString::fromStdString(more->id)));
    // What was on screen stayed where it was.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        ASSERT_NE(w.nodeItem(it.key()), nullptr) << it.key().toStdString();
        EXPECT_EQ(w.nodeItem(it.key())->pos(), it.value()) << it.key().toStdString();
    }

    w.view()->fit();
    QTest::qWait(50);
    const QString shot = screenshotDir() + QStringLiteral("/graph-expansion.png");
    ASSERT_TRUE(w.grab().save(shot));

    ASSERT_TRUE(w.canUndo());
    w.undo();
    EXPECT_EQ(w.graph().nodeCount(), nodesBefore);
    EXPECT_FALSE(w.graph().node(*w.graph().find(ns.toStdString())).expanded);
    EXPECT_EQ(positions(w), before);
}

TEST(GraphWidget, WindowHighlightHideAndExports) {
    GraphWidget w;
    w.resize(1000, 700);
    w.show();
    w.setDatabasePath(labDatabase());
    QSignalSpy changed(&w, &GraphWidget::graphChanged);
    w.showSeeds({QStringLiteral("umbrella.corp")});
    ASSERT_TRUE(waitForGraph(w, changed, 1));
    const QString hoster = QStringLiteral("name:ns1.dnshost.lab");
    const QString own = QStringLiteral("name:ns1.umbrella.corp");
    ASSERT_TRUE(w.isNodeVisible(hoster));
    ASSERT_TRUE(w.isNodeVisible(own));

    // After the re-delegation only the new nameservers are left.
    const auto& g = w.graph();
    std::int64_t hosterLast = 0;
    for (const auto& e : g.edges()) {
        if (e.type == tapir::graph::EdgeType::NS && g.node(e.target).id == hoster.toStdString()) {
            hosterLast = e.lastSeen;
        }
    }
    ASSERT_GT(hosterLast, 0);
    w.setTimeWindow(hosterLast + 1, std::nullopt);
    EXPECT_FALSE(w.isNodeVisible(hoster));
    EXPECT_TRUE(w.isNodeVisible(own));
    EXPECT_TRUE(w.isNodeVisible(QStringLiteral("name:umbrella.corp")));  // the seed
    w.setTimeWindow(std::nullopt, std::nullopt);
    EXPECT_TRUE(w.isNodeVisible(hoster));

    w.highlight(QStringLiteral("umbrella"));
    EXPECT_EQ(w.nodeItem(own)->opacity(), 1.0);
    EXPECT_LT(w.nodeItem(hoster)->opacity(), 1.0);
    w.highlight(QString());
    EXPECT_EQ(w.nodeItem(hoster)->opacity(), 1.0);

    w.setKindHidden(tapir::graph::NodeKind::Nameserver, true);
    EXPECT_FALSE(w.isNodeVisible(own));
    w.setKindHidden(tapir::graph::NodeKind::Nameserver, false);
    w.setNodeHidden(own, true);
    EXPECT_FALSE(w.isNodeVisible(own));
    EXPECT_TRUE(w.isNodeVisible(hoster));

    EXPECT_TRUE(w.showPath(hoster, QStringLiteral("name:umbrella.corp")));

    const QString dir = QDir::tempPath() + QStringLiteral("/tapir-graph-export-") +
                        QString::number(QCoreApplication::applicationPid());
    QDir().mkpath(dir);
    ASSERT_TRUE(w.exportGraphMl(dir + QStringLiteral("/g.graphml")));
    ASSERT_TRUE(w.exportCsv(dir + QStringLiteral("/n.csv"), dir + QStringLiteral("/e.csv")));
    ASSERT_TRUE(w.exportPng(dir + QStringLiteral("/g.png")));
    ASSERT_TRUE(w.exportSvg(dir + QStringLiteral("/g.svg")));
    QFile graphml(dir + QStringLiteral("/g.graphml"));
    ASSERT_TRUE(graphml.open(QIODevice::ReadOnly));
    const QByteArray xml = graphml.readAll();
    EXPECT_TRUE(xml.contains("ns1.dnshost.lab"));
    EXPECT_FALSE(xml.contains("ns1.umbrella.corp"));  // hidden nodes are not exported
    QFile svg(dir + QStringLiteral("/g.svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    EXPECT_FALSE(QImage(dir + QStringLiteral("/g.png")).isNull());
    QDir(dir).removeRecursively();
}

TEST(GraphWidget, SeedsFromASearch) {
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("ns:ns1.dnshost.lab")),
              QStringList{QStringLiteral("ns:ns1.dnshost.lab")});
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("2001:db8::1")),
              QStringList{QStringLiteral("2001:db8::1")});
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("198.51.100.0/24")),
              QStringList{QStringLiteral("198.51.100.0/24")});
    EXPECT_TRUE(GraphWidget::seedsFrom(nullptr, QStringLiteral("*.example.com")).isEmpty());
    EXPECT_TRUE(GraphWidget::seedsFrom(nullptr, QStringLiteral("re:^pay")).isEmpty());
    EXPECT_TRUE(GraphWidget::seedsFrom(nullptr, QStringLiteral("acme.example type:A")).isEmpty());
}

TEST(GraphWidget, MainWindowHasAGraphDockAndPivotsRunInTheBrowser) {
    tapir::app::MainWindow window(labDatabase());
    EXPECT_EQ(window.findChild<GraphWidget*>(), nullptr);  // made on first use
    auto* action = window.findChild<QAction*>(QStringLiteral("graphFromSelection"));
    ASSERT_NE(action, nullptr);
    window.browser()->search(QStringLiteral("ns:ns1.dnshost.lab"));
    action->trigger();
    auto* graph = window.findChild<GraphWidget*>();
    ASSERT_NE(graph, nullptr);
    EXPECT_EQ(graph, window.graphWidget());
    QSignalSpy changed(graph, &GraphWidget::graphChanged);
    ASSERT_TRUE(waitForGraph(*graph, changed, 1));  // seeded from the search
    EXPECT_TRUE(graph->graph().find("name:ns1.dnshost.lab"));
    Q_EMIT graph->pivotRequested(QStringLiteral("198.51.100.0/24"));
    EXPECT_EQ(window.browser()->currentQuery(), QStringLiteral("198.51.100.0/24"));
    auto* dock = qobject_cast<QDockWidget*>(graph->parentWidget());
    ASSERT_NE(dock, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TapirTests"));
    QApplication::setApplicationName(QStringLiteral("graph_view_test"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
