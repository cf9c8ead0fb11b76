// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/cof_reader.h"

#include <simdjson.h>

#include "common/observation.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "feeds/input_stream.h"
#include "feeds/line_reader.h"
#include "feeds/text_fields.h"

namespace tapir {
namespace {

// Emits the observations of one COF object; returns an error message or empty.
std::string readObject(const simdjson::dom::object& obj, ObservationSink& sink,
                       ReadContext& context) {
    std::string_view rrname;
    std::string_view rrtypeText;
    if (obj["rrname"].get(rrname) != simdjson::SUCCESS) {
        return "missing rrname";
    }
    if (obj["rrtype"].get(rrtypeText) != simdjson::SUCCESS) {
        return "missing rrtype";
    }
    auto name = dns::normalizeName(rrname);
    if (!name) {
        return "empty rrname";
    }
    auto type = dns::typeFromName(rrtypeText);
    if (!type) {
        return "unknown rrtype '" + printable(rrtypeText) + "'";
    }
    std::int64_t first = 0;
    std::int64_t last = 0;
    if (!jsonInteger(obj, "time_first", first) && !jsonInteger(obj, "zone_time_first", first)) {
        return "missing or bad time_first";
    }
    if (!jsonInteger(obj, "time_last", last) && !jsonInteger(obj, "zone_time_last", last)) {
        last = first;
    }
    if (last < first) {
        return "time_last is before time_first";
    }
    std::int64_t count = 1;
    if (obj["count"].error() == simdjson::SUCCESS &&
        (!jsonInteger(obj, "count", count) || count < 0)) {
        return "bad count";
    }
    std::string bailiwick;
    std::string_view bw;
    if (obj["bailiwick"].get(bw) == simdjson::SUCCESS) {
        bailiwick = dns::normalizeName(bw).value_or(std::string());
    }

    auto emitOne = [&](std::string_view rdata) {
        Observation o;
        o.rrname = *name;
        o.rrtype = *type;
        o.rdata = dns::normalizeRdata(*type, rdata);
        o.bailiwick = bailiwick;
        o.firstSeen = first;
        o.lastSeen = last;
        o.count = static_cast<std::uint64_t>(count == 0 ? 1 : count);
        ++context.stats().observations;
        sink.add(std::move(o));
    };

    simdjson::dom::element rdata;
    if (obj["rdata"].get(rdata) != simdjson::SUCCESS) {
        return "missing rdata";
    }
    std::string_view text;
    if (rdata.get(text) == simdjson::SUCCESS) {
        emitOne(text);
        return {};
    }
    simdjson::dom::array items;
    if (rdata.get(items) != simdjson::SUCCESS) {
        return "rdata is neither a string nor an array";
    }
    std::size_t emitted = 0;
    for (simdjson::dom::element item : items) {
        if (item.get(text) != simdjson::SUCCESS) {
            return "rdata array holds a non-string";
        }
        emitOne(text);
        ++emitted;
    }
    if (emitted == 0) {
        return "empty rdata array";
    }
    return {};
}

}  // namespace

int CofReader::probe(std::string_view head) {
    const std::string_view first = firstLine(head);
    if (!first.starts_with("{")) {
        return 0;
    }
    if (first.find("\"cond\"") != std::string_view::npos ||
        first.find("\"obj\"") != std::string_view::npos) {
        return 95;
    }
    if (first.find("\"rrname\"") != std::string_view::npos &&
        first.find("\"rrtype\"") != std::string_view::npos) {
        return 90;
    }
    return 0;
}

Status CofReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    LineReader lines(input);
    simdjson::dom::parser parser;
    bool framed = false;
    std::string endCondition;
    for (;;) {
        auto next = lines.next();
        if (!next) {
            return next.error();
        }
        if (!*next) {
            break;
        }
        const auto& line = **next;
        context.tick(input);
        if (line.text.empty() && !line.tooLong) {
            continue;
        }
        if ((line.number & 0x3ff) == 0 && context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        if (line.tooLong) {
            ++context.stats().recordsRead;
            context.badRecordAtLine(line.number, "line too long");
            continue;
        }
        simdjson::dom::object obj;
        if (parser.parse(line.text.data(), line.text.size(), true).get(obj) != simdjson::SUCCESS) {
            ++context.stats().recordsRead;
            context.badRecordAtLine(line.number, "not a JSON object");
            continue;
        }
        std::string_view cond;
        if (obj["cond"].get(cond) == simdjson::SUCCESS) {
            framed = true;
            if (cond != "begin" && cond != "ongoing") {
                endCondition = std::string(cond);
                std::string_view msg;
                if (obj["msg"].get(msg) == simdjson::SUCCESS) {
                    endCondition += ": " + printable(msg, 200);
                }
            }
            continue;
        }
        ++context.stats().recordsRead;
        simdjson::dom::object inner;
        if (obj["obj"].get(inner) == simdjson::SUCCESS) {
            framed = true;
            obj = inner;
        }
        if (auto err = readObject(obj, sink, context); !err.empty()) {
            context.badRecordAtLine(line.number, std::move(err));
        }
    }
    if (framed && endCondition != "succeeded") {
        context.warn(endCondition.empty()
                         ? "DNSDB export is truncated: the stream has no final {\"cond\":...} line"
                         : "DNSDB export did not complete (" + endCondition +
                               "): results are truncated");
    }
    return {};
}

}  // namespace tapir
