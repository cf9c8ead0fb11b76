// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tapir::lookalike {

// A watched brand: the label it is known by ("paypal", IDN as A-label) and the domains it
// owns ("paypal.com", "paypal.me"), whose names never raise alerts.
struct Brand {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> domains;
};

// How a name imitates a brand; each alert names one.
enum class Technique : std::uint8_t {
    None,
    Omission,        // paypl
    Insertion,       // paytpal (a key next to a neighbour)
    Addition,        // paypalx (appended)
    Repetition,      // payppal
    Replacement,     // paypsl
    Transposition,   // pyapal
    VowelSwap,       // paypel
    Hyphenation,     // pay-pal
    Bitsquatting,    // paypam (one bit flipped)
    Homoglyph,       // paypa1, rnicrosoft (ASCII lookalikes)
    IdnHomograph,    // pаypal with Cyrillic а (Unicode lookalikes)
    Combosquatting,  // paypal-login
    TypoCombo,       // paypa1-login, paypl-secure
    TldSwap,         // paypal.example for a brand that owns paypal.com
    Split,           // pay.pal.com
    Subdomain,       // paypal.com.evil.example
    Plural,          // paypals
    InvalidIdn,      // xn-- label that is not valid punycode
};

enum class Tier : std::uint8_t { None, Low, Medium, High };

[[nodiscard]] std::string_view techniqueName(Technique t);
[[nodiscard]] std::optional<Technique> techniqueFromName(std::string_view name);
[[nodiscard]] std::string_view tierName(Tier t);
[[nodiscard]] std::optional<Tier> tierFromName(std::string_view name);
// Score thresholds: high >= 75, medium >= 55, low >= 30; below 30 no alert.
[[nodiscard]] Tier tierForScore(int score);

// The verdict on one name: the best-scoring brand and technique, the score (0-100) and the
// reasons that make it up, in the order they were weighed.
struct Match {
    std::string name;         // as given (stored form: lower-case, A-labels)
    std::string unicodeName;  // display form
    std::string registrable;  // registrable domain (PSL)
    int brand = -1;           // index into the matcher's brands; -1 for none or brandless
    std::string brandName;
    Technique technique = Technique::None;
    int score = 0;
    Tier tier = Tier::None;
    std::vector<std::string> reasons;

    [[nodiscard]] bool alert() const { return tier != Tier::None; }
    // Applies a score adjustment with its reason and recomputes the tier.
    void adjust(int delta, std::string reason);
    [[nodiscard]] std::string reasonText() const;  // reasons joined by "; "
};

}  // namespace tapir::lookalike
