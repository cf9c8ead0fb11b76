// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_widget.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPalette>
#include <QSlider>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <fstream>
#include <unordered_map>

#include "common/pivot.h"
#include "common/worker.h"
#include "graph/graph_analysis.h"
#include "graph/graph_edge_item.h"
#include "graph/graph_export.h"
#include "graph/graph_layout.h"
#include "graph/graph_node_item.h"
#include "graph/graph_style.h"
#include "graph/graph_view.h"
#include "query/query_parser.h"
#include "records/record_table_model.h"
#include "store/database.h"

namespace tapir::views {

using graph::NodeKind;

namespace {

constexpr int kSliderSteps = 1000;
constexpr double kEdgeLength = 110;
constexpr double kMinDistance = 50;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString utc(qint64 t) {
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QIcon kindIcon(NodeKind kind, const GraphColours& colours) {
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(8, 8);
    p.fillPath(nodeShape(kind, 12), colours.node(kind));
    return QIcon(pm);
}

// The entity a node stands for, as the records search understands it.
QString entityOf(const graph::Node& n) {
    if (n.kind == NodeKind::More)
        return {};
    return qs(n.label);
}

QString hintOf(NodeKind kind) {
    switch (kind) {
        case NodeKind::Nameserver:
            return QStringLiteral("NS");
        case NodeKind::MailServer:
            return QStringLiteral("MX");
        case NodeKind::CnameTarget:
            return QStringLiteral("CNAME");
        default:
            return {};
    }
}

}  // namespace

// What a worker job hands back to the GUI thread.
struct GraphWidget::JobResult {
    JobKind kind = JobKind::Build;
    graph::Graph graph;
    QHash<QString, QPointF> positions;
    QString message;
    QString error;
    bool cancelled = false;
};

GraphWidget::GraphWidget(QWidget* parent)
    : QWidget(parent),
      m_scene(new QGraphicsScene(this)),
      m_view(new GraphView(m_scene, this)),
      m_seeds(new QLineEdit(this)),
      m_find(new QLineEdit(this)),
      m_hops(new QSpinBox(this)),
      m_maxNeighbours(new QSpinBox(this)),
      m_from(new QSlider(Qt::Horizontal, this)),
      m_to(new QSlider(Qt::Horizontal, this)),
      m_windowLabel(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_watcher(new QFutureWatcher<std::shared_ptr<JobResult>>(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    m_seeds->setPlaceholderText(tr("Seeds: acme.example 198.51.100.0/24 ns:ns1.example.net"));
    m_seeds->setClearButtonEnabled(true);
    toolbar->addWidget(m_seeds);
    m_hops->setRange(0, 4);
    m_hops->setValue(1);
    m_hops->setPrefix(tr("hops "));
    m_hops->setToolTip(tr("How many rings of neighbours to fetch around the seeds"));
    toolbar->addWidget(m_hops);
    m_maxNeighbours->setRange(5, 500);
    m_maxNeighbours->setValue(25);
    m_maxNeighbours->setPrefix(tr("max "));
    m_maxNeighbours->setToolTip(
        tr("Neighbours shown per relation of a node; the rest become a \"+N more\" node"));
    toolbar->addWidget(m_maxNeighbours);
    toolbar->addAction(tr("Build"), this, [this] {
        showSeeds(m_seeds->text().split(QLatin1Char(' '), Qt::SkipEmptyParts));
    });
    toolbar->addSeparator();
    m_undoAction = toolbar->addAction(tr("Undo"), this, &GraphWidget::undo);
    m_undoAction->setToolTip(tr("Undo the last build, expansion or layout"));
    m_cancelAction = toolbar->addAction(tr("Cancel"), this, &GraphWidget::cancel);
    toolbar->addAction(tr("Fit"), m_view, &GraphView::fit);
    toolbar->addAction(tr("Re-layout"), this, &GraphWidget::relayout);
    m_pathAction = toolbar->addAction(tr("Path"), this, [this] {
        QStringList ids;
        for (QGraphicsItem* item : m_scene->selectedItems()) {
            if (auto* n = dynamic_cast<GraphNodeItem*>(item))
                ids << n->nodeId();
        }
        if (ids.size() == 2 && !showPath(ids[0], ids[1])) {
            Q_EMIT statusMessage(tr("No path between the selected nodes in this graph"));
        }
    });
    m_pathAction->setToolTip(tr("Shortest path between the two selected nodes"));
    toolbar->addAction(tr("Hubs"), this, [this] {
        Q_EMIT statusMessage(
            tr("Hubs (betweenness): %1").arg(showHubs().join(QStringLiteral(", "))));
    });

    auto* kinds = new QToolButton(this);
    kinds->setText(tr("Kinds"));
    kinds->setPopupMode(QToolButton::InstantPopup);
    kinds->setToolTip(tr("Legend; untick a kind to hide it"));
    auto* kindMenu = new QMenu(kinds);
    for (int k = 0; k <= static_cast<int>(NodeKind::More); ++k) {
        const auto kind = static_cast<NodeKind>(k);
        QAction* a = kindMenu->addAction(kindIcon(kind, graphColours(palette())), kindTitle(kind));
        m_kindActions << a;
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, [this, kind](bool on) { setKindHidden(kind, !on); });
    }
    kindMenu->addSeparator();
    kindMenu->addAction(tr("Show hidden nodes again"), this, [this] {
        m_hiddenNodes.clear();
        applyVisibility();
    });
    kinds->setMenu(kindMenu);
    toolbar->addWidget(kinds);

    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("GraphML, CSV, PNG or SVG of what is shown"));
    connect(exportButton, &QToolButton::clicked, this, &GraphWidget::exportDialog);
    toolbar->addWidget(exportButton);
    m_find->setPlaceholderText(tr("Find…"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(180);
    toolbar->addWidget(m_find);
    layout->addWidget(toolbar);

    layout->addWidget(m_view, 1);

    auto* windowRow = new QHBoxLayout();
    windowRow->setContentsMargins(4, 0, 4, 2);
    windowRow->addWidget(new QLabel(tr("Time window:"), this));
    for (QSlider* s : {m_from, m_to}) {
        s->setRange(0, kSliderSteps);
        s->setEnabled(false);
        windowRow->addWidget(s, 1);
        connect(s, &QSlider::valueChanged, this, &GraphWidget::updateWindowFromSliders);
    }
    m_from->setValue(0);
    m_to->setValue(kSliderSteps);
    m_from->setToolTip(tr("Hide edges last seen before this time"));
    m_to->setToolTip(tr("Hide edges first seen after this time"));
    windowRow->addWidget(m_windowLabel);
    windowRow->addStretch();
    windowRow->addWidget(m_summary);
    layout->addLayout(windowRow);

    connect(m_seeds, &QLineEdit::returnPressed, this,
            [this] { showSeeds(m_seeds->text().split(QLatin1Char(' '), Qt::SkipEmptyParts)); });
    connect(m_find, &QLineEdit::textChanged, this, &GraphWidget::highlight);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        for (auto* item : m_nodeItems) {
            if (item->isVisible() && item->label().contains(m_find->text(), Qt::CaseInsensitive)) {
                m_view->centerOn(item);
                break;
            }
        }
    });
    connect(m_view, &GraphView::nodeDoubleClicked, this,
            [this](GraphNodeItem* node) { expandNode(node->nodeId()); });
    connect(m_view, &GraphView::contextMenuRequested, this, &GraphWidget::showContextMenu);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        updateActions();
        m_view->scheduleDeclutter();  // selected nodes get their labels first
    });
    connect(m_watcher, &QFutureWatcher<std::shared_ptr<JobResult>>::finished, this, [this] {
        auto result = resultOf(*m_watcher);
        m_cancel.reset();
        if (result)
            applyResult(*result);
        updateActions();
    });
    updateActions();
}

