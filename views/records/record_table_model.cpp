// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Lazy paging: rowCount() is the number of rows loaded so far; canFetchMore() is true
// while the query's total (counted with the first page) is larger and no page is in
// flight. Each request carries the generation it was made for; setQuery()/refresh() bump
// the generation and reset the rows, so a late page of an old query is ignored.

#include "records/record_table_model.h"

#include <QDateTime>
#include <QUrl>

#include <algorithm>

#include "common/time_format.h"
#include "common/worker.h"
#include "dns/name.h"
#include "dns/rrtype.h"
#include "records/record_page_loader.h"

namespace tapir::views {

RecordTableModel::RecordTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_generation(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    auto start = [this](QThread& thread, const char* name) {
        auto* loader = new RecordPageLoader(m_generation);
        loader->moveToThread(&thread);
        connect(&thread, &QThread::finished, loader, &QObject::deleteLater);
        thread.setObjectName(QString::fromLatin1(name));
        thread.start();
        return loader;
    };
    m_loader = start(m_thread, "record-pages");
    m_counter = start(m_countThread, "record-count");
    m_spec.limit = kPageSize;
}

RecordTableModel::~RecordTableModel() {
    m_generation->store(UINT64_MAX);  // no generation: stop what runs, so the threads end now
    m_thread.quit();
    m_countThread.quit();
    m_thread.wait();
    m_countThread.wait();
}

void RecordTableModel::setDatabasePath(const QString& path) {
    m_path = path;
    refresh();
}

void RecordTableModel::setQuery(const QuerySpec& spec) {
    const auto sort = m_spec.sort;
    const bool descending = m_spec.descending;
    m_spec = spec;
    if (!spec.sortGiven) {
        m_spec.sort = sort;
        m_spec.descending = descending;
    }
    refresh();
}

void RecordTableModel::refresh() {
    beginResetModel();
    m_generation->fetch_add(1);
    m_rows.clear();
    m_total = -1;
    m_totalIsEstimate = false;
    m_summary.reset();
    m_loading = false;
    endResetModel();
    if (!m_path.isEmpty()) {
        requestPage(0, true);
    }
}

void RecordTableModel::requestPage(std::int64_t offset, bool withCount) {
    m_loading = true;
    QuerySpec spec = m_spec;
    spec.offset = offset;
    spec.limit = kPageSize;
    const std::uint64_t generation = m_generation->load();
    const QString path = m_path;
    RecordPageLoader* loader = m_loader;
    postTo(m_loader, [loader, path, generation, spec, withCount, this] {
        loader->load(path, generation, spec, withCount, this, [this](RecordPageLoader::Page page) {
            if (page.generation != m_generation->load()) {
                return;  // an older query's page
            }
            if (page.total >= 0) {
                m_total = page.total;
                m_totalIsEstimate = page.totalIsLowerBound;
                if (page.totalIsLowerBound && page.error.isEmpty()) {
                    requestCount();
                }
            }
            if (m_totalIsEstimate && page.error.isEmpty() &&
                page.records.size() < static_cast<std::size_t>(kPageSize)) {
                // A short page: the end of the result, counted exactly.
                m_total = page.offset + static_cast<std::int64_t>(page.records.size());
                m_totalIsEstimate = false;
            }
            if (!page.records.empty()) {
                const int first = static_cast<int>(m_rows.size());
                beginInsertRows({}, first, first + static_cast<int>(page.records.size()) - 1);
                std::move(page.records.begin(), page.records.end(), std::back_inserter(m_rows));
                endInsertRows();
            }
            // Only now: views may ask for the next page from inside the
            // insert notifications, and must not get this one again.
            m_loading = false;
            if (page.offset == 0) {
                if (!page.error.isEmpty())
                    m_total = 0;
                Q_EMIT queryFinished(m_total, page.error);
                if (page.error.isEmpty() && !page.totalIsLowerBound)
                    requestSummary();  // a large result's follows its exact count
            }
        });
    });
}

void RecordTableModel::requestCount() {
    const std::uint64_t generation = m_generation->load();
    const QString path = m_path;
    const QuerySpec spec = m_spec;
    RecordPageLoader* counter = m_counter;
    postTo(m_counter, [counter, path, generation, spec, this] {
        counter->count(path, generation, spec, this, [this](RecordPageLoader::Page page) {
            if (page.generation != m_generation->load() || !page.error.isEmpty()) {
                return;  // an older query's count
            }
            m_total = page.total;
            m_totalIsEstimate = false;
            Q_EMIT totalCounted(m_total);
            if (m_total <= kSummaryMax)
                requestSummary();
        });
    });
}

void RecordTableModel::requestSummary() {
    if (m_summary) {
        Q_EMIT summaryChanged();  // kept over a change of order
        return;
    }
    const std::uint64_t generation = m_generation->load();
    const QString path = m_path;
    const QuerySpec spec = m_spec;
    RecordPageLoader* counter = m_counter;
    postTo(m_counter, [counter, path, generation, spec, this] {
        counter->summarize(path, generation, spec, this, [this](RecordPageLoader::Page page) {
            if (page.generation != m_generation->load() || !page.summary) {
                return;  // an older query's summary, or stopped
            }
            m_summary = page.summary;
            Q_EMIT summaryChanged();
        });
    });
}

const Record* RecordTableModel::record(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < m_rows.size()
               ? &m_rows[static_cast<std::size_t>(row)]
               : nullptr;
}

int RecordTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool RecordTableModel::canFetchMore(const QModelIndex& parent) const {
    // While the total is a lower bound, keep paging until a short page ends the result.
    return !parent.isValid() && !m_loading &&
           (m_totalIsEstimate || m_total > static_cast<std::int64_t>(m_rows.size()));
}

void RecordTableModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent)) {
        requestPage(static_cast<std::int64_t>(m_rows.size()), false);
    }
}

