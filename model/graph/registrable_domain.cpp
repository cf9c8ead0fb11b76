// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/registrable_domain.h"

#include <libpsl.h>

namespace tapir::graph {
namespace {

// Loaded once; psl_latest() picks whichever of the built-in and the system list
// (/usr/share/publicsuffix) is newer. Never freed: it lives as long as the process.
const psl_ctx_t* context() {
    static const psl_ctx_t* psl = [] {
        const psl_ctx_t* latest = psl_latest(nullptr);
        return latest != nullptr ? latest : psl_builtin();
    }();
    return psl;
}

}  // namespace

std::string registrableDomain(std::string_view name) {
    const psl_ctx_t* psl = context();
    if (psl == nullptr || name.empty())
        return {};
    const std::string text(name);
    const char* domain = psl_registrable_domain(psl, text.c_str());
    return domain != nullptr ? std::string(domain) : std::string();
}

}  // namespace tapir::graph
