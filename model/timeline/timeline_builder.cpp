// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Timelines and change events (TimelineBuilder)
//
// Terms: *activity* rows are (name, type, rdata, bucket, count) from record_activity; a
// *lane* is one strip of bucket counts; a *facet* is the lanes of one entity that compete
// for the same role (a name's A lanes, its AAAA lanes, its CNAME lanes, its NS sets; on an
// address timeline, the names on it); a facet's *set* in a bucket is the labels of its
// lanes that have a count there.
//
// Steps:
//  1. Resolve the subject: an address or ADDR/LEN becomes an IP range over rdata.ip (the
//     query engine's index); anything else is normalised as a name (with its subdomains
//     optionally: a range over names.rname).
//  2. Read the activity rows in the time fence, re-bucketed to the requested width (a
//     stored bucket's start floored to it), and fold them into lanes. NS rows are first
//     gathered per (name, bucket) into one set, so a name has one lane per NS set seen.
//  3. If lanes exceed the limit, group them: addresses by /24 (IPv4) or /48 (IPv6), names
//     by parent domain; counts of a group add up per bucket.
//  4. Change events: walk each facet's buckets in time order, skipping buckets where the
//     facet was not seen at all (no sighting is no evidence of a change), and emit an event
//     wherever the set differs from the previous sighting: what left and what came. NS
//     events speak of providers (the NS host's parent domain; "self-hosted" for NS under
//     the name itself) when the provider changed.
#include "timeline/timeline_builder.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include "common/time_format.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "query/query_parser.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir::timeline {

namespace {

constexpr std::uint32_t kNs = 2;

constexpr std::string_view kNameRows = R"sql(
SELECT n.name, a.type, r.value, a.bucket, a.count
  FROM names n
  JOIN record_activity a ON a.name_id = n.id
  JOIN rdata r ON r.id = a.rdata_id
 WHERE (n.rname = ?1 OR (?2 AND n.rname > ?3 AND n.rname < ?4))
   AND a.type IN (1, 2, 5, 28) AND a.bucket >= ?5 AND a.bucket <= ?6)sql";

constexpr std::string_view kAddressRows = R"sql(
SELECT n.name, a.type, r.value, a.bucket, a.count
  FROM rdata r
  JOIN records c ON c.rdata_id = r.id
  JOIN record_activity a ON a.name_id = c.name_id AND a.type = c.type AND a.rdata_id = r.id
  JOIN names n ON n.id = a.name_id
 WHERE r.ip >= ?1 AND r.ip <= ?2 AND c.type IN (1, 28)
   AND a.bucket >= ?3 AND a.bucket <= ?4)sql";

std::int64_t floorTo(std::int64_t time, std::int64_t width) {
    const std::int64_t q = time / width;
    return (time % width < 0 ? q - 1 : q) * width;
}

std::string parentDomain(const std::string& name) {
    const auto dot = name.find('.');
    return dot == std::string::npos ? name : name.substr(dot + 1);
}

bool isAtOrUnder(const std::string& name, const std::string& zone) {
    return name == zone || (name.size() > zone.size() && name.ends_with(zone) &&
                            name[name.size() - zone.size() - 1] == '.');
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += separator;
        out += item;
    }
    return out;
}

std::vector<std::string> split(const std::string& text, std::string_view separator) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const auto at = text.find(separator, from);
        out.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
        if (at == std::string::npos)
            break;
        from = at + separator.size();
    }
    return out;
}

// "/24 of an IPv4", "/48 of an IPv6" as the network's text.
std::string addressGroup(const std::string& address) {
    auto ip = dns::parseIp(address);
    if (!ip)
        return address;
    dns::IpBytes low{};
    dns::IpBytes high{};
    const bool v4 = dns::isIpv4Mapped(*ip);
    cidrRange(*ip, v4 ? 96 + 24 : 48, low, high);
    return v4 ? dns::formatIp(low) + "/24" : dns::formatIpv6(low) + "/48";
}

// The NS "provider" of a set: the parent domains of its hosts, or "self-hosted" for hosts
// at or under the name the NS set belongs to.
std::string nsProvider(const std::string& entity, const std::vector<std::string>& hosts) {
    std::set<std::string> providers;
    for (const auto& host : hosts) {
        providers.insert(isAtOrUnder(host, entity) ? "self-hosted" : parentDomain(host));
    }
    return join(std::vector<std::string>(providers.begin(), providers.end()), ", ");
}

struct LaneKey {
    std::string entity;
    std::uint32_t type;
    std::string label;
    auto operator<=>(const LaneKey&) const = default;
};

using LaneMap = std::map<LaneKey, std::map<std::int64_t, std::uint64_t>>;

int typeOrder(const std::string& type) {
    if (type == "A")
        return 0;
    if (type == "AAAA")
        return 1;
    if (type == "CNAME")
        return 2;
    if (type == "NS")
        return 3;
    return 4;
}

