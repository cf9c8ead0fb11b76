// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The watched-folder controller (issue 3), offscreen: files a collector finished are
// imported, the import log hears of each, and the records view is told to refresh as soon
// as their transaction commits.
#include <gtest/gtest.h>

#include <QFile>
#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include "import/watch_controller.h"
#include "ingest/importer.h"
#include "ingest/retention.h"
#include "store/database.h"

namespace {

using tapir::views::WatchController;

TEST(WatchController, ImportsFinishedFilesAndRefreshesAtTheirCommit) {
    QSettings().clear();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("spool"));
    ASSERT_TRUE(QDir().mkpath(folder));
    // Two complete Frame Streams files (each ends with its STOP frame).
    for (const char* name : {"unbound-resolver.dnstap", "bind-resolver.dnstap"}) {
        ASSERT_TRUE(QFile::copy(QStringLiteral(TAPIR_TEST_DATA "/dnstap/") + QLatin1String(name),
                                folder + QLatin1Char('/') + QLatin1String(name)));
    }
    const QString store = dir.filePath(QStringLiteral("t.db"));

    WatchController watch;
    QStringList events;
    QObject::connect(&watch, &WatchController::storeChanged,
                     [&] { events << QStringLiteral("store"); });
    QObject::connect(&watch, &WatchController::fileHandled,
                     [&](const QString& line, bool) { events << QStringLiteral("file: ") + line; });
    watch.setDatabasePath(store);
    watch.addFolder(folder);
    EXPECT_EQ(watch.folders(), QStringList{folder});
    // The files settle for 3 s, then one scan imports both in one transaction. Each file
    // gives a line saying it was imported, then its drop counts.
    const auto imported = [&] { return events.filter(QStringLiteral(": imported (")); };
    ASSERT_TRUE(QTest::qWaitFor([&] { return imported().size() == 2; }, 30000))
        << events.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(events.first(), QStringLiteral("store")) << "the commit is announced first";
    EXPECT_EQ(events.filter(QStringLiteral("failed")).size(), 0)
        << events.join(QLatin1Char('\n')).toStdString();
    watch.stopAll();

    auto db =
        tapir::store::Database::open(store.toStdString(), tapir::store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db.ok());
    EXPECT_GT((*db)->stats()->records, 0U);
    EXPECT_EQ((*db)->stats()->sources, 2U);
    QSettings().clear();
}

// A store with a retention window: watching a folder deletes what fell out of it, and
// the import log and the records view hear of it.
TEST(WatchController, KeepsTheStoresRetentionWindow) {
    QSettings().clear();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("spool"));
    ASSERT_TRUE(QDir().mkpath(folder));
    const QString store = dir.filePath(QStringLiteral("t.db"));
    {
        auto db = tapir::store::Database::open(store.toStdString());
        ASSERT_TRUE(db.ok());
        tapir::Importer importer(**db);
        tapir::NullProgress progress;
        tapir::CancelToken cancel;
        auto report = importer.importPaths({TAPIR_TEST_DATA "/passivedns/passivedns.log"}, {},
                                           progress, cancel);
        ASSERT_EQ(report.count(tapir::FileStatus::Imported), 1U);
        // The log is from 2026-11-26: more than a day before any run of this test.
        tapir::RetentionPolicy policy;
        policy.keepSeconds = 86'400;
        ASSERT_TRUE(policy.save(**db).ok());
    }
    WatchController watch;
    QStringList lines;
    int refreshes = 0;
    QObject::connect(&watch, &WatchController::storeChanged, [&] { ++refreshes; });
    QObject::connect(&watch, &WatchController::fileHandled,
                     [&](const QString& line, bool) { lines << line; });
    watch.setDatabasePath(store);
    watch.addFolder(folder);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lines.isEmpty(); }, 20000));
    watch.stopAll();
    EXPECT_EQ(lines, QStringList{QStringLiteral(
                         "Retention: deleted 643 records that fell out of the window; 0 remain")});
    EXPECT_EQ(refreshes, 1);
    auto db =
        tapir::store::Database::open(store.toStdString(), tapir::store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->stats()->records, 0U);
    QSettings().clear();
}

}  // namespace
