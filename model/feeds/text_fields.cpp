// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/text_fields.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <chrono>

namespace tapir {
namespace {

bool readInt(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size())
        return false;
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return ec == std::errc() && p == s.data() + pos + len;
}

std::optional<std::int64_t> parseIsoTime(std::string_view s) {
    // YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|+00:00]
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':') {
        return std::nullopt;
    }
    if (!readInt(s, 0, 4, y) || !readInt(s, 5, 2, mo) || !readInt(s, 8, 2, d) ||
        !readInt(s, 11, 2, h) || !readInt(s, 14, 2, mi) || !readInt(s, 17, 2, sec)) {
        return std::nullopt;
    }
    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest[0] == '.') {
        std::size_t i = 1;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9')
            ++i;
        rest.remove_prefix(i);
    }
    if (!(rest.empty() || rest == "Z" || rest == "+00:00" || rest == "+0000")) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                             day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) {
        return std::nullopt;
    }
    return sys_days{ymd}.time_since_epoch().count() * 86400LL + h * 3600LL + mi * 60LL + sec;
}

}  // namespace

std::optional<std::int64_t> parseEpoch(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::int64_t seconds = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && seconds >= 0) {
        std::string_view rest(p, static_cast<std::size_t>(text.data() + text.size() - p));
        if (rest.empty()) {
            return seconds;
        }
        if (rest[0] == '.' && rest.size() > 1 &&
            rest.substr(1).find_first_not_of("0123456789") == std::string_view::npos) {
            return seconds;
        }
    }
    return parseIsoTime(text);
}

std::optional<std::uint64_t> parseUnsigned(std::string_view text) {
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return v;
}

std::string_view rcodeBucket(std::string_view rcode) {
    // Index = RCODE value; empty = unassigned. Zeek logs these names (or "rcode-<n>"),
    // Suricata the same names or the number.
    static constexpr std::array<std::string_view, 24> kNames = {
        "NOERROR",  "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",   "REFUSED",
        "YXDOMAIN", "YXRRSET", "NXRRSET",  "NOTAUTH",  "NOTZONE",  "DSOTYPENI",
        "",         "",        "",         "",         "BADVERS",  "BADKEY",
        "BADTIME",  "BADMODE", "BADNAME",  "BADALG",   "BADTRUNC", "BADCOOKIE"};
    if (rcode == "BADSIG" || rcode == "BADVERS/BADSIG") {
        return kNames[16];
    }
    if (auto n = parseUnsigned(rcode); n && *n < kNames.size() && !kNames[*n].empty()) {
        return kNames[*n];
    }
    for (std::string_view name : kNames) {
        if (!name.empty() && name == rcode) {
            return name;
        }
    }
    return "other RCODE";
}

std::string printable(std::string_view text, std::size_t max) {
    std::string out;
    for (char c : text.substr(0, max)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    if (text.size() > max) {
        out += "...";
    }
    return out;
}

std::string_view firstLine(std::string_view head) {
    while (!head.empty() && (head.front() == '\n' || head.front() == '\r')) {
        head.remove_prefix(1);
    }
    const std::size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

bool jsonInteger(const simdjson::dom::object& object, std::string_view key, std::int64_t& out) {
    simdjson::dom::element e;
    if (object[key].get(e) != simdjson::SUCCESS) {
        return false;
    }
    if (e.is_int64()) {
        out = e.get_int64().value_unsafe();
        return true;
    }
    if (e.is_uint64()) {
        const std::uint64_t v = e.get_uint64().value_unsafe();
        if (v > static_cast<std::uint64_t>(INT64_MAX))
            return false;
        out = static_cast<std::int64_t>(v);
        return true;
    }
    if (e.is_double()) {
        const double v = e.get_double().value_unsafe();
        if (!(v >= 0 && v < 9.2e18))
            return false;
        out = static_cast<std::int64_t>(v);
        return true;
    }
    std::string_view s;
    if (e.get(s) == simdjson::SUCCESS) {
        if (auto v = parseEpoch(s)) {
            out = *v;
            return true;
        }
    }
    return false;
}

}  // namespace tapir
