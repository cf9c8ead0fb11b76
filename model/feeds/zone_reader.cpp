// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Zone files through Knot's zone scanner
//
// libzscanner parses a whole string; a TLD zone from CZDS is tens of gigabytes, so the
// reader hands it blocks instead. Each block ends where a record does: after a newline
// outside parentheses (the scanner keeps $ORIGIN, $TTL and the last owner from one block to
// the next; it would count an extra line at each block's end, so the reader sets the line
// number itself). RecordBoundary finds those places, tracking quotes, escapes, comments
// and parentheses the way the scanner does. Knot refuses CRLF line ends: their CRs are
// dropped first. A fatal scanner error (an include with a bad origin, a runaway parenthesis) would
// end the file; the reader instead starts a fresh scanner at the next line with the same
// origin, TTL and last owner, so the rest of the zone is still read.
#include "feeds/zone_reader.h"

extern "C" {
#include <libzscanner/scanner.h>
}

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <span>
#include <string>

#include "common/observation.h"
#include "dns/rrtype.h"
#include "dns/wire.h"
#include "feeds/input_stream.h"
#include "feeds/text_fields.h"

namespace tapir {
namespace {

// A record may span lines inside parentheses; past this much without the end of one,
// the block is cut at its last newline anyway and the scanner reports the damage.
constexpr std::size_t kMaxPendingBytes = std::size_t{64} << 20;
constexpr std::uint16_t kClassIn = 1;

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

// A TTL as zone files write it: digits, or BIND's units (1h30m, 2d).
bool isTtl(std::string_view token) {
    if (token.empty() || token[0] < '0' || token[0] > '9')
        return false;
    for (char c : token) {
        const bool unit = std::strchr("smhdwSMHDW", c) != nullptr && c != '\0';
        if (!(c >= '0' && c <= '9') && !unit)
            return false;
    }
    return true;
}

bool isClass(std::string_view token) {
    return equalsIgnoringCase(token, "IN") || equalsIgnoringCase(token, "CH") ||
           equalsIgnoringCase(token, "HS") || equalsIgnoringCase(token, "CS") ||
           (token.size() > 5 && equalsIgnoringCase(token.substr(0, 5), "CLASS"));
}

bool isOwner(std::string_view token) {
    for (char c : token) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || std::strchr("-_.*@\\/", c) != nullptr;
        if (!ok || c == '\0')
            return false;
    }
    return !token.empty();
}

enum class RecordLine { No, Yes, WithClass };

// Does a line read as `[owner] [ttl] [class] TYPE rdata` (ttl and class in either order)?
RecordLine looksLikeRecord(std::string_view line) {
    std::string_view tokens[6];
    std::size_t n = 0;
    const bool ownerOmitted = isBlank(line[0]);
    std::size_t i = 0;
    while (n < 6 && i < line.size()) {
        while (i < line.size() && isBlank(line[i]))
            ++i;
        if (i >= line.size() || line[i] == ';')
            break;
        const std::size_t start = i;
        while (i < line.size() && !isBlank(line[i]))
            ++i;
        tokens[n++] = line.substr(start, i - start);
    }
    std::size_t t = 0;
    if (!ownerOmitted) {
        if (n == 0 || !isOwner(tokens[0]))
            return RecordLine::No;
        t = 1;
    }
    bool withClass = false;
    for (int skipped = 0; skipped < 2 && t < n && (isTtl(tokens[t]) || isClass(tokens[t]));
         ++skipped) {
        withClass = withClass || isClass(tokens[t]);
        ++t;
    }
    if (t + 1 >= n)
        return RecordLine::No;  // a type and at least one rdata token
    const auto type = dns::typeFromName(tokens[t]);
    if (!type || *type > 0xffff)
        return RecordLine::No;
    return withClass ? RecordLine::WithClass : RecordLine::Yes;
}

// $ORIGIN, $TTL, $INCLUDE or $GENERATE (BIND), followed by a blank.
bool isDirective(std::string_view line) {
    for (std::string_view name : {"$ORIGIN", "$TTL", "$INCLUDE", "$GENERATE"}) {
        if (line.size() > name.size() && equalsIgnoringCase(line.substr(0, name.size()), name) &&
            isBlank(line[name.size()]))
            return true;
    }
    return false;
}

// Finds the ends of complete records in a growing buffer (see the overview).
class RecordBoundary {
public:
    // Scans data[m_scanned, end) and returns the offset just past the last newline that
    // ends a record, or 0 if there is none yet.
    std::size_t scan(std::string_view data) {
        std::size_t cut = 0;
        for (std::size_t i = m_scanned; i < data.size(); ++i) {
            const char c = data[i];
            if (c == '\n') {
                m_quote = m_escape = m_comment = false;
                if (m_depth == 0)
                    cut = i + 1;
                continue;
            }
            if (m_comment)
                continue;
            if (m_escape) {
                m_escape = false;
                continue;
            }
            if (c == '\\') {
                m_escape = true;
            } else if (c == '"') {
                m_quote = !m_quote;
            } else if (!m_quote) {
                if (c == ';')
                    m_comment = true;
                else if (c == '(')
                    ++m_depth;
                else if (c == ')' && m_depth > 0)
                    --m_depth;
            }
        }
        m_scanned = data.size();
        return cut;
    }
    // The first `n` bytes were handed to the scanner and removed from the buffer.
    void consumed(std::size_t n) { m_scanned -= n; }
    void reset() { m_quote = m_escape = m_comment = false, m_depth = 0; }

private:
    std::size_t m_scanned = 0;
    bool m_quote = false, m_escape = false, m_comment = false;
    std::uint64_t m_depth = 0;
};

// Knot's scanner refuses CRLF line ends, which a zone saved on Windows has: the CR of every
// CRLF is dropped (a copy in `scratch`; text without CR is passed through).
std::string_view lineFeedsOnly(std::string_view text, std::string& scratch) {
    if (text.find("\r\n") == std::string_view::npos)
        return text;
    scratch.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
            scratch.push_back(text[i]);
    }
    return scratch;
}