GraphWidget::~GraphWidget() {
    cancel();
    waitFor(*m_watcher);
}

void GraphWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        // The view follows by itself (GraphView::changeEvent); the legend icons do not.
        for (qsizetype k = 0; k < m_kindActions.size(); ++k) {
            m_kindActions[k]->setIcon(kindIcon(static_cast<NodeKind>(k), graphColours(palette())));
        }
    }
}

void GraphWidget::setDatabasePath(const QString& path) {
    m_databasePath = path;
}

bool GraphWidget::isBusy() const {
    return m_watcher->isRunning();
}

void GraphWidget::cancel() {
    if (m_cancel)
        m_cancel->cancel();
}

void GraphWidget::showSeeds(const QStringList& seeds) {
    if (seeds.isEmpty()) {
        Q_EMIT statusMessage(tr("Graph: give at least one seed (a name, an address or a prefix)"));
        return;
    }
    m_seeds->setText(seeds.join(QLatin1Char(' ')));
    startJob(JobKind::Build, seeds, {});
}

void GraphWidget::expandNode(const QString& nodeId) {
    startJob(JobKind::Expand, {}, nodeId);
}

void GraphWidget::setGraph(const graph::Graph& graph) {
    startJob(JobKind::Show, {}, {}, graph);
}

void GraphWidget::relayout() {
    startJob(JobKind::Relayout, {}, {});
}

