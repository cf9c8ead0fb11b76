// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "lookalike/lookalike_match.h"

namespace tapir::store {
class Database;
}

namespace tapir::lookalike {

enum class AlertStatus : std::uint8_t { New, Acknowledged, FalsePositive, Confirmed };
[[nodiscard]] std::string_view alertStatusName(AlertStatus s);
[[nodiscard]] std::optional<AlertStatus> alertStatusFromName(std::string_view name);

// One row of the alerts table.
struct Alert {
    std::int64_t id = 0;
    std::string name;
    std::string brand;  // empty for brandless IDN alerts
    std::string technique;
    int score = 0;
    std::string tier;
    std::string reasons;
    AlertStatus status = AlertStatus::New;
    std::string note;
    std::int64_t created = 0;
    std::int64_t updated = 0;
};

struct AlertFilter {
    std::optional<Tier> minTier;  // this tier and above
    std::optional<AlertStatus> status;
    std::string brand;      // empty: all
    std::size_t limit = 0;  // 0: no limit
};

// What the store has seen of a brand's own infrastructure: the name servers inside its own
// domains, the addresses its own names resolve to (with how many unrelated registrable
// domains share each), and every name its own records point at (CNAME, MX, NS, SRV, DNAME
// targets).
struct BrandInfrastructure {
    std::set<std::string> nameservers;
    std::set<std::string> sharedNameservers;  // NS of its domains at a hoster
    std::set<std::string> addresses;
    std::set<std::string> targets;
};

// What the store has seen of one candidate name.
struct NameFacts {
    std::optional<std::int64_t> firstSeen;  // earliest record under its registrable domain
    std::vector<std::string> addresses;     // A/AAAA of the name and its registrable domain
    std::vector<std::string> nameservers;   // NS of the registrable domain
};

// A watchlist entry as a user types it: "paypal", "paypal.com" or "paypal paypal.com
// paypal.me". The first word names the brand (a domain names it by its registrable label
// and is owned too), the rest are owned domains; names are normalised (lower case,
// A-labels). Syntax error for a public suffix, a later word that is no domain, or nothing.
[[nodiscard]] Result<Brand> parseBrand(const std::vector<std::string>& words);

// The watchlist and alert tables (schema migration kLookalikeV2) on a Database connection,
// through Database::handle(). Used by the thread that owns the connection. Changing the
// watchlist resets the scan watermark so the next scan is a full rescan.
class LookalikeStore {
public:
    explicit LookalikeStore(store::Database& db);
    ~LookalikeStore();
    LookalikeStore(const LookalikeStore&) = delete;
    LookalikeStore& operator=(const LookalikeStore&) = delete;

    // Watchlist.
    [[nodiscard]] Result<std::vector<Brand>> brands();
    [[nodiscard]] Result<bool> hasBrands();
    // Adds a brand, or adds domains to an existing one. name is a single label.
    [[nodiscard]] Status addBrand(const std::string& name, const std::vector<std::string>& domains);
    // Removes a brand and its untriaged alerts; NotFound if it is not on the list.
    [[nodiscard]] Status removeBrand(const std::string& name);
    // Replaces the domains a brand owns (an edit of its list, where addBrand only adds);
    // NotFound if it is not on the list. Alerts the new list no longer raises are dropped
    // by the next (full) scan.
    [[nodiscard]] Status setBrandDomains(const std::string& name,
                                         const std::vector<std::string>& domains);

    // Scan state.
    [[nodiscard]] Result<std::int64_t> watermark();
    [[nodiscard]] Status setWatermark(std::int64_t lastNameId);
    [[nodiscard]] Result<std::int64_t> scanGeneration();
    [[nodiscard]] Status setScanGeneration(std::int64_t generation);
    [[nodiscard]] Result<std::int64_t> maxNameId();

    // Alerts. upsertAlert keeps the status, note and creation time of an existing alert for
    // the same (name, brand); returns true when the alert is new.
    [[nodiscard]] Result<bool> upsertAlert(const Match& match, std::int64_t now,
                                           std::int64_t generation);
    // Drops untriaged alerts a full scan (generation) did not raise again.
    [[nodiscard]] Result<std::uint64_t> dropStaleAlerts(std::int64_t generation);
    [[nodiscard]] Result<std::vector<Alert>> alerts(const AlertFilter& filter);
    [[nodiscard]] Status setAlertStatus(std::int64_t id, AlertStatus status,
                                        const std::optional<std::string>& note);

    // Infrastructure and age, as seen in the records.
    [[nodiscard]] Result<BrandInfrastructure> brandInfrastructure(const Brand& brand);
    [[nodiscard]] Result<NameFacts> nameFacts(const std::string& name,
                                              const std::string& registrable);
    // Names whose A/AAAA records point at address (at most limit).
    [[nodiscard]] Result<std::vector<std::string>> namesAtAddress(const std::string& address,
                                                                  std::size_t limit);
    // Latest time any complete source covers (for "new in the store"); nullopt when empty.
    [[nodiscard]] Result<std::optional<std::int64_t>> latestTime();

private:
    // Statements of the per-alert calls, prepared on first use (a scan makes many).
    struct Statements;
    Statements& statements();

    store::Database& m_db;
    std::unique_ptr<Statements> m_statements;
};

}  // namespace tapir::lookalike
