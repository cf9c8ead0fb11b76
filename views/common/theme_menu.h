// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QMenu>

class QActionGroup;

namespace tapir::views {

// "View › Theme": System (the platform's style and palette, which follow the desktop's light
// or dark setting), Light or Dark (Fusion with a light or dark palette). The choice is kept
// in QSettings ("view/theme") and applied at start by applySaved(). Widgets take their
// colours from the palette, so nothing else needs to know. GUI thread only.
class ThemeMenu : public QMenu {
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };

    explicit ThemeMenu(QWidget* parent = nullptr);

    // Call once after QApplication exists and before windows are shown.
    static void applySaved();
    static void apply(Theme theme);
    [[nodiscard]] static Theme saved();
    [[nodiscard]] static Theme current();

private:
    QActionGroup* m_group;
};

}  // namespace tapir::views
