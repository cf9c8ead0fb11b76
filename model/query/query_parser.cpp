// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Query language parser
//
// Terms: the text splits on blanks into terms; a term is `key:value` when key is one of
// the known keys, otherwise a bare value. Quotes ("...") keep blanks inside a value.
// Steps: split with offsets -> classify each term (lookup or modifier) -> check at most
// one lookup -> fill a QuerySpec. Every error names the term's offset so the UI can point
// at it. User text only ever becomes bound parameters (see record_query.cpp).

#include "query/query_parser.h"

#include <charconv>
#include <chrono>
#include <vector>

#include "dns/rrtype.h"
#include "feeds/text_fields.h"
#include "query/regex_function.h"

namespace tapir {
namespace {

struct Term {
    std::string key;  // empty for a bare value
    std::string value;
    std::size_t offset = 0;  // of the term in the text
    std::size_t valueOffset = 0;
};

Error syntaxError(std::string message, std::size_t offset) {
    Error e = makeError(ErrorCode::Syntax, std::move(message));
    e.offset = offset;
    return e;
}

constexpr std::string_view kKeys[] = {
    "name",       "ip",       "rdata", "ns",    "mx",     "cname", "ptr",  "glob",  "re",
    "rdata-glob", "rdata-re", "type",  "after", "before", "mode",  "sort", "limit", "bailiwick",
};

}  // namespace

bool isQueryKey(std::string_view key) {
    for (auto k : kKeys) {
        if (k == key)
            return true;
    }
    return false;
}

namespace {

Result<std::vector<Term>> split(std::string_view text) {
    std::vector<Term> terms;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i >= text.size())
            break;
        Term t;
        t.offset = i;
        std::string raw;
        bool quoted = false;
        std::size_t quoteStart = 0;
        while (i < text.size() && (quoted || (text[i] != ' ' && text[i] != '\t'))) {
            if (text[i] == '"') {
                if (quoted && i + 1 < text.size() && text[i + 1] == '"') {
                    raw += '"';  // "" inside quotes: a quote (TXT values keep theirs)
                    i += 2;
                    continue;
                }
                quoted = !quoted;
                quoteStart = i;
                ++i;
                continue;
            }
            raw += text[i++];
        }
        if (quoted) {
            return syntaxError("unterminated quote", quoteStart);
        }
        const auto colon = raw.find(':');
        if (colon != std::string::npos && isQueryKey(raw.substr(0, colon))) {
            t.key = raw.substr(0, colon);
            t.value = raw.substr(colon + 1);
            t.valueOffset = t.offset + colon + 1;
        } else {
            t.value = raw;
            t.valueOffset = t.offset;
        }
        terms.push_back(std::move(t));
    }
    return terms;
}

Status parseIpLookup(const Term& t, QuerySpec& spec) {
    std::string_view v = t.value;
    spec.kind = QuerySpec::Kind::IpRange;
    if (auto dash = v.find('-'); dash != std::string_view::npos) {
        auto low = dns::parseIp(v.substr(0, dash));
        auto high = dns::parseIp(v.substr(dash + 1));
        if (!low || !high) {
            return syntaxError("not an address range: '" + std::string(v) + "'", t.valueOffset);
        }
        if (dns::isIpv4Mapped(*low) != dns::isIpv4Mapped(*high) || *high < *low) {
            return syntaxError("range must go from a lower to a higher address of one family",
                               t.valueOffset);
        }
        spec.ipLow = *low;
        spec.ipHigh = *high;
        return {};
    }
    int prefix = -1;
    std::string_view addr = v;
    if (auto slash = v.find('/'); slash != std::string_view::npos) {
        const auto digits = v.substr(slash + 1);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (ec != std::errc() || p != digits.data() + digits.size() || prefix < 0) {
            return syntaxError("bad prefix length '" + std::string(digits) + "'",
                               t.valueOffset + slash + 1);
        }
        addr = v.substr(0, slash);
    }
    auto ip = dns::parseIp(addr);
    if (!ip) {
        return syntaxError("not an IP address: '" + std::string(addr) + "'", t.valueOffset);
    }
    const bool v4 = dns::isIpv4Mapped(*ip);
    if (prefix > (v4 ? 32 : 128)) {
        return syntaxError("prefix length out of range", t.valueOffset + addr.size() + 1);
    }
    cidrRange(*ip, prefix < 0 ? 128 : (v4 ? prefix + 96 : prefix), spec.ipLow, spec.ipHigh);
    return {};
}

