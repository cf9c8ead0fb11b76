// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "ingest/content_hash.h"

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace tapir {

Result<std::string> hashFile(const std::string& path, const CancelToken& cancel) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file) {
        return makeError(ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno), path);
    }
    std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(),
                                                                          &XXH3_freeState);
    XXH3_128bits_reset(state.get());
    std::vector<char> buffer(std::size_t{1} << 20);
    for (;;) {
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
        if (n > 0) {
            XXH3_128bits_update(state.get(), buffer.data(), n);
        }
        if (n < buffer.size()) {
            if (std::ferror(file.get())) {
                return makeError(ErrorCode::Io, std::string("read failed: ") + std::strerror(errno),
                                 path);
            }
            break;
        }
        if (cancel.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", path);
        }
    }
    const XXH128_hash_t h = XXH3_128bits_digest(state.get());
    char hex[33];
    std::snprintf(hex, sizeof(hex), "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return std::string(hex);
}

}  // namespace tapir
