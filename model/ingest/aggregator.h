// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/activity.h"
#include "common/observation.h"
#include "common/result.h"

namespace tapir {

// Merges observations in memory by key (rrname, rrtype, rdata) with the store's rule
// (count += n, first = min, last = max, first bailiwick kept) and hands the merged batch to
// `flush` whenever it holds maxEntries keys or about maxBytes of observations, and once
// more from finish(). Memory is bounded by both limits whatever the input size.
// With a bucket width set (timelines), it also counts each key's observations per time
// bucket: `activity[i]` belongs to `batch[i]` (empty vector when no width is set).
// Single-threaded: owned by one import.
class Aggregator final : public ObservationSink {
public:
    using FlushFn =
        std::function<Status(std::vector<Observation>& batch, std::vector<Activity>& activity)>;
    // About 300k distinct observations; with the merge's scratch space and SQLite's page
    // cache this keeps an import well under 300 MB.
    static constexpr std::size_t kDefaultMaxBytes = std::size_t{48} << 20;

    Aggregator(std::size_t maxEntries, FlushFn flush, std::size_t maxBytes = kDefaultMaxBytes);

    // Seconds per activity bucket; 0 (the default) keeps no activity. Set before add().
    void setActivityBuckets(std::int64_t width) { m_width = width; }

    void add(Observation&& observation) override;
    // Flushes what is left; returns the first flush error, if any happened.
    [[nodiscard]] Status finish();

    [[nodiscard]] std::uint64_t added() const { return m_added; }
    [[nodiscard]] std::uint64_t mergedInMemory() const { return m_merged; }
    [[nodiscard]] std::int64_t minTime() const { return m_minTime; }
    [[nodiscard]] std::int64_t maxTime() const { return m_maxTime; }
    [[nodiscard]] bool failed() const { return !m_status.ok(); }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = kEmpty;  // into m_batch
        static constexpr std::uint32_t kEmpty = UINT32_MAX;
    };

    void flushNow();
    void grow();

    std::size_t m_maxEntries;
    std::size_t m_maxBytes;
    FlushFn m_flush;
    std::vector<Observation> m_batch;  // distinct keys in arrival order
    std::vector<Activity> m_activity;  // per key of m_batch when m_width > 0
    std::int64_t m_width = 0;
    std::vector<Slot> m_slots;  // open addressing over m_batch, power-of-two size
    std::size_t m_bytes = 0;    // estimate of m_batch's memory
    Status m_status;
    std::uint64_t m_added = 0;
    std::uint64_t m_merged = 0;
    std::int64_t m_minTime = INT64_MAX;
    std::int64_t m_maxTime = INT64_MIN;
};

}  // namespace tapir
