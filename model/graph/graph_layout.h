// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"
#include "common/result.h"

namespace tapir::graph {

class Graph;

struct Point {
    double x = 0;
    double y = 0;
};

// What the layout sees: node count, edges (by index), optional starting positions and
// pinned nodes (a pinned node keeps its starting position and still pushes the others).
struct LayoutInput {
    std::size_t nodeCount = 0;
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    std::vector<std::optional<Point>> initial;  // empty, or one per node
    std::vector<bool> pinned;                   // empty, or one per node
};

struct LayoutOptions {
    std::uint64_t seed = 1;        // same seed, same input: same positions
    double edgeLength = 80;        // the ideal distance between neighbours (FR's k)
    double minDistance = 36;       // no two unpinned nodes end closer than this
    int iterations = 0;            // 0: chosen by size
    std::size_t exactLimit = 400;  // up to this many nodes repulsion is exact (all pairs)
    double theta = 1.2;            // Barnes-Hut opening angle above exactLimit (Gephi: 1.2)
};

struct LayoutResult {
    std::vector<Point> positions;
    // Every unpinned node lies inside [min, max].
    Point min;
    Point max;
    std::string method;  // "fr-exact" or "fr-barnes-hut"
    int iterations = 0;
};

// Force-directed layout (Fruchterman-Reingold), exact for small graphs and Barnes-Hut
// (quadtree, O(n log n) per iteration) above exactLimit; nodes without a starting position
// start next to a placed neighbour, so an expansion grows out of the node that was
// expanded while pinned nodes stay put. Synchronous and UI-free: call it on a worker.
// Fails only with ErrorCode::Cancelled.
[[nodiscard]] Result<LayoutResult> layoutGraph(const LayoutInput& input,
                                               const LayoutOptions& options,
                                               const CancelToken& cancel);

// The layout input of a graph's nodes and edges (no positions, nothing pinned).
[[nodiscard]] LayoutInput layoutInput(const Graph& graph);

}  // namespace tapir::graph
