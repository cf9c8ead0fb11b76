// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "import/retention_dialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/worker.h"
#include "ingest/retention.h"
#include "store/database.h"

namespace tapir::views {

// Progress of the deletion, written on the worker and read by the GUI's poll.
class RetentionDialog::Progress final : public ProgressSink {
public:
    void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t total) override {
        m_total.store(total);
    }
    void progressed(std::uint64_t done, std::uint64_t) override { m_done.store(done); }
    std::atomic<std::uint64_t> m_total{0}, m_done{0};
};

namespace {

QString number(qint64 n) {
    return QLocale().toString(n);
}

// Seconds only when the date has them.
QString utcText(const QDateTime& t) {
    const QDateTime utc = t.toUTC();
    return utc.toString(utc.time().second() != 0 ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                 : QStringLiteral("yyyy-MM-dd HH:mm")) +
           QStringLiteral(" UTC");
}

QString windowText(const RetentionPolicy& policy) {
    if (!policy.keepSeconds)
        return RetentionDialog::tr("Watched folders keep every record.");
    const std::int64_t s = *policy.keepSeconds;
    const QString length = s == 86'400       ? RetentionDialog::tr("1 day")
                           : s % 86'400 == 0 ? RetentionDialog::tr("%1 days").arg(s / 86'400)
                                             : QString::fromStdString(formatRetentionWindow(s));
    return RetentionDialog::tr(
               "Watched folders delete the records last seen more than %1 ago, "
               "when watching starts and every 10 minutes.")
        .arg(length);
}

}  // namespace

RetentionDialog::RetentionDialog(const QString& databasePath, QWidget* parent)
    : QDialog(parent), m_path(databasePath), m_sink(std::make_unique<Progress>()) {
    m_writer.setMaxThreadCount(1);
    setWindowTitle(tr("Delete Old Records"));
    auto* intro = new QLabel(
        tr("Deletes every record last seen before the date, with its sources and timeline, "
           "and the names and values nothing else refers to. Records still seen after the "
           "date stay whole. Files imported before stay known, so they are not counted twice "
           "if they come back."),
        this);
    intro->setWordWrap(true);
    m_date = new QDateTimeEdit(this);
    m_date->setObjectName(QStringLiteral("retentionDate"));
    m_date->setTimeSpec(Qt::UTC);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_date->setCalendarPopup(true);
    // Three months, a common window; the count below says what it would take.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_date->setDateTime(QDateTime(now.date().addDays(-90), QTime(0, 0), Qt::UTC));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("retentionCount"));
    m_count->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    auto* form = new QFormLayout;
    form->addRow(tr("Last seen before:"), m_date);
    auto* buttons = new QDialogButtonBox(this);
    m_delete = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("retentionDelete"));
    m_delete->setEnabled(false);
    m_delete->setAutoDefault(false);
    m_close = buttons->addButton(QDialogButtonBox::Close);

    m_keep = new QCheckBox(tr("While folders are watched, keep only the last"), this);
    m_keep->setObjectName(QStringLiteral("retentionWindow"));
    m_keepDays = new QSpinBox(this);
    m_keepDays->setObjectName(QStringLiteral("retentionWindowDays"));
    m_keepDays->setRange(1, 36500);
    m_keepDays->setValue(90);
    m_keepDays->setSuffix(tr(" days"));
    m_keepStatus = new QLabel(this);
    m_keepStatus->setWordWrap(true);
    auto* window = new QHBoxLayout;
    window->addWidget(m_keep);
    window->addWidget(m_keepDays);
    window->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_count);
    layout->addWidget(m_progress);
    layout->addSpacing(8);
    layout->addLayout(window);
    layout->addWidget(m_keepStatus);
    layout->addWidget(buttons);
    // Room for two lines of the texts that change, so the dialog does not need to grow
    // (a top-level window does not follow its labels' height for width).
    const int twoLines = 2 * fontMetrics().lineSpacing();
    m_count->setMinimumHeight(twoLines);
    m_keepStatus->setMinimumHeight(twoLines);
    resize(560, std::max(sizeHint().height(), heightForWidth(560)));
    loadWindow();
    connect(m_keep, &QCheckBox::toggled, this, &RetentionDialog::saveWindow);
    connect(m_keepDays, &QSpinBox::valueChanged, this, [this] {
        if (m_keep->isChecked())
            saveWindow();
    });

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &RetentionDialog::recount);
    connect(m_date, &QDateTimeEdit::dateTimeChanged, this, [this] {
        m_delete->setEnabled(false);
        m_debounce.start();
    });
    connect(&m_counter, &QFutureWatcher<Count>::finished, this, &RetentionDialog::countDone);
    connect(&m_deleter, &QFutureWatcher<Outcome>::finished, this, &RetentionDialog::deleteDone);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &RetentionDialog::poll);
    connect(m_delete, &QPushButton::clicked, this, &RetentionDialog::startDelete);
    connect(m_close, &QPushButton::clicked, this, &RetentionDialog::reject);
    recount();
}

