// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "feeds/cof_reader.h"
#include "feeds/feed_reader.h"
#include "feeds/input_stream.h"
#include "feeds/line_reader.h"
#include "feeds/passivedns_reader.h"
#include "test_util.h"

namespace tapir {
namespace {

using test::CollectingSink;
using test::dataPath;

struct ReadResult {
    Status status;
    ReadStats stats;
    CollectingSink sink;
};

ReadResult readWith(FeedReader& reader, std::unique_ptr<InputStream> input) {
    ReadResult r;
    NullProgress progress;
    CancelToken cancel;
    ReadContext context(input->path(), progress, cancel);
    r.status = reader.read(*input, r.sink, context);
    r.stats = context.stats();
    return r;
}

ReadResult readFile(FeedReader& reader, const std::string& path) {
    auto input = openInput(path);
    EXPECT_TRUE(input.ok());
    return readWith(reader, std::move(*input));
}

// Golden test: every (rrname, rrtype, rdata) key and its summed count equal what the
// independent oracle (tools/passivedns_expected.py) computed from the same log.
class PassiveDnsGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(PassiveDnsGolden, MatchesOracle) {
    PassiveDnsReader reader;
    auto r = readFile(reader, dataPath("passivedns/" + GetParam() + ".log"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    EXPECT_EQ(r.stats.skipped, 0U);
    const auto expected =
        test::readExpected(dataPath("passivedns/" + GetParam() + ".expected.tsv"));
    EXPECT_EQ(r.sink.counts.size(), expected.size());
    for (const auto& [key, count] : expected) {
        auto it = r.sink.counts.find(key);
        if (it == r.sink.counts.end()) {
            ADD_FAILURE() << "missing " << std::get<0>(key) << " " << std::get<1>(key) << " "
                          << std::get<2>(key);
        } else {
            EXPECT_EQ(it->second, count) << std::get<0>(key);
        }
    }
    for (const auto& [key, count] : r.sink.counts) {
        EXPECT_TRUE(expected.count(key)) << "unexpected " << std::get<0>(key) << " "
                                         << std::get<1>(key) << " " << std::get<2>(key);
    }
}

INSTANTIATE_TEST_SUITE_P(Samples, PassiveDnsGolden,
                         ::testing::Values("passivedns", "passivedns-nxdomain"));

TEST(PassiveDns, JsonAndPipeLogsAgree) {
    PassiveDnsReader a;
    PassiveDnsReader b;
    auto pipe = readFile(a, dataPath("passivedns/passivedns-nxdomain.log"));
    auto json = readFile(b, dataPath("passivedns/passivedns-nxdomain.json"));
    ASSERT_TRUE(pipe.status.ok());
    ASSERT_TRUE(json.status.ok());
    EXPECT_EQ(pipe.sink.counts, json.sink.counts);
    EXPECT_EQ(json.stats.dropped.at("SERVFAIL answers (no data)"), 12U);
}

TEST(PassiveDns, NeverEmitsClientAddresses) {
    // The client field of every line, read independently of the reader.
    std::set<std::string> clients;
    std::istringstream log(test::readFile(dataPath("passivedns/passivedns.log")));
    for (std::string line; std::getline(log, line);) {
        const auto a = line.find("||");
        clients.insert(line.substr(a + 2, line.find("||", a + 2) - a - 2));
    }
    ASSERT_TRUE(clients.count("127.53.100.1"));
    PassiveDnsReader reader;
    auto r = readFile(reader, dataPath("passivedns/passivedns.log"));
    ASSERT_FALSE(r.sink.all.empty());
    for (const auto& o : r.sink.all) {
        EXPECT_FALSE(clients.count(o.rdata)) << o.rrname << " " << o.rdata;
        EXPECT_FALSE(clients.count(o.rrname)) << o.rrname;
    }
}

TEST(PassiveDns, BadLinesAreSkippedWithLineNumbers) {
    const std::string log =
        "1795714029.1||10.0.0.1||10.0.0.2||IN||good.example.||A||192.0.2.1||60||1\n"
        "garbage line\n"
        "notatime||10.0.0.1||10.0.0.2||IN||bad.example.||A||192.0.2.1||60||1\n"
        "1795714030||10.0.0.1||10.0.0.2||IN||bad.example.||WHAT||192.0.2.1||60||1\n"
        "1795714031||10.0.0.1||10.0.0.2||IN||good2.example.||A||192.0.2.2||60||2\n";
    PassiveDnsReader reader;
    auto r = readWith(reader, memoryInput(log, "mem.log"));
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.stats.recordsRead, 5U);
    EXPECT_EQ(r.stats.skipped, 3U);
    ASSERT_EQ(r.stats.issues.size(), 3U);
    EXPECT_EQ(r.stats.issues[0].line, 2U);
    EXPECT_EQ(r.stats.issues[1].line, 3U);
    EXPECT_EQ(r.stats.issues[2].line, 4U);
    EXPECT_NE(r.stats.issues[2].describe().find("mem.log:4"), std::string::npos);
    EXPECT_EQ(r.sink.all.size(), 2U);
    EXPECT_EQ(r.sink.all[1].count, 2U);
}

TEST(Cof, StreamingFramingArraysAndTruncation) {
    CofReader reader;
    auto r = readFile(reader, dataPath("cof/dnsdb-stream.json"));
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.stats.skipped, 0U);
    EXPECT_EQ(r.sink.all.size(), 5U);
    EXPECT_EQ(r.sink.all[0].rrname, "www.example.com");
    EXPECT_EQ(r.sink.all[0].bailiwick, "example.com");
    EXPECT_EQ(r.sink.all[0].count, 12U);
    EXPECT_EQ(r.sink.all[2].rdata, "ns1.dnshost.lab");
    EXPECT_EQ(r.sink.all[2].count, 3U);
    EXPECT_EQ(r.sink.all[2].firstSeen, 1700000100);
    EXPECT_EQ(r.sink.all[4].rdata, "10 mail.example.com");
    EXPECT_EQ(r.sink.all[4].firstSeen, 1690000000);
    ASSERT_EQ(r.stats.warnings.size(), 1U);
    EXPECT_NE(r.stats.warnings[0].find("limited"), std::string::npos);
}

TEST(Cof, StringNumbersIsoTimesAndBadLines) {
    CofReader reader;
    auto r = readFile(reader, dataPath("cof/plain.json"));
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.stats.skipped, 2U);
    ASSERT_EQ(r.stats.issues.size(), 2U);
    EXPECT_EQ(r.stats.issues[0].line, 3U);
    EXPECT_EQ(r.stats.issues[1].line, 4U);
    ASSERT_EQ(r.sink.all.size(), 3U);
    EXPECT_EQ(r.sink.all[0].firstSeen, 1767225600);  // 2026-01-01T00:00:00Z
    EXPECT_EQ(r.sink.all[0].lastSeen, 1767312000);
    // Both spellings of the address are one key.
    EXPECT_EQ((r.sink.counts[{"mail.example.com", "AAAA", "2001:db8::1"}]), 7U);
    EXPECT_TRUE(r.stats.warnings.empty());
}

TEST(Detect, ByContentNotName) {
    auto pdns = test::readFile(dataPath("passivedns/passivedns.log"));
    auto cof = test::readFile(dataPath("cof/plain.json"));
    auto pjson = test::readFile(dataPath("passivedns/passivedns-nxdomain.json"));
    EXPECT_EQ(detectFormat(pdns, "x.json").value()->name, "passivedns");
    EXPECT_EQ(detectFormat(cof, "x.log").value()->name, "cof");
    EXPECT_EQ(detectFormat(pjson, "x").value()->name, "passivedns");
    auto unknown = detectFormat("hello world\n", "notes.txt");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().describe().find("notes.txt"), std::string::npos);
    EXPECT_NE(unknown.error().message.find("passivedns"), std::string::npos);
    EXPECT_FALSE(detectFormat("", "empty").ok());
}

