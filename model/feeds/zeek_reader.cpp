// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Zeek dns.log (TSV and JSON) to observations.
//
// Terms: a *header* is the block of `#key<sep>value` lines Zeek's ASCII writer puts before
// the data (`#separator`, `#set_separator`, `#empty_field`, `#unset_field`, `#fields`,
// `#types`); a rotated or concatenated file may hold several. An *answer* is one element of
// the `answers` vector, which Zeek fills from the answer section only and formats per type
// (scripts/base/protocols/dns/main.zeek): addresses as text, NS/CNAME/PTR/MX/SRV/SOA as the
// target name alone, TXT/SPF as `TXT <len> <bytes>` per string, DNSSEC types as summaries
// without rdata.
//
// Steps: each data line (or JSON object) gives query, qclass, qtype, rcode and answers.
// Responses that are NXDOMAIN become one negative observation; other errors and unanswered
// queries are dropped and counted. Each answer's type is inferred from its text (an address
// is A/AAAA, `TXT ...` is TXT; a bare name is of the query type when that type holds a name,
// otherwise a CNAME), and AnswerChain rebuilds the owners: the CNAME chain from the query
// name, then the chain's end. Summaries Zeek logs without rdata are dropped and counted.
// Limitation: for a query of a name-holding type (NS, MX, PTR, SRV, SOA, DNAME) answered
// through a CNAME, Zeek's log cannot tell the CNAME from the answer; both are read as the
// query type.
#include "feeds/zeek_reader.h"

#include <simdjson.h>

#include <optional>
#include <vector>

#include "common/observation.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "feeds/answer_chain.h"
#include "feeds/input_stream.h"
#include "feeds/line_reader.h"
#include "feeds/text_fields.h"

namespace tapir {
namespace {

using dns::RRType;

constexpr std::uint32_t type(RRType t) {
    return static_cast<std::uint32_t>(t);
}

// One dns.log entry, from either writer. Views point into the current line or into
// `storage` (unescaped copies).
struct Entry {
    std::int64_t time = 0;
    std::string query;
    std::string qclass;  // qclass_name or qclass number as text; empty when unset
    std::string qtype;   // qtype_name, or "TYPE<n>" built from qtype
    std::string rcode;   // rcode_name, or the number as text; empty when unset
    std::vector<std::string> answers;
    std::optional<std::size_t> ttlCount;
};

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Undoes the ASCII writer's escaping: \xHH for bytes and separators, \\ for a backslash.
std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && hexValue(s[i + 2]) >= 0 &&
            hexValue(s[i + 3]) >= 0) {
            out += static_cast<char>(hexValue(s[i + 2]) * 16 + hexValue(s[i + 3]));
            i += 3;
        } else if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Parses Zeek's TXT/SPF answer form, "TXT 5 hello TXT 3 abc", into presentation format.
std::optional<std::string> parseTextAnswer(std::string_view text, std::string_view tag) {
    std::string out;
    while (!text.empty()) {
        if (!text.starts_with(tag) || text.size() <= tag.size() || text[tag.size()] != ' ') {
            return std::nullopt;
        }
        text.remove_prefix(tag.size() + 1);
        const std::size_t space = text.find(' ');
        auto len = parseUnsigned(text.substr(0, space));
        if (!len || space == std::string_view::npos || text.size() - space - 1 < *len) {
            return std::nullopt;
        }
        text.remove_prefix(space + 1);
        if (!out.empty())
            out += ' ';
        appendQuotedText(out, text.substr(0, *len));
        text.remove_prefix(*len);
        if (!text.empty()) {
            if (text.front() != ' ')
                return std::nullopt;
            text.remove_prefix(1);
        }
    }
    return out;
}

bool holdsName(std::uint32_t t) {
    return t == type(RRType::NS) || t == type(RRType::MX) || t == type(RRType::PTR) ||
           t == type(RRType::SRV) || t == type(RRType::SOA) || t == type(RRType::DNAME) ||
           t == type(RRType::CNAME);
}

// Summaries Zeek logs instead of rdata (main.zeek's dns_RRSIG, dns_DNSKEY, ... handlers).
bool isSummary(std::string_view a) {
    for (std::string_view p : {"<unknown type=", "RRSIG ", "DNSKEY ", "NSEC ", "DS ",
                               "SSHFP: ", "LOC: ", "BIND9 signing signal"}) {
        if (a.starts_with(p))
            return true;
    }
    return a == "NSEC3" || a == "NSEC3PARAM";
}

// The class of a non-IN query as Zeek names it (base/protocols/dns/consts.zeek), or "other".
// It names a bucket of dropped queries: a fixed set, so a hostile file cannot add one bucket
// per line (Zeek itself logs "query-class-<n>" for unknown classes).
std::string_view classBucket(std::string_view qclass) {
    if (qclass == "C_CSNET" || qclass == "2")
        return "C_CSNET";
    if (qclass == "C_CHAOS" || qclass == "3")
        return "C_CHAOS";
    if (qclass == "C_HESIOD" || qclass == "4")
        return "C_HESIOD";
    if (qclass == "C_NONE" || qclass == "254")
        return "C_NONE";
    if (qclass == "C_ANY" || qclass == "255")
        return "C_ANY";
    return "other";
}

class EntryEmitter {
public:
    EntryEmitter(ObservationSink& sink, ReadContext& context) : m_sink(sink), m_context(context) {}