QString displayName(const std::string& name) {
    const QString ascii = QString::fromStdString(name);
    if (!ascii.contains(QStringLiteral("xn--"))) {
        return ascii;
    }
    // Unicode beside punycode, so a homograph is visible and the real label is too.
    const QString unicode = QUrl::fromAce(ascii.toLatin1(), QUrl::IgnoreIDNWhitelist);
    return unicode == ascii ? ascii : unicode + QStringLiteral("  (") + ascii + QLatin1Char(')');
}

QString displayRdata(std::uint32_t rrtype, const std::string& rdata) {
    // The target is a field of the rdata (the last one), so rfind locates it.
    const std::string target = rdata.find("xn--") == std::string::npos
                                   ? std::string()
                                   : dns::rdataTargetName(rrtype, rdata);
    const auto at = target.empty() ? std::string::npos : rdata.rfind(target);
    if (at == std::string::npos) {
        return visibleText(QString::fromStdString(rdata));
    }
    return visibleText(QString::fromStdString(rdata.substr(0, at)) + displayName(target) +
                       QString::fromStdString(rdata.substr(at + target.size())));
}

namespace {

// Characters that change how a cell reads without being seen themselves: controls (C0, DEL,
// C1), format characters (bidi embeddings, overrides, isolates and marks, zero-width
// characters, soft hyphen, BOM, tags), line and paragraph separators, spaces other than U+0020.
bool isHidden(char32_t c) {
    switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return true;
        case QChar::Separator_Space:
            return c != U' ';
        default:
            return false;
    }
}

}  // namespace

