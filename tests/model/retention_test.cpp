// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <set>

#include "ingest/importer.h"
#include "ingest/retention.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "store/database.h"
#include "test_util.h"

namespace tapir {
namespace {

using test::scalar;

std::unique_ptr<store::Database> openDb(const std::string& path) {
    auto db = store::Database::open(path);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().describe());
    return std::move(*db);
}

ImportReport importFiles(store::Database& db, const std::vector<std::string>& paths) {
    Importer importer(db);
    NullProgress progress;
    CancelToken cancel;
    return importer.importPaths(paths, {}, progress, cancel);
}

// rrname, rrtype, rdata of every record a search finds.
std::set<test::Key> search(store::Database& db, const std::string& text) {
    auto spec = parseQuery(text, 0);
    EXPECT_TRUE(spec.ok()) << text;
    spec->limit = 100'000;
    RecordQuery q(db);
    auto rows = q.run(*spec);
    EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().describe());
    std::set<test::Key> out;
    for (const auto& r : *rows) {
        out.insert({r.rrname, dns::typeName(r.rrtype), r.rdata});
    }
    return out;
}

std::string cofLine(const std::string& name, const std::string& type, const std::string& rdata,
                    const std::string& bailiwick, std::int64_t first, std::int64_t last,
                    int count = 1) {
    return R"({"rrname":")" + name + R"(.","rrtype":")" + type + R"(","rdata":[")" + rdata +
           R"("],"bailiwick":")" + bailiwick + R"(.","time_first":)" + std::to_string(first) +
           R"(,"time_last":)" + std::to_string(last) + R"(,"count":)" + std::to_string(count) +
           "}\n";
}

// The store keeps no row that nothing refers to, and refers to no row it lacks.
void expectConsistent(store::Database& db) {
    EXPECT_EQ(scalar(db,
                     "SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM names "
                     "WHERE id = r.name_id) OR NOT EXISTS (SELECT 1 FROM rdata WHERE id = "
                     "r.rdata_id) OR (r.bailiwick_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                     "names WHERE id = r.bailiwick_id))"),
              0);
    EXPECT_EQ(scalar(db,
                     "SELECT count(*) FROM rdata d WHERE target_id IS NOT NULL AND NOT EXISTS "
                     "(SELECT 1 FROM names WHERE id = d.target_id)"),
              0);
    for (const char* table : {"record_sources", "record_activity"}) {
        EXPECT_EQ(scalar(db, (std::string("SELECT count(*) FROM ") + table +
                              " x WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.name_id = "
                              "x.name_id AND r.type = x.type AND r.rdata_id = x.rdata_id)")
                                 .c_str()),
                  0)
            << table;
    }
    // FTS5's own check that the trigram indexes match their dictionaries.
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db.handle(),
                           "INSERT INTO names_trigram(names_trigram) VALUES('integrity-check');"
                           "INSERT INTO rdata_trigram(rdata_trigram) VALUES('integrity-check');",
                           nullptr, nullptr, &message),
              SQLITE_OK)
        << (message != nullptr ? message : "");
    sqlite3_free(message);
}

