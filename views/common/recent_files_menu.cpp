// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/recent_files_menu.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace tapir::views {

RecentFilesMenu::RecentFilesMenu(const QString& title, const QString& settingsKey, QWidget* parent)
    : QMenu(title, parent), m_settingsKey(settingsKey) {
    m_paths = QSettings().value(m_settingsKey).toStringList();
    // Rebuilt on every opening so files deleted since are not offered.
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::rebuild);
    rebuild();
}

void RecentFilesMenu::addPath(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_paths.removeAll(absolute);
    m_paths.prepend(absolute);
    while (m_paths.size() > kMaxEntries)
        m_paths.removeLast();
    save();
    rebuild();
}

void RecentFilesMenu::clear() {
    m_paths.clear();
    save();
    rebuild();
}

void RecentFilesMenu::rebuild() {
    QMenu::clear();
    QStringList existing;
    for (const auto& path : std::as_const(m_paths)) {
        if (QFileInfo::exists(path))
            existing << path;
    }
    if (existing != m_paths) {
        m_paths = existing;
        save();
    }
    int number = 1;
    for (const auto& path : std::as_const(m_paths)) {
        // &1 … &9 as mnemonics; the full path as text, as several databases share a name.
        QString shown = QDir::toNativeSeparators(path);
        shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
        const QString label =
            number <= 9 ? QStringLiteral("&%1  %2").arg(number).arg(shown) : shown;
        addAction(label, this, [this, path] { Q_EMIT pathTriggered(path); });
        ++number;
    }
    if (!m_paths.isEmpty())
        addSeparator();
    QAction* clearAction = addAction(tr("&Clear Menu"), this, &RecentFilesMenu::clear);
    clearAction->setEnabled(!m_paths.isEmpty());
    setEnabled(true);
}

void RecentFilesMenu::save() const {
    QSettings().setValue(m_settingsKey, m_paths);
}

}  // namespace tapir::views
