// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "lookalike/lookalike_match.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tapir::lookalike {
namespace {

constexpr std::array<std::pair<Technique, std::string_view>, 19> kTechniques = {{
    {Technique::None, "none"},
    {Technique::Omission, "omission"},
    {Technique::Insertion, "insertion"},
    {Technique::Addition, "addition"},
    {Technique::Repetition, "repetition"},
    {Technique::Replacement, "replacement"},
    {Technique::Transposition, "transposition"},
    {Technique::VowelSwap, "vowel-swap"},
    {Technique::Hyphenation, "hyphenation"},
    {Technique::Bitsquatting, "bitsquatting"},
    {Technique::Homoglyph, "homoglyph"},
    {Technique::IdnHomograph, "idn-homograph"},
    {Technique::Combosquatting, "combosquatting"},
    {Technique::TypoCombo, "typo-combo"},
    {Technique::TldSwap, "tld-swap"},
    {Technique::Split, "split"},
    {Technique::Subdomain, "subdomain"},
    {Technique::Plural, "plural"},
    {Technique::InvalidIdn, "invalid-idn"},
}};

constexpr std::array<std::pair<Tier, std::string_view>, 4> kTiers = {{
    {Tier::None, "none"},
    {Tier::Low, "low"},
    {Tier::Medium, "medium"},
    {Tier::High, "high"},
}};

}  // namespace

std::string_view techniqueName(Technique t) {
    for (const auto& [k, n] : kTechniques) {
        if (k == t)
            return n;
    }
    return "none";
}

std::optional<Technique> techniqueFromName(std::string_view name) {
    for (const auto& [k, n] : kTechniques) {
        if (n == name)
            return k;
    }
    return std::nullopt;
}

std::string_view tierName(Tier t) {
    for (const auto& [k, n] : kTiers) {
        if (k == t)
            return n;
    }
    return "none";
}

std::optional<Tier> tierFromName(std::string_view name) {
    for (const auto& [k, n] : kTiers) {
        if (n == name)
            return k;
    }
    return std::nullopt;
}

Tier tierForScore(int score) {
    if (score >= 75)
        return Tier::High;
    if (score >= 55)
        return Tier::Medium;
    if (score >= 30)
        return Tier::Low;
    return Tier::None;
}

void Match::adjust(int delta, std::string reason) {
    score = std::clamp(score + delta, 0, 100);
    reasons.push_back(std::move(reason));
    tier = technique == Technique::None ? Tier::None : tierForScore(score);
}

std::string Match::reasonText() const {
    std::string out;
    for (const auto& r : reasons) {
        if (!out.empty())
            out += "; ";
        out += r;
    }
    return out;
}

}  // namespace tapir::lookalike