Status parseNameValue(const Term& t, std::string_view value, std::size_t offset, std::string& out) {
    if (auto bad = value.find_first_of(" \t*"); bad != std::string_view::npos) {
        return syntaxError("unexpected '" + std::string(1, value[bad]) + "' in name", offset + bad);
    }
    auto normal = dns::normalizeName(value);
    if (!normal) {
        return syntaxError("a name is missing after '" + t.key + ":'", offset);
    }
    out = *normal;
    return {};
}

// A bare value or name:VALUE: exact, *.suffix, prefix.*, or an address.
Status parseNameLookup(const Term& t, QuerySpec& spec) {
    std::string_view v = t.value;
    if (t.key.empty() &&
        (dns::parseIp(v) || dns::parseIp(v.substr(0, v.find('/'))) ||
         (v.find('-') != std::string_view::npos && dns::parseIp(v.substr(0, v.find('-')))))) {
        return parseIpLookup(t, spec);
    }
    std::size_t offset = t.valueOffset;
    if (v.starts_with("*.")) {
        spec.kind = QuerySpec::Kind::NameSuffix;
        v.remove_prefix(2);
        offset += 2;
    } else if (v.size() > 2 && v.ends_with(".*")) {
        spec.kind = QuerySpec::Kind::NamePrefix;
        v.remove_suffix(2);
    } else {
        spec.kind = QuerySpec::Kind::Name;
    }
    return parseNameValue(t, v, offset, spec.name);
}

// dnsdbq's batch-file forms (dnsdbq -f), one term without blanks:
//   rrset/name/NAME[/TYPE[/BAILIWICK]]   NAME exact, *.left or right.* wildcard
//   rdata/name/NAME[/TYPE]               records pointing at NAME; *.NAME: at names below
//   rdata/ip/ADDR[,LEN] | rdata/ip/LOW-HIGH      (ADDR/LEN too)
// Raw (hex) lookups are refused with a message.
Status parseDnsdbPath(const Term& t, QuerySpec& spec) {
    std::vector<std::string_view> parts;
    std::vector<std::size_t> offsets;
    std::string_view v = t.value;
    for (std::size_t start = 0;;) {
        const auto slash = v.find('/', start);
        parts.push_back(v.substr(start, slash == std::string_view::npos ? v.npos : slash - start));
        offsets.push_back(t.valueOffset + start);
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    const bool rrset = parts[0] == "rrset";
    if (parts.size() < 3 || parts[2].empty()) {
        return syntaxError(
            "incomplete dnsdbq lookup: use rrset/name/NAME[/TYPE[/BAILIWICK]], "
            "rdata/name/NAME[/TYPE] or rdata/ip/ADDR[,LEN]",
            t.valueOffset);
    }
    if (parts[1] == "raw") {
        return syntaxError("raw (hex) lookups are not supported", offsets[1]);
    }
    const std::size_t most = rrset ? 5 : 4;
    if ((parts[1] != "name" && parts[1] != "ip") || (rrset && parts[1] == "ip")) {
        return syntaxError(std::string(rrset ? "rrset lookups are by name: rrset/name/"
                                             : "rdata lookups are by name or ip: rdata/name/") +
                               "…",
                           offsets[1]);
    }
    if (parts.size() > most) {
        return syntaxError("unexpected '/" + std::string(parts[most]) + "'", offsets[most] - 1);
    }
    Term value{"name", std::string(parts[2]), offsets[2], offsets[2]};
    if (parts[1] == "ip") {
        if (parts.size() > 3 && !parts[3].empty())
            value.value += "/" + std::string(parts[3]);  // ADDR/LEN as well as ADDR,LEN
        for (auto& c : value.value) {
            if (c == ',')
                c = '/';  // dnsdbq writes a prefix length after a comma
        }
        return parseIpLookup(value, spec);
    }
    // An empty part (a trailing slash) leaves the type or bailiwick open.
    if (parts.size() > 3 && !parts[3].empty() && parts[3] != "ANY" && parts[3] != "any") {
        auto type = dns::typeFromName(parts[3]);
        if (!type)
            return syntaxError("unknown RR type '" + std::string(parts[3]) + "'", offsets[3]);
        spec.rrtype = *type;
    }
    if (rrset) {
        if (parts.size() > 4 && !parts[4].empty()) {
            Term b{"bailiwick", std::string(parts[4]), offsets[4], offsets[4]};
            if (auto st = parseNameValue(b, b.value, b.valueOffset, spec.bailiwick); !st)
                return st.error();
        }
        return parseNameLookup(value, spec);
    }
    std::string_view name = parts[2];
    if (name.starts_with("*.")) {
        // Records whose rdata names something below NAME: the glob ends the value (an MX's
        // or SRV's target comes last).
        std::string below;
        if (auto st = parseNameValue(value, name.substr(2), offsets[2] + 2, below); !st)
            return st.error();
        spec.kind = QuerySpec::Kind::RdataGlob;
        spec.pattern = "*." + below;
        return {};
    }
    spec.kind = QuerySpec::Kind::RdataName;
    return parseNameValue(value, name, offsets[2], spec.name);
}

}  // namespace

