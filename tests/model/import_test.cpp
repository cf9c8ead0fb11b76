// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ingest/importer.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "store/database.h"
#include "store/page_arena.h"
#include "store/schema.h"
#include "test_util.h"

namespace tapir {
namespace {

using test::dataPath;
using test::scalar;

std::unique_ptr<store::Database> openDb(const std::string& path) {
    auto db = store::Database::open(path);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().describe());
    return std::move(*db);
}

std::map<test::Key, std::uint64_t> allRecords(store::Database& db) {
    RecordQuery q(db);
    QuerySpec spec;
    spec.limit = 1'000'000;
    auto rows = q.run(spec);
    EXPECT_TRUE(rows.ok());
    std::map<test::Key, std::uint64_t> out;
    for (const auto& r : *rows) {
        out[{r.rrname, dns::typeName(r.rrtype), r.rdata}] = r.count;
    }
    return out;
}

TEST(Import, PassiveDnsLogMatchesOracleAndIsCountedOnce) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    Importer importer(*db);
    NullProgress progress;
    CancelToken cancel;
    const std::string log = dataPath("passivedns/passivedns.log");

    auto first = importer.importFile(log, {}, progress, cancel);
    ASSERT_EQ(first.status, FileStatus::Imported) << (first.error ? first.error->describe() : "");
    EXPECT_EQ(first.format, "passivedns");
    EXPECT_EQ(first.stats.recordsRead, 1286U);
    const auto expected = test::readExpected(dataPath("passivedns/passivedns.expected.tsv"));
    EXPECT_EQ(first.newRecords, expected.size());
    const auto once = allRecords(*db);
    EXPECT_EQ(once, expected);

    // The same content again, even under another name, is reported and not counted.
    const std::string copy = dir.file("renamed.txt");
    test::writeFile(copy, test::readFile(log));
    auto second = importer.importFile(copy, {}, progress, cancel);
    EXPECT_EQ(second.status, FileStatus::AlreadyImported);
    EXPECT_EQ(second.sourceId, first.sourceId);
    EXPECT_EQ(allRecords(*db), once);

    auto sources = db->sources();
    ASSERT_TRUE(sources.ok());
    ASSERT_EQ(sources->size(), 1U);
    EXPECT_EQ((*sources)[0].status, "complete");
    EXPECT_EQ((*sources)[0].recordsRead, 1286U);
    EXPECT_EQ((*sources)[0].size, std::filesystem::file_size(log));
}

TEST(Import, MergeRuleAcrossFiles) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    const std::string a = dir.file("a.log");
    const std::string b = dir.file("b.log");
    test::writeFile(a,
                    "100||c||s||IN||x.example.||A||192.0.2.1||60||2\n"
                    "300||c||s||IN||x.example.||A||192.0.2.1||60||1\n");
    test::writeFile(b,
                    "50||c||s||IN||X.Example.||A||192.0.2.1||60||4\n"
                    "500||c||s||IN||x.example.||A||192.0.2.2||60||1\n");
    Importer importer(*db);
    NullProgress progress;
    CancelToken cancel;
    auto report = importer.importPaths({dir.path().string()}, {}, progress, cancel);
    ASSERT_EQ(report.count(FileStatus::Imported), 2U);
    RecordQuery q(*db);
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::Name;
    spec.name = "x.example";
    spec.sort = QuerySpec::Sort::Name;
    auto rows = q.run(spec);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 2U);
    const Record& r = (*rows)[0].rdata == "192.0.2.1" ? (*rows)[0] : (*rows)[1];
    EXPECT_EQ(r.count, 7U);
    EXPECT_EQ(r.firstSeen, 50);
    EXPECT_EQ(r.lastSeen, 300);
    auto provenance = db->recordSources("x.example", 1, "192.0.2.1");
    ASSERT_TRUE(provenance.ok());
    EXPECT_EQ(provenance->size(), 2U);
}

TEST(Import, SmallAggregationBatchesGiveTheSameResult) {
    test::TempDir dir;
    auto big = openDb(dir.file("big.db"));
    auto small = openDb(dir.file("small.db"));
    NullProgress progress;
    CancelToken cancel;
    const std::string log = dataPath("passivedns/passivedns.log");
    ImportOptions tiny;
    tiny.maxAggregateEntries = 7;
    ASSERT_EQ(Importer(*big).importFile(log, {}, progress, cancel).status, FileStatus::Imported);
    ASSERT_EQ(Importer(*small).importFile(log, tiny, progress, cancel).status,
              FileStatus::Imported);
    EXPECT_EQ(allRecords(*big), allRecords(*small));
}

