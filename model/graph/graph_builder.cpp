// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Building relationship graphs from the store
//
// Terms: a *relation* is one group of neighbours of a node, each served by one indexed
// RecordQuery: the A/AAAA/CNAME/NS/MX records of a name (Forward, one per type), the
// CNAME/NS/MX/PTR records pointing at it (Reverse, one per type), the names below a
// registrable domain (Children), the names on an address (IpNames), the PTR names of an
// address (PtrNames) and the addresses in a network (NetworkIps). A *parent* is a node
// derived without a query: a name's registrable domain (libpsl), an address's /24 or /48.
// A *hub* is a node with more than maxNeighbours neighbours in one relation.
//
// Steps of expanding a node:
//  1. For each relation, count its records (countUpTo, capped) and fetch the first page,
//     busiest records first (sort by count), until maxNeighbours distinct neighbours.
//  2. Each record becomes an edge (first/last seen, count) to a node, created if new.
//     Reverse names (in-addr.arpa, ip6.arpa) become address nodes, so PTR edges join the
//     address and the name.
//  3. When records are left over, one "+N more" node remembers the relation and where the
//     next page starts; expanding it fetches that page.
//  4. Add the parent (registrable domain or network) with its structural edge.
//  5. Count the neighbours of each new node, so the view shows a node's size before the
//     user expands it.
// A build adds the seeds and expands breadth first, hop by hop, until `hops` rings.

#include "graph/graph_builder.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <unordered_set>

#include "dns/name.h"
#include "dns/rrtype.h"
#include "graph/registrable_domain.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "store/database.h"

