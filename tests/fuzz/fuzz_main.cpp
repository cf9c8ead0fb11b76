// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// libFuzzer entry point for one target of fuzz_targets.h, chosen at build time by
// TAPIR_FUZZ_TARGET (e.g. "dns_wire", or a feed format name such as "dnstap").
#include <cstddef>
#include <cstdint>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool known = tapir::fuzz::knownTarget(TAPIR_FUZZ_TARGET);
    tapir::fuzz::check(known, "TAPIR_FUZZ_TARGET names a target");
    tapir::fuzz::runTarget(TAPIR_FUZZ_TARGET, data, size);
    return 0;
}
