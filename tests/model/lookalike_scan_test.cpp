// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// End to end on the resolver lab's captures: import -> alerts.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "ingest/importer.h"
#include "lookalike/lookalike_scanner.h"
#include "lookalike/lookalike_store.h"
#include "lookalike/public_suffix_list.h"
#include "store/database.h"
#include "store/statement.h"
#include "test_util.h"

namespace tapir::lookalike {
namespace {

using test::dataPath;

std::vector<std::string> lines(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.front() != '#')
            out.push_back(line);
    }
    return out;
}

std::unique_ptr<store::Database> openDb(const std::string& path) {
    auto db = store::Database::open(path);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().describe());
    return std::move(*db);
}

void addLabBrands(LookalikeStore& store) {
    for (const auto& domain : lines(dataPath("lookalike/lab-brands.txt"))) {
        const auto reg = PublicSuffixList::instance().registrableDomain(domain);
        ASSERT_TRUE(store.addBrand(std::string(reg.substr(0, reg.find('.'))), {domain}).ok());
    }
}

FileReport importFile(store::Database& db, const std::string& path) {
    Importer importer(db);
    NullProgress progress;
    CancelToken cancel;
    auto r = importer.importFile(path, {}, progress, cancel);
    EXPECT_EQ(r.status, FileStatus::Imported) << path << (r.error ? r.error->describe() : "");
    return r;
}

std::map<std::string, Alert> alertsByName(LookalikeStore& store) {
    auto alerts = store.alerts({});
    EXPECT_TRUE(alerts.ok());
    std::map<std::string, Alert> out;
    for (auto& a : *alerts)
        out.emplace(a.name, a);
    return out;
}

bool under(const std::string& name, const std::string& domain) {
    return name == domain || name.ends_with("." + domain);
}

// Every lab lookalike that appears in the capture raises an alert (through the importer's
// hook, without an explicit scan), and nothing at or below a brand's own domain does.
void expectLabVerdicts(store::Database& db, LookalikeStore& store) {
    const auto alerts = alertsByName(store);
    std::set<std::string> names;
    {
        store::Statement q(db.handle(), "SELECT name FROM names");
        while (q.step())
            names.emplace(q.text(0));
    }
    int seen = 0;
    for (const auto& lookalike : lines(dataPath("lookalike/lab-lookalikes.txt"))) {
        if (!names.contains(lookalike))
            continue;
        ++seen;
        EXPECT_TRUE(alerts.contains(lookalike)) << lookalike;
    }
    EXPECT_GE(seen, 10);
    for (const auto& brand : lines(dataPath("lookalike/lab-brands.txt"))) {
        for (const auto& [name, alert] : alerts) {
            EXPECT_FALSE(under(name, brand)) << name << " is the brand's own (" << brand << ")";
        }
    }
    // Every alert is on a lab lookalike or below one.
    const auto lookalikes = lines(dataPath("lookalike/lab-lookalikes.txt"));
    for (const auto& [name, alert] : alerts) {
        bool known = false;
        for (const auto& l : lookalikes)
            known = known || under(name, l);
        EXPECT_TRUE(known) << "unexpected alert " << name << " (" << alert.technique << ", "
                           << alert.reasons << ")";
    }
}

TEST(LookalikeScan, PassiveDnsLabImportRaisesAlertsForLookalikesOnly) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    LookalikeStore store(*db);
    addLabBrands(store);
    importFile(*db, dataPath("passivedns/passivedns.log"));
    expectLabVerdicts(*db, store);
    // The CDN name the brand's own www CNAME points at is its infrastructure.
    LookalikeScanner scanner(*db);
    auto cdn = scanner.assess("paypal.example.cdn-edge.test");
    ASSERT_TRUE(cdn.ok());
    EXPECT_FALSE(cdn->alert());
    // New registrable domains score higher than the name alone.
    auto stored = alertsByName(store);
    ASSERT_TRUE(stored.contains("gooogle.lab"));
    EXPECT_NE(stored["gooogle.lab"].reasons.find("new in the store"), std::string::npos);
}

