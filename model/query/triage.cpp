// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/triage.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "query/query_parser.h"

namespace tapir {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool startsWithNoCase(std::string_view s, std::size_t at, std::string_view prefix) {
    if (s.size() - at < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[at + i])) != prefix[i])
            return false;
    }
    return true;
}

// The ways reports defang an indicator so that nobody clicks it (lower case).
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kMarks{{
    {"[.]", "."},
    {"(.)", "."},
    {"{.}", "."},
    {"[dot]", "."},
    {"(dot)", "."},
    {"{dot}", "."},
    {"[:]", ":"},
    {"[://]", "://"},
    {"[@]", "@"},
    {"[at]", "@"},
    {"(at)", "@"},
}};

std::string undoMarks(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        for (const auto& [mark, with] : kMarks) {
            if (startsWithNoCase(s, i, mark)) {
                out += with;
                i += mark.size();
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out += s[i++];
    }
    return out;
}

// The host of a URL without its scheme ("user@host:8080/path?q" -> "host").
std::string urlHost(std::string_view rest) {
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos)
        rest.remove_prefix(at + 1);
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        return std::string(rest.substr(1, close == std::string_view::npos ? rest.npos : close - 1));
    }
    if (const auto colon = rest.find(':');
        colon != std::string_view::npos && rest.find(':', colon + 1) == std::string_view::npos) {
        rest = rest.substr(0, colon);  // a port; several colons make a bare IPv6 address
    }
    return std::string(rest);
}

// One pass of refangIndicator. A pass that changes the text makes it shorter.
std::string refangOnce(std::string_view text) {
    const std::string_view trimmed = trim(text);
    // Tapir's own searches are left alone: several terms, or a term with a key ("ip:",
    // "rdata-glob:"..., whose value may hold quotes or a "[.]" character class).
    if (trimmed.find_first_of(" \t") != std::string_view::npos)
        return std::string(trimmed);
    if (const auto colon = trimmed.find(':');
        colon != std::string_view::npos && isQueryKey(trimmed.substr(0, colon))) {
        return std::string(trimmed);
    }
    std::string_view s = trimmed;
    for (std::size_t before = s.size() + 1; s.size() < before;) {
        before = s.size();
        s = trim(s);
        while (!s.empty() && (s.front() == '"' || s.front() == '\'' || s.front() == '<'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == '>' ||
                              s.back() == ',' || s.back() == ';')) {
            s.remove_suffix(1);
        }
    }
    if (s.find_first_of(" \t") != std::string_view::npos)
        return std::string(trimmed);  // a quoted value with blanks: a search's
    std::string plain = undoMarks(s);
    if (const auto scheme = plain.find("://"); scheme != std::string::npos) {
        const std::string_view name(plain.data(), scheme);
        const bool isScheme = !name.empty() &&
                              std::isalpha(static_cast<unsigned char>(name.front())) &&
                              std::all_of(name.begin(), name.end(), [](char c) {
                                  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' ||
                                         c == '-' || c == '.';
                              });
        if (isScheme)
            return urlHost(std::string_view(plain).substr(scheme + 3));
    }
    if (const auto at = plain.rfind('@');
        at != std::string::npos && plain.find(':') == std::string::npos) {
        return plain.substr(at + 1);  // an e-mail address: its domain
    }
    if (const auto colon = plain.find(':'); colon != std::string::npos &&
                                            plain.find(':', colon + 1) == std::string::npos &&
                                            plain.find('.') < colon && colon + 1 < plain.size()) {
        const std::string_view port = std::string_view(plain).substr(colon + 1);
        if (std::all_of(port.begin(), port.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            plain.resize(colon);  // host:port
    }
    return plain;
}

}  // namespace

std::string refangIndicator(std::string_view text) {
    // Layers come off one per pass ("<hxxp://evil[.]example>" then a quoted host...) until
    // nothing changes; each pass shortens the text, and the bound keeps a hostile line of
    // megabytes from costing more than a few passes over it.
    std::string out = refangOnce(text);
    for (int pass = 0; pass < 64; ++pass) {
        std::string next = refangOnce(out);
        if (next == out)
            break;
        out = std::move(next);
    }
    return out;
}

std::string defangIndicator(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        if (c == '.')
            out += "[.]";
        else if (c == ':')
            out += "[:]";
        else
            out += c;
    }
    return out;
}

std::vector<std::string> indicatorLines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        if (!line.empty() && line.front() != '#')
            out.emplace_back(line);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return out;
}

namespace {

// Adds the summary of records disjoint from those `into` sums (a name's and its
// subdomains').
void addDisjoint(RecordSummary& into, const RecordSummary& more) {
    if (more.records == 0)
        return;
    into.firstSeen = into.records > 0 ? std::min(into.firstSeen, more.firstSeen) : more.firstSeen;
    into.lastSeen = std::max(into.lastSeen, more.lastSeen);
    into.records += more.records;
    into.count += more.count;
}

// Fills row.summary, or row.error for an indicator that is no search; fails only when the
// store does.
Status summarizeIndicator(RecordQuery& query, const TriageOptions& options, TriageRow& row) {
    if (row.query.empty()) {
        row.error = "nothing to look up";
        return {};
    }
    auto spec = parseQuery(row.query);
    if (!spec) {
        row.error = spec.error().message;
        return {};
    }
    auto summary = query.summarize(*spec);
    if (!summary)
        return summary.error();
    row.summary = *summary;
    if (!options.below || spec->kind != QuerySpec::Kind::Name)
        return {};
    spec->kind = QuerySpec::Kind::NameSuffix;  // names strictly below: disjoint from the name
    auto below = query.summarize(*spec);
    if (!below)
        return below.error();
    addDisjoint(row.summary, *below);
    return {};
}

}  // namespace

Result<std::vector<TriageRow>> triage(RecordQuery& query, std::span<const std::string> indicators,
                                      const TriageOptions& options, ProgressSink& progress,
                                      const CancelToken& cancel) {
    std::vector<TriageRow> rows;
    rows.reserve(indicators.size());
    for (const std::string& indicator : indicators) {
        if (cancel.cancelled())
            return makeError(ErrorCode::Cancelled, "indicator triage cancelled");
        TriageRow& row = rows.emplace_back();
        row.indicator = indicator;
        row.query = refangIndicator(indicator);
        if (auto st = summarizeIndicator(query, options, row); !st)
            return st.error();
        progress.progressed(rows.size(), rows.size());
    }
    return rows;
}

}  // namespace tapir
