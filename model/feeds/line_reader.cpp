// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/line_reader.h"

#include <cstring>

#include "feeds/input_stream.h"

namespace tapir {

namespace {
constexpr std::size_t kChunk = std::size_t{1} << 18;
}

LineReader::LineReader(InputStream& input, std::size_t maxLineLength)
    : m_input(input), m_maxLineLength(maxLineLength), m_buffer(kChunk * 2) {}

// Moves the unread tail to the front and reads more; false at end of stream.
Result<bool> LineReader::fill() {
    if (m_eof) {
        return false;
    }
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_buffer.size() - m_end < kChunk) {
        m_buffer.resize(m_end + kChunk);
    }
    auto n = m_input.read(reinterpret_cast<std::byte*>(m_buffer.data() + m_end), kChunk);
    if (!n) {
        return n.error();
    }
    if (*n == 0) {
        m_eof = true;
        return false;
    }
    m_end += *n;
    return true;
}

Result<std::optional<LineReader::Line>> LineReader::next() {
    const std::uint64_t lineStart = m_offset;
    std::size_t scanned = 0;  // bytes after m_begin already known to hold no newline
    bool tooLong = false;
    for (;;) {
        const char* start = m_buffer.data() + m_begin + scanned;
        const auto* nl =
            static_cast<const char*>(std::memchr(start, '\n', m_end - m_begin - scanned));
        if (nl != nullptr) {
            const std::size_t len = static_cast<std::size_t>(nl - (m_buffer.data() + m_begin));
            Line line;
            line.number = ++m_lineNumber;
            line.offset = lineStart;
            tooLong = tooLong || len > m_maxLineLength;
            line.tooLong = tooLong;
            std::size_t textLen = len;
            if (textLen > 0 && m_buffer[m_begin + textLen - 1] == '\r') {
                --textLen;
            }
            line.text =
                tooLong ? std::string_view{} : std::string_view(m_buffer.data() + m_begin, textLen);
            m_offset += len + 1;
            m_begin += len + 1;
            return std::optional<Line>(line);
        }
        scanned = m_end - m_begin;
        if (scanned > m_maxLineLength) {
            // Drop what we have of the over-long line; keep looking for its end.
            tooLong = true;
            m_offset += scanned;
            m_begin = m_end;
            scanned = 0;
        }
        auto more = fill();
        if (!more) {
            return more.error();
        }
        if (!*more) {
            if (m_end == m_begin && !tooLong) {
                return std::optional<Line>();
            }
            Line line;  // last line without a newline
            line.number = ++m_lineNumber;
            line.offset = lineStart;
            line.tooLong = tooLong;
            line.text = tooLong ? std::string_view{}
                                : std::string_view(m_buffer.data() + m_begin, m_end - m_begin);
            if (!line.text.empty() && line.text.back() == '\r') {
                line.text.remove_suffix(1);
            }
            m_offset += m_end - m_begin;
            m_begin = m_end;
            return std::optional<Line>(line);
        }
    }
}

}  // namespace tapir
