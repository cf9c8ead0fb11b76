// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The relationship graph widget, offscreen, on resolver-lab data: build, expand by a real
// double-click, undo, time window, highlight, exports, the timeline pivot from the context
// menu, a dark palette, labels in a dense fan, and the main window's wiring.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QMenu>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <filesystem>
#include <random>

#include "common/theme_menu.h"
#include "graph/graph_node_item.h"
#include "graph/graph_style.h"
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

// Opens the node's context menu by a real context-menu event on the view and triggers the
// entry whose text is `entry`; returns every entry's text. The menu runs its own event
// loop, so the entry is triggered from a timer while it is open.
QStringList triggerContextMenu(GraphWidget& w, const QString& nodeId, const QString& entry) {
    auto* item = w.nodeItem(nodeId);
    if (item == nullptr)
        return {};
    w.view()->centerOn(item);
    QTest::qWait(20);
    const QPoint at = w.view()->mapFromScene(item->pos());
    QStringList texts;
    QTimer::singleShot(100, &w, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (menu == nullptr)
            return;
        for (QAction* a : menu->actions()) {
            texts << a->text();
            if (a->text() == entry)
                a->trigger();
        }
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, w.view()->viewport()->mapToGlobal(at));
    QApplication::sendEvent(w.view()->viewport(), &event);
    return texts;
}

double luminance(QRgb rgb) {
    return (0.2126 * qRed(rgb) + 0.7152 * qGreen(rgb) + 0.0722 * qBlue(rgb)) / 255.0;
}

double meanLuminance(const QImage& image) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3, ++n)
            sum += luminance(image.pixel(x, y));
    }
    return n > 0 ? sum / n : 0;
}

// The strongest contrast (WCAG ratio) between any pixel inside `rect` and `background`:
// for a label, that of its text as actually drawn.
double bestContrastIn(const QImage& image, const QRect& rect, const QColor& background) {
    double best = 1;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            best = std::max(best, tapir::views::contrastRatio(image.pixelColor(x, y), background));
        }
    }
    return best;
}

// Pairs of label rects that intersect.
int overlappingPairs(const std::vector<QRectF>& rects) {
    int n = 0;
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size(); ++j)
            n += rects[i].intersects(rects[j]) ? 1 : 0;
    }
    return n;
}

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    return p;
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

TEST(GraphWidget, ContextMenuPivotsToTheTimeline) {
    GraphWidget w;
    w.resize(1000, 700);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    w.setDatabasePath(labDatabase());
    QSignalSpy changed(&w, &GraphWidget::graphChanged);
    w.showSeeds({QStringLiteral("ns:ns1.dnshost.lab")});
    ASSERT_TRUE(waitForGraph(w, changed, 1));
    QSignalSpy timeline(&w, &GraphWidget::timelineRequested);
    QSignalSpy pivot(&w, &GraphWidget::pivotRequested);

    // A nameserver seeded as "ns:…": the timeline is asked for the bare name.
    const QStringList entries = triggerContextMenu(w, QStringLiteral("name:ns1.dnshost.lab"),
                                                   QStringLiteral("Timeline of ns1.dnshost.lab"));
    ASSERT_EQ(timeline.count(), 1) << entries.join(QLatin1Char('|')).toStdString();
    EXPECT_EQ(timeline.at(0).at(0).toString(), QStringLiteral("ns1.dnshost.lab"));
    // The records pivots are still there, and did not fire.
    EXPECT_TRUE(entries.contains(QStringLiteral("Domains served by nameserver ns1.dnshost.lab")));
    EXPECT_EQ(pivot.count(), 0);

    // An address: its timeline by address.
    w.expandNode(QStringLiteral("name:ns1.dnshost.lab"));
    ASSERT_TRUE(waitForGraph(w, changed, 2));
    QString ipId;
    for (const auto& n : w.graph().nodes()) {
        if (n.kind == tapir::graph::NodeKind::Ip && w.isNodeVisible(QString::fromStdString(n.id)))
            ipId = QString::fromStdString(n.id);
    }
    ASSERT_FALSE(ipId.isEmpty());
    const QString ip = ipId.mid(3);  // "ip:…"
    triggerContextMenu(w, ipId, QStringLiteral("Timeline of ") + ip);
    ASSERT_EQ(timeline.count(), 2);
    EXPECT_EQ(timeline.at(1).at(0).toString(), ip);

    // "+N more" has no timeline.
    tapir::graph::Node more;
    more.kind = tapir::graph::NodeKind::More;
    more.label = "+13 more";
    EXPECT_TRUE(GraphWidget::timelineSubject(more).isEmpty());
    tapir::graph::Node ns;
    ns.kind = tapir::graph::NodeKind::Nameserver;
    ns.label = "ns:ns1.example.net";
    EXPECT_EQ(GraphWidget::timelineSubject(ns), QStringLiteral("ns1.example.net"));
}

