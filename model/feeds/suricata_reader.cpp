// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Suricata eve.json DNS events to observations.
//
// Terms (Suricata user guide, "Eve JSON Format" and "DNS EVE Logging Changes for 8.0"): an
// *event* is one JSON line with an `event_type`; a DNS event's `dns` object has a `type`
// ("query"/"answer" up to version 2, "request"/"response" in version 3) and a `version`
// (absent in version 1). A *detailed* answer is an object {rrname, rrtype, ttl, rdata}, where
// SOA, SSHFP and SRV answers may carry a `soa`/`sshfp`/`srv` object instead of rdata;
// *grouped* answers map a type to its rdata list, without owner names.
//
// Steps: non-DNS and query events are counted and skipped. A response's question is
// dns.rrname/rrtype (v1, v2) or dns.queries[0] (v3). Version 1 events are single answers.
// Detailed answers from `answers`, `authorities` and `additionals` become one observation
// each; grouped answers get their owners from AnswerChain (CNAMEs first, in order, then the
// other types, owned by the chain's end). NXDOMAIN becomes a negative observation for the end
// of the CNAME chain from the question (RFC 6604 §3), as the dnstap reader does.
#include "feeds/suricata_reader.h"

#include <simdjson.h>

#include <charconv>
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
using simdjson::SUCCESS;

constexpr int kMaxCnameChain = 16;

// Suricata writes local times with an offset: "2017-04-07T22:24:37.251547+0100".
std::optional<std::int64_t> parseEveTime(std::string_view s) {
    if (s.size() < 19)
        return std::nullopt;
    auto base = parseEpoch(s.substr(0, 19));
    if (!base)
        return std::nullopt;
    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest.front() == '.') {
        std::size_t i = 1;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9')
            ++i;
        rest.remove_prefix(i);
    }
    if (rest.empty() || rest == "Z")
        return base;
    if (rest.front() != '+' && rest.front() != '-')
        return std::nullopt;
    const int sign = rest.front() == '-' ? -1 : 1;
    rest.remove_prefix(1);
    std::string digits;
    for (char c : rest) {
        if (c != ':')
            digits += c;
    }
    int hhmm = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), hhmm);
    if (ec != std::errc() || p != digits.data() + digits.size() || digits.size() != 4) {
        return std::nullopt;
    }
    return *base - sign * ((hhmm / 100) * 3600 + (hhmm % 100) * 60);
}

std::optional<std::uint32_t> rrtypeOf(std::string_view text) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
        std::uint32_t n = 0;
        std::from_chars(text.data(), text.data() + text.size(), n);
        return n <= 0xffff ? std::optional<std::uint32_t>(n) : std::nullopt;
    }
    auto t = dns::typeFromName(text);
    if (t && *t == kNxdomainType)
        return std::nullopt;
    return t;
}

std::string numberText(simdjson::dom::element e) {
    std::int64_t i = 0;
    if (e.get(i) == SUCCESS)
        return std::to_string(i);
    std::uint64_t u = 0;
    if (e.get(u) == SUCCESS)
        return std::to_string(u);
    std::string_view s;
    if (e.get(s) == SUCCESS)
        return std::string(s);
    return {};
}

std::string joinFields(const simdjson::dom::object& obj, std::initializer_list<const char*> keys) {
    std::string out;
    for (const char* k : keys) {
        simdjson::dom::element v;
        if (obj[k].get(v) != SUCCESS)
            return {};
        if (!out.empty())
            out += ' ';
        out += numberText(v);
    }
    return out;
}

// Rdata of one detailed answer in presentation form (before normalisation), or empty.
std::string rdataText(const simdjson::dom::object& obj) {
    std::string_view s;
    if (obj["rdata"].get(s) == SUCCESS) {
        return std::string(s);
    }
    simdjson::dom::object sub;
    if (obj["soa"].get(sub) == SUCCESS) {
        return joinFields(sub,
                          {"mname", "rname", "serial", "refresh", "retry", "expire", "minimum"});
    }
    if (obj["mname"].error() == SUCCESS) {  // a grouped SOA value
        return joinFields(obj,
                          {"mname", "rname", "serial", "refresh", "retry", "expire", "minimum"});
    }
    if (obj["srv"].get(sub) == SUCCESS) {
        return joinFields(sub, {"priority", "weight", "port", "name"});
    }
    if (obj["sshfp"].get(sub) == SUCCESS) {
        std::string_view fp;
        const std::string head = joinFields(sub, {"algo", "type"});
        if (head.empty() || sub["fingerprint"].get(fp) != SUCCESS) {
            return {};
        }
        std::string hex;
        for (char c : fp) {
            if (c != ':')
                hex += static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
        }
        return head + " " + hex;
    }
    return {};
}

