// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "query/record_query.h"

namespace tapir::store {
class Database;
}

namespace tapir::views {

// Runs record queries on its own thread with its own read-only connection, so the GUI
// never waits on SQLite. Lives in a QThread owned by RecordTableModel; callers post work
// with load(), results come back through the callback on the caller's thread (the model's).
class RecordPageLoader : public QObject {
    Q_OBJECT
public:
    struct Page {
        std::uint64_t generation = 0;
        std::int64_t offset = 0;
        std::vector<Record> records;
        std::int64_t total = -1;  // set when the count was asked for
        // The count stopped at kCountCap + 1: `total` is a lower bound, and a second
        // callback (countOnly, no records) brings the exact count after the first page.
        bool totalIsLowerBound = false;
        bool countOnly = false;
        QString error;
    };
    // Counting stops here before the first page is fetched, so a huge result shows at once
    // (DNSDB-style estimate); the exact count follows on the same thread.
    static constexpr std::uint64_t kCountCap = 10000;
    using Callback = std::function<void(Page)>;

    RecordPageLoader();
    ~RecordPageLoader() override;

    // Called on the loader's thread (via QMetaObject::invokeMethod).
    void load(const QString& databasePath, std::uint64_t generation, QuerySpec spec, bool withCount,
              QObject* context, const Callback& done);

private:
    QString m_path;
    std::unique_ptr<store::Database> m_db;  // owned by the loader thread
    std::unique_ptr<RecordQuery> m_query;   // on m_db, kept for its prepared statements
};

}  // namespace tapir::views
