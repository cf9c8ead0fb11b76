// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "query/flexible_index.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "store/database.h"
#include "store/schema.h"
#include "store/statement.h"

namespace tapir {
namespace {

constexpr std::int64_t kBatch = 200'000;  // rows per statement while building

// One trigram table over one dictionary: names (rrnames) or rdata (values). New rows get
// ids above every id there is, so the highest id indexed is all the state there is: rows
// below it are in the index. Retention deletes rows (forget() takes them out first) but
// always keeps each dictionary's highest id, so SQLite never hands an id out twice.
struct Part {
    const char* table;
    const char* source;
    const char* column;
    const char* watermark;  // setting: the highest id indexed
};
constexpr Part kNames{"names_trigram", "names", "name", "search.trigram.last_name_id"};
constexpr Part kRdata{"rdata_trigram", "rdata", "value", "search.trigram.last_rdata_id"};
constexpr std::array<Part, 2> kParts{kNames, kRdata};

bool tableExists(store::Database& db, const char* table) {
    store::Statement q(db.handle(),
                       "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    q.bind(1, std::string_view(table));
    return q.step();
}

std::int64_t watermark(store::Database& db, const Part& part) {
    auto v = db.setting(part.watermark);
    if (!v || !*v)
        return 0;
    try {
        return std::stoll(**v);
    } catch (...) {
        return 0;
    }
}

std::int64_t maxId(store::Database& db, const Part& part) {
    store::Statement q(db.handle(), std::string("SELECT coalesce(max(id), 0) FROM ") + part.source);
    q.step();
    return q.int64(0);
}

std::string addSql(const Part& part) {
    return std::string("INSERT INTO ") + part.table + "(rowid, " + part.column + ") SELECT id, " +
           part.column + " FROM " + part.source + " WHERE id > ?1 AND id <= ?2";
}

}  // namespace

Result<bool> FlexibleIndex::enabled(store::Database& db) {
    try {
        return tableExists(db, kNames.table);
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, db.path());
    }
}

Status FlexibleIndex::enable(store::Database& db, ProgressSink& progress,
                             const CancelToken& cancel) {
    if (auto st = db.begin(); !st)
        return st;
    try {
        // Creates whichever table is missing (a store indexed before rdata was gets it now).
        const std::string ddl(store::flexibleIndexDdl());
        char* message = nullptr;
        if (sqlite3_exec(db.handle(), ddl.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            Error e = makeError(ErrorCode::Database,
                                std::string("creating the search index: ") +
                                    (message != nullptr ? message : "error"),
                                db.path());
            sqlite3_free(message);
            db.rollback();
            return e;
        }
        std::uint64_t done = 0;
        for (const Part& part : kParts) {
            const std::int64_t last = maxId(db, part);
            store::Statement add(db.handle(), addSql(part));
            for (std::int64_t from = watermark(db, part); from < last; from += kBatch) {
                if (cancel.cancelled()) {
                    db.rollback();
                    return makeError(ErrorCode::Cancelled, "building the search index cancelled",
                                     db.path());
                }
                const std::int64_t to = std::min(from + kBatch, last);
                add.bind(1, from).bind(2, to).run();
                add.reset();
                done += static_cast<std::uint64_t>(to - from);
                progress.progressed(done, done);
            }
            if (auto st = db.setSetting(part.watermark, std::to_string(last)); !st) {
                db.rollback();
                return st;
            }
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
        for (const Part& part : kParts) {
            store::Statement(db.handle(), std::string("DROP TABLE IF EXISTS ") + part.table).run();
            store::Statement(db.handle(), "DELETE FROM settings WHERE key = ?1")
                .bind(1, std::string_view(part.watermark))
                .run();
        }
    } catch (const store::DatabaseError& e) {
        db.rollback();
        return makeError(ErrorCode::Database, e.message, db.path());
    }
    return db.commit();
}

Status FlexibleIndex::update(store::Database& db) {
    try {
        for (const Part& part : kParts) {
            if (!tableExists(db, part.table))
                continue;
            const std::int64_t from = watermark(db, part);
            const std::int64_t last = maxId(db, part);
            if (last <= from)
                continue;
            store::Statement(db.handle(), addSql(part)).bind(1, from).bind(2, last).run();
            if (auto st = db.setSetting(part.watermark, std::to_string(last)); !st)
                return st;
        }
        return {};
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "updating the search index: " + e.message, db.path());
    }
}

Status FlexibleIndex::forget(store::Database& db, std::string_view namesSelect,
                             std::string_view rdataSelect) {
    try {
        for (const Part& part : kParts) {
            const std::string_view select = &part == &kParts[0] ? namesSelect : rdataSelect;
            if (select.empty() || !tableExists(db, part.table))
                continue;
            // FTS5's 'delete' command needs the values that were indexed.
            const std::string sql = std::string("INSERT INTO ") + part.table + "(" + part.table +
                                    ", rowid, " + part.column + ") SELECT 'delete', id, " +
                                    part.column + " FROM " + part.source + " WHERE id <= ?1 AND " +
                                    "id IN (" + std::string(select) + ")";
            store::Statement(db.handle(), sql).bind(1, watermark(db, part)).run();
        }
        return {};
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "updating the search index: " + e.message, db.path());
    }
}

Result<std::int64_t> FlexibleIndex::indexedNames(store::Database& db) {
    try {
        if (!tableExists(db, kNames.table))
            return std::int64_t{0};
        store::Statement q(db.handle(), "SELECT count(*) FROM names WHERE id <= ?1");
        q.bind(1, watermark(db, kNames));
        q.step();
        return q.int64(0);
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, db.path());
    }
}