// The lookup indexes' definitions as sqlite_schema keeps them (IF NOT EXISTS dropped).
std::map<std::string, std::string> lookupIndexSql(store::Database& db) {
    std::map<std::string, std::string> out;
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db.handle(),
                       "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN "
                       "('names_by_name', 'rdata_by_ip', 'rdata_by_target', 'records_by_rdata')",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        out[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] =
            reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    }
    sqlite3_finalize(stmt);
    return out;
}

std::vector<std::string> searchRows(store::Database& db, const std::string& text) {
    auto spec = parseQuery(text);
    EXPECT_TRUE(spec.ok()) << text;
    spec->limit = 100000;
    spec->sort = QuerySpec::Sort::Name;
    auto rows = RecordQuery(db).run(*spec);
    EXPECT_TRUE(rows.ok()) << text;
    std::vector<std::string> out;
    for (const auto& r : *rows)
        out.push_back(r.rrname + " " + dns::typeName(r.rrtype) + " " + r.rdata);
    return out;
}

// A bulk import stores what a normal one does and leaves the same indexes behind, defined
// as the migrations define them; the searches that use them give the same answers.
TEST(Import, BulkImportBuildsTheLookupIndexesAtTheEnd) {
    test::TempDir dir;
    auto normal = openDb(dir.file("normal.db"));
    auto bulk = openDb(dir.file("bulk.db"));
    const auto fresh = lookupIndexSql(*bulk);
    ASSERT_EQ(fresh.size(), 4U);
    NullProgress progress;
    CancelToken cancel;
    const std::vector<std::string> files = {dataPath("dnstap/unbound-resolver.dnstap"),
                                            dataPath("passivedns/passivedns.log")};
    ImportOptions bulkOptions;
    bulkOptions.bulk = true;
    auto a = Importer(*normal).importPaths(files, {}, progress, cancel);
    auto b = Importer(*bulk).importPaths(files, bulkOptions, progress, cancel);
    ASSERT_EQ(a.count(FileStatus::Imported), 2U);
    ASSERT_EQ(b.count(FileStatus::Imported), 2U);
    EXPECT_TRUE(b.errors.empty());
    EXPECT_EQ(allRecords(*normal), allRecords(*bulk));
    EXPECT_EQ(lookupIndexSql(*bulk), fresh);
    // The build's smaller cache and file-backed sorts are undone.
    EXPECT_EQ(scalar(*bulk, "PRAGMA cache_size"), scalar(*normal, "PRAGMA cache_size"));
    EXPECT_EQ(scalar(*bulk, "PRAGMA temp_store"), 2);  // MEMORY
    auto flag = bulk->setting(store::Database::kLookupIndexesDeferred);
    ASSERT_TRUE(flag.ok());
    EXPECT_FALSE(flag->has_value());
    for (const char* search :
         {"ip:198.51.100.0/24", "rdata:ns1.dnshost.lab", "www.*", "cname:e1.g.cdn-edge.test"}) {
        const auto rows = searchRows(*bulk, search);
        EXPECT_FALSE(rows.empty()) << search;
        EXPECT_EQ(rows, searchRows(*normal, search)) << search;
    }
}

// A bulk import killed with the indexes dropped: opening the store leaves them out (a bulk
// import may be running), the next import that is not a bulk one builds them.
TEST(Import, LookupIndexesLeftOutAreBuiltByTheNextImport) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    std::map<std::string, std::string> fresh;
    {
        auto db = openDb(path);
        fresh = lookupIndexSql(*db);
        ASSERT_TRUE(db->dropLookupIndexes().ok());
    }
    auto db = openDb(path);
    EXPECT_TRUE(lookupIndexSql(*db).empty());
    NullProgress progress;
    CancelToken cancel;
    auto report =
        Importer(*db).importPaths({dataPath("passivedns/passivedns.log")}, {}, progress, cancel);
    ASSERT_EQ(report.count(FileStatus::Imported), 1U);
    EXPECT_EQ(lookupIndexSql(*db), fresh);
    auto flag = db->setting(store::Database::kLookupIndexesDeferred);
    ASSERT_TRUE(flag.ok());
    EXPECT_FALSE(flag->has_value());
}

