// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string_view>

struct psl_ctx_st;

namespace tapir::lookalike {

// The Public Suffix List through libpsl: the newest of the list compiled into libpsl and
// Debian's publicsuffix package (/usr/share/publicsuffix). Immutable after loading;
// thread-safe. Names are Tapir's stored form (lower-case ASCII, A-labels).
class PublicSuffixList {
public:
    static const PublicSuffixList& instance();

    // The registrable domain ("example.co.uk" for "www.example.co.uk"; private suffixes
    // such as blogspot.com count as public), or empty when the name is itself a public
    // suffix. Labels under no listed suffix fall under the "*" rule (one-label suffix).
    [[nodiscard]] std::string_view registrableDomain(std::string_view name) const;

    // True when the name is a suffix listed in the PSL itself, not merely by the "*" rule
    // (so "com" and "co.uk" are, "example" is not).
    [[nodiscard]] bool isListedSuffix(std::string_view name) const;

private:
    PublicSuffixList();
    const psl_ctx_st* m_psl = nullptr;
};

}  // namespace tapir::lookalike
