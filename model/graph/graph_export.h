// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "graph/graph_layout.h"

namespace tapir::graph {

// What to write besides the graph itself.
struct ExportOptions {
    std::vector<Point> positions;  // empty, or one per node: written as x, y
    std::vector<bool> nodeMask;    // empty, or one per node: only these nodes (and edges
                                   // between them) are written
    std::vector<bool> edgeMask;    // empty, or one per edge
};

// GraphML (http://graphml.graphdrawing.org) with every node and edge attribute declared as
// a <key>: node label, kind, seed, hop, expanded, neighbour count, degree, betweenness,
// component, position; edge type, first/last seen (UTC text and Unix seconds), count.
// Gephi shows the "label" attribute; yEd maps attributes through its properties dialog.
// Text is XML-escaped; characters XML 1.0 forbids are replaced by U+FFFD.
void writeGraphMl(std::ostream& out, const Graph& graph, const ExportOptions& options = {});

// CSV (RFC 4180, formula-neutralised like the records export) of the nodes
// (id,label,kind,seed,hop,expanded,neighbours,degree,betweenness,component[,x,y]) and of
// the edges (source,target,type,first_seen,last_seen,count), edges naming nodes by id.
void writeNodesCsv(std::ostream& out, const Graph& graph, const ExportOptions& options = {});
void writeEdgesCsv(std::ostream& out, const Graph& graph, const ExportOptions& options = {});

// XML text escaping as used by writeGraphMl.
[[nodiscard]] std::string xmlEscape(std::string_view text);

}  // namespace tapir::graph
