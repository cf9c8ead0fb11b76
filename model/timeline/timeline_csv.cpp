// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "timeline/timeline_csv.h"

#include "common/time_format.h"
#include "report/csv_writer.h"

namespace tapir::timeline {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += ' ';
        out += item;
    }
    return out;
}

}  // namespace

void TimelineCsv::writeLanes(std::ostream& out, const Timeline& timeline) {
    out << "entity,type,label,bucket_start,bucket_start_utc,count\r\n";
    for (const auto& lane : timeline.lanes) {
        for (const auto& b : lane.buckets) {
            out << CsvWriter::field(lane.entity) << ',' << lane.type << ','
                << CsvWriter::field(lane.label) << ',' << b.start << ','
                << CsvWriter::field(formatUtc(b.start)) << ',' << b.count << "\r\n";
        }
    }
}

void TimelineCsv::writeEvents(std::ostream& out, const Timeline& timeline) {
    out << "time,time_utc,entity,type,removed,added,description\r\n";
    for (const auto& e : timeline.events) {
        out << e.time << ',' << CsvWriter::field(formatUtc(e.time)) << ','
            << CsvWriter::field(e.entity) << ',' << e.type << ','
            << CsvWriter::field(joined(e.removed)) << ',' << CsvWriter::field(joined(e.added))
            << ',' << CsvWriter::field(e.text) << "\r\n";
    }
}

}  // namespace tapir::timeline
