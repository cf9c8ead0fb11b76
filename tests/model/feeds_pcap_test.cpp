// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/pcap_reader.h"

#include <set>

#include "feeds_test_util.h"

namespace tapir {
namespace {

using test::dataPath;

// Golden test: the (rrname, rrtype, rdata) set equals what tshark decodes from the same file
// (tools/pcap_expected.py); the variants re-wrap the lab cut (tools/make_pcap_fixtures.py).
struct Case {
    std::string capture;
    std::string expected;
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.capture;
}

class PcapGolden : public ::testing::TestWithParam<Case> {};

TEST_P(PcapGolden, MatchesTshark) {
    PcapReader reader;
    auto r = test::readPath(reader, dataPath("pcap/" + GetParam().capture));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    EXPECT_EQ(r.stats.skipped, 0U) << (r.stats.issues.empty() ? "" : r.stats.issues[0].describe());
    test::expectSameKeys(r.keys(), test::expectedKeys(dataPath("pcap/" + GetParam().expected)));
}

INSTANTIATE_TEST_SUITE_P(Captures, PcapGolden,
                         ::testing::Values(Case{"lab-cut.pcap", "lab-cut.expected.tsv"},
                                           Case{"lab-cut.pcapng", "lab-cut-ng.expected.tsv"},
                                           Case{"sll.pcap", "sll.expected.tsv"},
                                           Case{"sll2.pcap", "sll2.expected.tsv"},
                                           Case{"raw.pcap", "raw.expected.tsv"},
                                           Case{"null.pcap", "null.expected.tsv"},
                                           Case{"vlan.pcap", "vlan.expected.tsv"},
                                           Case{"ipv6.pcap", "ipv6.expected.tsv"},
                                           Case{"fragments.pcap", "fragments.expected.tsv"},
                                           Case{"tcp-streams.pcap", "tcp-streams.expected.tsv"}),
                         [](const ::testing::TestParamInfo<Case>& param) {
                             std::string n = param.param.capture;
                             for (char& c : n)
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return n;
                         });

TEST(Pcap, LinkLayerVariantsGiveTheSameRecordsAsTheOriginal) {
    PcapReader a;
    const auto original = test::readPath(a, dataPath("pcap/lab-cut.pcap")).sink.counts;
    ASSERT_FALSE(original.empty());
    for (const char* f : {"lab-cut.pcapng", "sll.pcap", "sll2.pcap", "raw.pcap", "null.pcap",
                          "vlan.pcap", "ipv6.pcap"}) {
        PcapReader b;
        EXPECT_EQ(test::readPath(b, dataPath(std::string("pcap/") + f)).sink.counts, original) << f;
    }
}

TEST(Pcap, TcpStreamsWithSeveralMessagesEarlyAndRepeatedSegments) {
    PcapReader reader;
    auto r = test::readPath(reader, dataPath("pcap/tcp-streams.pcap"));
    ASSERT_TRUE(r.status.ok());
    // 12 streams of 5 responses; each response contributes at least one RR.
    EXPECT_GE(r.stats.observations, 60U);
    EXPECT_GE(r.stats.dropped.at("queries (client side)"), 12U);
}

TEST(Pcap, ContainsEveryRecordPassiveDnsLoggedFromTheSameCapture) {
    // passivedns logs only the target of MX, SRV and SOA answers; compare on that.
    auto target = [](const std::string& type, const std::string& rdata) {
        std::vector<std::string> f;
        std::string cur;
        for (char c : rdata + " ") {
            if (c == ' ') {
                if (!cur.empty())
                    f.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        if (type == "MX" && f.size() > 1)
            return f[1];
        if (type == "SRV" && f.size() > 3)
            return f[3];
        if (type == "SOA" && !f.empty())
            return f[0];
        return rdata;
    };
    PcapReader reader;
    // The full lab capture is not in the repository; use it where the lab samples are.
    const std::string lab = std::string(TAPIR_TEST_DATA) + "/../../../shared/samples/lab.pcap";
    if (!std::filesystem::exists(lab)) {
        GTEST_SKIP() << "shared/samples/lab.pcap not present";
    }
    auto r = test::readPath(reader, lab);
    ASSERT_TRUE(r.status.ok());
    std::set<test::Key> reduced;
    for (const auto& [k, n] : r.sink.counts) {
        reduced.insert({std::get<0>(k), std::get<1>(k), target(std::get<1>(k), std::get<2>(k))});
    }
    const auto pdns = test::readExpected(dataPath("passivedns/passivedns.expected.tsv"));
    ASSERT_GT(pdns.size(), 500U);
    for (const auto& [k, n] : pdns) {
        EXPECT_TRUE(reduced.count(k))
            << std::get<0>(k) << " " << std::get<1>(k) << " " << std::get<2>(k);
    }
}

TEST(Pcap, NeverEmitsAddressesFromPacketHeaders) {
    PcapReader reader;
    auto r = test::readPath(reader, dataPath("pcap/lab-cut.pcap"));
    ASSERT_FALSE(r.sink.all.empty());
    for (const auto& o : r.sink.all) {
        // The lab's clients are 127.53.100.1-4 (dnsperf); its servers' glue is real data.
        EXPECT_FALSE(o.rdata.starts_with("127.53.100.")) << o.rrname << " " << o.rdata;
        EXPECT_FALSE(o.rrname.starts_with("127.53.100.")) << o.rrname;
    }
}

TEST(Pcap, PortsAreConfigurable) {
    PcapOptions options;
    options.ports = {5353};
    PcapReader reader(options);
    auto r = test::readPath(reader, dataPath("pcap/lab-cut.pcap"));
    ASSERT_TRUE(r.status.ok());
    EXPECT_TRUE(r.sink.all.empty());
    EXPECT_GT(r.stats.dropped.at("non-DNS packets"), 0U);
}

TEST(Pcap, TruncatedCaptureKeepsWhatCameBeforeAndWarns) {
    auto bytes = test::readFile(dataPath("pcap/lab-cut.pcap"));
    bytes.resize(bytes.size() / 2 + 7);
    PcapReader reader;
    auto r = test::readWith(reader, memoryInput(bytes, "cut.pcap"));
    ASSERT_TRUE(r.status.ok());
    EXPECT_FALSE(r.sink.all.empty());
    ASSERT_EQ(r.stats.warnings.size(), 1U);
    EXPECT_NE(r.stats.warnings[0].find("truncated"), std::string::npos) << r.stats.warnings[0];
}

TEST(Pcap, DetectedByMagicAndCompressedCapturesStream) {
    test::TempDir dir;
    const std::string copy = dir.file("capture.bin");
    test::writeFile(copy, test::readFile(dataPath("pcap/lab-cut.pcapng")));
    ASSERT_EQ(std::system(("gzip -k " + copy).c_str()), 0);
    auto head = test::readFile(copy).substr(0, 64);
    EXPECT_EQ(detectFormat(head, "x.txt").value()->name, "pcap");
    PcapReader a;
    PcapReader b;
    EXPECT_EQ(test::readPath(a, copy).sink.counts, test::readPath(b, copy + ".gz").sink.counts);
}

}  // namespace
}  // namespace tapir
