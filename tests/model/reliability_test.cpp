// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Store reliability (issue 10): a full disk during an import, readers querying while an
// import writes, two writers on one database, and a database locked for too long. The
// end-to-end versions (real processes, a real tmpfs, a newer schema) are in
// tests/reliability_cli_test.sh and tools/crash_test.sh.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "ingest/importer.h"
#include "query/record_query.h"
#include "store/database.h"
#include "test_util.h"

namespace tapir {
namespace {

using test::dataPath;
using test::scalar;

std::unique_ptr<store::Database> openDb(
    const std::string& path, store::Database::Mode mode = store::Database::Mode::ReadWrite) {
    auto db = store::Database::open(path, mode);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().describe());
    return db.ok() ? std::move(*db) : nullptr;
}

FileReport importOne(store::Database& db, const std::string& path) {
    Importer importer(db);
    NullProgress progress;
    CancelToken cancel;
    return importer.importFile(path, {}, progress, cancel);
}

// A disk that fills up mid-import (simulated with SQLite's max_page_count, which fails
// writes with SQLITE_FULL exactly as a full disk does): the file fails with a clear message,
// is rolled back whole, earlier records stay, and the store works again once there is room.
TEST(Reliability, FullDiskFailsTheFileAndKeepsTheStore) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    ASSERT_TRUE(db);
    ASSERT_EQ(importOne(*db, dataPath("passivedns/passivedns-nxdomain.log")).status,
              FileStatus::Imported);
    const auto records = scalar(*db, "SELECT count(*) FROM records");
    const auto total = scalar(*db, "SELECT sum(count) FROM records");
    const auto pages = scalar(*db, "PRAGMA page_count");
    ASSERT_GT(pages, 0);
    const std::string limit = "PRAGMA max_page_count = " + std::to_string(pages + 2);
    ASSERT_EQ(sqlite3_exec(db->handle(), limit.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);

    const std::string big = dataPath("passivedns/passivedns.log");
    auto r = importOne(*db, big);
    ASSERT_EQ(r.status, FileStatus::Failed);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, ErrorCode::Database);
    EXPECT_NE(r.error->describe().find("full"), std::string::npos) << r.error->describe();
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM records"), records);
    EXPECT_EQ(scalar(*db, "SELECT sum(count) FROM records"), total);
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sources WHERE status = 'complete'"), 1);
    EXPECT_EQ(sqlite3_get_autocommit(db->handle()), 1) << "a transaction was left open";

    ASSERT_EQ(
        sqlite3_exec(db->handle(), "PRAGMA max_page_count = 1073741823", nullptr, nullptr, nullptr),
        SQLITE_OK);
    auto again = importOne(*db, big);
    EXPECT_EQ(again.status, FileStatus::Imported)
        << (again.error ? again.error->describe() : std::string());
    auto check =
        scalar(*db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'");
    EXPECT_EQ(check, 1);
}

// Readers on their own connections (as the GUI's page loader) query while an import writes:
// they never fail or wait, and only ever see whole files (the store's record count is either
// before or after a file, never in between).
TEST(Reliability, ReadersSeeWholeFilesWhileAnImportWrites) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    auto writer = openDb(path);
    ASSERT_TRUE(writer);
    const std::vector<std::string> files = {
        dataPath("passivedns/passivedns.log"), dataPath("passivedns/passivedns-nxdomain.log"),
        dataPath("dnstap/unbound-resolver.dnstap"), dataPath("dnstap/bind-resolver.dnstap")};
    // The record counts after each prefix of the files, from a sequential import.
    std::vector<std::int64_t> allowed = {0};
    {
        auto seq = openDb(dir.file("seq.db"));
        ASSERT_TRUE(seq);
        for (const auto& f : files) {
            ASSERT_EQ(importOne(*seq, f).status, FileStatus::Imported);
            allowed.push_back(scalar(*seq, "SELECT count(*) FROM records"));
        }
    }

    std::atomic<bool> done{false};
    std::atomic<int> queries{0};
    std::atomic<int> failures{0};
    std::atomic<int> torn{0};
    auto reader = [&] {
        auto db = openDb(path, store::Database::Mode::ReadOnly);
        if (!db) {
            ++failures;
            return;
        }
        RecordQuery q(*db);
        QuerySpec spec;
        spec.limit = 50;
        do {
            auto n = q.count(spec);
            auto rows = q.run(spec);
            if (!n || !rows) {
                ++failures;
                continue;
            }
            if (std::find(allowed.begin(), allowed.end(), static_cast<std::int64_t>(*n)) ==
                allowed.end()) {
                ++torn;
            }
            ++queries;
        } while (!done.load());
    };
    std::thread r1(reader);
    std::thread r2(reader);
    for (const auto& f : files) {
        auto r = importOne(*writer, f);
        EXPECT_EQ(r.status, FileStatus::Imported) << (r.error ? r.error->describe() : f);
    }
    done = true;
    r1.join();
    r2.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(torn.load(), 0);
    EXPECT_GT(queries.load(), 0);
    EXPECT_EQ(scalar(*writer, "SELECT count(*) FROM records"), allowed.back());
}

