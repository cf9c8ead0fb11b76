// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QGraphicsView>

namespace tapir::views {

class GraphNodeItem;

// The canvas of the graph: wheel zooms around the cursor, dragging the background pans,
// dragging a node moves (and pins) it, double-click and the context menu report the node
// under the cursor. GUI thread only.
class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QGraphicsScene* scene, QWidget* parent = nullptr);

    // Fits the visible items, never zooming in beyond 1.5x.
    void fit();
    void zoomBy(qreal factor);
    [[nodiscard]] GraphNodeItem* nodeAt(const QPoint& viewPos) const;

Q_SIGNALS:
    void nodeDoubleClicked(tapir::views::GraphNodeItem* node);
    // node is nullptr on the background.
    void contextMenuRequested(tapir::views::GraphNodeItem* node, const QPoint& globalPos);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
};

}  // namespace tapir::views
