// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <string>
#include <string_view>

namespace tapir::graph {

// The registrable domain of a name (public suffix plus one label, e.g. "example.co.uk" for
// "www.example.co.uk"), from the Public Suffix List through libpsl: the newer of libpsl's
// built-in list and the system's publicsuffix package. Names under a TLD the list does not
// know follow its default rule "*" ("dnshost.lab" for "ns1.dnshost.lab"). Empty when the
// name is itself a public suffix. Thread-safe (the list is loaded once, read-only).
[[nodiscard]] std::string registrableDomain(std::string_view name);

}  // namespace tapir::graph
