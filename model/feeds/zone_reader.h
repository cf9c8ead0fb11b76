// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads DNS zone files (RFC 1035 master files, as BIND, NSD and Knot load them, and the
// one-record-per-line dumps ICANN's CZDS hands out for whole TLDs) with Knot DNS's zone
// scanner (libzscanner): $ORIGIN, $TTL, relative and omitted owners, parentheses, quoted
// strings, \DDD escapes and every record type Knot knows; each RR comes out in wire form
// and is formatted by Tapir's own rdata formatter, so a zone's records match the same
// records seen in dnstap or pcap byte for byte.
//
// What a zone says is what its servers would answer: every class-IN RR becomes one
// observation dated by the file's modification time (the archive member's, inside a
// bundle; ReadContext::fileTime when the user gave one), with the zone's apex (the owner of its
// SOA) as bailiwick. RRs outside the apex of the last SOA seen are dropped and counted, like
// out-of-bailiwick answers in dnstap. $INCLUDE is never followed (a zone from elsewhere must not
// read this machine's files). A bad line is skipped and counted with its line number; the scanner
// then goes on.
class ZoneReader final : public FeedReader {
public:
    static constexpr std::size_t kBlockBytes = std::size_t{4} << 20;
    // `blockBytes`: how much is read at a time (tests make it tiny to cut everywhere).
    explicit ZoneReader(std::size_t blockBytes = kBlockBytes) : m_blockBytes(blockBytes) {}

    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;

private:
    std::size_t m_blockBytes;
};

}  // namespace tapir
