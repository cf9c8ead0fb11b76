// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/suricata_reader.h"

#include "feeds_test_util.h"

namespace tapir {
namespace {

using test::dataPath;

TEST(Suricata, VersionsOneTwoAndThreeMatchExpected) {
    SuricataReader reader;
    auto r = test::readPath(reader, dataPath("suricata/eve.json"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    test::expectSameKeys(r.keys(), test::expectedKeys(dataPath("suricata/eve.expected.tsv")));
    EXPECT_EQ(r.stats.recordsRead, 16U);
    EXPECT_EQ(r.stats.dropped.at("non-DNS EVE events"), 3U);  // flow, alert, stats
    EXPECT_EQ(r.stats.dropped.at("DNS query events (client side)"), 2U);
    EXPECT_EQ(r.stats.dropped.at("SERVFAIL responses (no data)"), 1U);
    ASSERT_EQ(r.stats.issues.size(), 2U);
    EXPECT_EQ(r.stats.issues[0].line, 15U);
    EXPECT_EQ(r.stats.issues[1].line, 16U);
}

TEST(Suricata, TimestampOffsetsAreUtc) {
    SuricataReader reader;
    const std::string eve =
        R"({"timestamp":"2026-11-26T18:27:09.5+0100","event_type":"dns","dns":{"type":"answer","rrname":"a.test","rrtype":"A","rdata":"192.0.2.1"}})"
        "\n"
        R"({"timestamp":"2026-11-26T11:27:09-06:00","event_type":"dns","dns":{"type":"answer","rrname":"b.test","rrtype":"A","rdata":"192.0.2.2"}})"
        "\n";
    auto r = test::readWith(reader, memoryInput(eve, "eve.json"));
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.sink.all.size(), 2U);
    EXPECT_EQ(r.sink.all[0].firstSeen, 1795714029);  // 2026-11-26T17:27:09Z
    EXPECT_EQ(r.sink.all[1].firstSeen, 1795714029);
}

// Drop reasons name buckets of the report: a distinct bogus RCODE on every event must not
// grow the report by one bucket per event (issue 10, hostile input).
TEST(Suricata, DropReasonsStayBoundedWhateverTheRcodes) {
    constexpr int kEvents = 10000;
    std::string eve;
    for (int i = 0; i < kEvents; ++i) {
        eve += R"({"timestamp":"2026-11-26T17:27:09Z","event_type":"dns","dns":{"version":2,)"
               R"("type":"answer","rrname":"a.test","rrtype":"A","rcode":"BOGUS)" +
               std::to_string(i) + R"("}})" + "\n";
    }
    eve += R"({"timestamp":"2026-11-26T17:27:09Z","event_type":"dns","dns":{"version":2,)"
           R"("type":"answer","rrname":"a.test","rrtype":"A","rcode":"REFUSED"}})"
           "\n";
    SuricataReader reader;
    auto r = test::readWith(reader, memoryInput(eve, "eve.json"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    EXPECT_LE(r.stats.dropped.size(), 2U);
    EXPECT_EQ(r.stats.dropped["other RCODE responses (no data)"], std::uint64_t{kEvents});
    EXPECT_EQ(r.stats.dropped["REFUSED responses (no data)"], 1U);
    EXPECT_TRUE(r.sink.all.empty());
}

TEST(Suricata, DetectedByContentEvenWhenTheFirstEventIsNotDns) {
    const auto eve = test::readFile(dataPath("suricata/eve.json"));
    EXPECT_EQ(detectFormat(eve, "x.log").value()->name, "suricata");
}

}  // namespace
}  // namespace tapir
