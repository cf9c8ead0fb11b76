// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include "common/observation.h"
#include "dns/name.h"
#include "dns/rrtype.h"

namespace tapir::dns {
namespace {

TEST(Name, NormalisesCaseAndTrailingDot) {
    EXPECT_EQ(normalizeName("WWW.Example.COM."), "www.example.com");
    EXPECT_EQ(normalizeName("."), ".");
    EXPECT_FALSE(normalizeName("").has_value());
}

TEST(Name, UnicodeBecomesPunycode) {
    EXPECT_EQ(normalizeName("p\xd0\xb0ypal.example"), "xn--pypal-4ve.example");
    EXPECT_EQ(normalizeName("\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88."), "xn--zckzah");
}

TEST(Name, ControlBytesAreEscaped) {
    EXPECT_EQ(normalizeName(std::string("a\x01"
                                        "b.example",
                                        11)),
              "a\\001b.example");
    EXPECT_EQ(normalizeName("a b.example"), "a\\032b.example");
}

// Characters IDNA maps to nothing must not leave an empty name or an empty label.
TEST(Name, IgnorableCharactersKeepTheirBytes) {
    EXPECT_EQ(normalizeName("\xcd\x8f").value(), "\\205\\143");  // U+034F alone, as bytes
    const auto inner = normalizeName("a.\xcd\x8f.example").value();
    EXPECT_EQ(inner.find(".."), std::string::npos) << inner;
    EXPECT_EQ(normalizeName("b\xc3\xbc"
                            "cher.example")
                  .value(),
              "xn--bcher-kva.example");
}

TEST(Name, ReverseName) {
    EXPECT_EQ(reverseName("www.example.com"), "com.example.www");
    EXPECT_EQ(reverseName("com"), "com");
    EXPECT_EQ(reverseName("."), ".");
}

TEST(Rdata, CanonicalForms) {
    EXPECT_EQ(normalizeRdata(28, "2001:DB8:0:0::1"), "2001:db8::1");
    EXPECT_EQ(normalizeRdata(1, " 192.0.2.1 "), "192.0.2.1");
    EXPECT_EQ(normalizeRdata(28, "::FFFF:192.0.2.11"), "::ffff:192.0.2.11");
    EXPECT_EQ(normalizeRdata(15, "10 Mail.Example.com."), "10 mail.example.com");
    EXPECT_EQ(normalizeRdata(15, "Mail.Example.com."), "mail.example.com");
    EXPECT_EQ(normalizeRdata(5, "Target.Example."), "target.example");
    EXPECT_EQ(normalizeRdata(33, "0 5 5060 SIP.example."), "0 5 5060 sip.example");
    EXPECT_EQ(rdataTargetName(15, "10 mail.example.com"), "mail.example.com");
    EXPECT_EQ(rdataTargetName(33, "0 5 5060 sip.example"), "sip.example");
    EXPECT_EQ(rdataTargetName(16, "\"text\""), "");
}

TEST(Ip, ParseFormatAndPrivateRanges) {
    auto v4 = parseIp("10.1.2.3");
    ASSERT_TRUE(v4);
    EXPECT_TRUE(isIpv4Mapped(*v4));
    EXPECT_EQ(formatIp(*v4), "10.1.2.3");
    EXPECT_TRUE(isPrivateOrReserved(*v4));
    EXPECT_FALSE(isPrivateOrReserved(*parseIp("192.0.2.1")));
    EXPECT_TRUE(isPrivateOrReserved(*parseIp("fd00::1")));
    EXPECT_FALSE(isPrivateOrReserved(*parseIp("2001:db8::1")));
    EXPECT_FALSE(parseIp("300.1.1.1"));
    EXPECT_FALSE(parseIp("example.com"));
}

TEST(RRType, NamesRoundTrip) {
    EXPECT_EQ(typeName(1), "A");
    EXPECT_EQ(typeName(65), "HTTPS");
    EXPECT_EQ(typeName(4242), "TYPE4242");
    EXPECT_EQ(typeName(kNxdomainType), "NXDOMAIN");
    EXPECT_EQ(typeFromName("aaaa"), 28U);
    EXPECT_EQ(typeFromName("TYPE4242"), 4242U);
    EXPECT_EQ(typeFromName("NXDOMAIN"), kNxdomainType);
    EXPECT_FALSE(typeFromName("TYPE99999"));
    EXPECT_FALSE(typeFromName("BOGUS"));
}

}  // namespace
}  // namespace tapir::dns
