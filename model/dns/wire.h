// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"

namespace tapir::dns {

// The fixed 12-octet header of a DNS message (RFC 1035 §4.1.1).
struct MessageHeader {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    std::uint16_t questionCount = 0;
    std::uint16_t answerCount = 0;
    std::uint16_t authorityCount = 0;
    std::uint16_t additionalCount = 0;

    [[nodiscard]] bool response() const { return (flags & 0x8000) != 0; }
    [[nodiscard]] std::uint8_t opcode() const {
        return static_cast<std::uint8_t>((flags >> 11) & 0xf);
    }
    [[nodiscard]] bool truncated() const { return (flags & 0x0200) != 0; }
    // The four RCODE bits of the header, without the EDNS extension.
    [[nodiscard]] std::uint8_t rcode() const { return static_cast<std::uint8_t>(flags & 0xf); }
};

inline constexpr std::uint16_t kClassIn = 1;
inline constexpr std::uint8_t kRcodeNxdomain = 3;

enum class Section : std::uint8_t { Answer, Authority, Additional };

struct Question {
    std::string name;  // normal form (see dns/name.h)
    std::uint16_t type = 0;
    std::uint16_t rrClass = 0;
};

// One RR with its owner name in normal form and its rdata in presentation format.
struct ResourceRecord {
    std::string name;
    std::uint16_t type = 0;
    std::uint16_t rrClass = 0;
    std::uint32_t ttl = 0;
    Section section = Section::Answer;
    std::string rdata;
};

// A parsed DNS message. The OPT pseudo-RR (EDNS) is recognised and described by the edns*
// fields; it never appears in `records`. A caller that parses many messages reuses one
// Message so the vectors keep their capacity; it may move the strings out of `records`.
struct Message {
    MessageHeader header;
    std::vector<Question> questions;
    std::vector<ResourceRecord> records;  // answer, authority, additional, in wire order
    bool hasEdns = false;
    std::uint8_t ednsVersion = 0;
    std::uint8_t extendedRcode = 0;  // upper 8 bits of the 12-bit RCODE, from OPT
    std::uint16_t ednsUdpSize = 0;

    // The full RCODE (header bits plus the EDNS extension).
    [[nodiscard]] std::uint16_t rcode() const {
        return static_cast<std::uint16_t>((extendedRcode << 4) | header.rcode());
    }
    void clear();
};

// Parses a DNS message from wire format (RFC 1035, compression per §4.1.4).
//
// Safety: every read is bounds-checked; a compression pointer must point before the start
// of the label sequence it appears in (so pointers can never loop), a name may not exceed
// 255 octets or 128 labels, and rdata must fill its RDLENGTH exactly. On failure the
// returned Error carries a message and the byte offset within `wire`; `out` is then
// unspecified. Presentation format follows ldns except for Tapir's normal form: names
// lower-case without trailing dot, control characters (tab included) always as \DDD.
// Types Tapir does not format are printed as RFC 3597 `\# <len> <hex>`. Thread-safe
// (no shared state).
[[nodiscard]] Status parseMessage(std::span<const std::uint8_t> wire, Message& out);

// An uncompressed wire-format name (e.g. dnstap's query_zone) in normal form. The name
// must fill `wire` exactly.
[[nodiscard]] Result<std::string> parseWireName(std::span<const std::uint8_t> wire);

// Formats one RR's rdata. `message` is the whole message (for compression pointers);
// the rdata lies at [offset, offset + length). Appends to `out`.
[[nodiscard]] Status formatRdata(std::uint16_t type, std::span<const std::uint8_t> message,
                                 std::size_t offset, std::size_t length, std::string& out);

// What a negative answer (RCODE NXDOMAIN to a class-IN question) says does not exist: the
// end of the CNAME chain the answer section builds from the question name (RFC 6604 §3),
// and the question type. nullopt for any other answer. At most 16 CNAME hops are followed.
struct NxdomainSubject {
    std::string name;
    std::uint16_t type = 0;
};
[[nodiscard]] std::optional<NxdomainSubject> nxdomainSubject(const Message& message);

}  // namespace tapir::dns
