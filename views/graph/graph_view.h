// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QGraphicsView>

class QTimer;

namespace tapir::views {

class GraphNodeItem;

// The canvas of the graph: wheel zooms around the cursor, dragging the background pans,
// dragging a node moves (and pins) it, double-click and the context menu report the node
// under the cursor. Hands its palette to the scene, whose items draw in its colours (see
// GraphColours), and keeps node labels from piling up (declutterLabels). GUI thread only.
class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QGraphicsScene* scene, QWidget* parent = nullptr);

    // Fits the visible items, never zooming in beyond 1.5x.
    void fit();
    void zoomBy(qreal factor);
    [[nodiscard]] GraphNodeItem* nodeAt(const QPoint& viewPos) const;

    // Labels keep their size on screen, so zoomed out they would overlap in dense fans.
    // This places the labels of the highest-ranked nodes first (GraphNodeItem::labelRank),
    // below or else above their node, and hides each label that would overlap a node or a
    // label already placed; zooming in makes room for more, hovering a node shows its own. Runs
    // after zooming; call scheduleDeclutter() when nodes moved, appeared, were hidden or were
    // (de)selected.
    void declutterLabels();
    void scheduleDeclutter();
    // Where a node's label is drawn, in viewport pixels.
    [[nodiscard]] QRectF labelRect(const GraphNodeItem* node) const;

Q_SIGNALS:
    void nodeDoubleClicked(tapir::views::GraphNodeItem* node);
    // node is nullptr on the background.
    void contextMenuRequested(tapir::views::GraphNodeItem* node, const QPoint& globalPos);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QTimer* m_declutterTimer;
};

}  // namespace tapir::views
