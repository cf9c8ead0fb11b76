// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// zip/tar bundles of feed files, streamed member by member.
//
// Terms: the *archive* is the import source; a *member* is one file inside it. libarchive
// reads the archive from the InputStream through callbacks (archive_read_open), so nothing
// needs a seekable file or a temporary copy; zip is read with the streamable reader
// (local headers in order).
//
// Steps: for each regular member, MemberInput exposes its data as an InputStream, counting
// the bytes it produces against the limits. Its first 64 KiB are read for detection; a
// member that is itself compressed is wrapped in FilteredInput (a libarchive raw reader over
// the member stream) and its head read again. detectFormat picks the reader, which reads the
// member replayed from the start of its head. Issues the reader added are re-labelled
// "archive!member". A limit or an archive error stops the whole archive, since what follows
// cannot be trusted; a member that fails as a whole is reported and skipped.
#include "feeds/bundle_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "feeds/input_stream.h"

namespace tapir {
namespace {

constexpr std::size_t kHeadSize = 64 * 1024;
constexpr std::size_t kChunk = 256 * 1024;
constexpr std::uint64_t kRatioGrace = std::uint64_t{16} << 20;

std::string archiveError(archive* a) {
    const char* s = archive_error_string(a);
    return s ? s : "unknown error";
}

bool looksCompressed(std::string_view m) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(m[i]); };
    if (m.size() >= 2 && b(0) == 0x1f && b(1) == 0x8b)
        return true;
    if (m.size() >= 3 && m.starts_with("BZh"))
        return true;
    if (m.size() >= 6 && b(0) == 0xfd && m.substr(1, 3) == "7zX")
        return true;
    if (m.size() >= 4 && b(0) == 0x28 && b(1) == 0xb5 && b(2) == 0x2f && b(3) == 0xfd)
        return true;
    return false;
}

// An InputStream whose first bytes come from a buffer, then from another stream. Lets a
// reader start at byte 0 of a member whose head was already read for detection.
class ReplayInput final : public InputStream {
public:
    ReplayInput(std::string name, std::string head, InputStream& rest, std::string compression)
        : InputStream(std::move(name)),
          m_head(std::move(head)),
          m_rest(rest),
          m_compression(std::move(compression)) {
        setModifiedTime(rest.modifiedTime());
    }
    Result<std::size_t> read(std::byte* data, std::size_t size) override {
        if (m_pos < m_head.size()) {
            const std::size_t n = std::min(size, m_head.size() - m_pos);
            std::memcpy(data, m_head.data() + m_pos, n);
            m_pos += n;
            return n;
        }
        return m_rest.read(data, size);
    }
    std::uint64_t sourcePosition() const override { return m_rest.sourcePosition(); }
    std::string compression() const override { return m_compression; }

private:
    std::string m_head;
    std::size_t m_pos = 0;
    InputStream& m_rest;
    std::string m_compression;
};

Result<std::string> readHead(InputStream& in) {
    std::string head(kHeadSize, '\0');
    std::size_t filled = 0;
    while (filled < head.size()) {
        auto n = in.read(reinterpret_cast<std::byte*>(head.data() + filled), head.size() - filled);
        if (!n)
            return n.error();
        if (*n == 0)
            break;
        filled += *n;
    }
    head.resize(filled);
    return head;
}

// Shared by the archive and by every member: the bytes produced so far against the bytes
// read from the archive's own stream.
struct Budget {
    BundleLimits limits;
    std::uint64_t consumed = 0;  // archive bytes handed to libarchive
    std::uint64_t produced = 0;  // member bytes handed to readers, all members

    // An error once a limit is passed, naming the member.
    std::optional<Error> check(std::uint64_t memberBytes, const std::string& member,
                               const std::string& path) const {
        std::string why;
        if (memberBytes > limits.maxMemberBytes) {
            why = "member '" + member + "' is larger than " +
                  std::to_string(limits.maxMemberBytes) + " bytes";
        } else if (produced > kRatioGrace && consumed > 0 &&
                   produced / consumed > limits.maxRatio) {
            why = "members expand to " + std::to_string(produced) + " bytes from " +
                  std::to_string(consumed) + " archive bytes (more than " +
                  std::to_string(limits.maxRatio) + ":1), at member '" + member + "'";
        }
        if (why.empty())
            return std::nullopt;
        Error e =
            makeError(ErrorCode::Limit, why + ": refusing a possible decompression bomb", path);
        e.offset = consumed;
        return e;
    }
};

