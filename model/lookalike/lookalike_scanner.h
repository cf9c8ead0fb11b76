// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/progress.h"
#include "common/result.h"
#include "lookalike/lookalike_match.h"
#include "lookalike/lookalike_matcher.h"
#include "lookalike/lookalike_store.h"

namespace tapir::store {
class Database;
}

namespace tapir::lookalike {

// What one scan did.
struct ScanReport {
    bool full = false;  // started from watermark 0 (watchlist changed or --rescan)
    bool cancelled = false;
    std::uint64_t namesScanned = 0;
    std::uint64_t matched = 0;     // names the matcher flagged
    std::uint64_t suppressed = 0;  // of those, the brand's own infrastructure
    std::uint64_t newAlerts = 0;
    std::uint64_t updatedAlerts = 0;
    std::uint64_t droppedAlerts = 0;  // untriaged alerts a full scan no longer raised
    double seconds = 0;
};

// Raises lookalike alerts for the names in a store: incrementally (names above the
// watermark, i.e. added since the last scan) or in full after the watchlist changed. The
// matcher finds candidates; the scanner weighs what the store knows (the brand's name
// servers, addresses and CNAME/MX targets suppress defensive registrations; a registrable
// domain first seen recently scores higher). Runs on the thread that owns the Database;
// writes in one transaction per chunk of names, so a cancelled scan resumes where it
// stopped.
class LookalikeScanner {
public:
    explicit LookalikeScanner(store::Database& db);
    ~LookalikeScanner();

    // (Re)loads the watchlist; the other calls load it on first use.
    [[nodiscard]] Status load();
    [[nodiscard]] const LookalikeMatcher* matcher() const { return m_matcher.get(); }

    // Scores one name with the store's evidence, without writing anything. The name is
    // normalised first (any case, Unicode or A-labels).
    [[nodiscard]] Result<Match> assess(std::string_view name);

    // Scans names added since the last scan (all names after a watchlist change). Does
    // nothing, without touching the store, when the watchlist is empty.
    [[nodiscard]] Result<ScanReport> scanNewNames(ProgressSink* progress = nullptr,
                                                  const CancelToken* cancel = nullptr);
    // Full rescan of every name.
    [[nodiscard]] Result<ScanReport> rescan(ProgressSink* progress = nullptr,
                                            const CancelToken* cancel = nullptr);

    // Names per chunk (one transaction each).
    void setChunkSize(std::size_t names) { m_chunk = names; }

private:
    struct BrandEvidence;
    // Applies the store's evidence; false when the brand's infrastructure suppresses it.
    Result<bool> refine(Match& match);
    Result<const BrandEvidence*> evidence(int brand);

    store::Database& m_db;
    LookalikeStore m_store;
    std::unique_ptr<LookalikeMatcher> m_matcher;
    std::map<int, std::unique_ptr<BrandEvidence>> m_evidence;
    std::optional<std::optional<std::int64_t>> m_latest;
    std::size_t m_chunk = 50'000;
};

// The import hook: scanNewNames on a scanner of its own; a no-op (one cheap query) when the
// watchlist is empty. Call outside a transaction.
[[nodiscard]] Result<ScanReport> scanNewNames(store::Database& db);

}  // namespace tapir::lookalike
