// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "records/record_page_loader.h"

#include "common/worker.h"
#include "store/database.h"

namespace tapir::views {

RecordPageLoader::RecordPageLoader(std::shared_ptr<const std::atomic<std::uint64_t>> current)
    : m_current(std::move(current)) {}
RecordPageLoader::~RecordPageLoader() = default;

bool RecordPageLoader::open(const QString& databasePath, Page& page) {
    if (!m_db || databasePath != m_path) {
        m_query.reset();
        m_db.reset();
        m_path = databasePath;
        auto db =
            store::Database::open(databasePath.toStdString(), store::Database::Mode::ReadOnly);
        if (!db) {
            page.error = QString::fromStdString(db.error().describe());
            return false;
        }
        m_db = std::move(*db);
        m_db->setInterruptCheck([this] { return m_current->load() != m_working; });
        m_query = std::make_unique<RecordQuery>(*m_db);
    }
    return true;
}

template <typename Fill>
void RecordPageLoader::answer(const QString& databasePath, std::uint64_t generation,
                              const QuerySpec& spec, QObject* context, const Callback& done,
                              Fill fill) {
    Page page;
    page.generation = generation;
    page.offset = spec.offset;
    m_working = generation;
    if (m_current->load() == generation && open(databasePath, page))
        fill(page);
    // A superseded page (skipped or stopped) still goes back: the model drops it by its
    // generation.
    postTo(context, [done, p = std::move(page)]() mutable { done(std::move(p)); });
}

void RecordPageLoader::load(const QString& databasePath, std::uint64_t generation, QuerySpec spec,
                            bool withCount, QObject* context, const Callback& done) {
    answer(databasePath, generation, spec, context, done, [&](Page& page) {
        if (withCount) {
            auto n = m_query->countUpTo(spec, kCountCap);
            if (n) {
                page.total = static_cast<std::int64_t>(*n);
                page.totalIsLowerBound = *n > kCountCap;
            } else {
                page.error = QString::fromStdString(n.error().describe());
            }
        }
        if (page.error.isEmpty()) {
            auto rows = m_query->run(spec);
            if (rows) {
                page.records = std::move(*rows);
            } else {
                page.error = QString::fromStdString(rows.error().describe());
            }
        }
    });
}

void RecordPageLoader::count(const QString& databasePath, std::uint64_t generation,
                             const QuerySpec& spec, QObject* context, const Callback& done) {
    answer(databasePath, generation, spec, context, done, [&](Page& page) {
        auto n = m_query->count(spec);
        if (n)
            page.total = static_cast<std::int64_t>(*n);
        else
            page.error = QString::fromStdString(n.error().describe());
    });
}

void RecordPageLoader::summarize(const QString& databasePath, std::uint64_t generation,
                                 const QuerySpec& spec, QObject* context, const Callback& done) {
    answer(databasePath, generation, spec, context, done, [&](Page& page) {
        auto s = m_query->summarize(spec);
        if (s)
            page.summary = *s;
        else
            page.error = QString::fromStdString(s.error().describe());
    });
}

}  // namespace tapir::views