namespace {

constexpr std::size_t kMinLiteral = 3;  // one trigram

// A UTF-8 continuation byte (10xxxxxx): not the start of a character.
bool continuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}
constexpr std::size_t kMaxAlternatives = 8;
constexpr int kMaxDepth = 32;

using Alternatives = std::vector<std::string>;  // any one of them; empty: nothing certain

std::size_t shortest(const Alternatives& a) {
    std::size_t n = std::string::npos;
    for (const auto& s : a)
        n = std::min(n, s.size());
    return n;
}

// The one that reads fewer index entries: a longer shortest literal, then fewer literals.
bool better(const Alternatives& a, const Alternatives& b) {
    if (a.empty())
        return false;
    if (b.empty())
        return true;
    const std::size_t la = shortest(a), lb = shortest(b);
    return la != lb ? la > lb : a.size() < b.size();
}

// The end of the character class opening at p[i] ('['), nested sets included; npos when open.
std::size_t classEnd(std::string_view p, std::size_t i) {
    int depth = 0;
    for (std::size_t j = i; j < p.size(); ++j) {
        if (p[j] == '\\') {
            ++j;
        } else if (p[j] == '[') {
            ++depth;
            if (j + 1 < p.size() && p[j + 1] == '^')
                ++j;
            if (j + 1 < p.size() && p[j + 1] == ']')
                ++j;  // a leading ']' is literal
        } else if (p[j] == ']' && --depth == 0) {
            return j;
        }
    }
    return std::string_view::npos;
}

// The ')' closing the group opening at p[i]; npos when open.
std::size_t groupEnd(std::string_view p, std::size_t i) {
    int depth = 0;
    for (std::size_t j = i; j < p.size(); ++j) {
        if (p[j] == '\\') {
            ++j;
        } else if (p[j] == '[') {
            j = classEnd(p, j);
            if (j == std::string_view::npos)
                return j;
        } else if (p[j] == '(') {
            ++depth;
        } else if (p[j] == ')' && --depth == 0) {
            return j;
        }
    }
    return std::string_view::npos;
}

// Top-level alternatives of a regex (split at '|' outside groups and classes).
std::vector<std::string_view> branches(std::string_view p) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    for (std::size_t j = 0; j < p.size(); ++j) {
        if (p[j] == '\\') {
            ++j;
        } else if (p[j] == '[' || p[j] == '(') {
            const std::size_t end = p[j] == '[' ? classEnd(p, j) : groupEnd(p, j);
            if (end == std::string_view::npos)
                return {};
            j = end;
        } else if (p[j] == '|') {
            out.push_back(p.substr(from, j - from));
            from = j + 1;
        }
    }
    out.push_back(p.substr(from));
    return out;
}