// Two writers (two windows or a window and a watcher) on one database take turns: both
// imports succeed and the result is that of importing the files one after the other.
TEST(Reliability, TwoWritersTakeTurns) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    auto a = openDb(path);
    auto b = openDb(path);
    ASSERT_TRUE(a && b);
    FileReport ra;
    FileReport rb;
    std::thread ta([&] { ra = importOne(*a, dataPath("passivedns/passivedns.log")); });
    std::thread tb([&] { rb = importOne(*b, dataPath("dnstap/unbound-resolver.dnstap")); });
    ta.join();
    tb.join();
    EXPECT_EQ(ra.status, FileStatus::Imported) << (ra.error ? ra.error->describe() : "");
    EXPECT_EQ(rb.status, FileStatus::Imported) << (rb.error ? rb.error->describe() : "");

    auto seq = openDb(dir.file("seq.db"));
    ASSERT_TRUE(seq);
    ASSERT_EQ(importOne(*seq, dataPath("passivedns/passivedns.log")).status, FileStatus::Imported);
    ASSERT_EQ(importOne(*seq, dataPath("dnstap/unbound-resolver.dnstap")).status,
              FileStatus::Imported);
    for (const char* sql : {"SELECT count(*) FROM records", "SELECT sum(count) FROM records",
                            "SELECT count(*) FROM record_sources"}) {
        EXPECT_EQ(scalar(*a, sql), scalar(*seq, sql)) << sql;
    }
}

// Two processes (a window and a watcher, say) opening a store that does not exist yet, at
// the same instant: both must get a working store. Two races are covered: migrate()
// re-reads user_version under the write lock (else the second connection re-runs
// migration 1), and open() retries the switch to WAL, which returns SQLITE_BUSY at once
// on a brand-new file instead of waiting on the busy handler.
TEST(Reliability, TwoConnectionsCreatingTheStoreAtOnce) {
    for (int round = 0; round < 20; ++round) {
        test::TempDir dir;
        const std::string path = dir.file("new.db");
        std::atomic<int> failed{0};
        std::mutex mutex;
        std::string message;
        auto opener = [&] {
            auto db = store::Database::open(path);
            if (!db) {
                const std::lock_guard lock(mutex);
                message = db.error().describe();
                ++failed;
            }
        };
        std::thread a(opener);
        std::thread b(opener);
        a.join();
        b.join();
        ASSERT_EQ(failed.load(), 0) << "round " << round << ": " << message;
    }
}

// A writer locked out for longer than the busy timeout fails the file with a message that
// says so, and leaves no trace.
TEST(Reliability, LockedDatabaseFailsTheFileWithAMessage) {
    test::TempDir dir;
    const std::string path = dir.file("t.db");
    auto holder = openDb(path);
    auto db = openDb(path);
    ASSERT_TRUE(holder && db);
    ASSERT_EQ(sqlite3_busy_timeout(db->handle(), 200), SQLITE_OK);  // not the default 10 s
    ASSERT_EQ(sqlite3_exec(holder->handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr),
              SQLITE_OK);
    auto r = importOne(*db, dataPath("passivedns/passivedns-nxdomain.log"));
    ASSERT_EQ(sqlite3_exec(holder->handle(), "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(r.status, FileStatus::Failed);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_NE(r.error->describe().find("database is locked"), std::string::npos)
        << r.error->describe();
    EXPECT_EQ(r.error->code, ErrorCode::Busy);
    EXPECT_NE(r.error->describe().find(path), std::string::npos) << r.error->describe();
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM records"), 0);
    EXPECT_EQ(sqlite3_get_autocommit(db->handle()), 1);
    // Free again: the same file imports.
    EXPECT_EQ(importOne(*db, dataPath("passivedns/passivedns-nxdomain.log")).status,
              FileStatus::Imported);
}

// A regular expression that backtracks without end on a stored name (here 2^40 ways to
// split 40 a's) fails the query with a message instead of hanging the page loader.
TEST(Reliability, CatastrophicRegexFailsInsteadOfHanging) {
    test::TempDir dir;
    auto db = openDb(dir.file("t.db"));
    ASSERT_TRUE(db);
    const std::string feed = dir.file("names.log");
    test::writeFile(feed, "1795714029||c||s||IN||" + std::string(40, 'a') +
                              "!.example||A||192.0.2.1||60||1\n"
                              "1795714029||c||s||IN||aaa.example||A||192.0.2.2||60||1\n");
    ASSERT_EQ(importOne(*db, feed).status, FileStatus::Imported);
    RecordQuery q(*db);
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::NameRegex;
    spec.pattern = "^(a+)+$";
    auto rows = q.run(spec);
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.error().message.find("regular expression too slow"), std::string::npos)
        << rows.error().describe();
    // A sane pattern still works on the same connection.
    spec.pattern = "^a+\\.example$";
    auto ok = q.run(spec);
    ASSERT_TRUE(ok.ok()) << ok.error().describe();
    EXPECT_EQ(ok->size(), 1U);
}

}  // namespace
}  // namespace tapir
