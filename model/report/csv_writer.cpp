// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "report/csv_writer.h"

#include "common/time_format.h"
#include "dns/rrtype.h"
#include "query/record_query.h"
#include "query/triage.h"

namespace tapir {

std::string typeList(const std::vector<std::uint32_t>& types) {
    std::string out;
    for (const auto t : types) {
        if (!out.empty())
            out += ' ';
        out += dns::typeName(t);
    }
    return out;
}

std::string fullyQualified(std::string_view name) {
    if (name.empty() || name == "." || name.back() == '.') {
        return std::string(name);
    }
    std::string out(name);
    out += '.';
    return out;
}

std::string CsvWriter::field(std::string_view value) {
    std::string out = "\"";
    if (!value.empty() &&
        (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
         value.front() == '@' || value.front() == '\t' || value.front() == '\r')) {
        out += '\'';
    }
    for (char c : value) {
        if (c == '"') {
            out += "\"\"";
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

void CsvWriter::writeHeader() {
    m_out << "time_first,time_last,zone_first,zone_last,count,bailiwick,rrname,rrtype,rdata\r\n";
}

void CsvWriter::write(const Record& r) {
    m_out << field(formatUtc(r.firstSeen)) << ',' << field(formatUtc(r.lastSeen)) << ",,,"
          << r.count << ','
          << (r.bailiwick.empty() ? std::string() : field(fullyQualified(r.bailiwick))) << ','
          << field(fullyQualified(r.rrname)) << ',' << field(dns::typeName(r.rrtype)) << ','
          << field(r.rdata) << "\r\n";
}

void CsvWriter::summaryTimes(const RecordSummary& s) {
    if (s.records > 0)
        m_out << field(formatUtc(s.firstSeen)) << ',' << field(formatUtc(s.lastSeen));
    else
        m_out << ',';
}

void CsvWriter::writeSummary(const RecordSummary& s) {
    m_out << "time_first,time_last,zone_first,zone_last,count,num_results\r\n";
    summaryTimes(s);
    m_out << ",,," << s.count << ',' << s.records << "\r\n";
}

void CsvWriter::writeTriage(const std::vector<TriageRow>& rows) {
    m_out << "indicator,query,num_results,count,time_first,time_last,error\r\n";
    for (const auto& row : rows) {
        const RecordSummary& s = row.summary;
        m_out << field(row.indicator) << ',' << field(row.query) << ',' << s.records << ','
              << s.count << ',';
        summaryTimes(s);
        m_out << ',' << (row.error.empty() ? std::string() : field(row.error)) << "\r\n";
    }
}

void CsvWriter::writeNames(const std::vector<NameSummary>& names) {
    m_out << "rrname,num_results,count,time_first,time_last,rrtypes\r\n";
    for (const auto& n : names) {
        m_out << field(fullyQualified(n.rrname)) << ',' << n.summary.records << ','
              << n.summary.count << ',';
        summaryTimes(n.summary);
        m_out << ',' << field(typeList(n.rrtypes)) << "\r\n";
    }
}

void CsvWriter::write(const std::vector<Record>& records) {
    for (const auto& r : records) {
        write(r);
    }
}

}  // namespace tapir