// How many characters after the escape letter at p[i] belong to it (\x41, \u0041, \0101,
// \cA, \N{...}, \p{L}, \k<name>, \12): they are not literal text.
std::size_t escapeArguments(std::string_view p, std::size_t i) {
    const char e = p[i];
    auto braced = [&](char open, char close) -> std::size_t {
        if (i + 1 < p.size() && p[i + 1] == open) {
            const std::size_t end = p.find(close, i + 1);
            return end == std::string_view::npos ? p.size() - i - 1 : end - i;
        }
        return 0;
    };
    auto digits = [&](std::size_t most, bool hex) {
        std::size_t n = 0;
        while (n < most && i + 1 + n < p.size() &&
               (hex ? std::isxdigit(static_cast<unsigned char>(p[i + 1 + n])) != 0
                    : std::isdigit(static_cast<unsigned char>(p[i + 1 + n])) != 0))
            ++n;
        return n;
    };
    switch (e) {
        case 'x':
            return braced('{', '}') != 0 ? braced('{', '}') : digits(2, true);
        case 'u':
            return digits(4, true);
        case 'U':
            return digits(8, true);
        case '0':
            return digits(3, false);
        case 'c':
            return i + 1 < p.size() ? 1 : 0;
        case 'N':
        case 'p':
        case 'P':
            return braced('{', '}') != 0 ? braced('{', '}') : (e == 'N' ? 0 : 1);
        case 'k':
            return braced('<', '>');
        default:
            return std::isdigit(static_cast<unsigned char>(e)) != 0 ? digits(p.size(), false) : 0;
    }
}

Alternatives regexLiterals(std::string_view p, int depth);

// One alternative: the longest run of sure literal characters, or a required group's own
// alternatives when they are better.
Alternatives branchLiterals(std::string_view p, int depth) {
    Alternatives best;
    std::string run;
    auto endRun = [&] {
        if (run.size() >= kMinLiteral && better({run}, best))
            best = {run};
        run.clear();
    };
    auto quantified = [&](std::size_t next) {
        return next < p.size() &&
               (p[next] == '*' || p[next] == '?' || p[next] == '{' || p[next] == '+');
    };
    auto optional = [&](std::size_t next) {
        return next < p.size() && (p[next] == '*' || p[next] == '?' || p[next] == '{');
    };
    // Names are stored in lower case and tapir_regexp ignores case: a literal is looked
    // up lower-cased. Only ASCII is literal (ICU folds some other letters to ASCII ones).
    auto literalChar = [](char c) -> char {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || u < 0x20)
            return 0;
        return static_cast<char>(std::tolower(u));
    };
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        char literal = 0;
        std::size_t next = i + 1;
        if (c == '\\') {
            if (i + 1 >= p.size())
                break;
            const char e = p[i + 1];
            if (e == 'Q') {
                // Quoted text up to \E: every character literal.
                std::size_t end = p.find("\\E", i + 2);
                if (end == std::string_view::npos)
                    end = p.size();
                std::size_t j = i + 2;
                for (; j < end; ++j) {
                    const char q = literalChar(p[j]);
                    if (q == 0)
                        endRun();
                    else
                        run += q;
                }
                // A quantifier after \E applies to the last quoted character only.
                const std::size_t after = std::min(end + 2, p.size());
                if (quantified(after))
                    endRun();
                i = after - 1;
                continue;
            }
            next = i + 2;
            if (std::isalnum(static_cast<unsigned char>(e)) != 0) {
                // Letters and digits name classes, anchors, references or code points.
                next += escapeArguments(p, i + 1);
            } else {
                literal = literalChar(e);
            }
        } else if (c == '[') {
            endRun();
            const std::size_t end = classEnd(p, i);
            if (end == std::string_view::npos)
                return {};
            i = end;
            if (quantified(i + 1))
                ++i;  // the quantifier belongs to the class
            continue;
        } else if (c == '(') {
            endRun();
            const std::size_t end = groupEnd(p, i);
            if (end == std::string_view::npos)
                return {};
            std::string_view inner = p.substr(i + 1, end - i - 1);
            bool usable = true;
            if (!inner.empty() && inner[0] == '?') {
                if (inner.size() > 1 && (inner[1] == ':' || inner[1] == '>')) {
                    inner.remove_prefix(2);  // non-capturing, atomic
                } else if (inner.size() > 2 && inner[1] == '<' && inner[2] != '=' &&
                           inner[2] != '!') {
                    const std::size_t close = inner.find('>');
                    inner.remove_prefix(close == std::string_view::npos ? inner.size() : close + 1);
                } else {
                    // Flags (?i:...), lookarounds, comments: the text is not certain.
                    usable = false;
                }
            }
            if (usable && !optional(end + 1)) {
                Alternatives group = regexLiterals(inner, depth + 1);
                if (better(group, best))
                    best = std::move(group);
            }
            i = end;
            continue;
        } else if (c == '{') {
            endRun();
            const std::size_t close = p.find('}', i);
            if (close == std::string_view::npos)
                return {};
            i = close;
            continue;
        } else if (std::string_view(".^$*+?)]}|").find(c) == std::string_view::npos) {
            literal = literalChar(c);
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
    return best;
}