void GraphWidget::startJob(JobKind kind, const QStringList& seeds, const QString& nodeId,
                           std::optional<graph::Graph> replacement) {
    if (isBusy()) {
        Q_EMIT statusMessage(tr("Graph: still working on the previous request"));
        return;
    }
    const bool needsStore = kind == JobKind::Build || kind == JobKind::Expand;
    if (m_databasePath.isEmpty() && needsStore) {
        Q_EMIT statusMessage(tr("Graph: no database open"));
        return;
    }
    graph::BuildOptions options;
    options.hops = m_hops->value();
    options.maxNeighbours = static_cast<std::size_t>(m_maxNeighbours->value());
    // Positions that stay: for an expansion every node already drawn (stable picture);
    // for a re-layout only the nodes the user pinned.
    std::unordered_map<std::string, graph::Point> fixed;
    const auto positions = currentPositions();
    if (kind == JobKind::Expand || kind == JobKind::Relayout) {
        for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
            if (kind == JobKind::Expand || m_pinned.contains(it.key())) {
                fixed[it.key().toStdString()] = {it.value().x(), it.value().y()};
            }
        }
    }
    std::vector<std::string> seedList;
    for (const auto& s : seeds)
        seedList.push_back(s.toStdString());
    auto cancel = std::make_shared<CancelToken>();
    m_cancel = cancel;
    Q_EMIT statusMessage(kind == JobKind::Build    ? tr("Graph: building…")
                         : kind == JobKind::Expand ? tr("Graph: expanding %1…").arg(nodeId)
                                                   : tr("Graph: laying out…"));
    m_watcher->setFuture(runOnPool([kind, needsStore, path = m_databasePath.toStdString(),
                                    g = replacement ? std::move(*replacement) : m_graph, seedList,
                                    id = nodeId.toStdString(), options, fixed = std::move(fixed),
                                    cancel]() mutable -> std::shared_ptr<JobResult> {
        auto result = std::make_shared<JobResult>();
        result->kind = kind;
        if (needsStore) {
            // One connection per thread: this worker opens its own, read-only.
            auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
            if (!db) {
                result->error = qs(db.error().describe());
                return result;
            }
            graph::GraphBuilder builder(**db, options);
            Result<graph::BuildReport> report = graph::BuildReport{};
            if (kind == JobKind::Build) {
                g = graph::Graph{};
                report = builder.build(g, seedList, *cancel);
            } else if (auto index = g.find(id)) {
                report = builder.expand(g, *index, *cancel);
            } else {
                result->error = QObject::tr("%1 is not in the graph").arg(qs(id));
                return result;
            }
            if (!report) {
                result->cancelled = report.error().code == ErrorCode::Cancelled;
                result->error = qs(report.error().describe());
                return result;
            }
            result->message =
                QObject::tr("%L1 nodes added%2%3")
                    .arg(report->nodesAdded)
                    .arg(report->hubsSampled > 0
                             ? QObject::tr(", %1 hub relation(s) sampled (\"+N more\")")
                                   .arg(report->hubsSampled)
                             : QString())
                    .arg(report->nodeLimitReached ? QObject::tr(", node limit reached")
                                                  : QString());
        }
        graph::LayoutInput input = graph::layoutInput(g);
        input.initial.assign(g.nodeCount(), std::nullopt);
        input.pinned.assign(g.nodeCount(), false);
        for (std::size_t i = 0; i < g.nodeCount(); ++i) {
            if (auto it = fixed.find(g.node(i).id); it != fixed.end()) {
                input.initial[i] = it->second;
                input.pinned[i] = true;
            }
        }
        graph::LayoutOptions layoutOptions;
        layoutOptions.edgeLength = kEdgeLength;
        layoutOptions.minDistance = kMinDistance;
        auto laidOut = graph::layoutGraph(input, layoutOptions, *cancel);
        if (!laidOut) {
            result->cancelled = true;
            result->error = qs(laidOut.error().describe());
            return result;
        }
        for (std::size_t i = 0; i < g.nodeCount(); ++i) {
            result->positions.insert(qs(g.node(i).id),
                                     QPointF(laidOut->positions[i].x, laidOut->positions[i].y));
        }
        result->graph = std::move(g);
        return result;
    }));
    updateActions();
}