TEST(LookalikeScan, DnstapLabImportRaisesAlertsForLookalikesOnly) {
    for (const char* file : {"dnstap/unbound-resolver.dnstap", "dnstap/bind-resolver.dnstap"}) {
        test::TempDir dir;
        auto db = openDb(dir.file("t.db"));
        LookalikeStore store(*db);
        addLabBrands(store);
        importFile(*db, dataPath(file));
        SCOPED_TRACE(file);
        expectLabVerdicts(*db, store);
    }
}

TEST(LookalikeScan, IncrementalWatermarkAndRescanOnWatchlistChange) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    LookalikeStore store(*db);
    // No watchlist: the import hook does nothing, not even move the watermark.
    importFile(*db, dataPath("passivedns/passivedns.log"));
    EXPECT_EQ(*store.watermark(), 0);
    EXPECT_TRUE(alertsByName(store).empty());

    addLabBrands(store);
    LookalikeScanner scanner(*db);
    auto full = scanner.scanNewNames();
    ASSERT_TRUE(full.ok());
    EXPECT_TRUE(full->full);
    EXPECT_EQ(static_cast<std::int64_t>(full->namesScanned), *store.maxNameId());
    EXPECT_GT(full->newAlerts, 10U);
    EXPECT_GT(full->suppressed, 0U);  // the brands' CDN names
    EXPECT_EQ(*store.watermark(), *store.maxNameId());

    // Nothing new: nothing scanned.
    auto again = scanner.scanNewNames();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->namesScanned, 0U);

    // A second file: only the names it added are scanned (by the import hook).
    const std::int64_t before = *store.maxNameId();
    importFile(*db, dataPath("passivedns/passivedns-nxdomain.log"));
    EXPECT_EQ(*store.watermark(), *store.maxNameId());
    EXPECT_GT(*store.maxNameId(), before);

    // Triage survives rescans; removing a brand drops its untriaged alerts only.
    auto alerts = alertsByName(store);
    ASSERT_TRUE(alerts.contains("paypa1.test"));
    ASSERT_TRUE(alerts.contains("xn--pypal-4ve.example"));
    ASSERT_TRUE(store
                    .setAlertStatus(alerts["paypa1.test"].id, AlertStatus::Confirmed,
                                    std::string("phishing kit"))
                    .ok());
    auto rescan = scanner.rescan();
    ASSERT_TRUE(rescan.ok());
    EXPECT_EQ(rescan->newAlerts, 0U);
    EXPECT_EQ(rescan->droppedAlerts, 0U);
    alerts = alertsByName(store);
    EXPECT_EQ(alerts["paypa1.test"].status, AlertStatus::Confirmed);
    EXPECT_EQ(alerts["paypa1.test"].note, "phishing kit");

    ASSERT_TRUE(store.removeBrand("paypal").ok());
    EXPECT_EQ(*store.watermark(), 0);  // the watchlist changed: next scan is full
    auto after = scanner.scanNewNames();
    ASSERT_TRUE(after.ok());
    EXPECT_TRUE(after->full);
    alerts = alertsByName(store);
    // No longer paypal's; still a mixed-script name, now without a brand.
    ASSERT_TRUE(alerts.contains("xn--pypal-4ve.example"));
    EXPECT_EQ(alerts["xn--pypal-4ve.example"].brand, "");
    EXPECT_TRUE(alerts.contains("paypa1.test"));  // confirmed: kept
    EXPECT_TRUE(alerts.contains("gooogle.lab"));
    EXPECT_EQ(store.removeBrand("paypal").error().code, ErrorCode::NotFound);
}

