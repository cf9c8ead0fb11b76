// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/flexible_index.h"

#include <sqlite3.h>

#include "store/database.h"
#include "store/statement.h"

namespace tapir {
namespace {

constexpr const char* kWatermark = "search.trigram.last_name_id";
constexpr std::int64_t kBatch = 200'000;  // names per statement while building

// case_sensitive 1: GLOB (case-sensitive, like the scan it replaces) can use the index.
constexpr const char* kCreate =
    "CREATE VIRTUAL TABLE names_trigram USING fts5(name, content='names', "
    "content_rowid='id', tokenize='trigram case_sensitive 1', detail='none')";
constexpr const char* kAdd =
    "INSERT INTO names_trigram(rowid, name) SELECT id, name FROM names WHERE id > ?1 AND "
    "id <= ?2";

bool tableExists(store::Database& db) {
    store::Statement q(db.handle(),
                       "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                       "'names_trigram'");
    return q.step();
}

std::int64_t watermark(store::Database& db) {
    auto v = db.setting(kWatermark);
    if (!v || !*v)
        return 0;
    try {
        return std::stoll(**v);
    } catch (...) {
        return 0;
    }
}

std::int64_t maxNameId(store::Database& db) {
    store::Statement q(db.handle(), "SELECT coalesce(max(id), 0) FROM names");
    q.step();
    return q.int64(0);
}

}  // namespace

Result<bool> FlexibleIndex::enabled(store::Database& db) {
    try {
        return tableExists(db);
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, db.path());
    }
}

Status FlexibleIndex::enable(store::Database& db, ProgressSink& progress,
                             const CancelToken& cancel) {
    if (auto st = db.begin(); !st)
        return st;
    try {
        if (!tableExists(db))
            store::Statement(db.handle(), kCreate).run();
        const std::int64_t last = maxNameId(db);
        store::Statement add(db.handle(), kAdd);
        for (std::int64_t from = watermark(db); from < last; from += kBatch) {
            if (cancel.cancelled()) {
                db.rollback();
                return makeError(ErrorCode::Cancelled, "building the search index cancelled",
                                 db.path());
            }
            add.bind(1, from).bind(2, std::min(from + kBatch, last)).run();
            add.reset();
            progress.progressed(static_cast<std::uint64_t>(std::min(from + kBatch, last)),
                                static_cast<std::uint64_t>(std::min(from + kBatch, last)));
        }
        if (auto st = db.setSetting(kWatermark, std::to_string(last)); !st) {
            db.rollback();
            return st;
        }
    } catch (const store::DatabaseError& e) {
        db.rollback();
        return makeError(ErrorCode::Database, "building the search index: " + e.message, db.path());
    }
    return db.commit();
}

Status FlexibleIndex::disable(store::Database& db) {
    if (auto st = db.begin(); !st)
        return st;
    try {
        store::Statement(db.handle(), "DROP TABLE IF EXISTS names_trigram").run();
        store::Statement(db.handle(), "DELETE FROM settings WHERE key = ?1")
            .bind(1, std::string_view(kWatermark))
            .run();
    } catch (const store::DatabaseError& e) {
        db.rollback();
        return makeError(ErrorCode::Database, e.message, db.path());
    }
    return db.commit();
}

Status FlexibleIndex::update(store::Database& db) {
    try {
        if (!tableExists(db))
            return {};
        const std::int64_t from = watermark(db);
        const std::int64_t last = maxNameId(db);
        if (last <= from)
            return {};
        store::Statement(db.handle(), kAdd).bind(1, from).bind(2, last).run();
        return db.setSetting(kWatermark, std::to_string(last));
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "updating the search index: " + e.message, db.path());
    }
}

Result<std::int64_t> FlexibleIndex::indexedNames(store::Database& db) {
    try {
        if (!tableExists(db))
            return std::int64_t{0};
        store::Statement q(db.handle(), "SELECT count(*) FROM names WHERE id <= ?1");
        q.bind(1, watermark(db));
        q.step();
        return q.int64(0);
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, db.path());
    }
}

std::string requiredLiteral(std::string_view p, bool regex) {
    std::string best;
    std::string run;
    auto endRun = [&] {
        if (run.size() > best.size())
            best = run;
        run.clear();
    };
    if (regex && p.find('|') != std::string_view::npos)
        return {};  // an alternative may avoid any literal
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (!regex) {
            if (c == '*' || c == '?') {
                endRun();
            } else if (c == '[') {
                endRun();
                const std::size_t close = p.find(']', i + 2);
                if (close == std::string_view::npos)
                    return best.size() >= 3 ? best : std::string();
                i = close;
            } else {
                run += c;
            }
            continue;
        }
        // Regex: what follows an atom may make it optional or repeat it.
        auto quantified = [&](std::size_t next) {
            return next < p.size() &&
                   (p[next] == '*' || p[next] == '?' || p[next] == '{' || p[next] == '+');
        };
        auto optional = [&](std::size_t next) {
            return next < p.size() && (p[next] == '*' || p[next] == '?' || p[next] == '{');
        };
        char literal = 0;
        std::size_t next = i + 1;
        if (c == '\\') {
            if (i + 1 >= p.size())
                break;
            const char e = p[i + 1];
            next = i + 2;
            // Punctuation escapes are literal; letters and digits name classes,
            // anchors, references or code points: not a literal we can use.
            if (std::string_view(".-\\/*+?()[]{}^$|_:@!#%&=~,;'\"<> ").find(e) !=
                std::string_view::npos) {
                literal = e;
            }
        } else if (c == '[') {
            endRun();
            std::size_t j = i + 1;
            if (j < p.size() && p[j] == '^')
                ++j;
            if (j < p.size() && p[j] == ']')
                ++j;
            while (j < p.size() && p[j] != ']') {
                j += p[j] == '\\' ? 2 : 1;
            }
            if (j >= p.size())
                return {};
            i = j;
            if (quantified(i + 1))
                ++i;  // the quantifier belongs to the class
            continue;
        } else if (c == '(') {
            // Groups may be optional, repeated or lookarounds: skip them whole.
            endRun();
            int depth = 0;
            std::size_t j = i;
            for (; j < p.size(); ++j) {
                if (p[j] == '\\') {
                    ++j;
                } else if (p[j] == '(') {
                    ++depth;
                } else if (p[j] == ')' && --depth == 0) {
                    break;
                }
            }
            if (j >= p.size())
                return {};
            i = j;
            continue;
        } else if (c == '{') {
            endRun();
            const std::size_t close = p.find('}', i);
            if (close == std::string_view::npos)
                return {};
            i = close;
            continue;
        } else if (std::string_view(".^$*+?)]}").find(c) == std::string_view::npos) {
            literal = c;
        }
        if (literal == 0) {
            endRun();
            i = next - 1;
            continue;
        }
        if (optional(next)) {
            endRun();  // this character may be absent
        } else {
            run += literal;
            if (quantified(next))
                endRun();  // repeated: what follows is not adjacent to it for sure
        }
        i = next - 1;
    }
    endRun();
    return best.size() >= 3 ? best : std::string();
}

}  // namespace tapir