void GraphWidget::applyResult(const JobResult& result) {
    if (!result.error.isEmpty()) {
        Q_EMIT statusMessage(result.cancelled ? tr("Graph: cancelled")
                                              : tr("Graph: %1").arg(result.error));
        return;
    }
    m_undo.push_back(Snapshot{m_graph, currentPositions(), m_pinned});
    if (m_undo.size() > 50)
        m_undo.erase(m_undo.begin());
    m_graph = result.graph;
    const bool fresh = result.kind == JobKind::Build || result.kind == JobKind::Show;
    if (fresh) {
        m_pinned.clear();
        m_hiddenNodes.clear();
    }
    rebuildScene(result.positions);
    if (fresh)
        m_view->fit();
    if (!result.message.isEmpty())
        Q_EMIT statusMessage(tr("Graph: %1").arg(result.message));
    Q_EMIT graphChanged();
}

void GraphWidget::undo() {
    if (m_undo.empty() || isBusy())
        return;
    Snapshot s = std::move(m_undo.back());
    m_undo.pop_back();
    m_graph = std::move(s.graph);
    m_pinned = std::move(s.pinned);
    rebuildScene(s.positions);
    updateActions();
    Q_EMIT graphChanged();
}

void GraphWidget::rebuildScene(const QHash<QString, QPointF>& positions) {
    m_scene->clear();
    m_nodeItems.clear();
    m_edgeItems.clear();
    const auto degrees = m_graph.degrees();
    for (std::size_t i = 0; i < m_graph.nodeCount(); ++i) {
        const auto& n = m_graph.node(i);
        auto* item = new GraphNodeItem(n, degrees[i]);
        const QString id = qs(n.id);
        item->setPos(positions.value(id));
        item->setPinned(m_pinned.contains(id));
        item->onDragged = [this](GraphNodeItem* dragged) {
            m_pinned.insert(dragged->nodeId());
            m_view->scheduleDeclutter();
        };
        m_scene->addItem(item);
        m_nodeItems.push_back(item);
    }
    const auto& edges = m_graph.edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        auto* item = new GraphEdgeItem(edges[i], i, m_nodeItems[edges[i].source],
                                       m_nodeItems[edges[i].target]);
        m_nodeItems[edges[i].source]->addEdge(item);
        m_nodeItems[edges[i].target]->addEdge(item);
        m_scene->addItem(item);
        m_edgeItems.push_back(item);
    }
    // The slider spans the record edges' time range.
    const auto span = m_graph.timeSpan();
    m_from->setEnabled(span.has_value());
    m_to->setEnabled(span.has_value());
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-400, -400, 400, 400));
    updateWindowFromSliders();
    highlight(m_find->text());
    m_view->declutterLabels();  // now, not after a frame with every label drawn
    const auto components = graph::connectedComponents(m_graph);
    m_summary->setText(tr("%L1 nodes · %L2 edges · %L3 component(s)")
                           .arg(m_graph.nodeCount())
                           .arg(m_graph.edgeCount())
                           .arg(components.count));
}

