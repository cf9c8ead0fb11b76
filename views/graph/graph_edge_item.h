// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QGraphicsLineItem>

#include "graph/graph.h"

namespace tapir::views {

class GraphNodeItem;

// One edge of the relationship graph: a line between two node items, styled by type in
// the colours of the scene's palette (GraphColours), with its type, first/last seen and
// count as tooltip. Owned by the scene; GUI thread only.
class GraphEdgeItem : public QGraphicsLineItem {
public:
    GraphEdgeItem(const graph::Edge& edge, std::size_t index, GraphNodeItem* source,
                  GraphNodeItem* target);

    [[nodiscard]] std::size_t edgeIndex() const { return m_index; }
    [[nodiscard]] graph::EdgeType edgeType() const { return m_type; }
    [[nodiscard]] GraphNodeItem* source() const { return m_source; }
    [[nodiscard]] GraphNodeItem* target() const { return m_target; }
    // Follows the end points after a node moved.
    void adjust();
    void setHighlighted(bool on);
    [[nodiscard]] bool highlighted() const { return m_highlighted; }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::size_t m_index;
    graph::EdgeType m_type;
    GraphNodeItem* m_source;
    GraphNodeItem* m_target;
    bool m_highlighted = false;
};

}  // namespace tapir::views
