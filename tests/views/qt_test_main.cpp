// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// main() of the offscreen GUI tests: a QApplication on the offscreen platform, with its own
// organisation and application name so the tests' QSettings never touch the user's, and
// its own scratch directory as TMPDIR: the stores and feeds the tests write under the temp
// directory are removed with it when the run ends (they used to pile up in /tmp).
#include <QApplication>
#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const QTemporaryDir scratch(QDir::tempPath() +
                                QStringLiteral("/tapir-" TAPIR_TEST_NAME "-XXXXXX"));
    if (!scratch.isValid()) {
        return 2;
    }
    qputenv("TMPDIR", QFile::encodeName(scratch.path()));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TapirTests"));
    QApplication::setApplicationName(QStringLiteral(TAPIR_TEST_NAME));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
