// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tapir {

struct NameSummary;
struct Record;
struct RecordSummary;
struct TriageRow;

// Writes records as COF NDJSON, one object per line, the way DNSDB presents an RRset:
// {"count":..,"time_first":..,"time_last":..,"rrname":"www.example.com.","rrtype":"A",
//  "bailiwick":"example.com.","rdata":["192.0.2.1"]}. CofReader reads it back unchanged.
class CofWriter {
public:
    explicit CofWriter(std::ostream& out) : m_out(out) {}
    void write(const Record& record);
    void write(const std::vector<Record>& records);
    // A summarize answer as DNSDB's API gives it: {"count","num_results","time_first",
    // "time_last"}, the times left out when nothing matched.
    void writeSummary(const RecordSummary& summary);
    // Indicator triage (query/triage.h), one object per indicator: "indicator", "query",
    // then the summary's fields (times left out when nothing matched), or "error".
    void writeTriage(const std::vector<TriageRow>& rows);
    // The names of a lookup (RecordQuery::names), one object per name: "rrname" (fully
    // qualified), the summary's fields, "rrtypes" (an array of mnemonics).
    void writeNames(const std::vector<NameSummary>& names);

    [[nodiscard]] static std::string jsonString(std::string_view value);

private:
    // "count","num_results" and, when something matched, "time_first","time_last".
    void summaryFields(const RecordSummary& summary);

    std::ostream& m_out;
};

}  // namespace tapir
