// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QWidget>

#include <memory>

#include "timeline/timeline.h"

namespace tapir::views {

// Activity strips of a timeline on a shared date axis: one row per lane, a mark per bucket
// with observations, first/last markers, counts in tooltips; horizontal zoom (rubber band,
// wheel, zoomTime) and pan (drag with the middle button, panTime). Follows the application
// palette. The only class that uses Qt Charts (deprecated upstream since Qt 6.10), which
// stays inside its .cpp. GUI thread only.
class TimelineChart : public QWidget {
    Q_OBJECT
public:
    explicit TimelineChart(QWidget* parent = nullptr);
    ~TimelineChart() override;

    void setTimeline(const timeline::Timeline& timeline);
    [[nodiscard]] int laneCount() const;

    // factor > 1 zooms in around the centre; fraction of the visible span to the right.
    void zoomTime(double factor);
    void panTime(double fraction);
    void resetZoom();
    // Visible time range (Unix seconds).
    [[nodiscard]] std::pair<qint64, qint64> visibleRange() const;

    [[nodiscard]] bool exportPng(const QString& path) const;
    [[nodiscard]] bool exportSvg(const QString& path) const;
    // The lane drawn at a point of this widget, or -1.
    [[nodiscard]] int laneAt(const QPoint& pos) const;
    // Where lane `lane`'s row is drawn at time `time` (for tests and tooltips).
    [[nodiscard]] QPoint positionOf(int lane, qint64 time) const;

Q_SIGNALS:
    void laneClicked(int lane);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
    void applyPalette();
    void showToolTip(const QPoint& viewportPos);
};

}  // namespace tapir::views
