// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Graphs built from resolver-lab data. The facts checked come from the expected TSVs of
// the fixtures (decoded by independent tools, see tests/data/*/README.md), not from Tapir.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "dns/name.h"
#include "dns/rrtype.h"
#include "graph/graph_analysis.h"
#include "graph/graph_builder.h"
#include "graph/registrable_domain.h"
#include "ingest/importer.h"
#include "store/database.h"
#include "test_util.h"

namespace tapir::graph {
namespace {

using test::dataPath;

class LabGraph : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir();
        auto db = store::Database::open(s_dir->file("lab.db"));
        ASSERT_TRUE(db.ok());
        Importer importer(**db);
        NullProgress progress;
        CancelToken cancel;
        auto report = importer.importPaths(
            {dataPath("dnstap/unbound-resolver.dnstap"), dataPath("passivedns/passivedns.log")}, {},
            progress, cancel);
        ASSERT_EQ(report.count(FileStatus::Imported), 2u);
        // The oracle: what the independent decoders saw in the same files.
        for (const char* tsv :
             {"dnstap/unbound-resolver.expected.tsv", "passivedns/passivedns.expected.tsv"}) {
            for (const auto& [key, count] : test::readExpected(dataPath(tsv))) {
                s_expected->insert(key);
            }
        }
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    void SetUp() override {
        auto db = store::Database::open(s_dir->file("lab.db"), store::Database::Mode::ReadOnly);
        ASSERT_TRUE(db.ok());
        m_db = std::move(*db);
    }

    // rrnames of expected records with this type and rdata (normalised text).
    static std::set<std::string> namesPointingAt(const std::string& type,
                                                 const std::string& target) {
        std::set<std::string> out;
        for (const auto& [name, t, rdata] : *s_expected) {
            if (t == type && dns::rdataTargetName(*dns::typeFromName(t), rdata) == target) {
                out.insert(name);
            }
        }
        return out;
    }
    static std::set<std::string> targetsOf(const std::string& name, const std::string& type) {
        std::set<std::string> out;
        for (const auto& [n, t, rdata] : *s_expected) {
            if (n == name && t == type) {
                const auto target = dns::rdataTargetName(*dns::typeFromName(t), rdata);
                out.insert(target.empty() ? rdata : target);
            }
        }
        return out;
    }

