// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tapir {

// What went wrong, where. The engine fills it; the caller decides how the user is told.
enum class ErrorCode {
    Io,            // file could not be opened, read or written
    Format,        // input is not in the expected format
    Corrupt,       // input is in the format but broken beyond the record level
    Database,      // SQLite reported an error
    Busy,          // another connection kept the write lock past the busy timeout; try later
    SchemaTooNew,  // the database was written by a newer Tapir
    Cancelled,     // the caller's cancellation token fired
    Syntax,        // a query string or argument could not be parsed
    Limit,         // a size or ratio limit was exceeded (bombs, absurd lengths)
    NotFound,
    Unsupported,
};

struct Error {
    ErrorCode code = ErrorCode::Io;
    std::string message;
    std::string file;                     // empty when not about a file
    std::optional<std::uint64_t> line;    // 1-based line, for text formats
    std::optional<std::uint64_t> offset;  // byte offset, for binary formats

    // "file:line: message" or "file@offset: message", ready to show.
    [[nodiscard]] std::string describe() const;
};

// A value or an Error. A small stand-in for std::expected (C++23), which GCC 12 offers only
// under -std=c++23.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_value(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(m_value); }
    const T& value() const { return std::get<0>(m_value); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(m_value); }

private:
    std::variant<T, Error> m_value;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, std::string message, std::string file = {}) {
    return Error{code, std::move(message), std::move(file), std::nullopt, std::nullopt};
}

}  // namespace tapir
