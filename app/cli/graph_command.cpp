// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>

#include "cli_common.h"
#include "common/time_format.h"
#include "graph/graph.h"
#include "graph/graph_analysis.h"
#include "graph/graph_builder.h"
#include "graph/graph_export.h"
#include "graph/graph_layout.h"
#include "query/query_parser.h"
#include "store/database.h"

namespace tapir::cli {
namespace {

std::optional<std::uint64_t> parseCount(const std::string& text) {
    try {
        std::size_t used = 0;
        const auto v = std::stoull(text, &used);
        if (used != text.size())
            return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Options shared by `graph` and `path`; returns an error message or empty.
std::string takeBuildOptions(Args& args, graph::BuildOptions& options) {
    if (auto v = optionValue(args, "--max-neighbours")) {
        auto n = parseCount(*v);
        if (!n || *n == 0)
            return "--max-neighbours takes a positive number";
        options.maxNeighbours = *n;
    }
    if (auto v = optionValue(args, "--max-nodes")) {
        auto n = parseCount(*v);
        if (!n || *n == 0)
            return "--max-nodes takes a positive number";
        options.maxNodes = *n;
    }
    if (auto v = optionValue(args, "--window")) {
        const auto dots = v->find("..");
        if (dots == std::string::npos)
            return "--window takes FROM..TO (either may be empty)";
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        const std::string from = v->substr(0, dots);
        const std::string to = v->substr(dots + 2);
        if (!from.empty()) {
            options.after = parseTimeBound(from, now);
            if (!options.after)
                return "bad time '" + from + "' in --window";
        }
        if (!to.empty()) {
            options.before = parseTimeBound(to, now);
            if (!options.before)
                return "bad time '" + to + "' in --window";
        }
    }
    return {};
}

std::string describeNode(const graph::Node& n) {
    return n.label + " (" + std::string(graph::kindName(n.kind)) + ")";
}

int failed(const Error& error) {
    if (error.code == ErrorCode::Cancelled) {
        std::cerr << "cancelled\n";
        return kCancelled;
    }
    if (error.code == ErrorCode::Syntax)
        return usage(error.message);
    std::cerr << "error: " << error.describe() << "\n";
    return kFailed;
}

bool writeTo(const std::string& path, const std::function<void(std::ostream&)>& write) {
    std::ofstream out(path, std::ios::binary);
    if (!out) {
        std::cerr << "error: cannot write " << path << "\n";
        return false;
    }
    write(out);
    return static_cast<bool>(out);
}

}  // namespace

int runGraph(Context& context, Args args) {
    graph::BuildOptions options;
    if (auto v = optionValue(args, "--hops")) {
        auto n = parseCount(*v);
        if (!n || *n > 10)
            return usage("--hops takes a number from 0 to 10");
        options.hops = static_cast<int>(*n);
    }
    if (auto message = takeBuildOptions(args, options); !message.empty())
        return usage(message);
    const auto graphml = optionValue(args, "--graphml");
    const auto nodesCsv = optionValue(args, "--csv-nodes");
    const auto edgesCsv = optionValue(args, "--csv-edges");
    const bool layout = takeFlag(args, "--layout");
    if (args.empty())
        return usage("graph needs at least one SEED");
    for (const auto& a : args) {
        if (a.starts_with("--"))
            return usage("unknown option '" + a + "'");
    }

    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    graph::GraphBuilder builder(*db, options);
    graph::Graph g;
    auto report = builder.build(g, args, cancelToken());
    if (!report)
        return failed(report.error());

    graph::ExportOptions exportOptions;
    if (layout) {
        graph::LayoutOptions layoutOptions;
        auto positions = graph::layoutGraph(graph::layoutInput(g), layoutOptions, cancelToken());
        if (!positions)
            return failed(positions.error());
        exportOptions.positions = std::move(positions->positions);
    }
    if (graphml && !writeTo(*graphml, [&](std::ostream& out) {
            graph::writeGraphMl(out, g, exportOptions);
        })) {
        return kFailed;
    }
    if (nodesCsv && !writeTo(*nodesCsv, [&](std::ostream& out) {
            graph::writeNodesCsv(out, g, exportOptions);
        })) {
        return kFailed;
    }
    if (edgesCsv && !writeTo(*edgesCsv, [&](std::ostream& out) {
            graph::writeEdgesCsv(out, g, exportOptions);
        })) {
        return kFailed;
    }

    const auto components = graph::connectedComponents(g);
    std::cout << g.nodeCount() << " nodes, " << g.edgeCount() << " edges, " << components.count
              << " component(s)";
    if (report->hubsSampled > 0) {
        std::cout << ", " << report->hubsSampled << " hub relation(s) sampled to "
                  << options.maxNeighbours << " (\"+N more\" nodes)";
    }
    if (report->nodeLimitReached)
        std::cout << ", node limit " << options.maxNodes << " reached";
    std::cout << "\nhubs (betweenness, degree):\n";
    for (const auto& h : graph::hubs(g, 5)) {
        std::cout << "  " << describeNode(g.node(h.node)) << "  "
                  << static_cast<long>(h.betweenness) << "  " << h.degree << "\n";
    }
    return g.nodeCount() > args.size() ? kOk : kPartial;
}

int runPath(Context& context, Args args) {
    graph::BuildOptions options;
    int maxHops = 4;
    if (auto v = optionValue(args, "--max-hops")) {
        auto n = parseCount(*v);
        if (!n || *n == 0 || *n > 10)
            return usage("--max-hops takes a number from 1 to 10");
        maxHops = static_cast<int>(*n);
    }
    if (auto message = takeBuildOptions(args, options); !message.empty())
        return usage(message);
    if (args.size() != 2)
        return usage("path needs exactly two entities A B");

    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    graph::GraphBuilder builder(*db, options);
    graph::Graph g;
    auto a = builder.addSeed(g, args[0]);
    if (!a)
        return failed(a.error());
    auto b = builder.addSeed(g, args[1]);
    if (!b)
        return failed(b.error());
    const std::string idA = g.node(*a).id;
    const std::string idB = g.node(*b).id;

    // Grow both neighbourhoods one ring at a time until they meet.
    std::optional<graph::Path> path;
    for (int hop = 0; hop <= maxHops; ++hop) {
        path = graph::shortestPath(g, *g.find(idA), *g.find(idB));
        if (path || hop == maxHops)
            break;
        auto r = builder.expandFrontier(g, cancelToken());
        if (!r)
            return failed(r.error());
        if (r->nodesAdded == 0 && r->edgesAfter == r->edgesBefore)
            break;
    }
    if (!path) {
        std::cout << "no path between " << args[0] << " and " << args[1] << " within " << maxHops
                  << " hop(s) of each (" << g.nodeCount() << " nodes explored)\n";
        return kPartial;
    }
    std::cout << describeNode(g.node(path->nodes.front())) << "\n";
    for (std::size_t i = 0; i < path->edges.size(); ++i) {
        const graph::Edge& e = g.edges()[path->edges[i]];
        const bool forward = e.source == path->nodes[i];
        std::cout << "  " << (forward ? "-[" : "<-[") << graph::edgeTypeName(e.type);
        if (graph::isRecordEdge(e.type)) {
            std::cout << " " << formatUtc(e.firstSeen) << " .. " << formatUtc(e.lastSeen)
                      << ", seen " << e.count << "x";
        }
        std::cout << (forward ? "]-> " : "]- ") << describeNode(g.node(path->nodes[i + 1])) << "\n";
    }
    std::cout << path->edges.size() << " edge(s), cost " << path->cost << " (" << g.nodeCount()
              << " nodes explored)\n";
    return kOk;
}

}  // namespace tapir::cli
