// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "common/progress.h"
#include "graph/graph.h"
#include "graph/graph_builder.h"

class QAbstractItemView;
class QAction;
class QGraphicsScene;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;

namespace tapir::views {

class GraphEdgeItem;
class GraphNodeItem;
class GraphView;

// The relationship graph screen: builds a graph around seeds from the store, expands nodes
// on double-click, lays it out on a worker (runOnPool; the engine call takes a
// CancelToken) and draws it in a QGraphicsView. Offers search-to-highlight, hiding nodes
// and kinds, a time window, undo of expansions, shortest path and hubs, pivots to the
// records table (pivotRequested) and to the timeline (timelineRequested), and exports
// (GraphML, CSV, PNG, SVG). Draws in the colours of its palette, so it follows the theme.
// Owns its scene; GUI thread only; one job at a time.
class GraphWidget : public QWidget {
    Q_OBJECT
public:
    explicit GraphWidget(QWidget* parent = nullptr);
    ~GraphWidget() override;

    void setDatabasePath(const QString& path);
    // A new graph around the seeds (names, IPs, CIDRs, ns:NAME); the old one can be undone.
    void showSeeds(const QStringList& seeds);
    // Expands a node (or the next page of a "+N more" node) by id.
    void expandNode(const QString& nodeId);
    // Shows a graph built elsewhere (tests, benches), laid out on the worker like a new
    // build; the old one can be undone.
    void setGraph(const graph::Graph& graph);
    // Lays everything out again; nodes the user pinned stay.
    void relayout();
    void undo();
    void cancel();
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] bool canUndo() const { return !m_undo.empty(); }

    // Search-to-highlight: nodes whose label contains the text get a halo, others fade.
    void highlight(const QString& text);
    void setNodeHidden(const QString& nodeId, bool hidden);
    void setKindHidden(graph::NodeKind kind, bool hidden);
    // Shows only edges overlapping [after, before] (Unix seconds; nullopt: open).
    void setTimeWindow(std::optional<qint64> after, std::optional<qint64> before);
    // Marks the cheapest path between two nodes; false when there is none.
    bool showPath(const QString& fromId, const QString& toId);
    // Selects the top hubs by betweenness and returns their labels.
    QStringList showHubs(int count = 5);

    [[nodiscard]] bool exportGraphMl(const QString& path) const;
    [[nodiscard]] bool exportCsv(const QString& nodesPath, const QString& edgesPath) const;
    [[nodiscard]] bool exportPng(const QString& path) const;
    [[nodiscard]] bool exportSvg(const QString& path) const;

    [[nodiscard]] const graph::Graph& graph() const { return m_graph; }
    [[nodiscard]] GraphView* view() const { return m_view; }
    [[nodiscard]] GraphNodeItem* nodeItem(const QString& nodeId) const;
    [[nodiscard]] bool isNodeVisible(const QString& nodeId) const;

    // Seeds for "Graph from selection/search": the entities of the selected cells of a
    // records table (kEntityRole, "ns:"/"mx:" by kPivotHintRole), else the search when it
    // names one entity (a name, an address, a prefix, ns:/mx:/ip:).
    [[nodiscard]] static QStringList seedsFrom(const QAbstractItemView* table,
                                               const QString& query);
    // What the timeline of a node is asked for: its name, address or prefix (a nameserver
    // or mail server without an "ns:"/"mx:" prefix); empty for a "+N more" node.
    [[nodiscard]] static QString timelineSubject(const graph::Node& node);

Q_SIGNALS:
    // The user asked to see records for an entity (a query in the search language).
    void pivotRequested(const QString& query);
    // The user asked for the timeline of an entity (see timelineSubject).
    void timelineRequested(const QString& subject);
    void statusMessage(const QString& message);
    // A build, expansion, layout or undo has been applied to the scene.
    void graphChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class JobKind { Build, Expand, Relayout, Show };
    struct Snapshot {
        graph::Graph graph;
        QHash<QString, QPointF> positions;
        QSet<QString> pinned;
    };
    struct JobResult;

    // `replacement`: for Show, the graph to lay out instead of the current one.
    void startJob(JobKind kind, const QStringList& seeds, const QString& nodeId,
                  std::optional<graph::Graph> replacement = std::nullopt);
    void applyResult(const JobResult& result);
    void rebuildScene(const QHash<QString, QPointF>& positions);
    void applyVisibility();
    [[nodiscard]] QHash<QString, QPointF> currentPositions() const;
    [[nodiscard]] std::vector<bool> visibleNodeMask() const;
    [[nodiscard]] std::vector<bool> visibleEdgeMask() const;
    void showContextMenu(GraphNodeItem* node, const QPoint& globalPos);
    void updateWindowFromSliders();
    void updateActions();
    void exportDialog();

    QString m_databasePath;
    graph::Graph m_graph;
    QSet<QString> m_pinned;
    QSet<QString> m_hiddenNodes;
    std::set<graph::NodeKind> m_hiddenKinds;
    std::optional<qint64> m_after;
    std::optional<qint64> m_before;
    std::vector<Snapshot> m_undo;
    std::vector<GraphNodeItem*> m_nodeItems;  // by node index
    std::vector<GraphEdgeItem*> m_edgeItems;  // by edge index

    QGraphicsScene* m_scene;
    GraphView* m_view;
    QLineEdit* m_seeds;
    QLineEdit* m_find;
    QSpinBox* m_hops;
    QSpinBox* m_maxNeighbours;
    QSlider* m_from;
    QSlider* m_to;
    QLabel* m_windowLabel;
    QLabel* m_summary;
    QAction* m_undoAction;
    QAction* m_cancelAction;
    QAction* m_pathAction;
    QList<QAction*> m_kindActions;  // the Kinds menu, by NodeKind

    QFutureWatcher<std::shared_ptr<JobResult>>* m_watcher;
    std::shared_ptr<CancelToken> m_cancel;  // of the running job
};

}  // namespace tapir::views
