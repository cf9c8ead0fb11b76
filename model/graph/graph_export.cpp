// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_export.h"

#include <array>
#include <cstdio>

#include "common/time_format.h"
#include "graph/graph_analysis.h"
#include "report/csv_writer.h"

namespace tapir::graph {
namespace {

struct Derived {
    std::vector<std::size_t> degree;
    std::vector<double> betweenness;
    Components components;
    std::vector<bool> nodeMask;
    std::vector<bool> edgeMask;
};

// Masks made consistent (an edge is written only with both ends) and the analytics over
// what is written.
Derived derive(const Graph& graph, const ExportOptions& options) {
    Derived d;
    d.nodeMask = options.nodeMask;
    if (d.nodeMask.size() != graph.nodeCount())
        d.nodeMask.assign(graph.nodeCount(), true);
    d.edgeMask.assign(graph.edgeCount(), true);
    for (std::size_t i = 0; i < graph.edgeCount(); ++i) {
        const Edge& e = graph.edges()[i];
        const bool selected = options.edgeMask.size() != graph.edgeCount() || options.edgeMask[i];
        d.edgeMask[i] = selected && d.nodeMask[e.source] && d.nodeMask[e.target];
    }
    d.degree.assign(graph.nodeCount(), 0);
    for (std::size_t i = 0; i < graph.edgeCount(); ++i) {
        if (!d.edgeMask[i])
            continue;
        ++d.degree[graph.edges()[i].source];
        ++d.degree[graph.edges()[i].target];
    }
    d.betweenness = betweenness(graph, d.edgeMask);
    d.components = connectedComponents(graph, d.edgeMask);
    return d;
}

std::string number(double value) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.6g", value);
    return buf.data();
}

std::string timeText(std::int64_t t) {
    return t == 0 ? std::string() : formatUtc(t);
}

}  // namespace

std::string xmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 has no way to write these
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out;
}

void writeGraphMl(std::ostream& out, const Graph& graph, const ExportOptions& options) {
    const Derived d = derive(graph, options);
    const bool withPositions = options.positions.size() == graph.nodeCount();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
           "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
           "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    struct Key {
        const char* id;
        const char* domain;
        const char* type;
    };
    static constexpr std::array<Key, 17> kKeys = {{
        {"label", "node", "string"},
        {"kind", "node", "string"},
        {"seed", "node", "boolean"},
        {"hop", "node", "int"},
        {"expanded", "node", "boolean"},
        {"neighbours", "node", "long"},
        {"neighbours_capped", "node", "boolean"},
        {"degree", "node", "int"},
        {"betweenness", "node", "double"},
        {"component", "node", "int"},
        {"x", "node", "double"},
        {"y", "node", "double"},
        {"type", "edge", "string"},
        {"first_seen", "edge", "string"},
        {"last_seen", "edge", "string"},
        {"first_seen_unix", "edge", "long"},
        {"last_seen_unix", "edge", "long"},
    }};
    for (const Key& k : kKeys) {
        if (!withPositions && (std::string_view(k.id) == "x" || std::string_view(k.id) == "y")) {
            continue;
        }
        out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.id
            << "\" attr.type=\"" << k.type << "\"/>\n";
    }
    out << "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n";
    out << "  <graph id=\"tapir\" edgedefault=\"directed\">\n";
    auto data = [&out](const char* key, const std::string& value) {
        out << "      <data key=\"" << key << "\">" << xmlEscape(value) << "</data>\n";
    };
    for (std::size_t i = 0; i < graph.nodeCount(); ++i) {
        if (!d.nodeMask[i])
            continue;
        const Node& n = graph.node(i);
        out << "    <node id=\"" << xmlEscape(n.id) << "\">\n";
        data("label", n.label);
        data("kind", std::string(kindName(n.kind)));
        data("seed", n.seed ? "true" : "false");
        data("hop", std::to_string(n.hop));
        data("expanded", n.expanded ? "true" : "false");
        if (n.neighbourCount) {
            data("neighbours", std::to_string(*n.neighbourCount));
            data("neighbours_capped", n.neighbourCountCapped ? "true" : "false");
        }
        data("degree", std::to_string(d.degree[i]));
        data("betweenness", number(d.betweenness[i]));
        data("component", std::to_string(d.components.component[i]));
        if (withPositions) {
            data("x", number(options.positions[i].x));
            data("y", number(options.positions[i].y));
        }
        out << "    </node>\n";
    }
    for (std::size_t i = 0; i < graph.edgeCount(); ++i) {
        if (!d.edgeMask[i])
            continue;
        const Edge& e = graph.edges()[i];
        out << "    <edge id=\"e" << i << "\" source=\"" << xmlEscape(graph.node(e.source).id)
            << "\" target=\"" << xmlEscape(graph.node(e.target).id) << "\">\n";
        data("type", std::string(edgeTypeName(e.type)));
        if (isRecordEdge(e.type)) {
            data("first_seen", timeText(e.firstSeen));
            data("last_seen", timeText(e.lastSeen));
            data("first_seen_unix", std::to_string(e.firstSeen));
            data("last_seen_unix", std::to_string(e.lastSeen));
            data("count", std::to_string(e.count));
        }
        out << "    </edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

void writeNodesCsv(std::ostream& out, const Graph& graph, const ExportOptions& options) {
    const Derived d = derive(graph, options);
    const bool withPositions = options.positions.size() == graph.nodeCount();
    out << "id,label,kind,seed,hop,expanded,neighbours,degree,betweenness,component"
        << (withPositions ? ",x,y" : "") << "\r\n";
    for (std::size_t i = 0; i < graph.nodeCount(); ++i) {
        if (!d.nodeMask[i])
            continue;
        const Node& n = graph.node(i);
        out << CsvWriter::field(n.id) << ',' << CsvWriter::field(n.label) << ',' << kindName(n.kind)
            << ',' << (n.seed ? "true" : "false") << ',' << n.hop << ','
            << (n.expanded ? "true" : "false") << ','
            << (n.neighbourCount
                    ? std::to_string(*n.neighbourCount) + (n.neighbourCountCapped ? "+" : "")
                    : std::string())
            << ',' << d.degree[i] << ',' << number(d.betweenness[i]) << ','
            << d.components.component[i];
        if (withPositions) {
            out << ',' << number(options.positions[i].x) << ',' << number(options.positions[i].y);
        }
        out << "\r\n";
    }
}

void writeEdgesCsv(std::ostream& out, const Graph& graph, const ExportOptions& options) {
    const Derived d = derive(graph, options);
    out << "source,target,type,first_seen,last_seen,count\r\n";
    for (std::size_t i = 0; i < graph.edgeCount(); ++i) {
        if (!d.edgeMask[i])
            continue;
        const Edge& e = graph.edges()[i];
        out << CsvWriter::field(graph.node(e.source).id) << ','
            << CsvWriter::field(graph.node(e.target).id) << ',' << edgeTypeName(e.type) << ','
            << timeText(e.firstSeen) << ',' << timeText(e.lastSeen) << ',' << e.count << "\r\n";
    }
}

}  // namespace tapir::graph
