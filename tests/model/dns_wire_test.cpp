// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "dns/rrtype.h"
#include "dns/wire.h"

namespace tapir::dns {
namespace {

// Builds DNS messages byte by byte.
class Wire {
public:
    Wire& u8(unsigned v) {
        m_bytes.push_back(static_cast<std::uint8_t>(v));
        return *this;
    }
    Wire& u16(unsigned v) { return u8(v >> 8).u8(v & 0xff); }
    Wire& u32(std::uint32_t v) { return u16(v >> 16).u16(v & 0xffff); }
    Wire& raw(std::string_view s) {
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        return *this;
    }
    Wire& bytes(const std::vector<std::uint8_t>& b) {
        m_bytes.insert(m_bytes.end(), b.begin(), b.end());
        return *this;
    }
    // Uncompressed name from dotted text (no escapes); "." is the root.
    Wire& name(std::string_view dotted) {
        while (!dotted.empty() && dotted != ".") {
            const auto dot = dotted.find('.');
            const auto label = dotted.substr(0, dot);
            u8(static_cast<unsigned>(label.size())).raw(label);
            dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
        }
        return u8(0);
    }
    Wire& pointer(unsigned offset) { return u16(0xc000 | offset); }
    Wire& header(unsigned qd, unsigned an, unsigned ns = 0, unsigned ar = 0,
                 unsigned flags = 0x8180) {
        return u16(0x1234).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
    }
    Wire& question(std::string_view qname, unsigned type = 1) {
        return name(qname).u16(type).u16(1);
    }
    // RR header after the owner name; rdata length is patched by endRdata().
    Wire& rrHeader(unsigned type, unsigned rrClass = 1, std::uint32_t ttl = 300) {
        u16(type).u16(rrClass).u32(ttl);
        m_rdlengthAt = m_bytes.size();
        return u16(0);
    }
    Wire& endRdata() {
        const std::size_t len = m_bytes.size() - m_rdlengthAt - 2;
        m_bytes[m_rdlengthAt] = static_cast<std::uint8_t>(len >> 8);
        m_bytes[m_rdlengthAt + 1] = static_cast<std::uint8_t>(len & 0xff);
        return *this;
    }
    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] const std::vector<std::uint8_t>& data() const { return m_bytes; }

private:
    std::vector<std::uint8_t> m_bytes;
    std::size_t m_rdlengthAt = 0;
};

Message parseOk(const Wire& w) {
    Message m;
    auto status = parseMessage(w.data(), m);
    EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().message);
    return m;
}

std::string parseError(const Wire& w) {
    Message m;
    auto status = parseMessage(w.data(), m);
    EXPECT_FALSE(status.ok());
    return status.ok() ? std::string() : status.error().message;
}

// The rdata of a single answer RR of `type` with the given rdata bytes.
std::string rdataOf(unsigned type, const Wire& rdata) {
    Wire w;
    w.header(1, 1).question("example.test", type).pointer(12).rrHeader(type).bytes(rdata.data());
    w.endRdata();
    Message m = parseOk(w);
    return m.records.empty() ? std::string("<none>") : m.records[0].rdata;
}

std::string rdataError(unsigned type, const Wire& rdata) {
    Wire w;
    w.header(1, 1).question("example.test", type).pointer(12).rrHeader(type).bytes(rdata.data());
    w.endRdata();
    return parseError(w);
}

TEST(DnsWire, HeaderQuestionAndAnswer) {
    Wire w;
    w.header(1, 1, 0, 0, 0x8583).question("WWW.Example.Test").pointer(12).rrHeader(1, 1, 60);
    w.u8(192).u8(0).u8(2).u8(1).endRdata();
    Message m = parseOk(w);
    EXPECT_EQ(m.header.id, 0x1234);
    EXPECT_TRUE(m.header.response());
    EXPECT_EQ(m.header.rcode(), kRcodeNxdomain);
    EXPECT_EQ(m.rcode(), 3);
    ASSERT_EQ(m.questions.size(), 1U);
    EXPECT_EQ(m.questions[0].name, "www.example.test");
    EXPECT_EQ(m.questions[0].type, 1);
    ASSERT_EQ(m.records.size(), 1U);
    EXPECT_EQ(m.records[0].name, "www.example.test");
    EXPECT_EQ(m.records[0].ttl, 60U);
    EXPECT_EQ(m.records[0].section, Section::Answer);
    EXPECT_EQ(m.records[0].rdata, "192.0.2.1");
}

