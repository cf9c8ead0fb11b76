// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Lookalike scans over the store.
//
// Terms: the *watermark* is the highest names.id already scanned (settings
// 'lookalike.watermark'); names.id only grows, so the names above it are those added since
// the last scan. A *generation* numbers full scans; every alert a scan raises or confirms
// carries it, and at the end of a full scan untriaged alerts of older generations (the
// watchlist no longer raises them) are dropped. Changing the watchlist sets the watermark
// to 0, which makes the next scan a full one.
//
// Steps: (1) load the watchlist into a LookalikeMatcher; (2) read names above the
// watermark in id order, a chunk per transaction; (3) for each name the matcher flags,
// weigh the store's evidence: a name that the brand's own records point at (CNAME, MX,
// NS, SRV targets), a domain served by name servers inside the brand's own domains, or
// one resolving to an address that only the brand (and its lookalikes) use, is the brand's
// own infrastructure, i.e. a defensive registration, and raises nothing; sharing a hoster
// lowers the score a little, separate hosting raises it a little, and a registrable
// domain first seen in the last 30 days of the store's data raises it, one seen for over
// a year lowers it; (4) upsert the alert (status, note and creation time of a known alert
// are kept), advance the watermark and commit.
#include "lookalike/lookalike_scanner.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "common/time_format.h"
#include "dns/name.h"
#include "lookalike/public_suffix_list.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir::lookalike {
namespace {

constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kNewWindow = 30 * kDay;
constexpr std::int64_t kOldAge = 365 * kDay;
// An address shared with more unrelated registrable domains than this is a hoster's.
constexpr std::size_t kMaxForeignDomainsOnDedicatedAddress = 2;

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string dateOf(std::int64_t t) {
    return formatUtc(t).substr(0, 10);
}

}  // namespace

struct LookalikeScanner::BrandEvidence {
    BrandInfrastructure infra;
    std::set<std::string> dedicatedAddresses;
    [[nodiscard]] bool known() const {
        return !infra.addresses.empty() || !infra.nameservers.empty() ||
               !infra.sharedNameservers.empty();
    }
};

LookalikeScanner::LookalikeScanner(store::Database& db) : m_db(db), m_store(db) {}
LookalikeScanner::~LookalikeScanner() = default;

Status LookalikeScanner::load() {
    auto brands = m_store.brands();
    if (!brands)
        return brands.error();
    m_matcher = std::make_unique<LookalikeMatcher>(std::move(*brands));
    m_evidence.clear();
    m_latest.reset();
    return {};
}

Result<const LookalikeScanner::BrandEvidence*> LookalikeScanner::evidence(int brand) {
    if (auto it = m_evidence.find(brand); it != m_evidence.end())
        return it->second.get();
    const Brand& b = m_matcher->brands()[static_cast<std::size_t>(brand)];
    auto infra = m_store.brandInfrastructure(b);
    if (!infra)
        return infra.error();
    auto e = std::make_unique<BrandEvidence>();
    e->infra = std::move(*infra);
    // An address is the brand's own when hardly anyone else uses it; lookalikes of the
    // same brand parked on it (defensive registrations) do not count as anyone else.
    for (const auto& address : e->infra.addresses) {
        auto names = m_store.namesAtAddress(address, 200);
        if (!names)
            return names.error();
        std::set<std::string> foreign;
        for (const auto& n : *names) {
            if (m_matcher->ownerOf(n) == brand)
                continue;
            Match m;
            if (m_matcher->match(n, m) && m.brand == brand)
                continue;
            foreign.insert(std::string(PublicSuffixList::instance().registrableDomain(n)));
        }
        if (foreign.size() <= kMaxForeignDomainsOnDedicatedAddress) {
            e->dedicatedAddresses.insert(address);
        }
    }
    auto* raw = e.get();
    m_evidence.emplace(brand, std::move(e));
    return raw;
}

Result<bool> LookalikeScanner::refine(Match& match) {
    const BrandEvidence* ev = nullptr;
    if (match.brand >= 0) {
        auto e = evidence(match.brand);
        if (!e)
            return e.error();
        ev = *e;
        if (ev->infra.targets.contains(match.name)) {
            return false;  // the brand's own records point here (e.g. its CDN name)
        }
    }
    auto facts = m_store.nameFacts(match.name, match.registrable);
    if (!facts)
        return facts.error();
    if (ev != nullptr) {
        for (const auto& ns : facts->nameservers) {
            if (ev->infra.nameservers.contains(ns))
                return false;
        }
        for (const auto& a : facts->addresses) {
            if (ev->dedicatedAddresses.contains(a))
                return false;
        }
        std::string shared;
        for (const auto& ns : facts->nameservers) {
            if (ev->infra.sharedNameservers.contains(ns))
                shared = "name server " + ns;
        }
        for (const auto& a : facts->addresses) {
            if (ev->infra.addresses.contains(a))
                shared = "address " + a;
        }
        if (!shared.empty()) {
            match.adjust(-5, "shares a hoster with the brand (" + shared + ")");
        } else if (ev->known() && (!facts->addresses.empty() || !facts->nameservers.empty())) {
            match.adjust(5, "hosted apart from the brand's infrastructure");
        }
    }
    if (!m_latest) {
        auto latest = m_store.latestTime();
        if (!latest)
            return latest.error();
        m_latest = *latest;
    }
    if (facts->firstSeen && *m_latest) {
        const std::int64_t age = **m_latest - *facts->firstSeen;
        if (age <= kNewWindow) {
            match.adjust(10, "registrable domain first seen " + dateOf(*facts->firstSeen) +
                                 " (new in the store)");
        } else if (age > kOldAge) {
            match.adjust(-10, "registrable domain seen since " + dateOf(*facts->firstSeen));
        }
    }
    return match.alert();
}

