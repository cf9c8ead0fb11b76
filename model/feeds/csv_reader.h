// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Reads CSV or TSV files with a header line: dnsdbq's CSV
// (time_first,time_last,zone_first,zone_last,count,bailiwick,rrname,rrtype,rdata, times as
// "YYYY-MM-DD HH:MM:SS", which is also what Tapir exports) and any table whose columns are
// named with a known alias (name/query/qname for rrname, type/qtype for rrtype,
// answer/value/data for rdata, timestamp/ts/time/first_seen/last_seen for times, ...).
// RFC 4180 quoting, quoted line breaks and the exporter's formula guard (a leading ') are
// undone. A header that lacks a required column fails the file with a message naming the
// missing columns and the names accepted for them.
class CsvReader final : public FeedReader {
public:
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;
};

}  // namespace tapir
