// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "graph/graph_style.h"

#include <QObject>
#include <QPalette>
#include <QPolygonF>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace tapir::views {

using graph::EdgeType;
using graph::NodeKind;

namespace {

// The hues of the node kinds and edge types, as designed for a light background;
// GraphColours adapts them to the actual one.
QColor baseNodeColour(NodeKind kind) {
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

}  // namespace

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

namespace {

double linear(float channel) {
    const double c = static_cast<double>(channel);
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// WCAG 2 relative luminance.
double luminance(const QColor& colour) {
    const QColor c = colour.toRgb();
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

// Below this luminance black text has less contrast than white text: a "dark" background.
constexpr double kMidLuminance = 0.179;

QPolygonF regular(int corners, qreal radius, qreal rotation) {
    QPolygonF poly;
    for (int i = 0; i < corners; ++i) {
        const qreal a = rotation + 2 * M_PI * i / corners;
        poly << QPointF(radius * qCos(a), radius * qSin(a));
    }
    return poly;
}

}  // namespace

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor& colour, const QColor& background, double minContrast) {
    if (contrastRatio(colour, background) >= minContrast)
        return colour;
    const bool lighten = luminance(background) < kMidLuminance;
    float hue = 0;
    float saturation = 0;
    float lightness = 0;
    float alpha = 1;
    colour.toHsl().getHslF(&hue, &saturation, &lightness, &alpha);
    hue = std::max(hue, 0.0f);  // -1 for greys
    QColor out = colour;
    for (int step = 0; step < 50; ++step) {
        lightness = std::clamp(lightness + (lighten ? 0.02f : -0.02f), 0.0f, 1.0f);
        out = QColor::fromHslF(hue, saturation, lightness, alpha).toRgb();
        if (contrastRatio(out, background) >= minContrast || lightness <= 0.0f ||
            lightness >= 1.0f) {
            break;
        }
    }
    return out;
}

GraphColours GraphColours::fromPalette(const QPalette& palette) {
    GraphColours c;
    c.background = palette.color(QPalette::Base);
    c.text = readableOn(palette.color(QPalette::Text), c.background, 4.5);
    c.dark = luminance(c.background) < luminance(c.text);
    c.labelBackground = c.background;
    c.labelBackground.setAlpha(190);
    c.selection = readableOn(QColor(0x30, 0x80, 0xff), c.background, kNodeContrast);
    c.mark = readableOn(QColor(0xff, 0xd0, 0x00), c.background, 1.5);
    c.accent = readableOn(QColor(0xd0, 0x20, 0x20), c.background, kNodeContrast);
    for (std::size_t k = 0; k < c.nodes.size(); ++k) {
        c.nodes[k] =
            readableOn(baseNodeColour(static_cast<NodeKind>(k)), c.background, kNodeContrast);
    }
    for (std::size_t t = 0; t < c.edges.size(); ++t) {
        QPen pen = edgePen(static_cast<EdgeType>(t));
        pen.setColor(readableOn(pen.color(), c.background, kEdgeContrast));
        c.edges[t] = pen;
    }
    return c;
}

const GraphColours& graphColours(const QPalette& palette) {
    static QRgb base = 0;
    static QRgb text = 0;
    static GraphColours cached;
    static bool valid = false;
    const QRgb newBase = palette.color(QPalette::Base).rgba();
    const QRgb newText = palette.color(QPalette::Text).rgba();
    if (!valid || newBase != base || newText != text) {
        cached = GraphColours::fromPalette(palette);
        base = newBase;
        text = newText;
        valid = true;
    }
    return cached;
}

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

}  // namespace tapir::views
