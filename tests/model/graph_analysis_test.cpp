// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <deque>

#include "graph/graph.h"
#include "graph/graph_analysis.h"

namespace tapir::graph {
namespace {

std::size_t name(Graph& g, const std::string& n, NodeKind kind = NodeKind::Name) {
    return g.addNode(nameNodeId(n), n, kind);
}

TEST(Graph, EdgesMergeWithTheStoreRuleAndKindsUpgrade) {
    Graph g;
    const auto a = name(g, "www.example.com");
    const auto b = name(g, "ns1.example.net");
    g.addEdge(a, b, EdgeType::NS, 100, 200, 3);
    g.addEdge(a, b, EdgeType::NS, 50, 150, 2);
    g.addEdge(a, b, EdgeType::CNAME, 10, 20, 1);
    ASSERT_EQ(g.edgeCount(), 2u);
    EXPECT_EQ(g.edges()[0].firstSeen, 50);
    EXPECT_EQ(g.edges()[0].lastSeen, 200);
    EXPECT_EQ(g.edges()[0].count, 5u);
    EXPECT_EQ(g.node(b).kind, NodeKind::Nameserver);  // outranks the CNAME target role
    g.removeNode(a);
    EXPECT_EQ(g.edgeCount(), 0u);
    EXPECT_EQ(*g.find("name:ns1.example.net"), 0u);
}

TEST(GraphAnalysis, ComponentsRespectTheEdgeMask) {
    Graph g;
    for (int i = 0; i < 6; ++i)
        name(g, "n" + std::to_string(i));
    g.addEdge(0, 1, EdgeType::A, 1, 2, 1);
    g.addEdge(1, 2, EdgeType::A, 1, 2, 1);
    g.addEdge(3, 4, EdgeType::A, 1, 2, 1);
    EXPECT_EQ(connectedComponents(g).count, 3u);  // {0,1,2} {3,4} {5}
    EXPECT_EQ(connectedComponents(g, {true, false, true}).count, 4u);
    EXPECT_EQ(connectedComponents(Graph{}).count, 0u);
}

TEST(GraphAnalysis, ShortestPathPrefersRecordsAndAvoidsMoreNodes) {
    Graph g;
    const auto a = name(g, "a");
    const auto b = name(g, "b");
    const auto d = g.addNode("name:d", "d", NodeKind::Domain);
    const auto x = name(g, "x");
    const auto more = g.addNode("more:x", "+5 more", NodeKind::More);
    // a -under-> d <-under- b costs 3; a -> x -> b by records costs 2.
    g.addEdge(a, d, EdgeType::UnderDomain);
    g.addEdge(b, d, EdgeType::UnderDomain);
    g.addEdge(a, x, EdgeType::CNAME, 1, 2, 1);
    g.addEdge(b, x, EdgeType::CNAME, 1, 2, 1);
    auto p = shortestPath(g, a, b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->nodes, (std::vector<std::size_t>{a, x, b}));
    EXPECT_EQ(p->cost, 2.0);
    // Without the record route the structural one is taken.
    std::vector<bool> mask = {true, true, false, false};
    p = shortestPath(g, a, b, {}, mask);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->nodes, (std::vector<std::size_t>{a, d, b}));
    EXPECT_EQ(p->cost, 3.0);
    // A "+N more" node never carries a path.
    Graph h;
    const auto s = name(h, "s");
    const auto t = name(h, "t");
    const auto m = h.addNode("more:s", "+3 more", NodeKind::More);
    h.addEdge(s, m, EdgeType::More);
    h.addEdge(t, m, EdgeType::More);
    EXPECT_FALSE(shortestPath(h, s, t));
    (void)more;
    EXPECT_EQ(shortestPath(g, a, a)->nodes.size(), 1u);
}

// Betweenness by brute force for a tree: the pairs whose (unique) path runs through v.
std::vector<double> treeBetweenness(const Graph& g) {
    const std::size_t n = g.nodeCount();
    std::vector<double> out(n, 0);
    for (std::size_t s = 0; s < n; ++s) {
        std::vector<std::ptrdiff_t> parent(n, -1);
        std::vector<bool> seen(n, false);
        std::deque<std::size_t> q{s};
        seen[s] = true;
        while (!q.empty()) {
            auto u = q.front();
            q.pop_front();
            for (auto v : g.neighbours(u)) {
                if (!seen[v]) {
                    seen[v] = true;
                    parent[v] = static_cast<std::ptrdiff_t>(u);
                    q.push_back(v);
                }
            }
        }
        for (std::size_t t = s + 1; t < n; ++t) {
            if (!seen[t])
                continue;
            for (auto v = parent[t]; v >= 0 && static_cast<std::size_t>(v) != s;
                 v = parent[static_cast<std::size_t>(v)]) {
                out[static_cast<std::size_t>(v)] += 1;
            }
        }
    }
    return out;
}

TEST(GraphAnalysis, BetweennessMatchesBruteForceAndSurfacesTheHub) {
    Graph g;
    const auto hub = name(g, "ns1.hoster.example", NodeKind::Nameserver);
    for (int i = 0; i < 6; ++i) {
        const auto d = name(g, "d" + std::to_string(i) + ".example", NodeKind::Domain);
        g.addEdge(d, hub, EdgeType::NS, 1, 2, 1);
        const auto w = name(g, "www.d" + std::to_string(i) + ".example");
        g.addEdge(w, d, EdgeType::UnderDomain);
    }
    const auto tail = name(g, "tail");
    g.addEdge(tail, *g.find("name:www.d0.example"), EdgeType::CNAME, 1, 2, 1);
    const auto brute = treeBetweenness(g);
    const auto bgl = betweenness(g);
    ASSERT_EQ(bgl.size(), brute.size());
    // Unnormalised: each unordered pair counts once.
    for (std::size_t i = 0; i < bgl.size(); ++i)
        EXPECT_DOUBLE_EQ(bgl[i], brute[i]) << i;
    const auto top = hubs(g, 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].node, hub);
    EXPECT_EQ(top[0].degree, 6u);
}

