// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/progress.h"
#include "common/result.h"

namespace tapir {

namespace store {
class Database;
}

// The flexible-search index: trigram indexes over rrnames and rdata values (SQLite FTS5
// with the trigram tokenizer, external content on `names` and `rdata`, detail=none) that
// answer glob and regex searches with a literal of three or more characters
// (`glob:*paypal*`, `re:^pay.*\.test$`, `rdata-glob:*v=spf1*`) from the index instead of
// testing every name or value: 0.16 s to 3 ms on 1.6M names, 0.37 s to 0.02 s on 950k rdata.
// New stores have it (store::newStoreDefaults); imports cost more (5M observations in 1M
// files: 18 % more CPU for the first 3M, 8 % for the next 2M, most of it for rdata) and the
// store 14-16 %. Building it for an existing store takes about 6 µs per name (14.6M names:
// 83 s): `tapir-cli index on` or View › Flexible Search Index. While it exists, the
// importer adds each file's new names and values inside the file's transaction (update()).
class FlexibleIndex {
public:
    [[nodiscard]] static Result<bool> enabled(store::Database& db);
    // Creates and fills the index in batches (progress in names; cancel rolls back).
    [[nodiscard]] static Status enable(store::Database& db, ProgressSink& progress,
                                       const CancelToken& cancel);
    [[nodiscard]] static Status disable(store::Database& db);
    // Adds the names created since the last call. A no-op when the index is off. Call
    // inside the transaction that created them.
    [[nodiscard]] static Status update(store::Database& db);
    // Takes rows out of the index before they leave their dictionary (retention): the ids
    // that `namesSelect` and `rdataSelect` (each a SELECT of one id column, or empty) give.
    // A no-op when the index is off. Call inside the transaction that deletes them.
    [[nodiscard]] static Status forget(store::Database& db, std::string_view namesSelect,
                                       std::string_view rdataSelect);
    // Names in the index (0 when off).
    [[nodiscard]] static Result<std::int64_t> indexedNames(store::Database& db);
};

// Literals of which every name matching `pattern` contains at least one, for the index to
// look up: for a glob (`*`, `?`, `[...]` are not literal) its longest literal run; for an
// ICU regular expression one per alternative (`^(pay|bank)-login` gives "pay", "bank";
// at most 8), each the longest run of characters certain to be there, or a required
// group's own alternatives, lower-cased (names are stored in lower case and regex searches
// ignore case). Conservative: quantifiers, classes, escapes that name code points or
// classes, lookarounds and flag groups end a run; (?x) gives nothing. Empty when some
// match need not contain three certain characters, and the index cannot help.
[[nodiscard]] std::vector<std::string> requiredLiterals(std::string_view pattern, bool regex);

// The characters every name matching an ICU regex starts with: `^mx[0-9]+\.` gives "mx",
// `^www\.pay` "www.pay", lower-cased (names are). Names with that prefix are one range of
// names_by_name, flexible-search index or not. Empty when the pattern is not anchored, has
// an alternation anywhere, or sets comments mode.
[[nodiscard]] std::string anchoredPrefix(std::string_view regex);

// An FTS5 query for the rows of a trigram index that hold every trigram of `literal` (at
// least three characters; trigrams of Unicode characters): `"abc" AND "bcd"`. Unlike the
// index's own LIKE and GLOB, it does not read each candidate row to test the pattern: the
// search tests it once, itself (LIKE read every SOA value of a busy nameserver twice).
[[nodiscard]] std::string trigramMatch(std::string_view literal);

// How common each trigram is among the names (or rdata values), estimated from a sample of
// rows, to choose what part of a literal the index looks up. FTS5 reads the whole posting
// list of each trigram it is given (about 25 ns an entry), and tests every row they all
// hold (reading the row: about 1 µs when cached, 5-10 µs when not). On a 10M-record store
// `*www.vilubu.*` took 25 ms (the "www" list alone has 497k entries) and `*vilubu*` 4 ms,
// for the same matches; cutting "votedo" to "tedo" instead made 2,700 candidates of 24.
class TrigramSample {
public:
    enum class Column { Names, Rdata };
    // About `rows` rows in runs spread over the whole id range.
    [[nodiscard]] static Result<TrigramSample> take(store::Database& db, Column column,
                                                    std::size_t rows = 16384);
    // The substring of `literal` (at least three characters) with the least estimated cost:
    // for each trigram, a lookup plus its posting list; then the candidate rows to test,
    // estimated with a character-level Markov chain (the first trigram's share, times each
    // next trigram's share given the one before, from four-character grams). Every row holding
    // `literal` holds the substring, so the search's own test keeps the answer exact. Literals that
    // are not ASCII or longer than kMaxNarrowed, and an empty sample, leave it as it is.
    [[nodiscard]] std::string narrow(std::string_view literal) const;
    // Share of the sampled rows holding `gram`, three or four characters (case-folded),
    // smoothed by `prior` rows: never 0.
    [[nodiscard]] double share(std::string_view gram, double prior = 0.5) const;
    [[nodiscard]] std::uint32_t rows() const { return m_rows; }
    // The highest row id when the sample was taken (to tell when it is out of date).
    [[nodiscard]] std::int64_t maxId() const { return m_maxId; }
    // Costs in posting entries read: one trigram's lookup, one candidate row's test.
    static constexpr double kTrigramLookup = 2000;
    static constexpr double kCandidateCost = 300;
    static constexpr std::size_t kMaxNarrowed = 64;
    static constexpr double kUpperPrior = 3;

private:
    // (gram, rows holding it), sorted: about 100k entries for 16k names.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> m_counts;
    std::uint32_t m_rows = 0;
    std::int64_t m_maxId = 0;
};

}  // namespace tapir