std::vector<Lane> toLanes(const LaneMap& map) {
    std::vector<Lane> lanes;
    lanes.reserve(map.size());
    for (const auto& [key, buckets] : map) {
        Lane lane;
        lane.entity = key.entity;
        lane.type = dns::typeName(key.type);
        lane.label = key.label;
        for (const auto& [start, count] : buckets) {
            lane.buckets.push_back({start, count});
            lane.total += count;
        }
        lane.first = buckets.begin()->first;
        lane.last = buckets.rbegin()->first;
        lanes.push_back(std::move(lane));
    }
    return lanes;
}

}  // namespace

std::string formatBucket(std::int64_t start, std::int64_t bucketSeconds) {
    const std::string text = formatUtc(start);
    return bucketSeconds % 86400 == 0 ? text.substr(0, 10) : text;
}

Result<Timeline> TimelineBuilder::build(std::string_view subject, const TimelineOptions& options,
                                        const CancelToken& cancel) {
    Timeline timeline;
    // 1. The subject.
    std::string text(subject);
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    while (!text.empty() && text.front() == ' ')
        text.erase(text.begin());
    if (text.starts_with("ip:"))
        text.erase(0, 3);
    if (text.empty()) {
        return makeError(ErrorCode::Syntax, "a timeline needs a name, an address or a prefix");
    }
    dns::IpBytes low{};
    dns::IpBytes high{};
    const auto slash = text.find('/');
    const auto ip = dns::parseIp(text.substr(0, slash));
    if (ip) {
        const bool v4 = dns::isIpv4Mapped(*ip);
        int bits = 128;
        if (slash != std::string::npos) {
            const std::string len = text.substr(slash + 1);
            int parsed = -1;
            const auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), parsed);
            if (ec != std::errc{} || end != len.data() + len.size() || parsed < 0 ||
                parsed > (v4 ? 32 : 128)) {
                return makeError(ErrorCode::Syntax, "bad prefix length in '" + text + "'");
            }
            bits = v4 ? 96 + parsed : parsed;
        } else {
            bits = 128;
        }
        cidrRange(*ip, bits, low, high);
        timeline.kind = SubjectKind::Address;
        timeline.subject = slash == std::string::npos
                               ? dns::formatIp(*ip)
                               : dns::formatIp(low) + "/" + std::to_string(v4 ? bits - 96 : bits);
    } else {
        if (text.size() > 1 && text.back() == '.')
            text.pop_back();
        auto name = dns::normalizeName(text);
        if (!name || slash != std::string::npos) {
            return makeError(ErrorCode::Syntax, "'" + text + "' is not a name, address or prefix");
        }
        timeline.subject = *name;
        timeline.kind = SubjectKind::Name;
    }

    // 2. Rows into lanes.
    std::int64_t stored = 86400;
    if (auto setting = m_db.setting("activity.bucket_seconds"); setting && *setting) {
        std::int64_t v = 0;
        const std::string& s = **setting;
        if (std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc{} && v > 0) {
            stored = v;
        }
    }
    const std::int64_t width =
        std::max(options.bucketSeconds > 0 ? options.bucketSeconds : stored, stored);
    timeline.bucketSeconds = width;
    const std::int64_t after = options.after.value_or(INT64_MIN);
    const std::int64_t before = options.before.value_or(INT64_MAX);

    LaneMap map;
    // NS hosts per (name, bucket), turned into set lanes after the scan.
    std::map<std::pair<std::string, std::int64_t>, std::pair<std::set<std::string>, std::uint64_t>>
        nsSets;
    try {
        store::Statement q;
        if (timeline.kind == SubjectKind::Name) {
            const std::string rname = dns::reverseName(timeline.subject);
            q = store::Statement(m_db.handle(), kNameRows);
            q.bind(1, rname)
                .bind(2, std::int64_t{options.includeSubdomains ? 1 : 0})
                .bind(3, rname + ".")
                .bind(4, rname + "/")
                .bind(5, after == INT64_MIN ? INT64_MIN : floorTo(after, stored))
                .bind(6, before);
        } else {
            q = store::Statement(m_db.handle(), kAddressRows);
            q.bindBlob(1, low)
                .bindBlob(2, high)
                .bind(3, after == INT64_MIN ? INT64_MIN : floorTo(after, stored))
                .bind(4, before);
        }
        std::uint64_t rows = 0;
        while (q.step()) {
            if ((++rows & 0xfff) == 0 && cancel.cancelled()) {
                return makeError(ErrorCode::Cancelled, "timeline cancelled");
            }
            std::string name(q.text(0));
            const auto type = static_cast<std::uint32_t>(q.int64(1));
            std::string value(q.text(2));
            const std::int64_t bucket = floorTo(q.int64(3), width);
            const auto count = static_cast<std::uint64_t>(q.int64(4));
            if (timeline.kind == SubjectKind::Address) {
                map[{timeline.subject, type, std::move(name)}][bucket] += count;
            } else if (type == kNs) {
                auto& set = nsSets[{std::move(name), bucket}];
                set.first.insert(std::move(value));
                set.second += count;
            } else {
                map[{std::move(name), type, std::move(value)}][bucket] += count;
            }
        }
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "timeline: " + e.message, m_db.path());
    }
    for (auto& [key, set] : nsSets) {
        const std::vector<std::string> hosts(set.first.begin(), set.first.end());
        map[{key.first, kNs, join(hosts, ", ")}][key.second] += set.second;
    }
    std::vector<Lane> lanes = toLanes(map);

    // 3. Grouping.
    if (lanes.size() > options.laneLimit) {
        std::map<std::tuple<std::string, std::string, std::string>, Lane> groups;
        for (auto& lane : lanes) {
            std::string label = lane.label;
            if (timeline.kind == SubjectKind::Address) {
                label = "*." + parentDomain(lane.label);
            } else if (lane.type == "A" || lane.type == "AAAA") {
                label = addressGroup(lane.label);
            }
            Lane& g = groups[{lane.entity, lane.type, label}];
            if (g.label.empty()) {
                g.entity = lane.entity;
                g.type = lane.type;
                g.label = label;
                g.members = 0;
            }
            g.members += 1;
            g.total += lane.total;
            std::map<std::int64_t, std::uint64_t> merged;
            for (const auto& b : g.buckets)
                merged[b.start] += b.count;
            for (const auto& b : lane.buckets)
                merged[b.start] += b.count;
            g.buckets.clear();
            for (const auto& [start, count] : merged)
                g.buckets.push_back({start, count});
        }
        lanes.clear();
        for (auto& [key, g] : groups) {
            g.first = g.buckets.front().start;
            g.last = g.buckets.back().start;
            lanes.push_back(std::move(g));
        }
        timeline.grouped = true;
    }
    std::stable_sort(lanes.begin(), lanes.end(), [](const Lane& a, const Lane& b) {
        return std::tuple(a.entity.size(), a.entity, typeOrder(a.type), a.first, a.label) <
               std::tuple(b.entity.size(), b.entity, typeOrder(b.type), b.first, b.label);
    });
    timeline.lanes = std::move(lanes);

    // 4. Change events.
    timeline.events = changeEvents(timeline.lanes, timeline.kind);
    return timeline;
}

