// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "dns/name.h"

#include <arpa/inet.h>
#include <unicode/uidna.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "common/observation.h"
#include "dns/rrtype.h"

namespace tapir::dns {
namespace {

bool isAsciiPrintable(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

void appendEscaped(std::string& out, unsigned char c) {
    if (c > 0x20 && c < 0x7f) {
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    char buf[5];
    buf[0] = '\\';
    buf[1] = static_cast<char>('0' + c / 100);
    buf[2] = static_cast<char>('0' + (c / 10) % 10);
    buf[3] = static_cast<char>('0' + c % 10);
    buf[4] = 0;
    out += buf;
}

// UTS #46 to-ASCII for names carrying UTF-8; nullopt when ICU rejects it.
std::optional<std::string> idnaToAscii(std::string_view name) {
    UErrorCode status = U_ZERO_ERROR;
    static UIDNA* idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII, &status);
    if (U_FAILURE(status) || idna == nullptr) {
        return std::nullopt;
    }
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    std::string out(name.size() * 4 + 64, '\0');
    status = U_ZERO_ERROR;
    const int32_t n =
        uidna_nameToASCII_UTF8(idna, name.data(), static_cast<int32_t>(name.size()), out.data(),
                               static_cast<int32_t>(out.size()), &info, &status);
    if (U_FAILURE(status) ||
        (info.errors & ~static_cast<std::uint32_t>(UIDNA_ERROR_EMPTY_LABEL)) != 0) {
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string collapseSpaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

std::vector<std::string_view> splitFields(std::string_view s) {
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t')
            ++i;
        if (i > start)
            fields.push_back(s.substr(start, i - start));
    }
    return fields;
}

// Rewrites the fields at the given positions as names; the rest as they are.
std::string normalizeFields(std::string_view rdata, std::initializer_list<std::size_t> nameFields) {
    auto fields = splitFields(rdata);
    if (fields.size() == 1) {
        // passivedns logs only the name of MX, SRV and SOA answers.
        return normalizeName(fields[0]).value_or(std::string(fields[0]));
    }
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ' ';
        if (std::find(nameFields.begin(), nameFields.end(), i) != nameFields.end()) {
            out += normalizeName(fields[i]).value_or(std::string(fields[i]));
        } else {
            out += fields[i];
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> normalizeName(std::string_view name) {
    if (name.empty()) {
        return std::nullopt;
    }
    if (name == ".") {
        return std::string(".");
    }
    if (name.size() > 1 && name.back() == '.' && name[name.size() - 2] != '\\') {
        name.remove_suffix(1);
    }
    std::string out;
    out.reserve(name.size());
    if (isAsciiPrintable(name)) {
        for (char c : name) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return out;
    }
    const bool hasHighBytes = std::any_of(
        name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    const bool hasControl = std::any_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
    if (hasHighBytes && !hasControl) {
        // A name whose characters IDNA maps to nothing (U+034F COMBINING GRAPHEME JOINER,
        // say) would come out empty or with an empty label: keep its bytes escaped instead,
        // as for any name that is not valid IDNA (found by fuzzing).
        auto ascii = idnaToAscii(name);
        if (ascii && (ascii->empty() || ascii->front() == '.' || ascii->back() == '.' ||
                      ascii->find("..") != std::string::npos)) {
            ascii.reset();
        }
        if (ascii) {
            for (char c : *ascii) {
                out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            return out;
        }
    }
    for (char c : name) {
        appendEscaped(out, static_cast<unsigned char>(c));
    }
    return out;
}

std::string reverseName(std::string_view name) {
    if (name == ".") {
        return ".";
    }
    std::string out;
    out.reserve(name.size());
    std::size_t end = name.size();
    while (true) {
        const std::size_t dot = name.rfind('.', end == 0 ? 0 : end - 1);
        if (dot == std::string_view::npos || end == 0) {
            out.append(name.substr(0, end));
            break;
        }
        out.append(name.substr(dot + 1, end - dot - 1));
        out += '.';
        end = dot;
    }
    return out;
}

std::string normalizeRdata(std::uint32_t type, std::string_view rdata) {
    while (!rdata.empty() && (rdata.front() == ' ' || rdata.front() == '\t'))
        rdata.remove_prefix(1);
    while (!rdata.empty() && (rdata.back() == ' ' || rdata.back() == '\t'))
        rdata.remove_suffix(1);
    switch (static_cast<RRType>(type)) {
        case RRType::A:
        case RRType::AAAA:
            if (auto ip = parseIp(rdata)) {
                // An AAAA holding ::ffff:a.b.c.d stays in IPv6 form.
                return type == 28 ? formatIpv6(*ip) : formatIp(*ip);
            }
            return std::string(rdata);
        case RRType::CNAME:
        case RRType::NS:
        case RRType::PTR:
        case RRType::DNAME:
            return normalizeName(rdata).value_or(std::string(rdata));
        case RRType::MX:
        case RRType::KX:
        case RRType::AFSDB:
            return normalizeFields(rdata, {1});
        case RRType::SRV:
            return normalizeFields(rdata, {3});
        case RRType::SOA:
            return normalizeFields(rdata, {0, 1});
        case RRType::TXT:
        case RRType::SPF:
            return std::string(rdata);
        default:
            return type == kNxdomainType ? std::string(rdata) : collapseSpaces(rdata);
    }
}

std::string rdataTargetName(std::uint32_t type, std::string_view rdata) {
    if (rdataIsName(type)) {
        return std::string(rdata);
    }
    std::size_t field = 0;
    switch (static_cast<RRType>(type)) {
        case RRType::MX:
        case RRType::KX:
        case RRType::AFSDB:
            field = 1;
            break;
        case RRType::SRV:
            field = 3;
            break;
        default:
            return {};
    }
    auto fields = splitFields(rdata);
    if (fields.size() == 1) {
        return std::string(fields[0]);  // name-only form (passivedns)
    }
    return field < fields.size() ? std::string(fields[field]) : std::string();
}

std::optional<IpBytes> parseIp(std::string_view text) {
    char buf[INET6_ADDRSTRLEN + 1];
    if (text.empty() || text.size() >= sizeof(buf)) {
        return std::nullopt;
    }
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = 0;
    IpBytes ip{};
    if (text.find(':') == std::string_view::npos) {
        in_addr v4{};
        if (inet_pton(AF_INET, buf, &v4) != 1) {
            return std::nullopt;
        }
        ip[10] = 0xff;
        ip[11] = 0xff;
        std::memcpy(ip.data() + 12, &v4, 4);
        return ip;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, buf, &v6) != 1) {
        return std::nullopt;
    }
    std::memcpy(ip.data(), &v6, 16);
    return ip;
}

bool isIpv4Mapped(const IpBytes& ip) {
    return std::all_of(ip.begin(), ip.begin() + 10, [](std::uint8_t b) { return b == 0; }) &&
           ip[10] == 0xff && ip[11] == 0xff;
}

std::string formatIp(const IpBytes& ip) {
    char buf[INET6_ADDRSTRLEN];
    if (isIpv4Mapped(ip)) {
        inet_ntop(AF_INET, ip.data() + 12, buf, sizeof(buf));
    } else {
        inet_ntop(AF_INET6, ip.data(), buf, sizeof(buf));
    }
    return buf;
}

std::string formatIpv6(const IpBytes& ip) {
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, ip.data(), buf, sizeof(buf));
    return buf;
}

bool isPrivateOrReserved(const IpBytes& ip) {
    if (isIpv4Mapped(ip)) {
        const std::uint8_t a = ip[12];
        const std::uint8_t b = ip[13];
        return a == 0 || a == 10 || a == 127 || (a == 100 && b >= 64 && b < 128) ||
               (a == 169 && b == 254) || (a == 172 && b >= 16 && b < 32) ||
               (a == 192 && b == 168) || a >= 224;
    }
    const bool unspecifiedOrLoopback =
        std::all_of(ip.begin(), ip.begin() + 15, [](std::uint8_t x) { return x == 0; }) &&
        ip[15] <= 1;
    return unspecifiedOrLoopback || (ip[0] & 0xfe) == 0xfc ||  // fc00::/7 unique local
           (ip[0] == 0xfe && (ip[1] & 0xc0) == 0x80) ||        // fe80::/10 link local
           ip[0] == 0xff;                                      // multicast
}

}  // namespace tapir::dns
