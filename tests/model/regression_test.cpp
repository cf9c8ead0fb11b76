// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Replays every input the fuzzers found to crash, hang or break an invariant
// (tests/data/regressions/<target>/, described in the README there) through the same
// target code as the fuzzers (tests/fuzz/fuzz_targets.h), so each stays fixed in the
// regular build, not only under libFuzzer. A broken invariant aborts the test.
#include <gtest/gtest.h>

#include <filesystem>

#include "fuzz_targets.h"
#include "test_util.h"

namespace tapir {
namespace {

namespace fs = std::filesystem;

struct Regression {
    std::string target;
    std::string path;
};

std::vector<Regression> regressions() {
    std::vector<Regression> out;
    const fs::path root = test::dataPath("regressions");
    std::error_code ec;
    for (const auto& dir : fs::directory_iterator(root, ec)) {
        if (!dir.is_directory())
            continue;
        for (const auto& file : fs::directory_iterator(dir.path())) {
            if (file.is_regular_file()) {
                out.push_back({dir.path().filename().string(), file.path().string()});
            }
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Regression& a, const Regression& b) { return a.path < b.path; });
    return out;
}

TEST(FuzzRegressions, EveryCrasherStaysFixed) {
    const auto all = regressions();
    ASSERT_FALSE(all.empty()) << "no inputs under " << test::dataPath("regressions");
    for (const auto& r : all) {
        SCOPED_TRACE(r.path);
#if !TAPIR_HAVE_ZONE_READER
        if (r.target == "zone")
            continue;  // a build without the zone reader (Windows)
#endif
        ASSERT_TRUE(fuzz::knownTarget(r.target)) << "unknown target directory " << r.target;
        const std::string data = test::readFile(r.path);
        EXPECT_TRUE(fuzz::runTarget(r.target, reinterpret_cast<const std::uint8_t*>(data.data()),
                                    data.size()));
    }
}

}  // namespace
}  // namespace tapir
