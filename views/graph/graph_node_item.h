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

// One node of the relationship graph in a QGraphicsScene: a shape and colour by kind, the
// label beside it, a pin mark when the user dragged it. Movable and selectable; moving it
// drags its edges along. Owned by the scene; GUI thread only.
class GraphNodeItem : public QGraphicsItem {
public:
    GraphNodeItem(const graph::Node& node, std::size_t degree);

    [[nodiscard]] const QString& nodeId() const { return m_id; }
    [[nodiscard]] const QString& label() const { return m_label; }
    [[nodiscard]] graph::NodeKind kind() const { return m_kind; }
    [[nodiscard]] bool pinned() const { return m_pinned; }
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

private:
    QString m_id;
    QString m_label;
    graph::NodeKind m_kind;
    bool m_seed = false;
    bool m_expanded = false;
    bool m_pinned = false;
    bool m_marked = false;
    qreal m_size = 16;
    QPointF m_pressPos;
    std::vector<GraphEdgeItem*> m_edges;
};

}  // namespace tapir::views