namespace tapir::graph {
namespace {

using dns::RRType;

constexpr std::uint32_t type(RRType t) {
    return static_cast<std::uint32_t>(t);
}

constexpr std::array<std::uint32_t, 5> kForwardTypes = {
    type(RRType::A), type(RRType::AAAA), type(RRType::CNAME), type(RRType::NS), type(RRType::MX)};
constexpr std::array<std::uint32_t, 4> kReverseTypes = {type(RRType::CNAME), type(RRType::NS),
                                                        type(RRType::MX), type(RRType::PTR)};

bool isNameNode(const Node& n) {
    return n.id.starts_with("name:");
}
bool isIpNode(const Node& n) {
    return n.id.starts_with("ip:");
}
bool isNetworkNode(const Node& n) {
    return n.id.starts_with("net:");
}
std::string nodeValue(const Node& n) {
    return n.id.substr(n.id.find(':') + 1);
}

EdgeType recordEdgeType(std::uint32_t rrtype) {
    switch (static_cast<RRType>(rrtype)) {
        case RRType::A:
            return EdgeType::A;
        case RRType::AAAA:
            return EdgeType::AAAA;
        case RRType::CNAME:
            return EdgeType::CNAME;
        case RRType::NS:
            return EdgeType::NS;
        case RRType::MX:
            return EdgeType::MX;
        default:
            return EdgeType::PTR;
    }
}

std::string relationKey(const Relation& r) {
    return std::to_string(static_cast<int>(r.kind)) + "/" + std::to_string(r.rrtype);
}

std::string relationLabel(const Relation& r) {
    switch (r.kind) {
        case Relation::Kind::Forward:
            return dns::typeName(r.rrtype) + " records";
        case Relation::Kind::Reverse:
            return dns::typeName(r.rrtype) + " records pointing here";
        case Relation::Kind::Children:
            return "names below";
        case Relation::Kind::IpNames:
            return "names on this address";
        case Relation::Kind::PtrNames:
            return "PTR names";
        case Relation::Kind::NetworkIps:
            return "addresses in this network";
    }
    return {};
}

// Several records of these relations can lead to the same neighbour.
bool recordsMayRepeat(const Relation& r) {
    return r.kind == Relation::Kind::Children || r.kind == Relation::Kind::NetworkIps;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "'" + std::string at -O3.
Error seedError(std::string_view seed, std::string_view what) {
    std::string message(1, '\'');
    message += seed;
    message += "' ";
    message += what;
    return makeError(ErrorCode::Syntax, std::move(message));
}

NodeKind kindOfName(const std::string& name) {
    return registrableDomain(name) == name ? NodeKind::Domain : NodeKind::Name;
}

std::optional<std::pair<dns::IpBytes, dns::IpBytes>> parseCidr(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    auto ip = dns::parseIp(text.substr(0, slash));
    if (!ip)
        return std::nullopt;
    int bits = -1;
    const auto len = text.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(len.data(), len.data() + len.size(), bits);
    if (ec != std::errc() || ptr != len.data() + len.size())
        return std::nullopt;
    const bool v4 = dns::isIpv4Mapped(*ip);
    if (bits < 0 || bits > (v4 ? 32 : 128))
        return std::nullopt;
    dns::IpBytes low{};
    dns::IpBytes high{};
    cidrRange(*ip, v4 ? bits + 96 : bits, low, high);
    return std::make_pair(low, high);
}

}  // namespace

std::optional<std::string> reverseNameToIp(std::string_view name) {
    std::vector<std::string_view> labels;
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto dot = name.find('.', start);
        labels.push_back(name.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (name.ends_with(".in-addr.arpa") && labels.size() == 6) {
        std::string text;
        for (int i = 3; i >= 0; --i) {
            text += std::string(labels[static_cast<std::size_t>(i)]);
            if (i > 0)
                text += '.';
        }
        if (auto ip = dns::parseIp(text); ip && dns::isIpv4Mapped(*ip))
            return dns::formatIp(*ip);
        return std::nullopt;
    }
    if (name.ends_with(".ip6.arpa") && labels.size() == 34) {
        std::string text;
        for (int i = 31; i >= 0; --i) {
            const auto nibble = labels[static_cast<std::size_t>(i)];
            if (nibble.size() != 1)
                return std::nullopt;
            text += nibble;
            if (i % 4 == 0 && i > 0)
                text += ':';
        }
        if (auto ip = dns::parseIp(text))
            return dns::formatIp(*ip);
    }
    return std::nullopt;
}

std::string ipToReverseName(std::string_view ipText) {
    auto ip = dns::parseIp(ipText);
    if (!ip)
        return {};
    std::string out;
    if (dns::isIpv4Mapped(*ip)) {
        for (int i = 15; i >= 12; --i)
            out += std::to_string((*ip)[static_cast<std::size_t>(i)]) + ".";
        return out + "in-addr.arpa";
    }
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
        const auto byte = (*ip)[static_cast<std::size_t>(i)];
        out += kHex[byte & 0xf];
        out += '.';
        out += kHex[byte >> 4];
        out += '.';
    }
    return out + "ip6.arpa";
}

std::string defaultNetworkOf(std::string_view ipText) {
    auto ip = dns::parseIp(ipText);
    if (!ip)
        return {};
    const bool v4 = dns::isIpv4Mapped(*ip);
    dns::IpBytes low{};
    dns::IpBytes high{};
    cidrRange(*ip, v4 ? 24 + 96 : 48, low, high);
    return dns::formatIp(low) + (v4 ? "/24" : "/48");
}

// The expansion machinery, with the query connection and options at hand.
struct GraphBuilder::Impl {
    store::Database& db;
    const BuildOptions& options;
    RecordQuery query{db};

    // The relations a node has, in a fixed order (so builds are repeatable).
    std::vector<Relation> relationsOf(const Node& n) const {
        std::vector<Relation> out;
        if (isNameNode(n)) {
            for (auto t : kForwardTypes)
                out.push_back({Relation::Kind::Forward, t});
            for (auto t : kReverseTypes)
                out.push_back({Relation::Kind::Reverse, t});
            const std::string name = nodeValue(n);
            if (registrableDomain(name) == name)
                out.push_back({Relation::Kind::Children, 0});
        } else if (isIpNode(n)) {
            out.push_back({Relation::Kind::IpNames, 0});
            out.push_back({Relation::Kind::PtrNames, 0});
        } else if (isNetworkNode(n)) {
            out.push_back({Relation::Kind::NetworkIps, 0});
        }
        return out;
    }

