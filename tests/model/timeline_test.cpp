// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ingest/activity_settings.h"
#include "ingest/aggregator.h"
#include "ingest/importer.h"
#include "store/database.h"
#include "store/statement.h"
#include "test_util.h"
#include "timeline/timeline_builder.h"
#include "timeline/timeline_csv.h"

namespace tapir {
namespace {

using timeline::TimelineBuilder;
using timeline::TimelineOptions;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kDay0 = 1772409600;  // 2026-03-02 00:00:00 UTC

std::unique_ptr<store::Database> openDb(const std::string& path) {
    auto db = store::Database::open(path);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().describe());
    return std::move(*db);
}

std::string line(std::int64_t ts, const std::string& name, const std::string& type,
                 const std::string& rdata, int count = 1) {
    return std::to_string(ts) + ".5||10.0.0.1||10.0.0.53||IN||" + name + ".||" + type + "||" +
           rdata + "||300||" + std::to_string(count) + "\n";
}

FileReport importText(store::Database& db, const std::string& path, const std::string& text) {
    test::writeFile(path, text);
    Importer importer(db);
    NullProgress progress;
    CancelToken cancel;
    return importer.importFile(path, {}, progress, cancel);
}

std::int64_t activitySum(store::Database& db) {
    store::Statement q(db.handle(), "SELECT coalesce(sum(count), 0) FROM record_activity");
    q.step();
    return q.int64(0);
}

// A name that flips A→B→A across days, moves its NS to self-hosted and gets a CNAME'd www.
std::string flipFeed() {
    std::string s;
    for (int hour = 0; hour < 3; ++hour) {
        s += line(kDay0 + hour * 3600, "flip.example", "A", "192.0.2.10");
        s += line(kDay0 + hour * 3600, "flip.example", "NS", "ns1.dnshost.lab");
        s += line(kDay0 + hour * 3600, "flip.example", "NS", "ns2.dnshost.lab");
    }
    s += line(kDay0 + kDay + 60, "flip.example", "A", "198.51.100.7", 4);
    s += line(kDay0 + kDay + 90, "flip.example", "NS", "ns1.flip.example");
    s += line(kDay0 + kDay + 90, "flip.example", "NS", "ns2.flip.example");
    s += line(kDay0 + 2 * kDay + 60, "flip.example", "A", "192.0.2.10");
    s += line(kDay0 + 2 * kDay + 60, "www.flip.example", "CNAME", "flip.example");
    return s;
}

TEST(Timeline, NameFlippingAcrossDaysGivesTheChangeEvents) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    auto r = importText(*db, dir.file("flip.log"), flipFeed());
    ASSERT_EQ(r.status, FileStatus::Imported) << (r.error ? r.error->describe() : "");

    TimelineBuilder builder(*db);
    auto t = builder.build("Flip.Example.", {});
    ASSERT_TRUE(t.ok()) << t.error().describe();
    EXPECT_EQ(t->subject, "flip.example");
    EXPECT_EQ(t->bucketSeconds, kDay);
    // Lanes: two addresses, two NS sets; www is a subdomain and not included.
    ASSERT_EQ(t->lanes.size(), 4U);
    EXPECT_EQ(t->lanes[0].label, "192.0.2.10");
    ASSERT_EQ(t->lanes[0].buckets.size(), 2U);
    EXPECT_EQ(t->lanes[0].buckets[0].start, kDay0);
    EXPECT_EQ(t->lanes[0].buckets[0].count, 3U);
    EXPECT_EQ(t->lanes[0].buckets[1].start, kDay0 + 2 * kDay);
    EXPECT_EQ(t->lanes[0].first, kDay0);
    EXPECT_EQ(t->lanes[0].last, kDay0 + 2 * kDay);
    EXPECT_EQ(t->lanes[0].total, 4U);
    EXPECT_EQ(t->lanes[1].label, "198.51.100.7");
    EXPECT_EQ(t->lanes[1].total, 4U);
    EXPECT_EQ(t->lanes[2].type, "NS");
    EXPECT_EQ(t->lanes[2].label, "ns1.dnshost.lab, ns2.dnshost.lab");
    EXPECT_EQ(t->lanes[3].label, "ns1.flip.example, ns2.flip.example");