Alternatives regexLiterals(std::string_view p, int depth) {
    if (depth > kMaxDepth)
        return {};
    const auto parts = branches(p);
    if (parts.size() == 1)
        return branchLiterals(p, depth);
    Alternatives all;
    for (const auto part : parts) {
        Alternatives one = branchLiterals(part, depth);
        if (one.empty())
            return {};  // this alternative may match without any literal
        all.insert(all.end(), one.begin(), one.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    // A literal that contains another is implied by it: keep the shorter.
    Alternatives kept;
    for (const auto& a : all) {
        const bool implied = std::any_of(all.begin(), all.end(), [&](const std::string& b) {
            return b != a && a.find(b) != std::string::npos;
        });
        if (!implied)
            kept.push_back(a);
    }
    return kept.size() <= kMaxAlternatives ? kept : Alternatives{};
}

std::string globLiteral(std::string_view p) {
    std::string best;
    std::string run;
    auto endRun = [&] {
        if (run.size() > best.size())
            best = run;
        run.clear();
    };
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '*' || c == '?') {
            endRun();
        } else if (c == '[') {
            endRun();
            const std::size_t close = p.find(']', i + 2);
            if (close == std::string_view::npos)
                break;
            i = close;
        } else {
            run += c;
        }
    }
    endRun();
    // Characters, not bytes: the index's trigrams are of characters ("éa" is none).
    const auto characters =
        std::count_if(best.begin(), best.end(), [](char c) { return !continuationByte(c); });
    return characters >= static_cast<std::ptrdiff_t>(kMinLiteral) ? best : std::string();
}

// (?x) lets spaces and '#' comments into the pattern: its text is not what it matches.
bool setsCommentsMode(std::string_view p) {
    for (std::size_t at = p.find("(?"); at != std::string_view::npos; at = p.find("(?", at + 2)) {
        for (std::size_t j = at + 2; j < p.size() && std::isalpha(static_cast<unsigned char>(p[j]));
             ++j) {
            if (p[j] == 'x')
                return true;
        }
    }
    return false;
}

}  // namespace

std::vector<std::string> requiredLiterals(std::string_view pattern, bool regex) {
    if (!regex) {
        std::string literal = globLiteral(pattern);
        return literal.empty() ? std::vector<std::string>{}
                               : std::vector<std::string>{std::move(literal)};
    }
    if (setsCommentsMode(pattern))
        return {};
    return regexLiterals(pattern, 0);
}

constexpr std::size_t kSampledBytes = 256;  // of each sampled name or value

std::string anchoredPrefix(std::string_view regex) {
    if (!regex.starts_with('^') || regex.find('|') != std::string_view::npos ||
        setsCommentsMode(regex))
        return {};
    std::string prefix;
    std::size_t i = 1;
    while (i < regex.size()) {
        char c = regex[i];
        std::size_t next = i + 1;
        if (c == '\\' && i + 1 < regex.size() &&
            (regex[i + 1] == '.' || regex[i + 1] == '-' || regex[i + 1] == '_')) {
            c = regex[i + 1];
            next = i + 2;
        } else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ||
                   static_cast<unsigned char>(c) >= 0x80) {
            break;
        }
        // The last character is optional or repeated from nothing: not certain.
        if (next < regex.size() && (regex[next] == '?' || regex[next] == '*' || regex[next] == '{'))
            break;
        prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        i = next;
    }
    return prefix;
}

