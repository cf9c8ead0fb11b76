// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <span>
#include <string_view>

namespace tapir::store {

// The store's schema as an ordered list of migrations: migration i takes a database from
// PRAGMA user_version i to i + 1. A database whose version is above the newest is refused.
[[nodiscard]] std::span<const std::string_view> migrations();
[[nodiscard]] int schemaVersion();

// The flexible-search index (query/flexible_index.h): trigram indexes over names and rdata
// values (statements ending in ';', each creating its table if missing).
[[nodiscard]] std::string_view flexibleIndexDdl();
// What a store created from nothing gets beyond the migrations, in the same transaction as
// the last one: the flexible-search index, on by default for new stores (an existing store
// keeps what it had; building the index for millions of names is the user's choice).
[[nodiscard]] std::string_view newStoreDefaults();

// The lookup indexes a bulk import leaves out until its end (ImportOptions::bulk): names by
// prefix, rdata by address and by target name, records by rdata. `drop` removes them;
// `create` builds each that is missing, exactly as the migrations define it.
struct LookupIndex {
    std::string_view drop;
    std::string_view create;
};
[[nodiscard]] std::span<const LookupIndex> lookupIndexes();

}  // namespace tapir::store
