// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Synthetic resolver traffic
//
// Terms: a *host* is one query name of the universe, numbered h in [0, hosts); host h
// belongs to *domain* d = h mod D (D = hosts / 8) and is its k-th name, k = h div D
// (k = 0 is the apex, 1 www, 2 mail, the rest labels such as api, cdn, login). A domain's
// name, TLD, class and DNS provider are pure functions of d (hashes), so nothing about
// the universe is stored and any size can be generated in constant memory. The label of a
// domain spells d in base-80 syllables (with a position-dependent scramble), so labels are
// unique and pronounceable. *Rank* is popularity: hostOfRank(r) = r * P mod hosts (P
// coprime with hosts) spreads the popular hosts over all domains.
//
// Steps of next(): advance the clock (the stream spans `span` seconds), then draw the kind
// of query: DGA-like random names (NXDOMAIN from the TLD, a few registered C2 domains), PTR
// lookups of hosting addresses, or a host drawn by Zipf rank. A host query may become a
// typo (NXDOMAIN from the zone) or a referral from the TLD (authority NS and glue);
// otherwise the domain class decides the answer: CDN CNAME chains, fast-flux address
// sets, parked addresses, per-user names of subdomain trees, or plain hosting with A/AAAA
// (addresses change on a per-host period), MX, NS, TXT, SOA and NODATA answers.
#include "synthetic_feed.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string_view>

#include "dns/rrtype.h"

namespace tapir::bench {
namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr std::uint64_t kHostsPerDomain = 8;
constexpr std::uint64_t kProviders = 400;
constexpr std::uint64_t kMailProviders = 60;
constexpr std::uint64_t kCdnProviders = 8;
constexpr std::uint64_t kCdnEdges = 5000;
constexpr std::uint64_t kBotnetPool = 60000;
constexpr std::uint64_t kParkingPool = 40;
constexpr std::uint64_t kDgaRegistered = 500;
constexpr std::uint16_t kA = 1, kNs = 2, kCname = 5, kSoa = 6, kPtr = 12, kMx = 15, kTxt = 16,
                        kAaaa = 28;

std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    return mix(a ^ mix(b + 0x632be59bd9b4e019ULL));
}
std::uint64_t mix(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    return mix(mix(a, b), c);
}

constexpr std::string_view kConsonants = "bdfghklmnprstvzc";
constexpr std::string_view kVowels = "aeiou";
constexpr std::uint64_t kSyllables = 80;

// A unique pronounceable label for n: base-80 digits, each shifted by its predecessor so
// neighbouring numbers do not look alike. Invertible, hence unique.
std::string syllables(std::uint64_t n, int minDigits = 3) {
    std::string out;
    std::uint64_t previous = 0;
    for (int i = 0; n > 0 || i < minDigits; ++i) {
        const std::uint64_t digit = n % kSyllables;
        n /= kSyllables;
        const std::uint64_t s =
            (digit + previous * 7 + static_cast<std::uint64_t>(i) * 13) % kSyllables;
        previous = digit;
        out += kConsonants[s % kConsonants.size()];
        out += kVowels[s / kConsonants.size()];
    }
    return out;
}

struct Tld {
    std::string_view name;
    int weight;
};
constexpr std::array<Tld, 24> kTlds = {{
    {"com", 430},   {"net", 90},    {"org", 60},  {"de", 55},       {"co.uk", 35},
    {"ru", 35},     {"io", 25},     {"info", 20}, {"co.jp", 20},    {"fr", 20},
    {"nl", 20},     {"com.br", 20}, {"xyz", 18},  {"top", 15},      {"cn", 20},
    {"com.au", 15}, {"app", 12},    {"dev", 10},  {"xn--p1ai", 15}, {"xn--fiqs8s", 5},
    {"pl", 15},     {"it", 15},     {"es", 10},   {"in", 10},
}};
constexpr int kTldWeights = [] {
    int sum = 0;
    for (const auto& t : kTlds)
        sum += t.weight;
    return sum;
}();

