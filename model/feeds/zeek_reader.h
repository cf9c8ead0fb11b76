// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads Zeek's dns.log, both the TSV writer's form (a `#separator` / `#fields` header,
// `(empty)` and `-` for empty and unset fields, `,` between vector elements, \xHH escapes)
// and the JSON writer's lines. Only responses are read: `query`, `qtype_name`, `rcode_name`,
// and the `answers` vector. Zeek logs answers without their owner name or type, so the
// reader rebuilds them the way Zeek formats them (see the .cpp); `TTLs` is checked against
// `answers` but not stored. NXDOMAIN becomes a negative observation; other error rcodes,
// unanswered queries and non-IN classes are dropped and counted. The connection fields
// (`id.orig_h` ...) are never read.
class ZeekReader final : public FeedReader {
public:
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;
};

}  // namespace tapir
