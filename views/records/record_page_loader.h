// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "query/record_query.h"

namespace tapir::store {
class Database;
}

namespace tapir::views {

// Runs record queries on its own thread with its own read-only connection, so the GUI
// never waits on SQLite. Lives in a QThread owned by RecordTableModel; callers post work
// with load(), count() or summarize(), results come back through the callback on the caller's
// thread (the model's). The model keeps two: one for pages and one for exact counts, so neither a
// scroll nor a new search waits behind a count of millions of rows.
//
// Work is tagged with the generation it was asked for. `current` is the generation the
// model wants now (set on the GUI thread); a statement running for any other is stopped
// within microseconds, so a superseded search or count, or the model's destruction, frees
// the thread at once.
class RecordPageLoader : public QObject {
    Q_OBJECT
public:
    struct Page {
        std::uint64_t generation = 0;
        std::int64_t offset = 0;
        std::vector<Record> records;
        std::int64_t total = -1;  // set when the count was asked for
        // The count stopped at kCountCap + 1: `total` is a lower bound; count() brings the
        // exact number.
        bool totalIsLowerBound = false;
        // Set by summarize(): every match summed up.
        std::optional<RecordSummary> summary;
        QString error;
    };
    // Counting stops here before the first page is fetched, so a huge result shows at once
    // (DNSDB-style estimate); the exact count follows from count().
    static constexpr std::uint64_t kCountCap = 10000;
    using Callback = std::function<void(Page)>;

    explicit RecordPageLoader(std::shared_ptr<const std::atomic<std::uint64_t>> current);
    ~RecordPageLoader() override;

    // Called on the loader's thread (via postTo).
    // A page of `spec`, with the capped count first when `withCount`.
    void load(const QString& databasePath, std::uint64_t generation, QuerySpec spec, bool withCount,
              QObject* context, const Callback& done);
    // The exact number of records `spec` matches (a Page with only `total` set).
    void count(const QString& databasePath, std::uint64_t generation, const QuerySpec& spec,
               QObject* context, const Callback& done);
    // The summary of every record `spec` matches (a Page with only `summary` set).
    void summarize(const QString& databasePath, std::uint64_t generation, const QuerySpec& spec,
                   QObject* context, const Callback& done);

private:
    // Opens (or reopens, for another path) the connection; false with page.error set.
    bool open(const QString& databasePath, Page& page);
    // A Page for `generation`, filled by `fill` on the open connection unless the work is
    // superseded, and posted to `done`.
    template <typename Fill>
    void answer(const QString& databasePath, std::uint64_t generation, const QuerySpec& spec,
                QObject* context, const Callback& done, Fill fill);

    std::shared_ptr<const std::atomic<std::uint64_t>> m_current;
    std::uint64_t m_working = 0;  // the generation of the work in hand
    QString m_path;
    std::unique_ptr<store::Database> m_db;  // owned by the loader thread
    std::unique_ptr<RecordQuery> m_query;   // on m_db, kept for its prepared statements
};

}  // namespace tapir::views
