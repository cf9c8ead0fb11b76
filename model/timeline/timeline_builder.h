// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

#include "common/progress.h"
#include "common/result.h"
#include "timeline/timeline.h"

namespace tapir::store {
class Database;
}

namespace tapir::timeline {

// Builds the timeline of a name or of an IP address / CIDR prefix from record_activity:
// lanes of bucket counts and the change events between buckets. Reads only; works on a
// read-only connection. Not thread-safe: use it on the thread that owns the Database.
class TimelineBuilder {
public:
    explicit TimelineBuilder(store::Database& db) : m_db(db) {}

    // `subject`: a domain name, an address or ADDR/LEN. ErrorCode::Syntax for a subject that
    // is neither; an empty timeline when nothing was recorded.
    [[nodiscard]] Result<Timeline> build(std::string_view subject, const TimelineOptions& options,
                                         const CancelToken& cancel = CancelToken{});

    // The change events of a set of lanes (used by build(); public for tests and the views).
    [[nodiscard]] static std::vector<ChangeEvent> changeEvents(const std::vector<Lane>& lanes,
                                                               SubjectKind kind);

private:
    store::Database& m_db;
};

}  // namespace tapir::timeline
