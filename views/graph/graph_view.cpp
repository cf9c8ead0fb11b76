// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_view.h"

#include <QContextMenuEvent>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QHash>
#include <QMouseEvent>
#include <QPalette>
#include <QTimer>
#include <QWheelEvent>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <vector>

#include "graph/graph_node_item.h"
#include "graph/graph_style.h"

namespace tapir::views {

namespace {

// Rects (in viewport pixels) bucketed by a coarse grid, so that asking whether a rect is
// free costs the rects near it, not all of them.
class RectGrid {
public:
    void insert(const QRectF& rect, int owner) {
        const auto index = static_cast<int>(m_rects.size());
        m_rects.push_back({rect, owner});
        forCells(rect, [&](qint64 cell) {
            m_cells[cell].push_back(index);
            return false;
        });
    }
    // Whether `rect` intersects a rect of another owner.
    [[nodiscard]] bool intersects(const QRectF& rect, int owner) const {
        return forCells(rect, [&](qint64 cell) {
            const auto it = m_cells.constFind(cell);
            if (it == m_cells.constEnd())
                return false;
            return std::any_of(it->begin(), it->end(), [&](int i) {
                const auto& [r, o] = m_rects[static_cast<std::size_t>(i)];
                return o != owner && r.intersects(rect);
            });
        });
    }

private:
    static constexpr qreal kCell = 64;
    // Calls `f` for each cell `rect` touches until it returns true; returns whether it did.
    template <typename F>
    static bool forCells(const QRectF& rect, F&& f) {
        const auto x0 = static_cast<qint64>(std::floor(rect.left() / kCell));
        const auto x1 = static_cast<qint64>(std::floor(rect.right() / kCell));
        const auto y0 = static_cast<qint64>(std::floor(rect.top() / kCell));
        const auto y1 = static_cast<qint64>(std::floor(rect.bottom() / kCell));
        for (qint64 y = y0; y <= y1; ++y) {
            for (qint64 x = x0; x <= x1; ++x) {
                if (f((y << 32) ^ (x & 0xffffffff)))
                    return true;
            }
        }
        return false;
    }

    std::vector<std::pair<QRectF, int>> m_rects;
    QHash<qint64, std::vector<int>> m_cells;
};

}  // namespace

GraphView::GraphView(QGraphicsScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), m_declutterTimer(new QTimer(this)) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    m_declutterTimer->setSingleShot(true);
    m_declutterTimer->setInterval(30);
    connect(m_declutterTimer, &QTimer::timeout, this, &GraphView::declutterLabels);
    applyPalette();
}

void GraphView::applyPalette() {
    // The scene carries the palette so that exports (rendered without a view) match.
    // Every role as the view has it: a palette whose roles are merely inherited would be
    // resolved against the application's by QGraphicsScene::setPalette.
    QPalette own = palette();
    own.setResolveMask(~QPalette::ResolveMask(0));
    scene()->setPalette(own);
    scene()->setBackgroundBrush(graphColours(palette()).background);
    scene()->update();
}

void GraphView::changeEvent(QEvent* event) {
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

QRectF GraphView::labelRect(const GraphNodeItem* node) const {
    return node->labelRect(viewportTransform(), node->labelAbove());
}

void GraphView::scheduleDeclutter() {
    m_declutterTimer->start();
}

void GraphView::declutterLabels() {
    m_declutterTimer->stop();
    std::vector<GraphNodeItem*> nodes;
    for (QGraphicsItem* item : scene()->items()) {
        if (auto* node = dynamic_cast<GraphNodeItem*>(item); node && node->isVisible())
            nodes.push_back(node);
    }
    // Rank, then id, so that equal ranks resolve the same way every time.
    std::sort(nodes.begin(), nodes.end(), [](const GraphNodeItem* a, const GraphNodeItem* b) {
        const qint64 ra = a->labelRank();
        const qint64 rb = b->labelRank();
        return ra != rb ? ra > rb : a->nodeId() < b->nodeId();
    });
    // Obstacles: every node's shape, then each label placed. A label may not cover another
    // node, nor a label placed before it; it goes below its node, else above, else hides.
    const QTransform toViewport = viewportTransform();
    RectGrid taken;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const QRectF shape =
            nodes[i]->deviceTransform(toViewport).mapRect(nodes[i]->shape().boundingRect());
        taken.insert(shape, static_cast<int>(i));
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const int owner = static_cast<int>(i);
        bool shown = false;
        for (const bool above : {false, true}) {  // below the node if there is room
            const QRectF rect = nodes[i]->labelRect(toViewport, above);
            if (!taken.intersects(rect, owner)) {
                taken.insert(rect, owner);
                nodes[i]->setLabelAbove(above);
                shown = true;
                break;
            }
        }
        nodes[i]->setLabelShown(shown);
    }
}

void GraphView::fit() {
    QRectF bounds;
    for (QGraphicsItem* item : scene()->items()) {
        // Labels keep their pixel size at any zoom, so their scene rect means little.
        if (item->isVisible() && item->parentItem() == nullptr)
            bounds |= item->sceneBoundingRect();
    }
    if (bounds.isEmpty())
        return;
    // Labels keep their pixel size: leave that much room for those of the outermost nodes.
    fitInView(bounds, Qt::KeepAspectRatio);
    const qreal scale = std::clamp(transform().m11(), 0.02, 1.5);
    fitInView(bounds.adjusted(-70 / scale, -20 / scale, 70 / scale, 30 / scale),
              Qt::KeepAspectRatio);
    if (transform().m11() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
    centerOn(bounds.center());
    declutterLabels();
}

void GraphView::zoomBy(qreal factor) {
    const qreal current = transform().m11();
    const qreal next = std::clamp(current * factor, 0.02, 8.0);
    scale(next / current, next / current);
    scheduleDeclutter();
}

GraphNodeItem* GraphView::nodeAt(const QPoint& viewPos) const {
    for (QGraphicsItem* item : items(viewPos)) {
        if (auto* node = dynamic_cast<GraphNodeItem*>(item))
            return node;
        if (auto* node = dynamic_cast<GraphNodeItem*>(item->parentItem()))
            return node;  // its label
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
