// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "query/record_query.h"

namespace tapir {

// Parses the query language shared by the GUI's search box and `tapir-cli query`.
// Terms are separated by spaces; values may be "quoted" ("" inside quotes is a quote, for
// TXT values: rdata-glob:"""v=spf1*"). At most one lookup term:
//   www.example.com | name:X     exact rrname
//   *.example.com                names below example.com (left-hand wildcard)
//   www.example.*                names starting with those labels (right-hand wildcard)
//   198.51.100.7 | ip:ADDR       A/AAAA with that address; ip:ADDR/LEN a CIDR prefix,
//                                ip:LOW-HIGH a range (IPv4 or IPv6)
//   rdata:NAME                   records whose rdata points at NAME (NS, MX, CNAME, PTR, SRV)
//   ns:NAME mx:NAME cname:NAME ptr:NAME   the same, restricted to that type
//   glob:PATTERN re:REGEX        names matching a glob / an ICU regex (flexible search)
//   rdata-glob:P rdata-re:R      rdata matching a glob / a regex
//   rrset/name/NAME[/TYPE[/BAILIWICK]]  rdata/name/NAME[/TYPE]  rdata/ip/ADDR[,LEN]
//                                dnsdbq's batch-file forms (dnsdbq -f), as above
// and any of these modifiers:
//   type:A (or ANY)   after:T before:T (T: 2026-01-01, 2026-01-01T12:00:00Z, epoch seconds,
//   or relative -7d -12h -30m -2w)   mode:strict|loose (DNSDB time fencing; loose default)
//   sort:last|first|count|name[-asc|-desc]   limit:N   bailiwick:NAME (DNSDB's bailiwick)
// An empty query browses every record. Errors carry ErrorCode::Syntax and the offset of
// the offending term.
[[nodiscard]] Result<QuerySpec> parseQuery(std::string_view text, std::int64_t now);
[[nodiscard]] Result<QuerySpec> parseQuery(std::string_view text);  // now = the clock

// Whether `key` is one of the language's keys (name, ip, rdata, ..., limit, bailiwick): a
// term "key:value" is that key's.
[[nodiscard]] bool isQueryKey(std::string_view key);

// Address range of a CIDR prefix; bits counts from the IPv6 view (IPv4 adds 96).
void cidrRange(const dns::IpBytes& ip, int bits, dns::IpBytes& low, dns::IpBytes& high);

// Parses a time bound: absolute (date, ISO 8601, epoch) or relative to `now` (-7d).
[[nodiscard]] std::optional<std::int64_t> parseTimeBound(std::string_view text, std::int64_t now);

}  // namespace tapir
