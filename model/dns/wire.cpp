// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// DNS wire format to Tapir's normal form.
//
// Terms: a *message* is one DNS packet; a *name* is a sequence of labels ending in the
// root label, where any label position may instead hold a two-octet *compression pointer*
// to an earlier offset (RFC 1035 §4.1.4); *rdata* is the type-specific payload of an RR.
//
// Steps: parseMessage reads the header, the questions and every RR of the answer,
// authority and additional sections. Each name is decompressed into presentation form in
// one pass (readName). Each rdata is formatted by RdataFormatter: one small reader per
// field kind (integers, names, character-strings, hex, base64, base32hex, type bitmaps,
// SvcParams), driven by a switch on the RR type. Anything Tapir does not format becomes
// RFC 3597 generic rdata.
//
// Safety rules, each cheap: every read checks its bounds first; a compression pointer
// must point strictly before the start of the label run it ends, so each jump moves
// backwards and decompression terminates; names stop at 255 octets / 128 labels; each
// rdata must be consumed exactly (no missing and no trailing octets). Errors carry a fixed
// message and an offset; the message text is built only when a parse fails.
//
// Presentation follows ldns (what `dnstap-ldns -y` prints), with Tapir's normal form on
// top: names lower-case, no trailing dot; every byte outside printable ASCII, tab included,
// as \DDD (ldns prints tabs raw); RRSIG times as unsigned 32-bit epoch seconds (ldns uses
// serial arithmetic around the current time, which only differs outside 1970..2106 vs
// now +- 68 years).
#include "dns/wire.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string_view>

#include "dns/rrtype.h"

namespace tapir::dns {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxNameOctets = 255;
constexpr std::size_t kMaxLabels = 128;  // including the root label
constexpr std::uint16_t kTypeOpt = 41;

// A parse failure before its message is built: a fixed text and where it happened.
struct Failure {
    std::string_view what;
    std::size_t offset = 0;
};

// How a byte of a label is written: as is, lower-cased, backslash-escaped, or as \DDD.
enum NameByte : std::uint8_t { kAsIs, kLower, kEscape, kDecimal };

constexpr std::array<std::uint8_t, 256> makeNameTable() {
    std::array<std::uint8_t, 256> t{};
    for (std::size_t c = 0; c < 256; ++c) {
        if (c <= 0x20 || c >= 0x7f) {
            t[c] = kDecimal;
        } else if (c >= 'A' && c <= 'Z') {
            t[c] = kLower;
        } else if (c == '.' || c == ';' || c == '(' || c == ')' || c == '\\') {
            t[c] = kEscape;
        } else {
            t[c] = kAsIs;
        }
    }
    return t;
}
constexpr std::array<std::uint8_t, 256> kNameTable = makeNameTable();

inline void appendDecimalEscape(std::string& out, std::uint8_t c) {
    const char buf[4] = {'\\', static_cast<char>('0' + c / 100),
                         static_cast<char>('0' + (c / 10) % 10), static_cast<char>('0' + c % 10)};
    out.append(buf, 4);
}

template <typename T>
inline void appendNumber(std::string& out, T value) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
    (void)ec;
    out.append(buf, static_cast<std::size_t>(end - buf));
}

inline std::uint16_t load16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t load32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

