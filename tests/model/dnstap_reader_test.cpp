// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "dns/rrtype.h"
#include "feeds/dnstap_reader.h"
#include "feeds/feed_reader.h"
#include "feeds/input_stream.h"
#include "test_util.h"

namespace tapir {
namespace {

using test::CollectingSink;
using test::dataPath;

// --- Frame Streams / protobuf / DNS builders ----------------------------------------------

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xff),
            static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}

std::string varint(std::uint64_t v) {
    std::string out;
    do {
        const auto b = static_cast<char>(v & 0x7f);
        v >>= 7;
        out += v != 0 ? static_cast<char>(b | 0x80) : b;
    } while (v != 0);
    return out;
}

std::string pbVarint(std::uint32_t field, std::uint64_t v) {
    return varint(field << 3) + varint(v);
}
std::string pbBytes(std::uint32_t field, std::string_view v) {
    return varint(field << 3 | 2) + varint(v.size()) + std::string(v);
}

constexpr std::string_view kDnstapContentType = "protobuf:dnstap.Dnstap";

std::string controlFrame(std::uint32_t type, std::vector<std::string_view> contentTypes = {}) {
    std::string body = be32(type);
    for (auto ct : contentTypes) {
        body += be32(1) + be32(static_cast<std::uint32_t>(ct.size())) + std::string(ct);
    }
    return be32(0) + be32(static_cast<std::uint32_t>(body.size())) + body;
}
std::string startFrame() {
    return controlFrame(2, {kDnstapContentType});
}
std::string stopFrame() {
    return controlFrame(3);
}
std::string dataFrame(std::string_view payload) {
    return be32(static_cast<std::uint32_t>(payload.size())) + std::string(payload);
}

std::string wireName(std::string_view dotted) {
    std::string out;
    while (!dotted.empty() && dotted != ".") {
        const auto dot = dotted.find('.');
        const auto label = dotted.substr(0, dot);
        out += static_cast<char>(label.size());
        out += label;
        dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    }
    return out + '\0';
}

std::string u16(unsigned v) {
    return {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)};
}

// A response with one question and A records for the question name.
std::string dnsResponse(std::string_view qname, unsigned qtype, unsigned rcode,
                        std::vector<std::uint32_t> addresses = {}) {
    std::string m = u16(0x4242) + u16(0x8180 | rcode) + u16(1) +
                    u16(static_cast<unsigned>(addresses.size())) + u16(0) + u16(0);
    m += wireName(qname) + u16(qtype) + u16(1);
    for (auto a : addresses) {
        m += u16(0xc00c) + u16(1) + u16(1) + be32(300) + u16(4) + be32(a);
    }
    return m;
}

// A dnstap.Dnstap MESSAGE frame payload.
std::string dnstap(unsigned type, std::string_view response, std::string_view zone = {},
                   std::uint64_t time = 1764178031) {
    std::string m = pbVarint(1, type) + pbVarint(2, 1) + pbVarint(3, 1) +
                    pbBytes(4, std::string("\xc6\x12\x00\x01", 4)) +
                    pbBytes(5, std::string("\xc6\x33\x64\x07", 4)) + pbVarint(8, time - 1);
    if (!zone.empty()) {
        m += pbBytes(11, wireName(zone));
    }
    if (!response.empty()) {
        m += pbVarint(12, time) + pbBytes(14, response);
    }
    return pbBytes(1, "test") + pbVarint(15, 1) + pbBytes(14, m);
}

constexpr unsigned kResolverResponse = 4;

// --- reading ------------------------------------------------------------------------------

struct ReadResult {
    Status status;
    ReadStats stats;
    CollectingSink sink;
};

ReadResult readWith(std::unique_ptr<InputStream> input, bool cancelled = false) {
    ReadResult r;
    NullProgress progress;
    CancelToken cancel;
    if (cancelled) {
        cancel.cancel();
    }
    ReadContext context(input->path(), progress, cancel);
    DnstapReader reader;
    r.status = reader.read(*input, r.sink, context);
    r.stats = context.stats();
    return r;
}

ReadResult readBytes(std::string bytes) {
    return readWith(memoryInput(std::move(bytes), "test.dnstap"));
}

ReadResult readPath(const std::string& path) {
    auto input = openInput(path);
    EXPECT_TRUE(input.ok());
    return readWith(std::move(*input));
}