RetentionDialog::~RetentionDialog() {
    m_cancel.cancel();
    m_writer.waitForDone();
    waitFor(m_counter);
    waitFor(m_deleter);
}

void RetentionDialog::loadWindow() {
    auto db = store::Database::open(m_path.toStdString(), store::Database::Mode::ReadOnly);
    auto policy = db ? RetentionPolicy::load(**db) : Result<RetentionPolicy>(db.error());
    if (!policy) {
        m_keepStatus->setText(QString::fromStdString(policy.error().describe()));
        return;
    }
    const QSignalBlocker blockCheck(m_keep);
    const QSignalBlocker blockDays(m_keepDays);
    m_keep->setChecked(policy->keepSeconds.has_value());
    m_keepDays->setEnabled(policy->keepSeconds.has_value());
    if (policy->keepSeconds) {
        // A window set in hours by tapir-cli shows as whole days (at least one).
        m_keepDays->setValue(
            static_cast<int>(std::max<std::int64_t>(1, (*policy->keepSeconds + 43'200) / 86'400)));
    }
    m_keepStatus->setText(windowText(*policy));
}

void RetentionDialog::saveWindow() {
    m_keepDays->setEnabled(m_keep->isChecked());
    RetentionPolicy policy;
    if (m_keep->isChecked())
        policy.keepSeconds = std::int64_t{m_keepDays->value()} * 86'400;
    // On a worker (one, so saves land in order): an import holding the store's write lock
    // must not freeze the dialog.
    QPointer<RetentionDialog> self(this);
    runOnPool(&m_writer, [self, policy, path = m_path.toStdString()] {
        auto db = store::Database::open(path);
        const Status st = db ? policy.save(**db) : Status(db.error());
        const QString text =
            st ? windowText(policy) : QString::fromStdString(st.error().describe());
        postTo(self, [self, text] {
            if (self)
                self->m_keepStatus->setText(text);
        });
    });
}

void RetentionDialog::setCutoff(const QDateTime& utc) {
    m_date->setDateTime(utc.toUTC());
}

QDateTime RetentionDialog::cutoff() const {
    return m_date->dateTime();
}

QString RetentionDialog::countText() const {
    return m_count->text();
}

void RetentionDialog::recount() {
    if (m_counter.isRunning()) {
        m_recountPending = true;  // counted again when this one is done
        return;
    }
    m_count->setText(tr("Counting…"));
    const std::string path = m_path.toStdString();
    const std::int64_t cutoff = m_date->dateTime().toSecsSinceEpoch();
    m_counter.setFuture(runOnPool([path, cutoff]() -> Count {
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return {-1, -1, QString::fromStdString(db.error().describe())};
        auto before = countRecordsLastSeenBefore(**db, cutoff);
        auto stats = (*db)->stats();
        if (!before || !stats)
            return {-1, -1,
                    QString::fromStdString((!before ? before.error() : stats.error()).describe())};
        return {static_cast<qint64>(*before), static_cast<qint64>(stats->records), {}};
    }));
}

void RetentionDialog::countDone() {
    const Count c = resultOf(m_counter);
    if (m_recountPending) {
        m_recountPending = false;
        recount();
        return;
    }
    if (m_deleter.isRunning())
        return;
    m_counted = c.before;
    if (!c.error.isEmpty()) {
        m_count->setText(c.error);
    } else if (c.before == 0) {
        m_count->setText(tr("No record of the %1 in the database was last seen before %2.")
                             .arg(number(c.total), utcText(cutoff())));
    } else {
        m_count->setText(tr("%1 of %2 records were last seen before %3 and will be deleted. "
                            "This cannot be undone.")
                             .arg(number(c.before), number(c.total), utcText(cutoff())));
    }
    m_delete->setEnabled(c.before > 0);
    m_delete->setText(c.before > 0 ? tr("Delete %1 Records").arg(number(c.before)) : tr("Delete"));
    Q_EMIT countChanged(c.before);
}

void RetentionDialog::startDelete() {
    if (m_deleter.isRunning() || m_counted <= 0)
        return;
    m_cancel.reset();
    m_date->setEnabled(false);
    m_delete->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_count->setText(tr("Deleting records last seen before %1…").arg(utcText(cutoff())));
    m_close->setText(tr("Stop"));
    const std::string path = m_path.toStdString();
    const std::int64_t cutoff = m_date->dateTime().toSecsSinceEpoch();
    m_deleter.setFuture(
        runOnPool([path, cutoff, sink = m_sink.get(), cancel = &m_cancel]() -> Outcome {
            auto db = store::Database::open(path);
            if (!db)
                return {QString::fromStdString(db.error().describe()), false, false};
            auto report = pruneRecords(**db, cutoff, *sink, *cancel);
            if (!report) {
                return {QString::fromStdString(report.error().describe()), false,
                        sink->m_done.load() > 0};
            }
            const QString what = report->cancelled ? tr("Stopped after deleting %1 records")
                                                   : tr("Deleted %1 records");
            return {what.arg(number(static_cast<qint64>(report->records))) +
                        tr(" last seen before %1 (and %2 names, %3 rdata values nothing refers "
                           "to any more); %4 records remain.")
                            .arg(utcText(QDateTime::fromSecsSinceEpoch(cutoff, Qt::UTC)),
                                 number(static_cast<qint64>(report->names)),
                                 number(static_cast<qint64>(report->rdata)),
                                 number(static_cast<qint64>(report->remaining))),
                    true, report->records > 0 || report->names > 0 || report->rdata > 0};
        }));
    m_poll.start();
}

void RetentionDialog::poll() {
    const auto total = m_sink->m_total.load();
    const auto done = m_sink->m_done.load();
    if (total == 0)
        return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(1000.0 * static_cast<double>(std::min(done, total)) /
                                          static_cast<double>(total)));
    m_count->setText(tr("Deleting records last seen before %1: %2 of %3…")
                         .arg(utcText(cutoff()), number(static_cast<qint64>(done)),
                              number(static_cast<qint64>(total))));
}

void RetentionDialog::deleteDone() {
    m_poll.stop();
    const Outcome outcome = resultOf(m_deleter);
    m_summary = outcome.summary;
    m_close->setText(tr("Close"));
    m_progress->setVisible(false);
    m_count->setText(outcome.summary);
    m_date->setEnabled(true);
    if (outcome.deletedAny)
        Q_EMIT storeChanged();
    Q_EMIT deletionFinished(outcome.summary, outcome.ok);
    if (outcome.ok && !m_cancel.cancelled())
        accept();
    else
        recount();
}

void RetentionDialog::reject() {
    if (m_deleter.isRunning()) {
        m_cancel.cancel();  // deleteDone() follows
        m_count->setText(tr("Stopping…"));
        return;
    }
    QDialog::reject();
}

}  // namespace tapir::views
