// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads the DNS events of Suricata's eve.json: version 1 (one event per answer, dns.type
// "answer"), version 2 ("answers" and "authorities" arrays, or "grouped" answers keyed by
// type) and version 3 (Suricata 8: dns.type "response", the question in a "queries" array,
// "additionals" too). Query events and every other event type are dropped and counted; so
// are alert events, whose dns object repeats what the dns events log. The flow's addresses
// are never read.
class SuricataReader final : public FeedReader {
public:
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;
};

}  // namespace tapir
