// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string_view>

#include "feeds/feed_reader.h"

namespace tapir {

// Limits against archive bombs, checked while members are read.
struct BundleLimits {
    std::uint64_t maxMemberBytes = std::uint64_t{64} << 30;  // one member, decompressed
    std::uint64_t maxRatio = 1000;  // all members' bytes / archive bytes read (after 16 MiB)
    std::uint64_t maxMembers = 100000;
};

// Reads a zip or tar archive (tar.gz and the other compressed tars arrive decompressed from
// openInput) whose members are feed files: each member is streamed in turn, decompressed if
// it is itself gzip/bzip2/xz/zstd, its format detected by content and read by that format's
// reader. Nothing is written to disk. The archive is one import source; a member's bad
// records are reported as "archive!member:line". Members of unknown format, nested archives,
// directories and hidden files are skipped and counted. Exceeding a limit fails the archive.
class BundleReader final : public FeedReader {
public:
    explicit BundleReader(BundleLimits limits = {}) : m_limits(limits) {}
    [[nodiscard]] static int probe(std::string_view head);
    [[nodiscard]] Status read(InputStream& input, ObservationSink& sink,
                              ReadContext& context) override;

private:
    BundleLimits m_limits;
};

}  // namespace tapir
