// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// tapir [--db PATH] [FILE|DIR ...] [--screenshot PNG]
// Files given on the command line (or by the file manager) are imported at start.
// --screenshot saves the window once the import (if any) has finished and the table has
// loaded, then quits: used by the smoke test under Xvfb.

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "common/file_open_handler.h"
#include "common/paths.h"
#include "common/theme_menu.h"
#include "common/welcome_dialog.h"
#include "main_window.h"
#include "records/record_browser.h"
#include "records/record_table_model.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tapir"));
    QApplication::setOrganizationName(QStringLiteral("Tapir"));
    QApplication::setApplicationVersion(QStringLiteral(TAPIR_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/tapir/icons/tapir.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.tapir_pdns.Tapir"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Passive DNS workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database file."),
                                QStringLiteral("path"),
                                QString::fromStdString(tapir::defaultDatabasePath()));
    QCommandLineOption shotOption(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a screenshot when loaded, then quit."),
                                  QStringLiteral("png"));
    QCommandLineOption searchOption(QStringLiteral("search"),
                                    QStringLiteral("Run this search at start."),
                                    QStringLiteral("query"));
    parser.addOption(dbOption);
    parser.addOption(shotOption);
    parser.addOption(searchOption);
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Feed files to import."));
    parser.process(app);
    tapir::views::ThemeMenu::applySaved();

    tapir::app::MainWindow window(parser.value(dbOption));
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        window.importPaths(files);
    }
    // macOS hands files opened from Finder over as events, not arguments.
    auto* opener = new tapir::views::FileOpenHandler(&app);
    QObject::connect(opener, &tapir::views::FileOpenHandler::fileOpened, &window,
                     [&window](const QString& path) { window.importPaths({path}); });
    if (files.isEmpty() && !parser.isSet(shotOption)) {
        tapir::views::WelcomeDialog::offerOnFirstStart(
            &window, window.recordModel(),
            [&window](const QStringList& samples) { window.importPaths(samples); });
    }
    if (parser.isSet(searchOption)) {
        const QString query = parser.value(searchOption);
        auto run = [&window, query] { window.browser()->search(query); };
        if (files.isEmpty()) {
            QTimer::singleShot(0, &window, run);
        } else {
            QObject::connect(&window, &tapir::app::MainWindow::importFinished, &window, run);
        }
    }

    if (parser.isSet(shotOption)) {
        const QString png = parser.value(shotOption);
        auto* model = window.recordModel();
        auto shoot = [&window, png, model] {
            // Wait for the table's first page, then give the view a moment to paint.
            auto* poll = new QTimer(&window);
            QObject::connect(poll, &QTimer::timeout, &window, [&window, png, model, poll] {
                if (model->isLoading() || model->totalRows() < 0)
                    return;
                poll->stop();
                QTimer::singleShot(300, &window, [&window, png] {
                    const bool ok = window.grab().save(png);
                    QApplication::exit(ok ? 0 : 1);
                });
            });
            poll->start(50);
        };
        if (files.isEmpty()) {
            QTimer::singleShot(200, &window, shoot);
        } else {
            QObject::connect(&window, &tapir::app::MainWindow::importFinished, &window, shoot);
        }
    }
    return QApplication::exec();
}
