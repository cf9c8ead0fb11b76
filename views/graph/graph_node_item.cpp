// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_node_item.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QObject>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include "graph/graph_edge_item.h"
#include "graph/graph_style.h"
#include "records/record_table_model.h"

namespace tapir::views {

namespace {

constexpr qreal kLabelGap = 3;      // scene units between the node and its label
constexpr qreal kLabelPadding = 2;  // pixels around the label's text

QFont labelFont() {
    QFont f;
    f.setPointSizeF(8);
    return f;
}

// A node's label: drawn at the same size on screen whatever the zoom (it ignores the
// view's transformations), centred below its node, on a translucent patch of the
// background so that edges crossing it do not garble the text.
class GraphLabelItem : public QGraphicsItem {
public:
    GraphLabelItem(const QString& text, QGraphicsItem* parent)
        : QGraphicsItem(parent), m_text(text) {
        setFlag(ItemIgnoresTransformations);
        setAcceptedMouseButtons(Qt::NoButton);
        const QFontMetricsF fm(labelFont());
        const qreal w = fm.horizontalAdvance(m_text) + 2 * kLabelPadding;
        m_rect = QRectF(-w / 2, 0, w, fm.height() + kLabelPadding);
    }

    QRectF boundingRect() const override { return m_rect; }
    // The label hangs below its anchor, or stands on it.
    void setAbove(bool above) {
        prepareGeometryChange();
        m_rect.moveTop(above ? -m_rect.height() : 0);
    }
    // A hovered node's label covers the labels it overlaps completely.
    void setOpaque(bool opaque) {
        m_opaque = opaque;
        update();
    }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
        const GraphColours& colours = graphColours(scene()->palette());
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_opaque ? colours.background : colours.labelBackground);
        painter->drawRoundedRect(m_rect, 3, 3);
        painter->setFont(labelFont());
        painter->setPen(colours.text);
        const QFontMetricsF fm(labelFont());
        painter->drawText(
            QPointF(m_rect.left() + kLabelPadding, m_rect.top() + fm.ascent() + kLabelPadding / 2),
            m_text);
    }

private:
    QString m_text;
    QRectF m_rect;
    bool m_opaque = false;
};

}  // namespace

GraphNodeItem::GraphNodeItem(const graph::Node& node, std::size_t degree)
    : m_id(QString::fromStdString(node.id)),
      // Names as everywhere in the GUI: Unicode beside punycode, hidden characters escaped.
      m_label(visibleText(displayName(node.label))),
      m_kind(node.kind),
      m_seed(node.seed),
      m_expanded(node.expanded),
      m_degree(degree) {
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
    m_labelItem = new GraphLabelItem(m_label, this);  // m_labelItem's only type
    m_labelItem->setPos(0, m_size / 2 + kLabelGap);
}

qint64 GraphNodeItem::labelRank() const {
    // A "+N more" label says the hub was sampled: as telling as an expanded node.
    const bool telling = m_expanded || m_kind == graph::NodeKind::More;
    const qint64 tier = (m_marked || isSelected()) ? 3 : m_seed ? 2 : telling ? 1 : 0;
    return (tier << 32) + static_cast<qint64>(std::min<std::size_t>(m_degree, 0xffffffffu));
}

void GraphNodeItem::setLabelShown(bool shown) {
    m_labelShown = shown;
    updateLabelVisibility();
}

QRectF GraphNodeItem::labelRect(const QTransform& viewportTransform, bool above) const {
    const qreal offset = m_size / 2 + kLabelGap;
    const QPointF anchor =
        deviceTransform(viewportTransform).map(QPointF(0, above ? -offset : offset));
    QRectF rect = m_labelItem->boundingRect();
    rect.moveTop(above ? -rect.height() : 0);
    return rect.translated(anchor);
}

void GraphNodeItem::setLabelAbove(bool above) {
    if (above == m_labelAbove)
        return;
    m_labelAbove = above;
    const qreal offset = m_size / 2 + kLabelGap;
    m_labelItem->setPos(0, above ? -offset : offset);
    static_cast<GraphLabelItem*>(m_labelItem)->setAbove(above);
}

void GraphNodeItem::updateLabelVisibility() {
    m_labelItem->setVisible(m_labelShown || m_hovered);
    static_cast<GraphLabelItem*>(m_labelItem)->setOpaque(m_hovered);
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
    // The widest shape ("+N more", 1.6 times its size) with the selection halo around it
    // (size + 4, a 5 px pen); the pin mark lies inside that too.
    const qreal half = 0.8 * (m_size + 4) + 4;
    return QRectF(-half, -half, 2 * half, 2 * half);
}

QPainterPath GraphNodeItem::shape() const {
    return nodeShape(m_kind, m_size + 4);
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const GraphColours& colours = graphColours(scene()->palette());
    painter->setRenderHint(QPainter::Antialiasing);
    const QPainterPath outline = nodeShape(m_kind, m_size);
    if (m_marked || (option->state & QStyle::State_Selected)) {
        QPen halo(m_marked ? colours.mark : colours.selection, 5);
        halo.setJoinStyle(Qt::RoundJoin);
        painter->strokePath(nodeShape(m_kind, m_size + 4), halo);
    }
    // Expanded nodes are solid; the others are tinted towards the background with a
    // full-colour outline, which reads as "more behind this" on light and dark alike.
    const QColor colour = colours.node(m_kind);
    QColor fill = colour;
    QPen border(colours.dark ? colour.lighter(150) : colour.darker(160), 1);
    if (m_kind != graph::NodeKind::More && !m_expanded) {
        const auto mix = [](float a, float b) { return a * 0.55f + b * 0.45f; };
        fill = QColor::fromRgbF(mix(colour.redF(), colours.background.redF()),
                                mix(colour.greenF(), colours.background.greenF()),
                                mix(colour.blueF(), colours.background.blueF()));
        border = QPen(colour, 1.5);
    }
    if (m_seed)
        border = QPen(colours.accent, 2.5);
    painter->fillPath(outline, fill);
    painter->strokePath(outline, border);
    if (m_pinned) {
        painter->setBrush(colours.accent);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(QPointF(m_size / 2, -m_size / 2), 2.5, 2.5);
    }
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

void GraphNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    m_hovered = true;
    setZValue(1);  // the label on top of its neighbours'
    updateLabelVisibility();
    QGraphicsItem::hoverEnterEvent(event);
}

void GraphNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    m_hovered = false;
    setZValue(0);
    updateLabelVisibility();
    QGraphicsItem::hoverLeaveEvent(event);
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
