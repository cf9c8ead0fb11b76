// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// De-duplication key and merge rule
//
// Key: (rrname, rrtype, rdata) in normal form (see common/observation.h), encoded as
// rrname '\0' rrtype(4 bytes) rdata. Bailiwick and source are not part of the key, as in
// dnsdbq's CSV where one row is one RR.
// Rule, both in memory and when merging into the store:
//   count = count + n;  first = min(first, first');  last = max(last, last');
//   bailiwick = the first one seen.
// The rule is associative and commutative, so batch boundaries and file order never change
// the result; importing a file twice is prevented one level up (sources.hash).

#include "ingest/aggregator.h"

#include <algorithm>
#include <cstring>

namespace tapir {

Aggregator::Aggregator(std::size_t maxEntries, FlushFn flush)
    : m_maxEntries(std::max<std::size_t>(maxEntries, 1)), m_flush(std::move(flush)) {
    m_entries.reserve(std::min<std::size_t>(m_maxEntries, 1 << 16));
}

void Aggregator::add(Observation&& o) {
    if (!m_status.ok()) {
        return;
    }
    ++m_added;
    m_minTime = std::min(m_minTime, o.firstSeen);
    m_maxTime = std::max(m_maxTime, o.lastSeen);
    m_key.assign(o.rrname);
    m_key += '\0';
    char type[4];
    std::memcpy(type, &o.rrtype, sizeof(type));
    m_key.append(type, sizeof(type));
    m_key += o.rdata;
    auto [it, inserted] = m_entries.try_emplace(m_key);
    if (inserted) {
        it->second = std::move(o);
        if (m_entries.size() >= m_maxEntries) {
            flushNow();
        }
        return;
    }
    ++m_merged;
    Observation& e = it->second;
    e.count += o.count;
    e.firstSeen = std::min(e.firstSeen, o.firstSeen);
    e.lastSeen = std::max(e.lastSeen, o.lastSeen);
    if (e.bailiwick.empty()) {
        e.bailiwick = std::move(o.bailiwick);
    }
}

void Aggregator::flushNow() {
    if (m_entries.empty() || !m_status.ok()) {
        return;
    }
    std::vector<Observation> batch;
    batch.reserve(m_entries.size());
    for (auto& [key, o] : m_entries) {
        batch.push_back(std::move(o));
    }
    m_entries.clear();
    m_status = m_flush(batch);
}

Status Aggregator::finish() {
    flushNow();
    return m_status;
}

}  // namespace tapir
