// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "common/observation.h"
#include "common/result.h"

namespace tapir {

namespace store {
class Database;
}

// Records when each record was seen, not only its first/last: a tee between the privacy
// filter and the Aggregator that counts every observation into a time bucket (a day by
// default; the store setting `activity.bucket_seconds` picks another width) and forwards it
// unchanged. The counts are merged into record_activity by finish(), inside the import's
// transaction and after the records were merged (so the names/rdata ids exist): a file's
// activity counts wholly or not at all, and the content hash keeps it from counting twice.
// Memory is bounded: above maxEntries keys the map is spilled to a temporary table.
// Single-threaded: owned by one import, like the Aggregator.
class ActivityRecorder final : public ObservationSink {
public:
    static constexpr std::int64_t kDefaultBucketSeconds = 86400;
    static constexpr const char* kBucketSetting = "activity.bucket_seconds";

    ActivityRecorder(store::Database& db, ObservationSink& next, std::int64_t bucketSeconds,
                     std::size_t maxEntries = std::size_t{1} << 18);

    // The bucket width the store is configured for (kDefaultBucketSeconds when unset).
    [[nodiscard]] static Result<std::int64_t> bucketSeconds(store::Database& db);
    // Floor of `time` to its bucket start (also for times before 1970).
    [[nodiscard]] static std::int64_t bucketStart(std::int64_t time, std::int64_t width);

    void add(Observation&& observation) override;
    // Writes the counts into record_activity. Call after the records were merged and before
    // the commit; returns the first error met (a spill error included).
    [[nodiscard]] Status finish();

    [[nodiscard]] std::uint64_t bucketsWritten() const { return m_written; }

private:
    // (rname, type, rdata, bucket): sorted like the spill table's primary key.
    using Key = std::tuple<std::string, std::uint32_t, std::string, std::int64_t>;

    void count(const Observation& o, std::int64_t time, std::uint64_t n);
    Status spill();

    store::Database& m_db;
    ObservationSink& m_next;
    std::int64_t m_width;
    std::size_t m_maxEntries;
    std::map<Key, std::uint64_t> m_counts;
    bool m_spilled = false;
    Status m_status;
    std::uint64_t m_written = 0;
};

}  // namespace tapir
