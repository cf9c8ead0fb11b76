// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QGraphicsItem>
#include <QString>

#include <functional>
#include <vector>

#include "graph/graph.h"

namespace tapir::views {

class GraphEdgeItem;

// One node of the relationship graph in a QGraphicsScene: a shape and colour by kind (from
// the scene's palette, see GraphColours), the label below (or above) it, a pin mark when the user
// dragged it. Movable and selectable; moving it drags its edges along. The label is a child
// item that keeps its size on screen at any zoom; GraphView::declutterLabels decides which
// labels are shown, and hovering a node always shows its own. Owned by the scene; GUI
// thread only.
class GraphNodeItem : public QGraphicsItem {
public:
    GraphNodeItem(const graph::Node& node, std::size_t degree);

    [[nodiscard]] const QString& nodeId() const { return m_id; }
    [[nodiscard]] const QString& label() const { return m_label; }
    [[nodiscard]] graph::NodeKind kind() const { return m_kind; }
    [[nodiscard]] bool pinned() const { return m_pinned; }
    [[nodiscard]] std::size_t degree() const { return m_degree; }
    // Which labels win when they would overlap: search matches and selected nodes, then
    // seeds, then expanded and "+N more" nodes, then by degree (hubs before leaves).
    // Higher wins.
    [[nodiscard]] qint64 labelRank() const;
    // The label as a child item (ignores the view's scale), for measuring on screen.
    [[nodiscard]] QGraphicsItem* labelItem() const { return m_labelItem; }
    // Where the label would be drawn, in the coordinates `viewportTransform` maps the
    // scene to (a view's viewport pixels), below the node or above it.
    [[nodiscard]] QRectF labelRect(const QTransform& viewportTransform, bool above) const;
    // Set by the decluttering pass; a hovered node shows its label anyway.
    void setLabelShown(bool shown);
    void setLabelAbove(bool above);
    [[nodiscard]] bool labelAbove() const { return m_labelAbove; }
    [[nodiscard]] bool labelShown() const { return m_labelShown; }
    void setPinned(bool pinned);
    // Search highlighting: marked items get a halo, dimmed ones fade.
    void setHighlight(bool marked, bool dimmed);
    void addEdge(GraphEdgeItem* edge) { m_edges.push_back(edge); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Called when the user finished dragging the node (it becomes pinned).
    std::function<void(GraphNodeItem*)> onDragged;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void updateLabelVisibility();

    QString m_id;
    QString m_label;
    graph::NodeKind m_kind;
    bool m_seed = false;
    bool m_expanded = false;
    bool m_pinned = false;
    bool m_marked = false;
    bool m_labelShown = true;
    bool m_labelAbove = false;
    bool m_hovered = false;
    std::size_t m_degree = 0;
    qreal m_size = 16;
    QGraphicsItem* m_labelItem = nullptr;  // child, owned by this item
    QPointF m_pressPos;
    std::vector<GraphEdgeItem*> m_edges;
};

}  // namespace tapir::views
