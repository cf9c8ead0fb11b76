// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/record_page_loader.h"

#include "common/worker.h"
#include "store/database.h"

namespace tapir::views {

RecordPageLoader::RecordPageLoader() = default;
RecordPageLoader::~RecordPageLoader() = default;

void RecordPageLoader::load(const QString& databasePath, std::uint64_t generation, QuerySpec spec,
                            bool withCount, QObject* context, const Callback& done) {
    Page page;
    page.generation = generation;
    page.offset = spec.offset;
    if (!m_db || databasePath != m_path) {
        m_query.reset();
        m_db.reset();
        m_path = databasePath;
        auto db =
            store::Database::open(databasePath.toStdString(), store::Database::Mode::ReadOnly);
        if (!db) {
            page.error = QString::fromStdString(db.error().describe());
        } else {
            m_db = std::move(*db);
        }
    }
    if (m_db) {
        if (!m_query)
            m_query = std::make_unique<RecordQuery>(*m_db);
        RecordQuery& query = *m_query;
        if (withCount) {
            auto n = query.countUpTo(spec, kCountCap);
            if (n) {
                page.total = static_cast<std::int64_t>(*n);
                page.totalIsLowerBound = *n > kCountCap;
            } else {
                page.error = QString::fromStdString(n.error().describe());
            }
        }
        if (page.error.isEmpty()) {
            auto rows = query.run(spec);
            if (rows) {
                page.records = std::move(*rows);
            } else {
                page.error = QString::fromStdString(rows.error().describe());
            }
        }
    }
    const bool exactCountFollows = page.error.isEmpty() && page.totalIsLowerBound;
    postTo(context, [done, p = std::move(page)]() mutable { done(std::move(p)); });
    if (!exactCountFollows)
        return;
    Page count;
    count.generation = generation;
    count.offset = spec.offset;
    count.countOnly = true;
    auto n = m_query->count(spec);
    if (n) {
        count.total = static_cast<std::int64_t>(*n);
    } else {
        count.error = QString::fromStdString(n.error().describe());
    }
    postTo(context, [done, p = std::move(count)]() mutable { done(std::move(p)); });
}

}  // namespace tapir::views