// Reads the name at `pos` (whose uncompressed part must end by `end`) and appends its
// presentation form. On success `pos` is just past the name in the original stream.
bool readName(const std::uint8_t* msg, std::size_t size, std::size_t& pos, std::size_t end,
              bool allowCompression, std::string& out, Failure& failure) {
    std::size_t p = pos;
    std::size_t bound = end;     // labels of the current run must lie below this
    std::size_t runStart = pos;  // a pointer must point before this
    std::size_t next = 0;        // position after the name, once known
    bool jumped = false;
    std::size_t octets = 1;  // the root label
    std::size_t labels = 0;
    const std::size_t outStart = out.size();
    for (;;) {
        if (p >= bound) {
            failure = {"name runs past the end of its data", p};
            return false;
        }
        const std::uint8_t len = msg[p];
        if (len == 0) {
            if (!jumped) {
                next = p + 1;
            }
            break;
        }
        if ((len & 0xc0) == 0xc0) {
            if (!allowCompression) {
                failure = {"compression pointer where none is allowed", p};
                return false;
            }
            if (p + 1 >= bound) {
                failure = {"truncated compression pointer", p};
                return false;
            }
            const std::size_t target = static_cast<std::size_t>(load16(msg + p) & 0x3fff);
            if (target >= runStart) {
                failure = {"compression pointer does not point backwards", p};
                return false;
            }
            if (!jumped) {
                next = p + 2;
                jumped = true;
            }
            runStart = target;
            bound = size;
            p = target;
            continue;
        }
        if ((len & 0xc0) != 0) {
            failure = {"unsupported label type", p};
            return false;
        }
        if (p + 1 + len > bound) {
            failure = {"label runs past the end of its data", p};
            return false;
        }
        octets += std::size_t{len} + 1;
        if (octets > kMaxNameOctets) {
            failure = {"name longer than 255 octets", p};
            return false;
        }
        if (++labels >= kMaxLabels) {
            failure = {"name has more than 128 labels", p};
            return false;
        }
        if (out.size() != outStart) {
            out += '.';
        }
        const std::uint8_t* label = msg + p + 1;
        for (std::size_t i = 0; i < len; ++i) {
            const std::uint8_t c = label[i];
            switch (kNameTable[c]) {
                case kAsIs:
                    out += static_cast<char>(c);
                    break;
                case kLower:
                    out += static_cast<char>(c + 32);
                    break;
                case kEscape:
                    out += '\\';
                    out += static_cast<char>(c);
                    break;
                default:
                    appendDecimalEscape(out, c);
                    break;
            }
        }
        p += std::size_t{len} + 1;
    }
    if (labels == 0) {
        out += '.';
    }
    pos = next;
    return true;
}

constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase32Hex = "0123456789abcdefghijklmnopqrstuv";

void appendHex(std::string& out, const std::uint8_t* p, std::size_t n) {
    const std::size_t start = out.size();
    out.resize(start + 2 * n);
    char* d = out.data() + start;
    for (std::size_t i = 0; i < n; ++i) {
        d[2 * i] = kHexDigits[p[i] >> 4];
        d[2 * i + 1] = kHexDigits[p[i] & 0xf];
    }
}

void appendBase64(std::string& out, const std::uint8_t* p, std::size_t n) {
    out.reserve(out.size() + (n + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const std::uint32_t v =
            (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
        out += kBase64[(v >> 18) & 63];
        out += kBase64[(v >> 12) & 63];
        out += kBase64[(v >> 6) & 63];
        out += kBase64[v & 63];
    }
    if (i < n) {
        const std::uint32_t v =
            (std::uint32_t{p[i]} << 16) | (i + 1 < n ? std::uint32_t{p[i + 1]} << 8 : 0);
        out += kBase64[(v >> 18) & 63];
        out += kBase64[(v >> 12) & 63];
        out += i + 1 < n ? kBase64[(v >> 6) & 63] : '=';
        out += '=';
    }
}

// RFC 4648 base32 with the extended hex alphabet, lower-case and unpadded (RFC 5155).
void appendBase32Hex(std::string& out, const std::uint8_t* p, std::size_t n) {
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        buffer = (buffer << 8) | p[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kBase32Hex[(buffer >> bits) & 31];
        }
    }
    if (bits > 0) {
        out += kBase32Hex[(buffer << (5 - bits)) & 31];
    }
}

// A printable byte as is (with " and \ escaped), anything else as \DDD.
inline void appendTextByte(std::string& out, std::uint8_t c) {
    if (c >= 0x20 && c < 0x7f) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += static_cast<char>(c);
    } else {
        appendDecimalEscape(out, c);
    }
}

void appendQuoted(std::string& out, const std::uint8_t* p, std::size_t n) {
    out += '"';
    for (std::size_t i = 0; i < n; ++i) {
        appendTextByte(out, p[i]);
    }
    out += '"';
}

inline bool isSpaceByte(std::uint8_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0d);
}

// YYYYMMDDHHMMSS (RFC 4034 §3.2) for seconds since the epoch.
void appendTime(std::string& out, std::uint32_t seconds) {
    const std::int64_t days = seconds / 86400;
    const std::uint32_t rest = seconds % 86400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    const std::int64_t z = days + 719468;
    const std::int64_t era = z / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const std::int64_t fields[] = {month, day, rest / 3600, (rest / 60) % 60, rest % 60};
    appendNumber(out, year);
    for (std::int64_t f : fields) {
        out += static_cast<char>('0' + f / 10);
        out += static_cast<char>('0' + f % 10);
    }
}

