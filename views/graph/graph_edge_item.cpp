// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_edge_item.h"

#include <QDateTime>
#include <QObject>

#include "graph/graph_node_item.h"
#include "graph/graph_style.h"

namespace tapir::views {

namespace {
QString utc(std::int64_t t) {
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
}  // namespace

GraphEdgeItem::GraphEdgeItem(const graph::Edge& edge, std::size_t index, GraphNodeItem* source,
                             GraphNodeItem* target)
    : m_index(index), m_type(edge.type), m_source(source), m_target(target) {
    setPen(edgePen(edge.type));
    setZValue(-1);
    setAcceptedMouseButtons(Qt::NoButton);
    QString tip =
        QStringLiteral("%1 → %2\n%3")
            .arg(source->label(), target->label(),
                 QString::fromUtf8(graph::edgeTypeName(edge.type).data(),
                                   static_cast<qsizetype>(graph::edgeTypeName(edge.type).size())));
    if (graph::isRecordEdge(edge.type)) {
        tip += QObject::tr("\nfirst seen %1\nlast seen %2\nseen %L3 times")
                   .arg(utc(edge.firstSeen), utc(edge.lastSeen))
                   .arg(edge.count);
    }
    setToolTip(tip);
    adjust();
}

void GraphEdgeItem::adjust() {
    setLine(QLineF(m_source->pos(), m_target->pos()));
}

void GraphEdgeItem::setHighlighted(bool on) {
    QPen pen = edgePen(m_type);
    if (on) {
        pen.setColor(QColor(0xd0, 0x20, 0x20));
        pen.setWidthF(3);
        pen.setStyle(Qt::SolidLine);
    }
    setPen(pen);
    setZValue(on ? -0.5 : -1);
}

}  // namespace tapir::views
