// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QColor>
#include <QPainterPath>
#include <QPen>
#include <QString>

#include <array>

#include "graph/graph.h"

class QPalette;

namespace tapir::views {

// How the graph view draws each node kind and edge type: one place, shared by the items,
// the legend in the Kinds menu and the exports.

// The node's outline centred on (0, 0), `size` across.
[[nodiscard]] QPainterPath nodeShape(graph::NodeKind kind, qreal size);
[[nodiscard]] QString kindTitle(graph::NodeKind kind);  // "Nameservers"
// The edge's pen as designed for a light background (width, dash); GraphColours adapts
// its colour to the actual background.
[[nodiscard]] QPen edgePen(graph::EdgeType type);

// The colours of the graph on one background, taken from a palette so that the graph
// follows a light or dark theme: Base for the canvas, Text for labels. Kind and edge
// colours keep their hue but are made lighter or darker until they stand out from the
// background (WCAG contrast ratio, see kNodeContrast), so every theme stays readable.
struct GraphColours {
    static constexpr double kNodeContrast = 3.0;  // WCAG 2 minimum for graphical objects
    static constexpr double kEdgeContrast = 2.5;

    QColor background;
    QColor text;             // labels
    QColor labelBackground;  // translucent, behind labels, so crossing edges do not garble them
    QColor selection;        // halo of selected nodes
    QColor mark;             // halo of search matches
    QColor accent;           // seed border, pin mark, highlighted path
    bool dark = false;       // the background is darker than the text
    std::array<QColor, static_cast<std::size_t>(graph::NodeKind::More) + 1> nodes;
    std::array<QPen, static_cast<std::size_t>(graph::EdgeType::More) + 1> edges;

    [[nodiscard]] static GraphColours fromPalette(const QPalette& palette);
    [[nodiscard]] QColor node(graph::NodeKind kind) const {
        return nodes[static_cast<std::size_t>(kind)];
    }
    [[nodiscard]] QPen edge(graph::EdgeType type) const {
        return edges[static_cast<std::size_t>(type)];
    }
};

// GraphColours::fromPalette, remembered for the last palette asked for (items call it on
// every paint). GUI thread only.
[[nodiscard]] const GraphColours& graphColours(const QPalette& palette);

// The WCAG 2 contrast ratio of two colours, from 1 (same luminance) to 21 (black on white).
[[nodiscard]] double contrastRatio(const QColor& a, const QColor& b);
// `colour` with its lightness moved away from `background` until their contrast ratio is
// at least `minContrast` (or as far as it goes); the hue stays.
[[nodiscard]] QColor readableOn(const QColor& colour, const QColor& background, double minContrast);

}  // namespace tapir::views