std::string_view svcKeyName(std::uint16_t key) {
    switch (key) {
        case 0:
            return "mandatory";
        case 1:
            return "alpn";
        case 2:
            return "no-default-alpn";
        case 3:
            return "port";
        case 4:
            return "ipv4hint";
        case 5:
            return "ech";
        case 6:
            return "ipv6hint";
        case 7:
            return "dohpath";
        default:
            return {};
    }
}

void appendSvcKey(std::string& out, std::uint16_t key) {
    const std::string_view name = svcKeyName(key);
    if (name.empty()) {
        out += "key";
        appendNumber(out, key);
    } else {
        out += name;
    }
}

void appendIpv4(std::string& out, const std::uint8_t* p) {
    for (int i = 0; i < 4; ++i) {
        if (i > 0) {
            out += '.';
        }
        appendNumber(out, static_cast<unsigned>(p[i]));
    }
}

void appendIpv6(std::string& out, const std::uint8_t* p) {
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, p, buf, sizeof(buf)) != nullptr) {
        out += buf;
    }
}

// Reads the fields of one rdata in order and appends their presentation form.
class RdataFormatter {
public:
    RdataFormatter(const std::uint8_t* msg, std::size_t size, std::size_t pos, std::size_t end,
                   std::string& out, Failure& failure)
        : m_msg(msg), m_size(size), m_pos(pos), m_end(end), m_out(out), m_failure(failure) {}

    [[nodiscard]] std::size_t remaining() const { return m_end - m_pos; }
    // Fields are separated by one space; each appender calls this before writing.
    void separate() {
        if (m_fields++ > 0) {
            m_out += ' ';
        }
    }

