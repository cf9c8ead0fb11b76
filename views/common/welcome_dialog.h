// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QDialog>
#include <QStringList>

#include <functional>

class QPushButton;

namespace tapir::views {

class RecordTableModel;

// The first-start screen: what Tapir does, how to import, and a button that imports the
// sample data shipped with the app. Shown once per user (QSettings "welcome/shown"), and only
// over an empty store. Emits sampleDataRequested(); the caller imports. GUI thread only.
class WelcomeDialog : public QDialog {
    Q_OBJECT
public:
    explicit WelcomeDialog(const QStringList& samples, QWidget* parent = nullptr);

    // The sample files in `dir` (sorted; README files skipped), or empty.
    [[nodiscard]] static QStringList samplesIn(const QString& dir);
    // The sample files installed with the app: $TAPIR_SAMPLES_DIR, else next to the
    // executable (../share/tapir/samples; Contents/Resources/samples in a macOS bundle),
    // else tapir/samples in the XDG data directories. Empty when none is installed.
    [[nodiscard]] static QStringList installedSamples();
    [[nodiscard]] static bool firstStart();
    static void markShown();
    // Waits for `model`'s first result; if this is the first start and the store is empty,
    // shows the dialog over `window` and hands the chosen samples to `import`.
    static void offerOnFirstStart(QWidget* window, RecordTableModel* model,
                                  std::function<void(const QStringList&)> import);

    [[nodiscard]] QPushButton* sampleButton() const { return m_sampleButton; }

Q_SIGNALS:
    void sampleDataRequested(const QStringList& files);

private:
    QStringList m_samples;
    QPushButton* m_sampleButton;
};

}  // namespace tapir::views