// Delivers the data a few octets at a time, to exercise the frame buffer's refills.
class ChunkedInput final : public InputStream {
public:
    explicit ChunkedInput(std::string data)
        : InputStream("chunked.dnstap"), m_data(std::move(data)) {}
    Result<std::size_t> read(std::byte* out, std::size_t size) override {
        const std::size_t n = std::min({size, m_data.size() - m_pos, 1 + m_pos % 13});
        std::memcpy(out, m_data.data() + m_pos, n);
        m_pos += n;
        return n;
    }
    std::uint64_t sourcePosition() const override { return m_pos; }
    std::string compression() const override { return "none"; }

private:
    std::string m_data;
    std::size_t m_pos = 0;
};

std::string describe(const test::Key& k) {
    return std::get<0>(k) + "\t" + std::get<1>(k) + "\t" + std::get<2>(k);
}

// --- golden files -------------------------------------------------------------------------

// The (rrname, rrtype, rdata) keys read, and how often each occurs, equal what
// tools/dnstap_expected.py derived from `dnstap-ldns -y` for the same capture.
class DnstapGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(DnstapGolden, MatchesDnstapLdns) {
    auto r = readPath(dataPath("dnstap/" + GetParam() + ".dnstap"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    for (const auto& issue : r.stats.issues) {
        ADD_FAILURE() << issue.describe();
    }
    EXPECT_EQ(r.stats.skipped, 0U);
    EXPECT_TRUE(r.stats.warnings.empty());
    const auto expected = test::readExpected(dataPath("dnstap/" + GetParam() + ".expected.tsv"));
    ASSERT_FALSE(expected.empty());
    std::vector<std::string> missing;
    std::vector<std::string> unexpected;
    std::vector<std::string> wrongCount;
    for (const auto& [key, count] : expected) {
        auto it = r.sink.counts.find(key);
        if (it == r.sink.counts.end()) {
            missing.push_back(describe(key));
        } else if (it->second != count) {
            wrongCount.push_back(describe(key) + " read " + std::to_string(it->second) +
                                 "x, expected " + std::to_string(count) + "x");
        }
    }
    for (const auto& [key, count] : r.sink.counts) {
        if (expected.find(key) == expected.end()) {
            unexpected.push_back(describe(key));
        }
    }
    auto list = [](const std::vector<std::string>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size() && i < 40; ++i) {
            s += "\n  " + v[i];
        }
        return s;
    };
    EXPECT_TRUE(missing.empty()) << missing.size() << " expected keys not read:" << list(missing);
    EXPECT_TRUE(unexpected.empty())
        << unexpected.size() << " keys read but not expected:" << list(unexpected);
    EXPECT_TRUE(wrongCount.empty()) << list(wrongCount);
    std::uint64_t total = 0;
    for (const auto& [key, count] : expected) {
        total += count;
    }
    EXPECT_EQ(r.stats.observations, total);
}

INSTANTIATE_TEST_SUITE_P(Captures, DnstapGolden,
                         ::testing::Values("unbound-resolver", "bind-resolver",
                                           "unbound-resolver.20261126T172749Z",
                                           "unbound-resolver.20261126T172756Z",
                                           "unbound-resolver.20261126T172808Z", "rrtypes"),
                         [](const auto& param) {
                             std::string n = param.param;
                             std::replace_if(
                                 n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
                             return n;
                         });

TEST(DnstapReader, SampleFrameCounts) {
    // Frame counts as dnstap-ldns and dnstap-read report them (samples/summary.txt).
    const std::string rq = "RESOLVER_QUERY frames (not stored: queries carry no answers)";
    auto unbound = readPath(dataPath("dnstap/unbound-resolver.dnstap"));
    EXPECT_EQ(unbound.stats.recordsRead, 2693U);
    EXPECT_EQ(unbound.stats.dropped[rq], 1379U);
    auto bind = readPath(dataPath("dnstap/bind-resolver.dnstap"));
    EXPECT_EQ(bind.stats.recordsRead, 2394U);
    EXPECT_EQ(bind.stats.dropped[rq], 1216U);
    for (const auto& o : unbound.sink.all) {
        EXPECT_EQ(o.count, 1U);
        EXPECT_EQ(o.firstSeen, o.lastSeen);
        EXPECT_GT(o.firstSeen, 1764100000);
    }
}

TEST(DnstapReader, FixtureKeepsOnlyServerResponses) {
    auto r = readPath(dataPath("dnstap/rrtypes.dnstap"));
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.stats.recordsRead, 14U);
    EXPECT_EQ(r.stats.dropped["CLIENT_QUERY frames (not stored: queries carry no answers)"], 1U);
    EXPECT_EQ(r.stats.dropped["CLIENT_RESPONSE frames (not stored: client-side traffic)"], 1U);
    EXPECT_EQ(r.stats.dropped["RESOLVER_QUERY frames (not stored: queries carry no answers)"], 1U);
    EXPECT_EQ(r.stats.dropped["non-IN class RRs (not stored)"], 1U);
    for (const auto& o : r.sink.all) {
        // Socket addresses of every frame and the client response's answer never show.
        for (const char* leak : {"198.18.0.1", "198.51.100.7", "203.0.113.99"}) {
            EXPECT_EQ(o.rdata.find(leak), std::string::npos) << o.rrname << " " << o.rdata;
        }
        EXPECT_NE(o.rrname, "client.example.test");
        EXPECT_NE(o.rrname, "version.bind");
        if (o.rrname == "auth.example.test") {
            EXPECT_EQ(o.bailiwick, "");  // AUTH_RESPONSE without query_zone
            EXPECT_EQ(o.firstSeen, 1764178031);
        } else if (o.rrname == "fwd.example.org") {
            EXPECT_EQ(o.bailiwick, "example.org");
            EXPECT_EQ(o.firstSeen, 1764178000);  // query_time_sec: no response time
        } else {
            EXPECT_EQ(o.bailiwick, "example.test") << o.rrname;
            EXPECT_EQ(o.firstSeen, 1764178031);
        }
    }
}

TEST(DnstapReader, NxdomainBecomesNegativeObservation) {
    auto r = readBytes(startFrame() +
                       dataFrame(dnstap(kResolverResponse, dnsResponse("Nope.Example.TEST", 28, 3),
                                        "example.test")) +
                       stopFrame());
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.sink.all.size(), 1U);
    const Observation& o = r.sink.all[0];
    EXPECT_EQ(o.rrname, "nope.example.test");
    EXPECT_EQ(o.rrtype, kNxdomainType);
    EXPECT_EQ(o.rdata, "AAAA");
    EXPECT_EQ(o.bailiwick, "example.test");
    EXPECT_EQ(o.firstSeen, 1764178031);
}