std::string_view pickTld(std::uint64_t hash) {
    int x = static_cast<int>(hash % static_cast<std::uint64_t>(kTldWeights));
    for (const auto& t : kTlds) {
        if (x < t.weight)
            return t.name;
        x -= t.weight;
    }
    return "com";
}

constexpr std::array<std::string_view, 20> kHostLabels = {
    "api", "cdn", "m",      "shop",    "blog", "static", "img",    "login", "vpn", "smtp",
    "dev", "app", "portal", "support", "news", "docs",   "status", "auth",  "ftp", "files"};
constexpr std::array<std::string_view, 6> kTypos = {"wwww", "ww", "mial", "stage", "old", "test"};
constexpr std::array<std::string_view, 7> kDgaTlds = {"com", "net", "info", "xyz",
                                                      "top", "ru",  "biz"};
constexpr std::array<std::string_view, 4> kPhishWords = {"-login", "-secure", "-support",
                                                         "-verify"};
const std::array<std::u32string, 12> kUnicodeWords = {U"münchen", U"bücher", U"köln",   U"café",
                                                      U"пример",  U"москва", U"日本語", U"例え",
                                                      U"ελλάδα",  U"niño",   U"zürich", U"übersee"};

dns::IpBytes ipv4(std::uint32_t a) {
    dns::IpBytes ip{};
    ip[10] = ip[11] = 0xff;
    ip[12] = static_cast<std::uint8_t>(a >> 24);
    ip[13] = static_cast<std::uint8_t>(a >> 16);
    ip[14] = static_cast<std::uint8_t>(a >> 8);
    ip[15] = static_cast<std::uint8_t>(a);
    return ip;
}

// A public /24 for block number b (never private or reserved, never 0.x or 255).
std::uint32_t publicBlock(std::uint64_t b) {
    for (std::uint64_t salt = 0;; ++salt) {
        const auto v = static_cast<std::uint32_t>(mix(b, salt)) & 0xffffff00U;
        if ((v >> 24) != 0 && !dns::isPrivateOrReserved(ipv4(v)) && (v >> 24) < 224 &&
            (v >> 24) != 192 && (v >> 24) != 198 && (v >> 24) != 203) {
            return v;
        }
    }
}

std::string reverseV4(const dns::IpBytes& ip, bool zoneOnly) {
    std::string out;
    for (int i = zoneOnly ? 14 : 15; i >= 12; --i) {
        out += std::to_string(ip[static_cast<std::size_t>(i)]);
        out += '.';
    }
    return out + "in-addr.arpa";
}

}  // namespace

std::string punycodeLabel(const std::u32string& label) {
    // RFC 3492 §6.3 with the §5 parameters.
    constexpr std::uint32_t base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
    auto digit = [](std::uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + d - 26); };
    auto adapt = [&](std::uint32_t delta, std::uint32_t points, bool first) {
        delta = first ? delta / damp : delta / 2;
        delta += delta / points;
        std::uint32_t k = 0;
        while (delta > ((base - tMin) * tMax) / 2) {
            delta /= base - tMin;
            k += base;
        }
        return k + (base - tMin + 1) * delta / (delta + skew);
    };
    std::string out;
    for (char32_t c : label) {
        if (c < 0x80)
            out += static_cast<char>(c);
    }
    const auto basic = static_cast<std::uint32_t>(out.size());
    std::uint32_t handled = basic;
    if (basic > 0)
        out += '-';
    std::uint32_t n = 0x80, delta = 0, bias = 72;
    const auto length = static_cast<std::uint32_t>(label.size());
    while (handled < length) {
        std::uint32_t m = UINT32_MAX;
        for (char32_t c : label) {
            if (c >= n && c < m)
                m = c;
        }
        delta += (m - n) * (handled + 1);
        n = m;
        for (char32_t c : label) {
            if (c < n)
                ++delta;
            if (c == n) {
                std::uint32_t q = delta;
                for (std::uint32_t k = base;; k += base) {
                    const std::uint32_t t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
                    if (q < t)
                        break;
                    out += digit(t + (q - t) % (base - t));
                    q = (q - t) / (base - t);
                }
                out += digit(q);
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                ++handled;
            }
        }
        ++delta;
        ++n;
    }
    return "xn--" + out;
}

