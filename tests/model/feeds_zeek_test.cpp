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

TEST(Zeek, DetectedByContent) {
    const auto tsv = test::readFile(dataPath("zeek/dns.log"));
    const auto json = test::readFile(dataPath("zeek/dns.json"));
    EXPECT_EQ(detectFormat(tsv, "x.json").value()->name, "zeek");
    EXPECT_EQ(detectFormat(json, "x.log").value()->name, "zeek");
}

}  // namespace
}  // namespace tapir
