// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "lookalike/lookalike_match.h"

namespace tapir::lookalike {

// Checks names against a watchlist of brands and says which brand a name imitates, how,
// and how strongly (see the overview in lookalike_matcher.cpp). Built once per watchlist;
// match() is const, allocation-free for names that match nothing, and safe to call from
// several threads at once. Knows nothing of the store: infrastructure and age are weighed
// by LookalikeScanner.
class LookalikeMatcher {
public:
    explicit LookalikeMatcher(std::vector<Brand> brands);
    ~LookalikeMatcher();
    LookalikeMatcher(const LookalikeMatcher&) = delete;
    LookalikeMatcher& operator=(const LookalikeMatcher&) = delete;

    [[nodiscard]] bool empty() const { return m_brands.empty(); }
    [[nodiscard]] const std::vector<Brand>& brands() const { return m_brands; }

    // Scores one name in Tapir's stored form (lower-case, A-labels, no trailing dot).
    // Returns true and fills out when the name raises an alert (tier above none); out is
    // left untouched otherwise.
    bool match(std::string_view name, Match& out) const;
    // Convenience form: a Match with tier None when nothing matched.
    [[nodiscard]] Match match(std::string_view name) const;

    // The brand whose own domain the name is, or lies under; -1 if none.
    [[nodiscard]] int ownerOf(std::string_view name) const;

    // Bytes held by the indexes (for the memory-per-brand figure).
    [[nodiscard]] std::size_t memoryBytes() const;

private:
    struct Index;
    std::vector<Brand> m_brands;
    std::unique_ptr<Index> m_index;
};

}  // namespace tapir::lookalike
