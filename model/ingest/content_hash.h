// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>

#include "common/progress.h"
#include "common/result.h"

namespace tapir {

// XXH3-128 of a file's bytes as stored on disk, as 32 hex digits. Identifies content for
// "this file was already imported", whatever its name or path.
[[nodiscard]] Result<std::string> hashFile(const std::string& path, const CancelToken& cancel);

}  // namespace tapir
