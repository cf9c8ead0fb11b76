// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <span>
#include <string_view>

namespace tapir::store {

// The store's schema as an ordered list of migrations: migration i takes a database from
// PRAGMA user_version i to i + 1. A database whose version is above the newest is refused.
[[nodiscard]] std::span<const std::string_view> migrations();
[[nodiscard]] int schemaVersion();

}  // namespace tapir::store
