// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "feeds/feed_reader.h"

namespace tapir {

struct PcapOptions {
    std::vector<std::uint16_t> ports = {53};  // DNS server ports
    std::size_t maxTcpStreams = 16384;        // open streams kept; the idlest are dropped
    std::size_t maxFragmentedDatagrams = 1024;
    std::int64_t idleSeconds = 120;  // capture time after which a stream or fragment expires

    // The defaults, with ports taken from $TAPIR_DNS_PORTS ("53,5353") when it is set.
    [[nodiscard]] static PcapOptions fromEnvironment();
};

// Reads DNS responses from packet captures (pcap and pcapng, via libpcap reading the
// InputStream through fopencookie, so compressed captures stream too). Link types:
// Ethernet (with 802.1Q/802.1ad VLAN tags), Linux cooked SLL and SLL2, raw IP, BSD
// loopback (NULL/LOOP). IPv4 and IPv6, fragmented datagrams reassembled; DNS over UDP and
// over TCP (streams reassembled, two-octet length prefix, several messages per stream).
// Only responses (QR=1) on the configured ports are read, their answer, authority and
// additional RRs of class IN becoming observations (NXDOMAIN also gives a negative
// observation); queries and every address are dropped, so no client address is ever kept.
class PcapReader final : public FeedReader {
public:
    explicit PcapReader(PcapOptions options = {}) : m_options(std::move(options)) {}
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;

private:
    PcapOptions m_options;
};

}  // namespace tapir
