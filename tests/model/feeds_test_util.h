// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <gtest/gtest.h>

#include <set>

#include "feeds/feed_reader.h"
#include "feeds/input_stream.h"
#include "test_util.h"

namespace tapir::test {

struct ReadResult {
    Status status;
    ReadStats stats;
    CollectingSink sink;

    [[nodiscard]] std::set<Key> keys() const {
        std::set<Key> out;
        for (const auto& [k, n] : sink.counts)
            out.insert(k);
        return out;
    }
};

inline ReadResult readWith(FeedReader& reader, std::unique_ptr<InputStream> input) {
    ReadResult r;
    NullProgress progress;
    CancelToken cancel;
    ReadContext context(input->path(), progress, cancel);
    r.status = reader.read(*input, r.sink, context);
    r.stats = context.stats();
    return r;
}

inline ReadResult readPath(FeedReader& reader, const std::string& path) {
    auto input = openInput(path);
    EXPECT_TRUE(input.ok()) << path;
    return readWith(reader, std::move(*input));
}

inline std::set<Key> expectedKeys(const std::string& path) {
    std::set<Key> out;
    for (const auto& [k, n] : readExpected(path))
        out.insert(k);
    EXPECT_FALSE(out.empty()) << "no expected keys in " << path;
    return out;
}

// Both directions, so a failure names each key that differs.
inline void expectSameKeys(const std::set<Key>& got, const std::set<Key>& expected) {
    for (const auto& k : expected) {
        EXPECT_TRUE(got.count(k)) << "missing " << std::get<0>(k) << " " << std::get<1>(k) << " "
                                  << std::get<2>(k);
    }
    for (const auto& k : got) {
        EXPECT_TRUE(expected.count(k))
            << "unexpected " << std::get<0>(k) << " " << std::get<1>(k) << " " << std::get<2>(k);
    }
}

}  // namespace tapir::test