    std::optional<QuerySpec> specFor(const Node& n, const Relation& r) const {
        QuerySpec spec;
        spec.after = options.after;
        spec.before = options.before;
        spec.sort = QuerySpec::Sort::Count;
        spec.descending = true;
        const std::string value = nodeValue(n);
        switch (r.kind) {
            case Relation::Kind::Forward:
                spec.kind = QuerySpec::Kind::Name;
                spec.name = value;
                spec.rrtype = r.rrtype;
                break;
            case Relation::Kind::Reverse:
                spec.kind = QuerySpec::Kind::RdataName;
                spec.name = value;
                spec.rrtype = r.rrtype;
                break;
            case Relation::Kind::Children:
                spec.kind = QuerySpec::Kind::NameSuffix;
                spec.name = value;
                // Name order keeps one name's records together, so a page yields whole names.
                spec.sort = QuerySpec::Sort::Name;
                spec.descending = false;
                break;
            case Relation::Kind::IpNames: {
                auto ip = dns::parseIp(value);
                if (!ip)
                    return std::nullopt;
                spec.kind = QuerySpec::Kind::IpRange;
                spec.ipLow = *ip;
                spec.ipHigh = *ip;
                break;
            }
            case Relation::Kind::PtrNames:
                spec.kind = QuerySpec::Kind::Name;
                spec.name = ipToReverseName(value);
                spec.rrtype = type(RRType::PTR);
                break;
            case Relation::Kind::NetworkIps: {
                auto range = parseCidr(value);
                if (!range)
                    return std::nullopt;
                spec.kind = QuerySpec::Kind::IpRange;
                spec.ipLow = range->first;
                spec.ipHigh = range->second;
                break;
            }
        }
        return spec;
    }

    // The neighbour a record leads to: (node id, label, kind) and the edge to add.
    struct Link {
        std::string id;
        std::string label;
        NodeKind kind = NodeKind::Name;
        EdgeType edge = EdgeType::A;
        bool outgoing = true;  // edge runs from the expanded node to the neighbour
    };

    std::optional<Link> linkFor(const Node& n, const Relation& r, const Record& rec) const {
        Link link;
        switch (r.kind) {
            case Relation::Kind::Forward: {
                link.edge = recordEdgeType(rec.rrtype);
                if (rec.rrtype == type(RRType::A) || rec.rrtype == type(RRType::AAAA)) {
                    auto ip = dns::parseIp(rec.rdata);
                    if (!ip)
                        return std::nullopt;
                    link.label = dns::formatIp(*ip);
                    link.id = ipNodeId(link.label);
                    link.kind = NodeKind::Ip;
                } else {
                    link.label = dns::rdataTargetName(rec.rrtype, rec.rdata);
                    if (link.label.empty())
                        return std::nullopt;
                    link.id = nameNodeId(link.label);
                    link.kind = kindOfName(link.label);
                }
                return link;
            }
            case Relation::Kind::Reverse:
                link.edge = recordEdgeType(rec.rrtype);
                link.outgoing = false;
                if (rec.rrtype == type(RRType::PTR)) {
                    auto ip = reverseNameToIp(rec.rrname);
                    if (!ip)
                        return std::nullopt;
                    link.label = *ip;
                    link.id = ipNodeId(*ip);
                    link.kind = NodeKind::Ip;
                } else {
                    link.label = rec.rrname;
                    link.id = nameNodeId(rec.rrname);
                    link.kind = kindOfName(rec.rrname);
                }
                return link;
            case Relation::Kind::Children:
                if (reverseNameToIp(rec.rrname))
                    return std::nullopt;
                link.label = rec.rrname;
                link.id = nameNodeId(rec.rrname);
                link.kind = kindOfName(rec.rrname);
                link.edge = EdgeType::UnderDomain;
                link.outgoing = false;
                return link;
            case Relation::Kind::IpNames:
                link.label = rec.rrname;
                link.id = nameNodeId(rec.rrname);
                link.kind = kindOfName(rec.rrname);
                link.edge = recordEdgeType(rec.rrtype);
                link.outgoing = false;
                return link;
            case Relation::Kind::PtrNames:
                link.label = dns::rdataTargetName(rec.rrtype, rec.rdata);
                if (link.label.empty())
                    return std::nullopt;
                link.id = nameNodeId(link.label);
                link.kind = kindOfName(link.label);
                link.edge = EdgeType::PTR;
                return link;
            case Relation::Kind::NetworkIps: {
                auto ip = dns::parseIp(rec.rdata);
                if (!ip)
                    return std::nullopt;
                link.label = dns::formatIp(*ip);
                link.id = ipNodeId(link.label);
                link.kind = NodeKind::Ip;
                link.edge = EdgeType::InNetwork;
                link.outgoing = false;
                return link;
            }
        }
        (void)n;
        return std::nullopt;
    }

