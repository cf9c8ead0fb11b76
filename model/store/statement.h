// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tapir::store {

// A prepared SQLite statement with positional binding (1-based) and column access
// (0-based). Only bound parameters carry user data; SQL text is always a constant.
// Owned by one thread, like the connection it belongs to.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    [[nodiscard]] bool valid() const { return m_stmt != nullptr; }

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bindBlob(int index, std::span<const std::uint8_t> value);
    Statement& bindNull(int index);

    // Steps once: true when a row is available, false when done. Throws DatabaseError on
    // failure (caught at the Database boundary and turned into an Error).
    bool step();
    // Steps to completion, ignoring rows.
    void run();
    void reset();

    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] std::string_view text(int column) const;
    [[nodiscard]] std::span<const std::uint8_t> blob(int column) const;
    [[nodiscard]] bool isNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Thrown by Statement on an SQLite error; never leaves the store layer.
struct DatabaseError {
    int code;
    std::string message;
};

}  // namespace tapir::store
