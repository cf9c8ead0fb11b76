// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <ostream>

#include "timeline/timeline.h"

namespace tapir::timeline {

// CSV of a timeline for spreadsheets and scripts (RFC 4180, formula-neutralised cells).
// Lanes: header entity,type,label,bucket_start,bucket_start_utc,count, one row per lane
// bucket. Events: header time,time_utc,entity,type,removed,added,description.
class TimelineCsv {
public:
    static void writeLanes(std::ostream& out, const Timeline& timeline);
    static void writeEvents(std::ostream& out, const Timeline& timeline);
};

}  // namespace tapir::timeline
