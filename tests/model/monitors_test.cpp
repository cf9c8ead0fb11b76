// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "query/monitors.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "store/database.h"
#include "test_util.h"

namespace tapir {
namespace {

std::string cofLine(const std::string& name, const std::string& type, const std::string& rdata,
                    std::int64_t first, std::int64_t last) {
    return R"({"rrname":")" + name + R"(.","rrtype":")" + type + R"(","rdata":[")" + rdata +
           R"("],"time_first":)" + std::to_string(first) + R"(,"time_last":)" +
           std::to_string(last) + R"(,"count":1})" + "\n";
}

void importText(store::Database& db, const std::string& path, const std::string& text) {
    test::writeFile(path, text);
    Importer importer(db);
    NullProgress progress;
    CancelToken cancel;
    ASSERT_EQ(importer.importPaths({path}, {}, progress, cancel).count(FileStatus::Imported), 1U);
}

TEST(Monitors, NewRecordsAreThoseFirstSeenSinceTheyWereLastSeen) {
    test::TempDir dir;
    auto db = std::move(*store::Database::open(dir.file("t.db")));
    importText(*db, dir.file("a.json"),
               cofLine("evil.example", "A", "192.0.2.1", 100, 200) +
                   cofLine("www.evil.example", "CNAME", "evil.example", 150, 300) +
                   cofLine("other.example", "A", "192.0.2.9", 100, 400));
    auto domain = Monitors::add(*db, "*.evil.example", 1000);
    auto apex = Monitors::add(*db, "evil.example", 1000);
    auto net = Monitors::add(*db, "ip:192.0.2.0/24", 1000);
    ASSERT_TRUE(domain.ok() && apex.ok() && net.ok());
    EXPECT_EQ(domain->seenUntil, 400);  // the store's newest last seen
    EXPECT_EQ(domain->added, 1000);
    EXPECT_EQ(Monitors::add(*db, "evil.example", 2000)->id, apex->id);  // once
    // Time fences are the monitor's own; bad searches are refused.
    for (const char* bad : {"evil.example after:-1d", "ip:192.0.2.0/24 mode:strict",
                            "x before:2026-01-01", "ip:300.1.1.1"}) {
        auto m = Monitors::add(*db, bad, 1000);
        ASSERT_FALSE(m.ok()) << bad;
        EXPECT_EQ(m.error().code, ErrorCode::Syntax) << bad;
    }
    auto listed = Monitors::list(*db, true);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 3U);
    EXPECT_EQ((*listed)[0].records, 1U);
    EXPECT_EQ((*listed)[2].records, 2U);
    for (const auto& m : *listed)
        EXPECT_EQ(m.newRecords, 0U) << m.query;

    // Later traffic: evil.example gets a new address (new), the old one is seen again (not
    // new), a new subdomain appears (new); a late file of old traffic brings a record
    // first seen before seen_until (not new, though new to the store).
    importText(*db, dir.file("b.json"),
               cofLine("evil.example", "A", "192.0.2.1", 500, 600) +
                   cofLine("evil.example", "A", "192.0.2.66", 500, 600) +
                   cofLine("cdn.evil.example", "A", "198.51.100.5", 401, 401) +
                   cofLine("old.evil.example", "A", "192.0.2.77", 50, 60));
    listed = Monitors::list(*db, true);
    ASSERT_TRUE(listed.ok());
    const Monitor& d = (*listed)[0];
    const Monitor& a = (*listed)[1];
    const Monitor& n = (*listed)[2];
    EXPECT_EQ(d.records, 3U);
    EXPECT_EQ(d.newRecords, 1U);  // cdn.evil.example
    EXPECT_EQ(a.records, 2U);
    EXPECT_EQ(a.newRecords, 1U);  // 192.0.2.66
    EXPECT_EQ(n.records, 4U);
    EXPECT_EQ(n.newRecords, 1U);  // 192.0.2.66 (198.51.100.5 is outside the /24)

    // The search that shows them finds exactly those.
    RecordQuery q(*db);
    EXPECT_EQ(Monitors::newRecordsQuery(a), "evil.example mode:strict after:1970-01-01T00:06:41Z");
    auto spec = parseQuery(Monitors::newRecordsQuery(a), 0);
    ASSERT_TRUE(spec.ok());
    auto rows = q.run(*spec);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ((*rows)[0].rdata, "192.0.2.66");
    spec = parseQuery(Monitors::newRecordsQuery(d), 0);
    rows = q.run(*spec);
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ((*rows)[0].rrname, "cdn.evil.example");

    // Marked seen (one, then all): nothing is new.
    ASSERT_TRUE(Monitors::markSeen(*db, a.id).ok());
    listed = Monitors::list(*db, true);
    EXPECT_EQ((*listed)[1].seenUntil, 600);
    EXPECT_EQ((*listed)[1].newRecords, 0U);
    EXPECT_EQ((*listed)[0].newRecords, 1U);
    ASSERT_TRUE(Monitors::markSeen(*db, 0).ok());
    listed = Monitors::list(*db, true);
    for (const auto& m : *listed)
        EXPECT_EQ(m.newRecords, 0U) << m.query;
    ASSERT_TRUE(Monitors::remove(*db, net->id).ok());
    EXPECT_EQ(Monitors::list(*db, false)->size(), 2U);

    // A stored search this Tapir cannot read (written by another version, say) gets its
    // error; the others are still counted.
    ASSERT_EQ(sqlite3_exec(db->handle(),
                           "INSERT INTO monitors(query, added, seen_until) "
                           "VALUES('ip:300.1.1.1', 0, 0)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    listed = Monitors::list(*db, true);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 3U);
    EXPECT_TRUE((*listed)[0].error.empty());
    EXPECT_EQ((*listed)[0].records, 3U);
    EXPECT_NE((*listed)[2].error.find("bad search"), std::string::npos) << (*listed)[2].error;
    EXPECT_EQ((*listed)[2].records, 0U);
}

}  // namespace
}  // namespace tapir