void GraphWidget::updateWindowFromSliders() {
    const auto span = m_graph.timeSpan();
    if (!span || (m_from->value() == 0 && m_to->value() == kSliderSteps)) {
        m_after.reset();
        m_before.reset();
        m_windowLabel->setText(span ? tr("all of %1 – %2").arg(utc(span->first), utc(span->second))
                                    : QString());
        applyVisibility();
        return;
    }
    if (m_from->value() > m_to->value()) {
        QSlider* moved = sender() == m_to ? m_from : m_to;
        moved->setValue(sender() == m_to ? m_to->value() : m_from->value());
        return;
    }
    const double range = static_cast<double>(span->second - span->first);
    const auto at = [&](int v) {
        return span->first + static_cast<qint64>(range * v / kSliderSteps);
    };
    m_after = at(m_from->value());
    m_before = at(m_to->value());
    m_windowLabel->setText(tr("%1 – %2").arg(utc(*m_after), utc(*m_before)));
    applyVisibility();
}

void GraphWidget::setTimeWindow(std::optional<qint64> after, std::optional<qint64> before) {
    const auto span = m_graph.timeSpan();
    if (!span)
        return;
    const double range = std::max<double>(1, static_cast<double>(span->second - span->first));
    auto toSlider = [&](qint64 t) {
        return std::clamp(static_cast<int>(std::ceil(static_cast<double>(t - span->first) *
                                                     kSliderSteps / range)),
                          0, kSliderSteps);
    };
    m_to->setValue(before ? toSlider(*before) : kSliderSteps);
    m_from->setValue(after ? toSlider(*after) : 0);
    // Use the exact bounds, not the slider's rounding.
    if (after || before) {
        m_after = after;
        m_before = before;
        applyVisibility();
    }
}

std::vector<bool> GraphWidget::visibleNodeMask() const {
    std::vector<bool> mask(m_graph.nodeCount(), true);
    if (m_after || m_before)
        mask = graph::visibleInWindow(m_graph, m_after, m_before).nodes;
    for (std::size_t i = 0; i < m_graph.nodeCount(); ++i) {
        const auto& n = m_graph.node(i);
        if (m_hiddenKinds.contains(n.kind) || m_hiddenNodes.contains(qs(n.id)))
            mask[i] = false;
    }
    return mask;
}

std::vector<bool> GraphWidget::visibleEdgeMask() const {
    const auto nodes = visibleNodeMask();
    std::vector<bool> mask(m_graph.edgeCount(), true);
    if (m_after || m_before)
        mask = graph::visibleInWindow(m_graph, m_after, m_before).edges;
    for (std::size_t i = 0; i < m_graph.edgeCount(); ++i) {
        const auto& e = m_graph.edges()[i];
        mask[i] = mask[i] && nodes[e.source] && nodes[e.target];
    }
    return mask;
}

void GraphWidget::applyVisibility() {
    const auto nodes = visibleNodeMask();
    const auto edges = visibleEdgeMask();
    for (std::size_t i = 0; i < m_nodeItems.size(); ++i)
        m_nodeItems[i]->setVisible(nodes[i]);
    for (std::size_t i = 0; i < m_edgeItems.size(); ++i)
        m_edgeItems[i]->setVisible(edges[i]);
    m_view->scheduleDeclutter();
}

void GraphWidget::setNodeHidden(const QString& nodeId, bool hidden) {
    if (hidden)
        m_hiddenNodes.insert(nodeId);
    else
        m_hiddenNodes.remove(nodeId);
    applyVisibility();
}

