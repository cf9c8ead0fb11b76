// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "lookalike/lookalike_store.h"

#include <sqlite3.h>

#include <array>
#include <optional>
#include <utility>

#include "dns/name.h"
#include "lookalike/public_suffix_list.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir::lookalike {

using store::DatabaseError;
using store::Statement;

namespace {

constexpr std::string_view kWatermarkKey = "lookalike.watermark";
constexpr std::string_view kGenerationKey = "lookalike.scan_generation";

constexpr std::array<std::pair<AlertStatus, std::string_view>, 4> kStatuses = {{
    {AlertStatus::New, "new"},
    {AlertStatus::Acknowledged, "acknowledged"},
    {AlertStatus::FalsePositive, "false_positive"},
    {AlertStatus::Confirmed, "confirmed"},
}};

// The rname range of a domain and everything below it: rname = r, or r. <= rname < r/.
struct RnameRange {
    std::string exact;
    std::string low;
    std::string high;
};

RnameRange rnameRange(std::string_view domain) {
    RnameRange r;
    r.exact = dns::reverseName(domain);
    r.low = r.exact + ".";
    r.high = r.exact + "/";
    return r;
}

bool under(std::string_view name, std::string_view domain) {
    return name == domain || (name.size() > domain.size() && name.ends_with(domain) &&
                              name[name.size() - domain.size() - 1] == '.');
}

std::int64_t intSetting(sqlite3* db, std::string_view key) {
    Statement q(db, "SELECT value FROM settings WHERE key = ?1");
    q.bind(1, key);
    if (!q.step())
        return 0;
    try {
        return std::stoll(std::string(q.text(0)));
    } catch (...) {
        return 0;
    }
}

void setIntSetting(sqlite3* db, std::string_view key, std::int64_t value) {
    Statement q(db,
                "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                "ON CONFLICT DO UPDATE SET value = excluded.value");
    q.bind(1, key).bind(2, std::to_string(value)).run();
}

}  // namespace

struct LookalikeStore::Statements {
    explicit Statements(sqlite3* db)
        : alertExists(db, "SELECT 1 FROM alerts WHERE name = ?1 AND brand = ?2"),
          alertUpsert(db,
                      "INSERT INTO alerts(name, brand, technique, score, tier, reasons, created, "
                      "updated, scan) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8) "
                      "ON CONFLICT(name, brand) DO UPDATE SET technique = excluded.technique, "
                      "score = excluded.score, tier = excluded.tier, reasons = excluded.reasons, "
                      "updated = excluded.updated, scan = excluded.scan"),
          firstSeen(db,
                    "SELECT min(r.first) FROM names n JOIN records r ON r.name_id = n.id "
                    "WHERE n.rname = ?1 OR (n.rname >= ?2 AND n.rname < ?3)"),
          addresses(db,
                    "SELECT DISTINCT rd.value FROM names n "
                    "JOIN records r ON r.name_id = n.id AND r.type IN (1, 28) "
                    "JOIN rdata rd ON rd.id = r.rdata_id WHERE n.name IN (?1, ?2)"),
          nameservers(db,
                      "SELECT DISTINCT t.name FROM names n "
                      "JOIN records r ON r.name_id = n.id AND r.type = 2 "
                      "JOIN rdata rd ON rd.id = r.rdata_id JOIN names t ON t.id = rd.target_id "
                      "WHERE n.name = ?1") {}
    Statement alertExists;
    Statement alertUpsert;
    Statement firstSeen;
    Statement addresses;
    Statement nameservers;
};

LookalikeStore::LookalikeStore(store::Database& db) : m_db(db) {}
LookalikeStore::~LookalikeStore() = default;

LookalikeStore::Statements& LookalikeStore::statements() {
    if (!m_statements)
        m_statements = std::make_unique<Statements>(m_db.handle());
    return *m_statements;
}

std::string_view alertStatusName(AlertStatus s) {
    for (const auto& [k, n] : kStatuses) {
        if (k == s)
            return n;
    }
    return "new";
}

std::optional<AlertStatus> alertStatusFromName(std::string_view name) {
    for (const auto& [k, n] : kStatuses) {
        if (n == name)
            return k;
    }
    if (name == "false-positive")
        return AlertStatus::FalsePositive;
    return std::nullopt;
}

Result<Brand> parseBrand(const std::vector<std::string>& words) {
    Brand brand;
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto normal = dns::normalizeName(words[i]);
        if (!normal || *normal == ".") {
            return makeError(ErrorCode::Syntax, "not a name: '" + words[i] + "'");
        }
        if (normal->find('.') != std::string::npos) {
            const auto registrable = PublicSuffixList::instance().registrableDomain(*normal);
            if (registrable.empty()) {
                return makeError(ErrorCode::Syntax,
                                 "'" + words[i] + "' is a public suffix, not a domain");
            }
            brand.domains.push_back(*normal);
            if (i == 0)
                brand.name = std::string(registrable.substr(0, registrable.find('.')));
        } else if (i == 0) {
            brand.name = *normal;
        } else {
            return makeError(ErrorCode::Syntax, "'" + words[i] + "' is not a domain");
        }
    }
    if (brand.name.empty())
        return makeError(ErrorCode::Syntax, "no brand name");
    return brand;
}

