// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// De-duplication key and merge rule
//
// Key: (rrname, rrtype, rdata) in normal form (see common/observation.h). Bailiwick and
// source are not part of the key, as in dnsdbq's CSV where one row is one RR.
// Rule, both in memory and when merging into the store:
//   count = count + n;  first = min(first, first');  last = max(last, last');
//   bailiwick = the first one seen.
// The rule is associative and commutative, so batch boundaries and file order never change
// the result; importing a file twice is prevented one level up (sources.hash).
//
// Layout: the distinct observations sit in one vector in arrival order (that vector is
// the batch handed to the flush, no copy); an open-addressing table of (64-bit XXH3 hash
// of the key, index) finds them. The hash only selects candidates: a hit is confirmed by
// comparing type, rrname and rdata, so a hash collision can never merge two keys. The
// table is kept at most half full (linear probing stays short) and cleared per batch.
// Memory is bounded by maxEntries and by an estimate of the batch's bytes (strings beyond
// the small-string buffer count with their capacity), whichever comes first.
// Activity (timelines): per key, the counts per time bucket (common/activity.h), in a
// vector parallel to the batch; the store writes them with the records, by id, so
// timelines cost no second pass over names and rdata.

#include "ingest/aggregator.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>

namespace tapir {
namespace {

constexpr std::size_t kMinSlots = 1024;

std::uint64_t keyHash(const Observation& o) {
    const std::uint64_t nameHash = XXH3_64bits(o.rrname.data(), o.rrname.size());
    return XXH3_64bits_withSeed(o.rdata.data(), o.rdata.size(),
                                nameHash ^ (o.rrtype * 0x9e3779b97f4a7c15ULL));
}

std::size_t heapBytes(const std::string& s) {
    // libstdc++ keeps up to 15 characters inline.
    return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

std::size_t observationBytes(const Observation& o) {
    return sizeof(Observation) + heapBytes(o.rrname) + heapBytes(o.rdata) + heapBytes(o.bailiwick);
}

}  // namespace

Aggregator::Aggregator(std::size_t maxEntries, FlushFn flush, std::size_t maxBytes)
    : m_maxEntries(std::clamp<std::size_t>(maxEntries, 1, UINT32_MAX / 2)),
      m_maxBytes(std::max<std::size_t>(maxBytes, 1)),
      m_flush(std::move(flush)) {
    m_slots.resize(
        std::max(kMinSlots, std::bit_ceil(std::min<std::size_t>(m_maxEntries, 1 << 15) * 2)));
}

void Aggregator::grow() {
    std::vector<Slot> bigger(m_slots.size() * 2);
    const std::size_t mask = bigger.size() - 1;
    for (const Slot& s : m_slots) {
        if (s.index == Slot::kEmpty)
            continue;
        std::size_t i = s.hash & mask;
        while (bigger[i].index != Slot::kEmpty)
            i = (i + 1) & mask;
        bigger[i] = s;
    }
    m_slots.swap(bigger);
}

void Aggregator::add(Observation&& o) {
    if (!m_status.ok()) {
        return;
    }
    ++m_added;
    m_minTime = std::min(m_minTime, o.firstSeen);
    m_maxTime = std::max(m_maxTime, o.lastSeen);
    const std::uint64_t hash = keyHash(o);
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
        Slot& slot = m_slots[i];
        if (slot.index == Slot::kEmpty) {
            break;
        }
        if (slot.hash != hash) {
            continue;
        }
        Observation& e = m_batch[slot.index];
        if (e.rrtype != o.rrtype || e.rrname != o.rrname || e.rdata != o.rdata) {
            continue;  // a true 64-bit collision: a different key
        }
        ++m_merged;
        if (m_width > 0) {
            Activity& a = m_activity[slot.index];
            const std::size_t before = a.heapBytes();
            a.add(o, m_width);
            m_bytes += a.heapBytes() - before;
        }
        e.count += o.count;
        e.firstSeen = std::min(e.firstSeen, o.firstSeen);
        e.lastSeen = std::max(e.lastSeen, o.lastSeen);
        if (e.bailiwick.empty() && !o.bailiwick.empty()) {
            m_bytes += heapBytes(o.bailiwick);
            e.bailiwick = std::move(o.bailiwick);
        }
        return;
    }
    m_slots[i] = Slot{hash, static_cast<std::uint32_t>(m_batch.size())};
    m_bytes += observationBytes(o);
    if (m_width > 0) {
        m_activity.emplace_back().add(o, m_width);
        m_bytes += sizeof(Activity);
    }
    m_batch.push_back(std::move(o));
    if (m_batch.size() >= m_maxEntries || m_bytes >= m_maxBytes) {
        flushNow();
    } else if (m_batch.size() * 2 > m_slots.size()) {
        grow();
    }
}

void Aggregator::flushNow() {
    if (m_batch.empty() || !m_status.ok()) {
        return;
    }
    m_status = m_flush(m_batch, m_activity);
    m_batch.clear();
    m_activity.clear();
    std::fill(m_slots.begin(), m_slots.end(), Slot{});
    m_bytes = 0;
}

Status Aggregator::finish() {
    flushNow();
    return m_status;
}

}  // namespace tapir