void cidrRange(const dns::IpBytes& ip, int bits, dns::IpBytes& low, dns::IpBytes& high) {
    low = ip;
    high = ip;
    for (int b = bits; b < 128; ++b) {
        const auto byte = static_cast<std::size_t>(b / 8);
        const auto mask = static_cast<std::uint8_t>(0x80 >> (b % 8));
        low[byte] = static_cast<std::uint8_t>(low[byte] & ~mask);
        high[byte] = static_cast<std::uint8_t>(high[byte] | mask);
    }
}

std::optional<std::int64_t> parseTimeBound(std::string_view text, std::int64_t now) {
    if (text.size() >= 3 && text[0] == '-') {
        std::int64_t n = 0;
        const char* end = text.data() + text.size() - 1;
        auto [p, ec] = std::from_chars(text.data() + 1, end, n);
        if (ec != std::errc() || p != end || n < 0)
            return std::nullopt;
        std::int64_t unit = 0;
        switch (text.back()) {
            case 'm':
                unit = 60;
                break;
            case 'h':
                unit = 3600;
                break;
            case 'd':
                unit = 86400;
                break;
            case 'w':
                unit = 7 * 86400;
                break;
            default:
                return std::nullopt;
        }
        // -99999999999w does not fit in 64 bits: refuse it rather than wrap around.
        std::int64_t back = 0;
        std::int64_t when = 0;
        if (__builtin_mul_overflow(n, unit, &back) || __builtin_sub_overflow(now, back, &when)) {
            return std::nullopt;
        }
        return when;
    }
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        return parseEpoch(std::string(text) + "T00:00:00Z");
    }
    return parseEpoch(text);
}

Result<QuerySpec> parseQuery(std::string_view text) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return parseQuery(text, now);
}

