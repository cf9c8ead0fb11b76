// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/feed_reader.h"

#include "feeds/bundle_reader.h"
#include "feeds/cof_reader.h"
#include "feeds/csv_reader.h"
#include "feeds/dnstap_reader.h"
#include "feeds/input_stream.h"
#include "feeds/passivedns_reader.h"
#include "feeds/pcap_reader.h"
#include "feeds/suricata_reader.h"
#include "feeds/zeek_reader.h"
#if TAPIR_HAVE_ZONE_READER
#include "feeds/zone_reader.h"
#endif

namespace tapir {

void ReadContext::keepIssue(Error e) {
    ++m_stats.skipped;
    if (m_stats.issues.size() < ReadStats::kMaxIssues) {
        m_stats.issues.push_back(std::move(e));
    }
}

void ReadContext::badRecordAtLine(std::uint64_t line, std::string message) {
    Error e = makeError(ErrorCode::Format, std::move(message), m_path);
    e.line = line;
    keepIssue(std::move(e));
}

void ReadContext::badRecordAtOffset(std::uint64_t offset, std::string message) {
    Error e = makeError(ErrorCode::Format, std::move(message), m_path);
    e.offset = offset;
    keepIssue(std::move(e));
}

void ReadContext::tick(const InputStream& input) {
    if ((++m_ticks & 0xffff) == 0) {
        m_progress.progressed(input.sourcePosition(), m_stats.recordsRead);
    }
}

const std::vector<FeedFormat>& feedFormats() {
    static const std::vector<FeedFormat> formats = {
        {"passivedns",
         "gamelinux passivedns log (ts||client||server||class||query||type||answer||ttl||count)",
         &PassiveDnsReader::probe, [] { return std::make_unique<PassiveDnsReader>(); }},
        {"cof", "Passive DNS Common Output Format / DNSDB NDJSON", &CofReader::probe,
         [] { return std::make_unique<CofReader>(); }},
        {"dnstap", "dnstap capture (Frame Streams), resolver/forwarder/auth responses",
         &DnstapReader::probe, [] { return std::make_unique<DnstapReader>(); }},
        {"zeek", "Zeek dns.log (TSV with #fields header, or JSON lines)", &ZeekReader::probe,
         [] { return std::make_unique<ZeekReader>(); }},
        {"suricata", "Suricata eve.json DNS events (versions 1, 2 and 3)", &SuricataReader::probe,
         [] { return std::make_unique<SuricataReader>(); }},
        {"csv", "CSV/TSV with a header (dnsdbq CSV or named columns)", &CsvReader::probe,
         [] { return std::make_unique<CsvReader>(); }},
        {"pcap",
         "pcap/pcapng capture, DNS responses over UDP and TCP ($TAPIR_DNS_PORTS, default 53)",
         &PcapReader::probe,
         [] { return std::make_unique<PcapReader>(PcapOptions::fromEnvironment()); }},
#if TAPIR_HAVE_ZONE_READER
        {"zone", "DNS zone file (RFC 1035 master file, CZDS zone dump), dated by the file's time",
         &ZoneReader::probe, [] { return std::make_unique<ZoneReader>(); }},
#endif
        {"bundle", "zip/tar archive of feed files, each member detected by content",
         &BundleReader::probe, [] { return std::make_unique<BundleReader>(); }},
    };
    return formats;
}

const FeedFormat* findFormat(std::string_view name) {
    for (const auto& f : feedFormats()) {
        if (f.name == name) {
            return &f;
        }
    }
    return nullptr;
}

Result<const FeedFormat*> detectFormat(std::string_view head, const std::string& path) {
    const FeedFormat* best = nullptr;
    int bestScore = 0;
    std::string tried;
    for (const auto& f : feedFormats()) {
        const int score = f.probe(head);
        if (score > bestScore) {
            bestScore = score;
            best = &f;
        }
        tried += tried.empty() ? "" : ", ";
        tried += f.name;
    }
    if (best == nullptr || bestScore < 20) {
        if (head.empty()) {
            return makeError(ErrorCode::Format, "file is empty", path);
        }
        return makeError(ErrorCode::Format,
                         "unrecognised format: the content matches none of " + tried +
                             " (use --format to force one)",
                         path);
    }
    return best;
}

}  // namespace tapir