    // Adds the neighbour (if the node limit allows) and the edge; false when the limit
    // kept a new node out.
    bool addLink(Graph& g, std::size_t from, const Link& link, const Record* rec,
                 BuildReport& report) {
        std::size_t to = 0;
        if (auto existing = g.find(link.id)) {
            to = *existing;
            g.addNode(link.id, link.label, link.kind);  // may upgrade the kind
        } else {
            if (g.nodeCount() >= options.maxNodes) {
                report.nodeLimitReached = true;
                return false;
            }
            to = g.addNode(link.id, link.label, link.kind);
            g.node(to).hop = g.node(from).hop + 1;
            report.newNodes.push_back(to);
            ++report.nodesAdded;
        }
        const std::size_t source = link.outgoing ? from : to;
        const std::size_t target = link.outgoing ? to : from;
        if (rec != nullptr && isRecordEdge(link.edge)) {
            g.addEdge(source, target, link.edge, rec->firstSeen, rec->lastSeen, rec->count);
        } else {
            g.addEdge(source, target, link.edge);
        }
        return true;
    }

    // Adds up to maxNeighbours new neighbours of one relation, starting at record `offset`.
    // Returns how many records were consumed and the relation's record total (capped).
    struct PageResult {
        std::uint64_t consumed = 0;
        std::uint64_t total = 0;
        bool capped = false;
    };
    Result<PageResult> expandRelation(Graph& g, std::size_t nodeIndex, const Relation& r,
                                      std::uint64_t offset, BuildReport& report,
                                      const CancelToken& cancel) {
        PageResult result;
        auto spec = specFor(g.node(nodeIndex), r);
        if (!spec)
            return result;
        auto total = query.countUpTo(*spec, options.countCap);
        if (!total)
            return total.error();
        result.total = *total;
        result.capped = *total > options.countCap;
        if (*total <= offset)
            return result;

        std::unordered_set<std::string> seen;
        const std::int64_t pageSize = static_cast<std::int64_t>(
            std::max<std::size_t>(options.maxNeighbours, 16) * (recordsMayRepeat(r) ? 8 : 1));
        spec->offset = static_cast<std::int64_t>(offset);
        spec->limit = pageSize;
        bool full = false;
        while (!full) {
            if (cancel.cancelled())
                return makeError(ErrorCode::Cancelled, "graph build cancelled");
            auto page = query.run(*spec);
            if (!page)
                return page.error();
            for (const Record& rec : *page) {
                auto link = linkFor(g.node(nodeIndex), r, rec);
                if (link && !seen.contains(link->id)) {
                    if (seen.size() >= options.maxNeighbours) {
                        full = true;
                        break;
                    }
                    seen.insert(link->id);
                }
                if (link && !addLink(g, nodeIndex, *link, &rec, report)) {
                    full = true;
                    break;
                }
                ++result.consumed;
            }
            if (static_cast<std::int64_t>(page->size()) < spec->limit)
                break;
            spec->offset += spec->limit;
        }
        return result;
    }

    void updateMoreNode(Graph& g, std::size_t hub, const Relation& r, std::uint64_t shown,
                        const PageResult& page, BuildReport& report) {
        const std::string id = "more:" + g.node(hub).id + "#" + relationKey(r);
        const std::uint64_t hidden = page.total > shown ? page.total - shown : 0;
        auto existing = g.find(id);
        if (hidden == 0) {
            if (existing) {
                g.removeNode(*existing);
                for (auto& i : report.newNodes) {
                    if (i > *existing)
                        --i;
                }
            }
            return;
        }
        std::size_t more = 0;
        if (existing) {
            more = *existing;
        } else {
            more = g.addNode(id, {}, NodeKind::More);
            g.node(more).hop = g.node(hub).hop + 1;
            g.addEdge(hub, more, EdgeType::More);
            ++report.hubsSampled;
        }
        Node& m = g.node(more);
        m.moreOf = g.node(hub).id;
        m.relation = r;
        m.shown = shown;
        m.hidden = hidden;
        m.hiddenAreRecords = recordsMayRepeat(r);
        m.neighbourCountCapped = page.capped;
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "+" + std::string.
        std::string label(1, '+');
        label += std::to_string(hidden);
        if (page.capped)
            label += '+';
        label += m.hiddenAreRecords ? " more records (" : " more (";
        label += relationLabel(r);
        label += ')';
        m.label = std::move(label);
        m.neighbourCount = hidden;
    }