    bool need(std::size_t n) {
        if (remaining() < n) {
            return fail("rdata too short for its type");
        }
        return true;
    }
    bool fail(std::string_view what) {
        m_failure = {what, m_pos};
        return false;
    }
    bool number8() {
        if (!need(1)) {
            return false;
        }
        separate();
        appendNumber(m_out, static_cast<unsigned>(m_msg[m_pos++]));
        return true;
    }
    bool number16() {
        if (!need(2)) {
            return false;
        }
        separate();
        appendNumber(m_out, static_cast<unsigned>(load16(m_msg + m_pos)));
        m_pos += 2;
        return true;
    }
    bool number32() {
        if (!need(4)) {
            return false;
        }
        separate();
        appendNumber(m_out, load32(m_msg + m_pos));
        m_pos += 4;
        return true;
    }
    bool time() {
        if (!need(4)) {
            return false;
        }
        separate();
        appendTime(m_out, load32(m_msg + m_pos));
        m_pos += 4;
        return true;
    }
    bool type() {
        if (!need(2)) {
            return false;
        }
        separate();
        m_out += typeName(load16(m_msg + m_pos));
        m_pos += 2;
        return true;
    }
    bool name() {
        separate();
        return readName(m_msg, m_size, m_pos, m_end, true, m_out, m_failure);
    }
    // A <character-string>: one length octet, then that many octets, shown quoted.
    bool charString() {
        if (!need(1)) {
            return false;
        }
        const std::size_t len = m_msg[m_pos];
        if (len + 1 > remaining()) {
            return fail("character-string runs past the end of its rdata");
        }
        separate();
        appendQuoted(m_out, m_msg + m_pos + 1, len);
        m_pos += len + 1;
        return true;
    }
    // The rest of the rdata as one quoted string (CAA value, URI target).
    void quotedRest() {
        separate();
        appendQuoted(m_out, m_msg + m_pos, remaining());
        m_pos = m_end;
    }
    // The rest as hex / base64, preceded by a space unless empty.
    void hexRest() {
        if (remaining() > 0) {
            separate();
            appendHex(m_out, m_msg + m_pos, remaining());
            m_pos = m_end;
        }
    }
    void base64Rest() {
        if (remaining() > 0) {
            separate();
            appendBase64(m_out, m_msg + m_pos, remaining());
            m_pos = m_end;
        }
    }
    bool ipv4() {
        if (!need(4)) {
            return false;
        }
        separate();
        appendIpv4(m_out, m_msg + m_pos);
        m_pos += 4;
        return true;
    }
    bool ipv6() {
        if (!need(16)) {
            return false;
        }
        separate();
        appendIpv6(m_out, m_msg + m_pos);
        m_pos += 16;
        return true;
    }
    // One length octet and that many octets as hex, "-" when empty (NSEC3 salt).
    bool salt() {
        if (!need(1)) {
            return false;
        }
        const std::size_t len = m_msg[m_pos];
        if (len + 1 > remaining()) {
            return fail("NSEC3 salt runs past the end of its rdata");
        }
        separate();
        if (len == 0) {
            m_out += '-';
        } else {
            appendHex(m_out, m_msg + m_pos + 1, len);
        }
        m_pos += len + 1;
        return true;
    }
    bool hashedOwner() {
        if (!need(1)) {
            return false;
        }
        const std::size_t len = m_msg[m_pos];
        if (len == 0 || len + 1 > remaining()) {
            return fail("bad NSEC3 hash length");
        }
        separate();
        appendBase32Hex(m_out, m_msg + m_pos + 1, len);
        m_pos += len + 1;
        return true;
    }
    // NSEC/NSEC3/CSYNC type bitmaps (RFC 4034 §4.1.2): each type preceded by a space.
    bool typeBitmap() {
        int lastWindow = -1;
        while (m_pos < m_end) {
            if (remaining() < 2) {
                return fail("truncated type bitmap window");
            }
            const unsigned window = m_msg[m_pos];
            const std::size_t len = m_msg[m_pos + 1];
            if (len == 0 || len > 32 || len + 2 > remaining()) {
                return fail("bad type bitmap window length");
            }
            if (static_cast<int>(window) <= lastWindow) {
                return fail("type bitmap windows out of order");
            }
            lastWindow = static_cast<int>(window);
            const std::uint8_t* bits = m_msg + m_pos + 2;
            for (std::size_t i = 0; i < len; ++i) {
                for (unsigned b = 0; b < 8; ++b) {
                    if ((bits[i] & (0x80u >> b)) != 0) {
                        separate();
                        m_out += typeName(window * 256 + static_cast<unsigned>(i) * 8 + b);
                    }
                }
            }
            m_pos += len + 2;
        }
        return true;
    }
    // A CAA tag (RFC 8659 §4.1): a length octet and 1-255 alphanumeric octets, unquoted.
    bool caaTag() {
        if (!need(1)) {
            return false;
        }
        const std::size_t len = m_msg[m_pos];
        if (len == 0 || len + 1 > remaining()) {
            return fail("bad CAA tag length");
        }
        separate();
        for (std::size_t i = 1; i <= len; ++i) {
            const std::uint8_t c = m_msg[m_pos + i];
            const bool alnum =
                (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum) {
                return fail("CAA tag is not alphanumeric");
            }
            m_out += static_cast<char>(c);
        }
        m_pos += len + 1;
        return true;
    }
    bool svcParams();
    bool finish() {
        if (m_pos != m_end) {
            return fail("trailing octets after the rdata fields");
        }
        return true;
    }

private:
    bool svcValue(std::uint16_t key, const std::uint8_t* v, std::size_t len);

    const std::uint8_t* m_msg;
    std::size_t m_size;
    std::size_t m_pos;
    std::size_t m_end;
    std::string& m_out;
    Failure& m_failure;
    std::size_t m_fields = 0;
};

// SvcParams of SVCB/HTTPS (RFC 9460 §2.1), as `key=value` separated by spaces.
bool RdataFormatter::svcParams() {
    while (m_pos < m_end) {
        if (remaining() < 4) {
            return fail("truncated SvcParam");
        }
        const std::uint16_t key = load16(m_msg + m_pos);
        const std::size_t len = load16(m_msg + m_pos + 2);
        if (len + 4 > remaining()) {
            return fail("SvcParam value runs past the end of its rdata");
        }
        separate();
        appendSvcKey(m_out, key);
        if (!svcValue(key, m_msg + m_pos + 4, len)) {
            return false;
        }
        m_pos += len + 4;
    }
    return true;
}