// Cancels after the reader has consumed some records, from inside the progress sink.
class CancelAfterStart final : public ProgressSink {
public:
    explicit CancelAfterStart(CancelToken& t) : m_token(t) {}
    void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t) override {}
    void progressed(std::uint64_t, std::uint64_t) override { m_token.cancel(); }

private:
    CancelToken& m_token;
};

TEST(Import, CancelledImportLeavesNoTraceAndCanBeRedone) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    // Large enough that the reader reports progress (every 64k lines) before the end.
    std::string big;
    for (int i = 0; i < 200000; ++i) {
        big += std::to_string(1000 + i) + "||c||s||IN||h" + std::to_string(i % 5000) +
               ".example.||A||192.0.2." + std::to_string(i % 200) + "||60||1\n";
    }
    const std::string path = dir.file("big.log");
    test::writeFile(path, big);
    Importer importer(*db);
    CancelToken cancel;
    CancelAfterStart progress(cancel);
    auto cancelled = importer.importFile(path, {}, progress, cancel);
    EXPECT_EQ(cancelled.status, FileStatus::Cancelled);
    auto stats = db->stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->records, 0U);
    EXPECT_EQ(stats->names, 0U);
    auto sources = db->sources();
    ASSERT_EQ(sources->size(), 1U);
    EXPECT_EQ((*sources)[0].status, "cancelled");

    CancelToken fresh;
    NullProgress quiet;
    auto again = importer.importFile(path, {}, quiet, fresh);
    ASSERT_EQ(again.status, FileStatus::Imported);
    EXPECT_EQ(again.stats.recordsRead, 200000U);
    EXPECT_GT(db->stats()->records, 0U);
}

// Small files imported together share one transaction (ImportOptions::filesPerCommit).
// At the start of each file, a reader on its own connection counts the records committed
// so far, and the status of every source row is kept.
class VisibleAtEachFile final : public ProgressSink {
public:
    explicit VisibleAtEachFile(std::string db) : m_db(std::move(db)) {}
    void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t) override {
        auto reader = store::Database::open(m_db, store::Database::Mode::ReadOnly);
        visible.push_back(reader.ok() ? (*reader)->stats()->records : UINT64_MAX);
    }
    void progressed(std::uint64_t, std::uint64_t) override {}
    void committed() override { ++commits; }
    std::vector<std::uint64_t> visible;
    int commits = 0;

private:
    std::string m_db;
};

std::map<std::string, std::string> sourceStatuses(store::Database& db) {
    std::map<std::string, std::string> out;
    const auto sources = db.sources();
    for (const auto& s : sources.value())
        out[std::filesystem::path(s.path).filename().string()] = s.status;
    return out;
}

// a.log and c.log import; b.log.gz starts with two good records, then fails while it is
// read (a decompression bomb); d-copy.log repeats c.log.
void writeGroupFiles(const test::TempDir& dir) {
    test::writeFile(dir.file("a.log"),
                    "100||c||s||IN||a.example.||A||192.0.2.1||60||1\n"
                    "200||c||s||IN||a.example.||A||192.0.2.2||60||1\n");
    test::writeFile(dir.file("b.log.gz"),
                    test::readFile(std::string(TAPIR_TEST_DATA) + "/../hostile/bomb-gzip.log.gz"));
    test::writeFile(dir.file("c.log"), "300||c||s||IN||c.example.||A||192.0.2.3||60||1\n");
    test::writeFile(dir.file("d-copy.log"), test::readFile(dir.file("c.log")));
}