struct ScannerDeleter {
    void operator()(zs_scanner_t* s) const {
        zs_deinit(s);
        delete s;
    }
};
using Scanner = std::unique_ptr<zs_scanner_t, ScannerDeleter>;

bool atOrBelow(std::string_view name, std::string_view apex) {
    if (apex == "." || name == apex)
        return true;
    return name.size() > apex.size() && name.ends_with(apex) &&
           name[name.size() - apex.size() - 1] == '.';
}

class ZoneParser {
public:
    ZoneParser(InputStream& input, ObservationSink& sink, ReadContext& context, std::int64_t time)
        : m_input(input), m_sink(sink), m_context(context), m_time(time) {}

    Status start() { return restart(".", 3600, {}); }

    // Parses one block of whole records (the last block of a file may end anywhere).
    // The scanner would count a line per block end, so the line numbers are kept here.
    Status parse(std::string_view block) {
        std::uint64_t line = m_nextLine;
        std::size_t offset = 0;
        while (offset < block.size()) {
            m_scanner->line_counter = line;
            m_text = block.substr(offset);
            m_textLine = line;
            zs_set_input_string(m_scanner.get(), m_text.data(), m_text.size());
            if (auto st = drain(); !st)
                return st;
            if (!m_fatal)
                break;
            // Start again at the line after the one that stopped the scanner. It may name
            // an earlier line than where this text starts (an unclosed parenthesis at the
            // end): skip at least one line, so every restart moves on.
            const std::uint64_t resumeLine =
                std::max<std::uint64_t>(m_scanner->line_counter, line) + 1;
            while (line < resumeLine && offset < block.size()) {
                const std::size_t nl = block.find('\n', offset);
                offset = nl == std::string_view::npos ? block.size() : nl + 1;
                ++line;
            }
            // Each restart costs a fresh scanner (about 200 KB to clear): a file of nothing
            // but such lines is refused rather than ground through.
            if (++m_restarts > kMaxRestarts) {
                Error e = makeError(ErrorCode::Format,
                                    "the zone scanner stopped " + std::to_string(kMaxRestarts) +
                                        " times: not a zone file, or a damaged one",
                                    m_context.path());
                e.line = resumeLine - 1;
                return e;
            }
            if (auto st = resume(); !st)
                return st;
        }
        m_nextLine += static_cast<std::uint64_t>(std::count(block.begin(), block.end(), '\n'));
        return {};
    }

private:
    Status drain() {
        m_fatal = false;
        for (;;) {
            zs_scanner_t* s = m_scanner.get();
            if (zs_parse_record(s) != 0) {
                scannerError();
                m_fatal = true;
                return {};
            }
            switch (s->state) {
                case ZS_STATE_DATA:
                    record();
                    break;
                case ZS_STATE_ERROR:
                    ++m_context.stats().recordsRead;
                    scannerError();
                    if (s->error.fatal) {
                        m_fatal = true;
                        return {};
                    }
                    break;
                case ZS_STATE_INCLUDE:
                    if (m_context.stats().dropped.count(kIncludeDrop) == 0) {
                        m_context.warn("$INCLUDE at line " + std::to_string(s->line_counter) +
                                       " not followed: a zone file may not name other files");
                    }
                    m_context.drop(kIncludeDrop);
                    break;
                default:  // end of this block (or a stop)
                    return {};
            }
            if ((m_context.stats().recordsRead & 0x3ff) == 0 && m_context.cancelled()) {
                return makeError(ErrorCode::Cancelled, "import cancelled", m_context.path());
            }
        }
    }

