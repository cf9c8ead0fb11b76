// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "query/record_query.h"

namespace tapir {

// Indicator triage: a list of indicators of compromise (names, addresses, URLs, as a
// threat report lists them) looked up at once, each answered with DNSDB's summary (how
// many records, their summed count, first and last seen), so an analyst sees at a glance
// which of them the store has seen, and when.

// An indicator as a threat report writes it, made searchable again ("refanged"):
// hxxp[s]:// and other schemes, [.] (.) {.} [dot] (dot) [:] [@] [at] \. are undone;
// a URL keeps its host (no user, port, path, query); host:port its host; an e-mail
// address its domain; an IPv6 host loses its brackets. Anything else, Tapir's own searches included
// ("ip:198.51.100.0/24", "*.example.com type:A"), comes back trimmed and unchanged.
[[nodiscard]] std::string refangIndicator(std::string_view text);

// The reverse, for sharing a name or address in a report or chat where it must not become
// a link: every dot as [.] and every colon of an IPv6 address as [:] ("evil[.]example",
// "198[.]51[.]100[.]7", "2001[:]db8[:][:]1"). refangIndicator undoes it.
[[nodiscard]] std::string defangIndicator(std::string_view text);

// The indicators of a pasted list or file: one per line, blank lines and lines starting
// with # skipped, CR and surrounding blanks removed.
[[nodiscard]] std::vector<std::string> indicatorLines(std::string_view text);

struct TriageOptions {
    // A name also counts the records of every name below it (name plus *.name).
    bool below = false;
};

struct TriageRow {
    std::string indicator;  // as given
    std::string query;      // the search it became (refangIndicator)
    RecordSummary summary;  // zero when nothing matched
    std::string error;      // set when `query` is not a valid search; summary is then zero
};

// Summarises every indicator on `query`'s connection, in the order given. A bad indicator
// gets its error and the rest go on; a store error or a cancel stops the whole list.
// progress.progressed(done, done) after each indicator.
[[nodiscard]] Result<std::vector<TriageRow>> triage(RecordQuery& query,
                                                    std::span<const std::string> indicators,
                                                    const TriageOptions& options,
                                                    ProgressSink& progress,
                                                    const CancelToken& cancel);

}  // namespace tapir
