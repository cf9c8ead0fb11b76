// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_node_item.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QObject>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include "graph/graph_edge_item.h"
#include "graph/graph_style.h"

namespace tapir::views {

namespace {
constexpr qreal kLabelGap = 3;
QFont labelFont() {
    QFont f;
    f.setPointSizeF(7.5);
    return f;
}
}  // namespace

GraphNodeItem::GraphNodeItem(const graph::Node& node, std::size_t degree)
    : m_id(QString::fromStdString(node.id)),
      m_label(QString::fromStdString(node.label)),
      m_kind(node.kind),
      m_seed(node.seed),
      m_expanded(node.expanded) {
    // Hubs draw larger: a few steps by degree, not proportional (a 40,000-domain nameserver
    // would cover the view).
    m_size = 14 + std::min<qreal>(12, 3 * std::log2(static_cast<qreal>(degree) + 1));
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    QString tip = QStringLiteral("%1\n%2").arg(m_label, kindTitle(m_kind));
    if (node.kind == graph::NodeKind::More) {
        tip += QObject::tr("\nDouble-click to show the next page");
    } else if (node.neighbourCount) {
        tip += QObject::tr("\n%L1%2 neighbours in the store")
                   .arg(*node.neighbourCount)
                   .arg(node.neighbourCountCapped ? QStringLiteral("+") : QString());
        if (!node.expanded)
            tip += QObject::tr(" (double-click to expand)");
    }
    if (node.seed)
        tip += QObject::tr("\nseed");
    setToolTip(tip);
}

void GraphNodeItem::setPinned(bool pinned) {
    m_pinned = pinned;
    update();
}

void GraphNodeItem::setHighlight(bool marked, bool dimmed) {
    m_marked = marked;
    setOpacity(dimmed ? 0.2 : 1.0);
    for (auto* e : m_edges) {
        const bool edgeDimmed = e->source()->opacity() < 1 || e->target()->opacity() < 1;
        e->setOpacity(edgeDimmed ? 0.15 : 1.0);
    }
    update();
}

QRectF GraphNodeItem::boundingRect() const {
    const QFontMetricsF fm(labelFont());
    const qreal w = std::max(m_size * 1.8, fm.horizontalAdvance(m_label) + 4);
    const qreal halo = m_size * 0.5 + 4;
    return QRectF(-w / 2, -m_size / 2 - halo, w, m_size + halo * 2 + fm.height() + kLabelGap);
}

QPainterPath GraphNodeItem::shape() const {
    return nodeShape(m_kind, m_size + 4);
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    const QPainterPath outline = nodeShape(m_kind, m_size);
    if (m_marked || (option->state & QStyle::State_Selected)) {
        QPen halo(m_marked ? QColor(0xff, 0xd0, 0x00) : QColor(0x30, 0x80, 0xff), 5);
        halo.setJoinStyle(Qt::RoundJoin);
        painter->strokePath(nodeShape(m_kind, m_size + 4), halo);
    }
    QColor fill = nodeColour(m_kind);
    if (m_kind != graph::NodeKind::More && !m_expanded)
        fill = fill.lighter(125);
    painter->fillPath(outline, fill);
    QPen border(m_seed ? QColor(0xc0, 0x00, 0x00) : fill.darker(160), m_seed ? 2.5 : 1);
    painter->strokePath(outline, border);
    if (m_pinned) {
        painter->setBrush(QColor(0xc0, 0x00, 0x00));
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(QPointF(m_size / 2, -m_size / 2), 2.5, 2.5);
    }
    // Labels: skip them when zoomed far out, they would only be noise.
    const qreal scale = option->levelOfDetailFromTransform(painter->worldTransform());
    if (scale < 0.35)
        return;
    painter->setFont(labelFont());
    painter->setPen(QColor(0x20, 0x20, 0x20));
    const QFontMetricsF fm(labelFont());
    const qreal w = fm.horizontalAdvance(m_label);
    painter->drawText(QPointF(-w / 2, m_size / 2 + kLabelGap + fm.ascent()), m_label);
}

QVariant GraphNodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged) {
        for (auto* e : m_edges)
            e->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

void GraphNodeItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_pressPos = pos();
    QGraphicsItem::mousePressEvent(event);
}

void GraphNodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    QGraphicsItem::mouseReleaseEvent(event);
    if (pos() != m_pressPos) {
        setPinned(true);
        if (onDragged)
            onDragged(this);
    }
}

}  // namespace tapir::views
