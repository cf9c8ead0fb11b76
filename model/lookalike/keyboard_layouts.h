// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>

namespace tapir::lookalike {

// Keyboard layouts whose key neighbourhoods make a typo likely.
enum class KeyboardLayout : std::uint8_t { Qwerty = 1, Qwertz = 2, Azerty = 4 };

// Which layouts (a bit set of KeyboardLayout) place the keys of two lower-case ASCII
// characters next to each other, including the diagonal neighbours of a staggered
// keyboard. 0 when none does or either character is not a letter or digit. Tables are
// built once; thread-safe.
[[nodiscard]] std::uint8_t adjacentKeyLayouts(char a, char b);

// "QWERTY/AZERTY" for a bit set from adjacentKeyLayouts(); empty for 0.
[[nodiscard]] std::string layoutNames(std::uint8_t layouts);

}  // namespace tapir::lookalike
