// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;

namespace tapir {
struct Record;
}

namespace tapir::views {

// Shows the selected record and its provenance: which imported files saw it. The sources
// are read on a worker thread with its own connection. GUI thread only.
class RecordDetailsWidget : public QWidget {
    Q_OBJECT
public:
    explicit RecordDetailsWidget(QWidget* parent = nullptr);
    ~RecordDetailsWidget() override;
    void setDatabasePath(const QString& path) { m_path = path; }
    void showRecord(const tapir::Record* record);

private:
    QString m_path;
    QLabel* m_summary;
    QListWidget* m_sources;
    QFutureWatcher<QStringList> m_watcher;
    quint64 m_request = 0;
};

}  // namespace tapir::views
