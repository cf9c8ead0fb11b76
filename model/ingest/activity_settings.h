// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>

#include "common/result.h"

namespace tapir {

namespace store {
class Database;
}

// Timelines keep, per record, how often it was seen in each time bucket (record_activity).
// The importer's Aggregator counts observations per bucket (common/activity.h) and the
// store merges the counts with the records, inside the file's transaction: a file's
// activity counts wholly or not at all, and the content hash keeps it from counting twice.
// The bucket width is a store setting, so every import of a store uses the same one.
struct ActivitySettings {
    static constexpr std::int64_t kDefaultBucketSeconds = 86400;
    static constexpr const char* kBucketSetting = "activity.bucket_seconds";

    // The bucket width the store is configured for (kDefaultBucketSeconds when unset).
    [[nodiscard]] static Result<std::int64_t> bucketSeconds(store::Database& db);
};

}  // namespace tapir
