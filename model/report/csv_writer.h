// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tapir {

struct NameSummary;
struct Record;
struct RecordSummary;
struct TriageRow;

// Writes records as dnsdbq's CSV (header
// time_first,time_last,zone_first,zone_last,count,bailiwick,rrname,rrtype,rdata), RFC 4180
// quoting, names with DNSDB's trailing dot. Cells a spreadsheet would take for a formula
// (starting with = + - @ tab or CR) are prefixed with an apostrophe.
class CsvWriter {
public:
    explicit CsvWriter(std::ostream& out) : m_out(out) {}
    void writeHeader();
    void write(const Record& record);
    void write(const std::vector<Record>& records);
    // A summarize answer as dnsdbq writes it: its own header
    // (time_first,time_last,zone_first,zone_last,count,num_results) and one row; the times
    // are empty when nothing matched.
    void writeSummary(const RecordSummary& summary);
    // Indicator triage (query/triage.h), a header and a row per indicator:
    // indicator,query,num_results,count,time_first,time_last,error.
    void writeTriage(const std::vector<TriageRow>& rows);
    // The names of a lookup (RecordQuery::names), a header and a row per name:
    // rrname,num_results,count,time_first,time_last,rrtypes (types space-separated).
    void writeNames(const std::vector<NameSummary>& names);

    // One RFC 4180 field, quoted, formula-neutralised.
    [[nodiscard]] static std::string field(std::string_view value);

private:
    // A summary's first and last seen as two fields, both empty when nothing matched.
    void summaryTimes(const RecordSummary& summary);

    std::ostream& m_out;
};

// RR types as mnemonics, space-separated: "A AAAA MX".
[[nodiscard]] std::string typeList(const std::vector<std::uint32_t>& types);

// DNSDB presents names fully qualified: "www.example.com.".
[[nodiscard]] std::string fullyQualified(std::string_view name);

}  // namespace tapir