std::vector<ChangeEvent> TimelineBuilder::changeEvents(const std::vector<Lane>& lanes,
                                                       SubjectKind kind) {
    // facet (entity, type) -> bucket -> labels seen
    std::map<std::pair<std::string, std::string>, std::map<std::int64_t, std::set<std::string>>>
        facets;
    for (const auto& lane : lanes) {
        const std::string facet = kind == SubjectKind::Address ? std::string("name") : lane.type;
        auto& buckets = facets[{lane.entity, facet}];
        for (const auto& b : lane.buckets) {
            if (b.count > 0)
                buckets[b.start].insert(lane.label);
        }
    }
    std::vector<ChangeEvent> events;
    for (const auto& [facet, buckets] : facets) {
        const std::set<std::string>* previous = nullptr;
        for (const auto& [start, set] : buckets) {
            if (previous != nullptr && *previous != set) {
                ChangeEvent e;
                e.time = start;
                e.entity = facet.first;
                e.type = facet.second;
                std::set_difference(previous->begin(), previous->end(), set.begin(), set.end(),
                                    std::back_inserter(e.removed));
                std::set_difference(set.begin(), set.end(), previous->begin(), previous->end(),
                                    std::back_inserter(e.added));
                const std::string from =
                    join(std::vector<std::string>(previous->begin(), previous->end()), ", ");
                const std::string to = join(std::vector<std::string>(set.begin(), set.end()), ", ");
                if (e.type == "NS") {
                    // NS lanes are whole sets ("a, b"): compare the providers of the hosts.
                    std::vector<std::string> fromHosts;
                    std::vector<std::string> toHosts;
                    for (const auto& s : *previous) {
                        for (auto& h : split(s, ", "))
                            fromHosts.push_back(std::move(h));
                    }
                    for (const auto& s : set) {
                        for (auto& h : split(s, ", "))
                            toHosts.push_back(std::move(h));
                    }
                    const std::string p0 = nsProvider(e.entity, fromHosts);
                    const std::string p1 = nsProvider(e.entity, toHosts);
                    e.text =
                        p0 != p1 ? "NS moved from " + p0 + " to " + p1 : "NS " + from + " → " + to;
                } else if (e.type == "name") {
                    e.text = "names";
                    if (!e.added.empty())
                        e.text += " + " + join(e.added, ", ");
                    if (!e.removed.empty())
                        e.text += (e.added.empty() ? " − " : "; − ") + join(e.removed, ", ");
                } else if (e.removed.empty()) {
                    e.text = e.type + " + " + join(e.added, ", ");
                } else if (e.added.empty()) {
                    e.text = e.type + " − " + join(e.removed, ", ");
                } else {
                    e.text = e.type + " " + join(e.removed, ", ") + " → " + join(e.added, ", ");
                }
                events.push_back(std::move(e));
            }
            previous = &set;
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
        return std::tie(a.time, a.entity) < std::tie(b.time, b.entity);
    });
    return events;
}

}  // namespace tapir::timeline
