// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace tapir::views {

class ImportController;

// The status-bar strip shown while an import runs: current file, a progress bar and
// Cancel. Hidden when idle. GUI thread only.
class ImportStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit ImportStatusWidget(ImportController* controller, QWidget* parent = nullptr);

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

}  // namespace tapir::views