Result<Match> LookalikeScanner::assess(std::string_view name) {
    if (!m_matcher) {
        if (auto st = load(); !st)
            return st.error();
    }
    Match m;
    const auto normal = dns::normalizeName(name);
    const std::string stored = normal.value_or(std::string(name));
    if (!m_matcher->match(stored, m)) {
        m = Match{};
        m.name = stored;
        return m;
    }
    auto keep = refine(m);
    if (!keep)
        return keep.error();
    if (!*keep) {
        Match none;
        none.name = stored;
        none.reasons.push_back("the brand's own infrastructure");
        return none;
    }
    return m;
}

Result<ScanReport> LookalikeScanner::rescan(ProgressSink* progress, const CancelToken* cancel) {
    if (auto st = m_store.setWatermark(0); !st)
        return st.error();
    return scanNewNames(progress, cancel);
}

Result<ScanReport> LookalikeScanner::scanNewNames(ProgressSink* progress,
                                                  const CancelToken* cancel) {
    const auto started = std::chrono::steady_clock::now();
    ScanReport report;
    auto has = m_store.hasBrands();
    if (!has)
        return has.error();
    if (!*has)
        return report;
    auto watermark = m_store.watermark();
    if (!watermark)
        return watermark.error();
    // A full scan follows a watchlist change (or a request): load the list afresh.
    if (!m_matcher || *watermark == 0) {
        if (auto st = load(); !st)
            return st.error();
    }
    m_evidence.clear();  // records may have changed since the last scan
    m_latest.reset();
    auto generation = m_store.scanGeneration();
    if (!generation)
        return generation.error();
    auto maxId = m_store.maxNameId();
    if (!maxId)
        return maxId.error();
    std::int64_t last = *watermark;
    report.full = last == 0;
    std::int64_t gen = *generation;
    if (report.full) {
        gen += 1;
        if (auto st = m_store.setScanGeneration(gen); !st)
            return st.error();
    }
    if (progress != nullptr) {
        progress->fileStarted("lookalike scan", 0, 1, static_cast<std::uint64_t>(*maxId - last));
    }
    const std::int64_t now = nowSeconds();
    const std::int64_t first = last;
    try {
        store::Statement names(m_db.handle(),
                               "SELECT id, name FROM names WHERE id > ?1 ORDER BY id LIMIT ?2");
        Match match;
        while (last < *maxId) {
            if (cancel != nullptr && cancel->cancelled()) {
                report.cancelled = true;
                break;
            }
            if (auto st = m_db.begin(); !st)
                return st.error();
            names.bind(1, last).bind(2, static_cast<std::int64_t>(m_chunk));
            std::int64_t chunkLast = last;
            std::vector<Match> found;
            while (names.step()) {
                chunkLast = names.int64(0);
                ++report.namesScanned;
                if (m_matcher->match(names.text(1), match))
                    found.push_back(std::move(match));
            }
            names.reset();
            if (chunkLast == last) {
                m_db.rollback();
                break;
            }
            for (auto& m : found) {
                ++report.matched;
                auto keep = refine(m);
                if (!keep) {
                    m_db.rollback();
                    return keep.error();
                }
                if (!*keep) {
                    ++report.suppressed;
                    continue;
                }
                auto added = m_store.upsertAlert(m, now, gen);
                if (!added) {
                    m_db.rollback();
                    return added.error();
                }
                ++(*added ? report.newAlerts : report.updatedAlerts);
            }
            if (auto st = m_store.setWatermark(chunkLast); !st) {
                m_db.rollback();
                return st.error();
            }
            if (auto st = m_db.commit(); !st)
                return st.error();
            last = chunkLast;
            if (progress != nullptr) {
                progress->progressed(static_cast<std::uint64_t>(last - first), report.namesScanned);
            }
        }
    } catch (const store::DatabaseError& e) {
        m_db.rollback();
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    if (report.full && !report.cancelled) {
        auto dropped = m_store.dropStaleAlerts(gen);
        if (!dropped)
            return dropped.error();
        report.droppedAlerts = *dropped;
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

Result<ScanReport> scanNewNames(store::Database& db) {
    LookalikeStore store(db);
    auto has = store.hasBrands();
    if (!has)
        return has.error();
    if (!*has)
        return ScanReport{};
    LookalikeScanner scanner(db);
    return scanner.scanNewNames();
}

}  // namespace tapir::lookalike
