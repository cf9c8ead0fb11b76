// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

#include <algorithm>
#include <fstream>
#include <limits>

#include "alerts/alerts_widget.h"
#include "common/pivot.h"
#include "common/recent_files_menu.h"
#include "common/theme_menu.h"
#include "graph/graph_widget.h"
#include "import/import_controller.h"
#include "import/import_status_widget.h"
#include "import/retention_dialog.h"
#include "import/watch_controller.h"
#include "ingest/policy.h"
#include "query/record_query.h"
#include "records/monitors_widget.h"
#include "records/name_table_model.h"
#include "records/record_browser.h"
#include "records/record_details_widget.h"
#include "records/record_table_model.h"
#include "records/search_index_controller.h"
#include "records/triage_widget.h"
#include "report/cof_writer.h"
#include "report/csv_writer.h"
#include "store/database.h"
#include "timeline/timeline_widget.h"

// The resources live in this static library; register them once, outside any namespace.
static void initResources() {
    Q_INIT_RESOURCE(resources);
}

namespace tapir::app {

MainWindow::MainWindow(const QString& databasePath, QWidget* parent) : QMainWindow(parent) {
    initResources();
    setWindowIcon(QIcon(QStringLiteral(":/tapir/icons/tapir.svg")));
    setAcceptDrops(true);
    resize(1280, 760);

    m_browser = new views::RecordBrowser(this);
    m_import = new views::ImportController(this);
    m_watch = new views::WatchController(this);
    m_searchIndex = new views::SearchIndexController(this);
    setCentralWidget(m_browser);

    m_details = new views::RecordDetailsWidget(this);
    m_detailsDock = new QDockWidget(tr("Record details"), this);
    m_detailsDock->setObjectName(QStringLiteral("recordDetails"));
    m_detailsDock->setWidget(m_details);
    addDockWidget(Qt::BottomDockWidgetArea, m_detailsDock);

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_logDock = new QDockWidget(tr("Import log"), this);
    m_logDock->setObjectName(QStringLiteral("importLog"));
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    tabifyDockWidget(m_detailsDock, m_logDock);

    m_alerts = new views::AlertsWidget(this);
    m_alertsDock = new QDockWidget(tr("Lookalike alerts"), this);
    m_alertsDock->setObjectName(QStringLiteral("lookalikeAlerts"));
    m_alertsDock->setWidget(m_alerts);
    addDockWidget(Qt::BottomDockWidgetArea, m_alertsDock);
    tabifyDockWidget(m_detailsDock, m_alertsDock);
    connect(m_alerts, &views::AlertsWidget::pivotRequested, m_browser,
            &views::RecordBrowser::search);
    connect(m_alerts, &views::AlertsWidget::timelineRequested, this, &MainWindow::showTimeline);
    connect(m_alerts, &views::AlertsWidget::graphRequested, this,
            [this](const QString& seed) { showGraph({seed}); });
    m_triage = new views::TriageWidget(this);
    m_triageDock = new QDockWidget(tr("Indicator triage"), this);
    m_triageDock->setObjectName(QStringLiteral("indicatorTriage"));
    m_triageDock->setWidget(m_triage);
    addDockWidget(Qt::BottomDockWidgetArea, m_triageDock);
    tabifyDockWidget(m_detailsDock, m_triageDock);
    connect(m_triage, &views::TriageWidget::searchRequested, m_browser,
            &views::RecordBrowser::search);
    connect(m_triage, &views::TriageWidget::graphRequested, this, &MainWindow::showGraph);
    m_monitors = new views::MonitorsWidget(this);
    m_monitorsDock = new QDockWidget(tr("Monitors"), this);
    m_monitorsDock->setObjectName(QStringLiteral("monitors"));
    m_monitorsDock->setWidget(m_monitors);
    addDockWidget(Qt::BottomDockWidgetArea, m_monitorsDock);
    tabifyDockWidget(m_detailsDock, m_monitorsDock);
    connect(m_monitors, &views::MonitorsWidget::searchRequested, m_browser,
            &views::RecordBrowser::search);
    connect(m_monitors, &views::MonitorsWidget::addCurrentRequested, this,
            &MainWindow::monitorCurrentSearch);
    connect(m_browser, &views::RecordBrowser::monitorRequested, this, &MainWindow::monitor);
    connect(m_monitors, &views::MonitorsWidget::updated, this, [this](qulonglong fresh) {
        m_monitorsDock->setWindowTitle(fresh == 0 ? tr("Monitors")
                                                  : tr("Monitors (%L1 new)").arg(fresh));
    });
    m_detailsDock->raise();
    resizeDocks({m_detailsDock}, {150}, Qt::Vertical);

    m_watchLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_watchLabel);
    statusBar()->addPermanentWidget(new views::ImportStatusWidget(m_import, this));

