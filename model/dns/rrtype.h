// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tapir::dns {

// RR type numbers Tapir names by mnemonic (IANA registry). Others print as TYPE<n> (RFC 3597).
enum class RRType : std::uint16_t {
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    HINFO = 13,
    MX = 15,
    TXT = 16,
    RP = 17,
    AFSDB = 18,
    AAAA = 28,
    LOC = 29,
    SRV = 33,
    NAPTR = 35,
    KX = 36,
    CERT = 37,
    DNAME = 39,
    OPT = 41,
    APL = 42,
    DS = 43,
    SSHFP = 44,
    IPSECKEY = 45,
    RRSIG = 46,
    NSEC = 47,
    DNSKEY = 48,
    DHCID = 49,
    NSEC3 = 50,
    NSEC3PARAM = 51,
    TLSA = 52,
    SMIMEA = 53,
    HIP = 55,
    CDS = 59,
    CDNSKEY = 60,
    OPENPGPKEY = 61,
    CSYNC = 62,
    ZONEMD = 63,
    SVCB = 64,
    HTTPS = 65,
    SPF = 99,
    NID = 104,
    L32 = 105,
    L64 = 106,
    LP = 107,
    EUI48 = 108,
    EUI64 = 109,
    TKEY = 249,
    TSIG = 250,
    IXFR = 251,
    AXFR = 252,
    ANY = 255,
    URI = 256,
    CAA = 257,
};

// "A", "NXDOMAIN" (for tapir::kNxdomainType) or "TYPE<n>".
[[nodiscard]] std::string typeName(std::uint32_t type);
// Accepts mnemonics (any case), "TYPE<n>" and "NXDOMAIN".
[[nodiscard]] std::optional<std::uint32_t> typeFromName(std::string_view name);

// Types whose rdata is a single domain name (CNAME, NS, PTR, DNAME).
[[nodiscard]] bool rdataIsName(std::uint32_t type);

}  // namespace tapir::dns
