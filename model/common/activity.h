// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "common/observation.h"

namespace tapir {

// Observations of one record in one time bucket [start, start + width).
struct BucketCount {
    std::int64_t start = 0;
    std::uint64_t count = 0;
};

// Floor of `time` to the start of its bucket (also for times before 1970).
[[nodiscard]] inline std::int64_t bucketStart(std::int64_t time, std::int64_t width) {
    const std::int64_t q = time / width;
    return (time % width < 0 ? q - 1 : q) * width;
}

// When one record was seen within an import batch: counts per time bucket. A record seen
// in one bucket (the common case: a file spans minutes, buckets are days) costs no heap.
class Activity {
public:
    // Counts an observation: a raw one (or one inside a single bucket) adds its count to the
    // bucket of its last sighting. An aggregated one (COF, DNSDB: first < last, count n) has
    // no known distribution, so its first bucket gets 1 and its last n - 1: both ends show
    // on a timeline and the sum stays n.
    void add(const Observation& o, std::int64_t width) {
        const std::int64_t first = std::min(o.firstSeen, o.lastSeen);
        const std::int64_t last = std::max(o.firstSeen, o.lastSeen);
        const std::uint64_t n = std::max<std::uint64_t>(o.count, 1);
        if (n > 1 && bucketStart(first, width) != bucketStart(last, width)) {
            add(bucketStart(first, width), 1);
            add(bucketStart(last, width), n - 1);
        } else {
            add(bucketStart(last, width), n);
        }
    }
    void add(std::int64_t start, std::uint64_t n) {
        if (m_first.count == 0 || m_first.start == start) {
            m_first.start = start;
            m_first.count += n;
            return;
        }
        for (auto& b : m_more) {
            if (b.start == start) {
                b.count += n;
                return;
            }
        }
        m_more.push_back({start, n});
    }
    void merge(const Activity& other) {
        other.forEach([this](const BucketCount& b) { add(b.start, b.count); });
    }
    template <class F>
    void forEach(F&& f) const {
        if (m_first.count == 0)
            return;
        f(m_first);
        for (const auto& b : m_more)
            f(b);
    }
    [[nodiscard]] bool empty() const { return m_first.count == 0; }
    [[nodiscard]] std::size_t heapBytes() const { return m_more.capacity() * sizeof(BucketCount); }

private:
    BucketCount m_first;
    std::vector<BucketCount> m_more;
};

}  // namespace tapir
