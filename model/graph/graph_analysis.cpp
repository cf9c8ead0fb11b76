// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Graph analytics with Boost.Graph. The Tapir Graph is copied into an undirected
// adjacency_list (vecS, so vertex i is node i and runs are repeatable) with the edge index
// as a bundled property; the BGL algorithms run on that copy:
//  - connected_components (DFS),
//  - dijkstra_shortest_paths with per-type weights; "+N more" nodes are left out,
//  - brandes_betweenness_centrality for hubs.

#include "graph/graph_analysis.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

namespace tapir::graph {
namespace {

struct EdgeProps {
    std::size_t index = 0;
    double weight = 1;
};
using BGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                     boost::no_property, EdgeProps>;

BGraph toBoost(const Graph& graph, const std::vector<bool>& edgeMask, bool skipMore,
               const PathOptions& costs = {}) {
    BGraph g(graph.nodeCount());
    const auto& edges = graph.edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (!edgeMask.empty() && !edgeMask[i])
            continue;
        const Edge& e = edges[i];
        if (skipMore && (graph.node(e.source).kind == NodeKind::More ||
                         graph.node(e.target).kind == NodeKind::More)) {
            continue;
        }
        const double w = isRecordEdge(e.type) ? costs.recordEdgeCost : costs.structuralEdgeCost;
        boost::add_edge(e.source, e.target, EdgeProps{i, w}, g);
    }
    return g;
}

}  // namespace

Components connectedComponents(const Graph& graph, const std::vector<bool>& edgeMask) {
    Components out;
    const BGraph g = toBoost(graph, edgeMask, false);
    out.component.assign(graph.nodeCount(), 0);
    out.count = graph.nodeCount() == 0
                    ? 0
                    : static_cast<std::size_t>(boost::connected_components(
                          g, boost::make_iterator_property_map(
                                 out.component.begin(), boost::get(boost::vertex_index, g))));
    return out;
}

std::optional<Path> shortestPath(const Graph& graph, std::size_t from, std::size_t to,
                                 const PathOptions& options, const std::vector<bool>& edgeMask) {
    if (from >= graph.nodeCount() || to >= graph.nodeCount())
        return std::nullopt;
    const BGraph g = toBoost(graph, edgeMask, true, options);
    const std::size_t n = graph.nodeCount();
    std::vector<BGraph::vertex_descriptor> pred(n);
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    auto index = boost::get(boost::vertex_index, g);
    boost::dijkstra_shortest_paths(
        g, from,
        boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
            .distance_map(boost::make_iterator_property_map(dist.begin(), index))
            .weight_map(boost::get(&EdgeProps::weight, g)));
    // BGL marks unreached vertices with the largest double, not infinity.
    if (!(dist[to] < std::numeric_limits<double>::max()))
        return std::nullopt;
    Path path;
    path.cost = dist[to];
    for (std::size_t v = to;; v = pred[v]) {
        path.nodes.push_back(v);
        if (v == from || pred[v] == v)
            break;
    }
    std::reverse(path.nodes.begin(), path.nodes.end());
    // Between two consecutive nodes take the cheapest edge the search could have used.
    for (std::size_t i = 0; i + 1 < path.nodes.size(); ++i) {
        const auto a = path.nodes[i];
        const auto b = path.nodes[i + 1];
        std::optional<std::size_t> best;
        double bestWeight = std::numeric_limits<double>::infinity();
        for (auto [it, end] = boost::out_edges(a, g); it != end; ++it) {
            if (boost::target(*it, g) != b)
                continue;
            if (g[*it].weight < bestWeight) {
                bestWeight = g[*it].weight;
                best = g[*it].index;
            }
        }
        if (best)
            path.edges.push_back(*best);
    }
    return path;
}

std::vector<double> betweenness(const Graph& graph, const std::vector<bool>& edgeMask) {
    const BGraph g = toBoost(graph, edgeMask, false);
    std::vector<double> centrality(graph.nodeCount(), 0.0);
    if (graph.nodeCount() == 0)
        return centrality;
    boost::brandes_betweenness_centrality(
        g, boost::centrality_map(boost::make_iterator_property_map(
               centrality.begin(), boost::get(boost::vertex_index, g))));
    return centrality;
}

std::vector<HubScore> hubs(const Graph& graph, std::size_t top, const std::vector<bool>& edgeMask) {
    const auto centrality = betweenness(graph, edgeMask);
    std::vector<std::size_t> degree(graph.nodeCount(), 0);
    const auto& edges = graph.edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (!edgeMask.empty() && !edgeMask[i])
            continue;
        ++degree[edges[i].source];
        ++degree[edges[i].target];
    }
    std::vector<HubScore> out;
    for (std::size_t i = 0; i < graph.nodeCount(); ++i) {
        if (graph.node(i).kind == NodeKind::More)
            continue;
        out.push_back({i, degree[i], centrality[i]});
    }
    std::stable_sort(out.begin(), out.end(), [](const HubScore& a, const HubScore& b) {
        if (a.betweenness != b.betweenness)
            return a.betweenness > b.betweenness;
        return a.degree > b.degree;
    });
    if (out.size() > top)
        out.resize(top);
    return out;
}

}  // namespace tapir::graph
