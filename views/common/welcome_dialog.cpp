// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/welcome_dialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "records/record_table_model.h"

namespace tapir::views {

namespace {
const QString kShownKey = QStringLiteral("welcome/shown");
}

WelcomeDialog::WelcomeDialog(const QStringList& samples, QWidget* parent)
    : QDialog(parent), m_samples(samples), m_sampleButton(new QPushButton(this)) {
    setWindowTitle(tr("Welcome to Tapir"));
    auto* layout = new QVBoxLayout(this);

    auto* icon = new QLabel(this);
    icon->setPixmap(windowIcon().pixmap(64, 64));  // the application's icon
    icon->setAlignment(Qt::AlignHCenter);
    layout->addWidget(icon);

    // Rich text with palette colours only, so the dialog reads well in light and dark themes.
    auto* text = new QLabel(this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setText(
        tr("<h3>Welcome to Tapir</h3>"
           "<p>Tapir turns DNS answers logged by resolvers into <b>passive DNS</b>: the history "
           "of what every name pointed to, with first and last sighting and a count.</p>"
           "<p>Drop feed files or folders on the window, or use <i>File › Import Files…</i> "
           "(Ctrl+I): dnstap, passivedns, COF/DNSDB JSON, Zeek, Suricata, CSV, pcap and zone "
           "files. "
           "Then search (Ctrl+F), pivot from any cell (double-click or Ctrl+Return) and go "
           "back and forward (Alt+Left/Right). <i>Names</i> (Ctrl+Shift+N) lists a search's "
           "names once each: the subdomains of <tt>*.example.com</tt>, the names on an "
           "address.</p>"
           "<p>Have a report's indicators? Paste them, defanged or not, into "
           "<i>Go › Triage Indicators…</i> (Ctrl+Shift+I) to see which were seen and when. "
           "Keep watch on a domain, a subnet or a name server with <i>Go › Monitor This "
           "Search</i> (Ctrl+Shift+M): its new records show in the Monitors dock.</p>"));
    layout->addWidget(text);

    m_sampleButton->setObjectName(QStringLiteral("openSampleData"));
    m_sampleButton->setText(tr("Open Sample Data"));
    if (m_samples.isEmpty()) {
        m_sampleButton->setEnabled(false);
        m_sampleButton->setToolTip(tr("No sample data is installed with this build."));
    } else {
        QStringList names;
        for (const auto& path : m_samples)
            names << QFileInfo(path).fileName();
        m_sampleButton->setToolTip(
            tr("Imports %1 into the current database.").arg(names.join(QStringLiteral(", "))));
    }
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_sampleButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Start Empty"), QDialogButtonBox::RejectRole);
    m_sampleButton->setDefault(!m_samples.isEmpty());
    layout->addWidget(buttons);

    connect(m_sampleButton, &QPushButton::clicked, this,
            [this] { Q_EMIT sampleDataRequested(m_samples); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QStringList WelcomeDialog::samplesIn(const QString& dir) {
    QStringList files;
    const QDir d(dir);
    for (const auto& name : d.entryList(QDir::Files | QDir::Readable, QDir::Name)) {
        if (!name.startsWith(QLatin1String("README"), Qt::CaseInsensitive)) {
            files << d.absoluteFilePath(name);
        }
    }
    return files;
}

QStringList WelcomeDialog::installedSamples() {
    QStringList dirs;
    if (const QString env = qEnvironmentVariable("TAPIR_SAMPLES_DIR"); !env.isEmpty()) {
        dirs << env;
    }
    // Relative to the executable first, so an unpacked .tar.gz or a Windows install
    // finds its own copy rather than one from another installation.
    const QString appDir = QCoreApplication::applicationDirPath();
    dirs << appDir + QStringLiteral("/../share/tapir/samples")
         << appDir + QStringLiteral("/../Resources/samples");
    dirs << QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                      QStringLiteral("tapir/samples"),
                                      QStandardPaths::LocateDirectory);
    for (const auto& dir : dirs) {
        if (QStringList files = samplesIn(dir); !files.isEmpty())
            return files;
    }
    return {};
}

bool WelcomeDialog::firstStart() {
    return !QSettings().value(kShownKey, false).toBool();
}

void WelcomeDialog::markShown() {
    QSettings().setValue(kShownKey, true);
}

void WelcomeDialog::offerOnFirstStart(QWidget* window, RecordTableModel* model,
                                      std::function<void(const QStringList&)> import) {
    if (!firstStart())
        return;
    // The model's first query is the empty search over the whole store; its total says
    // whether the store is empty without the views touching SQL.
    QObject::connect(
        model, &RecordTableModel::queryFinished, window,
        [window, import = std::move(import)](qint64 total, const QString& error) {
            if (!error.isEmpty() || !firstStart())
                return;
            markShown();  // a first start over an existing store is still the first start
            if (total != 0)
                return;
            auto* dialog = new WelcomeDialog(installedSamples(), window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            QObject::connect(dialog, &WelcomeDialog::sampleDataRequested, window, import);
            dialog->open();
        },
        Qt::SingleShotConnection);
}

}  // namespace tapir::views
