// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "alerts/brands_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "alerts/watchlist_controller.h"
#include "lookalike/lookalike_store.h"

namespace tapir::views {
namespace {

constexpr int kStoredRole = Qt::UserRole + 1;  // the brand's name, or its domains, as stored

// "bücher (xn--bcher-kva)" for IDN labels and names, the name alone otherwise.
QString displayName(const std::string& stored) {
    const QString ascii = QString::fromStdString(stored);
    const QString unicode = QUrl::fromAce(ascii.toLatin1(), QUrl::IgnoreIDNWhitelist);
    return unicode == ascii || unicode.isEmpty()
               ? ascii
               : unicode + QStringLiteral(" (") + ascii + QLatin1Char(')');
}

QString unicodeName(const QString& stored) {
    const QString unicode = QUrl::fromAce(stored.toLatin1(), QUrl::IgnoreIDNWhitelist);
    return unicode.isEmpty() ? stored : unicode;
}

// The brand entry as typed: the name field, then the domains (spaces or commas between).
Result<lookalike::Brand> parseFields(const QString& name, const QString& domains) {
    std::vector<std::string> words;
    static const QRegularExpression kSeparators(QStringLiteral("[\\s,;]+"));
    for (const QString& w : (name + QLatin1Char(' ') + domains).split(kSeparators)) {
        if (!w.isEmpty())
            words.push_back(w.toStdString());
    }
    return lookalike::parseBrand(words);
}

}  // namespace

BrandsDialog::BrandsDialog(WatchlistController* controller, QWidget* parent)
    : QDialog(parent),
      m_controller(controller),
      m_list(new QTreeWidget(this)),
      m_name(new QLineEdit(this)),
      m_domains(new QLineEdit(this)),
      m_add(new QPushButton(tr("Add brand"), this)),
      m_save(new QPushButton(tr("Save domains"), this)),
      m_remove(new QPushButton(tr("Remove brand"), this)),
      m_rescan(new QPushButton(tr("Rescan all"), this)),
      m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel scan"), this)) {
    setWindowTitle(tr("Watched brands"));
    setObjectName(QStringLiteral("brandsDialog"));
    m_list->setObjectName(QStringLiteral("brandList"));
    m_name->setObjectName(QStringLiteral("brandName"));
    m_domains->setObjectName(QStringLiteral("brandDomains"));
    m_add->setObjectName(QStringLiteral("addBrand"));
    m_save->setObjectName(QStringLiteral("saveDomains"));
    m_remove->setObjectName(QStringLiteral("removeBrand"));
    m_rescan->setObjectName(QStringLiteral("rescanAll"));
    m_status->setObjectName(QStringLiteral("brandsStatus"));

    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Brand"), tr("Own domains (never alert)")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_name->setPlaceholderText(tr("label or domain, e.g. paypal"));
    m_domains->setPlaceholderText(tr("owned domains, e.g. paypal.com paypal.me"));
    m_name->setClearButtonEnabled(true);
    m_domains->setClearButtonEnabled(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel->hide();
    m_add->setDefault(true);

    auto* form = new QFormLayout();
    form->addRow(tr("&Brand:"), m_name);
    form->addRow(tr("&Own domains:"), m_domains);
    auto* edit = new QHBoxLayout();
    edit->addWidget(m_add);
    edit->addWidget(m_save);
    edit->addWidget(m_remove);
    edit->addStretch(1);
    edit->addWidget(m_rescan);
    auto* scan = new QHBoxLayout();
    scan->addWidget(m_status, 1);
    scan->addWidget(m_progress);
    scan->addWidget(m_cancel);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addLayout(edit);
    layout->addLayout(scan);
    layout->addWidget(buttons);
    resize(620, 460);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &BrandsDialog::selectionChanged);
    connect(m_add, &QPushButton::clicked, this, &BrandsDialog::addBrand);
    connect(m_save, &QPushButton::clicked, this, &BrandsDialog::saveDomains);
    connect(m_remove, &QPushButton::clicked, this, &BrandsDialog::removeBrand);
    connect(m_rescan, &QPushButton::clicked, m_controller, &WatchlistController::rescan);
    connect(m_cancel, &QPushButton::clicked, m_controller, &WatchlistController::cancel);
    connect(m_controller, &WatchlistController::started, this, [this] {
        m_status->setText(m_controller->isScanning() ? tr("Rescanning the store…")
                                                     : tr("Saving the watchlist…"));
        m_progress->setRange(0, 0);
        m_progress->show();
        m_cancel->setVisible(m_controller->isScanning());
    });
    connect(m_controller, &WatchlistController::watchlistChanged, this,
            [this](const QStringList& errors) {
                reload();
                if (!errors.isEmpty())
                    showError(errors.join(QLatin1Char('\n')));
            });
    connect(m_controller, &WatchlistController::progressChanged, this,
            [this](qulonglong done, qulonglong total) {
                if (total == 0)
                    return;
                m_progress->setRange(0, 1000);
                m_progress->setValue(static_cast<int>(1000 * done / total));
                m_status->setText(tr("Rescanning the store: %1 of %2 names").arg(done).arg(total));
            });
    connect(m_controller, &WatchlistController::scanFinished, this,
            [this](const QString& summary, bool) {
                m_progress->hide();
                m_cancel->hide();
                m_status->setText(summary);
            });
    selectionChanged();
}