TEST(DnsWire, SectionsAndOptAreRecognised) {
    Wire w;
    w.header(1, 1, 1, 2).question("example.test");
    w.pointer(12).rrHeader(1).u32(0x01020304).endRdata();
    w.pointer(12).rrHeader(2).raw("\x03ns1").pointer(12).endRdata();
    w.raw("\x03ns1").pointer(12).rrHeader(1).u32(0x05060708).endRdata();
    w.u8(0).rrHeader(41, 1232, 0x01008000).u16(10).u16(2).u16(0xabcd).endRdata();  // OPT
    Message m = parseOk(w);
    ASSERT_EQ(m.records.size(), 3U);
    EXPECT_EQ(m.records[1].section, Section::Authority);
    EXPECT_EQ(m.records[1].rdata, "ns1.example.test");
    EXPECT_EQ(m.records[2].section, Section::Additional);
    EXPECT_EQ(m.records[2].name, "ns1.example.test");
    EXPECT_TRUE(m.hasEdns);
    EXPECT_EQ(m.ednsUdpSize, 1232);
    EXPECT_EQ(m.extendedRcode, 1);
    EXPECT_EQ(m.rcode(), 16);  // BADVERS: extended bits above the header's four
}

TEST(DnsWire, CompressionPointersInOwnerAndRdata) {
    Wire w;
    w.header(1, 3).question("example.test", 15);  // qname at 12, "test" at 20
    w.raw("\x04mail").pointer(12).rrHeader(1).u32(0xc0000201).endRdata();  // mail at 30
    w.pointer(12).rrHeader(15).u16(10).pointer(30).endRdata();
    // A pointer to a name that itself ends in a pointer (chain of two jumps).
    w.raw("\x01x").pointer(30).rrHeader(5).raw("\x03www").pointer(20).endRdata();
    Message m = parseOk(w);
    ASSERT_EQ(m.records.size(), 3U);
    EXPECT_EQ(m.records[0].name, "mail.example.test");
    EXPECT_EQ(m.records[1].rdata, "10 mail.example.test");
    EXPECT_EQ(m.records[2].name, "x.mail.example.test");
    EXPECT_EQ(m.records[2].rdata, "www.test");
}

TEST(DnsWire, CompressionLoopsAreRejected) {
    {  // pointer to itself
        Wire w;
        w.header(1, 0).pointer(12).u16(1).u16(1);
        EXPECT_NE(parseError(w).find("does not point backwards"), std::string::npos);
    }
    {  // pointer forwards
        Wire w;
        w.header(1, 0).pointer(18).u16(1).u16(1).name("a");
        EXPECT_NE(parseError(w).find("does not point backwards"), std::string::npos);
    }
    {  // pointer back into its own name: "a" then a pointer to "a" would loop forever
        Wire w;
        w.header(1, 0)
            .raw(
                "\x01"
                "a")
            .pointer(12)
            .u16(1)
            .u16(1);
        EXPECT_NE(parseError(w).find("does not point backwards"), std::string::npos);
    }
    {  // two names pointing at each other: one of the two pointers must point forwards
        Wire w;
        w.header(1, 1)
            .raw(
                "\x01"
                "a")
            .pointer(20)
            .u16(1)
            .u16(1);  // qname at 12..15
        w.raw(
             "\x01"
             "b")
            .pointer(12)
            .rrHeader(1)
            .u32(0)
            .endRdata();  // "b" at 20
        EXPECT_FALSE(parseError(w).empty());
    }
}

