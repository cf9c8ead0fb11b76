// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/paths.h"

#include <cstdlib>
#include <filesystem>

namespace tapir {

namespace {
std::string env(const char* name) {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read at start-up
    return v ? v : "";
}
}  // namespace

std::string defaultDatabasePath() {
    namespace fs = std::filesystem;
    if (auto p = env("TAPIR_DB"); !p.empty()) {
        return p;
    }
#if defined(_WIN32)
    fs::path base = env("LOCALAPPDATA");
    return (base / "Tapir" / "tapir.db").string();
#elif defined(__APPLE__)
    fs::path base = fs::path(env("HOME")) / "Library" / "Application Support";
    return (base / "Tapir" / "tapir.db").string();
#else
    fs::path base = env("XDG_DATA_HOME");
    if (base.empty()) {
        base = fs::path(env("HOME")) / ".local" / "share";
    }
    return (base / "tapir" / "tapir.db").string();
#endif
}

}  // namespace tapir
