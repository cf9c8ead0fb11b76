// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads dnstap captures: Frame Streams files (fstrm_capture, BIND `dnstap-output file`,
// Unbound, Knot, ...) whose data frames hold protobuf `dnstap.Dnstap` messages. Control
// frames (START, STOP, and the READY/ACCEPT/FINISH of bidirectional captures) are decoded;
// several START..STOP runs in one file (concatenated captures) are fine.
//
// Only responses of servers that resolve or serve names are stored: RESOLVER_RESPONSE,
// FORWARDER_RESPONSE and AUTH_RESPONSE. Every RR of their answer, authority and additional
// sections becomes one observation (OPT and non-IN classes excepted), with the response
// time and the query zone as bailiwick; an NXDOMAIN response adds a negative observation for
// the name that did not exist. Queries and client-side messages are dropped and counted;
// socket addresses are never read. Malformed frames or DNS messages are skipped and
// reported with the frame's offset. One reader per file, on one thread.
class DnstapReader final : public FeedReader {
public:
    // Longest data frame accepted; longer lengths mean a corrupt or foreign file.
    static constexpr std::uint32_t kMaxFrameLength = 16u << 20;

    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;
};

}  // namespace tapir