TEST(DnsWire, NameLimits) {
    const auto longName = [](std::size_t labels, std::size_t lastLength) {
        Wire w;
        w.header(1, 0);
        for (std::size_t i = 0; i + 1 < labels; ++i) {
            w.raw("\x01x");
        }
        w.u8(static_cast<unsigned>(lastLength)).raw(std::string(lastLength, 'y')).u8(0);
        w.u16(1).u16(1);
        return w;
    };
    // 127 labels of one octet: 127 * 2 + 1 = 255 octets, the maximum.
    Message m = parseOk(longName(127, 1));
    EXPECT_EQ(m.questions[0].name.size(), 127U * 2 - 1);
    // One more octet is too long.
    EXPECT_NE(parseError(longName(127, 2)).find("255"), std::string::npos);
    // 63 is the longest label; 0x40.. are extended label types.
    Wire w;
    w.header(1, 0).u8(0x40).raw(std::string(64, 'z')).u8(0).u16(1).u16(1);
    EXPECT_NE(parseError(w).find("label type"), std::string::npos);
}

TEST(DnsWire, NamePresentation) {
    Wire w;
    w.header(1, 0);
    w.raw(
         "\x03"
         "a.b")
        .raw(
            "\x04"
            "c;()")
        .raw(
            "\x03"
            "d\\e")
        .raw(
            "\x03"
            "f g");
    w.raw(std::string_view("\x03\x00\x7f\xff", 4))
        .raw(
            "\x02"
            "@\"")
        .raw(
            "\x04"
            "TeST")
        .u8(0)
        .u16(1)
        .u16(1);
    Message m = parseOk(w);
    EXPECT_EQ(m.questions[0].name, "a\\.b.c\\;\\(\\).d\\\\e.f\\032g.\\000\\127\\255.@\".test");
    Wire root;
    root.header(1, 0).u8(0).u16(2).u16(1);
    EXPECT_EQ(parseOk(root).questions[0].name, ".");
}

TEST(DnsWire, TruncatedMessagesAreErrors) {
    Wire w;
    w.header(1, 4, 1, 1).question("example.test", 1);
    w.pointer(12).rrHeader(1).u32(0xc0000201).endRdata();
    w.pointer(12).rrHeader(16).raw("\x05hello\x05world").endRdata();
    w.pointer(12).rrHeader(15).u16(5).raw("\x02mx").pointer(12).endRdata();
    w.pointer(12).rrHeader(28).u32(0x20010db8).u32(0).u32(0).u32(1).endRdata();
    w.pointer(12).rrHeader(6).raw("\x02ns").pointer(12).raw("\x04root").pointer(12);
    w.u32(1).u32(2).u32(3).u32(4).u32(5).endRdata();
    w.u8(0).rrHeader(41, 4096, 0).endRdata();
    ASSERT_EQ(parseOk(w).records.size(), 5U);
    // Every strict prefix is an error, never a crash or a partial success.
    for (std::size_t n = 0; n < w.size(); ++n) {
        std::vector<std::uint8_t> prefix(w.data().begin(), w.data().begin() + static_cast<long>(n));
        Message m;
        EXPECT_FALSE(parseMessage(prefix, m).ok()) << "prefix of " << n << " octets";
    }
}

TEST(DnsWire, RdlengthBeyondMessageIsAnError) {
    Wire w;
    w.header(1, 1).question("example.test").pointer(12).u16(1).u16(1).u32(0).u16(200).u32(0);
    EXPECT_NE(parseError(w).find("past the end"), std::string::npos);
}

TEST(DnsWire, RdataMustBeConsumedExactly) {
    EXPECT_NE(rdataError(1, Wire().u32(1).u8(2)).find("trailing"), std::string::npos);
    EXPECT_NE(rdataError(1, Wire().u16(1)).find("too short"), std::string::npos);
    EXPECT_NE(rdataError(28, Wire().u32(1)).find("too short"), std::string::npos);
    EXPECT_NE(rdataError(16, Wire().raw("\x05"
                                        "ab"))
                  .find("character-string"),
              std::string::npos);
    EXPECT_FALSE(rdataError(15, Wire().u16(10).raw("\x03"
                                                   "ab"))
                     .empty());
    // A name inside rdata may not run past its RDLENGTH even when the message goes on.
    Wire w;
    w.header(1, 2).question("example.test", 2);
    w.pointer(12).rrHeader(2).u8(3).endRdata();
    w.raw("ab").u8(0);  // would complete the name if the bound were the message
    w.pointer(12).rrHeader(1).u32(0).endRdata();
    EXPECT_FALSE(parseError(w).empty());
}