// libarchive reading from an InputStream through callbacks. Used for the archive itself and
// for compressed members (raw format + filters).
class CallbackArchive {
public:
    CallbackArchive(InputStream& source, Budget* budget) : m_source(source), m_budget(budget) {}
    ~CallbackArchive() {
        if (m_archive)
            archive_read_free(m_archive);
    }
    CallbackArchive(const CallbackArchive&) = delete;
    CallbackArchive& operator=(const CallbackArchive&) = delete;

    Status open(bool rawFormat) {
        m_archive = archive_read_new();
        archive_read_support_filter_all(m_archive);
        if (rawFormat) {
            archive_read_support_format_raw(m_archive);
        } else {
            archive_read_support_format_zip_streamable(m_archive);
            archive_read_support_format_tar(m_archive);
            archive_read_support_format_gnutar(m_archive);
        }
        if (archive_read_open(m_archive, this, nullptr, &CallbackArchive::readCallback, nullptr) !=
            ARCHIVE_OK) {
            return failure("cannot open archive: ");
        }
        return {};
    }

    archive* handle() { return m_archive; }
    // The stream error behind a libarchive failure, else libarchive's message.
    Error failure(const std::string& what) {
        if (m_streamError)
            return *m_streamError;
        Error e = makeError(ErrorCode::Corrupt, what + archiveError(m_archive), m_source.path());
        e.offset = m_source.sourcePosition();
        return e;
    }

private:
    static la_ssize_t readCallback(archive* a, void* self, const void** buffer) {
        auto* me = static_cast<CallbackArchive*>(self);
        auto n = me->m_source.read(me->m_buffer.data(), me->m_buffer.size());
        if (!n) {
            me->m_streamError = n.error();
            archive_set_error(a, EIO, "%s", n.error().message.c_str());
            return -1;
        }
        if (me->m_budget)
            me->m_budget->consumed += *n;
        *buffer = me->m_buffer.data();
        return static_cast<la_ssize_t>(*n);
    }

    InputStream& m_source;
    Budget* m_budget;
    archive* m_archive = nullptr;
    std::vector<std::byte> m_buffer = std::vector<std::byte>(kChunk);
    std::optional<Error> m_streamError;
};

// The data of the current archive entry (or of a raw-format filter) as an InputStream.
class ArchiveDataInput final : public InputStream {
public:
    ArchiveDataInput(std::string name, CallbackArchive& archive, Budget& budget,
                     const InputStream& outer, std::string member)
        : InputStream(std::move(name)),
          m_archive(archive),
          m_budget(budget),
          m_outer(outer),
          m_member(std::move(member)) {}

    Result<std::size_t> read(std::byte* data, std::size_t size) override {
        const la_ssize_t n = archive_read_data(m_archive.handle(), data, size);
        if (n < 0) {
            return m_archive.failure("member '" + m_member + "' cannot be read: ");
        }
        m_produced += static_cast<std::uint64_t>(n);
        m_budget.produced += static_cast<std::uint64_t>(n);
        if (auto e = m_budget.check(m_produced, m_member, m_outer.path())) {
            return *e;
        }
        return static_cast<std::size_t>(n);
    }
    // Progress is measured against the archive file.
    std::uint64_t sourcePosition() const override { return m_outer.sourcePosition(); }
    std::string compression() const override { return "none"; }

private:
    CallbackArchive& m_archive;
    Budget& m_budget;
    const InputStream& m_outer;
    std::string m_member;
    std::uint64_t m_produced = 0;
};

bool skippedName(std::string_view name) {
    if (name.starts_with("__MACOSX/") || name.find("/.") != std::string_view::npos)
        return true;
    const std::size_t slash = name.rfind('/');
    const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    return base.empty() || base.front() == '.' || base.back() == '~' || base.ends_with(".part") ||
           base.ends_with(".tmp");
}

}  // namespace

int BundleReader::probe(std::string_view head) {
    if (head.starts_with("PK\x03\x04"))
        return 95;
    if (head.starts_with(std::string_view("PK\x05\x06", 4)))
        return 60;  // empty zip
    if (head.size() >= 262 && head.substr(257, 5) == "ustar")
        return 95;
    return 0;
}