    connect(m_browser, &views::RecordBrowser::statusMessage, this, [this](const QString& message) {
        if (message.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(message);
    });
    connect(m_browser, &views::RecordBrowser::currentRecordChanged, m_details,
            &views::RecordDetailsWidget::showRecord);
    connect(m_browser, &views::RecordBrowser::timelineRequested, this, &MainWindow::showTimeline);
    connect(m_browser, &views::RecordBrowser::graphRequested, this,
            [this](const QString& seed) { showGraph({seed}); });
    connect(m_import, &views::ImportController::storeChanged, m_browser,
            &views::RecordBrowser::refresh);
    connect(m_import, &views::ImportController::storeChanged, m_alerts,
            &views::AlertsWidget::refresh);
    connect(m_import, &views::ImportController::storeChanged, m_monitors,
            &views::MonitorsWidget::refresh);
    connect(m_watch, &views::WatchController::storeChanged, m_monitors,
            &views::MonitorsWidget::refresh);
    connect(m_watch, &views::WatchController::storeChanged, m_alerts,
            &views::AlertsWidget::refresh);
    connect(m_watch, &views::WatchController::storeChanged, m_browser,
            &views::RecordBrowser::refresh);
    connect(m_watch, &views::WatchController::fileHandled, this, &MainWindow::appendLog);
    connect(m_watch, &views::WatchController::foldersChanged, this,
            [this](const QStringList& folders) {
                m_watchLabel->setText(folders.isEmpty() ? QString()
                                                        : tr("Watching %n folder(s)", nullptr,
                                                             static_cast<int>(folders.size())));
                m_watchLabel->setToolTip(folders.join(QLatin1Char('\n')));
            });
    connect(m_import, &views::ImportController::finished, this,
            [this](const QString& summary, const QStringList& details, bool problems) {
                statusBar()->showMessage(summary);
                appendLog(summary, false);
                for (const auto& line : details)
                    appendLog(line, false);
                if (problems) {
                    m_logDock->show();
                    m_logDock->raise();
                }
                Q_EMIT importFinished();
            });

    buildMenus();
    restoreState(QSettings().value(QStringLiteral("window/state")).toByteArray());
    restoreGeometry(QSettings().value(QStringLiteral("window/geometry")).toByteArray());
    if (openDatabase(databasePath)) {
        m_watch->restoreFolders();
    }
}

MainWindow::~MainWindow() = default;

views::RecordTableModel* MainWindow::recordModel() const {
    return m_browser->model();
}

// The graph dock is made on first use, so a window that never shows a graph pays nothing.
views::GraphWidget* MainWindow::graphWidget() {
    if (m_graph != nullptr)
        return m_graph;
    m_graph = new views::GraphWidget(this);
    m_graph->setDatabasePath(m_databasePath);
    m_graphDock = new QDockWidget(tr("Graph"), this);
    m_graphDock->setObjectName(QStringLiteral("graph"));
    m_graphDock->setWidget(m_graph);
    addDockWidget(Qt::BottomDockWidgetArea, m_graphDock);
    tabifyDockWidget(m_detailsDock, m_graphDock);
    connect(m_graph, &views::GraphWidget::pivotRequested, m_browser, &views::RecordBrowser::search);
    connect(m_graph, &views::GraphWidget::timelineRequested, this, &MainWindow::showTimeline);
    connect(m_graph, &views::GraphWidget::statusMessage, this,
            [this](const QString& m) { statusBar()->showMessage(m); });
    return m_graph;
}

views::TimelineWidget* MainWindow::timelineWidget() {
    if (m_timeline != nullptr)
        return m_timeline;
    m_timeline = new views::TimelineWidget(this);
    m_timeline->setDatabasePath(m_databasePath);
    m_timelineDock = new QDockWidget(tr("Timeline"), this);
    m_timelineDock->setObjectName(QStringLiteral("timeline"));
    m_timelineDock->setWidget(m_timeline);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    tabifyDockWidget(m_detailsDock, m_timelineDock);
    connect(m_timeline, &views::TimelineWidget::pivotRequested, m_browser,
            &views::RecordBrowser::search);
    connect(m_timeline, &views::TimelineWidget::timelineFailed, this,
            [this](const QString& m) { statusBar()->showMessage(m); });
    return m_timeline;
}

void MainWindow::showTimeline(const QString& subject) {
    QString s = subject.trimmed();
    // A lookup prefix names the entity the timeline is about ("ns:host" -> host).
    static const QStringList kPrefixes = {QStringLiteral("ns:"),    QStringLiteral("mx:"),
                                          QStringLiteral("ip:"),    QStringLiteral("name:"),
                                          QStringLiteral("cname:"), QStringLiteral("ptr:"),
                                          QStringLiteral("rdata:")};
    for (const auto& p : kPrefixes) {
        if (s.startsWith(p)) {
            s = s.mid(p.size());
            break;
        }
    }
    if (s.isEmpty())
        return;
    views::TimelineWidget* widget = timelineWidget();
    raiseTall(m_timelineDock);
    widget->showTimeline(s);
}

void MainWindow::showGraph(const QStringList& seeds) {
    views::GraphWidget* graph = graphWidget();
    raiseTall(m_graphDock);
    graph->showSeeds(seeds);
}

// The bottom docks share a strip sized for record details; a chart or graph squeezed into it
// is unreadable (lane labels and axis elided), so showing one gives the strip half the window.
void MainWindow::raiseTall(QDockWidget* dock) {
    dock->show();
    dock->raise();
    const int wanted = std::max(320, height() / 2);
    if (dock->height() < wanted - 20)
        resizeDocks({dock}, {wanted}, Qt::Vertical);
}

void MainWindow::monitorCurrentSearch() {
    monitor(m_browser->currentQuery());
}

void MainWindow::monitor(const QString& query) {
    m_monitors->addMonitor(query);
    m_monitorsDock->show();
    m_monitorsDock->raise();
    statusBar()->showMessage(tr("Monitoring “%1”: its records first seen from now on show as "
                                "new in the Monitors dock")
                                 .arg(query));
}

void MainWindow::showTriage() {
    raiseTall(m_triageDock);
    m_triage->focusInput();
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Database…"), QKeySequence::New, this, &MainWindow::newDatabase);
    file->addAction(tr("&Open Database…"), QKeySequence::Open, this,
                    &MainWindow::openDatabaseDialog);
    m_recent =
        new views::RecentFilesMenu(tr("Open &Recent"), QStringLiteral("recent/databases"), this);
    file->addMenu(m_recent);
    connect(m_recent, &views::RecentFilesMenu::pathTriggered, this, &MainWindow::openDatabase);
    file->addSeparator();
    file->addAction(tr("&Import Files…"), QKeySequence(tr("Ctrl+I")), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import feed files"));
        if (!files.isEmpty())
            importPaths(files);
    });
    file->addAction(tr("Import &Folder…"), this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Import a folder of feed files"));
        if (!dir.isEmpty())
            importPaths({dir});
    });
    file->addAction(tr("&Watch Folder…"), this, &MainWindow::watchFolderDialog);
    file->addAction(tr("&Delete Old Records…"), this, &MainWindow::deleteOldRecords)
        ->setObjectName(QStringLiteral("deleteOldRecords"));
    file->addSeparator();
    file->addAction(tr("&Export Results as CSV…"), QKeySequence(tr("Ctrl+E")), this,
                    [this] { exportResults(false); });
    file->addAction(tr("Export Results as &COF JSON…"), this, [this] { exportResults(true); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Rows as CSV"), QKeySequence::Copy, m_browser,
                    &views::RecordBrowser::copySelection);
    edit->addAction(tr("&Find"), QKeySequence::Find, m_browser, &views::RecordBrowser::focusSearch);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(m_browser->backAction());
    go->addAction(m_browser->forwardAction());
    go->addAction(tr("&Pivot on Current Cell"), QKeySequence(tr("Ctrl+Return")), this, [this] {
        const auto pivots = views::pivotsFor(m_browser->table()->currentIndex());
        if (!pivots.isEmpty()) {
            m_browser->search(pivots.first().query);
        }
    });
    go->addAction(tr("&Triage Indicators…"), QKeySequence(tr("Ctrl+Shift+I")), this,
                  &MainWindow::showTriage);
    go->addAction(tr("&Monitor This Search"), QKeySequence(tr("Ctrl+Shift+M")), this,
                  &MainWindow::monitorCurrentSearch)
        ->setObjectName(QStringLiteral("monitorSearch"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addMenu(new views::ThemeMenu(this));
    QAction* local = view->addAction(tr("Show Times in &Local Time"));
    local->setCheckable(true);
    connect(local, &QAction::toggled, this, [this](bool on) { recordModel()->setLocalTime(on); });
    view->addSeparator();
    view->addAction(m_browser->namesAction());
    view->addSeparator();
    view->addAction(m_detailsDock->toggleViewAction());
    view->addAction(m_logDock->toggleViewAction());
    view->addAction(m_alertsDock->toggleViewAction());
    view->addAction(m_monitorsDock->toggleViewAction());
    view->addAction(m_triageDock->toggleViewAction());
    view->addAction(tr("&Graph from Selection/Search"), QKeySequence(tr("Ctrl+G")), this,
                    [this] {
                        showGraph(views::GraphWidget::seedsFrom(m_browser->table(),
                                                                m_browser->currentQuery()));
                    })
        ->setObjectName(QStringLiteral("graphFromSelection"));
    view->addAction(tr("&Timeline of Selection/Search"), QKeySequence(tr("Ctrl+T")), this,
                    [this] {
                        const QStringList seeds = views::GraphWidget::seedsFrom(
                            m_browser->table(), m_browser->currentQuery());
                        if (seeds.isEmpty()) {
                            statusBar()->showMessage(
                                tr("Select a name or address, or search for one, to see its "
                                   "timeline"));
                            return;
                        }
                        showTimeline(seeds.front());
                    })
        ->setObjectName(QStringLiteral("timelineFromSelection"));
    view->addSeparator();
    // The trigram index for glob:/re: searches (FlexibleIndex; new stores have it), dropped
    // or built in the background.
    m_searchIndexAction = view->addAction(tr("&Flexible Search Index (glob/regex)"));
    m_searchIndexAction->setObjectName(QStringLiteral("flexibleSearchIndex"));
    m_searchIndexAction->setCheckable(true);
    m_searchIndexAction->setToolTip(
        tr("Index names and rdata values by trigrams so glob:, re:, rdata-glob: and rdata-re: "
           "searches are fast (new databases have it; imports cost a few percent more)"));
    connect(m_searchIndexAction, &QAction::triggered, m_searchIndex,
            &views::SearchIndexController::setEnabled);
    connect(m_searchIndex, &views::SearchIndexController::started, this, [this](bool on) {
        m_searchIndexAction->setEnabled(false);
        statusBar()->showMessage(on ? tr("Building the flexible-search index in the "
                                         "background…")
                                    : tr("Dropping the flexible-search index…"));
    });
    connect(m_searchIndex, &views::SearchIndexController::finished, this,
            [this](bool enabled, const QString& error) {
                m_searchIndexAction->setEnabled(true);
                m_searchIndexAction->setChecked(enabled);
                statusBar()->showMessage(
                    !error.isEmpty()
                        ? error
                        : (enabled ? tr("Flexible-search index on: glob and regex searches "
                                        "with 3+ literal characters use it")
                                   : tr("Flexible-search index off")));
            });
    view->addSeparator();
    view->addAction(tr("&Privacy Policy…"), this, &MainWindow::showPolicy);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tapir"), this, &MainWindow::showAbout);
}

bool MainWindow::openDatabase(const QString& path) {
    // Open read-write once here: creates the file and runs migrations before any reader.
    auto db = store::Database::open(path.toStdString());
    if (!db) {
        QMessageBox::warning(this, tr("Cannot open database"),
                             QString::fromStdString(db.error().describe()));
        return false;
    }
    m_databasePath = path;
    m_import->setDatabasePath(path);
    m_watch->setDatabasePath(path);
    m_details->setDatabasePath(path);
    m_alerts->setDatabasePath(path);
    m_triage->setDatabasePath(path);
    m_monitors->setDatabasePath(path);
    m_browser->setDatabasePath(path);
    m_recent->addPath(path);
    if (m_graph != nullptr)
        m_graph->setDatabasePath(path);
    if (m_timeline != nullptr)
        m_timeline->setDatabasePath(path);
    m_searchIndex->setDatabasePath(path);
    if (m_searchIndexAction != nullptr)
        m_searchIndexAction->setChecked(m_searchIndex->isEnabled());
    setWindowTitle(tr("Tapir — %1").arg(path));
    return true;
}

void MainWindow::importPaths(const QStringList& paths) {
    m_import->start(paths);
}

void MainWindow::appendLog(const QString& line, bool problem) {
    m_log->appendPlainText(line);
    if (problem) {
        m_logDock->show();
        m_logDock->raise();
    }
}

void MainWindow::exportResults(bool cof) {
    const QString target = QFileDialog::getSaveFileName(
        this, cof ? tr("Export results as COF JSON") : tr("Export results as CSV"),
        cof ? QStringLiteral("tapir-export.json") : QStringLiteral("tapir-export.csv"),
        cof ? tr("COF NDJSON (*.json *.jsonl)") : tr("CSV files (*.csv)"));
    if (target.isEmpty())
        return;
    auto db = store::Database::open(m_databasePath.toStdString(), store::Database::Mode::ReadOnly);
    std::ofstream out(target.toStdString(), std::ios::binary);
    if (!db || !out) {
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1").arg(target));
        return;
    }
    CsvWriter csv(out);
    CofWriter json(out);
    RecordQuery query(**db);
    const auto failed = [this](const Error& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.describe()));
    };
    if (m_browser->showingNames()) {
        // The names list as shown (its order), every name of it.
        QuerySpec spec = m_browser->names()->query();
        spec.limit = std::numeric_limits<std::int32_t>::max();
        auto names = query.names(spec);
        if (!names)
            return failed(names.error());
        if (cof)
            json.writeNames(*names);
        else
            csv.writeNames(*names);
        statusBar()->showMessage(
            tr("Exported %n name(s) to %1", nullptr, static_cast<int>(names->size())).arg(target));
        return;
    }
    if (!cof)
        csv.writeHeader();
    QuerySpec spec = recordModel()->query();
    spec.limit = 50000;
    spec.offset = 0;
    std::uint64_t total = 0;
    for (;;) {
        auto page = query.run(spec);
        if (!page)
            return failed(page.error());
        if (cof)
            json.write(*page);
        else
            csv.write(*page);
        total += page->size();
        if (static_cast<std::int64_t>(page->size()) < spec.limit)
            break;
        spec.offset += spec.limit;
    }
    statusBar()->showMessage(
        tr("Exported %1 to %2")
            .arg(views::RecordBrowser::countText(static_cast<qint64>(total)), target));
}

