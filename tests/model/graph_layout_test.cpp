// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "graph/graph_layout.h"

namespace tapir::graph {
namespace {

// A tree-ish DNS-shaped graph: hubs, domains, names, addresses (seeded).
LayoutInput makeGraph(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    LayoutInput in;
    in.nodeCount = n;
    for (std::size_t i = 1; i < n; ++i) {
        const std::size_t parent = std::uniform_int_distribution<std::size_t>(0, i - 1)(rng) / 3;
        in.edges.emplace_back(i, parent);
        if (i % 7 == 0)
            in.edges.emplace_back(i, i / 2);
    }
    return in;
}

void expectInvariants(const LayoutResult& r, const LayoutInput& in, const LayoutOptions& o) {
    ASSERT_EQ(r.positions.size(), in.nodeCount);
    for (std::size_t i = 0; i < r.positions.size(); ++i) {
        const Point& p = r.positions[i];
        ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y)) << "node " << i;
        const bool pinned = i < in.pinned.size() && in.pinned[i];
        if (!pinned) {
            EXPECT_GE(p.x, r.min.x) << i;
            EXPECT_LE(p.x, r.max.x) << i;
            EXPECT_GE(p.y, r.min.y) << i;
            EXPECT_LE(p.y, r.max.y) << i;
        }
    }
    for (std::size_t i = 0; i < r.positions.size(); ++i) {
        for (std::size_t j = i + 1; j < r.positions.size(); ++j) {
            const bool bothPinned = i < in.pinned.size() && in.pinned[i] && in.pinned[j];
            if (bothPinned)
                continue;
            const double d = std::hypot(r.positions[i].x - r.positions[j].x,
                                        r.positions[i].y - r.positions[j].y);
            ASSERT_GE(d, o.minDistance * 0.999) << "nodes " << i << " and " << j << " overlap";
        }
    }
}

class LayoutSizes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(LayoutSizes, NoNanNoOverlapInBounds) {
    const LayoutInput in = makeGraph(GetParam(), 3);
    LayoutOptions o;
    CancelToken cancel;
    auto r = layoutGraph(in, o, cancel);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->method, GetParam() <= o.exactLimit ? "fr-exact" : "fr-barnes-hut");
    expectInvariants(*r, in, o);
}

INSTANTIATE_TEST_SUITE_P(Graph, LayoutSizes, ::testing::Values(1, 2, 30, 399, 401, 1200));

TEST(GraphLayout, SameSeedSamePositionsOtherSeedOther) {
    const LayoutInput in = makeGraph(600, 5);
    LayoutOptions o;
    CancelToken cancel;
    auto a = layoutGraph(in, o, cancel);
    auto b = layoutGraph(in, o, cancel);
    o.seed = 2;
    auto c = layoutGraph(in, o, cancel);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    bool differs = false;
    for (std::size_t i = 0; i < in.nodeCount; ++i) {
        EXPECT_EQ(a->positions[i].x, b->positions[i].x);
        EXPECT_EQ(a->positions[i].y, b->positions[i].y);
        differs = differs || a->positions[i].x != c->positions[i].x;
    }
    EXPECT_TRUE(differs);
}

TEST(GraphLayout, CoincidentStartPositionsAreSeparated) {
    LayoutInput in;
    in.nodeCount = 50;
    in.initial.assign(50, Point{10, 10});
    LayoutOptions o;
    o.iterations = 5;  // leave the work to the overlap removal
    CancelToken cancel;
    auto r = layoutGraph(in, o, cancel);
    ASSERT_TRUE(r.ok());
    expectInvariants(*r, in, o);
}

TEST(GraphLayout, PinnedNodesStayAndNewNodesGrowNearTheirNeighbour) {
    LayoutInput in = makeGraph(300, 9);
    LayoutOptions o;
    CancelToken cancel;
    auto first = layoutGraph(in, o, cancel);
    ASSERT_TRUE(first.ok());
    // Expand node 5 with 12 new neighbours; everything laid out before is pinned.
    LayoutInput grown = in;
    grown.nodeCount = 312;
    grown.initial.assign(312, std::nullopt);
    grown.pinned.assign(312, false);
    for (std::size_t i = 0; i < 300; ++i) {
        grown.initial[i] = first->positions[i];
        grown.pinned[i] = true;
    }
    for (std::size_t i = 300; i < 312; ++i)
        grown.edges.emplace_back(5, i);
    auto second = layoutGraph(grown, o, cancel);
    ASSERT_TRUE(second.ok());
    for (std::size_t i = 0; i < 300; ++i) {
        EXPECT_EQ(second->positions[i].x, first->positions[i].x);
        EXPECT_EQ(second->positions[i].y, first->positions[i].y);
    }
    expectInvariants(*second, grown, o);
    // The newcomers settle around node 5, not somewhere across the graph.
    const double span = std::max(second->max.x - second->min.x, second->max.y - second->min.y);
    for (std::size_t i = 300; i < 312; ++i) {
        const double d = std::hypot(second->positions[i].x - second->positions[5].x,
                                    second->positions[i].y - second->positions[5].y);
        EXPECT_LT(d, span / 4) << "new node " << i;
    }
}

TEST(GraphLayout, NeighboursEndCloserThanStrangers) {
    const LayoutInput in = makeGraph(500, 11);
    LayoutOptions o;
    CancelToken cancel;
    auto r = layoutGraph(in, o, cancel);
    ASSERT_TRUE(r.ok());
    auto dist = [&](std::size_t a, std::size_t b) {
        return std::hypot(r->positions[a].x - r->positions[b].x,
                          r->positions[a].y - r->positions[b].y);
    };
    double edgeSum = 0;
    for (auto [a, b] : in.edges)
        edgeSum += dist(a, b);
    double pairSum = 0;
    std::size_t pairs = 0;
    for (std::size_t i = 0; i < in.nodeCount; i += 7) {
        for (std::size_t j = i + 3; j < in.nodeCount; j += 11, ++pairs)
            pairSum += dist(i, j);
    }
    EXPECT_LT(edgeSum / static_cast<double>(in.edges.size()),
              0.5 * pairSum / static_cast<double>(pairs));
}

TEST(GraphLayout, CancelStops) {
    const LayoutInput in = makeGraph(800, 1);
    CancelToken cancel;
    cancel.cancel();
    auto r = layoutGraph(in, LayoutOptions{}, cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Cancelled);
}

}  // namespace
}  // namespace tapir::graph
