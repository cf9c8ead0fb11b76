// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "graph/graph.h"

namespace tapir::graph {

// Graph analytics over a Graph, seen as undirected (Boost.Graph inside). `edgeMask`, when
// not empty, selects the edges taken into account (e.g. Visibility::edges of a time
// window); nodes without a selected edge are then isolated. Pure functions; any thread.

struct Components {
    std::vector<std::size_t> component;  // per node
    std::size_t count = 0;
};
[[nodiscard]] Components connectedComponents(const Graph& graph,
                                             const std::vector<bool>& edgeMask = {});

struct Path {
    std::vector<std::size_t> nodes;  // from .. to
    std::vector<std::size_t> edges;  // edges[i] joins nodes[i] and nodes[i + 1]
    double cost = 0;
};
struct PathOptions {
    // Structural edges (under domain, in network) cost more than record edges, so a path
    // prefers "both point at the same nameserver" over "both are in the same /24".
    double recordEdgeCost = 1.0;
    double structuralEdgeCost = 1.5;
};
// Cheapest path (Dijkstra) from `from` to `to`; never through a "+N more" node.
[[nodiscard]] std::optional<Path> shortestPath(const Graph& graph, std::size_t from, std::size_t to,
                                               const PathOptions& options = {},
                                               const std::vector<bool>& edgeMask = {});

// Brandes betweenness centrality per node (unnormalised, undirected, unit weights).
[[nodiscard]] std::vector<double> betweenness(const Graph& graph,
                                              const std::vector<bool>& edgeMask = {});

struct HubScore {
    std::size_t node = 0;
    std::size_t degree = 0;
    double betweenness = 0;
};
// The `top` nodes by betweenness (ties by degree), "+N more" nodes left out: the shared
// hosting, nameservers and CDNs that tie the graph together.
[[nodiscard]] std::vector<HubScore> hubs(const Graph& graph, std::size_t top,
                                         const std::vector<bool>& edgeMask = {});

}  // namespace tapir::graph
