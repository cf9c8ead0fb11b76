// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The lookalike alerts widget, offscreen, on the resolver lab's capture: the brands dialog
// (add, edit owned domains, remove, each followed by a rescan on a worker), alert notes
// stored through the engine, the timeline and graph pivots, and a screenshot in
// <build>/screenshots/alerts-brands.png.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <filesystem>
#include <map>
#include <random>

#include "alerts/alert_table_model.h"
#include "alerts/alerts_widget.h"
#include "alerts/brands_dialog.h"
#include "alerts/watchlist_controller.h"
#include "common/pivot.h"
#include "ingest/importer.h"
#include "lookalike/lookalike_store.h"
#include "records/record_table_model.h"
#include "store/database.h"

// Readable QString values in gtest messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& s, std::ostream* os) {
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

namespace {

using tapir::views::AlertsWidget;
using tapir::views::AlertTableModel;
using tapir::views::BrandsDialog;
using tapir::views::WatchlistController;

// A fresh store with paypal (owning paypal.example) on the watchlist and the lab's
// unbound capture imported; the import hook raises the first alerts.
QString labDatabase() {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / ("tapir-alerts-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "lab.db").string();
    auto db = tapir::store::Database::open(file);
    EXPECT_TRUE(db.ok());
    tapir::lookalike::LookalikeStore store(**db);
    EXPECT_TRUE(store.addBrand("paypal", {"paypal.example"}).ok());
    tapir::Importer importer(**db);
    tapir::NullProgress progress;
    tapir::CancelToken cancel;
    auto report = importer.importPaths(
        {std::string(TAPIR_TEST_DATA) + "/dnstap/unbound-resolver.dnstap"}, {}, progress, cancel);
    EXPECT_EQ(report.count(tapir::FileStatus::Imported), 1u);
    return QString::fromStdString(file);
}

// name -> brand of the alerts the model shows.
std::map<QString, QString> shownAlerts(const AlertTableModel& model) {
    std::map<QString, QString> out;
    for (int r = 0; r < model.rowCount(); ++r) {
        out[model.index(r, AlertTableModel::Name).data(tapir::views::kEntityRole).toString()] =
            model.index(r, AlertTableModel::Brand).data().toString();
    }
    return out;
}

int rowOf(const AlertTableModel& model, const QString& name) {
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, AlertTableModel::Name).data(tapir::views::kEntityRole).toString() ==
            name)
            return r;
    }
    return -1;
}

bool settled(const AlertTableModel& model) {
    return QTest::qWaitFor([&] { return !model.isLoading() && !model.hasPendingWrites(); }, 10000);
}

template <typename T>
T* child(QObject* parent, const char* name) {
    auto* c = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(c, nullptr) << name;
    return c;
}

// Adds a brand through the dialog as a user would and waits for the rescan to end.
// Returns false when the scan did not finish (or finished synchronously, i.e. on the GUI
// thread, which would freeze the window).
bool applyAndWait(BrandsDialog* dialog, WatchlistController* controller, const char* button) {
    QSignalSpy finished(controller, &WatchlistController::scanFinished);
    child<QPushButton>(dialog, button)->click();
    if (finished.count() != 0 || !controller->isRunning())
        return false;
    return finished.wait(30000) && finished.last().at(1).toBool();
}

