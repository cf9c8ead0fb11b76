// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Prints how long the records table takes to show the first page of a search typed while
// the previous search's large result is still being counted exactly, and how long the
// table takes to close then. Not a test: figures only, on a store of your own.
//   QT_QPA_PLATFORM=offscreen search_latency_bench DB [FIRST] [SECOND]
//   (defaults: "*.com", then "example.com")
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <cstdio>
#include <memory>

#include "query/query_parser.h"
#include "records/record_table_model.h"

namespace {

using tapir::views::RecordTableModel;

// Runs the event loop until `model` has the first page (its total is known, or a lower
// bound of it); milliseconds taken.
long long waitFirstPage(RecordTableModel& model, QElapsedTimer& timer) {
    while (model.totalRows() < 0 && timer.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    }
    return timer.elapsed();
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: search_latency_bench DB [FIRST] [SECOND]\n");
        return 2;
    }
    const char* first = argc > 2 ? argv[2] : "*.com";
    const char* second = argc > 3 ? argv[3] : "example.com";
    auto model = std::make_unique<RecordTableModel>();
    QElapsedTimer timer;
    timer.start();
    model->setDatabasePath(QString::fromLocal8Bit(argv[1]));
    std::printf("browse (empty search): first page %lld ms\n", waitFirstPage(*model, timer));
    timer.restart();
    model->setQuery(tapir::parseQuery(first).value());
    const long long firstMs = waitFirstPage(*model, timer);
    std::printf("%s: first page %lld ms, %s%lld records\n", first, firstMs,
                model->totalIsEstimate() ? "more than " : "",
                static_cast<long long>(model->totalRows()));
    timer.restart();
    model->setQuery(tapir::parseQuery(second).value());
    const long long secondMs = waitFirstPage(*model, timer);
    std::printf("%s, typed at once: first page %lld ms, %lld records\n", second, secondMs,
                static_cast<long long>(model->totalRows()));
    timer.restart();
    model->setQuery(tapir::parseQuery(first).value());
    (void)waitFirstPage(*model, timer);
    timer.restart();
    model.reset();
    std::printf("closing while %s is counted: %lld ms\n", first, timer.elapsed());
    return 0;
}
