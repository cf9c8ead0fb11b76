// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/result.h"

namespace tapir {

std::string Error::describe() const {
    std::string out = file;
    if (line) {
        out += ':' + std::to_string(*line);
    } else if (offset) {
        out += " at byte " + std::to_string(*offset);
    }
    if (!out.empty()) {
        out += ": ";
    }
    out += message;
    return out;
}

}  // namespace tapir
