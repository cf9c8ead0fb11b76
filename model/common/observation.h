// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>

namespace tapir {

// Pseudo RR type for a negative answer: the name did not exist (RCODE NXDOMAIN). The
// observation's rdata then holds the query type's mnemonic (e.g. "A"). Outside the 16-bit
// RR type space so it never collides with a real type.
inline constexpr std::uint32_t kNxdomainType = 0x10000;

// One thing a feed saw: an RR (rrname, rrtype, rdata) seen `count` times between
// firstSeen and lastSeen (Unix seconds, UTC). Raw feeds give count 1 and first == last;
// aggregated feeds (COF, DNSDB) give their own counts and bounds.
//
// Normal form, which every reader must produce (see dns/name.h):
//  - rrname and any names inside rdata: lower-case ASCII, no trailing dot, IDN as A-labels
//    (punycode), the root as ".";
//  - rdata in presentation format, one RR per observation (RRsets are split);
//  - bailiwick: the zone the answering server was asked about, normalised like rrname, or
//    empty when the feed does not say.
// No field ever holds a client address.
struct Observation {
    std::string rrname;
    std::uint32_t rrtype = 0;
    std::string rdata;
    std::string bailiwick;
    std::int64_t firstSeen = 0;
    std::int64_t lastSeen = 0;
    std::uint64_t count = 1;
};

// Receives observations from a feed reader, one at a time, on the reader's thread.
class ObservationSink {
public:
    virtual ~ObservationSink() = default;
    virtual void add(Observation&& observation) = 0;
};

}  // namespace tapir
