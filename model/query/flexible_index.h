// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string>
#include <string_view>
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

}  // namespace tapir