void GraphWidget::setKindHidden(NodeKind kind, bool hidden) {
    if (hidden)
        m_hiddenKinds.insert(kind);
    else
        m_hiddenKinds.erase(kind);
    applyVisibility();
}

void GraphWidget::highlight(const QString& text) {
    const QString needle = text.trimmed();
    for (auto* item : m_nodeItems) {
        const bool match = !needle.isEmpty() && item->label().contains(needle, Qt::CaseInsensitive);
        item->setHighlight(match, !needle.isEmpty() && !match);
    }
    m_view->scheduleDeclutter();  // matches get their labels first
}

bool GraphWidget::showPath(const QString& fromId, const QString& toId) {
    const auto from = m_graph.find(fromId.toStdString());
    const auto to = m_graph.find(toId.toStdString());
    for (auto* e : m_edgeItems)
        e->setHighlighted(false);
    if (!from || !to)
        return false;
    const auto path = graph::shortestPath(m_graph, *from, *to, {}, visibleEdgeMask());
    if (!path)
        return false;
    QStringList steps;
    for (auto n : path->nodes)
        steps << qs(m_graph.node(n).label);
    for (auto e : path->edges)
        m_edgeItems[e]->setHighlighted(true);
    Q_EMIT statusMessage(
        tr("Path (%1 edges): %2").arg(path->edges.size()).arg(steps.join(QStringLiteral(" → "))));
    return true;
}

QStringList GraphWidget::showHubs(int count) {
    QStringList out;
    m_scene->clearSelection();
    for (const auto& h : graph::hubs(m_graph, static_cast<std::size_t>(count), visibleEdgeMask())) {
        if (h.betweenness <= 0)
            break;
        m_nodeItems[h.node]->setSelected(true);
        out << qs(m_graph.node(h.node).label);
    }
    return out;
}

QHash<QString, QPointF> GraphWidget::currentPositions() const {
    QHash<QString, QPointF> out;
    for (auto* item : m_nodeItems)
        out.insert(item->nodeId(), item->pos());
    return out;
}

GraphNodeItem* GraphWidget::nodeItem(const QString& nodeId) const {
    auto index = m_graph.find(nodeId.toStdString());
    return index && *index < m_nodeItems.size() ? m_nodeItems[*index] : nullptr;
}

bool GraphWidget::isNodeVisible(const QString& nodeId) const {
    auto* item = nodeItem(nodeId);
    return item != nullptr && item->isVisible();
}

void GraphWidget::showContextMenu(GraphNodeItem* item, const QPoint& globalPos) {
    QMenu menu(this);
    if (item == nullptr) {
        menu.addAction(tr("Fit"), m_view, &GraphView::fit);
        menu.addAction(tr("Re-layout"), this, &GraphWidget::relayout);
        menu.addAction(tr("Show hidden nodes again"), this, [this] {
            m_hiddenNodes.clear();
            applyVisibility();
        });
        menu.exec(globalPos);
        return;
    }
    const QString id = item->nodeId();
    const auto index = m_graph.find(id.toStdString());
    if (!index)
        return;
    const graph::Node& n = m_graph.node(*index);
    if (n.kind == NodeKind::More) {
        menu.addAction(tr("Show next %1").arg(m_maxNeighbours->value()), this,
                       [this, id] { expandNode(id); });
    } else {
        const QString count =
            n.neighbourCount ? tr(" (%L1%2 neighbours)")
                                   .arg(*n.neighbourCount)
                                   .arg(n.neighbourCountCapped ? QStringLiteral("+") : QString())
                             : QString();
        QAction* expand =
            menu.addAction(tr("Expand%1").arg(count), this, [this, id] { expandNode(id); });
        expand->setEnabled(!n.expanded);
        menu.addAction(tr("New graph from here"), this,
                       [this, label = qs(n.label)] { showSeeds({label}); });
        menu.addSeparator();
        const QString entity = entityOf(n);
        QList<Pivot> pivots;
        if (n.kind == NodeKind::Network) {
            pivots << Pivot{tr("Names on %1").arg(entity), QStringLiteral("ip:") + entity};
        } else {
            pivots = pivotsFor(entity, hintOf(n.kind));
        }
        for (const Pivot& p : pivots) {
            menu.addAction(p.label, this, [this, q = p.query] { Q_EMIT pivotRequested(q); });
        }
        const QString subject = timelineSubject(n);
        menu.addAction(tr("Timeline of %1").arg(subject), this,
                       [this, subject] { Q_EMIT timelineRequested(subject); });
        menu.addSeparator();
        menu.addAction(tr("Copy \"%1\"").arg(entity), this,
                       [entity] { QApplication::clipboard()->setText(entity); });
    }
    menu.addAction(item->pinned() ? tr("Unpin") : tr("Pin here"), this, [this, item, id] {
        item->setPinned(!item->pinned());
        if (item->pinned())
            m_pinned.insert(id);
        else
            m_pinned.remove(id);
    });
    menu.addAction(tr("Hide this node"), this, [this, id] { setNodeHidden(id, true); });
    menu.addAction(tr("Hide all %1").arg(kindTitle(n.kind).toLower()), this,
                   [this, kind = n.kind] { setKindHidden(kind, true); });
    menu.exec(globalPos);
}