TEST(DnstapReader, QueriesAndClientFramesAreDroppedAndCounted) {
    const std::string answer = dnsResponse("client.example.test", 1, 0, {0xcb007163});
    std::string bytes = startFrame();
    bytes += dataFrame(dnstap(5, ""));      // CLIENT_QUERY
    bytes += dataFrame(dnstap(6, answer));  // CLIENT_RESPONSE
    bytes += dataFrame(dnstap(6, answer));
    bytes += dataFrame(dnstap(1, ""));                  // AUTH_QUERY
    bytes += dataFrame(dnstap(10, answer));             // STUB_RESPONSE
    bytes += dataFrame(dnstap(12, answer));             // TOOL_RESPONSE
    bytes += dataFrame(dnstap(kResolverResponse, ""));  // response without a message
    bytes += stopFrame();
    auto r = readBytes(bytes);
    ASSERT_TRUE(r.status.ok());
    EXPECT_TRUE(r.sink.all.empty());
    EXPECT_EQ(r.stats.recordsRead, 7U);
    EXPECT_EQ(r.stats.skipped, 0U);
    EXPECT_EQ(r.stats.dropped["CLIENT_QUERY frames (not stored: queries carry no answers)"], 1U);
    EXPECT_EQ(r.stats.dropped["CLIENT_RESPONSE frames (not stored: client-side traffic)"], 2U);
    EXPECT_EQ(r.stats.dropped["AUTH_QUERY frames (not stored: queries carry no answers)"], 1U);
    EXPECT_EQ(r.stats.dropped["STUB_RESPONSE frames (not stored: client-side traffic)"], 1U);
    EXPECT_EQ(r.stats.dropped["TOOL_RESPONSE frames (not stored: tool traffic)"], 1U);
    EXPECT_EQ(r.stats.dropped["RESOLVER_RESPONSE frames (not stored: no response_message)"], 1U);
}

