// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include "common/result.h"

struct sqlite3;

namespace tapir {

// Registers tapir_regexp(pattern, text) on a connection (idempotent): ICU regular
// expressions, compiled once per statement and cached by SQLite as auxiliary data. An
// invalid pattern makes the statement fail with the ICU error message.
[[nodiscard]] Status registerRegexFunction(sqlite3* db);

// Checks a pattern compiles; the error names the offset of the problem.
[[nodiscard]] Status validateRegex(const std::string& pattern);

}  // namespace tapir