    Status addParent(Graph& g, std::size_t nodeIndex, BuildReport& report) {
        const Node& n = g.node(nodeIndex);
        Link link;
        link.outgoing = true;
        if (isNameNode(n)) {
            const std::string name = nodeValue(n);
            const std::string domain = registrableDomain(name);
            if (domain.empty() || domain == name)
                return {};
            link.id = nameNodeId(domain);
            link.label = domain;
            link.kind = NodeKind::Domain;
            link.edge = EdgeType::UnderDomain;
        } else if (isIpNode(n)) {
            const std::string net = defaultNetworkOf(nodeValue(n));
            if (net.empty())
                return {};
            link.id = networkNodeId(net);
            link.label = net;
            link.kind = NodeKind::Network;
            link.edge = EdgeType::InNetwork;
        } else {
            return {};
        }
        addLink(g, nodeIndex, link, nullptr, report);
        return {};
    }

    Result<NeighbourCount> count(const Graph& g, std::size_t nodeIndex) {
        NeighbourCount out;
        const Node& n = g.node(nodeIndex);
        if (n.kind == NodeKind::More) {
            out.total = n.hidden;
            out.capped = n.neighbourCountCapped;
            return out;
        }
        for (const Relation& r : relationsOf(n)) {
            auto spec = specFor(n, r);
            if (!spec)
                continue;
            auto c = query.countUpTo(*spec, options.countCap);
            if (!c)
                return c.error();
            if (*c > options.countCap) {
                out.capped = true;
                out.total += options.countCap;
            } else {
                out.total += *c;
            }
        }
        if (isIpNode(n))
            ++out.total;  // its network
        if (isNameNode(n)) {
            const std::string name = nodeValue(n);
            const std::string domain = registrableDomain(name);
            if (!domain.empty() && domain != name)
                ++out.total;
        }
        return out;
    }

    Status countNew(Graph& g, const BuildReport& report, const CancelToken& cancel) {
        if (!options.countNewNodes)
            return {};
        for (std::size_t index : report.newNodes) {
            if (cancel.cancelled())
                return makeError(ErrorCode::Cancelled, "graph build cancelled");
            auto c = count(g, index);
            if (!c)
                return c.error();
            g.node(index).neighbourCount = c->total;
            g.node(index).neighbourCountCapped = c->capped;
        }
        return {};
    }

    Result<BuildReport> expandMore(Graph& g, std::size_t moreIndex, const CancelToken& cancel) {
        BuildReport report;
        report.edgesBefore = g.edgeCount();
        const Node more = g.node(moreIndex);
        auto hub = g.find(more.moreOf);
        if (!hub)
            return makeError(ErrorCode::NotFound, "the hub of " + more.id + " is gone");
        auto page = expandRelation(g, *hub, more.relation, more.shown, report, cancel);
        if (!page)
            return page.error();
        updateMoreNode(g, *hub, more.relation, more.shown + page->consumed, *page, report);
        // New nodes hang off the hub, one ring further than the hub.
        for (auto i : report.newNodes)
            g.node(i).hop = g.node(*hub).hop + 1;
        if (auto st = countNew(g, report, cancel); !st)
            return st.error();
        report.edgesAfter = g.edgeCount();
        return report;
    }

