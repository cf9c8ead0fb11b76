// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Key adjacency from the row layout of a staggered keyboard: each row is shifted half a key
// to the right of the row above, so the key at (row r, column c) touches (r, c±1),
// (r-1, c), (r-1, c+1), (r+1, c-1) and (r+1, c). This gives the same neighbourhoods as
// the hand-written tables in dnstwist and typo generators, from four strings per layout.
#include "lookalike/keyboard_layouts.h"

#include <array>
#include <string_view>

namespace tapir::lookalike {
namespace {

using Rows = std::array<std::string_view, 4>;

constexpr Rows kQwerty = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
constexpr Rows kQwertz = {"1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm"};
constexpr Rows kAzerty = {"1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"};

using Table = std::array<std::array<std::uint8_t, 128>, 128>;

void addLayout(Table& table, const Rows& rows, std::uint8_t bit) {
    auto at = [&](int r, int c) -> char {
        if (r < 0 || r >= static_cast<int>(rows.size()) || c < 0 ||
            c >= static_cast<int>(rows[static_cast<std::size_t>(r)].size())) {
            return 0;
        }
        return rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
    };
    constexpr std::array<std::array<int, 2>, 6> kNeighbours = {
        {{0, -1}, {0, 1}, {-1, 0}, {-1, 1}, {1, -1}, {1, 0}}};
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        for (int c = 0; c < static_cast<int>(rows[static_cast<std::size_t>(r)].size()); ++c) {
            const char key = at(r, c);
            for (const auto& [dr, dc] : kNeighbours) {
                if (const char n = at(r + dr, c + dc); n != 0) {
                    table[static_cast<std::size_t>(key)][static_cast<std::size_t>(n)] |= bit;
                }
            }
        }
    }
}

const Table& adjacency() {
    static const Table table = [] {
        Table t{};
        addLayout(t, kQwerty, static_cast<std::uint8_t>(KeyboardLayout::Qwerty));
        addLayout(t, kQwertz, static_cast<std::uint8_t>(KeyboardLayout::Qwertz));
        addLayout(t, kAzerty, static_cast<std::uint8_t>(KeyboardLayout::Azerty));
        return t;
    }();
    return table;
}

}  // namespace

std::uint8_t adjacentKeyLayouts(char a, char b) {
    const auto ua = static_cast<unsigned char>(a);
    const auto ub = static_cast<unsigned char>(b);
    if (ua >= 128 || ub >= 128) {
        return 0;
    }
    return adjacency()[ua][ub];
}

std::string layoutNames(std::uint8_t layouts) {
    std::string out;
    auto add = [&](KeyboardLayout l, const char* name) {
        if ((layouts & static_cast<std::uint8_t>(l)) != 0) {
            if (!out.empty())
                out += '/';
            out += name;
        }
    };
    add(KeyboardLayout::Qwerty, "QWERTY");
    add(KeyboardLayout::Qwertz, "QWERTZ");
    add(KeyboardLayout::Azerty, "AZERTY");
    return out;
}

}  // namespace tapir::lookalike
