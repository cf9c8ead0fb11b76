// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "import/watch_controller.h"

#include <QLocale>
#include <QPointer>
#include <QSettings>

#include <chrono>

#include "common/worker.h"
#include "import/import_controller.h"
#include "ingest/folder_watcher.h"
#include "store/database.h"

namespace tapir::views {

namespace {
const QString kSettingsKey = QStringLiteral("watch/folders");
}

WatchController::WatchController(QObject* parent) : QObject(parent) {}

WatchController::~WatchController() {
    stopAll();
}

void WatchController::setDatabasePath(const QString& path) {
    if (path == m_path)
        return;
    const QStringList current = folders();
    stopAll();
    m_path = path;
    for (const auto& f : current)
        start(f);
}

QStringList WatchController::folders() const {
    QStringList out;
    for (const auto& w : m_watches)
        out << w.folder;
    return out;
}

void WatchController::addFolder(const QString& folder) {
    if (folders().contains(folder))
        return;
    start(folder);
    save();
    Q_EMIT foldersChanged(folders());
}

void WatchController::removeFolder(const QString& folder) {
    for (auto it = m_watches.begin(); it != m_watches.end(); ++it) {
        if (it->folder == folder) {
            it->cancel->cancel();
            it->future.waitForFinished();
            m_watches.erase(it);
            break;
        }
    }
    save();
    Q_EMIT foldersChanged(folders());
}

void WatchController::restoreFolders() {
    for (const auto& f : QSettings().value(kSettingsKey).toStringList()) {
        if (!folders().contains(f))
            start(f);
    }
    Q_EMIT foldersChanged(folders());
}

void WatchController::stopAll() {
    for (auto& w : m_watches)
        w.cancel->cancel();
    for (auto& w : m_watches)
        w.future.waitForFinished();
    m_watches.clear();
}

void WatchController::save() const {
    QSettings().setValue(kSettingsKey, folders());
}

void WatchController::start(const QString& folder) {
    Watch w;
    w.folder = folder;
    w.cancel = std::make_shared<CancelToken>();
    const std::string dbPath = m_path.toStdString();
    const std::string dir = folder.toStdString();
    auto cancel = w.cancel;
    QPointer<WatchController> self(this);
    w.future = runOnPool([dbPath, dir, cancel, self] {
        auto db = store::Database::open(dbPath);
        if (!db) {
            const QString message = QString::fromStdString(db.error().describe());
            postTo(self, [self, message] {
                if (self)
                    Q_EMIT self->fileHandled(message, true);
            });
            return;
        }
        FolderWatcher watcher(**db, dir);
        // A backlog (many files ready at once) commits every few files: show each commit.
        class RefreshOnCommit final : public ProgressSink {
        public:
            explicit RefreshOnCommit(QPointer<WatchController> self) : m_self(std::move(self)) {}
            void fileStarted(std::string_view, std::uint64_t, std::uint64_t,
                             std::uint64_t) override {}
            void progressed(std::uint64_t, std::uint64_t) override {}
            void committed() override {
                postTo(m_self, [self = m_self] {
                    if (self)
                        Q_EMIT self->storeChanged();
                });
            }

        private:
            QPointer<WatchController> m_self;
        };
        RefreshOnCommit progress(self);
        watcher.run(
            std::chrono::milliseconds(2000), progress, *cancel,
            [self](const FileReport& f) {
                if (f.status == FileStatus::AlreadyImported)
                    return;
                ImportReport one;
                one.files.push_back(f);
                const QStringList lines = describeReport(one);
                const bool problem = f.status != FileStatus::Imported || f.stats.skipped > 0;
                postTo(self, [self, lines, problem] {
                    if (!self)
                        return;
                    for (const auto& l : lines)
                        Q_EMIT self->fileHandled(l, problem);
                    Q_EMIT self->storeChanged();
                });
            },
            [self](const Result<PruneReport>& pruned) {
                if (pruned && pruned->records == 0)
                    return;
                const QString line =
                    pruned
                        ? tr("Retention: deleted %1 records that fell out of the window; %2 "
                             "remain")
                              .arg(QLocale().toString(static_cast<qulonglong>(pruned->records)),
                                   QLocale().toString(static_cast<qulonglong>(pruned->remaining)))
                        : tr("Retention: %1")
                              .arg(QString::fromStdString(pruned.error().describe()));
                const bool problem = !pruned;
                postTo(self, [self, line, problem] {
                    if (!self)
                        return;
                    Q_EMIT self->fileHandled(line, problem);
                    Q_EMIT self->storeChanged();
                });
            });
    });
    m_watches.push_back(std::move(w));
}

}  // namespace tapir::views
