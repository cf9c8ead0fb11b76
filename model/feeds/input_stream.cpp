// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/input_stream.h"

#include <archive.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace tapir {
namespace {

class FileInput final : public InputStream {
public:
    FileInput(std::string path, std::FILE* file) : InputStream(std::move(path)), m_file(file) {}
    ~FileInput() override { std::fclose(m_file); }
    FileInput(const FileInput&) = delete;
    FileInput& operator=(const FileInput&) = delete;

    Result<std::size_t> read(std::byte* data, std::size_t size) override {
        const std::size_t n = std::fread(data, 1, size, m_file);
        if (n < size && std::ferror(m_file)) {
            Error e = makeError(ErrorCode::Io, std::string("read failed: ") + std::strerror(errno),
                                path());
            e.offset = m_position;
            return e;
        }
        m_position += n;
        return n;
    }
    std::uint64_t sourcePosition() const override { return m_position; }
    std::string compression() const override { return "none"; }

private:
    std::FILE* m_file;
    std::uint64_t m_position = 0;
};

// libarchive in "raw" mode with every filter: a streaming decompressor for one file.
class ArchiveInput final : public InputStream {
public:
    ArchiveInput(std::string path, archive* a, std::string filter, DecompressionLimits limits)
        : InputStream(std::move(path)),
          m_archive(a),
          m_filter(std::move(filter)),
          m_limits(limits) {}
    ~ArchiveInput() override { archive_read_free(m_archive); }
    ArchiveInput(const ArchiveInput&) = delete;
    ArchiveInput& operator=(const ArchiveInput&) = delete;

    Result<std::size_t> read(std::byte* data, std::size_t size) override {
        const la_ssize_t n = archive_read_data(m_archive, data, size);
        if (n < 0) {
            Error e = makeError(ErrorCode::Corrupt,
                                std::string("decompression failed (") + m_filter +
                                    "): " + safeString(archive_error_string(m_archive)),
                                path());
            e.offset = m_produced;
            return e;
        }
        m_produced += static_cast<std::uint64_t>(n);
        const std::uint64_t consumed = sourcePosition();
        if (m_produced > m_limits.maxOutputBytes ||
            (m_produced > (std::uint64_t{16} << 20) && consumed > 0 &&
             m_produced / consumed > m_limits.maxRatio)) {
            Error e =
                makeError(ErrorCode::Limit,
                          "decompressed size exceeds the limit (" + std::to_string(m_produced) +
                              " bytes from " + std::to_string(consumed) +
                              " compressed): refusing a "
                              "possible decompression bomb",
                          path());
            e.offset = m_produced;
            return e;
        }
        return static_cast<std::size_t>(n);
    }
    std::uint64_t sourcePosition() const override {
        return static_cast<std::uint64_t>(archive_filter_bytes(m_archive, -1));
    }
    std::string compression() const override { return m_filter; }

private:
    static std::string safeString(const char* s) { return s ? s : "unknown error"; }

    archive* m_archive;
    std::string m_filter;
    DecompressionLimits m_limits;
    std::uint64_t m_produced = 0;
};

class MemoryInput final : public InputStream {
public:
    MemoryInput(std::string data, std::string name)
        : InputStream(std::move(name)), m_data(std::move(data)) {}
    Result<std::size_t> read(std::byte* data, std::size_t size) override {
        const std::size_t n = std::min(size, m_data.size() - m_position);
        std::memcpy(data, m_data.data() + m_position, n);
        m_position += n;
        return n;
    }
    std::uint64_t sourcePosition() const override { return m_position; }
    std::string compression() const override { return "none"; }

private:
    std::string m_data;
    std::size_t m_position = 0;
};

bool looksCompressed(const std::array<unsigned char, 6>& m, std::size_t n) {
    if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
        return true;  // gzip
    if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h')
        return true;  // bzip2
    if (n >= 6 && m[0] == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X')
        return true;  // xz
    if (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd)
        return true;  // zstd
    return false;
}

std::optional<std::int64_t> fileModifiedTime(const std::string& path) {
    std::error_code ec;
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec) {
        return std::nullopt;
    }
    const auto system = std::chrono::file_clock::to_sys(time);
    return std::chrono::duration_cast<std::chrono::seconds>(system.time_since_epoch()).count();
}

Result<std::unique_ptr<InputStream>> openStream(const std::string& path,
                                                DecompressionLimits limits) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        return makeError(ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno), path);
    }
    std::array<unsigned char, 6> magic{};
    const std::size_t n = std::fread(magic.data(), 1, magic.size(), file);
    if (!looksCompressed(magic, n)) {
        std::rewind(file);
        return std::unique_ptr<InputStream>(std::make_unique<FileInput>(path, file));
    }
    std::fclose(file);

    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_raw(a);
    if (archive_read_open_filename(a, path.c_str(), 1 << 16) != ARCHIVE_OK) {
        Error e = makeError(ErrorCode::Corrupt,
                            std::string("cannot decompress: ") +
                                (archive_error_string(a) ? archive_error_string(a) : "unknown"),
                            path);
        archive_read_free(a);
        return e;
    }
    archive_entry* entry = nullptr;
    if (archive_read_next_header(a, &entry) != ARCHIVE_OK) {
        Error e = makeError(ErrorCode::Corrupt,
                            std::string("cannot decompress: ") +
                                (archive_error_string(a) ? archive_error_string(a) : "unknown"),
                            path);
        archive_read_free(a);
        return e;
    }
    const char* filterName = archive_filter_name(a, 0);
    return std::unique_ptr<InputStream>(
        std::make_unique<ArchiveInput>(path, a, filterName ? filterName : "compressed", limits));
}

}  // namespace

Result<std::unique_ptr<InputStream>> openInput(const std::string& path,
                                               DecompressionLimits limits) {
    auto stream = openStream(path, limits);
    if (stream) {
        (*stream)->setModifiedTime(fileModifiedTime(path));
    }
    return stream;
}

std::unique_ptr<InputStream> memoryInput(std::string data, std::string name,
                                         std::optional<std::int64_t> modified) {
    auto input = std::make_unique<MemoryInput>(std::move(data), std::move(name));
    input->setModifiedTime(modified);
    return input;
}

}  // namespace tapir
