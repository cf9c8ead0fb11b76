// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

#include "common/progress.h"

namespace tapir::views {

// Watched folders: each runs an engine FolderWatcher on a worker thread with its own
// read-write connection, importing files as a collector finishes them. The list is saved
// in QSettings and resumed at start; the store remembers what was imported, so a restart
// never imports a file twice. GUI thread only.
class WatchController : public QObject {
    Q_OBJECT
public:
    explicit WatchController(QObject* parent = nullptr);
    ~WatchController() override;

    void setDatabasePath(const QString& path);
    void addFolder(const QString& folder);
    void removeFolder(const QString& folder);
    [[nodiscard]] QStringList folders() const;
    // Starts the folders saved in settings.
    void restoreFolders();
    void stopAll();

Q_SIGNALS:
    void foldersChanged(const QStringList& folders);
    void storeChanged();
    // One line per file handled, for the import log.
    void fileHandled(const QString& line, bool problem);

private:
    struct Watch {
        QString folder;
        std::shared_ptr<CancelToken> cancel;
        QFuture<void> future;
    };
    void start(const QString& folder);
    void save() const;

    QString m_path;
    std::vector<Watch> m_watches;
};

}  // namespace tapir::views