TEST(Import, FilesShareACommitAndAFailedFileTakesNoneWithIt) {
    test::TempDir files;
    writeGroupFiles(files);
    test::TempDir dir;
    auto grouped = openDb(dir.file("grouped.db"));
    VisibleAtEachFile groupedSeen(dir.file("grouped.db"));
    CancelToken cancel;
    auto report = Importer(*grouped).importPaths({files.path().string()}, {}, groupedSeen, cancel);
    ASSERT_EQ(report.files.size(), 4U);
    EXPECT_EQ(report.files[0].status, FileStatus::Imported);
    EXPECT_EQ(report.files[1].status, FileStatus::Failed);
    EXPECT_NE(report.files[1].error->describe().find("b.log.gz"), std::string::npos);
    EXPECT_EQ(report.files[2].status, FileStatus::Imported);
    // The copy is recognised inside the open transaction.
    EXPECT_EQ(report.files[3].status, FileStatus::AlreadyImported);
    EXPECT_EQ(report.files[3].sourceId, report.files[2].sourceId);
    EXPECT_EQ(groupedSeen.visible, (std::vector<std::uint64_t>{0, 0, 0, 0}))
        << "one commit at the end";
    EXPECT_EQ(groupedSeen.commits, 1);
    EXPECT_EQ(grouped->stats()->records, 3U);
    EXPECT_EQ(sourceStatuses(*grouped),
              (std::map<std::string, std::string>{
                  {"a.log", "complete"}, {"b.log.gz", "failed"}, {"c.log", "complete"}}));

    // A commit per file: the same store, committed file by file.
    auto single = openDb(dir.file("single.db"));
    VisibleAtEachFile singleSeen(dir.file("single.db"));
    ImportOptions each;
    each.filesPerCommit = 1;
    auto singleReport =
        Importer(*single).importPaths({files.path().string()}, each, singleSeen, cancel);
    ASSERT_EQ(singleReport.files.size(), 4U);
    EXPECT_EQ(singleSeen.visible, (std::vector<std::uint64_t>{0, 2, 2, 3}));
    EXPECT_EQ(singleSeen.commits, 2);  // a.log, c.log
    EXPECT_EQ(allRecords(*single), allRecords(*grouped));
    EXPECT_EQ(scalar(*single, "SELECT count(*) FROM record_sources"),
              scalar(*grouped, "SELECT count(*) FROM record_sources"));
    EXPECT_EQ(sourceStatuses(*single), sourceStatuses(*grouped));
}

