// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/file_open_handler.h"

#include <QFileOpenEvent>

namespace tapir::views {

FileOpenHandler::FileOpenHandler(QObject* application) : QObject(application) {
    application->installEventFilter(this);
}

bool FileOpenHandler::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FileOpen) {
        const auto* open = static_cast<QFileOpenEvent*>(event);
        const QString path = open->file().isEmpty() ? open->url().toLocalFile() : open->file();
        if (!path.isEmpty()) {
            Q_EMIT fileOpened(path);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace tapir::views
