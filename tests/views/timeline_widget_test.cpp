// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The timeline widget, offscreen, on the resolver lab's three rotated captures (globex.test
// renumbered every round, 1-second buckets): lanes, events list, lane click pivots, palette,
// exports, and a screenshot in <build>/screenshots/timeline-globex.png.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>
#include <random>

#include "ingest/activity_settings.h"
#include "ingest/importer.h"
#include "store/database.h"
#include "timeline/timeline_builder.h"
#include "timeline/timeline_chart.h"
#include "timeline/timeline_widget.h"

namespace {

using tapir::views::TimelineWidget;

QString labDatabase() {
    static const QString path = [] {
        std::random_device rd;
        auto dir =
            std::filesystem::temp_directory_path() / ("tapir-timeline-" + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        const std::string file = (dir / "lab.db").string();
        auto db = tapir::store::Database::open(file);
        EXPECT_TRUE(db.ok());
        EXPECT_TRUE((*db)->setSetting(tapir::ActivitySettings::kBucketSetting, "1").ok());
        tapir::Importer importer(**db);
        tapir::NullProgress progress;
        tapir::CancelToken cancel;
        std::vector<std::string> files;
        for (const char* f : {"unbound-resolver.20261126T172749Z.dnstap",
                              "unbound-resolver.20261126T172756Z.dnstap",
                              "unbound-resolver.20261126T172808Z.dnstap"}) {
            files.push_back(std::string(TAPIR_TEST_DATA) + "/dnstap/" + f);
        }
        auto report = importer.importPaths(files, {}, progress, cancel);
        EXPECT_EQ(report.count(tapir::FileStatus::Imported), 3u);
        return QString::fromStdString(file);
    }();
    return path;
}

TEST(TimelineWidget, ShowsGlobexRenumberingAndPivots) {
    TimelineWidget widget;
    widget.resize(1100, 420);
    widget.setDatabasePath(labDatabase());
    QSignalSpy shown(&widget, &TimelineWidget::timelineShown);
    widget.showTimeline(QStringLiteral("globex.test"));
    ASSERT_TRUE(shown.wait(20000));
    widget.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));

    EXPECT_EQ(widget.chart()->laneCount(), 4);
    ASSERT_EQ(widget.eventList()->count(), 2);
    EXPECT_TRUE(widget.eventList()->item(0)->text().endsWith(
        QStringLiteral("A 198.51.100.201 → 198.51.100.202")));
    EXPECT_TRUE(widget.eventList()->item(1)->text().endsWith(
        QStringLiteral("A 198.51.100.202 → 198.51.100.203")));

    // A click on the second lane (198.51.100.202) pivots to that address.
    QSignalSpy pivot(&widget, &TimelineWidget::pivotRequested);
    const auto& lane = widget.timeline().lanes[1];
    const QPoint at = widget.chart()->positionOf(1, lane.first);
    const int hit = widget.chart()->laneAt(at);
    EXPECT_EQ(hit, 1);
    QWidget* viewport = widget.chart()->childAt(at);
    ASSERT_NE(viewport, nullptr);
    const QPoint local = viewport->mapFrom(widget.chart(), at);
    QTest::mouseClick(viewport, Qt::LeftButton, {}, local);
    ASSERT_EQ(pivot.count(), 1);
    EXPECT_EQ(pivot.at(0).at(0).toString(), QStringLiteral("198.51.100.202"));
    EXPECT_EQ(widget.pivotQuery(3), QStringLiteral("ns:ns1.dnshost.lab"));

    // Zoom and pan change the visible range; Fit restores it.
    const auto full = widget.chart()->visibleRange();
    widget.chart()->zoomTime(4.0);
    const auto zoomed = widget.chart()->visibleRange();
    EXPECT_LT(zoomed.second - zoomed.first, full.second - full.first);
    widget.chart()->panTime(0.5);
    EXPECT_GT(widget.chart()->visibleRange().first, zoomed.first);
    widget.chart()->resetZoom();
    EXPECT_EQ(widget.chart()->visibleRange(), full);

    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString png = dir + QStringLiteral("/timeline-globex.png");
    QFile::remove(png);
    ASSERT_TRUE(widget.grab().save(png));
    const QString chartPng = dir + QStringLiteral("/timeline-globex-chart.png");
    EXPECT_TRUE(widget.exportPng(chartPng));
    EXPECT_GT(QFile(chartPng).size(), 1000);
    const QString svg = dir + QStringLiteral("/timeline-globex.svg");
    EXPECT_TRUE(widget.exportSvg(svg));
    QFile svgFile(svg);
    ASSERT_TRUE(svgFile.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svgFile.readAll().contains("<svg"));
    const QString csv = dir + QStringLiteral("/timeline-globex-events.csv");
    ASSERT_TRUE(widget.exportEventsCsv(csv));
    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    const QByteArray events = csvFile.readAll();
    EXPECT_TRUE(events.startsWith("time,time_utc,entity,type,removed,added,description"));
    EXPECT_EQ(events.count('\n'), 3);

    // Dark palette: the chart background follows it.
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Window, QColor(40, 40, 40));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    widget.setPalette(dark);
    const QImage image = widget.chart()->grab().toImage();
    EXPECT_LT(image.pixelColor(image.width() - 5, 5).lightness(), 100);
    widget.grab().save(dir + QStringLiteral("/timeline-globex-dark.png"));
}

TEST(TimelineWidget, BadSubjectIsReported) {
    TimelineWidget widget;
    widget.setDatabasePath(labDatabase());
    QSignalSpy failed(&widget, &TimelineWidget::timelineFailed);
    widget.showTimeline(QStringLiteral("198.51.100.0/99"));
    ASSERT_TRUE(failed.wait(20000));
}

}  // namespace