namespace {

// A gram of three or four characters, case-folded, with its length, as one number.
std::uint64_t gramKey(std::string_view g) {
    std::uint64_t key = g.size();
    for (const char c : g)
        key = key << 8 | static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

bool ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string trigramMatch(std::string_view literal) {
    std::vector<std::size_t> starts;  // of each UTF-8 character
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (!continuationByte(literal[i]))
            starts.push_back(i);
    }
    starts.push_back(literal.size());
    std::string out;
    for (std::size_t c = 0; c + 3 < starts.size(); ++c) {
        if (!out.empty())
            out += " AND ";
        out += '"';
        for (const char ch : literal.substr(starts[c], starts[c + 3] - starts[c])) {
            out += ch;
            if (ch == '"')
                out += '"';
        }
        out += '"';
    }
    return out;
}

Result<TrigramSample> TrigramSample::take(store::Database& db, Column column, std::size_t rows) {
    const bool names = column == Column::Names;
    TrigramSample sample;
    try {
        store::Statement last(db.handle(),
                              names ? "SELECT max(id) FROM names" : "SELECT max(id) FROM rdata");
        if (!last.step() || last.isNull(0))
            return sample;  // nothing stored yet
        sample.m_maxId = last.int64(0);
        // Runs of consecutive ids: rows of one import batch are stored in name order, so
        // short runs from many places sample better than a few long ones.
        constexpr std::int64_t kRun = 64;
        const auto runs = static_cast<std::int64_t>(std::max<std::size_t>(rows / kRun, 1));
        store::Statement q(db.handle(), names ? "SELECT name FROM names WHERE id >= ?1 LIMIT ?2"
                                              : "SELECT value FROM rdata WHERE id >= ?1 LIMIT ?2");
        std::vector<std::uint64_t> all, seen;
        for (std::int64_t r = 0; r < runs; ++r) {
            q.bind(1, 1 + sample.m_maxId * r / runs).bind(2, kRun);
            while (q.step()) {
                // A long TXT value (DKIM keys: 400+ bytes) would only add grams of base64.
                const std::string_view text = q.text(0).substr(0, kSampledBytes);
                seen.clear();
                for (std::size_t i = 0; i < text.size(); ++i) {
                    for (std::size_t n = 3; n <= 4 && i + n <= text.size(); ++n)
                        seen.push_back(gramKey(text.substr(i, n)));
                }
                std::sort(seen.begin(), seen.end());
                seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
                all.insert(all.end(), seen.begin(), seen.end());
                ++sample.m_rows;
            }
            q.reset();
        }
        std::sort(all.begin(), all.end());
        for (std::size_t i = 0; i < all.size();) {
            std::size_t j = i;
            while (j < all.size() && all[j] == all[i])
                ++j;
            sample.m_counts.emplace_back(all[i], static_cast<std::uint32_t>(j - i));
            i = j;
        }
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, e.message, db.path());
    }
    return sample;
}

double TrigramSample::share(std::string_view gram, double prior) const {
    double count = 0;
    if (gram.size() == 3 || gram.size() == 4) {
        const std::uint64_t key = gramKey(gram);
        const auto it =
            std::lower_bound(m_counts.begin(), m_counts.end(), key,
                             [](const auto& e, std::uint64_t k) { return e.first < k; });
        if (it != m_counts.end() && it->first == key)
            count = it->second;
    }
    return (count + prior) / (m_rows + 1.0);
}

std::string TrigramSample::narrow(std::string_view literal) const {
    if (m_rows == 0 || literal.size() <= 3 || literal.size() > kMaxNarrowed || !ascii(literal))
        return std::string(literal);
    const std::size_t trigrams = literal.size() - 2;
    const double rows = static_cast<double>(std::max<std::int64_t>(m_maxId, m_rows));
    std::vector<double> shares(trigrams);
    for (std::size_t i = 0; i < trigrams; ++i)
        shares[i] = share(literal.substr(i, 3));
    // P(trigram i | trigram i - 1), from the four characters they span: a Markov chain of
    // characters. Overlapping trigrams say nearly the same thing ("vot", "ote"), and a
    // shorter context misleads: "om" is mostly ".com", so "omi" after "gom" looked 30
    // times rarer than it is.
    // Counts of a sample are rough for rare grams: a trigram not sampled at all may still
    // be on 2,000 names of 6.5M. Candidates are estimated with an upper bound (a prior of
    // 3, about a 95 % bound on a count of 0) so that a rare-looking single trigram does not
    // beat a longer, surely selective part; posting lists with the plain estimate.
    std::vector<double> first(trigrams), next(trigrams, 1.0);
    for (std::size_t i = 0; i < trigrams; ++i) {
        first[i] = share(literal.substr(i, 3), kUpperPrior);
        if (i > 0)
            next[i] = std::min(1.0, share(literal.substr(i - 1, 4), kUpperPrior) / first[i - 1]);
    }
    // Cost of looking up trigrams [a, b], in posting entries read: their lookups and lists,
    // then the rows estimated to hold them all. The whole literal wins ties.
    std::size_t bestA = 0, bestB = trigrams - 1;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < trigrams; ++a) {
        double read = 0;
        double holding = first[a];
        for (std::size_t b = a; b < trigrams; ++b) {
            read += kTrigramLookup + shares[b] * rows;
            if (b > a)
                holding *= next[b];
            const double cost = read + kCandidateCost * std::max(holding * rows, 1.0);
            const bool whole = a == 0 && b == trigrams - 1;
            if (cost < best || (whole && cost <= best)) {
                best = cost;
                bestA = a;
                bestB = b;
            }
        }
    }
    return std::string(literal.substr(bestA, bestB - bestA + 3));
}

}  // namespace tapir
