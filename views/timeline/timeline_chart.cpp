// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Drawing: Qt Charts provides the frame, the date axis, the lane axis, the legend and
// zooming; the strips themselves are painted by one QGraphicsItem on the chart's scene
// (StripItem), which maps bucket times and lane rows through the current axis ranges. A
// scatter series per bucket costs about 0.15 ms per point to build and paint (6 s for 1,000
// lanes of 40 buckets), far from the 300 ms goal; painting rectangles directly costs
// microseconds. One invisible anchor series carries the axes (mapToValue needs a series);
// empty series per record type give the legend its entries. Lane i is row n-1-i, so the
// first lane is on top; row r is centred on value r.
#include "timeline/timeline_chart.h"

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QGraphicsObject>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

namespace tapir::views {

namespace {

constexpr int kMaxLabelledLanes = 60;

// Axis labels come from the axis in local time (Qt 6.4's QDateTimeAxis has no time zone);
// the events list and tooltips are in UTC like the rest of Tapir.
QDateTime utc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QColor typeColor(const std::string& type, bool dark) {
    QColor c;
    if (type == "A")
        c = QColor(0x1f, 0x77, 0xb4);
    else if (type == "AAAA")
        c = QColor(0x9a, 0x4d, 0xc8);
    else if (type == "CNAME")
        c = QColor(0x2c, 0xa0, 0x2c);
    else if (type == "NS")
        c = QColor(0xe6, 0x7e, 0x22);
    else
        c = QColor(0x17, 0x9c, 0xa8);
    return dark ? c.lighter(135) : c;
}

// Paints every lane's buckets as rectangles (opacity by count relative to the lane's
// busiest bucket) and its first/last markers, clipped to the plot area, mapping times and
// rows through the axes' current ranges.
class StripItem final : public QGraphicsObject {
public:
    StripItem(QChart* chart, QDateTimeAxis* time)
        : QGraphicsObject(chart), m_chart(chart), m_time(time) {
        setZValue(10);
        setAcceptedMouseButtons(Qt::NoButton);
    }
    void setLanes(const timeline::Timeline* timeline, bool dark, QColor marker) {
        m_timeline = timeline;
        m_dark = dark;
        m_marker = marker;
        update();
    }
    QRectF boundingRect() const override { return m_chart->plotArea(); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
        if (m_timeline == nullptr || m_timeline->lanes.empty())
            return;
        const QRectF plot = m_chart->plotArea();
        painter->save();
        painter->setClipRect(plot);
        const double t0 = static_cast<double>(m_time->min().toMSecsSinceEpoch()) / 1000;
        const double t1 = static_cast<double>(m_time->max().toMSecsSinceEpoch()) / 1000;
        const int n = static_cast<int>(m_timeline->lanes.size());
        const double rowHeight = plot.height() / n;
        const double xScale = plot.width() / std::max(t1 - t0, 1e-9);
        const double bucketWidth =
            std::max(static_cast<double>(m_timeline->bucketSeconds) * xScale, 2.0);
        const double strip = std::max(rowHeight * 0.6, 1.0);
        const auto x = [&](std::int64_t t) {
            return plot.left() + (static_cast<double>(t) - t0) * xScale;
        };
        painter->setPen(Qt::NoPen);
        for (int i = 0; i < n; ++i) {
            const auto& lane = m_timeline->lanes[static_cast<std::size_t>(i)];
            const double yMid = plot.top() + (i + 0.5) * rowHeight;
            QColor color = typeColor(lane.type, m_dark);
            std::uint64_t busiest = 1;
            for (const auto& b : lane.buckets)
                busiest = std::max(busiest, b.count);
            for (const auto& b : lane.buckets) {
                const double left = x(b.start);
                if (left > plot.right() || left + bucketWidth < plot.left())
                    continue;
                color.setAlpha(static_cast<int>(110 + 145 * b.count / busiest));
                painter->fillRect(QRectF(left, yMid - strip / 2, bucketWidth, strip), color);
            }
            if (rowHeight >= 4) {
                // First and last: small triangles pointing at the lane's two ends.
                const double h = std::min(strip, 10.0);
                const double l = x(lane.first);
                const double r = x(lane.last) + bucketWidth;
                painter->setBrush(m_marker);
                const QPointF first[3] = {
                    {l, yMid}, {l - h * 0.7, yMid - h / 2}, {l - h * 0.7, yMid + h / 2}};
                const QPointF last[3] = {
                    {r, yMid}, {r + h * 0.7, yMid - h / 2}, {r + h * 0.7, yMid + h / 2}};
                painter->drawPolygon(first, 3);
                painter->drawPolygon(last, 3);
            }
        }
        painter->restore();
    }
    void refresh() {
        prepareGeometryChange();
        update();
    }

private:
    QChart* m_chart;
    QDateTimeAxis* m_time;
    const timeline::Timeline* m_timeline = nullptr;
    bool m_dark = false;
    QColor m_marker;
};

}  // namespace

struct TimelineChart::Private {
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QDateTimeAxis* timeAxis = nullptr;
    QAbstractAxis* laneAxis = nullptr;
    std::map<std::string, QScatterSeries*> series;  // empty, for the legend; by type
    QScatterSeries* markers = nullptr;              // invisible anchor of the axes
    StripItem* strips = nullptr;
    timeline::Timeline timeline;
    qint64 minMs = 0;
    qint64 maxMs = 1;
    QPoint pressPos;
    bool panning = false;
};

TimelineChart::TimelineChart(QWidget* parent) : QWidget(parent), d(std::make_unique<Private>()) {
    d->chart = new QChart();
    d->chart->legend()->setAlignment(Qt::AlignBottom);
    d->chart->setMargins(QMargins(4, 4, 4, 4));
    d->view = new QChartView(d->chart, this);
    d->view->setRenderHint(QPainter::Antialiasing, false);
    d->view->setRubberBand(QChartView::HorizontalRubberBand);
    d->view->viewport()->installEventFilter(this);
    d->view->viewport()->setMouseTracking(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
    applyPalette();
}

TimelineChart::~TimelineChart() = default;

int TimelineChart::laneCount() const {
    return static_cast<int>(d->timeline.lanes.size());
}

void TimelineChart::setTimeline(const timeline::Timeline& timeline) {
    d->timeline = timeline;
    QChart* chart = d->chart;
    delete d->strips;  // it refers to the axes removed below
    d->strips = nullptr;
    chart->removeAllSeries();  // deletes them
    d->series.clear();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const auto& lanes = d->timeline.lanes;
    const qint64 widthMs = d->timeline.bucketSeconds * 1000;
    qint64 minMs = std::numeric_limits<qint64>::max();
    qint64 maxMs = std::numeric_limits<qint64>::min();
    std::map<std::string, int> points;  // record types present, for the legend
    const int n = static_cast<int>(lanes.size());
    for (int i = 0; i < n; ++i) {
        const auto& lane = lanes[static_cast<std::size_t>(i)];
        points[lane.type];
        minMs = std::min<qint64>(minMs, lane.first * 1000);
        maxMs = std::max<qint64>(maxMs, lane.last * 1000 + widthMs);
    }
    if (n == 0) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        minMs = now - 86400000;
        maxMs = now;
    }
    // A little air at both ends so first/last markers are not on the frame.
    const qint64 pad = std::max<qint64>((maxMs - minMs) / 40, widthMs / 2 + 1);
    d->minMs = minMs - pad;
    d->maxMs = maxMs + pad;

    d->timeAxis = new QDateTimeAxis();
    d->timeAxis->setFormat(d->timeline.bucketSeconds % 86400 == 0 ? "yyyy-MM-dd" : "HH:mm:ss");
    d->timeAxis->setTickCount(5);
    d->timeAxis->setRange(utc(d->minMs), utc(d->maxMs));
    chart->addAxis(d->timeAxis, Qt::AlignBottom);
    if (n <= kMaxLabelledLanes && n > 0) {
        auto* axis = new QCategoryAxis();
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
        for (int i = n - 1; i >= 0; --i) {
            const auto& lane = lanes[static_cast<std::size_t>(i)];
            QString label = QString::fromStdString(lane.type + " " + lane.label);
            if (d->timeline.kind == timeline::SubjectKind::Name &&
                lane.entity != d->timeline.subject) {
                label = QString::fromStdString(lane.entity) + ": " + label;
            }
            if (lane.members > 1)
                label += QStringLiteral(" (%1)").arg(lane.members);
            if (label.size() > 48)
                label = label.left(47) + QChar(0x2026);
            // Category labels must be unique: the row number disambiguates equal labels.
            while (axis->categoriesLabels().contains(label))
                label += QChar(0x200b);
            axis->append(label, n - 1 - i + 0.5);
        }
        axis->setStartValue(-0.5);
        axis->setRange(-0.5, n - 0.5);
        d->laneAxis = axis;
    } else {
        auto* axis = new QValueAxis();
        axis->setRange(-0.5, std::max(n, 1) - 0.5);
        axis->setLabelsVisible(false);
        axis->setTickCount(2);
        d->laneAxis = axis;
    }
    chart->addAxis(d->laneAxis, Qt::AlignLeft);

    for (const auto& [type, list] : points) {
        (void)list;
        auto* legend = new QScatterSeries();
        legend->setName(QString::fromStdString(
            d->timeline.kind == timeline::SubjectKind::Address ? "names (" + type + ")" : type));
        legend->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        legend->setMarkerSize(9);
        legend->setBorderColor(Qt::transparent);
        chart->addSeries(legend);
        legend->attachAxis(d->timeAxis);
        legend->attachAxis(d->laneAxis);
        d->series[type] = legend;
    }
    d->markers = new QScatterSeries();
    d->markers->setName(tr("first / last"));
    d->markers->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    d->markers->setMarkerSize(9);
    d->markers->setBorderColor(Qt::transparent);
    // Two points only so the series has a range; drawn transparent.
    d->markers->append(QPointF(static_cast<double>(d->minMs), -10.0));
    chart->addSeries(d->markers);
    d->markers->attachAxis(d->timeAxis);
    d->markers->attachAxis(d->laneAxis);
    d->strips = new StripItem(chart, d->timeAxis);
    connect(d->timeAxis, &QDateTimeAxis::rangeChanged, d->strips, [this] { d->strips->refresh(); });
    connect(chart, &QChart::plotAreaChanged, d->strips, [this] { d->strips->refresh(); });
    applyPalette();
}

void TimelineChart::zoomTime(double factor) {
    const auto [from, to] = visibleRange();
    const double mid = (static_cast<double>(from) + static_cast<double>(to)) / 2;
    const double half = (static_cast<double>(to - from) * 1000) / 2 / factor;
    d->timeAxis->setRange(utc(static_cast<qint64>(mid * 1000 - half)),
                          utc(static_cast<qint64>(mid * 1000 + half)));
}

void TimelineChart::panTime(double fraction) {
    const qint64 from = d->timeAxis->min().toMSecsSinceEpoch();
    const qint64 to = d->timeAxis->max().toMSecsSinceEpoch();
    const auto shift = static_cast<qint64>(static_cast<double>(to - from) * fraction);
    d->timeAxis->setRange(utc(from + shift), utc(to + shift));
}

void TimelineChart::resetZoom() {
    if (d->timeAxis == nullptr)
        return;
    d->timeAxis->setRange(utc(d->minMs), utc(d->maxMs));
}

std::pair<qint64, qint64> TimelineChart::visibleRange() const {
    if (d->timeAxis == nullptr)
        return {0, 0};
    return {d->timeAxis->min().toSecsSinceEpoch(), d->timeAxis->max().toSecsSinceEpoch()};
}

bool TimelineChart::exportPng(const QString& path) const {
    return d->view->grab().save(path, "PNG");
}

bool TimelineChart::exportSvg(const QString& path) const {
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(d->view->size());
    generator.setViewBox(QRect(QPoint(0, 0), d->view->size()));
    generator.setTitle(QString::fromStdString("Timeline of " + d->timeline.subject));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    d->view->render(&painter);
    return painter.end();
}

int TimelineChart::laneAt(const QPoint& pos) const {
    if (d->laneAxis == nullptr || laneCount() == 0)
        return -1;
    const QPoint inView = d->view->viewport()->mapFrom(this, pos);
    const QPointF scene = d->view->mapToScene(inView);
    if (!d->chart->plotArea().contains(d->chart->mapFromScene(scene)))
        return -1;
    const QPointF value = d->chart->mapToValue(d->chart->mapFromScene(scene), d->markers);
    const int row = static_cast<int>(std::lround(value.y()));
    const int lane = laneCount() - 1 - row;
    return lane >= 0 && lane < laneCount() ? lane : -1;
}

QPoint TimelineChart::positionOf(int lane, qint64 time) const {
    const QPointF value(static_cast<double>(time * 1000), laneCount() - 1 - lane);
    const QPointF inChart = d->chart->mapToPosition(value, d->markers);
    const QPoint inView = d->view->mapFromScene(d->chart->mapToScene(inChart));
    return d->view->viewport()->mapTo(this, inView);
}

bool TimelineChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched != d->view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
        case QEvent::Wheel: {
            auto* e = static_cast<QWheelEvent*>(event);
            const int delta = e->angleDelta().y();
            if (delta == 0 || d->timeAxis == nullptr)
                return true;
            if (e->modifiers() & Qt::ShiftModifier) {
                panTime(delta > 0 ? -0.1 : 0.1);
            } else {
                zoomTime(delta > 0 ? 1.25 : 0.8);
            }
            return true;
        }
        case QEvent::MouseButtonPress: {
            auto* e = static_cast<QMouseEvent*>(event);
            d->pressPos = e->position().toPoint();
            if (e->button() == Qt::MiddleButton) {
                d->panning = true;
                return true;
            }
            if (e->button() == Qt::RightButton) {
                resetZoom();
                return true;
            }
            break;
        }
        case QEvent::MouseMove: {
            auto* e = static_cast<QMouseEvent*>(event);
            if (d->panning) {
                const double plotWidth = std::max(1.0, d->chart->plotArea().width());
                const double dx = e->position().x() - d->pressPos.x();
                panTime(-dx / plotWidth);
                d->pressPos = e->position().toPoint();
                return true;
            }
            if (e->buttons() == Qt::NoButton)
                showToolTip(e->position().toPoint());
            break;
        }
        case QEvent::MouseButtonRelease: {
            auto* e = static_cast<QMouseEvent*>(event);
            if (e->button() == Qt::MiddleButton) {
                d->panning = false;
                return true;
            }
            if (e->button() == Qt::LeftButton &&
                (e->position().toPoint() - d->pressPos).manhattanLength() < 4) {
                const int lane = laneAt(d->view->viewport()->mapTo(this, e->position().toPoint()));
                if (lane >= 0)
                    Q_EMIT laneClicked(lane);
            }
            break;
        }
        default:
            break;
    }
    return QWidget::eventFilter(watched, event);
}

