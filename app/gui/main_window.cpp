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
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <fstream>

#include "import/import_controller.h"
#include "import/import_status_widget.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "records/record_table_model.h"
#include "report/csv_writer.h"
#include "store/database.h"

// The resources live in this static library; register them once, outside any namespace.
static void initResources() { Q_INIT_RESOURCE(resources); }

namespace tapir::app {

MainWindow::MainWindow(const QString& databasePath, QWidget* parent) : QMainWindow(parent) {
    initResources();
    setWindowIcon(QIcon(QStringLiteral(":/tapir/icons/tapir.svg")));
    setAcceptDrops(true);
    resize(1200, 720);

    m_model = new views::RecordTableModel(this);
    m_import = new views::ImportController(this);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* searchRow = new QHBoxLayout();
    m_search = new QLineEdit(central);
    m_search->setPlaceholderText(
        tr("Search: www.example.com · *.example.com · www.example.* · ip:198.51.100.0/24 · "
           "rdata:mail.example.com · ns:ns1.example.net  (empty: all records)"));
    m_search->setClearButtonEnabled(true);
    m_resultLabel = new QLabel(central);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_resultLabel);
    layout->addLayout(searchRow);

    m_table = new QTableView(central);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(views::RecordTableModel::LastSeen, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(views::RecordTableModel::FirstSeen, 150);
    m_table->setColumnWidth(views::RecordTableModel::LastSeen, 150);
    m_table->setColumnWidth(views::RecordTableModel::Count, 70);
    m_table->setColumnWidth(views::RecordTableModel::RRName, 300);
    m_table->setColumnWidth(views::RecordTableModel::RRType, 80);
    m_table->setColumnWidth(views::RecordTableModel::Rdata, 300);
    layout->addWidget(m_table, 1);
    setCentralWidget(central);

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_logDock = new QDockWidget(tr("Import log"), this);
    m_logDock->setObjectName(QStringLiteral("importLog"));
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_logDock->hide();

    statusBar()->addPermanentWidget(new views::ImportStatusWidget(m_import, this));

    connect(m_search, &QLineEdit::returnPressed, this, &MainWindow::runSearch);
    connect(m_model, &views::RecordTableModel::queryFinished, this,
            [this](qint64 total, const QString& error) {
                if (!error.isEmpty()) {
                    m_resultLabel->setText(tr("error"));
                    statusBar()->showMessage(error);
                } else {
                    m_resultLabel->setText(tr("%L1 records").arg(total));
                }
            });
    connect(m_import, &views::ImportController::storeChanged, m_model,
            &views::RecordTableModel::refresh);
    connect(m_import, &views::ImportController::finished, this,
            [this](const QString& summary, const QStringList& details, bool problems) {
                statusBar()->showMessage(summary);
                m_log->appendPlainText(summary);
                for (const auto& line : details) m_log->appendPlainText(line);
                m_log->appendPlainText(QString());
                if (problems) m_logDock->show();
                Q_EMIT importFinished();
            });

    buildMenus();
    openDatabase(databasePath);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Database…"), QKeySequence::New, this, &MainWindow::newDatabase);
    file->addAction(tr("&Open Database…"), QKeySequence::Open, this, &MainWindow::openDatabaseDialog);
    file->addSeparator();
    file->addAction(tr("&Import Files…"), QKeySequence(tr("Ctrl+I")), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import feed files"));
        if (!files.isEmpty()) importPaths(files);
    });
    file->addAction(tr("Import &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a folder of feed files"));
        if (!dir.isEmpty()) importPaths({dir});
    });
    file->addAction(tr("&Export Results as CSV…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportCsv);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_logDock->toggleViewAction());
    view->addAction(tr("&Find"), QKeySequence::Find, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });

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
    m_model->setDatabasePath(path);
    setWindowTitle(tr("Tapir — %1").arg(path));
    return true;
}

void MainWindow::importPaths(const QStringList& paths) {
    m_import->start(paths);
}

void MainWindow::runSearch() {
    auto spec = parseQuery(m_search->text().toStdString());
    if (!spec) {
        const int at = static_cast<int>(spec.error().offset.value_or(0));
        statusBar()->showMessage(tr("Bad search at character %1: %2")
                                     .arg(at + 1)
                                     .arg(QString::fromStdString(spec.error().message)));
        m_search->setCursorPosition(at);
        return;
    }
    statusBar()->clearMessage();
    m_resultLabel->setText(tr("searching…"));
    m_model->setQuery(*spec);
}

void MainWindow::exportCsv() {
    const QString target = QFileDialog::getSaveFileName(this, tr("Export results as CSV"),
                                                        QStringLiteral("tapir-export.csv"),
                                                        tr("CSV files (*.csv)"));
    if (target.isEmpty()) return;
    auto db = store::Database::open(m_databasePath.toStdString(), store::Database::Mode::ReadOnly);
    std::ofstream out(target.toStdString(), std::ios::binary);
    if (!db || !out) {
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1").arg(target));
        return;
    }
    CsvWriter writer(out);
    writer.writeHeader();
    QuerySpec spec = m_model->query();
    spec.limit = 50000;
    spec.offset = 0;
    RecordQuery query(**db);
    std::uint64_t total = 0;
    for (;;) {
        auto page = query.run(spec);
        if (!page) {
            QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(page.error().describe()));
            return;
        }
        writer.write(*page);
        total += page->size();
        if (static_cast<std::int64_t>(page->size()) < spec.limit) break;
        spec.offset += spec.limit;
    }
    statusBar()->showMessage(tr("Exported %L1 records to %2").arg(total).arg(target));
}

void MainWindow::newDatabase() {
    const QString path = QFileDialog::getSaveFileName(this, tr("New Tapir database"),
                                                      QStringLiteral("tapir.db"),
                                                      tr("Tapir databases (*.db)"));
    if (!path.isEmpty()) openDatabase(path);
}

void MainWindow::openDatabaseDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Tapir database"), QString(),
                                                      tr("Tapir databases (*.db);;All files (*)"));
    if (!path.isEmpty()) openDatabase(path);
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
        if (url.isLocalFile()) paths << url.toLocalFile();
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importPaths(paths);
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_import->isRunning()) {
        m_import->cancel();
        m_import->waitForFinished();
    }
    QMainWindow::closeEvent(event);
}

}  // namespace tapir::app
