// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// CSV/TSV with a header to observations.
//
// Terms: a *role* is what a column means to Tapir (rrname, rrtype, rdata, time_first,
// time_last, zone_first, zone_last, count, bailiwick); each role has *aliases*, the header
// names that select it (compared lower-case, with spaces and dashes read as underscores).
//
// Steps: the first non-empty line is the header; its separator is a tab if it holds one,
// else a semicolon if it holds one and no comma, else a comma. Each header name is mapped to
// a role; rrname, rrtype, rdata and one time role are required, and a header without them
// fails the file naming what is missing. Each following record is split with RFC 4180
// quoting (a quoted field may span lines); its times fall back from time_* to zone_* and
// from first to last, its count defaults to 1.
#include "feeds/csv_reader.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "common/observation.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "feeds/input_stream.h"
#include "feeds/line_reader.h"
#include "feeds/text_fields.h"

namespace tapir {
namespace {

enum Role : std::size_t {
    kRrname,
    kRrtype,
    kRdata,
    kTimeFirst,
    kTimeLast,
    kZoneFirst,
    kZoneLast,
    kCount,
    kBailiwick,
    kRoleCount
};

struct RoleNames {
    std::string_view role;
    std::vector<std::string_view> aliases;
};

const std::array<RoleNames, kRoleCount>& roleNames() {
    static const std::array<RoleNames, kRoleCount> names = {{
        {"rrname", {"rrname", "name", "query", "qname", "domain", "owner", "fqdn", "hostname"}},
        {"rrtype", {"rrtype", "type", "qtype", "rtype", "record_type", "rr_type"}},
        {"rdata", {"rdata", "answer", "value", "data", "target", "response"}},
        {"time_first",
         {"time_first", "first_seen", "firstseen", "first", "timestamp", "ts", "time", "date",
          "seen"}},
        {"time_last", {"time_last", "last_seen", "lastseen", "last"}},
        {"zone_first", {"zone_first", "zone_time_first"}},
        {"zone_last", {"zone_last", "zone_time_last"}},
        {"count", {"count", "hits", "times_seen"}},
        {"bailiwick", {"bailiwick", "zone"}},
    }};
    return names;
}

std::string canonicalHeader(std::string_view name) {
    if (name.starts_with("\xEF\xBB\xBF"))
        name.remove_prefix(3);  // UTF-8 BOM
    while (!name.empty() && name.front() == ' ')
        name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
    }
    std::string out;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (c == ' ' || c == '-' || c == '.')
            out += '_';
        else
            out += c;
    }
    return out;
}

std::optional<Role> roleOf(std::string_view header) {
    const std::string h = canonicalHeader(header);
    for (std::size_t r = 0; r < kRoleCount; ++r) {
        const auto& aliases = roleNames()[r].aliases;
        if (std::find(aliases.begin(), aliases.end(), h) != aliases.end()) {
            return static_cast<Role>(r);
        }
    }
    return std::nullopt;
}

char separatorOf(std::string_view header) {
    if (header.find('\t') != std::string_view::npos)
        return '\t';
    if (header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos) {
        return ';';
    }
    return ',';
}

// Splits one record. Returns false when a quoted field is still open at the end of `text`
// (the caller appends the next line and tries again).
bool splitRecord(std::string_view text, char sep, std::vector<std::string>& out) {
    out.clear();
    std::string field;
    bool quoted = false;
    bool wasQuoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == sep) {
            out.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    if (quoted)
        return false;
    out.push_back(std::move(field));
    return true;
}

// Undoes the exporter's spreadsheet formula guard (report/csv_writer.cpp).
std::string_view unguard(std::string_view v) {
    if (v.size() >= 2 && v[0] == '\'' &&
        (v[1] == '=' || v[1] == '+' || v[1] == '-' || v[1] == '@' || v[1] == '\t' ||
         v[1] == '\r')) {
        v.remove_prefix(1);
    }
    return v;
}

std::string_view trim(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    return v;
}

struct Layout {
    char separator = ',';
    std::array<std::optional<std::size_t>, kRoleCount> column;
    std::size_t columns = 0;
};

Result<Layout> parseHeader(std::string_view line, const std::string& path, std::uint64_t number) {
    Layout layout;
    layout.separator = separatorOf(line);
    std::vector<std::string> names;
    splitRecord(line, layout.separator, names);
    layout.columns = names.size();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (auto role = roleOf(names[i]); role && !layout.column[*role]) {
            layout.column[*role] = i;
        }
    }
    std::string missing;
    auto need = [&](bool present, std::string_view what) {
        if (present)
            return;
        missing += missing.empty() ? "" : "; ";
        missing += what;
    };
    auto described = [](Role r) {
        std::string s(roleNames()[r].role);
        s += " (accepted names: ";
        const auto& aliases = roleNames()[r].aliases;
        for (std::size_t i = 0; i < aliases.size(); ++i) {
            s += (i ? ", " : "") + std::string(aliases[i]);
        }
        return s + ")";
    };
    need(layout.column[kRrname].has_value(), described(kRrname));
    need(layout.column[kRrtype].has_value(), described(kRrtype));
    need(layout.column[kRdata].has_value(), described(kRdata));
    need(layout.column[kTimeFirst] || layout.column[kTimeLast] || layout.column[kZoneFirst] ||
             layout.column[kZoneLast],
         "a time: " + described(kTimeFirst) + " or " + described(kTimeLast) +
             " or zone_first/zone_last");
    if (!missing.empty()) {
        Error e = makeError(ErrorCode::Format,
                            "CSV header lacks required column(s): " + missing + "; header is '" +
                                printable(line, 200) + "'",
                            path);
        e.line = number;
        return e;
    }
    return layout;
}

