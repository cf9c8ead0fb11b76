// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads gamelinux/passivedns logs, both its pipe-separated form
//   ts||client||server||class||query||type||answer||ttl||count
// and its JSON lines (timestamp_s, timestamp_ms, client, server, class, query, type, answer,
// ttl, count). The client and server fields are read past and never stored. Answers
// "NXDOMAIN" become negative observations; other error rcodes (SERVFAIL, ...) and non-IN
// classes are dropped and counted.
class PassiveDnsReader final : public FeedReader {
public:
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;
};

}  // namespace tapir
