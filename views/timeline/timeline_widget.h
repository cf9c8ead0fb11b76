// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QFutureWatcher>
#include <QString>
#include <QWidget>

#include "common/result.h"
#include "timeline/timeline.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace tapir::views {

class TimelineChart;

// The timeline screen: a subject box (name, IP or CIDR), the activity strips (TimelineChart)
// and the list of change events beside them, with zoom, exports (PNG, SVG, events CSV) and
// a pivot when a lane is clicked (pivotRequested with a query for the records browser).
// Builds the timeline on a worker with its own read-only connection. GUI thread only.
class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget* parent = nullptr);
    ~TimelineWidget() override;

    void setDatabasePath(const QString& path);
    // Builds the timeline of `subject` in the background (timelineShown when done).
    void showTimeline(const QString& subject);
    // Shows a timeline built elsewhere (tests, benches).
    void setTimeline(const timeline::Timeline& timeline);
    [[nodiscard]] bool isBusy() const;

    [[nodiscard]] const timeline::Timeline& timeline() const { return m_timeline; }
    [[nodiscard]] TimelineChart* chart() const { return m_chart; }
    [[nodiscard]] QListWidget* eventList() const { return m_events; }

    [[nodiscard]] bool exportPng(const QString& path) const;
    [[nodiscard]] bool exportSvg(const QString& path) const;
    [[nodiscard]] bool exportEventsCsv(const QString& path) const;
    // The records-browser query a lane pivots to.
    [[nodiscard]] QString pivotQuery(int lane) const;

Q_SIGNALS:
    void pivotRequested(const QString& query);
    void timelineShown(const QString& subject);
    void timelineFailed(const QString& message);

private:
    void exportWithDialog(const QString& what);

    QString m_databasePath;
    timeline::Timeline m_timeline;
    TimelineChart* m_chart = nullptr;
    QListWidget* m_events = nullptr;
    QLineEdit* m_subject = nullptr;
    QCheckBox* m_subdomains = nullptr;
    QLabel* m_status = nullptr;
    QFutureWatcher<Result<timeline::Timeline>> m_watcher;
};

}  // namespace tapir::views