TEST(GraphWidget, FollowsADarkPalette) {
    using tapir::views::contrastRatio;
    using tapir::views::GraphColours;
    GraphWidget w;
    w.resize(1000, 700);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    w.setDatabasePath(labDatabase());
    QSignalSpy changed(&w, &GraphWidget::graphChanged);
    w.showSeeds({QStringLiteral("acme.example")});
    ASSERT_TRUE(waitForGraph(w, changed, 1));

    // Checks the view as drawn against the widget's current palette.
    const auto check = [&](const char* what, bool dark) {
        SCOPED_TRACE(what);
        QTest::qWait(50);
        auto* seed = w.nodeItem(QStringLiteral("name:acme.example"));  // items are rebuilt
        ASSERT_NE(seed, nullptr);
        ASSERT_TRUE(seed->labelShown());  // a seed's label wins over others
        const QColor base = w.palette().color(QPalette::Base);
        const QImage shot = w.view()->viewport()->grab().toImage();
        EXPECT_EQ(shot.pixelColor(2, 2).rgb(), base.rgb());  // the canvas is Base
        if (dark)
            EXPECT_LT(meanLuminance(shot), 0.3);
        else
            EXPECT_GT(meanLuminance(shot), 0.7);
        // The seed's label text, as drawn, stands out from the canvas (WCAG AA for text).
        w.view()->centerOn(seed);
        QTest::qWait(50);
        const QImage again = w.view()->viewport()->grab().toImage();
        const QRect label = w.view()->labelRect(seed).toRect();
        EXPECT_GE(bestContrastIn(again, label, base), 4.5);
        // ... on a patch of the canvas, not of another theme's.
        const double patch = meanLuminance(again.copy(label));
        if (dark)
            EXPECT_LT(patch, 0.35);
        else
            EXPECT_GT(patch, 0.6);
        // The seed (a registrable domain, dark blue by design) as drawn stands out too.
        const QColor fill = again.pixelColor(w.view()->mapFromScene(seed->pos()));
        EXPECT_GE(contrastRatio(fill, base), GraphColours::kNodeContrast)
            << fill.name().toStdString();
        // Every kind colour stands out from this background as a graphical object.
        const GraphColours colours = GraphColours::fromPalette(w.palette());
        for (int k = 0; k <= static_cast<int>(tapir::graph::NodeKind::More); ++k) {
            EXPECT_GE(contrastRatio(colours.node(static_cast<tapir::graph::NodeKind>(k)), base),
                      GraphColours::kNodeContrast)
                << k;
        }
    };
    check("light (the default palette)", false);

    w.setPalette(darkPalette());
    check("dark palette on the widget", true);
    // Screenshots of a real expansion (the shared hoster's nameserver) in both palettes.
    w.expandNode(QStringLiteral("name:ns1.dnshost.lab"));
    ASSERT_TRUE(waitForGraph(w, changed, 2));
    w.view()->fit();
    QTest::qWait(50);
    const QString dir = screenshotDir();
    ASSERT_TRUE(w.grab().save(dir + QStringLiteral("/graph-dark.png")));
    // An export follows the view: a dark canvas, not white.
    const QString png = dir + QStringLiteral("/graph-dark-export.png");
    ASSERT_TRUE(w.exportPng(png));
    EXPECT_EQ(QImage(png).pixelColor(1, 1).rgb(), QColor(0x1e, 0x1e, 0x1e).rgb());

    w.setPalette(QPalette());  // back to the application's
    check("back to light", false);
    w.view()->fit();
    QTest::qWait(50);
    ASSERT_TRUE(w.grab().save(dir + QStringLiteral("/graph-light.png")));

    // The theme menu's way: the application palette changes.
    tapir::views::ThemeMenu::apply(tapir::views::ThemeMenu::Theme::Dark);
    check("View > Theme > Dark", true);
    tapir::views::ThemeMenu::apply(tapir::views::ThemeMenu::Theme::System);
    check("View > Theme > System", false);
}

// A hub with 60 leaves (a nameserver and its zones): every label drawn would pile up in a
// ring; the view shows only labels that do not overlap, more when zoomed in, and a hidden
// one on hover.
// IDN names read as Unicode beside their punycode on the graph too (a homograph shows).
TEST(GraphView, IdnNodesShowUnicodeBesidePunycode) {
    tapir::graph::Graph g;
    g.addNode("name:xn--pypal-4ve.example", "xn--pypal-4ve.example",
              tapir::graph::NodeKind::Domain);
    g.addNode("name:plain.example", "plain.example", tapir::graph::NodeKind::Domain);
    tapir::views::GraphWidget w;
    QSignalSpy changed(&w, &tapir::views::GraphWidget::graphChanged);
    w.setGraph(g);  // laid out on a worker
    ASSERT_TRUE(changed.wait(10000));
    auto* idn = w.nodeItem(QStringLiteral("name:xn--pypal-4ve.example"));
    ASSERT_NE(idn, nullptr);
    EXPECT_TRUE(idn->label().contains(QStringLiteral("(xn--pypal-4ve.example)")))
        << idn->label().toStdString();
    // The Cyrillic 'а' (U+0430) of the homograph is shown as itself.
    EXPECT_TRUE(idn->label().startsWith(QStringLiteral("p") + QChar(0x0430) +
                                        QStringLiteral("ypal.example")))
        << idn->label().toStdString();
    EXPECT_NE(idn->label(), QStringLiteral("xn--pypal-4ve.example"));
    EXPECT_EQ(w.nodeItem(QStringLiteral("name:plain.example"))->label(),
              QStringLiteral("plain.example"));
}

