// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/observation.h"
#include "common/result.h"

namespace tapir {

// Merges observations in memory by key (rrname, rrtype, rdata) with the store's rule
// (count += n, first = min, last = max, first bailiwick kept) and hands the merged batch to
// `flush` whenever it holds maxEntries keys, and once more from finish(). Memory is bounded
// by maxEntries whatever the input size. Single-threaded: owned by one import.
class Aggregator final : public ObservationSink {
public:
    using FlushFn = std::function<Status(std::vector<Observation>& batch)>;

    Aggregator(std::size_t maxEntries, FlushFn flush);

    void add(Observation&& observation) override;
    // Flushes what is left; returns the first flush error, if any happened.
    [[nodiscard]] Status finish();

    [[nodiscard]] std::uint64_t added() const { return m_added; }
    [[nodiscard]] std::uint64_t mergedInMemory() const { return m_merged; }
    [[nodiscard]] std::int64_t minTime() const { return m_minTime; }
    [[nodiscard]] std::int64_t maxTime() const { return m_maxTime; }
    [[nodiscard]] bool failed() const { return !m_status.ok(); }

private:
    void flushNow();

    std::size_t m_maxEntries;
    FlushFn m_flush;
    std::unordered_map<std::string, Observation> m_entries;
    std::string m_key;
    Status m_status;
    std::uint64_t m_added = 0;
    std::uint64_t m_merged = 0;
    std::int64_t m_minTime = INT64_MAX;
    std::int64_t m_maxTime = INT64_MIN;
};

}  // namespace tapir