bool RdataFormatter::svcValue(std::uint16_t key, const std::uint8_t* v, std::size_t len) {
    switch (key) {
        case 0:  // mandatory: a list of keys
            if (len % 2 != 0) {
                return fail("odd length in SvcParam mandatory");
            }
            for (std::size_t i = 0; i < len; i += 2) {
                m_out += i == 0 ? '=' : ',';
                appendSvcKey(m_out, load16(v + i));
            }
            return true;
        case 1: {  // alpn: length-prefixed protocol ids, comma-separated, commas escaped
            bool quote = false;
            for (std::size_t i = 0; i < len;) {
                const std::size_t idLen = v[i];
                if (i + 1 + idLen > len) {
                    return fail("alpn id runs past its SvcParam");
                }
                for (std::size_t j = i + 1; j < i + 1 + idLen; ++j) {
                    quote |= isSpaceByte(v[j]);
                }
                i += 1 + idLen;
            }
            if (len == 0) {
                return true;
            }
            m_out += '=';
            if (quote) {
                m_out += '"';
            }
            for (std::size_t i = 0; i < len;) {
                const std::size_t idLen = v[i];
                if (i > 0) {
                    m_out += ',';
                }
                for (std::size_t j = i + 1; j < i + 1 + idLen; ++j) {
                    if (v[j] == ',') {
                        m_out += '\\';
                    }
                    appendTextByte(m_out, v[j]);
                }
                i += 1 + idLen;
            }
            if (quote) {
                m_out += '"';
            }
            return true;
        }
        case 2:  // no-default-alpn: no value
            if (len != 0) {
                return fail("SvcParam no-default-alpn has a value");
            }
            return true;
        case 3:  // port
            if (len != 2) {
                return fail("SvcParam port is not 2 octets");
            }
            m_out += '=';
            appendNumber(m_out, static_cast<unsigned>(load16(v)));
            return true;
        case 4:  // ipv4hint
            if (len == 0 || len % 4 != 0) {
                return fail("bad SvcParam ipv4hint length");
            }
            for (std::size_t i = 0; i < len; i += 4) {
                m_out += i == 0 ? '=' : ',';
                appendIpv4(m_out, v + i);
            }
            return true;
        case 5:  // ech: base64
            if (len > 0) {
                m_out += '=';
                appendBase64(m_out, v, len);
            }
            return true;
        case 6:  // ipv6hint
            if (len == 0 || len % 16 != 0) {
                return fail("bad SvcParam ipv6hint length");
            }
            for (std::size_t i = 0; i < len; i += 16) {
                m_out += i == 0 ? '=' : ',';
                appendIpv6(m_out, v + i);
            }
            return true;
        default: {  // dohpath and unknown keys: the octets, quoted when they hold spaces
            if (len == 0) {
                return true;
            }
            bool quote = false;
            for (std::size_t i = 0; i < len; ++i) {
                quote |= isSpaceByte(v[i]);
            }
            m_out += '=';
            if (quote) {
                m_out += '"';
            }
            for (std::size_t i = 0; i < len; ++i) {
                appendTextByte(m_out, v[i]);
            }
            if (quote) {
                m_out += '"';
            }
            return true;
        }
    }
}

void appendGeneric(std::string& out, const std::uint8_t* p, std::size_t n) {
    out += "\\# ";
    appendNumber(out, n);
    if (n > 0) {
        out += ' ';
        appendHex(out, p, n);
    }
}

