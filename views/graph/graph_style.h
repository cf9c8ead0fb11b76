// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QColor>
#include <QPainterPath>
#include <QPen>
#include <QString>

#include "graph/graph.h"

namespace tapir::views {

// How the graph view draws each node kind and edge type: one place, shared by the items,
// the legend in the Kinds menu and the exports.
[[nodiscard]] QColor nodeColour(graph::NodeKind kind);
// The node's outline centred on (0, 0), `size` across.
[[nodiscard]] QPainterPath nodeShape(graph::NodeKind kind, qreal size);
[[nodiscard]] QString kindTitle(graph::NodeKind kind);  // "Nameservers"
[[nodiscard]] QPen edgePen(graph::EdgeType type);

}  // namespace tapir::views
