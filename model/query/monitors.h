// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace tapir {

namespace store {
class Database;
}

// Monitors: searches an analyst keeps watch on (a suspicious domain, an attacker's /24, the
// name server a malware family uses), as PassiveTotal's and Iris' monitors do. Each
// remembers the feed time up to which its records were seen: the newest last seen in the
// store when it was added or last marked seen. Its *new* records are those first seen after
// that, the search `QUERY mode:strict after:T` (newRecordsQuery), so an analyst sees a
// domain's new address or a subnet's new names as the feed brings them. Time is the feed's,
// not the clock's: a file of old traffic imported late adds nothing new.
struct Monitor {
    std::int64_t id = 0;
    std::string query;           // a search (query/query_parser.h), without a time fence
    std::int64_t added = 0;      // Unix seconds, the clock when it was added
    std::int64_t seenUntil = 0;  // feed time; records first seen after it are new
    // With counts (Monitors::list(db, true)):
    std::uint64_t records = 0;     // every record the search finds
    std::uint64_t newRecords = 0;  // of those, first seen after seenUntil
    std::string error;             // why its search could not be counted (then both 0)
};

class Monitors {
public:
    // Every monitor, oldest first; with `counts`, each one's records and new records
    // (a count of each search, twice). A monitor whose search fails (a stored search a
    // later Tapir no longer reads, say) gets its error and the others are counted.
    [[nodiscard]] static Result<std::vector<Monitor>> list(store::Database& db, bool counts);
    // Adds a search (refused when it does not parse or carries a time fence: a monitor's
    // window is its own); an existing one is returned as it is. `now`: the clock.
    [[nodiscard]] static Result<Monitor> add(store::Database& db, const std::string& query,
                                             std::int64_t now);
    [[nodiscard]] static Status remove(store::Database& db, std::int64_t id);
    // Nothing is new any more: seen_until becomes the store's newest last seen, for one
    // monitor or (id 0) every one.
    [[nodiscard]] static Status markSeen(store::Database& db, std::int64_t id);
    // The search that shows a monitor's new records.
    [[nodiscard]] static std::string newRecordsQuery(const Monitor& monitor);
};

}  // namespace tapir