// Editing a brand's own domains (as the GUI's brands dialog does): a lookalike that becomes
// an owned domain stops alerting after the rescan, and alerts again when it is taken off.
TEST(LookalikeScan, SetBrandDomainsReplacesOwnedDomainsAndRescans) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    LookalikeStore store(*db);
    ASSERT_TRUE(store.addBrand("acme", {"acme.example"}).ok());
    importFile(*db, dataPath("passivedns/passivedns.log"));
    ASSERT_TRUE(alertsByName(store).contains("acrne.example"));
    ASSERT_GT(*store.watermark(), 0);

    ASSERT_TRUE(store.setBrandDomains("acme", {"acrne.example", "acme.example"}).ok());
    EXPECT_EQ(*store.watermark(), 0);  // the watchlist changed: next scan is full
    auto brands = store.brands();
    ASSERT_TRUE(brands.ok());
    ASSERT_EQ(brands->size(), 1U);
    EXPECT_EQ(brands->front().domains, (std::vector<std::string>{"acme.example", "acrne.example"}));
    LookalikeScanner scanner(*db);
    auto full = scanner.scanNewNames();
    ASSERT_TRUE(full.ok());
    EXPECT_TRUE(full->full);
    EXPECT_GT(full->droppedAlerts, 0U);
    EXPECT_FALSE(alertsByName(store).contains("acrne.example"));

    // Replacing, not adding: the old list is gone.
    ASSERT_TRUE(store.setBrandDomains("acme", {"acme.example"}).ok());
    brands = store.brands();
    ASSERT_TRUE(brands.ok());
    EXPECT_EQ(brands->front().domains, (std::vector<std::string>{"acme.example"}));
    ASSERT_TRUE(scanner.scanNewNames().ok());
    EXPECT_TRUE(alertsByName(store).contains("acrne.example"));

    EXPECT_EQ(store.setBrandDomains("initech", {"initech.lab"}).error().code, ErrorCode::NotFound);
    EXPECT_EQ(store.brands()->size(), 1U);
}

// The watchlist entry syntax of the GUI's brands dialog (and `tapir-cli brands add`).
TEST(LookalikeScan, ParseBrandNamesTheBrandAndItsDomains) {
    auto label = parseBrand({"PayPal", "PayPal.COM.", "paypal.me"});
    ASSERT_TRUE(label.ok()) << label.error().describe();
    EXPECT_EQ(label->name, "paypal");
    EXPECT_EQ(label->domains, (std::vector<std::string>{"paypal.com", "paypal.me"}));
    // A domain first names the brand by its registrable label and is owned too.
    auto domain = parseBrand({"www.example.co.uk"});
    ASSERT_TRUE(domain.ok()) << domain.error().describe();
    EXPECT_EQ(domain->name, "example");
    EXPECT_EQ(domain->domains, (std::vector<std::string>{"www.example.co.uk"}));
    auto idn = parseBrand({"bücher.example"});
    ASSERT_TRUE(idn.ok()) << idn.error().describe();
    EXPECT_EQ(idn->name, "xn--bcher-kva");
    EXPECT_EQ(idn->domains, (std::vector<std::string>{"xn--bcher-kva.example"}));
    EXPECT_EQ(parseBrand({}).error().code, ErrorCode::Syntax);
    EXPECT_EQ(parseBrand({"co.uk"}).error().code, ErrorCode::Syntax);
    EXPECT_EQ(parseBrand({"paypal", "paypal2"}).error().code, ErrorCode::Syntax);
}

TEST(LookalikeScan, CheckScoresWithoutStoring) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    LookalikeStore store(*db);
    addLabBrands(store);
    LookalikeScanner scanner(*db);
    auto m = scanner.assess("PAYPA1.test.");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->brandName, "paypal");
    EXPECT_EQ(m->technique, Technique::Homoglyph);
    auto own = scanner.assess("www.paypal.example");
    ASSERT_TRUE(own.ok());
    EXPECT_FALSE(own->alert());
    EXPECT_TRUE(alertsByName(store).empty());
}

}  // namespace
}  // namespace tapir::lookalike