    // The scanner's message names the problem, not the text ("invalid number"): the first
    // reported ones also quote their line (control bytes as \xHH).
    void scannerError() {
        const zs_scanner_t* s = m_scanner.get();
        std::string message = zs_strerror(s->error.code);
        if (m_context.stats().issues.size() < ReadStats::kMaxIssues &&
            s->line_counter >= m_textLine) {
            std::size_t start = 0;
            for (std::uint64_t l = m_textLine; l < s->line_counter && start < m_text.size(); ++l) {
                const std::size_t nl = m_text.find('\n', start);
                start = nl == std::string_view::npos ? m_text.size() : nl + 1;
            }
            std::string_view text = m_text.substr(start, m_text.find('\n', start) - start);
            if (text.ends_with('\r'))
                text.remove_suffix(1);
            if (!text.empty())
                message += ": '" + printable(text, 80) + "'";
        }
        m_context.badRecordAtLine(s->line_counter, std::move(message));
    }

    void record() {
        zs_scanner_t* s = m_scanner.get();
        ++m_context.stats().recordsRead;
        m_context.tick(m_input);
        if (s->r_class != kClassIn) {
            m_context.drop("non-IN class RRs (not stored)");
            return;
        }
        auto owner = dns::parseWireName(std::span(s->r_owner, s->r_owner_length));
        if (!owner) {
            m_context.badRecordAtLine(s->line_counter, "owner: " + owner.error().message);
            return;
        }
        if (s->r_type == static_cast<std::uint16_t>(dns::RRType::SOA)) {
            m_apex = *owner;
        }
        if (!m_apex.empty() && !atOrBelow(*owner, m_apex)) {
            m_context.drop("out-of-zone RRs (not stored: outside the apex of the zone's SOA)");
            return;
        }
        Observation o;
        const std::span<const std::uint8_t> rdata(s->r_data, s->r_data_length);
        if (auto st = dns::formatRdata(s->r_type, rdata, 0, rdata.size(), o.rdata); !st) {
            m_context.badRecordAtLine(s->line_counter, "rdata: " + st.error().message);
            return;
        }
        o.rrname = std::move(*owner);
        o.rrtype = s->r_type;
        o.bailiwick = m_apex;
        o.firstSeen = o.lastSeen = m_time;
        ++m_context.stats().observations;
        m_sink.add(std::move(o));
    }

    // A fresh scanner that remembers the old one's origin, TTL and last owner.
    Status resume() {
        const zs_scanner_t* s = m_scanner.get();
        std::string origin = ".";
        if (auto name = dns::parseWireName(std::span(s->zone_origin, s->zone_origin_length))) {
            origin = *name == "." ? "." : *name + ".";
        }
        const std::basic_string<std::uint8_t> owner(s->r_owner, s->r_owner_length);
        return restart(origin, s->default_ttl, owner);
    }