void BrandsDialog::reload() {
    const QString selected = m_list->currentItem() != nullptr
                                 ? m_list->currentItem()->data(0, kStoredRole).toString()
                                 : QString();
    m_list->clear();
    auto brands = m_controller->brands();
    if (!brands) {
        showError(QString::fromStdString(brands.error().describe()));
        return;
    }
    for (const auto& b : *brands) {
        QStringList shown;
        QStringList stored;
        for (const auto& d : b.domains) {
            shown << displayName(d);
            stored << QString::fromStdString(d);
        }
        auto* item = new QTreeWidgetItem(
            m_list, {displayName(b.name), shown.isEmpty() ? tr("(none: only the label is watched)")
                                                          : shown.join(QStringLiteral(", "))});
        item->setData(0, kStoredRole, QString::fromStdString(b.name));
        item->setData(1, kStoredRole, stored);
        if (QString::fromStdString(b.name) == selected)
            m_list->setCurrentItem(item);
    }
    selectionChanged();
}

QStringList BrandsDialog::brandNames() const {
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        out << m_list->topLevelItem(i)->data(0, kStoredRole).toString();
    return out;
}

QStringList BrandsDialog::domainsOf(const QString& brand) const {
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_list->topLevelItem(i);
        if (item->data(0, kStoredRole).toString() == brand)
            return item->data(1, kStoredRole).toStringList();
    }
    return {};
}

QString BrandsDialog::statusText() const {
    return m_status->text();
}

void BrandsDialog::selectionChanged() {
    const QTreeWidgetItem* item = m_list->currentItem();
    const bool selected = item != nullptr && item->isSelected();
    m_remove->setEnabled(selected);
    if (!selected)
        return;
    m_name->setText(unicodeName(item->data(0, kStoredRole).toString()));
    QStringList domains;
    for (const QString& d : item->data(1, kStoredRole).toStringList())
        domains << unicodeName(d);
    m_domains->setText(domains.join(QLatin1Char(' ')));
}

void BrandsDialog::addBrand() {
    auto brand = parseFields(m_name->text(), m_domains->text());
    if (!brand) {
        showError(QString::fromStdString(brand.error().message));
        return;
    }
    m_controller->apply({WatchlistController::Change::Kind::Add, std::move(*brand)});
}

void BrandsDialog::saveDomains() {
    auto brand = parseFields(m_name->text(), m_domains->text());
    if (!brand) {
        showError(QString::fromStdString(brand.error().message));
        return;
    }
    if (!brandNames().contains(QString::fromStdString(brand->name))) {
        showError(tr("'%1' is not on the watchlist; use Add brand")
                      .arg(QString::fromStdString(brand->name)));
        return;
    }
    m_controller->apply({WatchlistController::Change::Kind::SetDomains, std::move(*brand)});
}

void BrandsDialog::removeBrand() {
    const QTreeWidgetItem* item = m_list->currentItem();
    if (item == nullptr)
        return;
    lookalike::Brand brand;
    brand.name = item->data(0, kStoredRole).toString().toStdString();
    m_controller->apply({WatchlistController::Change::Kind::Remove, std::move(brand)});
}

void BrandsDialog::showError(const QString& message) {
    m_status->setText(
        QStringLiteral("<span style='color:#c01c28'>%1</span>")
            .arg(message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
}

}  // namespace tapir::views
