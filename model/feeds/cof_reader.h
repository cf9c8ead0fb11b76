// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads passive DNS Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof) as NDJSON,
// which is also what DNSDB and dnsdbq emit: rrname, rrtype, rdata (string or array; each
// element becomes one observation), time_first/time_last (or zone_time_first/
// zone_time_last), count, bailiwick. Numbers may arrive as strings. DNSDB's streaming
// framing ({"cond":"begin"}, {"obj":{...}}, {"cond":"succeeded"|"limited"|"failed"}) is
// unwrapped; an export that did not end in "succeeded" is reported as truncated.
class CofReader final : public FeedReader {
public:
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;
};

}  // namespace tapir