TEST(DnstapReader, MalformedFramesAreSkippedWithTheirOffset) {
    const std::string good =
        dataFrame(dnstap(kResolverResponse, dnsResponse("ok.example.test", 1, 0, {0xc0000201})));
    // DNS message whose question name is a pointer to itself.
    std::string loop =
        u16(1) + u16(0x8180) + u16(1) + u16(0) + u16(0) + u16(0) + u16(0xc00c) + u16(1) + u16(1);
    const std::string badProtobuf = dataFrame(
        "\x0a\x7f"
        "short");
    const std::string badDns = dataFrame(dnstap(kResolverResponse, loop));
    const std::string start = startFrame();
    auto r = readBytes(start + badProtobuf + badDns + good + stopFrame());
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.stats.recordsRead, 3U);
    EXPECT_EQ(r.stats.skipped, 2U);
    ASSERT_EQ(r.stats.issues.size(), 2U);
    EXPECT_EQ(r.stats.issues[0].offset, start.size());
    EXPECT_EQ(r.stats.issues[1].offset, start.size() + badProtobuf.size());
    EXPECT_NE(r.stats.issues[1].message.find("does not point backwards"), std::string::npos)
        << r.stats.issues[1].message;
    ASSERT_EQ(r.sink.all.size(), 1U);
    EXPECT_EQ(r.sink.all[0].rdata, "192.0.2.1");
}

TEST(DnstapReader, AbsurdFrameLengthStopsWithOffset) {
    const std::string start = startFrame();
    const std::string good =
        dataFrame(dnstap(kResolverResponse, dnsResponse("ok.example.test", 1, 0, {0xc0000201})));
    auto r = readBytes(start + good + be32(0x7fffffff) + std::string(100, 'x'));
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.sink.all.size(), 1U);
    ASSERT_EQ(r.stats.issues.size(), 1U);
    EXPECT_EQ(r.stats.issues[0].offset, start.size() + good.size());
    EXPECT_NE(r.stats.issues[0].message.find("exceeds"), std::string::npos);
    EXPECT_FALSE(r.stats.warnings.empty());
}

TEST(DnstapReader, TruncatedStreamKeepsCompleteFrames) {
    const std::string full = test::readFile(dataPath("dnstap/rrtypes.dnstap"));
    ASSERT_GT(full.size(), 100U);
    // Frame boundaries and the observations read up to each.
    std::vector<std::size_t> boundaries;
    for (std::size_t pos = 0; pos + 4 <= full.size();) {
        boundaries.push_back(pos);
        std::uint32_t len = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            len = len << 8 | static_cast<unsigned char>(full[pos + i]);
        }
        pos += len == 0 ? 8 +
                              [&] {
                                  std::uint32_t c = 0;
                                  for (std::size_t i = 4; i < 8; ++i) {
                                      c = c << 8 | static_cast<unsigned char>(full[pos + i]);
                                  }
                                  return c;
                              }()
                        : 4 + len;
    }
    const std::size_t firstData = boundaries[1];
    for (std::size_t cut = 0; cut < full.size(); ++cut) {
        auto r = readBytes(full.substr(0, cut));
        if (cut < firstData) {
            // Not even the START frame: only an error or a truncation issue, never a crash.
            EXPECT_TRUE(!r.status.ok() || r.stats.issues.size() == 1) << cut;
            continue;
        }
        ASSERT_TRUE(r.status.ok()) << cut << ": " << r.status.error().describe();
        const auto it = std::upper_bound(boundaries.begin(), boundaries.end(), cut) - 1;
        if (*it == cut) {
            EXPECT_TRUE(r.stats.issues.empty()) << cut;
        } else {
            ASSERT_EQ(r.stats.issues.size(), 1U) << cut;
            EXPECT_EQ(r.stats.issues[0].offset, *it) << cut;
            EXPECT_FALSE(r.stats.warnings.empty());
        }
        EXPECT_EQ(r.stats.recordsRead, static_cast<std::uint64_t>(it - boundaries.begin() - 1))
            << cut;
    }
}

// Random corruption of a whole capture: issues are fine, crashes and hangs are not (run
// under the asan-ubsan preset to catch out-of-bounds reads).
TEST(DnstapReader, SurvivesRandomCorruption) {
    const std::string full = test::readFile(dataPath("dnstap/rrtypes.dnstap"));
    std::mt19937 rng(7);
    for (int i = 0; i < 3000; ++i) {
        std::string bytes = full;
        const int flips = 1 + static_cast<int>(rng() % 8);
        for (int f = 0; f < flips; ++f) {
            bytes[rng() % bytes.size()] = static_cast<char>(rng());
        }
        auto r = readBytes(std::move(bytes));
        EXPECT_LE(r.stats.recordsRead, 14U + 8U);
    }
}

