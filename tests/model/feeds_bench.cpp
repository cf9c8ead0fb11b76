// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Reads one file with one feed reader into a sink that only counts, and prints records/s and
// the process's peak RSS. Driven by tools/bench_readers.sh; never run as a unit test.
//
//     feeds_bench FORMAT FILE
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "feeds/feed_reader.h"
#include "feeds/input_stream.h"

namespace {

class CountingSink final : public tapir::ObservationSink {
public:
    void add(tapir::Observation&& o) override {
        ++count;
        bytes += o.rrname.size() + o.rdata.size();
    }
    std::uint64_t count = 0;
    std::uint64_t bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: feeds_bench FORMAT FILE\n");
        return 2;
    }
    const tapir::FeedFormat* format = tapir::findFormat(argv[1]);
    if (format == nullptr) {
        std::fprintf(stderr, "unknown format %s\n", argv[1]);
        return 2;
    }
    auto input = tapir::openInput(argv[2]);
    if (!input) {
        std::fprintf(stderr, "%s\n", input.error().describe().c_str());
        return 1;
    }
    tapir::NullProgress progress;
    tapir::CancelToken cancel;
    tapir::ReadContext context(argv[2], progress, cancel);
    CountingSink sink;
    auto reader = format->create();
    const auto start = std::chrono::steady_clock::now();
    auto status = reader->read(**input, sink, context);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!status) {
        std::fprintf(stderr, "%s\n", status.error().describe().c_str());
        return 1;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto records = context.stats().recordsRead;
    std::printf(
        "%-10s %8.1f MB %10llu records %10llu observations %7.2f s %10.0f records/s %7.1f MB/s "
        "peak RSS %6.1f MB\n",
        argv[1], static_cast<double>((*input)->sourcePosition()) / 1e6,
        static_cast<unsigned long long>(records), static_cast<unsigned long long>(sink.count),
        seconds, static_cast<double>(records) / seconds,
        static_cast<double>((*input)->sourcePosition()) / 1e6 / seconds,
        static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}
