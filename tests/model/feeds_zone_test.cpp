// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/zone_reader.h"

#include "feeds/bundle_reader.h"
#include "feeds/dnstap_reader.h"
#include "feeds_test_util.h"

namespace tapir {
namespace {

using test::dataPath;

constexpr std::int64_t kFileTime = 1795000000;

// Read as the importer does (4 MiB blocks), then again in blocks of 7 bytes, which cuts
// the text at every kind of place (inside quotes, comments and parentheses): both must give
// the same observations and report the same problems.
test::ReadResult readZone(std::string text, std::optional<std::int64_t> time = kFileTime) {
    ZoneReader reader;
    auto whole = test::readWith(reader, memoryInput(text, "example.zone", time));
    ZoneReader tiny(7);
    auto cut = test::readWith(tiny, memoryInput(std::move(text), "example.zone", time));
    EXPECT_EQ(cut.sink.counts, whole.sink.counts);
    EXPECT_EQ(cut.stats.skipped, whole.stats.skipped);
    EXPECT_EQ(cut.stats.issues.size(), whole.stats.issues.size());
    for (std::size_t i = 0; i < std::min(cut.stats.issues.size(), whole.stats.issues.size()); ++i)
        EXPECT_EQ(cut.stats.issues[i].line, whole.stats.issues[i].line);
    return whole;
}

TEST(Zone, ReadsAMasterFileInNormalForm) {
    auto r = readZone(
        "; a comment line\n"
        "$ORIGIN Example.COM.\n"
        "$TTL 1h\n"
        "@ IN SOA ns1 hostmaster ( 2024060101 ; serial\n"
        "          7200 900 1209600 300 )\n"
        "  86400 IN NS ns1\n"      // owner omitted: the apex again
        "  NS ns2.example.net.\n"  // TTL and class omitted too
        "www 60 IN A 192.0.2.1\n"
        "www IN 60 AAAA 2001:DB8::1\n"  // class before TTL
        "mail MX 10 mx.Example.NET.\n"
        "txt TXT \"v=spf1 -all; (x)\" \"two\"\n"  // ; and ( inside quotes
        "esc TXT \"a\\\"b\\059\"\n"
        "_sip._tcp SRV 10 5 5060 sip\n"
        "caa CAA 0 issue \"ca.example.net\"\n"
        "alias CNAME www\n");
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    const std::set<test::Key> expected = {
        {"example.com", "SOA",
         "ns1.example.com hostmaster.example.com 2024060101 7200 900 1209600 300"},
        {"example.com", "NS", "ns1.example.com"},
        {"example.com", "NS", "ns2.example.net"},
        {"www.example.com", "A", "192.0.2.1"},
        {"www.example.com", "AAAA", "2001:db8::1"},
        {"mail.example.com", "MX", "10 mx.example.net"},
        {"txt.example.com", "TXT", "\"v=spf1 -all; (x)\" \"two\""},
        {"esc.example.com", "TXT", "\"a\\\"b;\""},
        {"_sip._tcp.example.com", "SRV", "10 5 5060 sip.example.com"},
        {"caa.example.com", "CAA", "0 issue \"ca.example.net\""},
        {"alias.example.com", "CNAME", "www.example.com"},
    };
    test::expectSameKeys(r.keys(), expected);
    EXPECT_EQ(r.stats.recordsRead, expected.size());
    EXPECT_EQ(r.stats.observations, expected.size());
    EXPECT_EQ(r.stats.skipped, 0U);
    for (const auto& o : r.sink.all) {
        EXPECT_EQ(o.bailiwick, "example.com") << o.rrname;
        EXPECT_EQ(o.firstSeen, kFileTime);
        EXPECT_EQ(o.lastSeen, kFileTime);
        EXPECT_EQ(o.count, 1U);
    }
}

// A zone saved on Windows: Knot's scanner refuses CR, Tapir reads it.
TEST(Zone, ReadsCrlfLineEnds) {
    auto r = readZone(
        "$ORIGIN example.com.\r\n$TTL 300\r\n@ IN SOA ns1 host 1 2 3 4 5\r\n"
        "www IN A 192.0.2.1\r\nbad IN A 1.2.3\r\ntxt TXT \"a b\"\r\n");
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    const std::set<test::Key> expected = {
        {"example.com", "SOA", "ns1.example.com host.example.com 1 2 3 4 5"},
        {"www.example.com", "A", "192.0.2.1"},
        {"txt.example.com", "TXT", "\"a b\""},
    };
    test::expectSameKeys(r.keys(), expected);
    ASSERT_EQ(r.stats.issues.size(), 1U);
    EXPECT_EQ(r.stats.issues[0].line, 5U);
}

// ICANN's CZDS hands out TLD zones as one fully qualified record per line, tab-separated,
// in lower case, signed.
TEST(Zone, ReadsACzdsDump) {
    auto r = readZone(
        "example.\t86400\tin\tsoa\ta.nic.example. noc.nic.example. 1 1800 900 604800 86400\n"
        "example.\t172800\tin\tns\ta.nic.example.\n"
        "brand-login.example.\t3600\tin\tns\tns1.parking.test.\n"
        "brand-login.example.\t3600\tin\tds\t2371 13 2 "
        "1F987CC6583E92DF0890718C42A3F6E2D46D3C2E3A6B8A6E1C9E0A6B2F3C4D5E\n"
        "a.nic.example.\t172800\tin\ta\t192.0.2.53\n");
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    const std::set<test::Key> expected = {
        {"example", "SOA", "a.nic.example noc.nic.example 1 1800 900 604800 86400"},
        {"example", "NS", "a.nic.example"},
        {"brand-login.example", "NS", "ns1.parking.test"},
        {"brand-login.example", "DS",
         "2371 13 2 1f987cc6583e92df0890718c42a3f6e2d46d3c2e3a6b8a6e1c9e0a6b2f3c4d5e"},
        {"a.nic.example", "A", "192.0.2.53"},
    };
    test::expectSameKeys(r.keys(), expected);
    EXPECT_EQ(r.sink.all.back().bailiwick, "example");
}

TEST(Zone, SkipsBadLinesWithTheirNumbersAndGoesOn) {
    auto r = readZone(
        "$ORIGIN example.com.\n"
        "@ IN SOA ns1 host 1 2 3 4 5\n"
        "a IN A 192.0.2.300\n"  // line 3: bad address
        "b IN FOO 1\n"          // line 4: unknown type
        "c IN A 192.0.2.3\n"
        "d CH TXT \"chaos\"\n"                     // line 6: not class IN
        "elsewhere.example.net. IN A 192.0.2.9\n"  // outside the zone
        "$INCLUDE /etc/passwd\n"                   // never followed
        "e IN A 192.0.2.5\n");
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    const std::set<test::Key> expected = {
        {"example.com", "SOA", "ns1.example.com host.example.com 1 2 3 4 5"},
        {"c.example.com", "A", "192.0.2.3"},
        {"e.example.com", "A", "192.0.2.5"},
    };
    test::expectSameKeys(r.keys(), expected);
    EXPECT_EQ(r.stats.skipped, 3U);
    ASSERT_EQ(r.stats.issues.size(), 3U);
    EXPECT_EQ(r.stats.issues[0].line, 3U);
    EXPECT_EQ(r.stats.issues[1].line, 4U);
    EXPECT_EQ(r.stats.issues[2].line, 6U);
    EXPECT_EQ(r.stats.issues[0].file, "example.zone");
    EXPECT_EQ(r.stats.issues[1].message, "invalid number: 'b IN FOO 1'");
    EXPECT_EQ(r.stats.dropped.at("$INCLUDE directives (not followed)"), 1U);
    EXPECT_EQ(r.stats.dropped.at("out-of-zone RRs (not stored: outside the apex of the zone's "
                                 "SOA)"),
              1U);
}

// An error the scanner cannot go on from (here an $INCLUDE with a bad origin) costs its
// line, not the rest of the file: origin, TTL and the last owner carry over.
TEST(Zone, GoesOnAfterAnErrorThatStopsTheScanner) {
    auto r = readZone(
        "$ORIGIN example.com.\n"
        "$TTL 300\n"
        "www IN A 192.0.2.1\n"
        "$INCLUDE /etc/passwd bad..origin\n"
        "  IN AAAA 2001:db8::1\n"
        "mail IN A 192.0.2.2\n"
        "tail IN A (192.0.2.3\n");  // a parenthesis never closed: read, then reported
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    const std::set<test::Key> expected = {
        {"www.example.com", "A", "192.0.2.1"},
        {"www.example.com", "AAAA", "2001:db8::1"},
        {"mail.example.com", "A", "192.0.2.2"},
        {"tail.example.com", "A", "192.0.2.3"},
    };
    test::expectSameKeys(r.keys(), expected);
    ASSERT_EQ(r.stats.issues.size(), 2U);
    EXPECT_EQ(r.stats.issues[0].line, 4U);
    EXPECT_GE(r.stats.issues[1].line, 7U);
}

TEST(Zone, AFileOfOnlyScannerStoppingLinesIsRefused) {
    std::string text = "$ORIGIN example.com.\n";
    for (int i = 0; i < 10001; ++i)
        text += "$INCLUDE x bad..origin\n";
    ZoneReader reader;
    auto r = test::readWith(reader, memoryInput(text, "hostile.zone", kFileTime));
    ASSERT_FALSE(r.status.ok());
    EXPECT_NE(r.status.error().message.find("stopped 10000 times"), std::string::npos);
    EXPECT_EQ(r.status.error().file, "hostile.zone");
    EXPECT_EQ(r.status.error().line, 10002U);
}

// The zone is handed to the scanner in blocks of 4 MiB, cut between records: records
// spanning lines in parentheses, and the line numbers after the cuts, must survive.
TEST(Zone, BlocksAreCutBetweenRecords) {
    std::string text = "$ORIGIN example.com.\n$TTL 300\n";
    std::uint64_t lines = 2;
    std::uint64_t records = 0;
    while (text.size() < (std::size_t{9} << 20)) {
        const std::string n = std::to_string(records);
        // Nine of its ten newlines are inside the parentheses.
        text += "h" + n + " IN TXT ( \"part one; (\"\n";
        for (int part = 0; part < 8; ++part)
            text += "   \"more\"\n";
        text += "   \"part two\" )\n";
        lines += 10;
        ++records;
    }
    text += "bad IN A 1.2.3\n";
    ++lines;
    text += "  IN A 192.0.2.7\n";  // owner omitted, after the bad line: still "bad"
    auto r = readZone(text);
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    EXPECT_EQ(r.sink.all.size(), records + 1);
    std::string more;
    for (int part = 0; part < 8; ++part)
        more += "\"more\" ";
    for (std::uint64_t i = 0; i < records; ++i) {
        const auto& o = r.sink.all[i];
        ASSERT_EQ(o.rrname, std::string("h").append(std::to_string(i)).append(".example.com"));
        ASSERT_EQ(o.rdata, std::string("\"part one; (\" ").append(more).append("\"part two\""));
    }
    ASSERT_EQ(r.stats.issues.size(), 1U);
    EXPECT_EQ(r.stats.issues[0].line, lines);
    EXPECT_EQ(r.sink.all.back().rrname, "bad.example.com");
}

TEST(Zone, WithoutAFileTimeRecordsAreDatedByTheImport) {
    const auto before = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    auto r = readZone("example.com. 300 IN A 192.0.2.1\n", std::nullopt);
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.sink.all.size(), 1U);
    EXPECT_GE(r.sink.all[0].firstSeen, before);
    ASSERT_EQ(r.stats.warnings.size(), 1U);
    EXPECT_NE(r.stats.warnings[0].find("modification time"), std::string::npos);
}

TEST(Zone, DatedByTheFileOrTheArchiveMember) {
    BundleReader bundle;
    auto r = test::readPath(bundle, dataPath("zone/zones-round1.tar.gz"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    ASSERT_FALSE(r.sink.all.empty());
    // The members' mtimes in the tar (the lab wrote them over five seconds), not now.
    for (const auto& o : r.sink.all) {
        EXPECT_GE(o.firstSeen, 1795714023) << o.rrname;
        EXPECT_LE(o.firstSeen, 1795714028) << o.rrname;
    }
}

// `tapir-cli import --time T` (ImportOptions::fileTime): a copied zone's file time says
// when it was copied, so the user's time wins, also inside archives.
TEST(Zone, AGivenTimeWinsOverTheFileTimes) {
    constexpr std::int64_t kGiven = 1780000000;
    NullProgress progress;
    CancelToken cancel;
    for (const bool archive : {false, true}) {
        auto input = archive ? std::move(*openInput(dataPath("zone/zones-round1.tar.gz")))
                             : memoryInput("example.com. 300 IN A 192.0.2.1\n", "x", kFileTime);
        ReadContext context(input->path(), progress, cancel);
        context.setFileTime(kGiven);
        test::CollectingSink sink;
        std::unique_ptr<FeedReader> reader;
        if (archive)
            reader = std::make_unique<BundleReader>();
        else
            reader = std::make_unique<ZoneReader>();
        ASSERT_TRUE(reader->read(*input, sink, context).ok());
        ASSERT_FALSE(sink.all.empty());
        for (const auto& o : sink.all) {
            EXPECT_EQ(o.firstSeen, kGiven) << o.rrname;
            EXPECT_EQ(o.lastSeen, kGiven) << o.rrname;
        }
    }
}

TEST(Zone, DetectedByContent) {
    EXPECT_EQ(detectFormat("$ORIGIN example.com.\n@ IN SOA a b 1 2 3 4 5\n", "x").value()->name,
              "zone");
    EXPECT_EQ(detectFormat("example.\t86400\tin\tsoa\ta. b. 1 2 3 4 5\nexample.\t86400\tin\tns\t"
                           "a.\n",
                           "com.txt")
                  .value()
                  ->name,
              "zone");
    // A zone with as many bad lines as good ones is still a zone (the reader reports them).
    EXPECT_EQ(detectFormat("$ORIGIN evil.example.\n$TTL 300\n@ IN SOA ns1 host 1 2 3 4 5\n"
                           "www IN A 192.0.2.300\n$INCLUDE /etc/passwd\nx IN FOO bar\n"
                           "y IN BAR baz\n",
                           "bad.zone")
                  .value()
                  ->name,
              "zone");
    // dig's output is zone syntax with comments.
    EXPECT_EQ(detectFormat(";; ANSWER SECTION:\nwww.example.com.\t300\tIN\tA\t192.0.2.1\n", "x")
                  .value()
                  ->name,
              "zone");
    // Other formats keep their reader: none of these reads as zone lines.
    for (const char* other :
         {"dnstap/unbound-resolver.dnstap", "passivedns/passivedns.log", "zeek/dns.log",
          "csv/dnsdbq.csv", "cof/plain.json", "suricata/eve.json"}) {
        const std::string head = test::readFile(dataPath(other)).substr(0, 4096);
        EXPECT_EQ(ZoneReader::probe(head), 0) << other;
    }
    // `name TYPE value` lines with neither a directive nor a class could be a TSV: the zone
    // reader still takes them if nothing else does, but any other reader's claim wins.
    const int bare = ZoneReader::probe("www.example.com\tA\t192.0.2.1\nexample.com\tMX\t10 mx\n");
    EXPECT_GT(bare, 20);
    EXPECT_LT(bare, 50);
    const std::string ldnsText =
        "2026-11-26 17:27:11.845094 RQ 127.53.1.1 UDP 28b \".\" IN NS\n"
        "2026-11-26 17:27:11.853715 RR 127.53.1.1 UDP 106b \".\" IN NS\n";
    EXPECT_EQ(ZoneReader::probe(ldnsText), 0);
    EXPECT_EQ(ZoneReader::probe("hello world\nthis is a note\n"), 0);
}

// The same lab run, seen two ways: what NSD served (its zone files) and what the resolvers
// were answered (their dnstap). Every answer must be a zone record, in the same text.
TEST(Zone, EveryRecordTheLabResolversSawIsInTheZonesTheyWereServedFrom) {
    std::set<test::Key> zone;
    for (const char* archive :
         {"zone/zones-round1.tar.gz", "zone/zones-round2.tar.gz", "zone/zones-round3.tar.gz"}) {
        BundleReader bundle;
        auto r = test::readPath(bundle, dataPath(archive));
        ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
        EXPECT_EQ(r.stats.skipped, 0U) << archive;
        const auto keys = r.keys();
        zone.insert(keys.begin(), keys.end());
    }
    std::size_t checked = 0;
    std::size_t viaWildcard = 0;
    for (const char* capture : {"dnstap/unbound-resolver.dnstap", "dnstap/bind-resolver.dnstap"}) {
        DnstapReader dnstap;
        auto r = test::readPath(dnstap, dataPath(capture));
        ASSERT_TRUE(r.status.ok());
        for (const auto& [name, type, rdata] : r.keys()) {
            if (type == "NXDOMAIN")
                continue;
            ++checked;
            if (zone.count({name, type, rdata}))
                continue;
            const std::size_t dot = name.find('.');
            const std::string wildcard =
                dot == std::string::npos ? "" : std::string("*").append(name, dot);
            EXPECT_TRUE(zone.count({wildcard, type, rdata}))
                << capture << ": " << name << " " << type << " " << rdata;
            ++viaWildcard;
        }
    }
    EXPECT_GT(checked, 700U);
    EXPECT_GT(viaWildcard, 0U);
    EXPECT_LT(viaWildcard, checked / 10);
}

}  // namespace
}  // namespace tapir