    // Returns an error message for a bad entry, empty otherwise.
    std::string emit(Entry& e) {
        if (e.rcode.empty()) {
            m_context.drop("queries without a logged response");
            return {};
        }
        if (!e.qclass.empty() && e.qclass != "C_INTERNET" && e.qclass != "1") {
            m_context.drop("non-IN class queries (" + std::string(classBucket(e.qclass)) + ")");
            return {};
        }
        auto name = dns::normalizeName(e.query);
        if (!name) {
            return "missing query name";
        }
        auto qtype = dns::typeFromName(e.qtype);
        if (!qtype || *qtype == kNxdomainType) {
            return "unknown query type '" + printable(e.qtype) + "'";
        }
        if (e.ttlCount && *e.ttlCount != e.answers.size()) {
            return "answers and TTLs differ in length";
        }
        if (e.rcode == "NXDOMAIN" || e.rcode == "3") {
            Observation o;
            o.rrname = std::move(*name);
            o.rrtype = kNxdomainType;
            o.rdata = dns::typeName(*qtype);
            o.firstSeen = o.lastSeen = e.time;
            add(std::move(o));
            return {};
        }
        if (e.rcode != "NOERROR" && e.rcode != "0") {
            m_context.drop(std::string(rcodeBucket(e.rcode)) + " responses (no data)");
            return {};
        }
        if (e.answers.empty()) {
            m_context.drop("responses without answers");
            return {};
        }
        AnswerChain chain(*name);
        for (const auto& a : e.answers) {
            if (isSummary(a)) {
                m_context.drop("answers Zeek logs without rdata (DNSSEC, unknown types)");
                continue;
            }
            if (a.starts_with("TXT ") || a.starts_with("SPF ")) {
                const bool spf = a.starts_with("SPF ");
                auto text = parseTextAnswer(a, spf ? "SPF" : "TXT");
                if (!text) {
                    return "malformed TXT answer '" + printable(a) + "'";
                }
                chain.add(type(spf ? RRType::SPF : RRType::TXT), std::move(*text));
                continue;
            }
            if (dns::parseIp(a)) {
                const auto t = type(a.find(':') != std::string::npos ? RRType::AAAA : RRType::A);
                chain.add(t, dns::normalizeRdata(t, a));
                continue;
            }
            const std::uint32_t t =
                holdsName(*qtype) ? *qtype : static_cast<std::uint32_t>(RRType::CNAME);
            std::string rdata = dns::normalizeRdata(t, a);
            if (rdata.empty()) {
                return "empty answer";
            }
            chain.add(t, std::move(rdata));
        }
        for (auto& a : chain.answers()) {
            Observation o;
            o.rrname = std::move(a.owner);
            o.rrtype = a.type;
            o.rdata = std::move(a.rdata);
            o.firstSeen = o.lastSeen = e.time;
            add(std::move(o));
        }
        return {};
    }

private:
    void add(Observation&& o) {
        ++m_context.stats().observations;
        m_sink.add(std::move(o));
    }

