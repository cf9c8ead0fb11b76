// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "timeline/timeline_widget.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <fstream>

#include "common/worker.h"
#include "store/database.h"
#include "timeline/timeline_builder.h"
#include "timeline/timeline_chart.h"
#include "timeline/timeline_csv.h"

namespace tapir::views {

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
    m_subject = new QLineEdit(this);
    m_subject->setPlaceholderText(tr("Name, IP or CIDR"));
    m_subdomains = new QCheckBox(tr("Subdomains"), this);
    auto button = [this](const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        return b;
    };
    auto* zoomIn = button(tr("+"), tr("Zoom in on the time axis (wheel)"));
    auto* zoomOut = button(tr("−"), tr("Zoom out (wheel)"));
    auto* reset = button(tr("Fit"), tr("Show the whole time range (right-click)"));
    auto* png = button(tr("PNG…"), tr("Export the chart as PNG"));
    auto* svg = button(tr("SVG…"), tr("Export the chart as SVG"));
    auto* csv = button(tr("Events CSV…"), tr("Export the change events as CSV"));
    m_status = new QLabel(this);

    auto* bar = new QHBoxLayout();
    bar->addWidget(m_subject, 1);
    bar->addWidget(m_subdomains);
    for (auto* b : {zoomIn, zoomOut, reset, png, svg, csv})
        bar->addWidget(b);

    m_chart = new TimelineChart(this);
    m_events = new QListWidget(this);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_events);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({620, 380});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_subject, &QLineEdit::returnPressed, this,
            [this] { showTimeline(m_subject->text()); });
    connect(m_subdomains, &QCheckBox::toggled, this, [this] {
        if (!m_subject->text().isEmpty())
            showTimeline(m_subject->text());
    });
    connect(zoomIn, &QToolButton::clicked, this, [this] { m_chart->zoomTime(2.0); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { m_chart->zoomTime(0.5); });
    connect(reset, &QToolButton::clicked, this, [this] { m_chart->resetZoom(); });
    connect(png, &QToolButton::clicked, this, [this] { exportWithDialog(QStringLiteral("png")); });
    connect(svg, &QToolButton::clicked, this, [this] { exportWithDialog(QStringLiteral("svg")); });
    connect(csv, &QToolButton::clicked, this, [this] { exportWithDialog(QStringLiteral("csv")); });
    connect(m_chart, &TimelineChart::laneClicked, this, [this](int lane) {
        const QString query = pivotQuery(lane);
        if (!query.isEmpty())
            Q_EMIT pivotRequested(query);
    });
    connect(&m_watcher, &QFutureWatcher<Result<timeline::Timeline>>::finished, this, [this] {
        auto result = resultOf(m_watcher);
        if (!result) {
            m_status->setText(QString::fromStdString(result.error().message));
            Q_EMIT timelineFailed(QString::fromStdString(result.error().message));
            return;
        }
        setTimeline(*result);
    });
}

TimelineWidget::~TimelineWidget() {
    waitFor(m_watcher);
}

void TimelineWidget::setDatabasePath(const QString& path) {
    m_databasePath = path;
}

bool TimelineWidget::isBusy() const {
    return m_watcher.isRunning();
}

void TimelineWidget::showTimeline(const QString& subject) {
    if (isBusy() || m_databasePath.isEmpty())
        return;
    m_subject->setText(subject);
    m_status->setText(tr("Building the timeline of %1…").arg(subject));
    timeline::TimelineOptions options;
    options.includeSubdomains = m_subdomains->isChecked();
    const std::string path = m_databasePath.toStdString();
    const std::string text = subject.toStdString();
    m_watcher.setFuture(runOnPool([path, text, options]() -> Result<timeline::Timeline> {
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return db.error();
        return timeline::TimelineBuilder(**db).build(text, options);
    }));
}

void TimelineWidget::setTimeline(const timeline::Timeline& timeline) {
    m_timeline = timeline;
    m_subject->setText(QString::fromStdString(timeline.subject));
    m_chart->setTimeline(m_timeline);
    m_events->clear();
    for (const auto& e : m_timeline.events) {
        QString text =
            QString::fromStdString(timeline::formatBucket(e.time, m_timeline.bucketSeconds) + ": ");
        if (e.entity != m_timeline.subject)
            text += QString::fromStdString(e.entity) + " ";
        m_events->addItem(text + QString::fromStdString(e.text));
    }
    m_status->setText(tr("%1: %2 lane(s)%3, %4 change event(s)")
                          .arg(QString::fromStdString(m_timeline.subject))
                          .arg(m_timeline.lanes.size())
                          .arg(m_timeline.grouped ? tr(" grouped by network") : QString())
                          .arg(m_timeline.events.size()));
    Q_EMIT timelineShown(QString::fromStdString(m_timeline.subject));
}

QString TimelineWidget::pivotQuery(int lane) const {
    if (lane < 0 || static_cast<std::size_t>(lane) >= m_timeline.lanes.size())
        return {};
    const auto& l = m_timeline.lanes[static_cast<std::size_t>(lane)];
    const QString label = QString::fromStdString(l.label);
    if (m_timeline.kind == timeline::SubjectKind::Address) {
        return l.members > 1 ? QString::fromStdString("*." + l.label.substr(2)) : label;
    }
    if (l.type == "A" || l.type == "AAAA") {
        return label.contains('/') ? QStringLiteral("ip:") + label : label;
    }
    if (l.type == "NS")
        return QStringLiteral("ns:") + label.section(QStringLiteral(", "), 0, 0);
    return label;  // CNAME target
}

bool TimelineWidget::exportPng(const QString& path) const {
    return m_chart->exportPng(path);
}
bool TimelineWidget::exportSvg(const QString& path) const {
    return m_chart->exportSvg(path);
}

bool TimelineWidget::exportEventsCsv(const QString& path) const {
    std::ofstream out(path.toStdString(), std::ios::binary);
    if (!out)
        return false;
    timeline::TimelineCsv::writeEvents(out, m_timeline);
    return static_cast<bool>(out);
}

void TimelineWidget::exportWithDialog(const QString& what) {
    const QString base = QString::fromStdString("timeline-" + m_timeline.subject);
    const QString filter = what == QLatin1String("csv")   ? tr("CSV (*.csv)")
                           : what == QLatin1String("svg") ? tr("SVG (*.svg)")
                                                          : tr("PNG (*.png)");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Timeline"), base + "." + what, filter);
    if (path.isEmpty())
        return;
    const bool ok = what == QLatin1String("csv")   ? exportEventsCsv(path)
                    : what == QLatin1String("svg") ? exportSvg(path)
                                                   : exportPng(path);
    m_status->setText(ok ? tr("Saved %1").arg(path) : tr("Could not write %1").arg(path));
}

}  // namespace tapir::views
