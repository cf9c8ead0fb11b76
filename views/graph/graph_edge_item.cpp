// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_edge_item.h"

#include <QDateTime>
#include <QGraphicsScene>
#include <QObject>
#include <QPainter>
#include <QPalette>

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
    // The pen's width sizes the bounding rect; paint() takes the colours from the palette.
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
    m_highlighted = on;
    QPen pen = this->pen();
    pen.setWidthF(on ? 3 : edgePen(m_type).widthF());
    setPen(pen);
    setZValue(on ? -0.5 : -1);
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const GraphColours& colours = graphColours(scene()->palette());
    QPen pen = colours.edge(m_type);
    if (m_highlighted) {
        pen.setColor(colours.accent);
        pen.setWidthF(3);
        pen.setStyle(Qt::SolidLine);
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen);
    painter->drawLine(line());
}

}  // namespace tapir::views
