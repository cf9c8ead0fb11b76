// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QMenu>
#include <QStringList>

namespace tapir::views {

// A "File › Open Recent" menu: the last kMaxEntries files, most recent first, remembered in
// QSettings under a key of the owner's choice. Files that no longer exist are left out when
// the menu is rebuilt. GUI thread only.
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;

    RecentFilesMenu(const QString& title, const QString& settingsKey, QWidget* parent = nullptr);

    // Moves `path` to the top (adding it if new) and saves the list.
    void addPath(const QString& path);
    void clear();
    [[nodiscard]] QStringList paths() const { return m_paths; }

Q_SIGNALS:
    void pathTriggered(const QString& path);

private:
    void rebuild();
    void save() const;

    QString m_settingsKey;
    QStringList m_paths;
};

}  // namespace tapir::views