    ObservationSink& m_sink;
    ReadContext& m_context;
};

// Column positions of the current TSV header.
struct TsvLayout {
    char separator = '\t';
    char setSeparator = ',';
    std::string empty = "(empty)";
    std::string unset = "-";
    std::optional<std::size_t> ts, query, qclass, qclassName, qtype, qtypeName, rcode, rcodeName,
        answers, ttls;
    std::size_t columns = 0;
    bool haveFields = false;
};

// Applies one `#key value` header line; returns an error message for a file-level problem.
std::string applyHeader(std::string_view line, TsvLayout& layout) {
    const std::size_t gap = line.find_first_of(" \t");
    const std::string_view key = line.substr(0, gap);
    std::string_view value =
        gap == std::string_view::npos ? std::string_view{} : line.substr(gap + 1);
    if (key == "#separator") {
        const std::string sep = unescape(value);
        if (sep.size() != 1)
            return "unsupported #separator '" + printable(value) + "'";
        layout.separator = sep[0];
        return {};
    }
    // The other header lines use the separator just declared.
    const std::size_t sep = line.find(layout.separator);
    value = sep == std::string_view::npos ? std::string_view{} : line.substr(sep + 1);
    if (key == "#set_separator") {
        const std::string s = unescape(value);
        if (s.size() != 1)
            return "unsupported #set_separator '" + printable(value) + "'";
        layout.setSeparator = s[0];
    } else if (key == "#empty_field") {
        layout.empty = unescape(value);
    } else if (key == "#unset_field") {
        layout.unset = unescape(value);
    } else if (key == "#fields") {
        TsvLayout fresh;
        fresh.separator = layout.separator;
        fresh.setSeparator = layout.setSeparator;
        fresh.empty = layout.empty;
        fresh.unset = layout.unset;
        layout = std::move(fresh);
        std::size_t i = 0;
        while (true) {
            const std::size_t end = value.find(layout.separator);
            const std::string_view f = value.substr(0, end);
            if (f == "ts")
                layout.ts = i;
            else if (f == "query")
                layout.query = i;
            else if (f == "qclass")
                layout.qclass = i;
            else if (f == "qclass_name")
                layout.qclassName = i;
            else if (f == "qtype")
                layout.qtype = i;
            else if (f == "qtype_name")
                layout.qtypeName = i;
            else if (f == "rcode")
                layout.rcode = i;
            else if (f == "rcode_name")
                layout.rcodeName = i;
            else if (f == "answers")
                layout.answers = i;
            else if (f == "TTLs")
                layout.ttls = i;
            ++i;
            if (end == std::string_view::npos)
                break;
            value.remove_prefix(end + 1);
        }
        layout.columns = i;
        std::string missing;
        auto need = [&](bool ok, std::string_view what) {
            if (!ok)
                missing += (missing.empty() ? "" : ", ") + std::string(what);
        };
        need(layout.ts.has_value(), "ts");
        need(layout.query.has_value(), "query");
        need(layout.qtype || layout.qtypeName, "qtype_name");
        need(layout.rcode || layout.rcodeName, "rcode_name");
        need(layout.answers.has_value(), "answers");
        if (!missing.empty()) {
            return "not a Zeek dns.log: the #fields header lacks " + missing;
        }
        layout.haveFields = true;
    }
    return {};
}

std::string parseTsvLine(std::string_view line, const TsvLayout& layout, Entry& e) {
    std::vector<std::string_view> cols;
    cols.reserve(layout.columns);
    while (true) {
        const std::size_t end = line.find(layout.separator);
        cols.push_back(line.substr(0, end));
        if (end == std::string_view::npos)
            break;
        line.remove_prefix(end + 1);
    }
    if (cols.size() != layout.columns) {
        return "expected " + std::to_string(layout.columns) + " fields, found " +
               std::to_string(cols.size());
    }
    auto value = [&](const std::optional<std::size_t>& i) -> std::string {
        if (!i)
            return {};
        const std::string_view v = cols[*i];
        if (v == layout.unset || v == layout.empty)
            return {};
        return unescape(v);
    };
    auto ts = parseEpoch(cols[*layout.ts]);
    if (!ts) {
        return "bad ts '" + printable(cols[*layout.ts]) + "'";
    }
    e.time = *ts;
    e.query = value(layout.query);
    e.qclass = layout.qclassName ? value(layout.qclassName) : value(layout.qclass);
    e.qtype = layout.qtypeName ? value(layout.qtypeName) : std::string();
    if (!dns::typeFromName(e.qtype) && layout.qtype && !value(layout.qtype).empty()) {
        e.qtype = "TYPE" + value(layout.qtype);
    }
    e.rcode = layout.rcodeName ? value(layout.rcodeName) : value(layout.rcode);
    e.answers.clear();
    const std::string_view answers = cols[*layout.answers];
    if (answers != layout.unset && answers != layout.empty) {
        std::string_view rest = answers;
        while (true) {
            const std::size_t end = rest.find(layout.setSeparator);
            e.answers.push_back(unescape(rest.substr(0, end)));
            if (end == std::string_view::npos)
                break;
            rest.remove_prefix(end + 1);
        }
    }
    e.ttlCount.reset();
    if (layout.ttls) {
        const std::string_view t = cols[*layout.ttls];
        if (t == layout.unset || t == layout.empty) {
            e.ttlCount = 0;
        } else {
            std::size_t n = 1;
            for (char c : t)
                n += c == layout.setSeparator ? 1 : 0;
            e.ttlCount = n;
        }
    }
    return {};
}

std::string jsonString(const simdjson::dom::object& obj, std::string_view key) {
    std::string_view v;
    if (obj[key].get(v) == simdjson::SUCCESS) {
        return unescape(v);
    }
    std::int64_t n = 0;
    if (obj[key].get(n) == simdjson::SUCCESS) {
        return std::to_string(n);
    }
    return {};
}

std::string parseJsonLine(simdjson::dom::parser& parser, std::string_view text, Entry& e) {
    simdjson::dom::object obj;
    if (parser.parse(text.data(), text.size(), true).get(obj) != simdjson::SUCCESS) {
        return "not a JSON object";
    }
    if (!jsonInteger(obj, "ts", e.time)) {
        return "missing or bad ts";
    }
    e.query = jsonString(obj, "query");
    e.qclass = jsonString(obj, "qclass_name");
    if (e.qclass.empty())
        e.qclass = jsonString(obj, "qclass");
    e.qtype = jsonString(obj, "qtype_name");
    if (!dns::typeFromName(e.qtype)) {
        const std::string n = jsonString(obj, "qtype");
        if (!n.empty())
            e.qtype = "TYPE" + n;
    }
    e.rcode = jsonString(obj, "rcode_name");
    if (e.rcode.empty())
        e.rcode = jsonString(obj, "rcode");
    e.answers.clear();
    simdjson::dom::array answers;
    if (obj["answers"].get(answers) == simdjson::SUCCESS) {
        for (simdjson::dom::element a : answers) {
            std::string_view s;
            if (a.get(s) != simdjson::SUCCESS)
                return "answers holds a non-string";
            e.answers.push_back(unescape(s));
        }
    }
    e.ttlCount.reset();
    simdjson::dom::array ttls;
    if (obj["TTLs"].get(ttls) == simdjson::SUCCESS) {
        e.ttlCount = ttls.size();
    }
    return {};
}

}  // namespace

