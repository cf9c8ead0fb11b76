// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/theme_menu.h"

#include <QActionGroup>
#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace tapir::views {

namespace {

const QString kSettingsKey = QStringLiteral("view/theme");

// What the platform chose before any override, so "System" can go back to it.
struct PlatformLook {
    QString styleName;
    QPalette palette;
};

PlatformLook& platformLook() {
    static PlatformLook look{QApplication::style()->name(), QApplication::palette()};
    return look;
}

ThemeMenu::Theme g_current = ThemeMenu::Theme::System;

// The dark palette: Fusion's roles with the usual dark-theme values; disabled text dimmed.
QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    const QColor highlight(0x2f, 0x6f, 0x8f);  // the icon's blue
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3c, 0x3c));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x34, 0x34));
    p.setColor(QPalette::Mid, QColor(0x24, 0x24, 0x24));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8f, 0xd3, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0xa0, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    return p;
}

}  // namespace

ThemeMenu::ThemeMenu(QWidget* parent)
    : QMenu(tr("&Theme"), parent), m_group(new QActionGroup(this)) {
    const std::pair<Theme, QString> entries[] = {
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto& [theme, label] : entries) {
        QAction* action = addAction(label);
        action->setCheckable(true);
        action->setChecked(theme == current());
        m_group->addAction(action);
        // A copy: clang 14 cannot capture a structured binding.
        connect(action, &QAction::triggered, this, [chosen = theme] {
            apply(chosen);
            QSettings().setValue(kSettingsKey, static_cast<int>(chosen));
        });
    }
}

ThemeMenu::Theme ThemeMenu::saved() {
    const int value = QSettings().value(kSettingsKey, 0).toInt();
    return value == 1 ? Theme::Light : value == 2 ? Theme::Dark : Theme::System;
}

ThemeMenu::Theme ThemeMenu::current() {
    return g_current;
}

void ThemeMenu::applySaved() {
    platformLook();  // remember the platform's look before the first override
    if (const Theme theme = saved(); theme != Theme::System)
        apply(theme);
}

void ThemeMenu::apply(Theme theme) {
    const PlatformLook& look = platformLook();
    g_current = theme;
    if (theme == Theme::System) {
        if (QStyle* style = QStyleFactory::create(look.styleName))
            QApplication::setStyle(style);
        QApplication::setPalette(look.palette);
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette()
                                                  : QApplication::style()->standardPalette());
}

}  // namespace tapir::views