TEST(Retention, DeletesWhatWasLastSeenBeforeTheDateAndWhatOnlyItReferredTo) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    // Recent file first, so the old file's names and values get the highest ids: pruning
    // them must not let a later import reuse an id the search index or the lookalike scan
    // take for seen.
    const std::string recent = dir.file("recent.json");
    const std::string old = dir.file("old.json");
    test::writeFile(
        recent, cofLine("www.keep.example", "A", "192.0.2.1", "keep.example", 2000, 2100, 3) +
                    // Seen on both sides of the date: stays whole.
                    cofLine("both.keep.example", "A", "192.0.2.2", "keep.example", 1900, 2050, 2));
    test::writeFile(
        old,
        cofLine("both.keep.example", "A", "192.0.2.2", "keep.example", 100, 200, 5) +
            cofLine("gone.old.example", "CNAME", "edge.gone-cdn.example", "old.example", 100, 300) +
            cofLine("edge.gone-cdn.example", "A", "198.51.100.9", "gone-cdn.example", 100, 300) +
            // Its rdata name is a live record's name: that name stays.
            cofLine("alias.old.example", "CNAME", "www.keep.example", "old.example", 150, 400) +
            // A bailiwick of a live record only: stays.
            cofLine("keep.example", "NS", "ns.gone-dns.example", "example", 100, 500));
    ASSERT_EQ(importFiles(*db, {recent}).count(FileStatus::Imported), 1U);
    ASSERT_EQ(importFiles(*db, {old}).count(FileStatus::Imported), 1U);
    ASSERT_EQ(scalar(*db, "SELECT count(*) FROM records"), 6);

    auto counted = countRecordsLastSeenBefore(*db, 1000);
    ASSERT_TRUE(counted.ok());
    EXPECT_EQ(*counted, 4U);
    NullProgress progress;
    CancelToken cancel;
    auto report = pruneRecords(*db, 1000, progress, cancel);
    ASSERT_TRUE(report.ok()) << report.error().describe();
    EXPECT_EQ(report->records, 4U);
    EXPECT_EQ(report->remaining, 2U);
    EXPECT_FALSE(report->cancelled);

    EXPECT_EQ(search(*db, ""), (std::set<test::Key>{{"www.keep.example", "A", "192.0.2.1"},
                                                    {"both.keep.example", "A", "192.0.2.2"}}));
    RecordQuery q(*db);
    auto both = q.run(*parseQuery("both.keep.example", 0));
    ASSERT_TRUE(both.ok());
    ASSERT_EQ(both->size(), 1U);
    EXPECT_EQ((*both)[0].count, 7U);
    EXPECT_EQ((*both)[0].firstSeen, 100);
    EXPECT_EQ((*both)[0].lastSeen, 2050);
    auto sources = db->recordSources("both.keep.example", 1, "192.0.2.2");
    ASSERT_TRUE(sources.ok());
    EXPECT_EQ(sources->size(), 2U);

    // Names: gone.old.example, edge.gone-cdn.example, alias.old.example, ns.gone-dns.example,
    // the bailiwicks old.example, gone-cdn.example, example; kept: keep.example (a live
    // record's bailiwick) and www.keep.example (a live record's name). The values
    // edge.gone-cdn.example, 198.51.100.9, www.keep.example, ns.gone-dns.example go.
    std::set<std::string> names;
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db->handle(), "SELECT name FROM names", -1, &stmt, nullptr),
              SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        names.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    // The highest id stays even when unreferenced: which name that is depends on the
    // import's order, so allow exactly one such leftover.
    std::set<std::string> expected{"www.keep.example", "both.keep.example", "keep.example"};
    std::set<std::string> extra;
    for (const auto& n : names) {
        if (!expected.contains(n))
            extra.insert(n);
        else
            expected.erase(n);
    }
    EXPECT_TRUE(expected.empty());
    EXPECT_LE(extra.size(), 1U);
    EXPECT_EQ(report->names, 7U - extra.size());
    EXPECT_LE(scalar(*db, "SELECT count(*) FROM rdata"), 3);
    expectConsistent(*db);
    EXPECT_TRUE(search(*db, "glob:*gone*").empty());
    EXPECT_TRUE(search(*db, "rdata-glob:*gone*").empty());

    // The old file is still known: it is not counted again.
    EXPECT_EQ(importFiles(*db, {old}).count(FileStatus::AlreadyImported), 1U);
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM records"), 2);

    // New names and values after a prune get new ids, and the search index takes them in.
    const std::string later = dir.file("later.json");
    test::writeFile(later,
                    cofLine("fresh.later.example", "TXT", "v=fresh1", "later.example", 3000, 3000));
    ASSERT_EQ(importFiles(*db, {later}).count(FileStatus::Imported), 1U);
    EXPECT_EQ(search(*db, "glob:*fresh*"),
              (std::set<test::Key>{{"fresh.later.example", "TXT", "v=fresh1"}}));
    EXPECT_EQ(search(*db, "rdata-glob:*fresh1*"),
              (std::set<test::Key>{{"fresh.later.example", "TXT", "v=fresh1"}}));
    expectConsistent(*db);
}

// Cancels once the first transaction's records are deleted.
class CancelAfterFirst final : public ProgressSink {
public:
    explicit CancelAfterFirst(CancelToken& token) : m_token(token) {}
    void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t total) override {
        counted = total;
    }
    void progressed(std::uint64_t done, std::uint64_t) override {
        deleted = done;
        m_token.cancel();
    }
    std::uint64_t counted = 0;
    std::uint64_t deleted = 0;

private:
    CancelToken& m_token;
};