// One data record; an error message or empty.
std::string readRecord(const Layout& layout, const std::vector<std::string>& cells,
                       ObservationSink& sink, ReadContext& context) {
    if (cells.size() != layout.columns) {
        return "expected " + std::to_string(layout.columns) + " fields, found " +
               std::to_string(cells.size());
    }
    auto cell = [&](Role r) -> std::string_view {
        return layout.column[r] ? trim(unguard(cells[*layout.column[r]])) : std::string_view{};
    };
    auto name = dns::normalizeName(cell(kRrname));
    if (!name)
        return "empty rrname";
    const std::string_view typeText = cell(kRrtype);
    std::optional<std::uint32_t> type;
    if (!typeText.empty() && typeText.find_first_not_of("0123456789") == std::string_view::npos) {
        type = parseUnsigned(typeText).value_or(0x10001);
        if (*type > 0xffff)
            type.reset();
    } else {
        type = dns::typeFromName(typeText);
    }
    if (!type)
        return "unknown rrtype '" + printable(typeText) + "'";
    const std::string_view rdataText = cell(kRdata);
    if (rdataText.empty())
        return "empty rdata";

    auto timeOf = [&](std::initializer_list<Role> roles) -> Result<std::optional<std::int64_t>> {
        for (Role r : roles) {
            const std::string_view t = cell(r);
            if (t.empty())
                continue;
            auto v = parseEpoch(t);
            if (!v) {
                return makeError(ErrorCode::Format, "bad " + std::string(roleNames()[r].role) +
                                                        " '" + printable(t) + "'");
            }
            return std::optional<std::int64_t>(*v);
        }
        return std::optional<std::int64_t>();
    };
    auto first = timeOf({kTimeFirst, kZoneFirst, kTimeLast, kZoneLast});
    if (!first)
        return first.error().message;
    auto last = timeOf({kTimeLast, kZoneLast, kTimeFirst, kZoneFirst});
    if (!last)
        return last.error().message;
    if (!*first)
        return "no time in any time column";
    if (**last < **first)
        return "time_last is before time_first";
    std::uint64_t count = 1;
    if (const std::string_view c = cell(kCount); !c.empty()) {
        auto n = parseUnsigned(c);
        if (!n)
            return "bad count '" + printable(c) + "'";
        count = *n == 0 ? 1 : *n;
    }
    Observation o;
    o.rrname = std::move(*name);
    o.rrtype = *type;
    o.rdata = dns::normalizeRdata(*type, rdataText);
    if (const std::string_view b = cell(kBailiwick); !b.empty()) {
        o.bailiwick = dns::normalizeName(b).value_or(std::string());
    }
    o.firstSeen = **first;
    o.lastSeen = **last;
    o.count = count;
    ++context.stats().observations;
    sink.add(std::move(o));
    return {};
}

}  // namespace

int CsvReader::probe(std::string_view head) {
    const std::string_view first = firstLine(head);
    if (first.empty() || first.front() == '{' || first.front() == '#')
        return 0;
    if (canonicalHeader(first) ==
        "time_first,time_last,zone_first,zone_last,count,bailiwick,rrname,rrtype,rdata") {
        return 95;
    }
    std::vector<std::string> names;
    splitRecord(first, separatorOf(first), names);
    if (names.size() < 2)
        return 0;
    std::array<bool, kRoleCount> seen{};
    for (const auto& n : names) {
        if (auto r = roleOf(n))
            seen[*r] = true;
    }
    if (seen[kRrname] && seen[kRrtype] && seen[kRdata])
        return 85;
    // Two recognised columns make it a CSV feed with something missing: claim it, so the
    // reader can say which columns are missing instead of "unrecognised format".
    return std::count(seen.begin(), seen.end(), true) >= 2 ? 50 : 0;
}

Status CsvReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    constexpr std::size_t kMaxRecord = std::size_t{1} << 20;
    LineReader lines(input);
    std::optional<Layout> layout;
    std::vector<std::string> cells;
    std::string pending;  // a record whose quoted field spans lines
    std::uint64_t pendingLine = 0;
    for (;;) {
        auto next = lines.next();
        if (!next) {
            return next.error();
        }
        if (!*next) {
            if (!pending.empty()) {
                ++context.stats().recordsRead;
                context.badRecordAtLine(pendingLine, "unterminated quoted field at end of file");
            }
            return {};
        }
        const auto& line = **next;
        context.tick(input);
        if (line.tooLong) {
            ++context.stats().recordsRead;
            context.badRecordAtLine(line.number, "line too long");
            pending.clear();
            continue;
        }
        if (!layout) {
            if (trim(line.text).empty())
                continue;
            auto parsed = parseHeader(line.text, context.path(), line.number);
            if (!parsed) {
                return parsed.error();
            }
            layout = *parsed;
            continue;
        }
        std::string_view text = line.text;
        if (!pending.empty()) {
            pending += '\n';
            pending += line.text;
            text = pending;
        } else if (trim(text).empty()) {
            continue;
        }
        if (!splitRecord(text, layout->separator, cells)) {
            if (pending.empty()) {
                pending.assign(line.text);
                pendingLine = line.number;
            }
            if (pending.size() > kMaxRecord) {
                ++context.stats().recordsRead;
                context.badRecordAtLine(pendingLine, "quoted field longer than 1 MiB");
                pending.clear();
            }
            continue;
        }
        const std::uint64_t number = pending.empty() ? line.number : pendingLine;
        ++context.stats().recordsRead;
        if ((context.stats().recordsRead & 0x3ff) == 0 && context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        if (auto err = readRecord(*layout, cells, sink, context); !err.empty()) {
            context.badRecordAtLine(number, std::move(err));
        }
        pending.clear();
    }
}

}  // namespace tapir