TEST(AlertsWidget, AddingABrandRescansOnAWorkerAndItsLookalikeAppears) {
    const QString path = labDatabase();
    AlertsWidget widget;
    auto* model = widget.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    widget.setDatabasePath(path);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0; }, 10000));
    ASSERT_TRUE(settled(*model));
    auto before = shownAlerts(*model);
    EXPECT_EQ(before[QStringLiteral("paypa1.test")], QStringLiteral("paypal"));
    ASSERT_FALSE(before.contains(QStringLiteral("acrne.example")));  // acme is not watched

    child<QPushButton>(&widget, "brandsButton")->click();
    auto* dialog = widget.findChild<BrandsDialog*>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->brandNames(), QStringList{QStringLiteral("paypal")});
    EXPECT_EQ(dialog->domainsOf(QStringLiteral("paypal")),
              QStringList{QStringLiteral("paypal.example")});

    child<QLineEdit>(dialog, "brandName")->setText(QStringLiteral("Acme"));
    child<QLineEdit>(dialog, "brandDomains")->setText(QStringLiteral("acme.example"));
    ASSERT_TRUE(applyAndWait(dialog, widget.watchlist(), "addBrand"))
        << dialog->statusText().toStdString();
    EXPECT_TRUE(dialog->statusText().startsWith(QStringLiteral("Rescanned")))
        << dialog->statusText().toStdString();
    EXPECT_EQ(dialog->brandNames(),
              (QStringList{QStringLiteral("acme"), QStringLiteral("paypal")}));
    EXPECT_EQ(dialog->domainsOf(QStringLiteral("acme")),
              QStringList{QStringLiteral("acme.example")});

    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return shownAlerts(*model).contains(QStringLiteral("acrne.example")); }, 10000));
    ASSERT_TRUE(settled(*model));
    auto after = shownAlerts(*model);
    EXPECT_EQ(after[QStringLiteral("acrne.example")], QStringLiteral("acme"));
    EXPECT_EQ(after[QStringLiteral("paypa1.test")], QStringLiteral("paypal"));
    for (const auto& [name, brand] : after) {
        EXPECT_FALSE(name == QStringLiteral("acme.example") ||
                     name.endsWith(QStringLiteral(".acme.example")))
            << name.toStdString() << " is acme's own";
    }
    // Stored: what `tapir-cli brands list` reads.
    auto db = tapir::store::Database::open(path.toStdString());
    ASSERT_TRUE(db.ok());
    tapir::lookalike::LookalikeStore store(**db);
    auto brands = store.brands();
    ASSERT_TRUE(brands.ok());
    ASSERT_EQ(brands->size(), 2U);
    EXPECT_EQ(brands->front().name, "acme");

    // Bad input is refused in the dialog and changes nothing.
    QSignalSpy started(widget.watchlist(), &WatchlistController::started);
    child<QLineEdit>(dialog, "brandName")->setText(QStringLiteral("co.uk"));
    child<QPushButton>(dialog, "addBrand")->click();
    EXPECT_EQ(started.count(), 0);
    EXPECT_TRUE(dialog->statusText().contains(QStringLiteral("public suffix")))
        << dialog->statusText().toStdString();
}

TEST(AlertsWidget, EditingOwnedDomainsAndRemovingABrandRescan) {
    const QString path = labDatabase();
    AlertsWidget widget;
    auto* model = widget.model();
    widget.setDatabasePath(path);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0; }, 10000));
    ASSERT_TRUE(settled(*model));
    ASSERT_TRUE(shownAlerts(*model).contains(QStringLiteral("paypa1.test")));
    BrandsDialog* dialog = widget.showBrandsDialog();

    // Select paypal: the fields fill; claim paypa1.test as its own (a defensive registration).
    auto* list = child<QTreeWidget>(dialog, "brandList");
    ASSERT_EQ(list->topLevelItemCount(), 1);
    list->setCurrentItem(list->topLevelItem(0));
    EXPECT_EQ(child<QLineEdit>(dialog, "brandName")->text(), QStringLiteral("paypal"));
    EXPECT_EQ(child<QLineEdit>(dialog, "brandDomains")->text(), QStringLiteral("paypal.example"));
    child<QLineEdit>(dialog, "brandDomains")
        ->setText(QStringLiteral("paypal.example, paypa1.test"));
    ASSERT_TRUE(applyAndWait(dialog, widget.watchlist(), "saveDomains"))
        << dialog->statusText().toStdString();
    EXPECT_EQ(dialog->domainsOf(QStringLiteral("paypal")),
              (QStringList{QStringLiteral("paypa1.test"), QStringLiteral("paypal.example")}));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !shownAlerts(*model).contains(QStringLiteral("paypa1.test")); }, 10000));
    ASSERT_TRUE(settled(*model));
    EXPECT_EQ(shownAlerts(*model)[QStringLiteral("xn--pypal-4ve.example")],
              QStringLiteral("paypal"));

    // Remove paypal: its untriaged alerts go with it (an empty watchlist scans nothing).
    const int rowsBefore = model->rowCount();
    list->setCurrentItem(list->topLevelItem(0));
    QSignalSpy changed(widget.watchlist(), &WatchlistController::watchlistChanged);
    child<QPushButton>(dialog, "removeBrand")->click();
    ASSERT_TRUE(changed.wait(10000));
    EXPECT_TRUE(changed.first().first().toStringList().isEmpty());
    EXPECT_TRUE(dialog->brandNames().isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !widget.watchlist()->isRunning(); }, 30000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return !model->isLoading() &&
                   !shownAlerts(*model).contains(QStringLiteral("xn--pypal-4ve.example"));
        },
        10000));
    ASSERT_TRUE(settled(*model));
    EXPECT_LT(model->rowCount(), rowsBefore);
    for (const auto& [name, brand] : shownAlerts(*model))
        EXPECT_NE(brand, QStringLiteral("paypal")) << name.toStdString();
}