int ZeekReader::probe(std::string_view head) {
    const std::string_view first = firstLine(head);
    if (first.starts_with("#separator")) {
        const std::size_t fields = head.find("\n#fields");
        if (fields == std::string_view::npos)
            return 30;
        const std::string_view line = firstLine(head.substr(fields + 1));
        return line.find("query") != std::string_view::npos &&
                       line.find("answers") != std::string_view::npos
                   ? 95
                   : 30;
    }
    if (first.starts_with("{") && first.find("\"uid\"") != std::string_view::npos &&
        first.find("\"id.orig_h\"") != std::string_view::npos &&
        (first.find("\"trans_id\"") != std::string_view::npos ||
         first.find("\"qtype_name\"") != std::string_view::npos ||
         first.find("\"rcode_name\"") != std::string_view::npos)) {
        return 90;
    }
    return 0;
}

Status ZeekReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    LineReader lines(input);
    simdjson::dom::parser parser;
    EntryEmitter emitter(sink, context);
    TsvLayout layout;
    Entry entry;
    for (;;) {
        auto next = lines.next();
        if (!next) {
            return next.error();
        }
        if (!*next) {
            return {};
        }
        const auto& line = **next;
        context.tick(input);
        if (line.text.empty() && !line.tooLong) {
            continue;
        }
        if (!line.tooLong && line.text.front() == '#') {
            if (auto err = applyHeader(line.text, layout); !err.empty()) {
                Error e = makeError(ErrorCode::Format, err, context.path());
                e.line = line.number;
                return e;
            }
            continue;
        }
        ++context.stats().recordsRead;
        if ((context.stats().recordsRead & 0x3ff) == 0 && context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        if (line.tooLong) {
            context.badRecordAtLine(line.number, "line too long");
            continue;
        }
        std::string err;
        if (line.text.front() == '{') {
            err = parseJsonLine(parser, line.text, entry);
        } else if (!layout.haveFields) {
            err = "data line before the #fields header";
        } else {
            err = parseTsvLine(line.text, layout, entry);
        }
        if (err.empty()) {
            err = emitter.emit(entry);
        }
        if (!err.empty()) {
            context.badRecordAtLine(line.number, std::move(err));
        }
    }
}

}  // namespace tapir