    std::vector<std::string> events;
    for (const auto& e : t->events) {
        events.push_back(timeline::formatBucket(e.time, t->bucketSeconds) + ": " + e.text);
    }
    const std::vector<std::string> expected = {
        "2026-03-03: A 192.0.2.10 → 198.51.100.7",
        "2026-03-03: NS moved from dnshost.lab to self-hosted",
        "2026-03-04: A 198.51.100.7 → 192.0.2.10",
    };
    EXPECT_EQ(events, expected);

    // With subdomains, www's CNAME lane joins; an hour bucket is not finer than stored.
    TimelineOptions options;
    options.includeSubdomains = true;
    options.bucketSeconds = 3600;
    auto sub = builder.build("flip.example", options);
    ASSERT_TRUE(sub.ok());
    EXPECT_EQ(sub->bucketSeconds, kDay);
    ASSERT_EQ(sub->lanes.size(), 5U);
    EXPECT_EQ(sub->lanes.back().entity, "www.flip.example");
    EXPECT_EQ(sub->lanes.back().type, "CNAME");

    // IP timeline: one lane per name on the address; a prefix finds both addresses.
    auto ip = builder.build("192.0.2.10", {});
    ASSERT_TRUE(ip.ok());
    EXPECT_EQ(ip->kind, timeline::SubjectKind::Address);
    ASSERT_EQ(ip->lanes.size(), 1U);
    EXPECT_EQ(ip->lanes[0].label, "flip.example");
    auto cidr = builder.build("198.51.100.0/24", {});
    ASSERT_TRUE(cidr.ok());
    EXPECT_EQ(cidr->subject, "198.51.100.0/24");
    ASSERT_EQ(cidr->lanes.size(), 1U);
    EXPECT_EQ(cidr->lanes[0].total, 4U);

    EXPECT_EQ(builder.build("", {}).error().code, ErrorCode::Syntax);
    EXPECT_EQ(builder.build("192.0.2.1/40", {}).error().code, ErrorCode::Syntax);

    std::ostringstream csv;
    timeline::TimelineCsv::writeEvents(csv, *t);
    EXPECT_NE(csv.str().find("\"NS moved from dnshost.lab to self-hosted\""), std::string::npos);
}

TEST(Timeline, ActivityIsMergedExactlyOnce) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    ASSERT_EQ(importText(*db, dir.file("a.log"), flipFeed()).status, FileStatus::Imported);
    const auto once = activitySum(*db);
    EXPECT_EQ(once, 3 * 3 + 4 + 2 + 1 + 1);
    // The same content under another name: already imported, nothing added.
    EXPECT_EQ(importText(*db, dir.file("copy.log"), flipFeed()).status,
              FileStatus::AlreadyImported);
    EXPECT_EQ(activitySum(*db), once);
    // New content on a day already seen merges into the existing bucket.
    ASSERT_EQ(
        importText(*db, dir.file("b.log"), line(kDay0 + 100, "flip.example", "A", "192.0.2.10", 2))
            .status,
        FileStatus::Imported);
    EXPECT_EQ(activitySum(*db), once + 2);
    auto t = TimelineBuilder(*db).build("flip.example", {});
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->lanes[0].buckets[0].count, 5U);
}

