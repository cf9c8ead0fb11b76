// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/zeek_reader.h"

#include "feeds_test_util.h"

namespace tapir {
namespace {

using test::dataPath;

// The TSV and the JSON fixture hold the same entries (tests/data/zeek/README.md); both must
// give the hand-derived expected set.
class ZeekGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ZeekGolden, MatchesExpected) {
    ZeekReader reader;
    auto r = test::readPath(reader, dataPath("zeek/" + GetParam()));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    test::expectSameKeys(r.keys(), test::expectedKeys(dataPath("zeek/dns.expected.tsv")));
    EXPECT_EQ(r.stats.recordsRead, 10U);
    EXPECT_EQ(r.stats.skipped, 1U);  // the garbage line
    ASSERT_EQ(r.stats.issues.size(), 1U);
    EXPECT_EQ(r.stats.issues[0].line, GetParam() == "dns.log" ? 16U : 8U);
    EXPECT_EQ(r.stats.dropped.at("queries without a logged response"), 1U);
    EXPECT_EQ(r.stats.dropped.at("SERVFAIL responses (no data)"), 1U);
    EXPECT_EQ(r.stats.dropped.at("answers Zeek logs without rdata (DNSSEC, unknown types)"), 1U);
}

INSTANTIATE_TEST_SUITE_P(Writers, ZeekGolden, ::testing::Values("dns.log", "dns.json"));

TEST(Zeek, TimesAndOwnersOfTheCnameChain) {
    ZeekReader reader;
    auto r = test::readPath(reader, dataPath("zeek/dns.log"));
    ASSERT_TRUE(r.status.ok());
    ASSERT_GE(r.sink.all.size(), 3U);
    EXPECT_EQ(r.sink.all[0].rrname, "www.wonka.test");
    EXPECT_EQ(r.sink.all[0].firstSeen, 1795714029);
    EXPECT_EQ(r.sink.all[1].rrname, "cdn.wonka.test");  // owned by the CNAME's target
}

TEST(Zeek, HeaderWithoutDnsFieldsFailsTheFileNamingThem) {
    const std::string log =
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
        "#path\tconn\n#fields\tts\tuid\tid.orig_h\tquery\n";
    ZeekReader reader;
    auto r = test::readWith(reader, memoryInput(log, "conn.log"));
    ASSERT_FALSE(r.status.ok());
    EXPECT_EQ(r.status.error().line, 6U);
    EXPECT_NE(r.status.error().message.find("qtype_name, rcode_name, answers"), std::string::npos)
        << r.status.error().message;
}

// Drop reasons name buckets of the report: a file with a distinct bad class or RCODE on every
// line must not grow the report by one bucket per line (issue 10, hostile input).
TEST(Zeek, DropReasonsStayBoundedWhateverTheValues) {
    constexpr int kLines = 10000;
    std::string log;
    for (int i = 0; i < kLines; ++i) {
        const std::string n = std::to_string(i);
        log += R"({"ts":1795714029,"query":"a.test","qclass_name":"C_INTERNET","qtype_name":"A",)"
               R"("rcode_name":"BOGUS)" +
               n + R"(","answers":["192.0.2.1"],"TTLs":[60.0]})" + "\n";
        log += R"({"ts":1795714029,"query":"b.test","qclass_name":"C_X)" + n +
               R"(","qtype_name":"A","rcode_name":"NOERROR","answers":["192.0.2.2"],"TTLs":[60.0]})"
               "\n";
    }
    // Known values keep their own bucket, numbers included.
    log +=
        R"({"ts":1795714029,"query":"c.test","qclass":3,"qtype_name":"A","rcode":5,"answers":[]})"
        "\n";
    log +=
        R"({"ts":1795714029,"query":"c.test","qclass":1,"qtype_name":"A","rcode":2,"answers":[]})"
        "\n";
    ZeekReader reader;
    auto r = test::readWith(reader, memoryInput(log, "dns.json"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    EXPECT_LE(r.stats.dropped.size(), 4U);
    std::uint64_t total = 0;
    for (const auto& [reason, n] : r.stats.dropped)
        total += n;
    EXPECT_EQ(total, 2U * kLines + 2U);
    EXPECT_EQ(r.stats.dropped["other RCODE responses (no data)"], std::uint64_t{kLines});
    EXPECT_EQ(r.stats.dropped["non-IN class queries (other)"], std::uint64_t{kLines});
    EXPECT_EQ(r.stats.dropped["non-IN class queries (C_CHAOS)"], 1U);
    EXPECT_EQ(r.stats.dropped["SERVFAIL responses (no data)"], 1U);
    EXPECT_TRUE(r.sink.all.empty());
}

TEST(Zeek, DetectedByContent) {
    const auto tsv = test::readFile(dataPath("zeek/dns.log"));
    const auto json = test::readFile(dataPath("zeek/dns.json"));
    EXPECT_EQ(detectFormat(tsv, "x.json").value()->name, "zeek");
    EXPECT_EQ(detectFormat(json, "x.log").value()->name, "zeek");
}

}  // namespace
}  // namespace tapir