TEST(Retention, ACancelKeepsWhatWasDeletedAndLeavesAConsistentStore) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    const std::string feed = dir.file("many.json");
    std::string text;
    constexpr int kRecords = 12'000;
    for (int i = 0; i < kRecords; ++i) {
        text += cofLine("host" + std::to_string(i) + ".many.example", "A",
                        "10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256),
                        "many.example", 100 + i, 100 + i);
    }
    test::writeFile(feed, text);
    ASSERT_EQ(importFiles(*db, {feed}).count(FileStatus::Imported), 1U);
    CancelToken cancel;
    CancelAfterFirst progress(cancel);
    auto report = pruneRecords(*db, 100 + kRecords, progress, cancel, 5'000);
    ASSERT_TRUE(report.ok()) << report.error().describe();
    EXPECT_TRUE(report->cancelled);
    EXPECT_EQ(progress.counted, static_cast<std::uint64_t>(kRecords));
    EXPECT_GT(report->records, 0U);
    EXPECT_LT(report->records, static_cast<std::uint64_t>(kRecords));
    EXPECT_EQ(report->records, progress.deleted);
    EXPECT_EQ(report->remaining, kRecords - report->records);
    // Oldest first: what is left is the newest.
    EXPECT_EQ(scalar(*db, "SELECT min(last) FROM records"),
              100 + static_cast<std::int64_t>(report->records));
    expectConsistent(*db);

    // Run again to the end.
    CancelToken never;
    NullProgress quiet;
    auto rest = pruneRecords(*db, 100 + kRecords, quiet, never, 5'000);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(rest->records + report->records, static_cast<std::uint64_t>(kRecords));
    EXPECT_EQ(rest->remaining, 0U);
    EXPECT_LE(scalar(*db, "SELECT count(*) FROM names"), 1);
    EXPECT_LE(scalar(*db, "SELECT count(*) FROM rdata"), 1);
    expectConsistent(*db);
}

TEST(Retention, WindowsAreWrittenAsAnOperatorWould) {
    EXPECT_EQ(parseRetentionWindow("90d"), 90 * 86'400);
    EXPECT_EQ(parseRetentionWindow("2w"), 14 * 86'400);
    EXPECT_EQ(parseRetentionWindow("12h"), 12 * 3'600);
    EXPECT_EQ(parseRetentionWindow("30m"), 1'800);
    EXPECT_EQ(parseRetentionWindow("3600"), 3'600);
    EXPECT_EQ(parseRetentionWindow("45s"), 45);
    for (const char* bad : {"", "d", "0d", "-5d", "1.5d", "12x", "9d9", " 9d",
                            "99999999999999999999w", "1000000000000000w"}) {
        EXPECT_FALSE(parseRetentionWindow(bad).has_value()) << bad;
    }
    EXPECT_EQ(formatRetentionWindow(90 * 86'400), "90d");
    EXPECT_EQ(formatRetentionWindow(14 * 86'400), "2w");
    EXPECT_EQ(formatRetentionWindow(5'400), "90m");
    EXPECT_EQ(formatRetentionWindow(61), "61s");
    for (const std::int64_t s :
         {std::int64_t{1}, std::int64_t{3'600}, std::int64_t{7'776'000}, std::int64_t{123'457}}) {
        EXPECT_EQ(parseRetentionWindow(formatRetentionWindow(s)), s);
    }
    // Kept in the store's settings; "off" is no window.
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    auto none = RetentionPolicy::load(*db);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->keepSeconds.has_value());
    RetentionPolicy keep;
    keep.keepSeconds = 30 * 86'400;
    ASSERT_TRUE(keep.save(*db).ok());
    EXPECT_EQ(RetentionPolicy::load(*db)->keepSeconds, keep.keepSeconds);
    EXPECT_EQ(keep.describe(),
              "retention: 30d; while folders are watched, records last seen longer ago are "
              "deleted");
    ASSERT_TRUE(RetentionPolicy{}.save(*db).ok());
    EXPECT_FALSE(RetentionPolicy::load(*db)->keepSeconds.has_value());
}

TEST(Retention, BuildsLookupIndexesABulkImportLeftOut) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    const std::string feed = dir.file("a.json");
    test::writeFile(feed, cofLine("a.example", "A", "192.0.2.1", "example", 100, 100) +
                              cofLine("b.example", "A", "192.0.2.2", "example", 900, 900));
    ASSERT_EQ(importFiles(*db, {feed}).count(FileStatus::Imported), 1U);
    ASSERT_TRUE(db->dropLookupIndexes().ok());
    NullProgress progress;
    CancelToken cancel;
    auto report = pruneRecords(*db, 500, progress, cancel);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->records, 1U);
    auto deferred = db->setting(store::Database::kLookupIndexesDeferred);
    ASSERT_TRUE(deferred.ok());
    EXPECT_FALSE(deferred->has_value());
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'records_by_rdata'"), 1);
    expectConsistent(*db);
}

}  // namespace
}  // namespace tapir