QString visibleText(const QString& text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f;
    });
    if (plain) {
        return text;
    }
    QString out;
    out.reserve(text.size() + 16);
    for (const char32_t c : text.toUcs4()) {
        if (!isHidden(c)) {
            out += QString::fromUcs4(&c, 1);
        } else if (c < 0x80) {
            out += QStringLiteral("\\%1").arg(static_cast<uint>(c), 3, 10, QLatin1Char('0'));
        } else {
            const int width = c <= 0xffff ? 4 : 8;
            out += (width == 4 ? QStringLiteral("\\u") : QStringLiteral("\\U")) +
                   QString::number(static_cast<uint>(c), 16)
                       .toUpper()
                       .rightJustified(width, QLatin1Char('0'));
        }
    }
    return out;
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
    const Record* r = record(index.row());
    if (r == nullptr || index.column() < 0 || index.column() >= ColumnCount) {
        return {};
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case FirstSeen:
                return formatTime(r->firstSeen);
            case LastSeen:
                return formatTime(r->lastSeen);
            case Count:
                return QVariant::fromValue<qulonglong>(r->count);
            case RRName:
                return visibleText(displayName(r->rrname));
            case RRType:
                return QString::fromStdString(dns::typeName(r->rrtype));
            case Rdata:
                return displayRdata(r->rrtype, r->rdata);
            case Bailiwick:
                return visibleText(displayName(r->bailiwick));
            case Sources:
                return QVariant::fromValue<qulonglong>(r->sourceCount);
            default:
                return {};
        }
    }
    // The stored text, for "Copy": a name pasted into another tool must be the name as
    // the DNS has it, not the Unicode form shown beside it.
    if (role == Qt::EditRole) {
        switch (index.column()) {
            case RRName:
                return QString::fromStdString(r->rrname);
            case Rdata:
                return QString::fromStdString(r->rdata);
            case Bailiwick:
                return QString::fromStdString(r->bailiwick);
            default:
                return data(index, Qt::DisplayRole);
        }
    }
    if (role == kPivotHintRole && index.column() == Rdata) {
        return QString::fromStdString(dns::typeName(r->rrtype));
    }
    if (role == kPivotHintRole && index.column() == Bailiwick && !r->bailiwick.empty()) {
        return QString(kBailiwickHint);
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Count || index.column() == Sources)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == kEntityRole) {
        switch (index.column()) {
            case RRName:
                return QString::fromStdString(r->rrname);
            case Bailiwick:
                return QString::fromStdString(r->bailiwick);
            case Rdata: {
                if (r->rrtype == 1 || r->rrtype == 28)
                    return QString::fromStdString(r->rdata);
                const std::string target = dns::rdataTargetName(r->rrtype, r->rdata);
                return target.empty() ? QVariant() : QString::fromStdString(target);
            }
            default:
                return {};
        }
    }
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case FirstSeen:
            return m_localTime ? tr("First seen (local)") : tr("First seen (UTC)");
        case LastSeen:
            return m_localTime ? tr("Last seen (local)") : tr("Last seen (UTC)");
        case Count:
            return tr("Count");
        case RRName:
            return tr("RRname");
        case RRType:
            return tr("Type");
        case Rdata:
            return tr("Rdata");
        case Bailiwick:
            return tr("Bailiwick");
        case Sources:
            return tr("Sources");
        default:
            return {};
    }
}

QString RecordTableModel::formatTime(std::int64_t seconds) const {
    if (!m_localTime) {
        return QString::fromStdString(formatUtc(seconds));
    }
    return QDateTime::fromSecsSinceEpoch(seconds).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void RecordTableModel::setLocalTime(bool local) {
    if (local == m_localTime)
        return;
    m_localTime = local;
    Q_EMIT headerDataChanged(Qt::Horizontal, FirstSeen, LastSeen);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, FirstSeen), index(rowCount() - 1, LastSeen));
    }
    if (m_summary)
        Q_EMIT summaryChanged();
}

bool RecordTableModel::isSortable(int column) {
    return column == FirstSeen || column == LastSeen || column == Count || column == RRName;
}

int RecordTableModel::sortColumn() const {
    switch (m_spec.sort) {
        case QuerySpec::Sort::FirstSeen:
            return FirstSeen;
        case QuerySpec::Sort::Count:
            return Count;
        case QuerySpec::Sort::Name:
            return RRName;
        case QuerySpec::Sort::LastSeen:
            break;
    }
    return LastSeen;
}

void RecordTableModel::sort(int column, Qt::SortOrder order) {
    QuerySpec::Sort sort = m_spec.sort;
    switch (column) {
        case FirstSeen:
            sort = QuerySpec::Sort::FirstSeen;
            break;
        case LastSeen:
            sort = QuerySpec::Sort::LastSeen;
            break;
        case Count:
            sort = QuerySpec::Sort::Count;
            break;
        case RRName:
            sort = QuerySpec::Sort::Name;
            break;
        default:
            return;
    }
    const bool descending = order == Qt::DescendingOrder;
    if (sort == m_spec.sort && descending == m_spec.descending) {
        return;
    }
    m_spec.sort = sort;
    m_spec.descending = descending;
    // The same records in another order: their summary stays (summing reads every row).
    const auto kept = m_summary;
    refresh();
    m_summary = kept;
}

}  // namespace tapir::views
