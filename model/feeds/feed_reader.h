// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/observation.h"
#include "common/progress.h"
#include "common/result.h"
#include "feeds/line_reader.h"

namespace tapir {

class InputStream;

// What a reader found while reading one file. Per-record problems are counted and the
// first kMaxIssues kept with their line or offset; they never stop the read.
struct ReadStats {
    static constexpr std::size_t kMaxIssues = 20;
    std::uint64_t recordsRead = 0;   // input records (lines, frames, packets, JSON objects)
    std::uint64_t observations = 0;  // observations handed to the sink
    std::uint64_t skipped = 0;       // bad records skipped
    std::map<std::string, std::uint64_t> dropped;  // deliberately ignored, by reason
    std::vector<Error> issues;
    std::vector<std::string> warnings;  // file-level notes, e.g. "export was truncated"
};

// Passed to a reader for one file: where to report problems and progress, and whether to
// stop. Lives on the reading thread.
class ReadContext {
public:
    ReadContext(std::string path, ProgressSink& progress, const CancelToken& cancel)
        : m_path(std::move(path)), m_progress(progress), m_cancel(cancel) {}

    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] bool cancelled() const { return m_cancel.cancelled(); }
    // The time the user gave for feeds that carry none of their own (zone files), instead
    // of each file's modification time.
    [[nodiscard]] std::optional<std::int64_t> fileTime() const { return m_fileTime; }
    void setFileTime(std::optional<std::int64_t> time) { m_fileTime = time; }
    [[nodiscard]] ReadStats& stats() { return m_stats; }

    // A bad record: counted as skipped; kept in the report if among the first few.
    void badRecordAtLine(std::uint64_t line, std::string message);
    void badRecordAtOffset(std::uint64_t offset, std::string message);
    // Something deliberately not stored (client-side messages, non-DNS events, ...).
    void drop(const std::string& reason, std::uint64_t n = 1) { m_stats.dropped[reason] += n; }
    void warn(std::string message) { m_stats.warnings.push_back(std::move(message)); }
    // Reports progress at most every 64k records; cheap to call per record.
    void tick(const InputStream& input);

private:
    void keepIssue(Error e);

    std::string m_path;
    ProgressSink& m_progress;
    const CancelToken& m_cancel;
    std::optional<std::int64_t> m_fileTime;
    ReadStats m_stats;
    std::uint64_t m_ticks = 0;
};

// One reader per feed format. A reader turns a stream into normal-form observations
// (see common/observation.h); it never emits client addresses. It returns an error only
// when the file as a whole cannot be read as its format; cancellation returns
// ErrorCode::Cancelled.
class FeedReader {
public:
    virtual ~FeedReader() = default;
    [[nodiscard]] virtual Status read(InputStream& input, ObservationSink& sink,
                                      ReadContext& context) = 0;
};

// A supported format: its name (as `tapir-cli import --format` takes it), and a content
// probe that scores the first bytes of a (decompressed) file from 0 (not this) to 100.
struct FeedFormat {
    std::string_view name;
    std::string_view description;
    std::function<int(std::string_view head)> probe;
    std::function<std::unique_ptr<FeedReader>()> create;
};

// The loop every line-based reader shares: reads lines, reports progress, skips blank lines,
// counts each other line as a record, honours cancellation and reports over-long lines as
// bad records. `handle` gets each remaining line; it returns an error only to stop the file.
template <typename Handler>
[[nodiscard]] Status forEachRecordLine(LineReader& lines, const InputStream& input,
                                       ReadContext& context, Handler&& handle) {
    for (;;) {
        auto next = lines.next();
        if (!next) {
            return next.error();
        }
        if (!*next) {
            return {};
        }
        const auto& line = **next;
        context.tick(input);
        if (line.text.empty() && !line.tooLong) {
            continue;
        }
        ++context.stats().recordsRead;
        if ((context.stats().recordsRead & 0x3ff) == 0 && context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        if (line.tooLong) {
            context.badRecordAtLine(line.number, "line too long");
            continue;
        }
        if (Status st = handle(line); !st) {
            return st;
        }
    }
}

[[nodiscard]] const std::vector<FeedFormat>& feedFormats();
[[nodiscard]] const FeedFormat* findFormat(std::string_view name);
// The best-scoring format for a file's first bytes, or an error naming what was tried.
[[nodiscard]] Result<const FeedFormat*> detectFormat(std::string_view head,
                                                     const std::string& path);

}  // namespace tapir
