// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QDockWidget;
class QTableView;

namespace tapir::views {
class ImportController;
class RecordTableModel;
}  // namespace tapir::views

namespace tapir::app {

// The application window: builds menus, the search box, the records table, the import log
// dock and the status bar, and wires them to the engine through the views. Owns no logic
// of its own. GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& databasePath, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (creating if needed) a store; false and a message on failure.
    bool openDatabase(const QString& path);
    void importPaths(const QStringList& paths);
    [[nodiscard]] views::RecordTableModel* recordModel() const { return m_model; }
    [[nodiscard]] views::ImportController* importController() const { return m_import; }
    [[nodiscard]] QString databasePath() const { return m_databasePath; }

Q_SIGNALS:
    void importFinished();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void runSearch();
    void exportCsv();
    void newDatabase();
    void openDatabaseDialog();
    void showAbout();

    QString m_databasePath;
    QLineEdit* m_search = nullptr;
    QLabel* m_resultLabel = nullptr;
    QTableView* m_table = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QDockWidget* m_logDock = nullptr;
    views::RecordTableModel* m_model = nullptr;
    views::ImportController* m_import = nullptr;
};

}  // namespace tapir::app
