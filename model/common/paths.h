// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string>

namespace tapir {

// The default store, shared by the GUI and tapir-cli: $TAPIR_DB if set, else
// $XDG_DATA_HOME/tapir/tapir.db (~/.local/share/tapir/tapir.db) on Linux,
// ~/Library/Application Support/Tapir/tapir.db on macOS, %LOCALAPPDATA%\Tapir\tapir.db on
// Windows.
[[nodiscard]] std::string defaultDatabasePath();

}  // namespace tapir
