// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/record_details_widget.h"

#include <QLabel>
#include <QListWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "common/time_format.h"
#include "common/worker.h"
#include "dns/rrtype.h"
#include "query/record_query.h"
#include "records/record_table_model.h"
#include "store/database.h"

namespace tapir::views {

RecordDetailsWidget::RecordDetailsWidget(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_sources(new QListWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(tr("Seen in these imported files:"), this));
    layout->addWidget(m_sources, 1);
    m_summary->setText(tr("Select a record to see where it came from."));
    connect(&m_watcher, &QFutureWatcher<QStringList>::finished, this, [this] {
        m_sources->clear();
        m_sources->addItems(resultOf(m_watcher));
    });
}

RecordDetailsWidget::~RecordDetailsWidget() {
    waitFor(m_watcher);
}

void RecordDetailsWidget::showRecord(const Record* record) {
    m_sources->clear();
    if (record == nullptr) {
        m_summary->setText(tr("Select a record to see where it came from."));
        return;
    }
    const QString name = QString::fromStdString(record->rrname);
    const QString unicode = QUrl::fromAce(name.toLatin1(), QUrl::IgnoreIDNWhitelist);
    QString text = QStringLiteral("<b>%1</b>").arg(visibleText(name).toHtmlEscaped());
    if (unicode != name) {
        text += QStringLiteral(" (%1)").arg(visibleText(unicode).toHtmlEscaped());
    }
    // Hidden characters (bidi overrides in TXT, say) are shown escaped, as in the table.
    text += QStringLiteral(" %1 <b>%2</b><br>")
                .arg(QString::fromStdString(dns::typeName(record->rrtype)),
                     displayRdata(record->rrtype, record->rdata).toHtmlEscaped());
    text += tr("first seen %1, last seen %2 (UTC), seen %3 times")
                .arg(QString::fromStdString(formatUtc(record->firstSeen)),
                     QString::fromStdString(formatUtc(record->lastSeen)))
                .arg(record->count);
    if (!record->bailiwick.empty()) {
        text +=
            tr(", bailiwick %1").arg(visibleText(displayName(record->bailiwick)).toHtmlEscaped());
    }
    m_summary->setText(text);
    waitFor(m_watcher);
    const std::string path = m_path.toStdString();
    m_watcher.setFuture(runOnPool([path, r = *record]() -> QStringList {
        QStringList out;
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return {QString::fromStdString(db.error().describe())};
        auto sources = (*db)->recordSources(r.rrname, r.rrtype, r.rdata);
        if (!sources)
            return {QString::fromStdString(sources.error().describe())};
        for (const auto& s : *sources)
            out << QString::fromStdString(s);
        return out;
    }));
}

}  // namespace tapir::views
