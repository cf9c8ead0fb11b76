// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "report/cof_writer.h"

#include "dns/rrtype.h"
#include "query/record_query.h"
#include "query/triage.h"
#include "report/csv_writer.h"

namespace tapir {

std::string CofWriter::jsonString(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (u < 0x20 || u == 0x7f) {
                    static constexpr char kHex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += kHex[u >> 4];
                    out += kHex[u & 15];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

void CofWriter::write(const Record& r) {
    m_out << "{\"count\":" << r.count << ",\"time_first\":" << r.firstSeen
          << ",\"time_last\":" << r.lastSeen
          << ",\"rrname\":" << jsonString(fullyQualified(r.rrname))
          << ",\"rrtype\":" << jsonString(dns::typeName(r.rrtype));
    if (!r.bailiwick.empty()) {
        m_out << ",\"bailiwick\":" << jsonString(fullyQualified(r.bailiwick));
    }
    m_out << ",\"rdata\":[" << jsonString(r.rdata) << "]}\n";
}

void CofWriter::summaryFields(const RecordSummary& s) {
    m_out << "\"count\":" << s.count << ",\"num_results\":" << s.records;
    if (s.records > 0)
        m_out << ",\"time_first\":" << s.firstSeen << ",\"time_last\":" << s.lastSeen;
}

void CofWriter::writeSummary(const RecordSummary& s) {
    m_out << '{';
    summaryFields(s);
    m_out << "}\n";
}

void CofWriter::writeTriage(const std::vector<TriageRow>& rows) {
    for (const auto& row : rows) {
        m_out << "{\"indicator\":" << jsonString(row.indicator)
              << ",\"query\":" << jsonString(row.query);
        if (!row.error.empty()) {
            m_out << ",\"error\":" << jsonString(row.error) << "}\n";
            continue;
        }
        m_out << ',';
        summaryFields(row.summary);
        m_out << "}\n";
    }
}

void CofWriter::writeNames(const std::vector<NameSummary>& names) {
    for (const auto& n : names) {
        m_out << "{\"rrname\":" << jsonString(fullyQualified(n.rrname)) << ',';
        summaryFields(n.summary);
        m_out << ",\"rrtypes\":[";
        for (std::size_t i = 0; i < n.rrtypes.size(); ++i)
            m_out << (i > 0 ? "," : "") << jsonString(dns::typeName(n.rrtypes[i]));
        m_out << "]}\n";
    }
}

void CofWriter::write(const std::vector<Record>& records) {
    for (const auto& r : records) {
        write(r);
    }
}

}  // namespace tapir
