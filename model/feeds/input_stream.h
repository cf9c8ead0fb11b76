// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"

namespace tapir {

// A forward-only byte stream over one feed file, decompressed on the fly when the file is
// gzip, bzip2, xz or zstd (detected by magic bytes, via libarchive). Owned by one reader on
// one thread.
class InputStream {
public:
    virtual ~InputStream() = default;
    // Reads up to `size` bytes into `data`; returns 0 at the end of the stream.
    virtual Result<std::size_t> read(std::byte* data, std::size_t size) = 0;
    // Bytes of the file on disk consumed so far (for progress against the file size).
    [[nodiscard]] virtual std::uint64_t sourcePosition() const = 0;
    // Name of the compression filter, or "none".
    [[nodiscard]] virtual std::string compression() const = 0;
    [[nodiscard]] const std::string& path() const { return m_path; }
    // When the file (or archive member) was last modified, Unix seconds, if known. Zone
    // files carry no times of their own: their records are dated by it.
    [[nodiscard]] std::optional<std::int64_t> modifiedTime() const { return m_modified; }
    void setModifiedTime(std::optional<std::int64_t> time) { m_modified = time; }

protected:
    explicit InputStream(std::string path) : m_path(std::move(path)) {}

private:
    std::string m_path;
    std::optional<std::int64_t> m_modified;
};

// Limits against decompression bombs: the stream fails with ErrorCode::Limit once it has
// produced more than maxOutputBytes, or more than maxRatio times the compressed bytes read
// (checked after the first 16 MiB of output).
struct DecompressionLimits {
    std::uint64_t maxOutputBytes = std::uint64_t{64} << 30;
    std::uint64_t maxRatio = 1000;
};

[[nodiscard]] Result<std::unique_ptr<InputStream>> openInput(const std::string& path,
                                                             DecompressionLimits limits = {});

// An in-memory stream, for tests and fuzzers.
[[nodiscard]] std::unique_ptr<InputStream> memoryInput(
    std::string data, std::string name, std::optional<std::int64_t> modified = std::nullopt);

}  // namespace tapir
