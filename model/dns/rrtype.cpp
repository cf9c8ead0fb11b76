// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "dns/rrtype.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "common/observation.h"

namespace tapir::dns {
namespace {

struct Entry {
    std::uint16_t type;
    std::string_view name;
};

constexpr std::array kTypes = {
    Entry{1, "A"},        Entry{2, "NS"},          Entry{5, "CNAME"},  Entry{6, "SOA"},
    Entry{12, "PTR"},     Entry{13, "HINFO"},      Entry{15, "MX"},    Entry{16, "TXT"},
    Entry{17, "RP"},      Entry{18, "AFSDB"},      Entry{28, "AAAA"},  Entry{29, "LOC"},
    Entry{33, "SRV"},     Entry{35, "NAPTR"},      Entry{36, "KX"},    Entry{37, "CERT"},
    Entry{39, "DNAME"},   Entry{41, "OPT"},        Entry{42, "APL"},   Entry{43, "DS"},
    Entry{44, "SSHFP"},   Entry{45, "IPSECKEY"},   Entry{46, "RRSIG"}, Entry{47, "NSEC"},
    Entry{48, "DNSKEY"},  Entry{49, "DHCID"},      Entry{50, "NSEC3"}, Entry{51, "NSEC3PARAM"},
    Entry{52, "TLSA"},    Entry{53, "SMIMEA"},     Entry{55, "HIP"},   Entry{59, "CDS"},
    Entry{60, "CDNSKEY"}, Entry{61, "OPENPGPKEY"}, Entry{62, "CSYNC"}, Entry{63, "ZONEMD"},
    Entry{64, "SVCB"},    Entry{65, "HTTPS"},      Entry{99, "SPF"},   Entry{104, "NID"},
    Entry{105, "L32"},    Entry{106, "L64"},       Entry{107, "LP"},   Entry{108, "EUI48"},
    Entry{109, "EUI64"},  Entry{249, "TKEY"},      Entry{250, "TSIG"}, Entry{251, "IXFR"},
    Entry{252, "AXFR"},   Entry{255, "ANY"},       Entry{256, "URI"},  Entry{257, "CAA"},
};

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return (x >= 'a' && x <= 'z' ? x - 32 : x) == (y >= 'a' && y <= 'z' ? y - 32 : y);
    });
}

}  // namespace

std::string typeName(std::uint32_t type) {
    if (type == kNxdomainType) {
        return "NXDOMAIN";
    }
    for (const auto& e : kTypes) {
        if (e.type == type) {
            return std::string(e.name);
        }
    }
    return "TYPE" + std::to_string(type);
}

std::optional<std::uint32_t> typeFromName(std::string_view name) {
    for (const auto& e : kTypes) {
        if (iequals(e.name, name)) {
            return e.type;
        }
    }
    if (iequals(name, "NXDOMAIN")) {
        return kNxdomainType;
    }
    if (name.size() > 4 && iequals(name.substr(0, 4), "TYPE")) {
        std::uint32_t n = 0;
        const auto* end = name.data() + name.size();
        auto [ptr, ec] = std::from_chars(name.data() + 4, end, n);
        if (ec == std::errc() && ptr == end && n <= 0xffff) {
            return n;
        }
    }
    return std::nullopt;
}

bool rdataIsName(std::uint32_t type) {
    switch (static_cast<RRType>(type)) {
        case RRType::CNAME:
        case RRType::NS:
        case RRType::PTR:
        case RRType::DNAME:
            return true;
        default:
            return false;
    }
}

}  // namespace tapir::dns
