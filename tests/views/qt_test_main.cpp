// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// main() of the offscreen GUI tests: a QApplication on the offscreen platform, with its own
// organisation and application name so the tests' QSettings never touch the user's.
#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TapirTests"));
    QApplication::setApplicationName(QStringLiteral(TAPIR_TEST_NAME));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
