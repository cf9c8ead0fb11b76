// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QThread>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "query/record_query.h"

namespace tapir::views {

class RecordPageLoader;

// Item role every entity-bearing model answers: the domain name or IP address a cell
// stands for, so one pivot menu works on every view.
inline constexpr int kEntityRole = Qt::UserRole + 1;
// For an entity that is the target of a record (NS, MX, CNAME rdata): that record's type,
// so pivots can offer "domains served by this nameserver" first.
inline constexpr int kPivotHintRole = Qt::UserRole + 2;
// kPivotHintRole of a bailiwick cell: pivots offer the records of that bailiwick first.
inline constexpr QLatin1String kBailiwickHint("bailiwick");

// Stored text (TXT rdata may hold raw UTF-8) as the GUI shows it: each hidden character
// (controls, bidi and other format characters, unusual spaces) as a visible escape, \DDD
// for an ASCII control as the presentation format writes bytes (RFC 1035 §5.1), \uXXXX or
// \UXXXXXXXX above. Display only; stored values and exports are untouched.
[[nodiscard]] QString visibleText(const QString& text);
// A stored name as the GUI shows it: an IDN as its Unicode form beside the punycode, so a
// homograph is visible and the real labels are too ("bücher.example  (xn--bcher-kva...)").
[[nodiscard]] QString displayName(const std::string& name);
// Rdata as the GUI shows it: the name inside (CNAME, NS, MX, SRV... target) as displayName
// does, the rest as stored, hidden characters escaped ("10 mail.bücher.example  (mail.xn--
// bcher-kva.example)").
[[nodiscard]] QString displayRdata(std::uint32_t rrtype, const std::string& rdata);

// A table of passive DNS records over a query, loaded lazily in pages on a worker thread
// (RecordPageLoader) as the view scrolls; the exact count of a large result runs on a
// second one. A new query or refresh() bumps a generation number: the old query's work is
// stopped and pages that arrive for it are dropped. Sorting is done in SQL.
// GUI thread only.
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr std::int64_t kPageSize = 2000;  // rows per fetch
    // Results up to this size are summed up (summary()) after they are counted. Summing
    // reads every matching row, not an index: the 1.19M records of a 3M-observation store
    // take 0.5 s, and a store of tens of millions would be read whole again at each commit
    // of a watched folder. Larger results show their count only.
    static constexpr std::int64_t kSummaryMax = 2'000'000;

    enum Column {
        FirstSeen,
        LastSeen,
        Count,
        RRName,
        RRType,
        Rdata,
        Bailiwick,
        Sources,
        ColumnCount
    };

    explicit RecordTableModel(QObject* parent = nullptr);
    ~RecordTableModel() override;

    void setDatabasePath(const QString& path);
    // A new query, in the order the table has unless the query chose one (sortGiven).
    void setQuery(const QuerySpec& spec);
    [[nodiscard]] const QuerySpec& query() const { return m_spec; }
    // Reloads the current query (after an import changed the store).
    void refresh();

    // Total rows the query matches (known after the first page), or -1 while counting.
    [[nodiscard]] std::int64_t totalRows() const { return m_total; }
    // True while totalRows() is only a lower bound (a large result is still being counted).
    [[nodiscard]] bool totalIsEstimate() const { return m_totalIsEstimate; }
    [[nodiscard]] const Record* record(int row) const;
    [[nodiscard]] bool isLoading() const { return m_loading; }
    // Show first/last seen in local time instead of UTC.
    void setLocalTime(bool local);
    [[nodiscard]] bool localTime() const { return m_localTime; }
    // A time as the time columns show it (UTC or local, "yyyy-MM-dd HH:mm:ss").
    [[nodiscard]] QString formatTime(std::int64_t seconds) const;
    // The summary of the whole result (DNSDB's summarize), once summaryChanged was emitted
    // for the current query.
    [[nodiscard]] const std::optional<RecordSummary>& summary() const { return m_summary; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order) override;
    // The column the rows are sorted by (FirstSeen, LastSeen, Count or RRName); the other
    // columns do not sort, and sort() leaves the order as it is for them.
    [[nodiscard]] int sortColumn() const;
    [[nodiscard]] static bool isSortable(int column);

Q_SIGNALS:
    // The first page of a query arrived (or failed): the total is known, or for a large
    // result a lower bound (totalIsEstimate()); totalCounted follows with the exact count.
    void queryFinished(qint64 total, const QString& error);
    void totalCounted(qint64 total);
    // The whole result summed up (summary()): after the first page, and after the exact
    // count of a large result, on the counting thread; again when the time zone changes.
    void summaryChanged();

private:
    void requestPage(std::int64_t offset, bool withCount);
    void requestCount();
    void requestSummary();

    QString m_path;
    QuerySpec m_spec;
    std::vector<Record> m_rows;
    std::int64_t m_total = -1;
    bool m_totalIsEstimate = false;
    std::optional<RecordSummary> m_summary;
    // Bumped by refresh(); shared with the loaders' threads, which stop work for any
    // other generation. Written on the GUI thread only.
    std::shared_ptr<std::atomic<std::uint64_t>> m_generation;
    bool m_loading = false;
    bool m_localTime = false;
    QThread m_thread;
    RecordPageLoader* m_loader = nullptr;  // pages; lives in m_thread
    QThread m_countThread;
    RecordPageLoader* m_counter = nullptr;  // exact counts; lives in m_countThread
};

}  // namespace tapir::views