TEST(Timeline, BatchBoundariesDoNotChangeTheCounts) {
    test::TempDir dir;
    std::vector<Observation> observations;
    for (int i = 0; i < 50; ++i) {
        Observation o;
        o.rrname = "n" + std::to_string(i % 7) + ".example";
        o.rrtype = 1;
        o.rdata = "192.0.2." + std::to_string(i % 5);
        o.firstSeen = o.lastSeen = kDay0 + (i % 3) * kDay + i;
        o.count = static_cast<std::uint64_t>(i % 4 + 1);
        observations.push_back(o);
    }
    // An aggregated observation spanning days: 1 to its first bucket, the rest to its last.
    Observation span;
    span.rrname = "n0.example";
    span.rrtype = 1;
    span.rdata = "192.0.2.0";
    span.firstSeen = kDay0 - 10 * kDay;
    span.lastSeen = kDay0;
    span.count = 9;
    observations.push_back(span);

    // Three runs: the aggregator flushing after every key, after 1000 keys, and no
    // aggregator at all (a raw batch with repeated keys, merged by mergeRecords itself).
    std::map<std::tuple<std::string, std::string, std::int64_t>, std::int64_t> results[3];
    const std::size_t limits[2] = {1, 1000};
    for (int run = 0; run < 3; ++run) {
        auto db = openDb(dir.file("s" + std::to_string(run) + ".db"));
        ASSERT_TRUE(db->begin().ok());
        if (run < 2) {
            std::uint64_t flushes = 0;
            Aggregator aggregator(
                limits[run],
                [&](std::vector<Observation>& batch, std::vector<Activity>& activity) -> Status {
                    ++flushes;
                    EXPECT_EQ(activity.size(), batch.size());
                    auto m = db->mergeRecords(batch, 1, &activity);
                    if (!m)
                        return m.error();
                    return {};
                });
            aggregator.setActivityBuckets(kDay);
            for (auto o : observations)
                aggregator.add(std::move(o));
            ASSERT_TRUE(aggregator.finish().ok());
            EXPECT_EQ(flushes > 1, run == 0);
        } else {
            std::vector<Observation> raw = observations;
            std::vector<Activity> activity(raw.size());
            for (std::size_t i = 0; i < raw.size(); ++i)
                activity[i].add(raw[i], kDay);
            ASSERT_TRUE(db->mergeRecords(raw, 1, &activity).ok());
        }
        ASSERT_TRUE(db->commit().ok());
        store::Statement q(db->handle(),
                           "SELECT n.name, r.value, a.bucket, a.count FROM record_activity a "
                           "JOIN names n ON n.id = a.name_id JOIN rdata r ON r.id = a.rdata_id");
        while (q.step()) {
            results[run][{std::string(q.text(0)), std::string(q.text(1)), q.int64(2)}] = q.int64(3);
        }
    }
    EXPECT_EQ(results[0], results[1]);
    EXPECT_EQ(results[0], results[2]);
    EXPECT_EQ((results[0][{"n0.example", "192.0.2.0", kDay0 - 10 * kDay}]), 1);
    std::int64_t total = 0;
    for (const auto& [k, n] : results[0])
        total += n;
    std::int64_t expected = 0;
    for (const auto& o : observations)
        expected += static_cast<std::int64_t>(o.count);
    EXPECT_EQ(total, expected);
}

TEST(Timeline, FastFluxLanesAreGroupedByNetwork) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    std::string feed;
    for (int i = 0; i < 300; ++i) {
        const std::string ip = "203.0." + std::to_string(113 + i % 3) + "." + std::to_string(i / 3);
        feed += line(kDay0 + (i % 5) * kDay, "flux.example", "A", ip);
    }
    ASSERT_EQ(importText(*db, dir.file("flux.log"), feed).status, FileStatus::Imported);
    TimelineOptions options;
    options.laneLimit = 100;
    auto t = TimelineBuilder(*db).build("flux.example", options);
    ASSERT_TRUE(t.ok());
    EXPECT_TRUE(t->grouped);
    ASSERT_EQ(t->lanes.size(), 3U);
    EXPECT_EQ(t->lanes[0].label, "203.0.113.0/24");
    EXPECT_EQ(t->lanes[0].members, 100U);
    std::uint64_t total = 0;
    for (const auto& l : t->lanes)
        total += l.total;
    EXPECT_EQ(total, 300U);
    options.laneLimit = 1000;
    auto flat = TimelineBuilder(*db).build("flux.example", options);
    ASSERT_TRUE(flat.ok());
    EXPECT_FALSE(flat->grouped);
    EXPECT_EQ(flat->lanes.size(), 300U);
}

// The resolver lab's three rotated captures, one per zone round, seconds apart, imported
// with 1-second activity buckets.
void importLabRounds(store::Database& db) {
    ASSERT_TRUE(db.setSetting(ActivitySettings::kBucketSetting, "1").ok());
    Importer importer(db);
    NullProgress progress;
    CancelToken cancel;
    for (const char* f : {"dnstap/unbound-resolver.20261126T172749Z.dnstap",
                          "dnstap/unbound-resolver.20261126T172756Z.dnstap",
                          "dnstap/unbound-resolver.20261126T172808Z.dnstap"}) {
        auto r = importer.importFile(test::dataPath(f), {}, progress, cancel);
        ASSERT_EQ(r.status, FileStatus::Imported) << f;
    }
}

