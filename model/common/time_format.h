// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>

namespace tapir {

// "2026-11-26 17:27:42" (UTC), the form dnsdbq prints in CSV.
[[nodiscard]] std::string formatUtc(std::int64_t unixSeconds);

}  // namespace tapir
