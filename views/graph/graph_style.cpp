// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_style.h"

#include <QObject>
#include <QPolygonF>
#include <QtMath>

namespace tapir::views {

using graph::EdgeType;
using graph::NodeKind;

QColor nodeColour(NodeKind kind) {
    switch (kind) {
        case NodeKind::Name:
            return QColor(0x5b, 0x9b, 0xd5);
        case NodeKind::Domain:
            return QColor(0x1f, 0x4e, 0x9c);
        case NodeKind::Ip:
            return QColor(0xed, 0x7d, 0x31);
        case NodeKind::Network:
            return QColor(0x8c, 0x56, 0x2d);
        case NodeKind::Nameserver:
            return QColor(0x2e, 0x9e, 0x4f);
        case NodeKind::MailServer:
            return QColor(0x9b, 0x4f, 0xb0);
        case NodeKind::CnameTarget:
            return QColor(0xe0, 0xb0, 0x1c);
        case NodeKind::More:
            return QColor(0x9e, 0x9e, 0x9e);
    }
    return Qt::gray;
}

namespace {
QPolygonF regular(int corners, qreal radius, qreal rotation) {
    QPolygonF poly;
    for (int i = 0; i < corners; ++i) {
        const qreal a = rotation + 2 * M_PI * i / corners;
        poly << QPointF(radius * qCos(a), radius * qSin(a));
    }
    return poly;
}
}  // namespace

QPainterPath nodeShape(NodeKind kind, qreal size) {
    QPainterPath path;
    const qreal r = size / 2;
    switch (kind) {
        case NodeKind::Name:
        case NodeKind::CnameTarget:
            path.addEllipse(QPointF(0, 0), r, r);
            break;
        case NodeKind::Domain:
            path.addRoundedRect(QRectF(-r, -r, size, size), r / 3, r / 3);
            break;
        case NodeKind::Ip:
            path.addPolygon(regular(4, r * 1.15, 0));
            break;
        case NodeKind::Network:
            path.addPolygon(regular(6, r * 1.1, 0));
            break;
        case NodeKind::Nameserver:
            path.addPolygon(regular(3, r * 1.25, -M_PI / 2));
            break;
        case NodeKind::MailServer:
            path.addRect(QRectF(-r, -r * 0.75, size, size * 0.75));
            break;
        case NodeKind::More:
            path.addRoundedRect(QRectF(-r * 1.6, -r * 0.7, size * 1.6, size * 0.7), 4, 4);
            break;
    }
    path.closeSubpath();
    return path;
}

QString kindTitle(NodeKind kind) {
    switch (kind) {
        case NodeKind::Name:
            return QObject::tr("Names");
        case NodeKind::Domain:
            return QObject::tr("Registrable domains");
        case NodeKind::Ip:
            return QObject::tr("IP addresses");
        case NodeKind::Network:
            return QObject::tr("Networks (/24, /48)");
        case NodeKind::Nameserver:
            return QObject::tr("Nameservers");
        case NodeKind::MailServer:
            return QObject::tr("Mail servers");
        case NodeKind::CnameTarget:
            return QObject::tr("CNAME targets");
        case NodeKind::More:
            return QObject::tr("\"+N more\" groups");
    }
    return {};
}

QPen edgePen(EdgeType type) {
    QPen pen(QColor(0x70, 0x70, 0x70), 1.2);
    pen.setCosmetic(true);
    switch (type) {
        case EdgeType::A:
            pen.setColor(QColor(0xed, 0x7d, 0x31));
            break;
        case EdgeType::AAAA:
            pen.setColor(QColor(0xc5, 0x5a, 0x11));
            break;
        case EdgeType::CNAME:
            pen.setColor(QColor(0xc0, 0x90, 0x00));
            pen.setStyle(Qt::DashLine);
            break;
        case EdgeType::NS:
            pen.setColor(QColor(0x2e, 0x9e, 0x4f));
            pen.setWidthF(1.8);
            break;
        case EdgeType::MX:
            pen.setColor(QColor(0x9b, 0x4f, 0xb0));
            pen.setStyle(Qt::DashDotLine);
            break;
        case EdgeType::PTR:
            pen.setColor(QColor(0x60, 0x60, 0x60));
            pen.setStyle(Qt::DotLine);
            break;
        case EdgeType::InNetwork:
            pen.setColor(QColor(0xb0, 0x90, 0x70));
            pen.setStyle(Qt::DotLine);
            break;
        case EdgeType::UnderDomain:
            pen.setColor(QColor(0x8f, 0xaa, 0xdc));
            pen.setStyle(Qt::DotLine);
            break;
        case EdgeType::More:
            pen.setColor(QColor(0xa0, 0xa0, 0xa0));
            pen.setStyle(Qt::DashLine);
            break;
    }
    return pen;
}

}  // namespace tapir::views
