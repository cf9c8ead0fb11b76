// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Desktop integration, offscreen: the first-start screen imports the sample data into an
// empty store, recent files, themes, macOS file-open events, and the shared-mime-info types
// of installer/linux/tapir-mime.xml as QMimeDatabase (Dolphin, Qt file dialogs) reads them.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileOpenEvent>
#include <QMainWindow>
#include <QMimeDatabase>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

#include "common/file_open_handler.h"
#include "common/recent_files_menu.h"
#include "common/theme_menu.h"
#include "common/welcome_dialog.h"
#include "import/import_controller.h"
#include "records/record_table_model.h"
#include "store/database.h"

namespace {

using tapir::views::RecentFilesMenu;
using tapir::views::ThemeMenu;
using tapir::views::WelcomeDialog;

QString dataPath(const char* rel) {
    return QStringLiteral(TAPIR_TEST_DATA "/") + QLatin1String(rel);
}

// A directory laid out like an installed share/tapir/samples.
void makeSamples(const QString& dir) {
    QDir().mkpath(dir);
    QFile::copy(dataPath("passivedns/passivedns.log"), dir + QStringLiteral("/passivedns.log"));
    QFile::copy(dataPath("dnstap/unbound-resolver.dnstap"),
                dir + QStringLiteral("/unbound-resolver.dnstap"));
    QFile readme(dir + QStringLiteral("/README.txt"));
    ASSERT_TRUE(readme.open(QIODevice::WriteOnly));
    readme.write("not a sample\n");
}

QString createStore(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("store.db"));
    auto db = tapir::store::Database::open(path.toStdString());
    EXPECT_TRUE(db.ok());
    return path;
}

WelcomeDialog* findWelcome(QWidget* window) {
    return window->findChild<WelcomeDialog*>();
}

TEST(Welcome, SamplesInListsFeedFilesButNotTheReadme) {
    QTemporaryDir dir;
    makeSamples(dir.filePath(QStringLiteral("samples")));
    const QStringList files = WelcomeDialog::samplesIn(dir.filePath(QStringLiteral("samples")));
    ASSERT_EQ(files.size(), 2);
    EXPECT_TRUE(files[0].endsWith(QLatin1String("passivedns.log")));
    EXPECT_TRUE(files[1].endsWith(QLatin1String("unbound-resolver.dnstap")));
    EXPECT_TRUE(WelcomeDialog::samplesIn(dir.filePath(QStringLiteral("missing"))).isEmpty());
}

TEST(Welcome, ButtonIsDisabledWithoutSamples) {
    WelcomeDialog dialog({});
    EXPECT_FALSE(dialog.sampleButton()->isEnabled());
}

TEST(Welcome, FirstStartOnAnEmptyStoreOffersSamplesAndImportsThem) {
    QSettings().clear();
    QTemporaryDir dir;
    const QString samples = dir.filePath(QStringLiteral("samples"));
    makeSamples(samples);
    qputenv("TAPIR_SAMPLES_DIR", samples.toUtf8());
    ASSERT_EQ(WelcomeDialog::installedSamples().size(), 2);

    const QString store = createStore(dir);
    QMainWindow window;
    auto* model = new tapir::views::RecordTableModel(&window);
    auto* importer = new tapir::views::ImportController(&window);
    importer->setDatabasePath(store);
    QObject::connect(importer, &tapir::views::ImportController::storeChanged, model,
                     &tapir::views::RecordTableModel::refresh);
    window.show();
    ASSERT_TRUE(WelcomeDialog::firstStart());
    WelcomeDialog::offerOnFirstStart(
        &window, model, [importer](const QStringList& files) { importer->start(files); });
    model->setDatabasePath(store);
    ASSERT_TRUE(QTest::qWaitFor([&] { return findWelcome(&window) != nullptr; }, 5000));
    EXPECT_FALSE(WelcomeDialog::firstStart());

    WelcomeDialog* dialog = findWelcome(&window);
    ASSERT_TRUE(dialog->sampleButton()->isEnabled());
    QSignalSpy finished(importer, &tapir::views::ImportController::finished);
    QTest::mouseClick(dialog->sampleButton(), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(60000));
    const QString summary = finished.first().at(0).toString();
    EXPECT_FALSE(finished.first().at(2).toBool()) << summary.toStdString();
    // Both samples imported (the README next to them is not a sample).
    const QString details = finished.first().at(1).toStringList().join(QLatin1Char('\n'));
    EXPECT_TRUE(details.contains(QLatin1String("passivedns.log"))) << details.toStdString();
    EXPECT_TRUE(details.contains(QLatin1String("unbound-resolver.dnstap")))
        << details.toStdString();
    EXPECT_FALSE(details.contains(QLatin1String("README"))) << details.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->totalRows() > 0; }, 10000));
    // The dialog closed itself (accepted) and is deleted.
    ASSERT_TRUE(QTest::qWaitFor([&] { return findWelcome(&window) == nullptr; }, 2000));
    qunsetenv("TAPIR_SAMPLES_DIR");
}

