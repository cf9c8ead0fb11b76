// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QObject>

namespace tapir::views {

// Turns QFileOpenEvent into fileOpened(): macOS delivers files opened from Finder ("Open
// With", a drop on the Dock icon) as events, not as command-line arguments as Linux and
// Windows do. Installs itself as an event filter on the application. GUI thread only.
class FileOpenHandler : public QObject {
    Q_OBJECT
public:
    explicit FileOpenHandler(QObject* application);

Q_SIGNALS:
    void fileOpened(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace tapir::views