TEST(DnsWire, RdataPresentation) {
    EXPECT_EQ(rdataOf(28, Wire().u32(0x20010db8).u32(0).u32(0).u32(0x10)), "2001:db8::10");
    EXPECT_EQ(rdataOf(28, Wire().u32(0).u32(0).u32(0xffff).u32(0xc0000201)), "::ffff:192.0.2.1");
    EXPECT_EQ(rdataOf(16, Wire()
                              .raw("\x03"
                                   "a b")
                              .u8(0)
                              .raw("\x04"
                                   "\"\\\t\x01")),
              "\"a b\" \"\" \"\\\"\\\\\\009\\001\"");
    EXPECT_EQ(rdataOf(6, Wire()
                             .name("NS.example.test")
                             .name("h\\.m.example.test")
                             .u32(1)
                             .u32(2)
                             .u32(3)
                             .u32(4)
                             .u32(5)),
              "ns.example.test h\\\\.m.example.test 1 2 3 4 5");
    EXPECT_EQ(rdataOf(33, Wire().u16(1).u16(2).u16(443).name(".")), "1 2 443 .");
    EXPECT_EQ(rdataOf(257, Wire().u8(128).raw("\x05issue").raw("ca.test")),
              "128 issue \"ca.test\"");
    EXPECT_EQ(rdataOf(257, Wire().u8(0).raw("\x05issue")), "0 issue \"\"");
    EXPECT_EQ(rdataOf(13, Wire().raw("\x03"
                                     "CPU\x02OS")),
              "\"CPU\" \"OS\"");
    EXPECT_EQ(rdataOf(35, Wire().u16(10).u16(20).raw("\x01U\x03sip").u8(0).name("X.test")),
              "10 20 \"U\" \"sip\" \"\" x.test");
    EXPECT_EQ(rdataOf(43, Wire().u16(60485).u8(5).u8(1).u32(0xdeadbeef)), "60485 5 1 deadbeef");
    EXPECT_EQ(rdataOf(48, Wire().u16(256).u8(3).u8(8).raw("\x01\x02\x03\x04")), "256 3 8 AQIDBA==");
    EXPECT_EQ(rdataOf(46, Wire()
                              .u16(1)
                              .u8(8)
                              .u8(2)
                              .u32(3600)
                              .u32(1767225600)
                              .u32(951782400)
                              .u16(4711)
                              .name("Example.test")
                              .raw("\xff")),
              "A 8 2 3600 20260101000000 20000229000000 4711 example.test /w==");
    EXPECT_EQ(
        rdataOf(
            47,
            Wire().name("b.test").u8(0).u8(6).u8(0x40).u8(1).u8(0).u8(0).u8(0).u8(3).u8(1).u8(1).u8(
                0x40)),
        "b.test A MX RRSIG NSEC CAA");
    EXPECT_EQ(rdataOf(50, Wire().u8(1).u8(0).u16(0).u8(0).u8(5).raw("\x01\x02\x03\x04\x05")),
              "1 0 0 - 04106105");
    EXPECT_EQ(rdataOf(52, Wire().u8(3).u8(1).u8(1).u16(0xabcd)), "3 1 1 abcd");
    EXPECT_EQ(rdataOf(44, Wire().u8(4).u8(2).u16(0x0102)), "4 2 0102");
    EXPECT_EQ(rdataOf(65280, Wire().u16(0xbeef)), "\\# 2 beef");
    EXPECT_EQ(rdataOf(16, Wire()), "\\# 0");
    EXPECT_EQ(rdataOf(1, Wire()), "\\# 0");
}

