// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Prints how long the timeline widget takes to show and paint N lanes (default 1,000, 60
// day buckets each, a fast-flux-like pattern). Not a test: figures only.
//   QT_QPA_PLATFORM=offscreen timeline_bench [LANES] [BUCKETS]
#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>

#include <cstdio>
#include <cstdlib>

#include "timeline/timeline_widget.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int lanes = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int buckets = argc > 2 ? std::atoi(argv[2]) : 60;
    tapir::timeline::Timeline t;
    t.subject = "flux.example";
    t.bucketSeconds = 86400;
    const std::int64_t day0 = 1772409600;
    for (int i = 0; i < lanes; ++i) {
        tapir::timeline::Lane lane;
        lane.entity = t.subject;
        lane.type = i % 4 == 0 ? "AAAA" : "A";
        lane.label = "203.0." + std::to_string(i / 256) + "." + std::to_string(i % 256);
        for (int b = 0; b < buckets; ++b) {
            if ((b + i) % 3 == 0)
                continue;
            lane.buckets.push_back(
                {day0 + (b + i % 30) * 86400, static_cast<std::uint64_t>(b + 1)});
            lane.total += static_cast<std::uint64_t>(b + 1);
        }
        if (lane.buckets.empty())
            lane.buckets.push_back({day0, 1});
        lane.first = lane.buckets.front().start;
        lane.last = lane.buckets.back().start;
        t.lanes.push_back(std::move(lane));
    }
    tapir::views::TimelineWidget widget;
    widget.resize(1400, 900);
    widget.show();
    app.processEvents();
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        widget.setTimeline(t);
        const auto built = timer.elapsed();
        const QPixmap frame = widget.grab();  // forces layout and a full paint
        std::printf("%d lanes x %d buckets: setTimeline %lld ms + paint = %lld ms (frame %dx%d)\n",
                    lanes, buckets, static_cast<long long>(built),
                    static_cast<long long>(timer.elapsed()), frame.width(), frame.height());
    }
    return 0;
}