// A grouped value: a string, or an object like a detailed answer's sub-object.
std::string rdataText(simdjson::dom::element value) {
    std::string_view s;
    if (value.get(s) == SUCCESS)
        return std::string(s);
    simdjson::dom::object obj;
    if (value.get(obj) == SUCCESS)
        return rdataText(obj);
    return {};
}

class EventReader {
public:
    EventReader(ObservationSink& sink, ReadContext& context) : m_sink(sink), m_context(context) {}

    // One DNS object; returns an error message or empty.
    std::string read(const simdjson::dom::object& dnsObj, std::int64_t time) {
        m_time = time;
        m_cnames.clear();
        std::string_view kind;
        if (dnsObj["type"].get(kind) != SUCCESS) {
            return "dns event without a type";
        }
        if (kind == "query" || kind == "request") {
            m_context.drop("DNS query events (client side)");
            return {};
        }
        if (kind != "answer" && kind != "response") {
            return "unknown dns.type '" + printable(kind) + "'";
        }
        std::int64_t version = 1;
        if (dnsObj["version"].error() == SUCCESS && !jsonInteger(dnsObj, "version", version)) {
            return "bad dns.version";
        }
        // The question.
        std::string_view qname, qtypeText;
        simdjson::dom::array queries;
        if (dnsObj["queries"].get(queries) == SUCCESS) {
            for (simdjson::dom::element q : queries) {
                if (q["rrname"].get(qname) != SUCCESS) {
                    qname = {};
                }
                if (q["rrtype"].get(qtypeText) != SUCCESS) {
                    qtypeText = {};
                }
                break;
            }
        } else {
            if (dnsObj["rrname"].get(qname) != SUCCESS) {
                qname = {};
            }
            if (dnsObj["rrtype"].get(qtypeText) != SUCCESS) {
                qtypeText = {};
            }
        }
        std::string_view rcode = "NOERROR";
        if (dnsObj["rcode"].get(rcode) != SUCCESS) {
            rcode = "NOERROR";  // version 1 answers may omit it
        }
        const bool nxdomain = rcode == "NXDOMAIN";
        if (rcode != "NOERROR" && !nxdomain) {
            // A fixed set of buckets, so a hostile file cannot add one per event.
            m_context.drop(std::string(rcodeBucket(rcode)) + " responses (no data)");
            return {};
        }
        std::string err;
        const bool v1 = dnsObj["answers"].error() != SUCCESS &&
                        dnsObj["grouped"].error() != SUCCESS &&
                        dnsObj["queries"].error() != SUCCESS && version < 2;
        if (v1) {
            // One answer per event; an NXDOMAIN event has the question and no rdata.
            if (!nxdomain || dnsObj["rdata"].error() == SUCCESS) {
                err = detailed(dnsObj);
            }
        } else {
            for (const char* section : {"answers", "authorities", "additionals"}) {
                simdjson::dom::array items;
                if (dnsObj[section].get(items) != SUCCESS)
                    continue;
                for (simdjson::dom::element item : items) {
                    simdjson::dom::object a;
                    if (item.get(a) != SUCCESS)
                        return std::string(section) + " holds a non-object";
                    if (auto e = detailed(a); !e.empty())
                        err = e;
                }
            }
            simdjson::dom::object grouped;
            if (dnsObj["grouped"].get(grouped) == SUCCESS) {
                if (auto e = readGrouped(grouped, qname); !e.empty())
                    err = e;
            }
        }
        if (nxdomain) {
            auto name = dns::normalizeName(qname);
            auto qtype = rrtypeOf(qtypeText);
            if (!name || !qtype) {
                return "NXDOMAIN response without a question";
            }
            std::string nxName = *name;
            for (int hop = 0; hop < kMaxCnameChain; ++hop) {
                bool moved = false;
                for (const auto& [owner, target] : m_cnames) {
                    if (owner == nxName && target != nxName) {
                        nxName = target;
                        moved = true;
                        break;
                    }
                }
                if (!moved)
                    break;
            }
            emit(std::move(nxName), kNxdomainType, dns::typeName(*qtype));
        }
        return err;
    }

private:
    std::string detailed(const simdjson::dom::object& a) {
        std::string_view rrname, rrtypeText;
        if (a["rrname"].get(rrname) != SUCCESS || a["rrtype"].get(rrtypeText) != SUCCESS) {
            return "answer without rrname or rrtype";
        }
        auto name = dns::normalizeName(rrname);
        auto type = rrtypeOf(rrtypeText);
        if (!name)
            return "empty rrname";
        if (!type)
            return "unknown rrtype '" + printable(rrtypeText) + "'";
        if (*type == static_cast<std::uint32_t>(RRType::OPT)) {
            return {};
        }
        const std::string text = rdataText(a);
        if (text.empty()) {
            m_context.drop("answers logged without rdata");
            return {};
        }
        std::string rdata = normalize(*type, text);
        if (*type == static_cast<std::uint32_t>(RRType::CNAME)) {
            m_cnames.emplace_back(*name, rdata);
        }
        emit(std::move(*name), *type, std::move(rdata));
        return {};
    }

