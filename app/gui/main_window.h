// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QMainWindow>
#include <QStringList>

class QAction;
class QDockWidget;
class QLabel;
class QPlainTextEdit;

namespace tapir::views {
class AlertsWidget;
class ImportController;
class RecordBrowser;
class RecordDetailsWidget;
class RecordTableModel;
class MonitorsWidget;
class RetentionDialog;
class WatchController;
class GraphWidget;
class RecentFilesMenu;
class SearchIndexController;
class TimelineWidget;
class TriageWidget;
}  // namespace tapir::views

namespace tapir::app {

// The application window: builds menus, the records browser, the details and import-log
// docks and the status bar, and wires them to the engine through the views. Owns no logic
// of its own. GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& databasePath, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (creating if needed) a store; false and a message on failure.
    bool openDatabase(const QString& path);
    void importPaths(const QStringList& paths);
    [[nodiscard]] views::RecordBrowser* browser() const { return m_browser; }
    [[nodiscard]] views::RecordTableModel* recordModel() const;
    // The relationship graph and the timeline (docks made on first use).
    views::GraphWidget* graphWidget();
    views::TimelineWidget* timelineWidget();
    // Pivots between screens: raise the dock and build the timeline of a name, address or
    // prefix ("ns:", "ip:"... prefixes are dropped), or a graph from seeds.
    void showTimeline(const QString& subject);
    void showGraph(const QStringList& seeds);
    [[nodiscard]] views::ImportController* importController() const { return m_import; }
    [[nodiscard]] views::WatchController* watchController() const { return m_watch; }
    [[nodiscard]] QString databasePath() const { return m_databasePath; }
    [[nodiscard]] views::TriageWidget* triageWidget() const { return m_triage; }
    // Raises the indicator triage dock and puts the cursor in its list.
    void showTriage();
    // Go › Monitor This Search: the search box's search joins the monitors.
    void monitorCurrentSearch();
    // Adds a search to the monitors and shows the dock.
    void monitor(const QString& query);
    [[nodiscard]] views::MonitorsWidget* monitorsWidget() const { return m_monitors; }
    // File › Delete Old Records…: opens the retention dialog (window-modal); nullptr while
    // an import runs.
    views::RetentionDialog* deleteOldRecords();

Q_SIGNALS:
    void importFinished();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void exportResults(bool cof);
    void newDatabase();
    void openDatabaseDialog();
    void watchFolderDialog();
    void showPolicy();
    void showAbout();
    void appendLog(const QString& line, bool problem);
    void raiseTall(QDockWidget* dock);

    QString m_databasePath;
    views::RecordBrowser* m_browser = nullptr;
    views::RecordDetailsWidget* m_details = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QDockWidget* m_logDock = nullptr;
    QDockWidget* m_detailsDock = nullptr;
    QDockWidget* m_alertsDock = nullptr;
    views::AlertsWidget* m_alerts = nullptr;
    QDockWidget* m_triageDock = nullptr;
    views::TriageWidget* m_triage = nullptr;
    QDockWidget* m_monitorsDock = nullptr;
    views::MonitorsWidget* m_monitors = nullptr;
    QLabel* m_watchLabel = nullptr;
    views::ImportController* m_import = nullptr;
    views::WatchController* m_watch = nullptr;
    views::GraphWidget* m_graph = nullptr;
    QDockWidget* m_graphDock = nullptr;
    views::TimelineWidget* m_timeline = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    views::RecentFilesMenu* m_recent = nullptr;
    views::SearchIndexController* m_searchIndex = nullptr;
    QAction* m_searchIndexAction = nullptr;
};

}  // namespace tapir::app
