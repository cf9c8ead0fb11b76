// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace tapir::views {

class WatchlistController;

// The lookalike watchlist editor: the watched brands with the domains they own; add a
// brand (its label and owned domains), replace a brand's owned domains, remove a brand.
// Each change goes to the WatchlistController, which stores it and rescans on a worker;
// the dialog shows the scan's progress and can cancel it. Input follows `tapir-cli brands
// add` (lookalike::parseBrand). Owned by the alerts widget; GUI thread only.
class BrandsDialog : public QDialog {
    Q_OBJECT
public:
    explicit BrandsDialog(WatchlistController* controller, QWidget* parent = nullptr);

    // Reads the watchlist from the store again.
    void reload();
    // The brands listed, as stored (A-labels), in list order.
    [[nodiscard]] QStringList brandNames() const;
    // The domains listed for a brand, as stored; empty if it is not listed.
    [[nodiscard]] QStringList domainsOf(const QString& brand) const;
    [[nodiscard]] QString statusText() const;

private:
    void addBrand();
    void saveDomains();
    void removeBrand();
    void selectionChanged();
    void showError(const QString& message);

    WatchlistController* m_controller;
    QTreeWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_domains;
    QPushButton* m_add;
    QPushButton* m_save;
    QPushButton* m_remove;
    QPushButton* m_rescan;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
};

}  // namespace tapir::views