TEST(DnstapReader, BidirectionalHandshakeFrames) {
    std::string bytes = controlFrame(4, {kDnstapContentType});  // READY
    bytes += controlFrame(1, {kDnstapContentType});             // ACCEPT
    bytes += startFrame();
    bytes += dataFrame(dnstap(kResolverResponse, dnsResponse("a.test", 1, 0, {0x01020304})));
    bytes += stopFrame();
    bytes += controlFrame(5);  // FINISH
    auto r = readBytes(bytes);
    ASSERT_TRUE(r.status.ok());
    EXPECT_TRUE(r.stats.issues.empty());
    EXPECT_TRUE(r.stats.warnings.empty());
    ASSERT_EQ(r.sink.all.size(), 1U);
    EXPECT_EQ(r.sink.all[0].rdata, "1.2.3.4");
    EXPECT_EQ(DnstapReader::probe(bytes), 100);
}

TEST(DnstapReader, ConcatenatedCaptures) {
    const std::string run =
        startFrame() +
        dataFrame(dnstap(kResolverResponse, dnsResponse("a.test", 1, 0, {0x01020304}))) +
        stopFrame();
    auto r = readBytes(run + run);
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.sink.all.size(), 2U);
    EXPECT_TRUE(r.stats.warnings.empty());
}

TEST(DnstapReader, MissingStopIsAWarning) {
    auto r = readBytes(startFrame() +
                       dataFrame(dnstap(kResolverResponse, dnsResponse("a.test", 1, 0, {1}))));
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(r.sink.all.size(), 1U);
    EXPECT_TRUE(r.stats.issues.empty());
    ASSERT_EQ(r.stats.warnings.size(), 1U);
}

TEST(DnstapReader, RejectsFilesThatAreNotDnstap) {
    EXPECT_EQ(readBytes("").status.error().code, ErrorCode::Format);
    EXPECT_EQ(readBytes("1764178031||10.0.0.1||...\n").status.error().code, ErrorCode::Format);
    auto other = readBytes(controlFrame(2, {"protobuf:other.Thing"}) + stopFrame());
    ASSERT_FALSE(other.status.ok());
    EXPECT_NE(other.status.error().message.find("protobuf:other.Thing"), std::string::npos);
}

TEST(DnstapReader, Probe) {
    const std::string head =
        test::readFile(dataPath("dnstap/bind-resolver.dnstap")).substr(0, 4096);
    EXPECT_EQ(DnstapReader::probe(head), 100);
    EXPECT_EQ(DnstapReader::probe(controlFrame(2, {"protobuf:other.Thing"})), 5);
    EXPECT_EQ(DnstapReader::probe(controlFrame(2)), 40);
    EXPECT_EQ(
        DnstapReader::probe("1764178031||10.0.0.1||10.0.0.2||IN||a.test.||A||1.2.3.4||300||1"), 0);
    EXPECT_EQ(DnstapReader::probe(""), 0);
    EXPECT_EQ(DnstapReader::probe(std::string(64, '\0')), 0);
    ASSERT_NE(findFormat("dnstap"), nullptr);
    auto detected = detectFormat(head, "bind-resolver.dnstap");
    ASSERT_TRUE(detected.ok());
    EXPECT_EQ((*detected)->name, "dnstap");
}

TEST(DnstapReader, SmallReadsGiveTheSameResult) {
    const std::string path = dataPath("dnstap/unbound-resolver.dnstap");
    auto whole = readPath(path);
    auto chunked = readWith(std::make_unique<ChunkedInput>(test::readFile(path)));
    ASSERT_TRUE(chunked.status.ok());
    EXPECT_EQ(chunked.stats.recordsRead, whole.stats.recordsRead);
    EXPECT_EQ(chunked.sink.counts, whole.sink.counts);
}

TEST(DnstapReader, Cancellation) {
    auto input = openInput(dataPath("dnstap/unbound-resolver.dnstap"));
    ASSERT_TRUE(input.ok());
    auto r = readWith(std::move(*input), true);
    ASSERT_FALSE(r.status.ok());
    EXPECT_EQ(r.status.error().code, ErrorCode::Cancelled);
}

}  // namespace
}  // namespace tapir
