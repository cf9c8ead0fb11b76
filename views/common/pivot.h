// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <QList>
#include <QString>

class QMenu;
class QModelIndex;

namespace tapir::views {

// One way to pivot from an entity (a name or an address) to a new search.
struct Pivot {
    QString label;  // "Names on 198.51.100.7"
    QString query;  // in the query language: "ip:198.51.100.7"
};

// The pivots an entity offers, the most useful first (double-click runs the first).
// `rrtype` is the type of the record the entity came from, when known ("NS", "MX", ...):
// a name that is an NS target offers "domains served by this nameserver" first.
[[nodiscard]] QList<Pivot> pivotsFor(const QString& entity, const QString& rrtype = {});

// Pivots for a cell of any model answering kEntityRole, and kPivotHintRole for the
// record type a target name came from (see records/record_table_model.h).
[[nodiscard]] QList<Pivot> pivotsFor(const QModelIndex& index);

}  // namespace tapir::views
