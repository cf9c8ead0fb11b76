// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "import/import_status_widget.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include "import/import_controller.h"

namespace tapir::views {

ImportStatusWidget::ImportStatusWidget(ImportController* controller, QWidget* parent)
    : QWidget(parent),
      m_label(new QLabel(this)),
      m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setRange(0, 1000);
    m_bar->setFixedWidth(180);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import; the file being read is rolled back"));
    setVisible(false);

    connect(m_cancel, &QToolButton::clicked, controller, &ImportController::cancel);
    connect(controller, &ImportController::started, this, [this] {
        m_label->setText(tr("Importing…"));
        m_bar->setValue(0);
        setVisible(true);
    });
    connect(controller, &ImportController::progressChanged, this,
            [this](int index, int count, const QString& path, double fraction, qulonglong records) {
                m_label->setText(tr("Importing %1 (%2 of %3), %4 records")
                                     .arg(QFileInfo(path).fileName())
                                     .arg(index + 1)
                                     .arg(count)
                                     .arg(records));
                m_bar->setValue(static_cast<int>(fraction * 1000));
            });
    connect(controller, &ImportController::finished, this,
            [this](const QString&, const QStringList&, bool) { setVisible(false); });
}

}  // namespace tapir::views