TEST(Welcome, NotShownAgainNorOverAStoreWithRecords) {
    QSettings().clear();
    QTemporaryDir dir;
    const QString store = createStore(dir);
    {
        tapir::views::ImportController importer;
        importer.setDatabasePath(store);
        QSignalSpy finished(&importer, &tapir::views::ImportController::finished);
        importer.start({dataPath("passivedns/passivedns.log")});
        ASSERT_TRUE(finished.wait(60000));
    }
    QMainWindow window;
    auto* model = new tapir::views::RecordTableModel(&window);
    QSignalSpy loaded(model, &tapir::views::RecordTableModel::queryFinished);
    WelcomeDialog::offerOnFirstStart(&window, model, [](const QStringList&) {});
    model->setDatabasePath(store);
    ASSERT_TRUE(loaded.wait(5000));
    QTest::qWait(50);
    EXPECT_EQ(findWelcome(&window), nullptr);
    EXPECT_FALSE(WelcomeDialog::firstStart());  // a first start all the same

    // Not the first start any more: an empty store gets no dialog either.
    QTemporaryDir other;
    const QString empty = createStore(other);
    auto* model2 = new tapir::views::RecordTableModel(&window);
    QSignalSpy loaded2(model2, &tapir::views::RecordTableModel::queryFinished);
    WelcomeDialog::offerOnFirstStart(&window, model2, [](const QStringList&) {});
    model2->setDatabasePath(empty);
    ASSERT_TRUE(loaded2.wait(5000));
    EXPECT_EQ(loaded2.first().at(0).toLongLong(), 0);
    QTest::qWait(50);
    EXPECT_EQ(findWelcome(&window), nullptr);
}

