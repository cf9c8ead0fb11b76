// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <thread>

#include "ingest/folder_watcher.h"
#include "store/database.h"
#include "test_util.h"

namespace tapir {
namespace {

using namespace std::chrono_literals;

std::string line(int t, const std::string& name, const std::string& ip) {
    return std::to_string(t) + "||c||s||IN||" + name + ".||A||" + ip + "||60||1\n";
}

std::vector<std::string> imported(const std::vector<FileReport>& reports) {
    std::vector<std::string> out;
    for (const auto& r : reports) {
        if (r.status == FileStatus::Imported) {
            out.push_back(std::filesystem::path(r.path).filename().string());
        }
    }
    return out;
}

TEST(FolderWatcher, ImportsCompleteFilesInOrderOnceAndSurvivesRestart) {
    test::TempDir dbDir;
    test::TempDir feed;
    auto db = std::move(*store::Database::open(dbDir.file("w.db")));
    FolderWatcher::Options options;
    options.settle = 200ms;
    options.idle = 1h;  // the newest file counts as still being written
    NullProgress progress;
    CancelToken cancel;

    test::writeFile(feed.file("feed-0001.log"), line(100, "a.example", "192.0.2.1"));
    test::writeFile(feed.file("feed-0002.log"), line(200, "b.example", "192.0.2.2"));
    test::writeFile(feed.file(".feed-0003.log.part"), line(300, "c.example", "192.0.2.3"));
    {
        FolderWatcher watcher(*db, feed.path().string(), options);
        EXPECT_TRUE(imported(watcher.scanOnce(progress, cancel)).empty());  // not settled yet
        std::this_thread::sleep_for(300ms);
        EXPECT_EQ(imported(watcher.scanOnce(progress, cancel)),
                  std::vector<std::string>{"feed-0001.log"});  // 0002 is the newest: open
        // The writer rotates to 0003: 0002 has been unchanged for longer than settle, so
        // it is complete now; 0003 is the new open file.
        test::writeFile(feed.file("feed-0003.log"), line(300, "c.example", "192.0.2.3"));
        EXPECT_EQ(imported(watcher.scanOnce(progress, cancel)),
                  std::vector<std::string>{"feed-0002.log"});
        EXPECT_TRUE(imported(watcher.scanOnce(progress, cancel)).empty());  // each at most once
    }
    // After a restart, with the newest file idle long enough, only 0003 is new.
    options.idle = 200ms;
    FolderWatcher restarted(*db, feed.path().string(), options);
    (void)restarted.scanOnce(progress, cancel);
    std::this_thread::sleep_for(300ms);
    auto reports = restarted.scanOnce(progress, cancel);
    EXPECT_EQ(imported(reports), std::vector<std::string>{"feed-0003.log"});
    std::size_t already = 0;
    for (const auto& r : reports)
        already += r.status == FileStatus::AlreadyImported ? 1 : 0;
    EXPECT_EQ(already, 2U);
    EXPECT_EQ(db->stats()->records, 3U);
}

// A file that met a store locked by another writer (a window importing a big file) is not
// given up on: the next scan imports it.
TEST(FolderWatcher, FileThatMetABusyStoreIsTriedAgain) {
    test::TempDir dbDir;
    test::TempDir feed;
    auto db = std::move(*store::Database::open(dbDir.file("w.db")));
    auto other = std::move(*store::Database::open(dbDir.file("w.db")));
    ASSERT_EQ(sqlite3_busy_timeout(db->handle(), 200), SQLITE_OK);  // not the default 10 s
    FolderWatcher::Options options;
    options.settle = 100ms;
    options.idle = 100ms;
    NullProgress progress;
    CancelToken cancel;
    test::writeFile(feed.file("feed-0001.log"), line(100, "a.example", "192.0.2.1"));
    FolderWatcher watcher(*db, feed.path().string(), options);
    (void)watcher.scanOnce(progress, cancel);
    std::this_thread::sleep_for(200ms);

    ASSERT_TRUE(other->begin().ok());  // the other writer holds the lock
    auto locked = watcher.scanOnce(progress, cancel);
    other->rollback();
    ASSERT_EQ(locked.size(), 1U);
    EXPECT_EQ(locked[0].status, FileStatus::Failed);
    ASSERT_TRUE(locked[0].error.has_value());
    EXPECT_EQ(locked[0].error->code, ErrorCode::Busy) << locked[0].error->describe();

    EXPECT_EQ(imported(watcher.scanOnce(progress, cancel)),
              std::vector<std::string>{"feed-0001.log"});
    EXPECT_TRUE(watcher.scanOnce(progress, cancel).empty());  // and only once
    EXPECT_EQ(db->stats()->records, 1U);
}

// The watcher's connection stays open between files; SQLite would keep the WAL at the size
// of the largest commit until it closes. A reader in the middle of a read holds it back only
// until a later scan.
TEST(FolderWatcher, GivesTheWalBackAfterImporting) {
    test::TempDir dbDir;
    test::TempDir feed;
    const std::string path = dbDir.file("w.db");
    auto db = std::move(*store::Database::open(path));
    auto reader = std::move(*store::Database::open(path, store::Database::Mode::ReadOnly));
    FolderWatcher::Options options;
    options.settle = 100ms;
    options.idle = 100ms;
    NullProgress progress;
    CancelToken cancel;
    auto walBytes = [&] { return std::filesystem::file_size(path + "-wal"); };
    FolderWatcher watcher(*db, feed.path().string(), options);
    // Writes a one-line file, lets it settle and returns what the next scan imported.
    auto writeAndImport = [&](const std::string& file, const std::string& text) {
        test::writeFile(feed.file(file), text);
        (void)watcher.scanOnce(progress, cancel);  // not settled yet
        std::this_thread::sleep_for(200ms);
        return imported(watcher.scanOnce(progress, cancel));
    };

    EXPECT_EQ(writeAndImport("feed-0001.log", line(100, "a.example", "192.0.2.1")),
              std::vector<std::string>{"feed-0001.log"});
    EXPECT_EQ(walBytes(), 0U);
    EXPECT_EQ(reader->stats()->records, 1U);  // an idle reader does not hold it back

    // A reader in the middle of a read transaction: the import goes on, the WAL stays.
    ASSERT_EQ(sqlite3_exec(reader->handle(), "BEGIN; SELECT count(*) FROM records;", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    EXPECT_EQ(writeAndImport("feed-0002.log", line(200, "b.example", "192.0.2.2")),
              std::vector<std::string>{"feed-0002.log"});
    EXPECT_GT(walBytes(), 0U);
    ASSERT_EQ(sqlite3_exec(reader->handle(), "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_TRUE(watcher.scanOnce(progress, cancel).empty());  // nothing new: only the WAL
    EXPECT_EQ(walBytes(), 0U);
    EXPECT_EQ(reader->stats()->records, 2U);
}

TEST(FolderWatcher, GrowingFileWaitsUntilItStopsChanging) {
    test::TempDir dbDir;
    test::TempDir feed;
    auto db = std::move(*store::Database::open(dbDir.file("w.db")));
    FolderWatcher::Options options;
    options.settle = 300ms;
    options.idle = 300ms;
    NullProgress progress;
    CancelToken cancel;
    FolderWatcher watcher(*db, feed.path().string(), options);
    std::string content;
    for (int i = 0; i < 3; ++i) {
        content += line(100 + i, "grow" + std::to_string(i) + ".example", "192.0.2.9");
        test::writeFile(feed.file("only.log"), content);
        EXPECT_TRUE(imported(watcher.scanOnce(progress, cancel)).empty());
        std::this_thread::sleep_for(100ms);
    }
    std::this_thread::sleep_for(400ms);
    EXPECT_EQ(imported(watcher.scanOnce(progress, cancel)), std::vector<std::string>{"only.log"});
    EXPECT_EQ(db->stats()->records, 3U);
}

TEST(FolderWatcher, FrameStreamsFileWaitsForItsStopFrame) {
    test::TempDir dbDir;
    test::TempDir feed;
    auto db = std::move(*store::Database::open(dbDir.file("w.db")));
    FolderWatcher::Options options;
    options.settle = 100ms;
    options.idle = 100ms;
    NullProgress progress;
    CancelToken cancel;
    const std::string capture =
        test::readFile(test::dataPath("dnstap/unbound-resolver.20261126T172749Z.dnstap"));
    ASSERT_GT(capture.size(), 12U);
    // fstrm_capture buffers: a file in progress has START and frames but no STOP yet.
    test::writeFile(feed.file("unbound.20261126T172749Z.dnstap"),
                    capture.substr(0, capture.size() - 12));
    FolderWatcher watcher(*db, feed.path().string(), options);
    (void)watcher.scanOnce(progress, cancel);
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(imported(watcher.scanOnce(progress, cancel)).empty());  // idle but no STOP
    test::writeFile(feed.file("unbound.20261126T172749Z.dnstap"), capture);
    (void)watcher.scanOnce(progress, cancel);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(imported(watcher.scanOnce(progress, cancel)),
              std::vector<std::string>{"unbound.20261126T172749Z.dnstap"});
}

TEST(FolderWatcher, FileChangedAfterImportIsReportedNotCountedTwice) {
    test::TempDir dbDir;
    test::TempDir feed;
    auto db = std::move(*store::Database::open(dbDir.file("w.db")));
    FolderWatcher::Options options;
    options.settle = 100ms;
    options.idle = 100ms;
    NullProgress progress;
    CancelToken cancel;
    test::writeFile(feed.file("a.log"), line(100, "a.example", "192.0.2.1"));
    FolderWatcher watcher(*db, feed.path().string(), options);
    (void)watcher.scanOnce(progress, cancel);
    std::this_thread::sleep_for(300ms);
    ASSERT_EQ(imported(watcher.scanOnce(progress, cancel)), std::vector<std::string>{"a.log"});
    test::writeFile(feed.file("a.log"),
                    line(100, "a.example", "192.0.2.1") + line(200, "b.example", "192.0.2.2"));
    auto reports = watcher.scanOnce(progress, cancel);
    ASSERT_EQ(reports.size(), 1U);
    EXPECT_EQ(reports[0].status, FileStatus::Failed);
    EXPECT_NE(reports[0].error->message.find("counted twice"), std::string::npos);
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(watcher.scanOnce(progress, cancel).empty());
    EXPECT_EQ(db->stats()->records, 1U);
}

// A store with a retention window: the watcher deletes what fell out of it when it
// starts, then not again before retentionEvery, and run() reports it.
TEST(FolderWatcher, KeepsTheStoresRetentionWindow) {
    test::TempDir dbDir;
    test::TempDir feed;
    auto db = std::move(*store::Database::open(dbDir.file("w.db")));
    FolderWatcher::Options options;
    options.settle = 0ms;
    options.idle = 0ms;
    NullProgress progress;
    CancelToken cancel;
    test::writeFile(feed.file("feed-0001.log"), line(1000, "old.example", "192.0.2.1") +
                                                    line(5000, "new.example", "192.0.2.2") +
                                                    line(1000, "both.example", "192.0.2.3") +
                                                    line(9000, "both.example", "192.0.2.3"));
    FolderWatcher watcher(*db, feed.path().string(), options);
    // No window: nothing is deleted, however old.
    EXPECT_FALSE(watcher.applyRetention(10'000, cancel).has_value());
    EXPECT_EQ(imported(watcher.scanOnce(progress, cancel)),
              std::vector<std::string>{"feed-0001.log"});
    ASSERT_EQ(test::scalar(*db, "SELECT count(*) FROM records"), 3);

    RetentionPolicy policy;
    policy.keepSeconds = parseRetentionWindow("1h");  // at 10,000 s: keep from 6,400 s on
    ASSERT_EQ(policy.keepSeconds, 3600);
    ASSERT_TRUE(policy.save(*db).ok());
    options.retentionEvery = 1h;
    FolderWatcher keeping(*db, feed.path().string(), options);
    auto pruned = keeping.applyRetention(10'000, cancel);
    ASSERT_TRUE(pruned.has_value());
    ASSERT_TRUE(pruned->ok()) << pruned->error().describe();
    EXPECT_EQ((*pruned)->records, 2U);  // old.example (1000) and new.example (5000)
    EXPECT_EQ((*pruned)->remaining, 1U);
    EXPECT_FALSE(keeping.applyRetention(20'000, cancel).has_value());  // within the hour

    // run() applies it at its first pass and tells onPrune.
    options.retentionEvery = 0s;
    FolderWatcher running(*db, feed.path().string(), options);
    std::vector<std::uint64_t> reports;
    running.run(
        10ms, progress, cancel, [](const FileReport&) {},
        [&](const Result<PruneReport>& r) {
            ASSERT_TRUE(r.ok());
            reports.push_back(r->records);
            cancel.cancel();
        });
    // both.example was last seen at 9000; "now" is the clock, decades later.
    EXPECT_EQ(reports, std::vector<std::uint64_t>{1});
    EXPECT_EQ(test::scalar(*db, "SELECT count(*) FROM records"), 0);
}

}  // namespace
}  // namespace tapir