TEST(GraphAnalysis, WindowHidesOldEdgesAndWhatHangsOnlyOnThem) {
    Graph g;
    const auto d = name(g, "umbrella.corp", NodeKind::Domain);
    g.node(d).seed = true;
    const auto oldNs = name(g, "ns1.dnshost.lab");
    const auto newNs = name(g, "ns1.umbrella.corp");
    const auto ip = g.addNode(ipNodeId("192.0.2.1"), "192.0.2.1", NodeKind::Ip);
    const auto net = g.addNode(networkNodeId("192.0.2.0/24"), "192.0.2.0/24", NodeKind::Network);
    g.addEdge(d, oldNs, EdgeType::NS, 100, 200, 4);
    g.addEdge(d, newNs, EdgeType::NS, 300, 400, 4);
    g.addEdge(oldNs, ip, EdgeType::A, 100, 200, 1);
    g.addEdge(ip, net, EdgeType::InNetwork);
    auto v = visibleInWindow(g, 250, std::nullopt);
    EXPECT_TRUE(v.nodes[d]);
    EXPECT_TRUE(v.nodes[newNs]);
    EXPECT_FALSE(v.nodes[oldNs]);
    EXPECT_FALSE(v.nodes[ip]);
    EXPECT_FALSE(v.nodes[net]);
    EXPECT_FALSE(v.edges[3]);
    v = visibleInWindow(g, 150, 160);
    EXPECT_TRUE(v.nodes[oldNs] && v.nodes[ip] && v.nodes[net] && v.edges[3]);
    EXPECT_FALSE(v.nodes[newNs]);
    const auto span = g.timeSpan();
    ASSERT_TRUE(span);
    EXPECT_EQ(span->first, 100);
    EXPECT_EQ(span->second, 400);
}

}  // namespace
}  // namespace tapir::graph
