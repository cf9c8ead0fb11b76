// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "lookalike/public_suffix_list.h"

#include <libpsl.h>

#include <array>
#include <cstring>

namespace tapir::lookalike {

namespace {
constexpr std::size_t kMaxName = 255;
}

PublicSuffixList::PublicSuffixList() {
    m_psl = psl_latest(nullptr);
    if (m_psl == nullptr) {
        m_psl = psl_builtin();
    }
}

const PublicSuffixList& PublicSuffixList::instance() {
    static const PublicSuffixList list;
    return list;
}

std::string_view PublicSuffixList::registrableDomain(std::string_view name) const {
    if (m_psl == nullptr || name.empty() || name.size() > kMaxName) {
        return {};
    }
    // libpsl wants a NUL-terminated string and returns a pointer into it.
    std::array<char, kMaxName + 1> buffer{};
    std::memcpy(buffer.data(), name.data(), name.size());
    const char* result = psl_registrable_domain(m_psl, buffer.data());
    if (result == nullptr) {
        return {};
    }
    return name.substr(static_cast<std::size_t>(result - buffer.data()));
}

bool PublicSuffixList::isListedSuffix(std::string_view name) const {
    if (m_psl == nullptr || name.empty() || name.size() > kMaxName) {
        return false;
    }
    std::array<char, kMaxName + 1> buffer{};
    std::memcpy(buffer.data(), name.data(), name.size());
    return psl_is_public_suffix2(m_psl, buffer.data(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

}  // namespace tapir::lookalike