    std::unique_ptr<store::Database> m_db;
    CancelToken m_cancel;
    static test::TempDir* s_dir;
    static std::set<test::Key>* s_expected;
};

test::TempDir* LabGraph::s_dir = nullptr;
std::set<test::Key>* LabGraph::s_expected = new std::set<test::Key>();

std::size_t countKind(const Graph& g, NodeKind kind) {
    return static_cast<std::size_t>(std::count_if(
        g.nodes().begin(), g.nodes().end(), [kind](const Node& n) { return n.kind == kind; }));
}

TEST(RegistrableDomain, PublicSuffixList) {
    EXPECT_EQ(registrableDomain("www.example.co.uk"), "example.co.uk");
    EXPECT_EQ(registrableDomain("a.b.example.com"), "example.com");
    EXPECT_EQ(registrableDomain("ns1.dnshost.lab"), "dnshost.lab");  // default rule "*"
    EXPECT_EQ(registrableDomain("co.uk"), "");
    EXPECT_EQ(registrableDomain("com"), "");
}

TEST(ReverseNames, RoundTrip) {
    EXPECT_EQ(reverseNameToIp("7.100.51.198.in-addr.arpa").value_or(""), "198.51.100.7");
    EXPECT_EQ(ipToReverseName("198.51.100.7"), "7.100.51.198.in-addr.arpa");
    const std::string v6 = ipToReverseName("2001:db8::1");
    EXPECT_EQ(v6, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    EXPECT_EQ(reverseNameToIp(v6).value_or(""), "2001:db8::1");
    EXPECT_FALSE(reverseNameToIp("100.51.198.in-addr.arpa"));  // a zone, not an address
    EXPECT_EQ(defaultNetworkOf("198.51.100.7"), "198.51.100.0/24");
    EXPECT_EQ(defaultNetworkOf("2001:db8:90a::45"), "2001:db8:90a::/48");
}

TEST_F(LabGraph, SeedsAreParsed) {
    GraphBuilder b(*m_db, {});
    Graph g;
    EXPECT_EQ(g.node(*b.addSeed(g, "198.51.100.0/24")).kind, NodeKind::Network);
    EXPECT_EQ(g.node(*b.addSeed(g, "ns:ns1.dnshost.lab")).kind, NodeKind::Nameserver);
    EXPECT_EQ(g.node(*b.addSeed(g, "ACME.example.")).id, "name:acme.example");
    EXPECT_EQ(g.node(*b.addSeed(g, "acme.example")).kind, NodeKind::Domain);
    EXPECT_EQ(g.node(*b.addSeed(g, "4.100.51.198.in-addr.arpa")).id, "ip:198.51.100.4");
    EXPECT_EQ(g.nodeCount(), 4u);  // acme.example twice is one node
    EXPECT_EQ(b.addSeed(g, "198.51.100.0/40").error().code, ErrorCode::Syntax);
    EXPECT_EQ(b.addSeed(g, "ns:").error().code, ErrorCode::Syntax);
}

TEST_F(LabGraph, DomainsOnDnshostNameserversFormOneComponent) {
    const auto served = namesPointingAt("NS", "ns1.dnshost.lab");
    ASSERT_GT(served.size(), 30u);
    BuildOptions o;
    o.hops = 1;
    o.maxNeighbours = 1000;
    GraphBuilder b(*m_db, o);
    Graph g;
    auto r = b.build(g, {"ns:ns1.dnshost.lab", "ns:ns2.dnshost.lab"}, m_cancel);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(countKind(g, NodeKind::More), 0u);
    std::vector<bool> mask(g.edgeCount(), false);
    for (std::size_t i = 0; i < g.edgeCount(); ++i)
        mask[i] = g.edges()[i].type == EdgeType::NS;
    const auto components = connectedComponents(g, mask);
    const auto ns1 = *g.find("name:ns1.dnshost.lab");
    for (const auto& domain : served) {
        auto index = g.find(nameNodeId(domain));
        ASSERT_TRUE(index) << domain;
        EXPECT_EQ(components.component[*index], components.component[ns1]) << domain;
    }
    // Both nameservers serve the same zones here, so NS edges alone join them.
    EXPECT_EQ(components.component[*g.find("name:ns2.dnshost.lab")], components.component[ns1]);
    EXPECT_EQ(connectedComponents(g).count, 1u);
}

TEST_F(LabGraph, HubIsSampledWithAMoreNodeThatExpandsPageByPage) {
    const auto served = namesPointingAt("NS", "ns1.dnshost.lab");
    BuildOptions o;
    o.maxNeighbours = 10;
    GraphBuilder b(*m_db, o);
    Graph g;
    const auto seed = *b.addSeed(g, "ns:ns1.dnshost.lab");
    // Known before expanding: at least the zones it serves.
    ASSERT_TRUE(g.node(seed).neighbourCount);
    EXPECT_GE(*g.node(seed).neighbourCount, served.size());
    auto r = b.expand(g, seed, m_cancel);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    auto moreId = "more:name:ns1.dnshost.lab#" +
                  std::to_string(static_cast<int>(Relation::Kind::Reverse)) + "/2";
    auto more = g.find(moreId);
    ASSERT_TRUE(more);
    EXPECT_EQ(g.node(*more).hidden, served.size() - 10);
    EXPECT_EQ(g.node(*more).label.rfind("+" + std::to_string(served.size() - 10) + " more", 0), 0u);
    std::size_t rounds = 0;
    while ((more = g.find(moreId))) {
        const auto hiddenBefore = g.node(*more).hidden;
        auto page = b.expand(g, *more, m_cancel);
        ASSERT_TRUE(page.ok());
        if ((more = g.find(moreId))) {
            EXPECT_EQ(g.node(*more).hidden, hiddenBefore - 10);
        }
        ASSERT_LT(++rounds, 20u);
    }
    for (const auto& domain : served)
        EXPECT_TRUE(g.find(nameNodeId(domain))) << domain;
}

TEST_F(LabGraph, ShortestPathBetweenBrandsGoesThroughTheirSharedCdnEdge) {
    // www.<brand> -> <brand>.cdn-edge.test -> eN.g.cdn-edge.test; the edge hosts rotate.
    std::set<std::string> shared;
    const auto acme = targetsOf("acme.example.cdn-edge.test", "CNAME");
    for (const auto& t : targetsOf("hooli.example.cdn-edge.test", "CNAME")) {
        if (acme.contains(t))
            shared.insert(t);
    }
    ASSERT_FALSE(shared.empty());
    GraphBuilder b(*m_db, {});
    Graph g;
    const auto a = *b.addSeed(g, "www.acme.example");
    const auto z = *b.addSeed(g, "www.hooli.example");
    std::optional<Path> path;
    for (int hop = 0; hop < 3 && !path; ++hop) {
        ASSERT_TRUE(b.expandFrontier(g, m_cancel).ok());
        path = shortestPath(g, a, z);
    }
    ASSERT_TRUE(path);
    ASSERT_EQ(path->nodes.size(), 5u);
    EXPECT_EQ(path->cost, 4.0);  // record edges only
    EXPECT_TRUE(shared.contains(g.node(path->nodes[2]).label)) << g.node(path->nodes[2]).label;
    for (auto e : path->edges)
        EXPECT_EQ(g.edges()[e].type, EdgeType::CNAME);
}

TEST_F(LabGraph, ShortestPathBetweenBrandApexesGoesThroughWhatTheyShare) {
    std::set<std::string> shared;
    for (const char* type : {"NS", "MX", "A", "AAAA"}) {
        const auto mine = targetsOf("acme.example", type);
        for (const auto& t : targetsOf("paypal.example", type)) {
            if (mine.contains(t))
                shared.insert(t);
        }
    }
    ASSERT_TRUE(shared.contains("ns1.dnshost.lab"));
    GraphBuilder b(*m_db, {});
    Graph g;
    const auto a = *b.addSeed(g, "acme.example");
    const auto z = *b.addSeed(g, "paypal.example");
    ASSERT_TRUE(b.expandFrontier(g, m_cancel).ok());
    auto path = shortestPath(g, a, z);
    ASSERT_TRUE(path);
    ASSERT_EQ(path->nodes.size(), 3u);
    EXPECT_TRUE(shared.contains(g.node(path->nodes[1]).label)) << g.node(path->nodes[1]).label;
}

TEST_F(LabGraph, PtrRecordsJoinAddressAndName) {
    GraphBuilder b(*m_db, {});
    Graph g;
    const auto ip = *b.addSeed(g, "198.51.100.4");
    ASSERT_TRUE(b.expand(g, ip, m_cancel).ok());
    const auto target = targetsOf("4.100.51.198.in-addr.arpa", "PTR");
    ASSERT_EQ(target.size(), 1u);
    auto name = g.find(nameNodeId(*target.begin()));
    ASSERT_TRUE(name);
    bool found = false;
    for (const auto& e : g.edges()) {
        found = found || (e.type == EdgeType::PTR && e.source == ip && e.target == *name);
    }
    EXPECT_TRUE(found);
    EXPECT_TRUE(g.find("net:198.51.100.0/24"));
}

TEST_F(LabGraph, NetworkExpandsToItsAddresses) {
    std::set<std::string> inside;
    for (const auto& [name, t, rdata] : *s_expected) {
        if (t == "A" && rdata.starts_with("203.0.113."))
            inside.insert("ip:" + rdata);
    }
    ASSERT_FALSE(inside.empty());
    BuildOptions o;
    o.maxNeighbours = 1000;
    GraphBuilder b(*m_db, o);
    Graph g;
    const auto net = *b.addSeed(g, "203.0.113.0/24");
    ASSERT_TRUE(b.expand(g, net, m_cancel).ok());
    std::set<std::string> got;
    for (const auto& n : g.nodes()) {
        if (n.kind == NodeKind::Ip)
            got.insert(n.id);
    }
    EXPECT_EQ(got, inside);
}

TEST_F(LabGraph, TimeWindowShowsTheRedelegation) {
    // umbrella.corp moves from the shared hoster to its own nameservers (lab README).
    ASSERT_TRUE(targetsOf("umbrella.corp", "NS").contains("ns1.dnshost.lab"));
    ASSERT_TRUE(targetsOf("umbrella.corp", "NS").contains("ns1.umbrella.corp"));
    GraphBuilder b(*m_db, {});
    Graph g;
    const auto seed = *b.addSeed(g, "umbrella.corp");
    ASSERT_TRUE(b.expand(g, seed, m_cancel).ok());
    const auto hoster = *g.find("name:ns1.dnshost.lab");
    const auto own = *g.find("name:ns1.umbrella.corp");
    const Edge* toHoster = nullptr;
    const Edge* toOwn = nullptr;
    for (const auto& e : g.edges()) {
        if (e.type == EdgeType::NS && e.target == hoster)
            toHoster = &e;
        if (e.type == EdgeType::NS && e.target == own)
            toOwn = &e;
    }
    ASSERT_TRUE(toHoster && toOwn);
    ASSERT_LT(toHoster->lastSeen, toOwn->firstSeen);
    const auto after = toHoster->lastSeen + 1;
    const auto v = visibleInWindow(g, after, std::nullopt);
    EXPECT_FALSE(v.nodes[hoster]);
    EXPECT_TRUE(v.nodes[own]);
    EXPECT_TRUE(v.nodes[seed]);
    const auto early = visibleInWindow(g, std::nullopt, toHoster->lastSeen);
    EXPECT_TRUE(early.nodes[hoster]);
    EXPECT_FALSE(early.nodes[own]);

    // The same window applied while building: the old delegation is not fetched at all.
    BuildOptions o;
    o.after = after;
    GraphBuilder windowed(*m_db, o);
    Graph w;
    ASSERT_TRUE(windowed.build(w, {"umbrella.corp"}, m_cancel).ok());
    EXPECT_FALSE(w.find("name:ns1.dnshost.lab"));
    EXPECT_TRUE(w.find("name:ns1.umbrella.corp"));
}

TEST_F(LabGraph, NodeLimitStopsGrowth) {
    BuildOptions o;
    o.hops = 3;
    o.maxNodes = 30;
    GraphBuilder b(*m_db, o);
    Graph g;
    auto r = b.build(g, {"acme.example"}, m_cancel);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->nodeLimitReached);
    EXPECT_LE(g.nodeCount() - countKind(g, NodeKind::More), 30u);
}

TEST_F(LabGraph, BuildIsRepeatableAndKindsFollowRoles) {
    BuildOptions o;
    o.hops = 2;
    GraphBuilder b(*m_db, o);
    Graph g1;
    Graph g2;
    ASSERT_TRUE(b.build(g1, {"www.acme.example"}, m_cancel).ok());
    ASSERT_TRUE(b.build(g2, {"www.acme.example"}, m_cancel).ok());
    ASSERT_EQ(g1.nodeCount(), g2.nodeCount());
    for (std::size_t i = 0; i < g1.nodeCount(); ++i)
        EXPECT_EQ(g1.node(i).id, g2.node(i).id);
    EXPECT_EQ(g1.node(*g1.find("name:acme.example.cdn-edge.test")).kind, NodeKind::CnameTarget);
    EXPECT_EQ(g1.node(*g1.find("name:acme.example")).kind, NodeKind::Domain);
    EXPECT_EQ(g1.node(*g1.find("name:ns1.dnshost.lab")).kind, NodeKind::Nameserver);
    EXPECT_EQ(g1.node(*g1.find("name:cdn-edge.test")).kind, NodeKind::Domain);
}

TEST_F(LabGraph, CancelledBuildReportsCancelled) {
    GraphBuilder b(*m_db, {});
    Graph g;
    CancelToken cancel;
    cancel.cancel();
    auto r = b.build(g, {"acme.example"}, cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Cancelled);
}

}  // namespace
}  // namespace tapir::graph
