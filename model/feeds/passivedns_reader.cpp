// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/passivedns_reader.h"

#include <simdjson.h>

#include <array>
#include <charconv>

#include "common/observation.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "feeds/input_stream.h"
#include "feeds/line_reader.h"
#include "feeds/text_fields.h"

namespace tapir {
namespace {

constexpr std::string_view kSeparator = "||";

struct Fields {
    std::string_view cls, query, type, answer;
    std::int64_t time = 0;
    std::uint64_t count = 1;
};

// Splits a pipe line into its nine fields; false if the count is wrong.
bool splitPipeLine(std::string_view line, std::array<std::string_view, 9>& out) {
    std::size_t n = 0;
    while (n < 8) {
        const std::size_t sep = line.find(kSeparator);
        if (sep == std::string_view::npos) {
            return false;
        }
        out[n++] = line.substr(0, sep);
        line.remove_prefix(sep + kSeparator.size());
    }
    out[8] = line;
    return line.find(kSeparator) == std::string_view::npos;
}

// Turns the fields of one log line into an observation; returns an error message or empty.
std::string emit(const Fields& f, ObservationSink& sink, ReadContext& context) {
    if (f.cls != "IN") {
        // The class names a bucket of the report: only known ones, so a hostile file cannot
        // add one bucket per line.
        const bool known = f.cls == "CH" || f.cls == "HS" || f.cls == "NONE" || f.cls == "ANY";
        context.drop("non-IN class answers (" + (known ? std::string(f.cls) : "other") + ")");
        return {};
    }
    auto name = dns::normalizeName(f.query);
    if (!name) {
        return "empty query name";
    }
    auto type = dns::typeFromName(f.type);
    if (!type || *type == kNxdomainType) {
        return "unknown RR type '" + printable(f.type) + "'";
    }
    Observation obs;
    obs.rrname = std::move(*name);
    obs.firstSeen = obs.lastSeen = f.time;
    obs.count = f.count == 0 ? 1 : f.count;
    if (f.answer == "NXDOMAIN") {
        obs.rrtype = kNxdomainType;
        obs.rdata = dns::typeName(*type);
    } else if (f.answer == "SERVFAIL" || f.answer == "REFUSED" || f.answer == "FORMERR" ||
               f.answer == "NOTIMP") {
        context.drop(std::string(f.answer) + " answers (no data)");
        return {};
    } else {
        obs.rrtype = *type;
        obs.rdata = dns::normalizeRdata(*type, f.answer);
    }
    if (obs.rdata.empty()) {
        return "empty answer";
    }
    ++context.stats().observations;
    sink.add(std::move(obs));
    return {};
}

// One pipe-separated line: an error message, or empty when the line was handled.
std::string parsePipeLine(std::string_view text, ObservationSink& sink, ReadContext& context) {
    std::array<std::string_view, 9> cols;
    if (!splitPipeLine(text, cols)) {
        return "expected 9 fields separated by '||' "
               "(ts||client||server||class||query||type||answer||ttl||count)";
    }
    Fields f;
    auto ts = parseEpoch(cols[0]);
    if (!ts) {
        return "bad timestamp '" + printable(cols[0]) + "'";
    }
    auto count = parseUnsigned(cols[8]);
    if (!count) {
        return "bad count '" + printable(cols[8]) + "'";
    }
    f.time = *ts;
    f.count = *count;
    f.cls = cols[3];
    f.query = cols[4];
    f.type = cols[5];
    f.answer = cols[6];
    return emit(f, sink, context);
}

// One JSON line of passivedns's JSON output.
std::string parseJsonLine(simdjson::dom::parser& parser, std::string_view text,
                          ObservationSink& sink, ReadContext& context) {
    simdjson::dom::object obj;
    if (parser.parse(text.data(), text.size(), true).get(obj) != simdjson::SUCCESS) {
        return "not a JSON object";
    }
    Fields f;
    if (!jsonInteger(obj, "timestamp_s", f.time)) {
        return "missing or bad timestamp_s";
    }
    if (obj["count"].error() == simdjson::SUCCESS) {
        std::int64_t c = 0;
        if (!jsonInteger(obj, "count", c) || c < 0) {
            return "bad count";
        }
        f.count = static_cast<std::uint64_t>(c);
    }
    if (obj["class"].get(f.cls) != simdjson::SUCCESS ||
        obj["query"].get(f.query) != simdjson::SUCCESS ||
        obj["type"].get(f.type) != simdjson::SUCCESS ||
        obj["answer"].get(f.answer) != simdjson::SUCCESS) {
        return "missing class, query, type or answer";
    }
    return emit(f, sink, context);
}

}  // namespace

int PassiveDnsReader::probe(std::string_view head) {
    const std::string_view first = firstLine(head);
    if (first.starts_with("{") && first.find("\"timestamp_s\"") != std::string_view::npos &&
        first.find("\"answer\"") != std::string_view::npos) {
        return 90;
    }
    std::array<std::string_view, 9> cols;
    if (splitPipeLine(first, cols) && parseEpoch(cols[0])) {
        return 90;
    }
    return 0;
}

Status PassiveDnsReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    LineReader lines(input);
    simdjson::dom::parser parser;
    // The layout is decided once per file, by the first non-empty line.
    enum class Layout { Unknown, Pipe, Json } layout = Layout::Unknown;
    return forEachRecordLine(lines, input, context, [&](const LineReader::Line& line) -> Status {
        if (layout == Layout::Unknown) {
            layout = line.text.starts_with("{") ? Layout::Json : Layout::Pipe;
        }
        std::string err = layout == Layout::Json ? parseJsonLine(parser, line.text, sink, context)
                                                 : parsePipeLine(line.text, sink, context);
        if (!err.empty()) {
            context.badRecordAtLine(line.number, std::move(err));
        }
        return {};
    });
}

}  // namespace tapir
