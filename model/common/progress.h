// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

namespace tapir {

// Set from any thread to ask a long engine call to stop at its next check. The engine
// checks it between records; a cancelled import rolls back the file it was working on.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    [[nodiscard]] bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void reset() { m_cancelled.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

// Receives progress from an engine call, on the calling (worker) thread. Implementations
// that forward to a UI must throttle and marshal to their own thread.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    // A new file started; total is its size in bytes (0 if unknown).
    virtual void fileStarted(std::string_view path, std::uint64_t index, std::uint64_t fileCount,
                             std::uint64_t totalBytes) = 0;
    // Bytes of the current file consumed so far, and records read so far in it.
    virtual void progressed(std::uint64_t bytesDone, std::uint64_t recordsRead) = 0;
    // The files finished so far are committed: other connections see their records now. An
    // import commits small files together, so this comes every few files, not after each.
    virtual void committed() {}
};

// A sink that ignores everything, for callers that do not care.
class NullProgress final : public ProgressSink {
public:
    void fileStarted(std::string_view, std::uint64_t, std::uint64_t, std::uint64_t) override {}
    void progressed(std::uint64_t, std::uint64_t) override {}
};

}  // namespace tapir
