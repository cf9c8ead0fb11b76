// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "graph/graph.h"
#include "graph/graph_export.h"

namespace tapir::graph {
namespace {

Graph sample() {
    Graph g;
    const auto a = g.addNode("name:a<&>\"'.example", "a<&>\"'.example", NodeKind::Name);
    const auto b = g.addNode("ip:192.0.2.1", "192.0.2.1", NodeKind::Ip);
    const auto c = g.addNode("name:=cmd.example", "=cmd\x01.example", NodeKind::Name);
    g.node(a).seed = true;
    g.node(a).neighbourCount = 12;
    g.addEdge(a, b, EdgeType::A, 1764177000, 1764178000, 7);
    g.addEdge(c, b, EdgeType::A, 1764177000, 1764177001, 1);
    return g;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
        ++n;
    return n;
}

TEST(GraphExport, XmlEscape) {
    EXPECT_EQ(xmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    EXPECT_EQ(xmlEscape(std::string("x\x01y")), "x\xEF\xBF\xBDy");
    EXPECT_EQ(xmlEscape("tab\tok"), "tab\tok");
}

TEST(GraphExport, GraphMlDeclaresEveryKeyItUsesAndEscapes) {
    const Graph g = sample();
    ExportOptions o;
    o.positions = {{1, 2}, {3, 4}, {5, 6}};
    std::ostringstream out;
    writeGraphMl(out, g, o);
    const std::string xml = out.str();
    EXPECT_EQ(occurrences(xml, "<node "), 3u);
    EXPECT_EQ(occurrences(xml, "<edge "), 2u);
    EXPECT_NE(xml.find("<node id=\"name:a&lt;&amp;&gt;&quot;&apos;.example\">"), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
    std::set<std::string> declared;
    const std::regex keyRe("<key id=\"([a-z_]+)\"");
    for (std::sregex_iterator it(xml.begin(), xml.end(), keyRe), end; it != end; ++it) {
        declared.insert((*it)[1]);
    }
    const std::regex dataRe("<data key=\"([a-z_]+)\"");
    std::set<std::string> used;
    for (std::sregex_iterator it(xml.begin(), xml.end(), dataRe), end; it != end; ++it) {
        used.insert((*it)[1]);
    }
    for (const auto& k : used)
        EXPECT_TRUE(declared.contains(k)) << k;
    for (const char* k : {"label", "kind", "type", "count", "first_seen", "degree", "betweenness",
                          "component", "x", "y", "neighbours"}) {
        EXPECT_TRUE(used.contains(k)) << k;
    }
    EXPECT_NE(xml.find("<data key=\"first_seen\">2025-11-26 17:10:00</data>"), std::string::npos);
    // Every element opened is closed (a cheap well-formedness check).
    EXPECT_EQ(occurrences(xml, "<data "), occurrences(xml, "</data>"));
    EXPECT_EQ(occurrences(xml, "<node "), occurrences(xml, "</node>"));
}

TEST(GraphExport, MasksDropNodesAndTheirEdges) {
    const Graph g = sample();
    ExportOptions o;
    o.nodeMask = {true, true, false};
    std::ostringstream xml;
    writeGraphMl(xml, g, o);
    EXPECT_EQ(occurrences(xml.str(), "<node "), 2u);
    EXPECT_EQ(occurrences(xml.str(), "<edge "), 1u);
    std::ostringstream edges;
    writeEdgesCsv(edges, g, o);
    EXPECT_EQ(occurrences(edges.str(), "\r\n"), 2u);
}

TEST(GraphExport, CsvIsQuotedAndFormulaSafe) {
    const Graph g = sample();
    std::ostringstream nodes;
    writeNodesCsv(nodes, g);
    const std::string text = nodes.str();
    EXPECT_EQ(text.rfind(
                  "id,label,kind,seed,hop,expanded,neighbours,degree,betweenness,component\r\n", 0),
              0u);
    EXPECT_EQ(occurrences(text, "\r\n"), 4u);
    EXPECT_NE(text.find("\"'=cmd"), std::string::npos);  // neutralised formula
    EXPECT_NE(text.find(",true,0,false,12,1,"), std::string::npos);
    std::ostringstream edges;
    writeEdgesCsv(edges, g);
    EXPECT_NE(edges.str().find("\"ip:192.0.2.1\",A,2025-11-26 17:10:00,2025-11-26 17:26:40,7"),
              std::string::npos);
}

}  // namespace
}  // namespace tapir::graph