TEST(RecentFiles, MostRecentFirstWithoutDuplicatesAndRemembered) {
    QSettings().clear();
    QTemporaryDir dir;
    QStringList files;
    for (int i = 0; i < RecentFilesMenu::kMaxEntries + 2; ++i) {
        files << dir.filePath(QStringLiteral("db%1.db").arg(i));
        QFile f(files.last());
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    {
        RecentFilesMenu menu(QStringLiteral("Open Recent"), QStringLiteral("recent/databases"));
        menu.addPath(files[0]);
        menu.addPath(files[1]);
        menu.addPath(files[0]);
        EXPECT_EQ(menu.paths(), (QStringList{files[0], files[1]}));
        for (const auto& f : files)
            menu.addPath(f);
        EXPECT_EQ(menu.paths().size(), RecentFilesMenu::kMaxEntries);
        EXPECT_EQ(menu.paths().first(), files.last());
    }
    RecentFilesMenu menu(QStringLiteral("Open Recent"), QStringLiteral("recent/databases"));
    ASSERT_EQ(menu.paths().size(), RecentFilesMenu::kMaxEntries);
    EXPECT_EQ(menu.paths().first(), files.last());

    // A deleted file is dropped when the menu is next shown; the rest stay, and a click on
    // an entry reports its path.
    QFile::remove(files.last());
    Q_EMIT menu.aboutToShow();
    EXPECT_FALSE(menu.paths().contains(files.last()));
    QSignalSpy triggered(&menu, &RecentFilesMenu::pathTriggered);
    const QList<QAction*> actions = menu.actions();
    ASSERT_GE(actions.size(), 2);
    actions.first()->trigger();
    ASSERT_EQ(triggered.size(), 1);
    EXPECT_EQ(triggered.first().at(0).toString(), menu.paths().first());

    menu.clear();
    EXPECT_TRUE(
        RecentFilesMenu(QStringLiteral("x"), QStringLiteral("recent/databases")).paths().isEmpty());
}

int lightness(QPalette::ColorRole role) {
    return QApplication::palette().color(role).lightness();
}

TEST(Theme, DarkAndLightPalettesAndBackToSystem) {
    QSettings().clear();
    ThemeMenu::applySaved();
    const QPalette system = QApplication::palette();
    const QString systemStyle = QApplication::style()->name();

    ThemeMenu menu;
    const QList<QAction*> actions = menu.actions();
    ASSERT_EQ(actions.size(), 3);
    EXPECT_TRUE(actions[0]->isChecked());

    actions[2]->trigger();  // Dark
    EXPECT_EQ(ThemeMenu::current(), ThemeMenu::Theme::Dark);
    EXPECT_LT(lightness(QPalette::Window), 80);
    EXPECT_GT(lightness(QPalette::WindowText), 180);
    EXPECT_EQ(ThemeMenu::saved(), ThemeMenu::Theme::Dark);

    actions[1]->trigger();  // Light
    EXPECT_GT(lightness(QPalette::Base), 200);
    EXPECT_LT(lightness(QPalette::Text), 80);
    EXPECT_EQ(QApplication::style()->name().toLower(), QStringLiteral("fusion"));

    actions[0]->trigger();  // System
    EXPECT_EQ(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
    EXPECT_EQ(QApplication::style()->name(), systemStyle);
    EXPECT_EQ(ThemeMenu::saved(), ThemeMenu::Theme::System);
}

TEST(FileOpen, FinderOpenEventsBecomeFileOpened) {
    tapir::views::FileOpenHandler handler(qApp);
    QSignalSpy opened(&handler, &tapir::views::FileOpenHandler::fileOpened);
    QFileOpenEvent event(dataPath("dnstap/unbound-resolver.dnstap"));
    QApplication::sendEvent(qApp, &event);
    ASSERT_EQ(opened.size(), 1);
    EXPECT_EQ(opened.first().at(0).toString(), dataPath("dnstap/unbound-resolver.dnstap"));
}

// QMimeDatabase reads mime/packages/*.xml of a data directory without mime.cache; main()
// puts the installer's XML there before Qt first looks.
TEST(MimeTypes, FeedFilesAreRecognisedByNameAndContent) {
#ifndef Q_OS_LINUX
    GTEST_SKIP() << "shared-mime-info is a freedesktop.org (Linux) mechanism";
#endif
    QMimeDatabase db;
    ASSERT_TRUE(db.mimeTypeForName(QStringLiteral("application/x-dnstap")).isValid())
        << "installer/linux/tapir-mime.xml was not loaded";
    auto byContent = [&](const char* rel) {
        QFile f(dataPath(rel));
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return db.mimeTypeForData(f.read(4096)).name().toStdString();
    };
    // By content alone (a file manager sniffs files whose name says nothing).
    EXPECT_EQ(byContent("dnstap/unbound-resolver.dnstap"), "application/x-dnstap");
    EXPECT_EQ(byContent("dnstap/bind-resolver.dnstap"), "application/x-dnstap");
    EXPECT_EQ(byContent("passivedns/passivedns.log"), "text/x-passivedns-log");
    EXPECT_EQ(byContent("passivedns/passivedns-head200.json"), "text/x-passivedns-log");
    EXPECT_EQ(byContent("cof/plain.json"), "application/x-passive-dns-cof");
    EXPECT_EQ(byContent("cof/dnsdb-stream.json"), "application/x-passive-dns-cof");
    EXPECT_EQ(byContent("pcap/lab-cut.pcapng"), "application/x-pcapng");
    EXPECT_EQ(byContent("pcap/lab-cut.pcap"), "application/vnd.tcpdump.pcap");
    // Plain text that is none of these stays text.
    EXPECT_EQ(db.mimeTypeForData(QByteArray("hello world\n")).name().toStdString(), "text/plain");
    // By name and content together, as a file manager does.
    EXPECT_EQ(db.mimeTypeForFile(dataPath("dnstap/unbound-resolver.dnstap")).name().toStdString(),
              "application/x-dnstap");
    EXPECT_EQ(db.mimeTypeForFile(dataPath("passivedns/passivedns.log")).name().toStdString(),
              "text/x-passivedns-log");
    EXPECT_EQ(
        db.mimeTypeForFile(QStringLiteral("/nonexistent/x.cof.json"), QMimeDatabase::MatchExtension)
            .name()
            .toStdString(),
        "application/x-passive-dns-cof");
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings and MIME data in throwaway directories, set before Qt reads them.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    const QString mimeDir = home.filePath(QStringLiteral("data/mime/packages"));
    QDir().mkpath(mimeDir);
    QFile::copy(QStringLiteral(TAPIR_INSTALLER_DIR "/linux/tapir-mime.xml"),
                mimeDir + QStringLiteral("/tapir.xml"));
    const QByteArray systemDirs = qEnvironmentVariableIsEmpty("XDG_DATA_DIRS")
                                      ? QByteArray("/usr/local/share:/usr/share")
                                      : qgetenv("XDG_DATA_DIRS");
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_DATA_DIRS", home.filePath(QStringLiteral("data")).toUtf8() + ':' + systemDirs);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TapirTests"));
    QApplication::setApplicationName(QStringLiteral("desktop_integration_test"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
