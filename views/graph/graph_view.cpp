// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_view.h"

#include <QContextMenuEvent>
#include <QGraphicsItem>
#include <QMouseEvent>
#include <QWheelEvent>
#include <QtMath>

#include "graph/graph_node_item.h"

namespace tapir::views {

GraphView::GraphView(QGraphicsScene* scene, QWidget* parent) : QGraphicsView(scene, parent) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setBackgroundBrush(QColor(0xfb, 0xfb, 0xf8));
}

void GraphView::fit() {
    QRectF bounds;
    for (QGraphicsItem* item : scene()->items()) {
        if (item->isVisible())
            bounds |= item->sceneBoundingRect();
    }
    if (bounds.isEmpty())
        return;
    fitInView(bounds.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    if (transform().m11() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
    centerOn(bounds.center());
}

void GraphView::zoomBy(qreal factor) {
    const qreal current = transform().m11();
    const qreal next = std::clamp(current * factor, 0.02, 8.0);
    scale(next / current, next / current);
}

GraphNodeItem* GraphView::nodeAt(const QPoint& viewPos) const {
    for (QGraphicsItem* item : items(viewPos)) {
        if (auto* node = dynamic_cast<GraphNodeItem*>(item))
            return node;
    }
    return nullptr;
}

void GraphView::wheelEvent(QWheelEvent* event) {
    zoomBy(qPow(1.15, event->angleDelta().y() / 120.0));
    event->accept();
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (auto* node = nodeAt(event->position().toPoint())) {
        Q_EMIT nodeDoubleClicked(node);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphView::contextMenuEvent(QContextMenuEvent* event) {
    Q_EMIT contextMenuRequested(nodeAt(event->pos()), event->globalPos());
    event->accept();
}

}  // namespace tapir::views
