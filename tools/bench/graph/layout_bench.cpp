// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// graph_layout_bench: prints the time layoutGraph takes on synthetic DNS-shaped graphs of
// 200, 1,000, 2,000 and 5,000 nodes (goal: 2,000 in at most 1 s), and on an expansion
// (50 nodes added to a laid-out 2,000-node graph, the old ones pinned). Not a test: it
// asserts nothing about time. Build with CMAKE_BUILD_TYPE=Release for meaningful figures.
//
//   graph_layout_bench [SEED] [REPEATS]

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "graph/graph_layout.h"

namespace {

using tapir::graph::LayoutInput;

// Shaped like a passive DNS neighbourhood: a few nameserver hubs serving many domains,
// domains with a handful of names, names on addresses, addresses in /24s, shared CDN hosts.
LayoutInput syntheticGraph(std::size_t nodes, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    LayoutInput in;
    in.nodeCount = nodes;
    const std::size_t hubs = std::max<std::size_t>(2, nodes / 200);
    const std::size_t networks = std::max<std::size_t>(2, nodes / 60);
    std::size_t next = hubs + networks;
    std::vector<std::size_t> addresses;
    auto pick = [&rng](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    while (next < nodes) {
        const std::size_t domain = next++;
        in.edges.emplace_back(domain, pick(hubs));
        if (pick(4) == 0)
            in.edges.emplace_back(domain, pick(hubs));
        const std::size_t names = 1 + pick(4);
        for (std::size_t i = 0; i < names && next < nodes; ++i) {
            const std::size_t name = next++;
            in.edges.emplace_back(name, domain);
            if (!addresses.empty() && pick(3) == 0) {
                in.edges.emplace_back(name, addresses[pick(addresses.size())]);
            } else if (next < nodes) {
                const std::size_t ip = next++;
                addresses.push_back(ip);
                in.edges.emplace_back(name, ip);
                in.edges.emplace_back(ip, hubs + pick(networks));
            }
        }
    }
    return in;
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double minDistance(const std::vector<tapir::graph::Point>& p) {
    double best = 1e300;
    for (std::size_t i = 0; i < p.size(); ++i) {
        for (std::size_t j = i + 1; j < p.size(); ++j) {
            best = std::min(best, std::hypot(p[i].x - p[j].x, p[i].y - p[j].y));
        }
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    const std::uint64_t seed = argc > 1 ? std::stoull(argv[1]) : 1;
    const int repeats = argc > 2 ? std::stoi(argv[2]) : 3;
    tapir::CancelToken cancel;
    tapir::graph::LayoutOptions options;
    options.seed = seed;
    std::printf("%-28s %7s %7s %-14s %5s %9s %9s\n", "case", "nodes", "edges", "method", "iter",
                "best s", "min dist");
    for (std::size_t n : {200u, 1000u, 2000u, 5000u}) {
        const LayoutInput in = syntheticGraph(n, seed);
        double best = 1e300;
        tapir::graph::LayoutResult last;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            auto result = tapir::graph::layoutGraph(in, options, cancel);
            best = std::min(best, seconds(start));
            last = std::move(*result);
        }
        std::printf("%-28s %7zu %7zu %-14s %5d %9.3f %9.1f\n", "fresh layout", n, in.edges.size(),
                    last.method.c_str(), last.iterations, best, minDistance(last.positions));
    }
    // An expansion: 50 new nodes hanging off existing ones, the old 2,000 pinned.
    {
        const LayoutInput base = syntheticGraph(2000, seed);
        auto first = tapir::graph::layoutGraph(base, options, cancel);
        LayoutInput grown = base;
        grown.nodeCount = base.nodeCount + 50;
        grown.initial.assign(grown.nodeCount, std::nullopt);
        grown.pinned.assign(grown.nodeCount, false);
        for (std::size_t i = 0; i < base.nodeCount; ++i) {
            grown.initial[i] = first->positions[i];
            grown.pinned[i] = true;
        }
        for (std::size_t i = 0; i < 50; ++i)
            grown.edges.emplace_back(base.nodeCount + i, 7);
        double best = 1e300;
        tapir::graph::LayoutResult last;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            auto result = tapir::graph::layoutGraph(grown, options, cancel);
            best = std::min(best, seconds(start));
            last = std::move(*result);
        }
        std::printf("%-28s %7zu %7zu %-14s %5d %9.3f %9.1f\n", "expand +50 (2000 pinned)",
                    grown.nodeCount, grown.edges.size(), last.method.c_str(), last.iterations, best,
                    minDistance(last.positions));
    }
    return 0;
}