Result<std::vector<Brand>> LookalikeStore::brands() {
    try {
        std::vector<Brand> out;
        Statement q(m_db.handle(),
                    "SELECT b.id, b.name, d.domain FROM brands b "
                    "LEFT JOIN brand_domains d ON d.brand_id = b.id ORDER BY b.name, d.domain");
        while (q.step()) {
            const std::int64_t id = q.int64(0);
            if (out.empty() || out.back().id != id) {
                out.push_back(Brand{id, std::string(q.text(1)), {}});
            }
            if (!q.isNull(2))
                out.back().domains.emplace_back(q.text(2));
        }
        return out;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<bool> LookalikeStore::hasBrands() {
    try {
        Statement q(m_db.handle(), "SELECT EXISTS(SELECT 1 FROM brands)");
        return q.step() && q.int64(0) != 0;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

namespace {

std::optional<std::int64_t> brandId(sqlite3* db, const std::string& name) {
    Statement id(db, "SELECT id FROM brands WHERE name = ?1");
    id.bind(1, name);
    if (!id.step())
        return std::nullopt;
    return id.int64(0);
}

Error notOnWatchlist(const std::string& name) {
    return makeError(ErrorCode::NotFound, "no brand '" + name + "' on the watchlist");
}

void insertDomains(sqlite3* db, std::int64_t brand, const std::vector<std::string>& domains) {
    Statement add(db, "INSERT OR IGNORE INTO brand_domains(brand_id, domain) VALUES(?1, ?2)");
    for (const auto& d : domains) {
        add.bind(1, brand).bind(2, d).run();
    }
}

// A watchlist change as one unit (a savepoint, so it nests in a caller's transaction); it
// resets the scan watermark so the next scan is a full rescan.
template <class F>
void changeWatchlist(sqlite3* db, F&& change) {
    Statement(db, "SAVEPOINT lookalike_brand").run();
    try {
        change();
        setIntSetting(db, kWatermarkKey, 0);
        Statement(db, "RELEASE lookalike_brand").run();
    } catch (const DatabaseError&) {
        Statement(db, "ROLLBACK TO lookalike_brand").run();
        Statement(db, "RELEASE lookalike_brand").run();
        throw;
    }
}

}  // namespace

Status LookalikeStore::addBrand(const std::string& name, const std::vector<std::string>& domains) {
    sqlite3* db = m_db.handle();
    try {
        changeWatchlist(db, [&] {
            Statement(db,
                      "INSERT INTO brands(name, added) VALUES(?1, unixepoch()) "
                      "ON CONFLICT(name) DO NOTHING")
                .bind(1, name)
                .run();
            insertDomains(db, *brandId(db, name), domains);
        });
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    return {};
}

Status LookalikeStore::removeBrand(const std::string& name) {
    sqlite3* db = m_db.handle();
    try {
        const auto id = brandId(db, name);
        if (!id)
            return notOnWatchlist(name);
        changeWatchlist(db, [&] {
            Statement(db, "DELETE FROM brand_domains WHERE brand_id = ?1").bind(1, *id).run();
            Statement(db, "DELETE FROM brands WHERE id = ?1").bind(1, *id).run();
            Statement(db, "DELETE FROM alerts WHERE brand = ?1 AND status = 'new'")
                .bind(1, name)
                .run();
        });
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    return {};
}

Status LookalikeStore::setBrandDomains(const std::string& name,
                                       const std::vector<std::string>& domains) {
    sqlite3* db = m_db.handle();
    try {
        const auto id = brandId(db, name);
        if (!id)
            return notOnWatchlist(name);
        changeWatchlist(db, [&] {
            Statement(db, "DELETE FROM brand_domains WHERE brand_id = ?1").bind(1, *id).run();
            insertDomains(db, *id, domains);
        });
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    return {};
}

Result<std::int64_t> LookalikeStore::watermark() {
    try {
        return intSetting(m_db.handle(), kWatermarkKey);
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Status LookalikeStore::setWatermark(std::int64_t lastNameId) {
    try {
        setIntSetting(m_db.handle(), kWatermarkKey, lastNameId);
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    return {};
}

Result<std::int64_t> LookalikeStore::scanGeneration() {
    try {
        return intSetting(m_db.handle(), kGenerationKey);
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Status LookalikeStore::setScanGeneration(std::int64_t generation) {
    try {
        setIntSetting(m_db.handle(), kGenerationKey, generation);
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    return {};
}

Result<std::int64_t> LookalikeStore::maxNameId() {
    try {
        Statement q(m_db.handle(), "SELECT coalesce(max(id), 0) FROM names");
        q.step();
        return q.int64(0);
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<bool> LookalikeStore::upsertAlert(const Match& match, std::int64_t now,
                                         std::int64_t generation) {
    try {
        Statements& st = statements();
        Statement& exists = st.alertExists;
        exists.bind(1, match.name).bind(2, match.brandName);
        const bool known = exists.step();
        exists.reset();
        Statement& q = st.alertUpsert;
        q.bind(1, match.name)
            .bind(2, match.brandName)
            .bind(3, techniqueName(match.technique))
            .bind(4, static_cast<std::int64_t>(match.score))
            .bind(5, tierName(match.tier))
            .bind(6, match.reasonText())
            .bind(7, now)
            .bind(8, generation)
            .run();
        return !known;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::uint64_t> LookalikeStore::dropStaleAlerts(std::int64_t generation) {
    try {
        Statement q(m_db.handle(), "DELETE FROM alerts WHERE status = 'new' AND scan < ?1");
        q.bind(1, generation).run();
        return static_cast<std::uint64_t>(sqlite3_changes64(m_db.handle()));
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::vector<Alert>> LookalikeStore::alerts(const AlertFilter& filter) {
    try {
        // One constant statement; unused filters bind NULL and drop out.
        Statement q(m_db.handle(),
                    "SELECT id, name, brand, technique, score, tier, reasons, status, note, "
                    "created, updated FROM alerts "
                    "WHERE (?1 IS NULL OR score >= ?1) AND (?2 IS NULL OR status = ?2) "
                    "AND (?3 IS NULL OR brand = ?3) "
                    "ORDER BY score DESC, name LIMIT ?4");
        if (filter.minTier) {
            const int floor = *filter.minTier == Tier::High     ? 75
                              : *filter.minTier == Tier::Medium ? 55
                                                                : 0;
            q.bind(1, static_cast<std::int64_t>(floor));
        }
        if (filter.status)
            q.bind(2, alertStatusName(*filter.status));
        if (!filter.brand.empty())
            q.bind(3, filter.brand);
        q.bind(4, filter.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(filter.limit));
        std::vector<Alert> out;
        while (q.step()) {
            Alert a;
            a.id = q.int64(0);
            a.name = q.text(1);
            a.brand = q.text(2);
            a.technique = q.text(3);
            a.score = static_cast<int>(q.int64(4));
            a.tier = q.text(5);
            a.reasons = q.text(6);
            a.status = alertStatusFromName(q.text(7)).value_or(AlertStatus::New);
            a.note = q.text(8);
            a.created = q.int64(9);
            a.updated = q.int64(10);
            out.push_back(std::move(a));
        }
        return out;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Status LookalikeStore::setAlertStatus(std::int64_t id, AlertStatus status,
                                      const std::optional<std::string>& note) {
    try {
        Statement q(m_db.handle(),
                    "UPDATE alerts SET status = ?2, note = coalesce(?3, note), "
                    "updated = unixepoch() WHERE id = ?1");
        q.bind(1, id).bind(2, alertStatusName(status));
        if (note)
            q.bind(3, *note);
        q.run();
        if (sqlite3_changes64(m_db.handle()) == 0) {
            return makeError(ErrorCode::NotFound, "no alert with id " + std::to_string(id));
        }
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
    return {};
}

Result<BrandInfrastructure> LookalikeStore::brandInfrastructure(const Brand& brand) {
    try {
        BrandInfrastructure infra;
        Statement q(m_db.handle(),
                    "SELECT n.name, r.type, rd.value, t.name FROM names n "
                    "JOIN records r ON r.name_id = n.id JOIN rdata rd ON rd.id = r.rdata_id "
                    "LEFT JOIN names t ON t.id = rd.target_id "
                    "WHERE (n.rname = ?1 OR (n.rname >= ?2 AND n.rname < ?3)) "
                    "AND r.type IN (1, 28, 2, 5, 15, 33, 39)");
        auto owned = [&](std::string_view name) {
            for (const auto& d : brand.domains) {
                if (under(name, d))
                    return true;
            }
            return false;
        };
        for (const auto& domain : brand.domains) {
            const RnameRange range = rnameRange(domain);
            q.bind(1, range.exact).bind(2, range.low).bind(3, range.high);
            while (q.step()) {
                const auto type = q.int64(1);
                if (type == 1 || type == 28) {
                    infra.addresses.emplace(q.text(2));
                    continue;
                }
                if (q.isNull(3))
                    continue;
                const std::string target(q.text(3));
                if (type == 2) {
                    (owned(target) ? infra.nameservers : infra.sharedNameservers).insert(target);
                }
                infra.targets.insert(target);
            }
            q.reset();
        }
        return infra;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<NameFacts> LookalikeStore::nameFacts(const std::string& name,
                                            const std::string& registrable) {
    try {
        Statements& st = statements();
        NameFacts facts;
        const RnameRange range = rnameRange(registrable);
        Statement& first = st.firstSeen;
        first.bind(1, range.exact).bind(2, range.low).bind(3, range.high);
        if (first.step() && !first.isNull(0))
            facts.firstSeen = first.int64(0);
        first.reset();
        Statement& addresses = st.addresses;
        addresses.bind(1, name).bind(2, registrable);
        while (addresses.step())
            facts.addresses.emplace_back(addresses.text(0));
        addresses.reset();
        Statement& ns = st.nameservers;
        ns.bind(1, registrable);
        while (ns.step())
            facts.nameservers.emplace_back(ns.text(0));
        ns.reset();
        return facts;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::vector<std::string>> LookalikeStore::namesAtAddress(const std::string& address,
                                                                std::size_t limit) {
    try {
        Statement q(m_db.handle(),
                    "SELECT DISTINCT n.name FROM rdata rd "
                    "JOIN records r ON r.rdata_id = rd.id "
                    "JOIN names n ON n.id = r.name_id "
                    "WHERE rd.type IN (1, 28) AND rd.value = ?1 LIMIT ?2");
        q.bind(1, address).bind(2, static_cast<std::int64_t>(limit));
        std::vector<std::string> out;
        while (q.step())
            out.emplace_back(q.text(0));
        return out;
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

Result<std::optional<std::int64_t>> LookalikeStore::latestTime() {
    try {
        Statement q(m_db.handle(), "SELECT max(time_last) FROM sources WHERE status = 'complete'");
        if (q.step() && !q.isNull(0))
            return std::optional<std::int64_t>(q.int64(0));
        return std::optional<std::int64_t>();
    } catch (const DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, m_db.path());
    }
}

}  // namespace tapir::lookalike