TEST(AlertsWidget, NoteIsStoredThroughTheEngineAndSurvivesReopening) {
    const QString path = labDatabase();
    const QString note = QStringLiteral("Reported to the registrar, ticket 4711");
    {
        AlertsWidget widget;
        auto* model = widget.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        widget.setDatabasePath(path);
        ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0; }, 10000));
        ASSERT_TRUE(settled(*model));
        const int row = rowOf(*model, QStringLiteral("paypa1.test"));
        ASSERT_GE(row, 0);
        const QModelIndex cell = model->index(row, AlertTableModel::Note);
        EXPECT_TRUE(model->flags(cell) & Qt::ItemIsEditable);
        EXPECT_FALSE(model->flags(model->index(row, AlertTableModel::Name)) & Qt::ItemIsEditable);
        EXPECT_TRUE(cell.data().toString().isEmpty());

        // "Edit note…" opens the note cell's editor; typing and Enter commit it.
        widget.resize(1000, 400);
        widget.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));
        QMenu menu;
        widget.populateContextMenu(menu, model->index(row, AlertTableModel::Name));
        QAction* edit = nullptr;
        for (QAction* a : menu.actions()) {
            if (a->text() == QStringLiteral("Edit note…"))
                edit = a;
        }
        ASSERT_NE(edit, nullptr);
        edit->trigger();
        auto* editor = widget.table()->viewport()->findChild<QLineEdit*>();
        ASSERT_NE(editor, nullptr);
        editor->setText(note);
        QTest::keyClick(editor, Qt::Key_Return);  // the delegate commits from the event loop
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return model->index(row, AlertTableModel::Note).data().toString() == note; },
            5000));
        ASSERT_TRUE(settled(*model));
        const int again = rowOf(*model, QStringLiteral("paypa1.test"));
        ASSERT_GE(again, 0);
        EXPECT_EQ(model->index(again, AlertTableModel::Note).data().toString(), note);
        // Triage keeps the note.
        model->setStatus(again, tapir::lookalike::AlertStatus::Confirmed);
        ASSERT_TRUE(settled(*model));
    }
    // A new model on the same store reads it back.
    AlertTableModel reopened;
    reopened.setDatabasePath(path);
    ASSERT_TRUE(QTest::qWaitFor([&] { return reopened.rowCount() > 0; }, 10000));
    ASSERT_TRUE(settled(reopened));
    const int row = rowOf(reopened, QStringLiteral("paypa1.test"));
    ASSERT_GE(row, 0);
    EXPECT_EQ(reopened.index(row, AlertTableModel::Note).data().toString(), note);
    EXPECT_EQ(reopened.index(row, AlertTableModel::Status).data().toString(),
              QStringLiteral("confirmed"));
    // And the engine, as `tapir-cli alerts` reads it.
    auto db =
        tapir::store::Database::open(path.toStdString(), tapir::store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db.ok());
    tapir::lookalike::LookalikeStore store(**db);
    auto alerts = store.alerts({});
    ASSERT_TRUE(alerts.ok());
    bool found = false;
    for (const auto& a : *alerts) {
        if (a.name == "paypa1.test") {
            found = true;
            EXPECT_EQ(a.note, note.toStdString());
            EXPECT_EQ(a.status, tapir::lookalike::AlertStatus::Confirmed);
        } else {
            EXPECT_TRUE(a.note.empty()) << a.name;
        }
    }
    EXPECT_TRUE(found);
}