// The rdata of `type` at [pos, end). Returns false with `failure` set when malformed.
bool formatRdataImpl(std::uint16_t type, const std::uint8_t* msg, std::size_t size, std::size_t pos,
                     std::size_t end, std::string& out, Failure& failure) {
    if (pos == end) {
        // Empty rdata is only meaningful in updates; ldns shows it generically too.
        appendGeneric(out, msg + pos, 0);
        return true;
    }
    RdataFormatter r(msg, size, pos, end, out, failure);
    switch (static_cast<RRType>(type)) {
        case RRType::A:
            return r.ipv4() && r.finish();
        case RRType::AAAA:
            return r.ipv6() && r.finish();
        case RRType::NS:
        case RRType::CNAME:
        case RRType::PTR:
        case RRType::DNAME:
            return r.name() && r.finish();
        case RRType::MX:
        case RRType::KX:
        case RRType::AFSDB:
            return r.number16() && r.name() && r.finish();
        case RRType::RP:
            return r.name() && r.name() && r.finish();
        case RRType::SOA:
            return r.name() && r.name() && r.number32() && r.number32() && r.number32() &&
                   r.number32() && r.number32() && r.finish();
        case RRType::TXT:
        case RRType::SPF:
            while (r.remaining() > 0) {
                if (!r.charString()) {
                    return false;
                }
            }
            return true;
        case RRType::HINFO:
            return r.charString() && r.charString() && r.finish();
        case RRType::SRV:
            return r.number16() && r.number16() && r.number16() && r.name() && r.finish();
        case RRType::NAPTR:
            return r.number16() && r.number16() && r.charString() && r.charString() &&
                   r.charString() && r.name() && r.finish();
        case RRType::CAA:
            if (!r.number8() || !r.caaTag()) {
                return false;
            }
            r.quotedRest();
            return true;
        case RRType::URI:
            if (!r.number16() || !r.number16()) {
                return false;
            }
            r.quotedRest();
            return true;
        case RRType::DS:
        case RRType::CDS:
            if (!r.number16() || !r.number8() || !r.number8()) {
                return false;
            }
            r.hexRest();
            return true;
        case RRType::DNSKEY:
        case RRType::CDNSKEY:
            if (!r.number16() || !r.number8() || !r.number8()) {
                return false;
            }
            r.base64Rest();
            return true;
        case RRType::RRSIG:
            if (!r.type() || !r.number8() || !r.number8() || !r.number32() || !r.time() ||
                !r.time() || !r.number16() || !r.name()) {
                return false;
            }
            r.base64Rest();
            return true;
        case RRType::NSEC:
            return r.name() && r.typeBitmap();
        case RRType::NSEC3:
            return r.number8() && r.number8() && r.number16() && r.salt() && r.hashedOwner() &&
                   r.typeBitmap();
        case RRType::NSEC3PARAM:
            return r.number8() && r.number8() && r.number16() && r.salt() && r.finish();
        case RRType::TLSA:
        case RRType::SMIMEA:
            if (!r.number8() || !r.number8() || !r.number8()) {
                return false;
            }
            r.hexRest();
            return true;
        case RRType::SSHFP:
            if (!r.number8() || !r.number8()) {
                return false;
            }
            r.hexRest();
            return true;
        case RRType::OPENPGPKEY:
            r.base64Rest();
            return true;
        case RRType::SVCB:
        case RRType::HTTPS:
            return r.number16() && r.name() && r.svcParams();
        default:
            appendGeneric(out, msg + pos, end - pos);
            return true;
    }
}

Error makeFailure(Failure failure, std::string message) {
    Error e = makeError(ErrorCode::Format, std::move(message));
    e.offset = failure.offset;
    return e;
}

std::string_view sectionName(std::size_t index, const MessageHeader& h) {
    if (index < h.answerCount) {
        return "answer";
    }
    if (index < std::size_t{h.answerCount} + h.authorityCount) {
        return "authority";
    }
    return "additional";
}

}  // namespace

void Message::clear() {
    header = {};
    questions.clear();
    records.clear();
    hasEdns = false;
    ednsVersion = 0;
    extendedRcode = 0;
    ednsUdpSize = 0;
}