void TimelineChart::showToolTip(const QPoint& viewportPos) {
    const QPoint pos = d->view->viewport()->mapTo(this, viewportPos);
    const int lane = laneAt(pos);
    if (lane < 0) {
        QToolTip::hideText();
        return;
    }
    const auto& l = d->timeline.lanes[static_cast<std::size_t>(lane)];
    const QPointF value =
        d->chart->mapToValue(d->chart->mapFromScene(d->view->mapToScene(viewportPos)), d->markers);
    const auto time = static_cast<std::int64_t>(std::floor(value.x() / 1000));
    std::uint64_t count = 0;
    std::int64_t bucket = time;
    for (const auto& b : l.buckets) {
        if (time >= b.start && time < b.start + d->timeline.bucketSeconds) {
            count = b.count;
            bucket = b.start;
        }
    }
    const auto fmt = [this](std::int64_t t) {
        return QString::fromStdString(timeline::formatBucket(t, d->timeline.bucketSeconds));
    };
    QString text =
        QStringLiteral("<b>%1 %2</b>")
            .arg(QString::fromStdString(l.type), QString::fromStdString(l.label).toHtmlEscaped());
    if (l.members > 1)
        text += tr(" (%1 lanes)").arg(l.members);
    if (count > 0)
        text += tr("<br>%1: %2 observation(s)").arg(fmt(bucket)).arg(count);
    text += tr("<br>first %1, last %2<br>%3 observation(s) in all")
                .arg(fmt(l.first), fmt(l.last))
                .arg(l.total);
    QToolTip::showText(d->view->viewport()->mapToGlobal(viewportPos), text, d->view);
}

void TimelineChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
    QWidget::changeEvent(event);
}

void TimelineChart::applyPalette() {
    const QPalette p = palette();
    const bool dark = p.color(QPalette::Base).lightness() < 128;
    d->chart->setBackgroundBrush(p.base());
    d->chart->setPlotAreaBackgroundVisible(false);
    d->chart->legend()->setLabelColor(p.color(QPalette::Text));
    for (QAbstractAxis* axis : d->chart->axes()) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setLinePenColor(p.color(QPalette::Mid));
        axis->setGridLineColor(dark ? p.color(QPalette::Mid).darker(150)
                                    : p.color(QPalette::Midlight));
    }
    for (auto& [type, s] : d->series)
        s->setColor(typeColor(type, dark));
    if (d->markers != nullptr) {
        d->markers->setColor(p.color(QPalette::Text));  // legend entry only
        d->markers->setBorderColor(Qt::transparent);
    }
    if (d->strips != nullptr)
        d->strips->setLanes(&d->timeline, dark, p.color(QPalette::Text));
    d->view->setBackgroundBrush(p.base());
}

}  // namespace tapir::views