Result<QuerySpec> parseQuery(std::string_view text, std::int64_t now) {
    auto terms = split(text);
    if (!terms) {
        return terms.error();
    }
    QuerySpec spec;
    const Term* lookup = nullptr;
    for (const Term& t : *terms) {
        const std::string& k = t.key;
        const bool isLookup = k.empty() || k == "name" || k == "ip" || k == "rdata" || k == "ns" ||
                              k == "mx" || k == "cname" || k == "ptr" || k == "glob" || k == "re" ||
                              k == "rdata-glob" || k == "rdata-re";
        if (isLookup) {
            if (lookup != nullptr) {
                return syntaxError("only one lookup per query (already have '" +
                                       (lookup->key.empty() ? lookup->value : lookup->key + ":") +
                                       "'); combine it with type:, after:, before:",
                                   t.offset);
            }
            lookup = &t;
            Status st;
            if (k.empty() && (t.value.starts_with("rrset/") || t.value.starts_with("rdata/"))) {
                st = parseDnsdbPath(t, spec);
            } else if (k.empty() || k == "name") {
                st = parseNameLookup(t, spec);
            } else if (k == "ip") {
                st = parseIpLookup(t, spec);
            } else if (k == "glob" || k == "rdata-glob") {
                if (t.value.empty())
                    return syntaxError("empty pattern", t.valueOffset);
                spec.kind = k == "glob" ? QuerySpec::Kind::NameGlob : QuerySpec::Kind::RdataGlob;
                spec.pattern =
                    k == "glob" ? dns::normalizeName(t.value).value_or(t.value) : t.value;
            } else if (k == "re" || k == "rdata-re") {
                if (t.value.empty())
                    return syntaxError("empty pattern", t.valueOffset);
                if (auto v = validateRegex(t.value); !v) {
                    return syntaxError(v.error().message,
                                       t.valueOffset + v.error().offset.value_or(0));
                }
                spec.kind = k == "re" ? QuerySpec::Kind::NameRegex : QuerySpec::Kind::RdataRegex;
                spec.pattern = t.value;
            } else {
                spec.kind = QuerySpec::Kind::RdataName;
                if (k != "rdata")
                    spec.rrtype = dns::typeFromName(k);
                st = parseNameValue(t, t.value, t.valueOffset, spec.name);
            }
            if (!st)
                return st.error();
            continue;
        }
        if (k == "type") {
            if (t.value == "ANY" || t.value == "any") {
                spec.rrtype.reset();
                continue;
            }
            auto type = dns::typeFromName(t.value);
            if (!type)
                return syntaxError("unknown RR type '" + t.value + "'", t.valueOffset);
            spec.rrtype = *type;
        } else if (k == "after" || k == "before") {
            auto when = parseTimeBound(t.value, now);
            if (!when) {
                return syntaxError("bad time '" + t.value +
                                       "' (use 2026-01-01, 2026-01-01T12:00:00Z, epoch or -7d)",
                                   t.valueOffset);
            }
            (k == "after" ? spec.after : spec.before) = *when;
        } else if (k == "mode") {
            if (t.value != "strict" && t.value != "loose") {
                return syntaxError("mode is strict or loose", t.valueOffset);
            }
            spec.strict = t.value == "strict";
        } else if (k == "sort") {
            std::string_view v = t.value;
            spec.descending = !v.ends_with("-asc");
            v = v.substr(0, v.find('-'));
            if (v == "last")
                spec.sort = QuerySpec::Sort::LastSeen;
            else if (v == "first")
                spec.sort = QuerySpec::Sort::FirstSeen;
            else if (v == "count")
                spec.sort = QuerySpec::Sort::Count;
            else if (v == "name")
                spec.sort = QuerySpec::Sort::Name;
            else
                return syntaxError("sort by last, first, count or name", t.valueOffset);
            if (v == "name" && !t.value.ends_with("-desc"))
                spec.descending = false;
            spec.sortGiven = true;
        } else if (k == "bailiwick") {
            if (auto st = parseNameValue(t, t.value, t.valueOffset, spec.bailiwick); !st)
                return st.error();
        } else if (k == "limit") {
            std::int64_t n = 0;
            auto [p, ec] = std::from_chars(t.value.data(), t.value.data() + t.value.size(), n);
            if (ec != std::errc() || p != t.value.data() + t.value.size() || n <= 0) {
                return syntaxError("limit is a positive number", t.valueOffset);
            }
            spec.limit = n;
        }
    }
    if (spec.after && spec.before && *spec.after > *spec.before) {
        return syntaxError("after: is later than before:", 0);
    }
    return spec;
}

}  // namespace tapir