    Status restart(const std::string& origin, std::uint32_t ttl,
                   const std::basic_string<std::uint8_t>& owner) {
        m_scanner.reset();
        Scanner fresh(new zs_scanner_t{});
        if (zs_init(fresh.get(), origin.c_str(), kClassIn, ttl) != 0) {
            // Cannot happen for an origin the old scanner accepted; never loop on it.
            return makeError(ErrorCode::Format, "zone scanner: cannot start at origin " + origin,
                             m_context.path());
        }
        std::memcpy(fresh->r_owner, owner.data(), owner.size());
        fresh->r_owner_length = static_cast<std::uint32_t>(owner.size());
        m_scanner = std::move(fresh);
        return {};
    }

    static constexpr std::uint64_t kMaxRestarts = 10000;
    static constexpr const char* kIncludeDrop = "$INCLUDE directives (not followed)";

    InputStream& m_input;
    ObservationSink& m_sink;
    ReadContext& m_context;
    std::int64_t m_time;
    Scanner m_scanner;
    std::string m_apex;  // owner of the last SOA, the bailiwick of what follows
    bool m_fatal = false;
    std::uint64_t m_restarts = 0;
    std::uint64_t m_nextLine = 1;  // of the next block
    std::string_view m_text;       // what the scanner is reading, from line m_textLine
    std::uint64_t m_textLine = 1;
};

}  // namespace

int ZoneReader::probe(std::string_view head) {
    int zoneLines = 0;
    int directives = 0;
    int withClass = 0;
    int other = 0;
    while (!head.empty() && zoneLines + other < 20) {
        const std::size_t nl = head.find('\n');
        if (nl == std::string_view::npos && head.size() > 256)
            break;  // a cut-off last line of a long head says nothing
        std::string_view line = head.substr(0, nl);
        head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        std::size_t first = 0;
        while (first < line.size() && isBlank(line[first]))
            ++first;
        if (first == line.size() || line[first] == ';')
            continue;
        if (first == 0 && line[0] == '$') {
            isDirective(line) ? ++directives : ++other;
            continue;
        }
        const RecordLine kind = looksLikeRecord(line);
        kind == RecordLine::No ? ++other : ++zoneLines;
        withClass += kind == RecordLine::WithClass ? 1 : 0;
    }
    // Zone lines must be most of the head; bad ones are the reader's to report. Without a
    // directive or a class, `name TYPE value` lines may as well be a headed TSV the CSV
    // reader knows better: then zone only wins if nothing else wants the file.
    if (zoneLines == 0 || other * 2 > zoneLines + directives)
        return 0;
    if (directives > 0)
        return 85;
    return withClass > 0 ? 70 : 40;
}

Status ZoneReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    std::int64_t time = 0;
    if (const auto given = context.fileTime()) {
        time = *given;
    } else if (const auto modified = input.modifiedTime()) {
        time = *modified;
    } else {
        time = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
        context.warn(
            "the file's modification time is unknown: its records are dated by the "
            "time of the import");
    }
    ZoneParser parser(input, sink, context, time);
    if (auto st = parser.start(); !st)
        return st;
    RecordBoundary boundary;
    std::string buffer;
    std::string scratch;
    // Read into a block that is not cleared first (resizing `buffer` by a block cleared
    // 4 MiB per read, also for each 400-byte zone of an archive).
    const std::unique_ptr<std::byte[]> block(new std::byte[m_blockBytes]);
    for (;;) {
        auto n = input.read(block.get(), m_blockBytes);
        if (!n)
            return n.error();
        buffer.append(reinterpret_cast<const char*>(block.get()), *n);
        if (*n == 0) {
            return parser.parse(lineFeedsOnly(buffer, scratch));  // the rest, whole or not
        }
        std::size_t cut = boundary.scan(buffer);
        if (cut == 0 && buffer.size() > kMaxPendingBytes) {
            const std::size_t nl = buffer.rfind('\n');
            cut = nl == std::string::npos ? buffer.size() : nl + 1;
            boundary.reset();
        }
        if (cut > 0) {
            if (auto st =
                    parser.parse(lineFeedsOnly(std::string_view(buffer).substr(0, cut), scratch));
                !st)
                return st;
            buffer.erase(0, cut);
            boundary.consumed(cut);
        }
    }
}

}  // namespace tapir