void MainWindow::newDatabase() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("New Tapir database"), QStringLiteral("tapir.db"), tr("Tapir databases (*.db)"));
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::openDatabaseDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Tapir database"), QString(),
                                                      tr("Tapir databases (*.db);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::watchFolderDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Watch a folder: files a collector writes there are imported once complete"));
    if (!dir.isEmpty()) {
        m_watch->addFolder(dir);
        appendLog(tr("Watching %1").arg(dir), false);
    }
}

views::RetentionDialog* MainWindow::deleteOldRecords() {
    if (m_import->isRunning()) {
        statusBar()->showMessage(tr("Old records can be deleted once the import has finished"));
        return nullptr;
    }
    auto* dialog = new views::RetentionDialog(m_databasePath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &views::RetentionDialog::storeChanged, m_browser,
            &views::RecordBrowser::refresh);
    connect(dialog, &views::RetentionDialog::storeChanged, m_alerts, &views::AlertsWidget::refresh);
    connect(dialog, &views::RetentionDialog::deletionFinished, this,
            [this](const QString& summary, bool ok) {
                m_monitors->refresh();
                statusBar()->showMessage(summary);
                appendLog(summary, !ok);
            });
    dialog->open();
    return dialog;
}

void MainWindow::showPolicy() {
    auto db = store::Database::open(m_databasePath.toStdString());
    if (!db)
        return;
    auto policy = PrivacyPolicy::load(**db);
    if (!policy)
        return;
    QMessageBox box(this);
    box.setWindowTitle(tr("Privacy policy"));
    box.setText(QString::fromStdString(policy->describe()));
    box.setInformativeText(tr("Drop answers that point into private or reserved address space?"));
    box.setStandardButtons(QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
    box.setDefaultButton(policy->dropPrivateAnswers ? QMessageBox::Yes : QMessageBox::No);
    const int answer = box.exec();
    if (answer == QMessageBox::Cancel)
        return;
    bool ok = false;
    const QString suffixes =
        QInputDialog::getText(this, tr("Privacy policy"),
                              tr("Internal suffixes to drop (comma-separated, e.g. corp,lan):"),
                              QLineEdit::Normal, QString::fromStdString([&] {
                                  std::string s;
                                  for (const auto& x : policy->internalSuffixes)
                                      s += (s.empty() ? "" : ",") + x;
                                  return s;
                              }()),
                              &ok);
    if (!ok)
        return;
    policy->dropPrivateAnswers = answer == QMessageBox::Yes;
    policy->internalSuffixes.clear();
    for (const auto& part : suffixes.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        policy->internalSuffixes.push_back(part.trimmed().toLower().toStdString());
    }
    if (auto st = policy->save(**db); !st) {
        QMessageBox::warning(this, tr("Privacy policy"),
                             QString::fromStdString(st.error().describe()));
        return;
    }
    statusBar()->showMessage(QString::fromStdString(policy->describe()));
}

void MainWindow::showAbout() {
    QMessageBox box(this);
    box.setWindowTitle(tr("About Tapir"));
    box.setIconPixmap(windowIcon().pixmap(96, 96));
    box.setText(tr("<h3>Tapir %1</h3><p>A passive DNS workbench: import resolver cache-miss "
                   "feeds, search and pivot through the history of what names pointed to.</p>"
                   "<p>Database: %2</p><p>Client addresses are never stored.</p>")
                    .arg(QApplication::applicationVersion(), m_databasePath.toHtmlEscaped()));
    box.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importPaths(paths);
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings().setValue(QStringLiteral("window/state"), saveState());
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (m_import->isRunning()) {
        m_import->cancel();
        m_import->waitForFinished();
    }
    m_watch->stopAll();
    m_searchIndex->cancel();
    m_searchIndex->waitForFinished();
    QMainWindow::closeEvent(event);
}

}  // namespace tapir::app
