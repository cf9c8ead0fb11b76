// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/search_history.h"

#include <QSettings>

namespace tapir::views {

namespace {
const QString kSettingsKey = QStringLiteral("search/recent");
}

void SearchHistory::visit(const QString& query) {
    if (m_hasCurrent && query == m_current) {
        return;
    }
    if (m_hasCurrent) {
        m_back << m_current;
    }
    m_current = query;
    m_hasCurrent = true;
    m_forward.clear();
    if (!query.trimmed().isEmpty()) {
        m_recent.removeAll(query);
        m_recent.prepend(query);
        while (m_recent.size() > kMaxRecent)
            m_recent.removeLast();
    }
}

QString SearchHistory::back() {
    if (!canGoBack())
        return m_current;
    m_forward.prepend(m_current);
    m_current = m_back.takeLast();
    return m_current;
}

QString SearchHistory::forward() {
    if (!canGoForward())
        return m_current;
    m_back << m_current;
    m_current = m_forward.takeFirst();
    return m_current;
}

void SearchHistory::load() {
    m_recent = QSettings().value(kSettingsKey).toStringList();
}

void SearchHistory::save() const {
    QSettings().setValue(kSettingsKey, m_recent);
}

}  // namespace tapir::views