Status BundleReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    Budget budget{m_limits};
    CallbackArchive outer(input, &budget);
    if (auto st = outer.open(false); !st) {
        return st.error();
    }
    std::uint64_t members = 0;
    std::uint64_t read = 0;
    std::uint64_t unknown = 0;
    constexpr std::uint64_t kMaxNamedUnknown = 5;
    for (;;) {
        if (context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        archive_entry* entry = nullptr;
        const int rc = archive_read_next_header(outer.handle(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
            return outer.failure("archive is damaged: ");
        }
        const char* rawName = archive_entry_pathname(entry);
        const std::string member = rawName ? rawName : "";
        if (archive_entry_filetype(entry) != AE_IFREG || skippedName(member)) {
            context.drop("archive members skipped (directories, links, hidden files)");
            continue;
        }
        if (++members > m_limits.maxMembers) {
            return makeError(
                ErrorCode::Limit,
                "archive holds more than " + std::to_string(m_limits.maxMembers) + " members",
                context.path());
        }
        const std::string label = context.path() + "!" + member;
        ArchiveDataInput data(label, outer, budget, input, member);
        // The member's own time (zone files are dated by it), else the archive's.
        const std::optional<std::int64_t> modified =
            archive_entry_mtime_is_set(entry) != 0
                ? std::optional<std::int64_t>(archive_entry_mtime(entry))
                : input.modifiedTime();
        data.setModifiedTime(modified);
        auto head = readHead(data);
        if (!head)
            return head.error();
        if (head->empty()) {
            context.drop("empty archive members");
            continue;
        }

        // A compressed member: decompress it through a second libarchive reader.
        std::unique_ptr<ReplayInput> compressedReplay;
        std::unique_ptr<CallbackArchive> filter;
        std::unique_ptr<ArchiveDataInput> filtered;
        InputStream* source = &data;
        std::string compression = "none";
        if (looksCompressed(*head)) {
            compressedReplay = std::make_unique<ReplayInput>(label, std::move(*head), data, "none");
            filter = std::make_unique<CallbackArchive>(*compressedReplay, nullptr);
            archive_entry* rawEntry = nullptr;
            if (!filter->open(true) ||
                archive_read_next_header(filter->handle(), &rawEntry) != ARCHIVE_OK) {
                context.warn("member '" + member + "' looks compressed but cannot be decompressed");
                context.drop("archive members that could not be read");
                continue;
            }
            const char* f = archive_filter_name(filter->handle(), 0);
            compression = f ? f : "compressed";
            filtered = std::make_unique<ArchiveDataInput>(label, *filter, budget, input, member);
            filtered->setModifiedTime(modified);
            source = filtered.get();
            head = readHead(*source);
            if (!head)
                return head.error();
        }

        auto format = detectFormat(*head, label);
        if (!format) {
            // Name the first few; an archive of 500 unrelated files must not bury the report.
            if (++unknown <= kMaxNamedUnknown) {
                context.warn(format.error().describe());
            }
            context.drop("archive members of unknown format");
            continue;
        }
        if ((*format)->name == "bundle") {
            context.warn("member '" + member +
                         "' is itself an archive: nested archives are not read");
            context.drop("nested archives");
            continue;
        }
        ReplayInput replay(label, std::move(*head), *source, compression);
        const std::size_t issuesBefore = context.stats().issues.size();
        auto reader = (*format)->create();
        Status st = reader->read(replay, sink, context);
        auto& issues = context.stats().issues;
        for (std::size_t i = issuesBefore; i < issues.size(); ++i) {
            issues[i].file = label;
        }
        if (!st) {
            const ErrorCode code = st.error().code;
            if (code == ErrorCode::Cancelled || code == ErrorCode::Limit || code == ErrorCode::Io ||
                code == ErrorCode::Corrupt) {
                Error e = st.error();
                if (e.file.empty() || e.file == context.path())
                    e.file = label;
                return e;
            }
            context.warn(st.error().describe());
            context.drop("archive members that could not be read");
            continue;
        }
        ++read;
    }
    if (unknown > kMaxNamedUnknown) {
        context.warn("... and " + std::to_string(unknown - kMaxNamedUnknown) +
                     " more members of unknown format");
    }
    if (read == 0) {
        // Like any file Tapir cannot read: a failure the user sees, not an empty success.
        return makeError(ErrorCode::Format,
                         "the archive holds no readable feed file (" + std::to_string(unknown) +
                             " members of unknown format)",
                         context.path());
    }
    return {};
}

}  // namespace tapir