TEST(AlertsWidget, ContextMenuPivotsToTimelineGraphAndRecords) {
    const QString path = labDatabase();
    AlertsWidget widget;
    auto* model = widget.model();
    widget.setDatabasePath(path);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0; }, 10000));
    ASSERT_TRUE(settled(*model));
    const int row = rowOf(*model, QStringLiteral("xn--pypal-4ve.example"));
    ASSERT_GE(row, 0);
    QMenu menu;
    // Any column of the row pivots on the alerting name, not the brand.
    widget.populateContextMenu(menu, model->index(row, AlertTableModel::Brand));
    std::map<QString, QAction*> actions;
    for (QAction* a : menu.actions()) {
        if (!a->isSeparator())
            actions[a->text()] = a;
    }
    const QString timelineLabel = QStringLiteral("Timeline of xn--pypal-4ve.example");
    const QString graphLabel = QStringLiteral("Graph of xn--pypal-4ve.example");
    ASSERT_TRUE(actions.contains(timelineLabel));
    ASSERT_TRUE(actions.contains(graphLabel));
    // The record pivots are still there, first.
    const auto pivots = tapir::views::pivotsFor(model->index(row, AlertTableModel::Name));
    ASSERT_FALSE(pivots.isEmpty());
    EXPECT_EQ(menu.actions().first()->text(), pivots.first().label);

    QSignalSpy timeline(&widget, &AlertsWidget::timelineRequested);
    QSignalSpy graph(&widget, &AlertsWidget::graphRequested);
    QSignalSpy records(&widget, &AlertsWidget::pivotRequested);
    actions[timelineLabel]->trigger();
    ASSERT_EQ(timeline.count(), 1);
    EXPECT_EQ(timeline.first().first().toString(), QStringLiteral("xn--pypal-4ve.example"));
    EXPECT_EQ(graph.count(), 0);
    actions[graphLabel]->trigger();
    ASSERT_EQ(graph.count(), 1);
    EXPECT_EQ(graph.first().first().toString(), QStringLiteral("xn--pypal-4ve.example"));
    EXPECT_EQ(timeline.count(), 1);
    menu.actions().first()->trigger();
    ASSERT_EQ(records.count(), 1);
    EXPECT_EQ(records.first().first().toString(), pivots.first().query);
}

// The alerts widget with the brands dialog open on the lab data, composed as the desktop
// shows it (offscreen windows do not overlap, so the dialog is painted over the widget).
TEST(AlertsWidget, ScreenshotWithBrandsDialog) {
    const QString path = labDatabase();
    AlertsWidget widget;
    auto* model = widget.model();
    widget.resize(1180, 520);
    widget.setDatabasePath(path);
    widget.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0; }, 10000));
    ASSERT_TRUE(settled(*model));
    BrandsDialog* dialog = widget.showBrandsDialog();
    child<QLineEdit>(dialog, "brandName")->setText(QStringLiteral("acme"));
    child<QLineEdit>(dialog, "brandDomains")->setText(QStringLiteral("acme.example"));
    ASSERT_TRUE(applyAndWait(dialog, widget.watchlist(), "addBrand"));
    child<QLineEdit>(dialog, "brandName")->setText(QStringLiteral("globex"));
    child<QLineEdit>(dialog, "brandDomains")->setText(QStringLiteral("globex.test"));
    ASSERT_TRUE(applyAndWait(dialog, widget.watchlist(), "addBrand"));
    child<QLineEdit>(dialog, "brandName")->setText(QStringLiteral("bücher.example"));
    child<QLineEdit>(dialog, "brandDomains")->clear();
    ASSERT_TRUE(applyAndWait(dialog, widget.watchlist(), "addBrand"));
    EXPECT_TRUE(dialog->brandNames().contains(QStringLiteral("xn--bcher-kva")));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return shownAlerts(*model).contains(QStringLiteral("g1obex.test")); }, 10000));
    ASSERT_TRUE(settled(*model));
    model->setNote(0, QStringLiteral("Reported to the registrar"));
    ASSERT_TRUE(settled(*model));
    auto* list = child<QTreeWidget>(dialog, "brandList");
    list->setCurrentItem(list->topLevelItem(0));
    dialog->resize(560, 360);
    QTest::qWait(100);

    QPixmap shot = widget.grab();
    {
        QPainter p(&shot);
        const QPixmap d = dialog->grab();
        const QPoint at((shot.width() - d.width()) / 2, (shot.height() - d.height()) / 2 + 20);
        p.fillRect(QRect(at + QPoint(4, 4), d.size()), QColor(0, 0, 0, 60));  // shadow
        p.drawPixmap(at, d);
        p.setPen(QColor(0x60, 0x60, 0x60));
        p.drawRect(QRect(at, d.size()).adjusted(0, 0, -1, -1));
    }
    const QString dir = QStringLiteral(TAPIR_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    EXPECT_TRUE(shot.save(dir + QStringLiteral("/alerts-brands.png")));
    EXPECT_TRUE(dialog->grab().save(dir + QStringLiteral("/alerts-brands-dialog.png")));
}

}  // namespace
