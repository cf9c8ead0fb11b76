// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph.h"

#include <algorithm>
#include <array>

namespace tapir::graph {
namespace {

constexpr std::array<std::string_view, 8> kKindNames = {
    "name", "domain", "ip", "network", "nameserver", "mailserver", "cname-target", "more"};
constexpr std::array<std::string_view, 9> kEdgeNames = {
    "A", "AAAA", "CNAME", "NS", "MX", "PTR", "in-network", "under-domain", "more"};

// How telling a role is; a name keeps the highest one it has shown.
int rank(NodeKind kind) {
    switch (kind) {
        case NodeKind::Name:
            return 0;
        case NodeKind::CnameTarget:
            return 1;
        case NodeKind::Domain:
            return 2;
        case NodeKind::MailServer:
            return 3;
        case NodeKind::Nameserver:
            return 4;
        case NodeKind::Ip:
        case NodeKind::Network:
        case NodeKind::More:
            return 10;  // never change
    }
    return 0;
}

std::string edgeKey(std::size_t source, std::size_t target, EdgeType type) {
    return std::to_string(source) + '/' + std::to_string(target) + '/' +
           std::to_string(static_cast<int>(type));
}

}  // namespace

std::string_view kindName(NodeKind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}
std::string_view edgeTypeName(EdgeType type) {
    return kEdgeNames[static_cast<std::size_t>(type)];
}

std::optional<NodeKind> kindFromName(std::string_view name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == name)
            return static_cast<NodeKind>(i);
    }
    return std::nullopt;
}

bool isRecordEdge(EdgeType type) {
    return type != EdgeType::InNetwork && type != EdgeType::UnderDomain && type != EdgeType::More;
}

std::string nameNodeId(std::string_view name) {
    return "name:" + std::string(name);
}
std::string ipNodeId(std::string_view ip) {
    return "ip:" + std::string(ip);
}
std::string networkNodeId(std::string_view cidr) {
    return "net:" + std::string(cidr);
}

std::optional<std::size_t> Graph::find(std::string_view id) const {
    auto it = m_index.find(std::string(id));
    if (it == m_index.end())
        return std::nullopt;
    return it->second;
}

std::size_t Graph::addNode(const std::string& id, const std::string& label, NodeKind kind,
                           bool* added) {
    if (auto it = m_index.find(id); it != m_index.end()) {
        Node& n = m_nodes[it->second];
        if (rank(kind) > rank(n.kind) && rank(n.kind) < 10)
            n.kind = kind;
        if (added != nullptr)
            *added = false;
        return it->second;
    }
    Node n;
    n.id = id;
    n.label = label;
    n.kind = kind;
    m_nodes.push_back(std::move(n));
    m_index.emplace(id, m_nodes.size() - 1);
    if (added != nullptr)
        *added = true;
    return m_nodes.size() - 1;
}

std::size_t Graph::addEdge(std::size_t source, std::size_t target, EdgeType type,
                           std::int64_t firstSeen, std::int64_t lastSeen, std::uint64_t count) {
    auto upgrade = [this](std::size_t index, NodeKind kind) {
        Node& n = m_nodes[index];
        if (rank(kind) > rank(n.kind) && rank(n.kind) < 10)
            n.kind = kind;
    };
    if (type == EdgeType::CNAME)
        upgrade(target, NodeKind::CnameTarget);
    if (type == EdgeType::NS)
        upgrade(target, NodeKind::Nameserver);
    if (type == EdgeType::MX)
        upgrade(target, NodeKind::MailServer);

    const std::string key = edgeKey(source, target, type);
    if (auto it = m_edgeIndex.find(key); it != m_edgeIndex.end()) {
        Edge& e = m_edges[it->second];
        if (isRecordEdge(type)) {
            e.firstSeen = e.count == 0 ? firstSeen : std::min(e.firstSeen, firstSeen);
            e.lastSeen = std::max(e.lastSeen, lastSeen);
            e.count += count;
        }
        return it->second;
    }
    Edge e;
    e.source = source;
    e.target = target;
    e.type = type;
    e.firstSeen = firstSeen;
    e.lastSeen = lastSeen;
    e.count = count;
    m_edges.push_back(e);
    m_edgeIndex.emplace(key, m_edges.size() - 1);
    return m_edges.size() - 1;
}

void Graph::removeNode(std::size_t index) {
    m_nodes.erase(m_nodes.begin() + static_cast<std::ptrdiff_t>(index));
    std::vector<Edge> kept;
    kept.reserve(m_edges.size());
    for (Edge e : m_edges) {
        if (e.source == index || e.target == index)
            continue;
        if (e.source > index)
            --e.source;
        if (e.target > index)
            --e.target;
        kept.push_back(e);
    }
    m_edges = std::move(kept);
    reindex();
}

void Graph::reindex() {
    m_index.clear();
    m_edgeIndex.clear();
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        m_index.emplace(m_nodes[i].id, i);
    for (std::size_t i = 0; i < m_edges.size(); ++i) {
        m_edgeIndex.emplace(edgeKey(m_edges[i].source, m_edges[i].target, m_edges[i].type), i);
    }
}

std::vector<std::size_t> Graph::neighbours(std::size_t index) const {
    std::vector<std::size_t> out;
    for (const Edge& e : m_edges) {
        if (e.source == index)
            out.push_back(e.target);
        if (e.target == index)
            out.push_back(e.source);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::size_t> Graph::degrees() const {
    std::vector<std::size_t> out(m_nodes.size(), 0);
    for (const Edge& e : m_edges) {
        ++out[e.source];
        ++out[e.target];
    }
    return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Graph::timeSpan() const {
    std::optional<std::pair<std::int64_t, std::int64_t>> span;
    for (const Edge& e : m_edges) {
        if (!isRecordEdge(e.type) || e.count == 0)
            continue;
        if (!span) {
            span = std::make_pair(e.firstSeen, e.lastSeen);
        } else {
            span->first = std::min(span->first, e.firstSeen);
            span->second = std::max(span->second, e.lastSeen);
        }
    }
    return span;
}

Visibility visibleInWindow(const Graph& graph, std::optional<std::int64_t> after,
                           std::optional<std::int64_t> before) {
    Visibility v;
    v.nodes.assign(graph.nodeCount(), false);
    v.edges.assign(graph.edgeCount(), false);
    for (std::size_t i = 0; i < graph.nodeCount(); ++i)
        v.nodes[i] = graph.node(i).seed;
    const auto& edges = graph.edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const Edge& e = edges[i];
        if (!isRecordEdge(e.type))
            continue;
        const bool overlaps =
            (!after || e.lastSeen >= *after) && (!before || e.firstSeen <= *before);
        if (overlaps) {
            v.edges[i] = true;
            v.nodes[e.source] = true;
            v.nodes[e.target] = true;
        }
    }
    // Structural edges hang off a visible source. Two passes: a name made visible by an
    // UnderDomain edge cannot make anything else visible (domains have no structural
    // out-edges), but a More node's hub may itself be visible only structurally.
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < edges.size(); ++i) {
            const Edge& e = edges[i];
            if (isRecordEdge(e.type) || !v.nodes[e.source])
                continue;
            v.edges[i] = true;
            v.nodes[e.target] = true;
        }
    }
    return v;
}

}  // namespace tapir::graph