    std::string readGrouped(const simdjson::dom::object& grouped, std::string_view qname) {
        auto name = dns::normalizeName(qname);
        if (!name)
            return "grouped answers without a question name";
        AnswerChain chain(*name);
        std::string err;
        auto addGroup = [&](std::uint32_t type, simdjson::dom::element values) {
            simdjson::dom::array items;
            if (values.get(items) != SUCCESS) {
                err = "grouped value is not an array";
                return;
            }
            for (simdjson::dom::element item : items) {
                const std::string text = rdataText(item);
                if (text.empty()) {
                    m_context.drop("answers logged without rdata");
                    continue;
                }
                chain.add(type, normalize(type, text));
            }
        };
        simdjson::dom::element cnames;
        if (grouped["CNAME"].get(cnames) == SUCCESS) {
            addGroup(static_cast<std::uint32_t>(RRType::CNAME), cnames);
        }
        for (auto field : grouped) {
            if (field.key == "CNAME")
                continue;
            auto type = rrtypeOf(field.key);
            if (!type) {
                err = "unknown rrtype '" + printable(field.key) + "' in grouped answers";
                continue;
            }
            addGroup(*type, field.value);
        }
        for (auto& a : chain.answers()) {
            if (a.type == static_cast<std::uint32_t>(RRType::CNAME)) {
                m_cnames.emplace_back(a.owner, a.rdata);
            }
            emit(std::move(a.owner), a.type, std::move(a.rdata));
        }
        return err;
    }

    static std::string normalize(std::uint32_t type, const std::string& text) {
        if ((type == static_cast<std::uint32_t>(RRType::TXT) ||
             type == static_cast<std::uint32_t>(RRType::SPF)) &&
            !text.starts_with("\"")) {
            std::string out;
            appendQuotedText(out, text);
            return out;
        }
        return dns::normalizeRdata(type, text);
    }

    void emit(std::string name, std::uint32_t type, std::string rdata) {
        Observation o;
        o.rrname = std::move(name);
        o.rrtype = type;
        o.rdata = std::move(rdata);
        o.firstSeen = o.lastSeen = m_time;
        ++m_context.stats().observations;
        m_sink.add(std::move(o));
    }

    ObservationSink& m_sink;
    ReadContext& m_context;
    std::int64_t m_time = 0;
    std::vector<std::pair<std::string, std::string>> m_cnames;  // owner, target
};

}  // namespace

int SuricataReader::probe(std::string_view head) {
    const std::string_view first = firstLine(head);
    if (first.starts_with("{") && first.find("\"event_type\"") != std::string_view::npos &&
        first.find("\"timestamp\"") != std::string_view::npos) {
        return 90;
    }
    return 0;
}

Status SuricataReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    LineReader lines(input);
    simdjson::dom::parser parser;
    EventReader events(sink, context);
    return forEachRecordLine(lines, input, context, [&](const LineReader::Line& line) -> Status {
        simdjson::dom::object obj;
        if (parser.parse(line.text.data(), line.text.size(), true).get(obj) != SUCCESS) {
            context.badRecordAtLine(line.number, "not a JSON object");
            return {};
        }
        std::string_view eventType;
        if (obj["event_type"].get(eventType) != SUCCESS) {
            context.badRecordAtLine(line.number, "no event_type");
            return {};
        }
        if (eventType != "dns") {
            context.drop("non-DNS EVE events");
            return {};
        }
        std::string_view ts;
        std::optional<std::int64_t> time;
        if (obj["timestamp"].get(ts) == SUCCESS) {
            time = parseEveTime(ts);
        }
        if (!time) {
            context.badRecordAtLine(line.number, "missing or bad timestamp");
            return {};
        }
        simdjson::dom::object dnsObj;
        if (obj["dns"].get(dnsObj) != SUCCESS) {
            context.badRecordAtLine(line.number, "dns event without a dns object");
            return {};
        }
        if (auto err = events.read(dnsObj, *time); !err.empty()) {
            context.badRecordAtLine(line.number, std::move(err));
        }
        return {};
    });
}

}  // namespace tapir
