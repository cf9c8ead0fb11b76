// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QStringList>

namespace tapir::views {

// Back/forward navigation over searches (like a browser) and the list of recent searches,
// which is saved in QSettings so it survives restarts. GUI thread only.
class SearchHistory {
public:
    static constexpr int kMaxRecent = 200;

    // A new search: becomes current, clears the forward list, joins the recent list.
    void visit(const QString& query);
    [[nodiscard]] bool canGoBack() const { return !m_back.isEmpty(); }
    [[nodiscard]] bool canGoForward() const { return !m_forward.isEmpty(); }
    // Moves and returns the new current search.
    QString back();
    QString forward();
    [[nodiscard]] const QString& current() const { return m_current; }
    [[nodiscard]] const QStringList& recent() const { return m_recent; }

    void load();        // recent searches from QSettings
    void save() const;  // recent searches to QSettings

private:
    QStringList m_back;
    QStringList m_forward;
    QString m_current;
    bool m_hasCurrent = false;
    QStringList m_recent;  // newest first, unique
};

}  // namespace tapir::views