Status parseMessage(std::span<const std::uint8_t> wire, Message& out) {
    out.clear();
    const std::uint8_t* msg = wire.data();
    const std::size_t size = wire.size();
    if (size < kHeaderSize) {
        return makeFailure({"", 0}, "message shorter than the 12-octet DNS header (" +
                                        std::to_string(size) + " octets)");
    }
    MessageHeader& h = out.header;
    h.id = load16(msg);
    h.flags = load16(msg + 2);
    h.questionCount = load16(msg + 4);
    h.answerCount = load16(msg + 6);
    h.authorityCount = load16(msg + 8);
    h.additionalCount = load16(msg + 10);

    std::size_t pos = kHeaderSize;
    Failure failure;
    for (std::size_t i = 0; i < h.questionCount; ++i) {
        Question& q = out.questions.emplace_back();
        if (!readName(msg, size, pos, size, true, q.name, failure)) {
            return makeFailure(
                failure, "question " + std::to_string(i + 1) + ": " + std::string(failure.what));
        }
        if (size - pos < 4) {
            return makeFailure({"", pos},
                               "question " + std::to_string(i + 1) + ": truncated type and class");
        }
        q.type = load16(msg + pos);
        q.rrClass = load16(msg + pos + 2);
        pos += 4;
    }

    const std::size_t total = std::size_t{h.answerCount} + h.authorityCount + h.additionalCount;
    // Every RR takes at least 11 octets; do not trust the counts for the reservation.
    out.records.reserve(std::min(total, (size - pos) / 11 + 1));
    for (std::size_t i = 0; i < total; ++i) {
        const std::size_t rrStart = pos;
        std::string name;
        const auto where = [&](std::string_view what) {
            return "RR " + std::to_string(i + 1) + " (" + std::string(sectionName(i, h)) +
                   " section): " + std::string(what);
        };
        if (!readName(msg, size, pos, size, true, name, failure)) {
            return makeFailure(failure, where(failure.what));
        }
        if (size - pos < 10) {
            return makeFailure({"", rrStart}, where("truncated RR header"));
        }
        const std::uint16_t type = load16(msg + pos);
        const std::uint16_t rrClass = load16(msg + pos + 2);
        const std::uint32_t ttl = load32(msg + pos + 4);
        const std::size_t rdLength = load16(msg + pos + 8);
        pos += 10;
        if (rdLength > size - pos) {
            return makeFailure({"", pos - 2}, where("rdata runs past the end of the message (" +
                                                    std::to_string(rdLength) + " octets)"));
        }
        const std::size_t rdEnd = pos + rdLength;
        if (type == kTypeOpt) {
            if (!out.hasEdns) {
                out.hasEdns = true;
                out.ednsUdpSize = rrClass;
                out.extendedRcode = static_cast<std::uint8_t>(ttl >> 24);
                out.ednsVersion = static_cast<std::uint8_t>(ttl >> 16);
            }
            pos = rdEnd;
            continue;
        }
        ResourceRecord& rr = out.records.emplace_back();
        rr.name = std::move(name);
        rr.type = type;
        rr.rrClass = rrClass;
        rr.ttl = ttl;
        rr.section = i < h.answerCount                                   ? Section::Answer
                     : i < std::size_t{h.answerCount} + h.authorityCount ? Section::Authority
                                                                         : Section::Additional;
        if (!formatRdataImpl(type, msg, size, pos, rdEnd, rr.rdata, failure)) {
            return makeFailure(failure,
                               where(typeName(type) + " rdata: " + std::string(failure.what)));
        }
        pos = rdEnd;
    }
    // Octets after the last RR (padding some servers add) are ignored, as ldns does.
    return {};
}

Result<std::string> parseWireName(std::span<const std::uint8_t> wire) {
    std::string name;
    std::size_t pos = 0;
    Failure failure;
    if (!readName(wire.data(), wire.size(), pos, wire.size(), false, name, failure)) {
        return makeFailure(failure, std::string(failure.what));
    }
    if (pos != wire.size()) {
        return makeFailure({"", pos}, "trailing octets after the name");
    }
    return name;
}

Status formatRdata(std::uint16_t type, std::span<const std::uint8_t> message, std::size_t offset,
                   std::size_t length, std::string& out) {
    if (offset > message.size() || length > message.size() - offset) {
        return makeFailure({"", offset}, "rdata lies outside the message");
    }
    Failure failure;
    if (!formatRdataImpl(type, message.data(), message.size(), offset, offset + length, out,
                         failure)) {
        return makeFailure(failure, typeName(type) + " rdata: " + std::string(failure.what));
    }
    return {};
}

std::optional<NxdomainSubject> nxdomainSubject(const Message& message) {
    constexpr int kMaxCnameChain = 16;
    if (message.rcode() != kRcodeNxdomain || message.questions.empty() ||
        message.questions.front().rrClass != kClassIn) {
        return std::nullopt;
    }
    NxdomainSubject subject{message.questions.front().name, message.questions.front().type};
    for (int hop = 0; hop < kMaxCnameChain; ++hop) {
        const auto it =
            std::find_if(message.records.begin(), message.records.end(), [&](const auto& rr) {
                return rr.section == Section::Answer &&
                       rr.type == static_cast<std::uint16_t>(RRType::CNAME) &&
                       rr.rrClass == kClassIn && rr.name == subject.name;
            });
        if (it == message.records.end() || it->rdata == subject.name) {
            break;
        }
        subject.name = it->rdata;
    }
    return subject;
}

}  // namespace tapir::dns
