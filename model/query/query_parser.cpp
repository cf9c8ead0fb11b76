// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/query_parser.h"

#include <charconv>

namespace tapir {
namespace {

Error syntaxError(std::string message, std::size_t offset) {
    Error e = makeError(ErrorCode::Syntax, std::move(message));
    e.offset = offset;
    return e;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
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

Result<QuerySpec> parseQuery(std::string_view text) {
    QuerySpec spec;
    text = trim(text);
    if (text.empty()) {
        return spec;
    }
    if (text.starts_with("ip:")) {
        std::string_view addr = text.substr(3);
        int prefix = -1;
        if (auto slash = addr.find('/'); slash != std::string_view::npos) {
            const auto digits = addr.substr(slash + 1);
            auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
            if (ec != std::errc() || p != digits.data() + digits.size()) {
                return syntaxError("bad prefix length '" + std::string(digits) + "'", 3 + slash + 1);
            }
            addr = addr.substr(0, slash);
        }
        auto ip = dns::parseIp(addr);
        if (!ip) {
            return syntaxError("not an IP address: '" + std::string(addr) + "'", 3);
        }
        const bool v4 = dns::isIpv4Mapped(*ip);
        if (prefix > (v4 ? 32 : 128) || (prefix < 0 && prefix != -1)) {
            return syntaxError("prefix length out of range", 3 + addr.size() + 1);
        }
        const int bits = prefix < 0 ? 128 : (v4 ? prefix + 96 : prefix);
        spec.kind = QuerySpec::Kind::IpRange;
        cidrRange(*ip, bits, spec.ipLow, spec.ipHigh);
        return spec;
    }
    std::string_view name = text;
    std::size_t offset = 0;
    if (name.starts_with("rdata:")) {
        spec.kind = QuerySpec::Kind::RdataName;
        name.remove_prefix(6);
        offset = 6;
    } else if (name.starts_with("ns:")) {
        spec.kind = QuerySpec::Kind::RdataName;
        spec.rrtype = 2;
        name.remove_prefix(3);
        offset = 3;
    } else if (name.starts_with("*.")) {
        spec.kind = QuerySpec::Kind::NameSuffix;
        name.remove_prefix(2);
        offset = 2;
    } else if (name.size() > 2 && name.ends_with(".*")) {
        spec.kind = QuerySpec::Kind::NamePrefix;
        name.remove_suffix(2);
    } else {
        spec.kind = QuerySpec::Kind::Name;
    }
    if (auto bad = name.find_first_of(" \t*"); bad != std::string_view::npos) {
        return syntaxError("unexpected '" + std::string(1, name[bad]) + "' in name", offset + bad);
    }
    auto normal = dns::normalizeName(name);
    if (!normal) {
        return syntaxError("a name is missing", offset);
    }
    spec.name = *normal;
    return spec;
}

}  // namespace tapir