// A write that fails inside a shared transaction rolls back every file in it: each is
// reported failed, naming itself, with a 'failed' row, and nothing of theirs stays.
TEST(Import, AFailedWriteFailsEveryFileOfItsTransaction) {
    test::TempDir dir;
    test::writeFile(dir.file("a.log"), "100||c||s||IN||a.example.||A||192.0.2.1||60||1\n");
    test::writeFile(dir.file("b.log"), "100||c||s||IN||b.example.||A||192.0.2.2||60||1\n");
    test::writeFile(dir.file("c.log"), "100||c||s||IN||boom.example.||A||192.0.2.3||60||1\n");
    auto db = openDb(dir.file("t.db"));
    // The store refuses c.log's record, as a full disk or an I/O error would.
    ASSERT_EQ(sqlite3_exec(db->handle(),
                           "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.records WHEN "
                           "NEW.name_id = (SELECT id FROM main.names WHERE name = 'boom.example') "
                           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    NullProgress progress;
    CancelToken cancel;
    auto report = Importer(*db).importPaths({dir.path().string()}, {}, progress, cancel);
    ASSERT_EQ(report.files.size(), 3U);
    for (const auto& f : report.files) {
        ASSERT_EQ(f.status, FileStatus::Failed) << f.path;
        EXPECT_NE(f.error->describe().find("injected failure"), std::string::npos)
            << f.error->describe();
        EXPECT_EQ(f.newRecords, 0U);
    }
    // The files that were only in the same transaction say so, naming themselves.
    for (std::size_t i : {0U, 1U}) {
        EXPECT_EQ(report.files[i].error->file, report.files[i].path);
        EXPECT_NE(report.files[i].error->message.find("transaction"), std::string::npos);
    }
    EXPECT_EQ(sqlite3_get_autocommit(db->handle()), 1) << "a transaction was left open";
    EXPECT_EQ(db->stats()->records, 0U);
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM record_sources"), 0);
    EXPECT_EQ(sourceStatuses(*db),
              (std::map<std::string, std::string>{
                  {"a.log", "failed"}, {"b.log", "failed"}, {"c.log", "failed"}}));

    // Nothing was counted, so all three import once the store takes them.
    ASSERT_EQ(sqlite3_exec(db->handle(), "DROP TRIGGER boom", nullptr, nullptr, nullptr),
              SQLITE_OK);
    auto again = Importer(*db).importPaths({dir.path().string()}, {}, progress, cancel);
    EXPECT_EQ(again.count(FileStatus::Imported), 3U);
    EXPECT_EQ(db->stats()->records, 3U);
}

// A file too large to hold in memory (its aggregator flushes while it is read) commits the
// files before it first and has a transaction of its own, so its failure loses only itself.
TEST(Import, AFileThatDoesNotFitInMemoryCommitsAlone) {
    test::TempDir files;
    writeGroupFiles(files);
    test::writeFile(files.file("a.log"), "100||c||s||IN||a.example.||A||192.0.2.1||60||1\n");
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    VisibleAtEachFile seen(dir.file("t.db"));
    CancelToken cancel;
    ImportOptions tiny;
    tiny.maxAggregateEntries = 2;  // a.log's one key fits, b.log.gz's two do not
    auto report = Importer(*db).importPaths({files.path().string()}, tiny, seen, cancel);
    ASSERT_EQ(report.files.size(), 4U);
    EXPECT_EQ(report.files[0].status, FileStatus::Imported);
    EXPECT_EQ(report.files[1].status, FileStatus::Failed);
    EXPECT_EQ(report.files[2].status, FileStatus::Imported);
    // a.log was committed when b.log.gz outgrew memory, before b.log.gz failed.
    EXPECT_EQ(seen.visible, (std::vector<std::uint64_t>{0, 0, 1, 1}));
    EXPECT_EQ(db->stats()->records, 2U);
    EXPECT_EQ(sourceStatuses(*db),
              (std::map<std::string, std::string>{
                  {"a.log", "complete"}, {"b.log.gz", "failed"}, {"c.log", "complete"}}));
}

// Cancels while the second file is read.
class CancelInSecondFile final : public ProgressSink {
public:
    explicit CancelInSecondFile(CancelToken& t) : m_token(t) {}
    void fileStarted(std::string_view, std::uint64_t index, std::uint64_t, std::uint64_t) override {
        m_index = index;
    }
    void progressed(std::uint64_t, std::uint64_t) override {
        if (m_index == 1)
            m_token.cancel();
    }

private:
    CancelToken& m_token;
    std::uint64_t m_index = 0;
};

// Cancelling keeps the files completed before it: they are committed, the cancelled one
// leaves only its 'cancelled' row.
TEST(Import, CancelCommitsTheFilesAlreadyRead) {
    test::TempDir dir;
    test::writeFile(dir.file("a.log"), "100||c||s||IN||a.example.||A||192.0.2.1||60||1\n");
    std::string big;
    for (int i = 0; i < 200000; ++i) {
        big += std::to_string(1000 + i) + "||c||s||IN||h" + std::to_string(i % 5000) +
               ".example.||A||192.0.2." + std::to_string(i % 200) + "||60||1\n";
    }
    test::writeFile(dir.file("b.log"), big);
    test::writeFile(dir.file("c.log"), "100||c||s||IN||c.example.||A||192.0.2.3||60||1\n");
    auto db = openDb(dir.file("t.db"));
    CancelToken cancel;
    CancelInSecondFile progress(cancel);
    auto report = Importer(*db).importPaths({dir.path().string()}, {}, progress, cancel);
    EXPECT_TRUE(report.cancelled);
    ASSERT_EQ(report.files.size(), 2U);
    EXPECT_EQ(report.files[0].status, FileStatus::Imported);
    EXPECT_EQ(report.files[1].status, FileStatus::Cancelled);
    EXPECT_EQ(sqlite3_get_autocommit(db->handle()), 1);
    EXPECT_EQ(db->stats()->records, 1U);
    EXPECT_EQ(sourceStatuses(*db),
              (std::map<std::string, std::string>{{"a.log", "complete"}, {"b.log", "cancelled"}}));
}

TEST(Import, UnknownFormatFailsWithFileNameAndKeepsOtherFiles) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    test::writeFile(dir.file("a-notes.txt"), "just some notes\n");
    test::writeFile(dir.file("b.log"), "100||c||s||IN||x.example.||A||192.0.2.1||60||1\n");
    test::writeFile(dir.file("c-empty.log"), "");
    Importer importer(*db);
    NullProgress progress;
    CancelToken cancel;
    auto report =
        importer.importPaths({dir.path().string(), dir.file("missing.log")}, {}, progress, cancel);
    ASSERT_EQ(report.files.size(), 3U);
    EXPECT_EQ(report.files[0].status, FileStatus::Failed);
    EXPECT_NE(report.files[0].error->describe().find("a-notes.txt"), std::string::npos);
    EXPECT_EQ(report.files[1].status, FileStatus::Imported);
    EXPECT_EQ(report.files[2].status, FileStatus::Failed);
    EXPECT_NE(report.files[2].error->message.find("empty"), std::string::npos);
    ASSERT_EQ(report.errors.size(), 1U);
    EXPECT_EQ(db->stats()->records, 1U);
}

TEST(Import, PolicyDropsPrivateAnswersAndInternalSuffixes) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    PrivacyPolicy policy;
    policy.dropPrivateAnswers = true;
    policy.internalSuffixes = {"corp"};
    ASSERT_TRUE(policy.save(*db).ok());
    test::writeFile(dir.file("a.log"),
                    "100||c||s||IN||vpn.acme.example.||A||10.1.2.3||60||1\n"
                    "100||c||s||IN||www.acme.example.||A||192.0.2.7||60||1\n"
                    "100||c||s||IN||host.umbrella.corp.||A||192.0.2.8||60||1\n"
                    "100||c||s||IN||alias.acme.example.||CNAME||x.umbrella.corp.||60||1\n");
    Importer importer(*db);
    NullProgress progress;
    CancelToken cancel;
    auto r = importer.importFile(dir.file("a.log"), {}, progress, cancel);
    ASSERT_EQ(r.status, FileStatus::Imported);
    EXPECT_EQ(r.filtered, 3U);
    EXPECT_EQ(db->stats()->records, 1U);
    auto loaded = PrivacyPolicy::load(*db);
    EXPECT_TRUE(loaded->dropPrivateAnswers);
    EXPECT_EQ(loaded->internalSuffixes, std::vector<std::string>{"corp"});
}

