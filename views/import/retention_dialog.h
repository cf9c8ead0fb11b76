// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QDateTime>
#include <QDialog>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>

#include "common/progress.h"

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tapir::views {

// File › Delete Old Records…: retention (ingest/retention.h). The user picks a date (UTC);
// the dialog counts, on a worker with its own connection, how many records were last seen
// before it, and its Delete button (the confirmation: it names that number) deletes them
// on a worker with a read-write connection, with a progress bar and Cancel (what was
// deleted stays deleted). Below, the store's retention window (RetentionPolicy), which
// watched folders keep: a checkbox and a number of days, saved to the store as they change.
// GUI thread only.
class RetentionDialog : public QDialog {
    Q_OBJECT
public:
    RetentionDialog(const QString& databasePath, QWidget* parent = nullptr);
    ~RetentionDialog() override;

    void setCutoff(const QDateTime& utc);
    [[nodiscard]] QDateTime cutoff() const;
    // "1,234 of 5,678 records were last seen before …", or what is being done.
    [[nodiscard]] QString countText() const;
    // How many records the last count found (-1: not counted yet).
    [[nodiscard]] qint64 counted() const { return m_counted; }
    [[nodiscard]] QPushButton* deleteButton() const { return m_delete; }
    [[nodiscard]] QCheckBox* windowCheck() const { return m_keep; }
    [[nodiscard]] QSpinBox* windowDays() const { return m_keepDays; }
    // What the deletion did, one line, once finished.
    [[nodiscard]] const QString& summary() const { return m_summary; }
    void reject() override;  // Cancel: stops a deletion first

Q_SIGNALS:
    void countChanged(qint64 records);
    // Records were deleted (also after a cancel or an error part-way): views may refresh.
    void storeChanged();
    void deletionFinished(const QString& summary, bool ok);

private:
    struct Count {
        qint64 before = -1;
        qint64 total = -1;
        QString error;
    };
    struct Outcome {
        QString summary;
        bool ok = false;
        bool deletedAny = false;
    };
    class Progress;

    void recount();
    void countDone();
    void startDelete();
    void deleteDone();
    void poll();
    void loadWindow();
    void saveWindow();

    QString m_path;
    QDateTimeEdit* m_date;
    QLabel* m_count;
    QProgressBar* m_progress;
    QPushButton* m_delete;
    QPushButton* m_close;
    QCheckBox* m_keep;
    QSpinBox* m_keepDays;
    QLabel* m_keepStatus;
    QTimer m_debounce;
    QTimer m_poll;
    QFutureWatcher<Count> m_counter;
    QFutureWatcher<Outcome> m_deleter;
    std::unique_ptr<Progress> m_sink;
    CancelToken m_cancel;
    QThreadPool m_writer;  // saves the retention window, in order
    qint64 m_counted = -1;
    bool m_recountPending = false;
    QString m_summary;
};

}  // namespace tapir::views