struct SyntheticFeed::Domain {
    enum class Kind { Plain, Cdn, FastFlux, Parked, Lookalike, Tree };
    std::uint64_t id = 0;
    std::string name;
    std::string tld;
    Kind kind = Kind::Plain;
    std::uint64_t provider = 0;
    std::uint64_t hash = 0;
};

SyntheticFeed::SyntheticFeed(const FeedOptions& options) : m_options(options) {
    if (m_options.hosts == 0)
        m_options.hosts = std::max<std::uint64_t>(m_options.responses / 2, 1);
    m_domains = std::max<std::uint64_t>(m_options.hosts / kHostsPerDomain, 64);
    m_options.hosts = m_domains * kHostsPerDomain;
    m_permute = 0x9e3779b97f4a7c15ULL % m_options.hosts;
    while (std::gcd(m_permute, m_options.hosts) != 1)
        ++m_permute;
    std::uint64_t s = m_options.seed;
    for (auto& word : m_state)
        word = s = mix(s);
    const double q = m_options.zipfExponent;
    auto hIntegral = [q](double x) {
        const double logX = std::log(x);
        const double t = (1 - q) * logX;
        return (std::abs(t) > 1e-8 ? std::expm1(t) / t
                                   : 1 + t * 0.5 * (1 + t / 3 * (1 + 0.25 * t))) *
               logX;
    };
    m_hX1 = hIntegral(1.5) - 1;
    m_hN = hIntegral(static_cast<double>(m_options.hosts) + 0.5);
    const double h2 = std::exp(-q * std::log(2.0));
    const double x = hIntegral(2.5) - h2;
    double t = x * (1 - q);
    if (t < -1)
        t = -1;
    m_s = 2 - std::exp((std::abs(t) > 1e-8 ? std::log1p(t) / t
                                           : 1 - t * (0.5 - t * (1.0 / 3 - 0.25 * t))) *
                       x);
}

std::uint64_t SyntheticFeed::random() {
    // xoshiro256**
    const std::uint64_t result = std::rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = std::rotl(m_state[3], 45);
    return result;
}

