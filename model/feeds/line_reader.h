// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tapir {

class InputStream;

// Splits an InputStream into lines (LF or CRLF), counting line numbers. A line longer than
// maxLineLength is not returned whole: the reader reports it as `tooLong` and skips to the
// next newline, so one absurd line cannot exhaust memory. Views stay valid until the next
// call to next().
class LineReader {
public:
    struct Line {
        std::string_view text;
        std::uint64_t number = 0;  // 1-based
        std::uint64_t offset = 0;  // byte offset of the line's start (decompressed)
        bool tooLong = false;
    };

    explicit LineReader(InputStream& input, std::size_t maxLineLength = std::size_t{1} << 20);

    // The next line, std::nullopt at the end, or an I/O error.
    [[nodiscard]] Result<std::optional<Line>> next();

private:
    Result<bool> fill();

    InputStream& m_input;
    std::size_t m_maxLineLength;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    std::uint64_t m_lineNumber = 0;
    std::uint64_t m_offset = 0;
};

}  // namespace tapir
