// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "common/result.h"
#include "query/record_query.h"

namespace tapir {

// Parses the search text shared by the GUI's search box and `tapir-cli query`:
//   NAME              exact rrname            (www.example.com)
//   *.SUFFIX          names below SUFFIX      (*.example.com)
//   PREFIX.*          names starting with     (www.example.*)
//   ip:ADDR[/LEN]     A/AAAA in an address or CIDR range, IPv4 or IPv6
//   rdata:NAME        records pointing at NAME (NS, MX, CNAME, PTR, SRV targets)
//   ns:NAME           shorthand for rdata:NAME type:NS
// An empty text browses everything. Errors carry ErrorCode::Syntax and the offset.
[[nodiscard]] Result<QuerySpec> parseQuery(std::string_view text);

// Address range of a CIDR prefix; bits counts from the IPv6 view (IPv4 adds 96).
void cidrRange(const dns::IpBytes& ip, int bits, dns::IpBytes& low, dns::IpBytes& high);

}  // namespace tapir