TEST(GraphWidget, LabelsOfADenseFanDoNotOverlap) {
    tapir::graph::Graph g;
    const std::size_t hub = g.addNode("name:ns1.bulk-hoster.example", "ns1.bulk-hoster.example",
                                      tapir::graph::NodeKind::Nameserver);
    for (int i = 0; i < 60; ++i) {
        const std::string zone = "customer-zone-" + std::to_string(i) + ".example";
        const std::size_t leaf = g.addNode("name:" + zone, zone, tapir::graph::NodeKind::Domain);
        g.addEdge(leaf, hub, tapir::graph::EdgeType::NS, 1700000000, 1700003600, 2);
    }
    g.node(hub).seed = true;

    GraphWidget w;
    w.resize(1000, 700);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QSignalSpy changed(&w, &GraphWidget::graphChanged);
    w.setGraph(g);
    ASSERT_TRUE(waitForGraph(w, changed, 1));
    ASSERT_EQ(w.graph().nodeCount(), 61u);
    w.view()->fit();

    const auto measure = [&] {
        std::vector<QRectF> all;
        std::vector<QRectF> shown;
        const QTransform toViewport = w.view()->viewportTransform();
        for (const auto& n : w.graph().nodes()) {
            auto* item = w.nodeItem(QString::fromStdString(n.id));
            // Every label below its node, as the view used to draw them.
            all.push_back(item->labelRect(toViewport, false));
            if (!item->labelItem()->isVisible())
                continue;
            // Where the label item really is drawn.
            const QGraphicsItem* label = item->labelItem();
            shown.push_back(label->deviceTransform(toViewport).mapRect(label->boundingRect()));
            const QRectF placed = w.view()->labelRect(item);
            EXPECT_LT((shown.back().center() - placed.center()).manhattanLength(), 1.0);
        }
        return std::pair{all, shown};
    };
    const auto [all, shown] = measure();
    // The fan is dense: with every label drawn (as before) many would overlap.
    EXPECT_GT(overlappingPairs(all), 20);
    EXPECT_EQ(overlappingPairs(shown), 0);
    EXPECT_TRUE(w.nodeItem(QStringLiteral("name:ns1.bulk-hoster.example"))->labelShown());
    EXPECT_GE(shown.size(), 8u);  // not simply all hidden
    ASSERT_LT(shown.size(), all.size());

    // Zooming in makes room for more labels, still without overlaps.
    w.view()->zoomBy(3);
    w.view()->declutterLabels();
    const auto [allZoomed, shownZoomed] = measure();
    EXPECT_GT(shownZoomed.size(), shown.size());
    EXPECT_EQ(overlappingPairs(shownZoomed), 0);

    // Hovering a node whose label is hidden shows it.
    w.view()->fit();
    tapir::views::GraphNodeItem* hidden = nullptr;
    for (const auto& n : w.graph().nodes()) {
        auto* item = w.nodeItem(QString::fromStdString(n.id));
        if (!item->labelItem()->isVisible())
            hidden = item;
    }
    ASSERT_NE(hidden, nullptr);
    const QPoint at = w.view()->mapFromScene(hidden->pos());
    ASSERT_EQ(w.view()->nodeAt(at), hidden);
    QMouseEvent move(QEvent::MouseMove, QPointF(at), w.view()->viewport()->mapToGlobal(at),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(w.view()->viewport(), &move);
    EXPECT_TRUE(QTest::qWaitFor([&] { return hidden->labelItem()->isVisible(); }, 2000));
    ASSERT_TRUE(w.grab().save(screenshotDir() + QStringLiteral("/graph-dense-fan.png")));
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
    // dnsdbq's lookup lines give the entity they name.
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("rrset/name/www.acme.example/A")),
              QStringList{QStringLiteral("www.acme.example")});
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("rdata/name/ns1.dnshost.lab/NS")),
              QStringList{QStringLiteral("ns:ns1.dnshost.lab")});
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("rdata/name/mail.acme.example/MX")),
              QStringList{QStringLiteral("mx:mail.acme.example")});
    EXPECT_EQ(GraphWidget::seedsFrom(nullptr, QStringLiteral("rdata/name/edge.cdn.example")),
              QStringList{QStringLiteral("edge.cdn.example")});
    EXPECT_TRUE(
        GraphWidget::seedsFrom(nullptr, QStringLiteral("rrset/name/*.acme.example")).isEmpty());
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
