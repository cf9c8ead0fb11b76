// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tapir::timeline {

enum class SubjectKind { Name, Address };

// Observations of one lane in one time bucket [start, start + width).
struct Bucket {
    std::int64_t start = 0;
    std::uint64_t count = 0;
};

// One strip on a timeline. Name timelines: one lane per address (A/AAAA), CNAME target and
// NS set of each name; address timelines: one lane per name seen on the address or prefix.
// When lanes exceed TimelineOptions::laneLimit, addresses are grouped by /24 (/48), names by
// parent domain, and `members` says how many lanes a group stands for.
struct Lane {
    std::string entity;  // the name the lane belongs to (name timelines) or the subject
    std::string type;    // "A", "AAAA", "CNAME", "NS"
    std::string label;   // address, CNAME target, NS set "a, b" or (address timelines) name
    std::vector<Bucket> buckets;  // ascending by start
    std::int64_t first = 0;       // start of the first bucket
    std::int64_t last = 0;        // start of the last bucket
    std::uint64_t total = 0;
    std::size_t members = 1;
};

// A change between two consecutive buckets in which a lane group (one entity's A, AAAA,
// CNAME or NS lanes, or the names on an address) was seen with a different set.
struct ChangeEvent {
    std::int64_t time = 0;  // start of the bucket that shows the new set
    std::string entity;
    std::string type;
    std::vector<std::string> removed;
    std::vector<std::string> added;
    std::string text;  // "A 192.0.2.10 → 198.51.100.7", "NS moved from dnshost.lab to self-hosted"
};

struct Timeline {
    std::string subject;  // normalised name, address or prefix
    SubjectKind kind = SubjectKind::Name;
    std::int64_t bucketSeconds = 86400;
    bool grouped = false;
    std::vector<Lane> lanes;
    std::vector<ChangeEvent> events;
};

struct TimelineOptions {
    bool includeSubdomains = false;
    std::int64_t bucketSeconds = 0;  // 0: the store's bucket width; never finer than stored
    std::size_t laneLimit = 200;     // above: group lanes (fast flux stays readable)
    std::optional<std::int64_t> after;
    std::optional<std::int64_t> before;
};

// "2026-03-02" for day buckets (and wider), "2026-03-02 17:27:49" otherwise.
[[nodiscard]] std::string formatBucket(std::int64_t start, std::int64_t bucketSeconds);

}  // namespace tapir::timeline
