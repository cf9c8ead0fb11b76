// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "common/result.h"
#include "graph/graph.h"

namespace tapir {
namespace store {
class Database;
}

namespace graph {

struct BuildOptions {
    int hops = 1;
    // Neighbours added per relation of one node (its A records, the domains a nameserver
    // serves, ...), busiest first; the rest become one "+N more" node that expands to the
    // next page. Keeps a nameserver serving 40,000 domains from exploding the view.
    std::size_t maxNeighbours = 25;
    // No new node beyond this many (edges between existing nodes are still added).
    std::size_t maxNodes = 2000;
    // Only records overlapping [after, before] (Unix seconds) become edges.
    std::optional<std::int64_t> after;
    std::optional<std::int64_t> before;
    // Neighbour counts stop at this many records per relation (then "more than").
    std::uint64_t countCap = 100000;
    // Count the neighbours of every node added, so the view can say how big a node is
    // before it is expanded.
    bool countNewNodes = true;
};

// What an expansion or a build did.
struct BuildReport {
    std::size_t nodesAdded = 0;
    std::size_t edgesBefore = 0;
    std::size_t edgesAfter = 0;
    std::size_t hubsSampled = 0;  // relations cut to maxNeighbours with a "+N more" node
    bool nodeLimitReached = false;
    std::vector<std::size_t> newNodes;  // indices of the nodes added, in order
};

// Neighbours of one node as the store knows them, per relation, before expanding.
struct NeighbourCount {
    std::uint64_t total = 0;
    bool capped = false;  // some relation had more than countCap records
};

// Builds relationship graphs from a store with RecordQuery: seeds (a name, an address, a
// CIDR prefix, "ns:NAME"), expansion of a node by one hop, and N-hop builds. Synchronous;
// uses the given connection only, so call it on the thread that owns the Database.
class GraphBuilder {
public:
    GraphBuilder(store::Database& db, BuildOptions options);

    [[nodiscard]] const BuildOptions& options() const { return m_options; }

    // Adds a seed node (marked seed, hop 0) and returns its index. Accepts a name
    // ("www.example.com", "ns:NAME", "mx:NAME", "name:NAME"), an address ("192.0.2.1",
    // "ip:2001:db8::1"), a prefix ("198.51.100.0/24") or a reverse name
    // ("7.100.51.198.in-addr.arpa", taken as its address). ErrorCode::Syntax otherwise.
    [[nodiscard]] Result<std::size_t> addSeed(Graph& graph, std::string_view text);

    // Expands one node: adds its neighbours in every relation (sampled above
    // maxNeighbours). Expanding a "+N more" node adds the next page of its hub's relation
    // and updates (or removes, when nothing is left) the More node.
    [[nodiscard]] Result<BuildReport> expand(Graph& graph, std::size_t node,
                                             const CancelToken& cancel);

    // Adds the seeds and expands them `options().hops` times, breadth first.
    [[nodiscard]] Result<BuildReport> build(Graph& graph, const std::vector<std::string>& seeds,
                                            const CancelToken& cancel);

    // Expands the nodes of the given hop that are not expanded yet (one more ring).
    [[nodiscard]] Result<BuildReport> expandFrontier(Graph& graph, const CancelToken& cancel);

    [[nodiscard]] Result<NeighbourCount> countNeighbours(const Graph& graph, std::size_t node);

private:
    struct Impl;
    store::Database& m_db;
    BuildOptions m_options;
};

// "7.100.51.198.in-addr.arpa" -> "198.51.100.7"; nibble ip6.arpa names to IPv6 text.
[[nodiscard]] std::optional<std::string> reverseNameToIp(std::string_view name);
// The in-addr.arpa / ip6.arpa name of an address.
[[nodiscard]] std::string ipToReverseName(std::string_view ip);
// The /24 (IPv4) or /48 (IPv6) prefix of an address as CIDR text.
[[nodiscard]] std::string defaultNetworkOf(std::string_view ip);

}  // namespace graph
}  // namespace tapir
