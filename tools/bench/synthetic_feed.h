// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/observation.h"
#include "dns/name.h"

namespace tapir::bench {

// One resource record of a synthetic response, kept structured so the same record can be
// written as DNS wire data (dnstap) and as presentation text (COF) without re-parsing.
struct SyntheticRR {
    enum class Section : std::uint8_t { Answer, Authority, Additional };
    std::string name;
    std::uint16_t type = 0;
    std::uint32_t ttl = 0;
    Section section = Section::Answer;
    dns::IpBytes ip{};           // A (IPv4-mapped) and AAAA
    std::string target;          // NS, CNAME, PTR, MX exchange, SOA mname; TXT text
    std::string target2;         // SOA rname
    std::uint32_t numbers[5]{};  // MX preference in [0]; SOA serial..minimum
};

// One upstream answer as a resolver logs it (dnstap RESOLVER_RESPONSE): the question, the
// RCODE, the zone the resolver asked (bailiwick) and the records of all three sections.
struct SyntheticResponse {
    std::string qname;
    std::uint16_t qtype = 1;
    std::uint8_t rcode = 0;
    std::string zone;
    std::int64_t time = 0;
    std::uint32_t nanoseconds = 0;
    dns::IpBytes server{};  // the authoritative server that answered
    std::uint16_t id = 0;
    std::vector<SyntheticRR> records;  // answer, then authority, then additional
};

struct FeedOptions {
    std::uint64_t seed = 1;
    std::uint64_t responses = 1'000'000;  // length of the stream (sets the time step)
    std::uint64_t hosts = 0;              // size of the host-name universe; 0: responses / 2
    double zipfExponent = 0.9;            // popularity skew of host names
    std::int64_t start = 1767225600;      // 2026-01-01T00:00:00Z
    std::int64_t span = 7 * 86400;        // the stream covers this many seconds
};

// A deterministic stream of realistic resolver responses.
//
// The universe: `hosts` host names spread over hosts/8 registered domains under weighted
// TLDs (com, net, ccTLDs, second-level ccTLD zones, IDN TLDs). Domains have classes:
// plain hosting, CDN-fronted (CNAME chains into provider zones whose edge names and
// addresses change over time), fast flux (five random addresses from a botnet pool per
// answer, short TTL), parked, lookalikes of popular domains (digit swaps, homoglyph IDN,
// "-login" words) and subdomain trees (per-user names, mostly seen once). Some labels are
// IDN (punycode A-labels). Queries pick hosts by a Zipf law, so popular names repeat;
// addresses churn on per-host periods (hours to months); NXDOMAIN comes from DGA-like
// names, typos of real hosts and unknown reverse names; PTR, MX, NS, TXT, SOA (negative
// answers), referrals with glue and authority NS sets appear in realistic shares.
// Single-threaded; the same options always give the same stream.
class SyntheticFeed {
public:
    explicit SyntheticFeed(const FeedOptions& options);

    void next(SyntheticResponse& out);
    [[nodiscard]] std::uint64_t produced() const { return m_produced; }

    // Names for query benchmarks, by popularity rank (0 = most popular).
    [[nodiscard]] std::string popularHost(std::uint64_t rank) const;
    [[nodiscard]] std::string popularDomain(std::uint64_t rank) const;
    // A name server name that many domains delegate to.
    [[nodiscard]] std::string nameServer(std::uint64_t rank) const;
    // An address of the shared hosting pool (popular addresses first).
    [[nodiscard]] dns::IpBytes poolAddress(std::uint64_t rank) const;
    // The AAAA pool: 200 addresses per /48, like the IPv4 pool's /24s.
    [[nodiscard]] dns::IpBytes poolAddress6(std::uint64_t rank) const;

private:
    struct Domain;
    [[nodiscard]] Domain domain(std::uint64_t d) const;
    [[nodiscard]] std::string hostLabel(std::uint64_t d, std::uint64_t k) const;
    [[nodiscard]] std::uint64_t hostOfRank(std::uint64_t rank) const;
    [[nodiscard]] std::uint64_t zipf();
    [[nodiscard]] double uniform();
    std::uint64_t random();

    void answerHost(std::uint64_t host, SyntheticResponse& out);
    void answerDga(SyntheticResponse& out);
    void answerPtr(SyntheticResponse& out);
    void addNameServers(const Domain& dom, SyntheticRR::Section section, bool glue,
                        SyntheticResponse& out);
    void addSoa(const std::string& zone, SyntheticResponse& out);

    FeedOptions m_options;
    std::uint64_t m_domains = 0;
    std::uint64_t m_permute = 1;
    std::uint64_t m_state[4]{};
    std::uint64_t m_produced = 0;
    // Zipf sampler (rejection-inversion, Hörmann & Derflinger 1996) constants.
    double m_hX1 = 0, m_hN = 0, m_s = 0;
};

// Presentation rdata of a record in Tapir's normal form (what the dnstap reader produces).
[[nodiscard]] std::string presentation(const SyntheticRR& rr);

// The observations a reader makes of one response: one per RR, plus an NXDOMAIN
// pseudo-record (rdata = query type) for a negative answer.
void observations(const SyntheticResponse& response, std::vector<Observation>& out);

// RFC 3492 punycode of a Unicode label given as code points, with the "xn--" prefix.
[[nodiscard]] std::string punycodeLabel(const std::u32string& label);

}  // namespace tapir::bench