double SyntheticFeed::uniform() {
    return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

// Rejection-inversion sampling of a Zipf rank in [0, hosts), constant time and memory.
std::uint64_t SyntheticFeed::zipf() {
    const double q = m_options.zipfExponent;
    const double n = static_cast<double>(m_options.hosts);
    auto hIntegral = [q](double x) {
        const double logX = std::log(x);
        const double t = (1 - q) * logX;
        return (std::abs(t) > 1e-8 ? std::expm1(t) / t
                                   : 1 + t * 0.5 * (1 + t / 3 * (1 + 0.25 * t))) *
               logX;
    };
    auto hIntegralInverse = [q](double x) {
        double t = x * (1 - q);
        if (t < -1)
            t = -1;
        return std::exp(
            (std::abs(t) > 1e-8 ? std::log1p(t) / t : 1 - t * (0.5 - t * (1.0 / 3 - 0.25 * t))) *
            x);
    };
    for (;;) {
        const double u = m_hN + uniform() * (m_hX1 - m_hN);
        const double x = hIntegralInverse(u);
        double k = std::floor(x + 0.5);
        k = std::clamp(k, 1.0, n);
        if (k - x <= m_s || u >= hIntegral(k + 0.5) - std::exp(-q * std::log(k))) {
            return static_cast<std::uint64_t>(k) - 1;
        }
    }
}

std::uint64_t SyntheticFeed::hostOfRank(std::uint64_t rank) const {
    return static_cast<std::uint64_t>(static_cast<Uint128>(rank % m_options.hosts) * m_permute %
                                      m_options.hosts);
}

SyntheticFeed::Domain SyntheticFeed::domain(std::uint64_t d) const {
    Domain dom;
    dom.id = d;
    dom.hash = mix(d, m_options.seed);
    const std::uint64_t h = dom.hash;
    dom.tld = std::string(pickTld(h >> 8));
    const std::uint64_t classDraw = (h >> 20) % 1000;
    dom.kind = classDraw < 180   ? Domain::Kind::Cdn
               : classDraw < 195 ? Domain::Kind::FastFlux
               : classDraw < 240 ? Domain::Kind::Parked
               : classDraw < 250 ? Domain::Kind::Lookalike
               : classDraw < 280 ? Domain::Kind::Tree
                                 : Domain::Kind::Plain;
    // Providers are skewed: a few host most zones.
    const double u = static_cast<double>((h >> 32) & 0xffff) / 65536.0;
    dom.provider = static_cast<std::uint64_t>(u * u * u * kProviders);
    std::string label = syllables(d);
    if (dom.kind == Domain::Kind::Lookalike) {
        // Imitates one of the 40 most popular domains (which are never lookalikes).
        for (std::uint64_t r = (h >> 40) % 40;; ++r) {
            const std::uint64_t target = hostOfRank(r) % m_domains;
            const std::uint64_t th = mix(target, m_options.seed);
            if (((th >> 20) % 1000) >= 240 && ((th >> 20) % 1000) < 250)
                continue;
            label = syllables(target);
            const std::string targetTld(pickTld(th >> 8));
            const std::string variant = (d % 5 == 0) ? std::to_string(d % 97) : std::string();
            switch ((h >> 50) % 4) {
                case 0: {  // homoglyph: first a/o/e/c/p becomes Cyrillic
                    label += variant;
                    std::u32string u32(label.begin(), label.end());
                    const std::u32string plain = u32;
                    for (auto& c : u32) {
                        if (c == U'i') {
                            c = U'і';
                            break;
                        }
                        if (c == U'a') {
                            c = U'а';
                            break;
                        }
                        if (c == U'o') {
                            c = U'о';
                            break;
                        }
                        if (c == U'e') {
                            c = U'е';
                            break;
                        }
                        if (c == U'c') {
                            c = U'с';
                            break;
                        }
                        if (c == U'p') {
                            c = U'р';
                            break;
                        }
                    }
                    label = u32 == plain ? label + "-secure" : punycodeLabel(u32);
                    break;
                }
                case 1:  // digit swap
                    if (auto p = label.find_first_of("oie"); p != std::string::npos) {
                        label[p] = label[p] == 'o' ? '0' : label[p] == 'i' ? '1' : '3';
                    } else {
                        label += '1';
                    }
                    break;
                case 2:
                    label += kPhishWords[(h >> 54) % kPhishWords.size()];
                    break;
                default:  // same label, another TLD
                    dom.tld = targetTld == "com" ? "net" : "com";
                    label += (d % 3 == 0) ? "-app" : "";
                    break;
            }
            if (!label.starts_with("xn--"))
                label += variant;
            break;
        }
    } else if ((h >> 12) % 100 < 3) {
        std::u32string u32 = kUnicodeWords[(h >> 16) % kUnicodeWords.size()];
        u32 += U'-';
        for (char c : label)
            u32 += static_cast<char32_t>(c);
        label = punycodeLabel(u32);
    }
    dom.name = label + "." + dom.tld;
    return dom;
}

std::string SyntheticFeed::hostLabel(std::uint64_t d, std::uint64_t k) const {
    switch (k) {
        case 0:
            return {};
        case 1:
            return "www";
        case 2:
            return "mail";
        default: {
            const std::uint64_t first = mix(d, 77) % kHostLabels.size();
            std::string label(kHostLabels[(first + 3 * (k - 3)) % kHostLabels.size()]);
            if (mix(d, k) % 4 == 0)
                label += ".eu-west";  // deeper trees
            return label;
        }
    }
}

std::string SyntheticFeed::popularHost(std::uint64_t rank) const {
    const std::uint64_t h = hostOfRank(rank);
    const std::string label = hostLabel(h % m_domains, h / m_domains);
    const Domain dom = domain(h % m_domains);
    return label.empty() ? dom.name : label + "." + dom.name;
}

std::string SyntheticFeed::popularDomain(std::uint64_t rank) const {
    return domain(hostOfRank(rank) % m_domains).name;
}

std::string SyntheticFeed::nameServer(std::uint64_t rank) const {
    return "ns1." + syllables(rank % kProviders, 2) + "dns.net";
}

dns::IpBytes SyntheticFeed::poolAddress(std::uint64_t index) const {
    const std::uint64_t pool = std::max<std::uint64_t>(m_options.hosts / 4, 1024);
    index %= pool;
    return ipv4(publicBlock(index / 200) | static_cast<std::uint32_t>(1 + index % 200));
}

dns::IpBytes SyntheticFeed::poolAddress6(std::uint64_t index) const {
    const std::uint64_t pool = std::max<std::uint64_t>(m_options.hosts / 4, 1024);
    index %= pool;
    dns::IpBytes ip{};
    const std::uint64_t prefix = mix(index / 200, 0x6);
    ip[0] = 0x2a;
    ip[1] = static_cast<std::uint8_t>(prefix % 16);
    for (int i = 2; i < 6; ++i)
        ip[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(prefix >> (8 * i));
    ip[14] = static_cast<std::uint8_t>((index % 200) >> 8);
    ip[15] = static_cast<std::uint8_t>(1 + index % 200);
    return ip;
}

namespace {

SyntheticRR makeRR(std::string name, std::uint16_t type, std::uint32_t ttl,
                   SyntheticRR::Section section = SyntheticRR::Section::Answer) {
    SyntheticRR rr;
    rr.name = std::move(name);
    rr.type = type;
    rr.ttl = ttl;
    rr.section = section;
    return rr;
}

SyntheticRR addressRR(std::string name, const dns::IpBytes& ip, std::uint32_t ttl,
                      SyntheticRR::Section section = SyntheticRR::Section::Answer) {
    SyntheticRR rr = makeRR(std::move(name), dns::isIpv4Mapped(ip) ? kA : kAaaa, ttl, section);
    rr.ip = ip;
    return rr;
}

SyntheticRR nameRR(std::string name, std::uint16_t type, std::string target, std::uint32_t ttl,
                   SyntheticRR::Section section = SyntheticRR::Section::Answer) {
    SyntheticRR rr = makeRR(std::move(name), type, ttl, section);
    rr.target = std::move(target);
    return rr;
}

dns::IpBytes serverAddress(std::uint64_t key) {
    return ipv4(publicBlock(mix(key, 0x5e)) | static_cast<std::uint32_t>(1 + key % 250));
}

}  // namespace

void SyntheticFeed::addSoa(const std::string& zone, SyntheticResponse& out) {
    SyntheticRR rr = makeRR(zone, kSoa, 3600, SyntheticRR::Section::Authority);
    const std::uint64_t h = mix(std::hash<std::string>{}(zone));
    const bool tld = zone.find('.') == std::string::npos || zone.ends_with("in-addr.arpa");
    rr.target = tld ? "a.nic." + zone : nameServer(h % kProviders);
    rr.target2 = "hostmaster." + (tld ? "nic." + zone : zone);
    rr.numbers[0] = static_cast<std::uint32_t>(2026010100 + h % 100);
    rr.numbers[1] = 7200;
    rr.numbers[2] = 3600;
    rr.numbers[3] = 1209600;
    rr.numbers[4] = 3600;
    out.records.push_back(std::move(rr));
}

void SyntheticFeed::addNameServers(const Domain& dom, SyntheticRR::Section section, bool glue,
                                   SyntheticResponse& out) {
    const bool flux = dom.kind == Domain::Kind::FastFlux;
    const std::string provider = syllables(dom.provider, 2) + "dns.net";
    const int count = flux ? 4 : 2;
    std::vector<std::string> servers;
    for (int i = 1; i <= count; ++i) {
        servers.push_back("ns" + std::to_string(i) + "." + (flux ? dom.name : provider));
        out.records.push_back(nameRR(dom.name, kNs, servers.back(), flux ? 300 : 86400, section));
    }
    if (!glue)
        return;
    for (std::size_t i = 0; i < servers.size(); ++i) {
        const std::uint64_t key = flux ? mix(dom.id, random() % kBotnetPool) : dom.provider * 4 + i;
        out.records.push_back(addressRR(servers[i], serverAddress(key), flux ? 300 : 172800,
                                        SyntheticRR::Section::Additional));
    }
}

void SyntheticFeed::next(SyntheticResponse& out) {
    out.records.clear();
    out.rcode = 0;
    const double position = static_cast<double>(m_produced) /
                            static_cast<double>(std::max<std::uint64_t>(m_options.responses, 1));
    out.time =
        m_options.start + static_cast<std::int64_t>(position * static_cast<double>(m_options.span));
    out.nanoseconds = static_cast<std::uint32_t>(random() % 1'000'000'000);
    out.id = static_cast<std::uint16_t>(random());
    ++m_produced;
    const double draw = uniform();
    if (draw < 0.07) {
        answerDga(out);
    } else if (draw < 0.10) {
        answerPtr(out);
    } else {
        answerHost(hostOfRank(zipf()), out);
    }
}

void SyntheticFeed::answerDga(SyntheticResponse& out) {
    const std::string_view tld = kDgaTlds[random() % kDgaTlds.size()];
    out.zone = std::string(tld);
    out.server = serverAddress(std::hash<std::string_view>{}(tld));
    out.qtype = kA;
    if (random() % 10 == 0) {
        // One of a few registered C2 domains: answers from the botnet pool.
        const std::uint64_t j = random() % kDgaRegistered;
        std::string label;
        for (std::uint64_t x = mix(j, 0xd6a); label.size() < 14; x /= 36) {
            label += "abcdefghijklmnopqrstuvwxyz0123456789"[x % 36];
        }
        out.qname = "c" + label + "." + std::string(kDgaTlds[j % kDgaTlds.size()]);
        out.zone = std::string(kDgaTlds[j % kDgaTlds.size()]);
        out.records.push_back(addressRR(out.qname,
                                        ipv4(publicBlock(mix(j, random() % 64)) |
                                             static_cast<std::uint32_t>(1 + random() % 250)),
                                        300));
        return;
    }
    const std::uint64_t length = 10 + random() % 9;
    std::string label(1, static_cast<char>('a' + random() % 26));
    std::uint64_t x = random();
    for (std::uint64_t i = 1; i < length; ++i, x /= 36) {
        if (x < 36)
            x = random();
        label += "abcdefghijklmnopqrstuvwxyz0123456789"[x % 36];
    }
    out.qname = label + "." + out.zone;
    out.rcode = 3;
    addSoa(out.zone, out);
}

void SyntheticFeed::answerPtr(SyntheticResponse& out) {
    const std::uint64_t index = zipf() / 4;
    const dns::IpBytes ip = poolAddress(index);
    out.qname = reverseV4(ip, false);
    out.zone = reverseV4(ip, true);
    out.server = serverAddress(index / 200);
    out.qtype = kPtr;
    if (mix(index, 9) % 100 < 15) {
        out.rcode = 3;
        addSoa(out.zone, out);
        return;
    }
    std::string target = "srv" + std::to_string(index % 10000) + "." +
                         syllables(index / 200 % 300, 2) + "hosting.com";
    if (mix(index, 11) % 3 == 0) {
        target = "ip-" + std::to_string(ip[12]) + "-" + std::to_string(ip[13]) + "-" +
                 std::to_string(ip[14]) + "-" + std::to_string(ip[15]) + "." +
                 syllables(index / 200 % 300, 2) + "hosting.com";
    }
    out.records.push_back(nameRR(out.qname, kPtr, std::move(target), 86400));
}

void SyntheticFeed::answerHost(std::uint64_t host, SyntheticResponse& out) {
    const std::uint64_t d = host % m_domains;
    const std::uint64_t k = host / m_domains;
    const Domain dom = domain(d);
    const std::string label = hostLabel(d, k);
    std::string name = label.empty() ? dom.name : label + "." + dom.name;
    out.zone = dom.name;
    out.server = serverAddress(dom.kind == Domain::Kind::FastFlux ? mix(d, random() % 16)
                                                                  : dom.provider * 4);
    out.qname = name;
    out.qtype = kA;
    const double draw = uniform();
    if (draw < 0.02) {  // a typo of a real host: NXDOMAIN from the zone
        out.qname = std::string(kTypos[random() % kTypos.size()]) + "." + dom.name;
        out.rcode = 3;
        addSoa(dom.name, out);
        return;
    }
    if (draw < 0.08) {  // referral from the TLD: NS of the domain and glue
        out.zone = dom.tld;
        out.server = serverAddress(std::hash<std::string>{}(dom.tld));
        addNameServers(dom, SyntheticRR::Section::Authority, true, out);
        return;
    }
    const std::uint64_t hostHash = mix(host, m_options.seed);
    // Addresses change on a per-host period: an hour to months (most rarely).
    static constexpr std::array<std::int64_t, 6> kPeriods = {3600,      6 * 3600,   86400,
                                                             7 * 86400, 30 * 86400, 3650 * 86400};
    const std::int64_t period = kPeriods[std::min<std::uint64_t>((hostHash >> 8) % 16, 5)];
    const auto epoch = static_cast<std::uint64_t>(
        (out.time + static_cast<std::int64_t>(hostHash % 86400)) / period);
    const std::uint64_t pool = std::max<std::uint64_t>(m_options.hosts / 4, 1024);
    auto positiveAuthority = [&] {
        if (random() % 5 == 0)
            addNameServers(dom, SyntheticRR::Section::Authority, random() % 2 == 0, out);
    };

    switch (dom.kind) {
        case Domain::Kind::Tree:
            if (k >= 4) {
                // Per-user names: a few recur, most are seen once.
                const std::uint64_t user = random() % 2 == 0 ? random() % 1000 : random() >> 24;
                out.qname = "u" + syllables(user, 2) + "." + (label.empty() ? "users" : label) +
                            "." + dom.name;
                out.records.push_back(addressRR(out.qname, poolAddress(mix(d, epoch) % pool), 60));
                return;
            }
            break;
        case Domain::Kind::Cdn:
            if (k != 0 && k != 2) {
                const std::uint64_t cp = dom.hash % kCdnProviders;
                const std::string cdnZone = "cdn" + syllables(cp, 1) + ".net";
                const std::string alias = name + "." + cdnZone;
                if (random() % 2 == 0) {  // the customer's zone hands out the alias
                    out.records.push_back(nameRR(name, kCname, alias, 3600));
                    positiveAuthority();
                    return;
                }
                // The CDN's zone: alias -> edge name -> addresses, edges rotate every 6 h.
                const auto sixHours = static_cast<std::uint64_t>(out.time / 21600);
                const std::uint64_t edge = mix(host, sixHours) % kCdnEdges;
                const std::string edgeName = "e" + std::to_string(edge) + ".g." + cdnZone;
                out.qname = alias;
                out.zone = cdnZone;
                out.server = serverAddress(cp + 1'000'000);
                out.records.push_back(nameRR(alias, kCname, edgeName, 300));
                const auto day = static_cast<std::uint64_t>(out.time / 86400);
                for (std::uint64_t i = 0; i < 2; ++i) {
                    const std::uint32_t block =
                        publicBlock(mix(cp, 0xcd, (edge + day * 31 + i) % 64));
                    out.records.push_back(addressRR(
                        edgeName, ipv4(block | static_cast<std::uint32_t>(1 + (edge + i) % 250)),
                        20));
                }
                return;
            }
            break;
        case Domain::Kind::FastFlux:
            if (random() % 4 == 0) {
                out.qtype = kNs;
                addNameServers(dom, SyntheticRR::Section::Answer, true, out);
                return;
            }
            for (int i = 0; i < 5; ++i) {
                const std::uint64_t bot = random() % kBotnetPool;
                out.records.push_back(addressRR(name,
                                                ipv4(publicBlock(mix(bot / 40, 0xb07)) |
                                                     static_cast<std::uint32_t>(1 + bot % 40 * 6)),
                                                180));
            }
            return;
        case Domain::Kind::Parked:
            out.records.push_back(addressRR(
                name,
                ipv4(publicBlock(0x9a4c) | static_cast<std::uint32_t>(1 + dom.hash % kParkingPool)),
                3600));
            return;
        default:
            break;
    }

    // Plain hosting (and the apex / mail names of other classes).
    const double q = uniform();
    const std::uint16_t qtype = k == 0 ? (q < 0.45   ? kA
                                          : q < 0.60 ? kAaaa
                                          : q < 0.75 ? kMx
                                          : q < 0.85 ? kNs
                                          : q < 0.97 ? kTxt
                                                     : kSoa)
                                       : (q < 0.7 ? kA : kAaaa);
    out.qtype = qtype;
    switch (qtype) {
        case kA: {
            const std::uint64_t n = hostHash % 4 == 0 ? 2 : 1;
            for (std::uint64_t i = 0; i < n; ++i) {
                out.records.push_back(addressRR(name, poolAddress(mix(host, epoch, i) % pool),
                                                hostHash % 3 == 0 ? 300 : 3600));
            }
            positiveAuthority();
            return;
        }
        case kAaaa: {
            if (hostHash % 10 >= 3) {  // no IPv6: NODATA with the zone's SOA
                addSoa(dom.name, out);
                return;
            }
            out.records.push_back(addressRR(name, poolAddress6(mix(host, epoch) % pool), 3600));
            positiveAuthority();
            return;
        }
        case kMx: {
            const std::uint64_t mail = dom.hash % kMailProviders;
            if (dom.hash % 5 < 3) {
                for (std::uint32_t i = 1; i <= 2; ++i) {
                    SyntheticRR rr = nameRR(
                        name, kMx, "mx" + std::to_string(i) + "." + syllables(mail, 2) + "mail.com",
                        3600);
                    rr.numbers[0] = 10 * i;
                    out.records.push_back(std::move(rr));
                }
            } else {
                SyntheticRR rr = nameRR(name, kMx, "mail." + dom.name, 3600);
                rr.numbers[0] = 10;
                out.records.push_back(std::move(rr));
            }
            return;
        }
        case kNs:
            addNameServers(dom, SyntheticRR::Section::Answer, random() % 2 == 0, out);
            return;
        case kTxt: {
            out.records.push_back(nameRR(
                name, kTxt,
                "v=spf1 include:_spf." + syllables(dom.hash % kMailProviders, 2) + "mail.com ~all",
                3600));
            if (dom.hash % 10 < 3) {
                char token[24];
                std::snprintf(token, sizeof(token), "%016llx",
                              static_cast<unsigned long long>(dom.hash));
                out.records.push_back(
                    nameRR(name, kTxt, std::string("site-verification=") + token, 3600));
            }
            return;
        }
        default:
            addSoa(dom.name, out);
            out.records.back().section = SyntheticRR::Section::Answer;
            return;
    }
}

std::string presentation(const SyntheticRR& rr) {
    switch (rr.type) {
        case kA:
        case kAaaa:
            return dns::formatIp(rr.ip);
        case kMx:
            return std::to_string(rr.numbers[0]) + " " + rr.target;
        case kTxt:
            return "\"" + rr.target + "\"";
        case kSoa:
            return rr.target + " " + rr.target2 + " " + std::to_string(rr.numbers[0]) + " " +
                   std::to_string(rr.numbers[1]) + " " + std::to_string(rr.numbers[2]) + " " +
                   std::to_string(rr.numbers[3]) + " " + std::to_string(rr.numbers[4]);
        default:
            return rr.target;
    }
}

void observations(const SyntheticResponse& response, std::vector<Observation>& out) {
    for (const auto& rr : response.records) {
        Observation o;
        o.rrname = rr.name;
        o.rrtype = rr.type;
        o.rdata = presentation(rr);
        o.bailiwick = response.zone;
        o.firstSeen = o.lastSeen = response.time;
        out.push_back(std::move(o));
    }
    if (response.rcode == 3) {
        Observation o;
        o.rrname = response.qname;
        o.rrtype = kNxdomainType;
        o.rdata = dns::typeName(response.qtype);
        o.bailiwick = response.zone;
        o.firstSeen = o.lastSeen = response.time;
        out.push_back(std::move(o));
    }
}

}  // namespace tapir::bench