TEST(DnsWire, SvcbParams) {
    Wire params;
    params.u16(1).name(".");
    params.u16(0).u16(4).u16(1).u16(3);
    params.u16(1).u16(9).raw(
        "\x02h2\x05"
        "a,b c");
    params.u16(2).u16(0);
    params.u16(3).u16(2).u16(443);
    params.u16(4).u16(4).u32(0xc0000201);
    params.u16(5).u16(3).raw("abc");
    params.u16(6).u16(16).u32(0x20010db8).u32(0).u32(0).u32(1);
    params.u16(7).u16(5).raw("/q\"\\\x01");
    params.u16(666).u16(0);
    EXPECT_EQ(rdataOf(65, params),
              "1 . mandatory=alpn,port alpn=\"h2,a\\,b c\" no-default-alpn port=443 "
              "ipv4hint=192.0.2.1 ech=YWJj ipv6hint=2001:db8::1 dohpath=/q\\\"\\\\\\001 key666");
    EXPECT_EQ(rdataOf(64, Wire().u16(0).name("Svc.Example.test")), "0 svc.example.test");
    EXPECT_FALSE(rdataError(65, Wire().u16(1).name(".").u16(3).u16(3).raw("abc")).empty());
    EXPECT_FALSE(rdataError(65, Wire().u16(1).name(".").u16(2).u16(1).raw("x")).empty());
    EXPECT_FALSE(rdataError(65, Wire().u16(1).name(".").u16(4).u16(5).raw("abcde")).empty());
    EXPECT_FALSE(rdataError(65, Wire().u16(1).name(".").u16(1).u16(3).raw("\x05"
                                                                          "ab"))
                     .empty());
    EXPECT_FALSE(rdataError(65, Wire().u16(1).name(".").u16(9).u16(9).raw("ab")).empty());
}

TEST(DnsWire, WireNameForQueryZone) {
    const std::vector<std::uint8_t> zone = {3, 'C', 'o', 'm', 0};
    auto name = parseWireName(zone);
    ASSERT_TRUE(name.ok());
    EXPECT_EQ(*name, "com");
    auto root = parseWireName(std::vector<std::uint8_t>{0});
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, ".");
    EXPECT_FALSE(parseWireName(std::vector<std::uint8_t>{0xc0, 0}).ok());
    EXPECT_FALSE(parseWireName(std::vector<std::uint8_t>{1, 'a', 0, 0}).ok());
    EXPECT_FALSE(parseWireName(std::vector<std::uint8_t>{2, 'a'}).ok());
    EXPECT_FALSE(parseWireName(std::vector<std::uint8_t>{}).ok());
}

// Random corruption of a valid message: errors are fine, crashes and hangs are not
// (run under the asan-ubsan preset to catch out-of-bounds reads).
TEST(DnsWire, SurvivesRandomCorruption) {
    Wire w;
    w.header(1, 5, 1, 1).question("example.test", 65);
    w.pointer(12).rrHeader(5).raw("\x03www").pointer(12).endRdata();
    w.pointer(12)
        .rrHeader(65)
        .u16(1)
        .name(".")
        .u16(1)
        .u16(3)
        .raw("\x02h2")
        .u16(4)
        .u16(4)
        .u32(1)
        .endRdata();
    w.pointer(12)
        .rrHeader(47)
        .raw(
            "\x01"
            "a")
        .pointer(12)
        .u8(0)
        .u8(1)
        .u8(0x40)
        .endRdata();
    w.pointer(12)
        .rrHeader(46)
        .u16(1)
        .u8(8)
        .u8(2)
        .u32(1)
        .u32(2)
        .u32(3)
        .u16(4)
        .pointer(12)
        .raw("sig")
        .endRdata();
    w.pointer(12).rrHeader(16).raw("\x03txt").endRdata();
    w.pointer(12).rrHeader(6).pointer(12).pointer(12).u32(1).u32(2).u32(3).u32(4).u32(5).endRdata();
    w.u8(0).rrHeader(41, 4096, 0).endRdata();
    ASSERT_EQ(parseOk(w).records.size(), 6U);
    std::mt19937 rng(42);
    Message m;
    std::size_t parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<std::uint8_t> bytes = w.data();
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; ++f) {
            bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
        }
        if (rng() % 4 == 0) {
            bytes.resize(rng() % bytes.size());
        }
        parsed += parseMessage(bytes, m).ok() ? 1 : 0;
    }
    EXPECT_GT(parsed, 0U);  // some corruptions (in TTLs, addresses) stay valid
}

}  // namespace
}  // namespace tapir::dns
