// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tapir::dns {

// Normal form of a domain name as Tapir stores it: ASCII lower-case, no trailing dot, IDN
// labels as A-labels (punycode, via ICU UTS #46), the root as ".". Bytes that are not
// printable ASCII and not valid UTF-8 of an IDN are kept as \DDD escapes (RFC 1035 §5.1).
// Returns std::nullopt for an empty string.
[[nodiscard]] std::optional<std::string> normalizeName(std::string_view name);

// The labels in reverse order, joined by dots: "www.example.com" -> "com.example.www".
// Suffix searches (`*.example.com`) become prefix range scans over this form.
[[nodiscard]] std::string reverseName(std::string_view name);

// Normalises presentation-format rdata from a text feed so the same RR from two feeds
// compares equal: canonical IP text for A/AAAA, normalised names inside CNAME, NS, PTR,
// DNAME, MX, SRV and SOA, whitespace collapsed elsewhere.
[[nodiscard]] std::string normalizeRdata(std::uint32_t type, std::string_view rdata);

// The domain name an rdata points at (CNAME/NS/PTR/DNAME target, MX exchange, SRV target),
// or empty. Used to index rdata names for reverse lookups.
[[nodiscard]] std::string rdataTargetName(std::uint32_t type, std::string_view rdata);

// An IP address as 16 bytes (IPv4 as ::ffff:a.b.c.d), so v4 and v6 share one index.
using IpBytes = std::array<std::uint8_t, 16>;
[[nodiscard]] std::optional<IpBytes> parseIp(std::string_view text);
[[nodiscard]] std::string formatIp(const IpBytes& ip);    // IPv4-mapped as dotted quad
[[nodiscard]] std::string formatIpv6(const IpBytes& ip);  // always IPv6 text
[[nodiscard]] bool isIpv4Mapped(const IpBytes& ip);

// True for addresses no public answer should carry: RFC 1918, loopback, link-local, CGNAT,
// unique-local and the like. Documentation ranges are not private.
[[nodiscard]] bool isPrivateOrReserved(const IpBytes& ip);

}  // namespace tapir::dns