void GraphWidget::updateActions() {
    const bool busy = isBusy();
    m_undoAction->setEnabled(!busy && !m_undo.empty());
    m_cancelAction->setEnabled(busy);
    int selected = 0;
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        if (dynamic_cast<GraphNodeItem*>(item) != nullptr)
            ++selected;
    }
    m_pathAction->setEnabled(selected == 2);
}

bool GraphWidget::exportGraphMl(const QString& path) const {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (!out)
        return false;
    graph::ExportOptions options;
    options.nodeMask = visibleNodeMask();
    options.edgeMask = visibleEdgeMask();
    for (auto* item : m_nodeItems)
        options.positions.push_back({item->pos().x(), item->pos().y()});
    graph::writeGraphMl(out, m_graph, options);
    return static_cast<bool>(out);
}

bool GraphWidget::exportCsv(const QString& nodesPath, const QString& edgesPath) const {
    graph::ExportOptions options;
    options.nodeMask = visibleNodeMask();
    options.edgeMask = visibleEdgeMask();
    for (auto* item : m_nodeItems)
        options.positions.push_back({item->pos().x(), item->pos().y()});
    std::ofstream nodes(nodesPath.toStdString(), std::ios::binary);
    std::ofstream edges(edgesPath.toStdString(), std::ios::binary);
    if (!nodes || !edges)
        return false;
    graph::writeNodesCsv(nodes, m_graph, options);
    graph::writeEdgesCsv(edges, m_graph, options);
    return static_cast<bool>(nodes) && static_cast<bool>(edges);
}

namespace {
QRectF visibleBounds(QGraphicsScene* scene) {
    QRectF bounds;
    for (QGraphicsItem* item : scene->items()) {
        if (item->isVisible())
            bounds |= item->sceneBoundingRect();
    }
    return bounds.adjusted(-20, -20, 20, 20);
}
}  // namespace

bool GraphWidget::exportPng(const QString& path) const {
    const QRectF bounds = visibleBounds(m_scene);
    const qreal scale = std::min<qreal>(2.0, 6000.0 / std::max(bounds.width(), bounds.height()));
    QImage image((bounds.size() * scale).toSize(), QImage::Format_ARGB32);
    // Scaled as a device pixel ratio, not by the render transform: labels ignore the
    // latter and would come out at half size in a 2x image.
    image.setDevicePixelRatio(scale);
    image.fill(graphColours(m_view->palette()).background);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
    painter.end();
    return image.save(path, "PNG");
}

