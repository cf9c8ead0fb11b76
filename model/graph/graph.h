// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tapir::graph {

// What a node stands for. A DNS name has one node whatever roles it plays; its kind is the
// most telling role seen so far (see Graph::addEdge): a name that is an NS target is shown
// as a nameserver even if it also has A records.
enum class NodeKind {
    Name,         // a host name
    Domain,       // a registrable domain (public suffix + one label, via libpsl)
    Ip,           // an IPv4 or IPv6 address
    Network,      // an address prefix: /24 for IPv4, /48 for IPv6, or a seed CIDR
    Nameserver,   // the target of an NS record
    MailServer,   // the target of an MX record
    CnameTarget,  // the target of a CNAME record
    More,         // "+N more": neighbours of a hub that were left out (sampled)
};

// What an edge says. Record edges come from stored records and carry first/last seen and
// count; structural edges (InNetwork, UnderDomain, More) are derived and timeless.
enum class EdgeType {
    A,            // name -> IPv4 address
    AAAA,         // name -> IPv6 address
    CNAME,        // alias -> canonical name
    NS,           // zone -> nameserver
    MX,           // domain -> mail server
    PTR,          // address -> name (from the in-addr.arpa / ip6.arpa record)
    InNetwork,    // address -> its network
    UnderDomain,  // name -> its registrable domain
    More,         // hub -> its "+N more" node
};

[[nodiscard]] std::string_view kindName(NodeKind kind);
[[nodiscard]] std::string_view edgeTypeName(EdgeType type);
[[nodiscard]] std::optional<NodeKind> kindFromName(std::string_view name);
[[nodiscard]] bool isRecordEdge(EdgeType type);

// Which group of neighbours a "+N more" node stands for, so it can be expanded later.
struct Relation {
    enum class Kind {
        Forward,     // records of the node's name (rrtype set): A, AAAA, CNAME, NS, MX
        Reverse,     // records whose rdata is the node's name (rrtype set): CNAME, NS, MX, PTR
        Children,    // names below a registrable domain
        IpNames,     // names whose A/AAAA records hold this address
        PtrNames,    // PTR records of the address's reverse name
        NetworkIps,  // addresses inside a network
    };
    Kind kind = Kind::Forward;
    std::uint32_t rrtype = 0;  // for Forward and Reverse
    bool operator==(const Relation&) const = default;
};

struct Node {
    std::string id;     // unique: "name:www.example.com", "ip:192.0.2.1", "net:192.0.2.0/24"
    std::string label;  // what to show: the name, address or prefix; "+N more" for More
    NodeKind kind = NodeKind::Name;
    bool seed = false;
    bool expanded = false;
    int hop = 0;  // distance from the nearest seed when it was added
    // Neighbours the store knows for this node (all relations), counted before expanding;
    // when neighbourCountCapped the true number is larger.
    std::optional<std::uint64_t> neighbourCount;
    bool neighbourCountCapped = false;
    // For More nodes: the hub, the relation, how many neighbours are already shown (the
    // next page starts there) and how many are left. hiddenAreRecords: the relation lists
    // records, several of which may lead to the same neighbour, so `hidden` counts records.
    std::string moreOf;
    Relation relation;
    std::uint64_t shown = 0;
    std::uint64_t hidden = 0;
    bool hiddenAreRecords = false;
};

struct Edge {
    std::size_t source = 0;
    std::size_t target = 0;
    EdgeType type = EdgeType::A;
    std::int64_t firstSeen = 0;  // Unix seconds; 0 for structural edges
    std::int64_t lastSeen = 0;
    std::uint64_t count = 0;
};

// A relationship graph: nodes and typed edges, indexed by node id. Edges of the same type
// between the same nodes are merged with the store's rule (first = min, last = max,
// count += n). A plain value: copy it to keep a snapshot (undo). Not thread-safe; one
// thread at a time.
class Graph {
public:
    [[nodiscard]] const std::vector<Node>& nodes() const { return m_nodes; }
    [[nodiscard]] const std::vector<Edge>& edges() const { return m_edges; }
    [[nodiscard]] std::size_t nodeCount() const { return m_nodes.size(); }
    [[nodiscard]] std::size_t edgeCount() const { return m_edges.size(); }
    [[nodiscard]] Node& node(std::size_t index) { return m_nodes[index]; }
    [[nodiscard]] const Node& node(std::size_t index) const { return m_nodes[index]; }
    [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const;

    // Adds a node or returns the existing one with that id (its kind is upgraded if the new
    // kind ranks higher). `added` tells which happened.
    std::size_t addNode(const std::string& id, const std::string& label, NodeKind kind,
                        bool* added = nullptr);
    // Adds or merges an edge; updates the target's (and for PTR the source's) kind.
    std::size_t addEdge(std::size_t source, std::size_t target, EdgeType type,
                        std::int64_t firstSeen = 0, std::int64_t lastSeen = 0,
                        std::uint64_t count = 0);
    // Removes a node and its edges; indices above it shift down by one.
    void removeNode(std::size_t index);

    // Indices of the nodes adjacent to `index` (either direction), without duplicates.
    [[nodiscard]] std::vector<std::size_t> neighbours(std::size_t index) const;
    [[nodiscard]] std::vector<std::size_t> degrees() const;
    // Earliest first seen and latest last seen over record edges; nullopt without any.
    [[nodiscard]] std::optional<std::pair<std::int64_t, std::int64_t>> timeSpan() const;

private:
    void reindex();

    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges;
    std::unordered_map<std::string, std::size_t> m_index;
    std::unordered_map<std::string, std::size_t> m_edgeIndex;  // "source/target/type"
};

// Node ids.
[[nodiscard]] std::string nameNodeId(std::string_view name);
[[nodiscard]] std::string ipNodeId(std::string_view ip);
[[nodiscard]] std::string networkNodeId(std::string_view cidr);

// What a time window leaves visible. A record edge is visible when it overlaps
// [after, before] (either bound may be open). A node is visible when it is a seed or touches
// a visible record edge; a structural edge is visible when its source (the address, the
// name or the hub) is visible, and then makes its target visible too.
struct Visibility {
    std::vector<bool> nodes;
    std::vector<bool> edges;
};
[[nodiscard]] Visibility visibleInWindow(const Graph& graph, std::optional<std::int64_t> after,
                                         std::optional<std::int64_t> before);

}  // namespace tapir::graph
