// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>

namespace tapir::store {

// Gives SQLite's page-cache pages their own memory: a slab of page-sized slots in
// transparent huge pages, taken as caches grow and reused when they shrink; every other
// SQLite allocation still goes to malloc. Without it each page a cache takes is fresh
// malloc memory and its first touch a page fault, which on this machine (a VM) costs 6-12
// us against 3-5 us for the pread that fills the page: faults were most of a search's time.
// Must run before SQLite's first use in the process; later calls do nothing. Returns
// whether the slab serves pages (not on non-Linux systems, under AddressSanitizer, whose
// leak checker does not look inside the slab, or when SQLite was already initialised).
bool installPageArena();

// Slots handed out and not yet returned (for tests).
[[nodiscard]] std::size_t pageArenaSlotsInUse();

}  // namespace tapir::store