TEST(LineReader, LongLinesAreReportedNotBuffered) {
    std::string data = "short\n" + std::string(5000, 'x') + "\nafter\nlast-no-newline";
    auto input = memoryInput(data, "mem");
    LineReader lines(*input, 1000);
    std::vector<std::string> got;
    std::vector<bool> tooLong;
    for (;;) {
        auto l = lines.next();
        ASSERT_TRUE(l.ok());
        if (!*l)
            break;
        got.emplace_back((*l)->text);
        tooLong.push_back((*l)->tooLong);
    }
    ASSERT_EQ(got.size(), 4U);
    EXPECT_EQ(got[0], "short");
    EXPECT_TRUE(tooLong[1]);
    EXPECT_EQ(got[2], "after");
    EXPECT_EQ(got[3], "last-no-newline");
}

TEST(Input, GzipIsDecompressedTransparently) {
    test::TempDir dir;
    const std::string plain = dir.file("feed.log");
    test::writeFile(plain, test::readFile(dataPath("passivedns/passivedns-nxdomain.log")));
    ASSERT_EQ(std::system(("gzip -k " + plain).c_str()), 0);
    PassiveDnsReader a;
    PassiveDnsReader b;
    auto r1 = readFile(a, plain);
    auto r2 = readFile(b, plain + ".gz");
    ASSERT_TRUE(r2.status.ok());
    EXPECT_EQ(r1.sink.counts, r2.sink.counts);
    auto input = openInput(plain + ".gz");
    EXPECT_EQ((*input)->compression(), "gzip");
}

}  // namespace
}  // namespace tapir