bool GraphWidget::exportSvg(const QString& path) const {
    const QRectF bounds = visibleBounds(m_scene);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(bounds.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
    svg.setTitle(tr("Tapir relationship graph"));
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
    return painter.end();
}

void GraphWidget::exportDialog() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export graph"), QStringLiteral("tapir-graph.graphml"),
        tr("GraphML (*.graphml);;CSV nodes and edges (*.csv);;PNG image (*.png);;SVG image "
           "(*.svg)"),
        &filter);
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        ok = exportPng(path);
    } else if (suffix == QLatin1String("svg")) {
        ok = exportSvg(path);
    } else if (suffix == QLatin1String("csv")) {
        const QString base = path.left(path.size() - 4);
        ok = exportCsv(base + QStringLiteral("-nodes.csv"), base + QStringLiteral("-edges.csv"));
    } else {
        ok = exportGraphMl(path);
    }
    Q_EMIT statusMessage(ok ? tr("Graph exported to %1").arg(path)
                            : tr("Graph export to %1 failed").arg(path));
}

QString GraphWidget::timelineSubject(const graph::Node& node) {
    QString subject = entityOf(node);
    // Labels are bare names, but a seed typed as "ns:NAME" must not reach the timeline so.
    const QLatin1String prefix(node.kind == NodeKind::Nameserver   ? "ns:"
                               : node.kind == NodeKind::MailServer ? "mx:"
                                                                   : "");
    if (prefix.size() > 0 && subject.startsWith(prefix, Qt::CaseInsensitive))
        subject.remove(0, prefix.size());
    return subject;
}

QStringList GraphWidget::seedsFrom(const QAbstractItemView* table, const QString& query) {
    QStringList seeds;
    if (table != nullptr && table->selectionModel() != nullptr) {
        for (const QModelIndex& index : table->selectionModel()->selectedIndexes()) {
            QString entity = index.data(kEntityRole).toString();
            if (entity.isEmpty()) {
                entity =
                    index.siblingAtColumn(RecordTableModel::RRName).data(kEntityRole).toString();
            }
            const QString hint = index.data(kPivotHintRole).toString();
            if (hint == QLatin1String("NS"))
                entity = QStringLiteral("ns:") + entity;
            if (hint == QLatin1String("MX"))
                entity = QStringLiteral("mx:") + entity;
            if (!entity.isEmpty() && !seeds.contains(entity))
                seeds << entity;
            if (seeds.size() >= 20)
                break;
        }
    }
    if (!seeds.isEmpty())
        return seeds;
    // A search naming one entity: a bare name, address or prefix, or one with a lookup
    // prefix the graph understands; wildcards, globs and modifiers do not name one.
    const QString q = query.trimmed();
    if (q.isEmpty() || q.contains(QLatin1Char(' ')) || q.contains(QLatin1Char('*')))
        return {};
    // dnsdbq's lookup lines name their entity inside: rrset/name/NAME/..., rdata/name/NAME.
    if (q.startsWith(QLatin1String("rrset/")) || q.startsWith(QLatin1String("rdata/name/"))) {
        const auto spec = parseQuery(q.toStdString());
        if (!spec)
            return {};
        const QString name = QString::fromStdString(spec->name);
        if (spec->kind == QuerySpec::Kind::Name)
            return {name};
        if (spec->kind == QuerySpec::Kind::RdataName) {
            // A name server's or mail server's node; any other target is a plain name.
            if (spec->rrtype == 2U)
                return {QStringLiteral("ns:") + name};
            if (spec->rrtype == 15U)
                return {QStringLiteral("mx:") + name};
            return {name};
        }
        return {};
    }
    const qsizetype colon = q.indexOf(QLatin1Char(':'));
    const QString prefix = colon > 0 ? q.left(colon) : QString();
    static const QStringList kAccepted = {QStringLiteral("ns"),    QStringLiteral("mx"),
                                          QStringLiteral("ip"),    QStringLiteral("name"),
                                          QStringLiteral("cname"), QStringLiteral("ptr"),
                                          QStringLiteral("rdata")};
    const bool ipv6 =
        q.count(QLatin1Char(':')) > 1 && prefix.size() <= 4 && !kAccepted.contains(prefix);
    if (colon > 0 && !ipv6 && !kAccepted.contains(prefix))
        return {};
    return {q};
}

}  // namespace tapir::views
