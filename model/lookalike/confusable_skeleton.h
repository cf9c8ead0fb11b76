// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string>
#include <string_view>

namespace tapir::lookalike {

// A DNS label decoded for display and comparison.
struct DecodedLabel {
    std::string unicode;  // UTF-8; the label itself when it is plain ASCII
    bool idn = false;     // the label was an A-label ("xn--...")
    bool valid = true;    // false: an "xn--" label that is not strict, canonical punycode
};

// Visual skeletons of labels: two strings that look alike map to the same skeleton.
// The ASCII path (asciiSkeleton) is a fixed table without ICU, used for every name; the
// Unicode path runs ICU's UTS #39 confusable skeleton, folds case, strips diacritics and
// ends in the ASCII table, so a Cyrillic "аррӏе" and an ASCII "app1e" meet at "applе"'s
// skeleton. Stateless functions over process-wide ICU objects; thread-safe.
class ConfusableSkeleton {
public:
    // Appends the skeleton of an ASCII label to out (digits and letters that read alike
    // merged: 0/o, 1/l/i, rn/m, vv/w, cl/d).
    static void asciiSkeleton(std::string_view label, std::string& out);
    [[nodiscard]] static std::string asciiSkeleton(std::string_view label);

    // The skeleton of a UTF-8 label (any script); equals asciiSkeleton for ASCII input
    // up to the UTS #39 table, and always ends in the ASCII table.
    [[nodiscard]] static std::string unicodeSkeleton(std::string_view utf8);

    // A coarser class on top of a skeleton, for whole-label equality only: also merges
    // letters that are merely similar (c/e, b/d, g/q, m/n/r, 3/8, 6/9; rr, nn, lc, lb ...),
    // so several such swaps at once (the second round of a homoglyph generator) still meet.
    [[nodiscard]] static std::string coarseSkeleton(std::string_view skeleton);

    // Strict IDNA (UTS #46, non-transitional, BiDi and CONTEXTJ rules): an A-label must
    // decode, and re-encode to exactly itself.
    [[nodiscard]] static DecodedLabel decodeLabel(std::string_view label);

    // Unicode form of a whole stored name for display; the name itself when it has no IDN
    // label or does not decode.
    [[nodiscard]] static std::string displayName(std::string_view name);

    // The scripts of a UTF-8 string other than Common/Inherited, e.g. "Latin+Cyrillic".
    [[nodiscard]] static std::string scripts(std::string_view utf8);
};

}  // namespace tapir::lookalike