TEST(Store, RefusesDatabaseFromNewerVersion) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    { auto db = openDb(path); }
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    const std::string sql = "PRAGMA user_version=" + std::to_string(store::schemaVersion() + 1);
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    auto db = store::Database::open(path);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, ErrorCode::SchemaTooNew);
}

// Every connection's page-cache pages come from the huge-page slab (store/page_arena.h),
// not from malloc: without it, page faults were most of a search's time.
TEST(Store, PageCachePagesComeFromTheArena) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    auto db = openDb(path);
#if defined(__SANITIZE_ADDRESS__) || !defined(__linux__)
    GTEST_SKIP() << "SQLite's default allocator in this build";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    GTEST_SKIP() << "SQLite's default allocator in this build";
#endif
#endif
    // Linux without AddressSanitizer: the slab must be in place.
    ASSERT_TRUE(store::installPageArena());
    ASSERT_EQ(sqlite3_exec(db->handle(),
                           "CREATE TABLE filler(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                           "SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT "
                           "randomblob(3000) FROM n;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    const std::size_t writerPages = store::pageArenaSlotsInUse();
    // A page per row: at least 200 pages in each connection's cache.
    EXPECT_GE(writerPages, 200U);
    {
        auto reader = store::Database::open(path, store::Database::Mode::ReadOnly);
        ASSERT_TRUE(reader.ok());
        ASSERT_EQ(sqlite3_exec((*reader)->handle(), "SELECT sum(length(x)) FROM filler", nullptr,
                               nullptr, nullptr),
                  SQLITE_OK);
        EXPECT_GE(store::pageArenaSlotsInUse(), writerPages + 200);
    }
    // A closed connection gives its pages back.
    EXPECT_LE(store::pageArenaSlotsInUse(), writerPages);
}

TEST(Store, RefusesFileThatIsNotADatabase) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    test::writeFile(path, std::string(4096, 'x'));
    auto db = store::Database::open(path);
    ASSERT_FALSE(db.ok());
    EXPECT_NE(db.error().describe().find("t.db"), std::string::npos);
}

}  // namespace
}  // namespace tapir