    Result<BuildReport> expandNode(Graph& g, std::size_t nodeIndex, const CancelToken& cancel) {
        if (g.node(nodeIndex).kind == NodeKind::More)
            return expandMore(g, nodeIndex, cancel);
        BuildReport report;
        report.edgesBefore = g.edgeCount();
        if (g.node(nodeIndex).expanded) {
            report.edgesAfter = g.edgeCount();
            return report;
        }
        const std::string id = g.node(nodeIndex).id;
        for (const Relation& r : relationsOf(g.node(nodeIndex))) {
            auto page = expandRelation(g, nodeIndex, r, 0, report, cancel);
            if (!page)
                return page.error();
            updateMoreNode(g, nodeIndex, r, page->consumed, *page, report);
            nodeIndex = *g.find(id);  // a More node removal may shift indices
        }
        if (auto st = addParent(g, nodeIndex, report); !st)
            return st.error();
        g.node(nodeIndex).expanded = true;
        if (auto st = countNew(g, report, cancel); !st)
            return st.error();
        report.edgesAfter = g.edgeCount();
        return report;
    }
};

GraphBuilder::GraphBuilder(store::Database& db, BuildOptions options)
    : m_db(db), m_options(std::move(options)) {}

Result<std::size_t> GraphBuilder::addSeed(Graph& graph, std::string_view text) {
    std::string_view value = text;
    for (std::string_view prefix : {"ns:", "mx:", "name:", "ip:", "cname:", "ptr:", "rdata:"}) {
        if (value.starts_with(prefix)) {
            value.remove_prefix(prefix.size());
            break;
        }
    }
    if (value.empty())
        return makeError(ErrorCode::Syntax, "empty seed");
    std::size_t index = 0;
    if (auto ip = dns::parseIp(value)) {
        const std::string label = dns::formatIp(*ip);
        index = graph.addNode(ipNodeId(label), label, NodeKind::Ip);
    } else if (auto range = parseCidr(value)) {
        const auto slash = value.find('/');
        const std::string label = dns::formatIp(range->first) + std::string(value.substr(slash));
        index = graph.addNode(networkNodeId(label), label, NodeKind::Network);
    } else if (value.find('/') != std::string_view::npos) {
        return seedError(text, "is not a valid prefix");
    } else {
        auto name = dns::normalizeName(value);
        if (!name || *name == ".") {
            return seedError(text, "is not a name");
        }
        if (auto reverseIp = reverseNameToIp(*name)) {
            index = graph.addNode(ipNodeId(*reverseIp), *reverseIp, NodeKind::Ip);
        } else {
            NodeKind kind = kindOfName(*name);
            if (text.starts_with("ns:"))
                kind = NodeKind::Nameserver;
            if (text.starts_with("mx:"))
                kind = NodeKind::MailServer;
            index = graph.addNode(nameNodeId(*name), *name, kind);
        }
    }
    graph.node(index).seed = true;
    graph.node(index).hop = 0;
    if (m_options.countNewNodes) {
        Impl impl{m_db, m_options};
        auto c = impl.count(graph, index);
        if (!c)
            return c.error();
        graph.node(index).neighbourCount = c->total;
        graph.node(index).neighbourCountCapped = c->capped;
    }
    return index;
}

Result<BuildReport> GraphBuilder::expand(Graph& graph, std::size_t node,
                                         const CancelToken& cancel) {
    Impl impl{m_db, m_options};
    return impl.expandNode(graph, node, cancel);
}

Result<BuildReport> GraphBuilder::expandFrontier(Graph& graph, const CancelToken& cancel) {
    Impl impl{m_db, m_options};
    BuildReport total;
    total.edgesBefore = graph.edgeCount();
    std::vector<std::string> frontier;
    for (const Node& n : graph.nodes()) {
        if (!n.expanded && n.kind != NodeKind::More)
            frontier.push_back(n.id);
    }
    for (const std::string& id : frontier) {
        if (cancel.cancelled())
            return makeError(ErrorCode::Cancelled, "graph build cancelled");
        auto index = graph.find(id);
        if (!index)
            continue;
        auto r = impl.expandNode(graph, *index, cancel);
        if (!r)
            return r.error();
        total.nodesAdded += r->nodesAdded;
        total.hubsSampled += r->hubsSampled;
        total.nodeLimitReached = total.nodeLimitReached || r->nodeLimitReached;
        for (auto i : r->newNodes)
            total.newNodes.push_back(i);
        if (r->nodeLimitReached)
            break;
    }
    total.edgesAfter = graph.edgeCount();
    return total;
}

Result<BuildReport> GraphBuilder::build(Graph& graph, const std::vector<std::string>& seeds,
                                        const CancelToken& cancel) {
    BuildReport total;
    total.edgesBefore = graph.edgeCount();
    for (const auto& seed : seeds) {
        auto index = addSeed(graph, seed);
        if (!index)
            return index.error();
    }
    for (int hop = 0; hop < m_options.hops; ++hop) {
        auto r = expandFrontier(graph, cancel);
        if (!r)
            return r.error();
        total.nodesAdded += r->nodesAdded;
        total.hubsSampled += r->hubsSampled;
        total.nodeLimitReached = total.nodeLimitReached || r->nodeLimitReached;
        for (auto i : r->newNodes)
            total.newNodes.push_back(i);
        if (r->nodeLimitReached || r->nodesAdded == 0)
            break;
    }
    total.edgesAfter = graph.edgeCount();
    return total;
}

Result<NeighbourCount> GraphBuilder::countNeighbours(const Graph& graph, std::size_t node) {
    Impl impl{m_db, m_options};
    return impl.count(graph, node);
}

}  // namespace tapir::graph
