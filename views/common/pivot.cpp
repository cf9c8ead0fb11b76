// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "common/pivot.h"

#include <QAbstractItemModel>
#include <QModelIndex>

#include "dns/name.h"
#include "query/query_parser.h"
#include "records/record_table_model.h"

namespace tapir::views {

QList<Pivot> pivotsFor(const QString& entity, const QString& rrtype) {
    QList<Pivot> out;
    if (entity.isEmpty()) {
        return out;
    }
    if (auto ip = dns::parseIp(entity.toStdString())) {
        const bool v4 = dns::isIpv4Mapped(*ip);
        out << Pivot{QObject::tr("Names on %1").arg(entity), QStringLiteral("ip:") + entity};
        const int prefix = v4 ? 24 : 48;
        dns::IpBytes low{};
        dns::IpBytes high{};
        cidrRange(*ip, v4 ? prefix + 96 : prefix, low, high);
        const QString cidr =
            QString::fromStdString(dns::formatIp(low)) + QLatin1Char('/') + QString::number(prefix);
        out << Pivot{QObject::tr("Names on %1").arg(cidr), QStringLiteral("ip:") + cidr};
        return out;
    }
    if (rrtype == kBailiwickHint) {
        out << Pivot{QObject::tr("Records in bailiwick %1").arg(entity),
                     QStringLiteral("bailiwick:") + entity};
    } else if (rrtype == QLatin1String("NS")) {
        out << Pivot{QObject::tr("Domains served by nameserver %1").arg(entity),
                     QStringLiteral("ns:") + entity};
    } else if (rrtype == QLatin1String("MX")) {
        out << Pivot{QObject::tr("Domains using mail server %1").arg(entity),
                     QStringLiteral("mx:") + entity};
    } else if (rrtype == QLatin1String("CNAME")) {
        out << Pivot{QObject::tr("Names aliased to %1").arg(entity),
                     QStringLiteral("cname:") + entity};
    }
    out << Pivot{QObject::tr("Records of %1").arg(entity), entity};
    out << Pivot{QObject::tr("Subdomains of %1").arg(entity), QStringLiteral("*.") + entity};
    out << Pivot{QObject::tr("Records pointing at %1").arg(entity),
                 QStringLiteral("rdata:") + entity};
    return out;
}

QList<Pivot> pivotsFor(const QModelIndex& index) {
    if (!index.isValid()) {
        return {};
    }
    return pivotsFor(index.data(kEntityRole).toString(), index.data(kPivotHintRole).toString());
}

}  // namespace tapir::views