// The resolver lab renumbers globex.test every round; three rotated captures, one per round,
// seconds apart. With 1-second buckets the A change events must follow the zone files.
TEST(Timeline, LabRenumberingMatchesTheZoneFiles) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    ASSERT_NO_FATAL_FAILURE(importLabRounds(*db));
    // Zone truth: round -> apex A address.
    std::map<int, std::string> rounds;
    std::ifstream truth(test::dataPath("timeline/globex-test-apex-by-round.tsv"));
    int round = 0;
    std::string type;
    std::string address;
    while (truth >> round >> type >> address) {
        if (type == "A")
            rounds[round] = address;
    }
    ASSERT_EQ(rounds.size(), 3U);

    auto t = TimelineBuilder(*db).build("globex.test", {});
    ASSERT_TRUE(t.ok()) << t.error().describe();
    EXPECT_EQ(t->bucketSeconds, 1);
    std::vector<std::pair<std::string, std::string>> changes;
    std::int64_t previous = 0;
    for (const auto& e : t->events) {
        if (e.type != "A")
            continue;
        ASSERT_EQ(e.removed.size(), 1U);
        ASSERT_EQ(e.added.size(), 1U);
        changes.emplace_back(e.removed[0], e.added[0]);
        EXPECT_GT(e.time, previous);
        previous = e.time;
    }
    const std::vector<std::pair<std::string, std::string>> expected = {{rounds[1], rounds[2]},
                                                                       {rounds[2], rounds[3]}};
    EXPECT_EQ(changes, expected);
    // The NS set did not change between rounds: no NS event.
    for (const auto& e : t->events)
        EXPECT_NE(e.type, "NS") << e.text;
}

// The lab moves umbrella.corp from the shared hoster to its own nameservers in round 2: one
// NS event, at the first sighting of the new set, from the round-1 set to the round-2 set of
// the zone files, worded as a provider move.
TEST(Timeline, LabNameserverMoveMatchesTheZoneFiles) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    ASSERT_NO_FATAL_FAILURE(importLabRounds(*db));
    std::map<int, std::vector<std::string>> rounds;  // sorted: the file is sorted
    std::ifstream truth(test::dataPath("timeline/umbrella-corp-ns-by-round.tsv"));
    int round = 0;
    std::string type;
    std::string host;
    while (truth >> round >> type >> host)
        rounds[round].push_back(host);
    ASSERT_EQ(rounds.size(), 3U);
    ASSERT_NE(rounds[1], rounds[2]);
    ASSERT_EQ(rounds[2], rounds[3]);

    auto t = TimelineBuilder(*db).build("umbrella.corp", {});
    ASSERT_TRUE(t.ok()) << t.error().describe();
    std::vector<timeline::ChangeEvent> ns;
    for (const auto& e : t->events) {
        if (e.type == "NS")
            ns.push_back(e);
    }
    ASSERT_EQ(ns.size(), 1U);
    const auto& e = ns.front();
    EXPECT_EQ(e.entity, "umbrella.corp");
    // NS lanes carry whole sets ("a, b"): one removed set, one added set.
    auto joined = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& s : v)
            out += (out.empty() ? "" : ", ") + s;
        return out;
    };
    ASSERT_EQ(e.removed.size(), 1U);
    ASSERT_EQ(e.added.size(), 1U);
    EXPECT_EQ(e.removed.front(), joined(rounds[1]));
    EXPECT_EQ(e.added.front(), joined(rounds[2]));
    EXPECT_EQ(e.text, "NS moved from dnshost.lab to self-hosted");
    // The event sits between the last sighting of the old set and the first of the new one.
    std::int64_t oldLast = 0;
    std::int64_t newFirst = INT64_MAX;
    for (const auto& lane : t->lanes) {
        if (lane.type != "NS" || lane.buckets.empty())
            continue;
        if (lane.label == joined(rounds[1]))
            oldLast = lane.buckets.back().start;
        if (lane.label == joined(rounds[2]))
            newFirst = lane.buckets.front().start;
    }
    EXPECT_GT(e.time, oldLast);
    EXPECT_EQ(e.time, newFirst);
}

}  // namespace
}  // namespace tapir
