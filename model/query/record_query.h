// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "dns/name.h"
#include "query/flexible_index.h"
#include "store/statement.h"

namespace tapir {

namespace store {
class Database;
}

// One stored record as queries return it.
struct Record {
    std::string rrname;
    std::uint32_t rrtype = 0;
    std::string rdata;
    std::string bailiwick;
    std::int64_t firstSeen = 0;
    std::int64_t lastSeen = 0;
    std::uint64_t count = 0;
    std::uint64_t sourceCount = 0;  // how many imported files saw it
};

// What DNSDB's summarize verb answers for a lookup: how many records match, how often they
// were seen in all, and when the first and the last of them was seen.
struct RecordSummary {
    std::uint64_t records = 0;   // DNSDB's num_results
    std::uint64_t count = 0;     // the sum of the records' counts
    std::int64_t firstSeen = 0;  // min(first seen); 0 when nothing matches
    std::int64_t lastSeen = 0;   // max(last seen)
};

// One rrname among a lookup's records, summed up: a subdomain of `*.example.com`, or a
// name seen on an address, a subnet or a name server (PassiveTotal's "Subdomains" and
// "Resolutions" lists).
struct NameSummary {
    std::string rrname;
    RecordSummary summary;               // of the lookup's records that have this name
    std::vector<std::uint32_t> rrtypes;  // of those records, ascending
};

// What to look up. Every kind is served by an index (see store/schema.cpp).
struct QuerySpec {
    enum class Kind {
        All,         // every record (browse)
        Name,        // exact rrname
        NameSuffix,  // *.example.com: names strictly below example.com
        NamePrefix,  // www.example.*: names that start with the given labels
        RdataName,   // records whose rdata points at this name (NS, MX, CNAME, PTR, SRV)
        IpRange,     // A/AAAA records with an address in [ipLow, ipHigh]
        // Flexible search. Indexed by the flexible-search index when the pattern holds a
        // literal of 3+ characters (query/flexible_index.h), and a name regex anchored on a
        // prefix (`^mx[0-9]`) by names_by_name; otherwise every name or value is tested.
        NameGlob,    // rrname matches a glob (* ? [..]); a fixed prefix uses names_by_name
        NameRegex,   // rrname matches an ICU regular expression
        RdataGlob,   // rdata text matches a glob
        RdataRegex,  // rdata text matches an ICU regular expression
    };
    enum class Sort { LastSeen, FirstSeen, Count, Name };

    Kind kind = Kind::All;
    std::string name;     // for the name kinds, normalised by the caller (dns::normalizeName)
    std::string pattern;  // for the glob and regex kinds
    dns::IpBytes ipLow{};
    dns::IpBytes ipHigh{};
    std::optional<std::uint32_t> rrtype;
    // Only records of this bailiwick (normalised; empty: any), as DNSDB's rrset lookups
    // take one.
    std::string bailiwick;
    // Time fence in Unix seconds. Loose: the record overlaps [after, before]. Strict: it
    // lies wholly inside.
    std::optional<std::int64_t> after;
    std::optional<std::int64_t> before;
    bool strict = false;
    Sort sort = Sort::LastSeen;
    bool descending = true;
    // The query text chose the order (sort:); a table then follows it instead of keeping
    // the order its header shows.
    bool sortGiven = false;
    std::int64_t limit = 1000;
    std::int64_t offset = 0;
};

// What a glob/regex search reads instead of testing every name or value: the
// flexible-search index for literals (query/flexible_index.h), or the range of names with
// the prefix a name regex is anchored on. At most one of the two is set.
struct IndexLookup {
    std::vector<std::string> literals;
    std::string prefix;
};

// Runs QuerySpecs against a store. Uses the given connection only; one per thread. Keeps
// its prepared statements (one per query shape) for reuse: preparing the page query cost
// about as much as running an exact lookup. Keep one RecordQuery per connection for long.
class RecordQuery {
public:
    explicit RecordQuery(store::Database& db) : m_db(db) {}

    [[nodiscard]] Result<std::vector<Record>> run(const QuerySpec& spec);
    // Number of matching records (ignores limit and offset).
    [[nodiscard]] Result<std::uint64_t> count(const QuerySpec& spec);
    // Counts at most `cap` + 1 matches: a fast answer to "how big is this?" before a large
    // result is fetched. A result above cap means "more than cap".
    [[nodiscard]] Result<std::uint64_t> countUpTo(const QuerySpec& spec, std::uint64_t cap);
    // Every matching record summed up (ignores sort, limit and offset): reads each match's
    // row, so it costs more than count() on a large result.
    [[nodiscard]] Result<RecordSummary> summarize(const QuerySpec& spec);
    // The distinct rrnames of the matching records, each summed up, ordered by the spec's
    // sort (its last seen, first seen or summed count, or the name; ties by name) and paged
    // by its limit and offset, which count names here. Groups every match, so it costs about
    // what summarize() does.
    [[nodiscard]] Result<std::vector<NameSummary>> names(const QuerySpec& spec);
    // How many distinct rrnames the matching records have.
    [[nodiscard]] Result<std::uint64_t> countNames(const QuerySpec& spec);

private:
    // count() (records) or countNames() (distinct names).
    [[nodiscard]] Result<std::uint64_t> countOf(const QuerySpec& spec, bool names);
    // The cached statement for `sql`, reset and unbound; registers tapir_regexp first.
    store::Statement& statement(const std::string& sql);
    void resetAll();
    [[nodiscard]] IndexLookup indexLookup(const QuerySpec& spec);
    // What a glob/regex search looks up in the flexible-search index (requiredLiterals,
    // narrowed by TrigramSample), or nothing when it must test every name or value (no
    // index, or no certain literal).
    std::vector<std::string> trigramLiterals(const QuerySpec& spec);
    // Whether a page is read newest first from records_by_last, testing names on the way.
    [[nodiscard]] bool broadNames(const QuerySpec& spec);

    store::Database& m_db;
    bool m_functionsReady = false;
    // Trigram frequencies for narrowing index literals, taken on first use and again when
    // the dictionary has more than doubled.
    std::optional<TrigramSample> m_nameSample, m_rdataSample;
    // broadNames' last answer, kept while the same search pages on (each page would count
    // up to 5 % of the names again) and the names grew by less than a tenth.
    struct BroadNames {
        QuerySpec::Kind kind;
        std::string name;
        std::int64_t names = 0;
        bool broad = false;
    };
    std::optional<BroadNames> m_broadNames;
    std::unordered_map<std::string, store::Statement> m_statements;
};

}  // namespace tapir
