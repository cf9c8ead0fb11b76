// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Graph layout: Fruchterman-Reingold with Barnes-Hut repulsion
//
// Terms: k is the ideal edge length. Every pair of nodes repels with k²/d, every edge
// attracts with d²/k (Fruchterman & Reingold 1991); a weak pull towards the centre keeps
// separate components from drifting apart. Each iteration moves a node along its net force
// by at most the temperature t, which cools linearly to zero. Pinned nodes never move but
// still repel. The *box* is the area unpinned nodes are kept in.
//
// Why not Boost's fruchterman_reingold_force_directed_layout: it cannot pin nodes (stable
// positions when an expansion adds nodes need that), it piles nodes on the box edges, and
// it measured 0.58 s for 1,000 nodes even on a unit square (TOOLCHAIN.md); the goal is
// 2,000 in one second.
//
// Steps:
//  1. Box: around the given positions (if any), big enough for n nodes at spacing k.
//  2. Start positions: given ones are kept. The others are placed breadth first from
//     placed nodes: next to the neighbour they were reached from, at distance k in a
//     random direction (seeded). Components with nothing placed start at a random point.
//  3. Iterate: repulsion exactly (all pairs) up to exactLimit nodes, else with a
//     quadtree over all nodes where a cell far enough away (size / distance < theta)
//     acts as one body at its centre of mass; then attraction along edges and gravity;
//     move unpinned nodes by at most t, keep them in the box, cool t.
//  4. Remove overlaps: with a grid of cell size minDistance, push apart every pair closer
//     than minDistance, for a bounded number of passes.
// All randomness comes from one std::mt19937_64 seeded by options.seed, so a layout is
// repeatable.

#include "graph/graph_layout.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numbers>
#include <random>
#include <unordered_map>

#include "graph/graph.h"

namespace tapir::graph {
namespace {

constexpr double kGravity = 0.15;
constexpr int kMaxTreeDepth = 48;
constexpr int kOverlapPasses = 200;

// A quadtree over points for Barnes-Hut. Cells live in one vector and refer to their
// children by index.
class QuadTree {
public:
    explicit QuadTree(const std::vector<Point>& points) : m_points(points) {
        double minX = std::numeric_limits<double>::max();
        double minY = minX;
        double maxX = std::numeric_limits<double>::lowest();
        double maxY = maxX;
        for (const Point& p : points) {
            minX = std::min(minX, p.x);
            minY = std::min(minY, p.y);
            maxX = std::max(maxX, p.x);
            maxY = std::max(maxY, p.y);
        }
        const double half = std::max({(maxX - minX) / 2, (maxY - minY) / 2, 1.0}) * 1.001;
        m_cells.reserve(points.size() * 2 + 1);
        m_cells.push_back(Cell{(minX + maxX) / 2, (minY + maxY) / 2, half});
        for (std::size_t i = 0; i < points.size(); ++i)
            insert(0, i, 0);
    }

    // Adds the repulsion on point i to (fx, fy).
    void repulse(std::size_t i, double k2, double theta, double& fx, double& fy) const {
        const Point& p = m_points[i];
        m_stack.clear();
        m_stack.push_back(0);
        while (!m_stack.empty()) {
            const Cell& c = m_cells[m_stack.back()];
            m_stack.pop_back();
            if (c.mass == 0)
                continue;
            double mass = c.mass;
            double cx = c.mx / c.mass;
            double cy = c.my / c.mass;
            if (c.leaf && c.body == static_cast<std::ptrdiff_t>(i)) {
                if (c.mass == 1)
                    continue;
                // Coincident bodies aggregated at the depth limit: leave i out.
                mass -= 1;
                cx = (c.mx - p.x) / mass;
                cy = (c.my - p.y) / mass;
            }
            const double dx = p.x - cx;
            const double dy = p.y - cy;
            const double d2 = dx * dx + dy * dy;
            if (c.leaf || (4 * c.half * c.half) < theta * theta * d2) {
                if (d2 < 1e-12) {
                    // Same place: push along a fixed direction that differs per node.
                    fx += k2 * std::cos(static_cast<double>(i));
                    fy += k2 * std::sin(static_cast<double>(i));
                    continue;
                }
                const double f = mass * k2 / d2;  // (k²/d) along (dx, dy)/d
                fx += dx * f;
                fy += dy * f;
            } else {
                for (std::ptrdiff_t child : c.child) {
                    if (child >= 0)
                        m_stack.push_back(static_cast<std::size_t>(child));
                }
            }
        }
    }

private:
    struct Cell {
        double cx = 0;
        double cy = 0;
        double half = 0;
        double mass = 0;
        double mx = 0;  // sum of x over bodies
        double my = 0;
        std::ptrdiff_t child[4] = {-1, -1, -1, -1};
        std::ptrdiff_t body = -1;
        bool leaf = true;
    };

    std::size_t quadrant(const Cell& c, const Point& p) const {
        return (p.x >= c.cx ? 1u : 0u) + (p.y >= c.cy ? 2u : 0u);
    }

    std::size_t childOf(std::size_t cell, std::size_t q) {
        if (m_cells[cell].child[q] < 0) {
            const Cell& c = m_cells[cell];
            const double h = c.half / 2;
            Cell n{c.cx + ((q & 1u) != 0 ? h : -h), c.cy + ((q & 2u) != 0 ? h : -h), h};
            m_cells.push_back(n);
            m_cells[cell].child[q] = static_cast<std::ptrdiff_t>(m_cells.size() - 1);
        }
        return static_cast<std::size_t>(m_cells[cell].child[q]);
    }

    void insert(std::size_t cell, std::size_t body, int depth) {
        const Point& p = m_points[body];
        for (;;) {
            Cell& c = m_cells[cell];
            if (c.leaf && c.mass == 0) {
                c.body = static_cast<std::ptrdiff_t>(body);
                c.mass = 1;
                c.mx = p.x;
                c.my = p.y;
                return;
            }
            if (c.leaf && depth >= kMaxTreeDepth) {
                c.mass += 1;
                c.mx += p.x;
                c.my += p.y;
                return;
            }
            if (c.leaf) {
                // Split: move the resident body one level down.
                const auto resident = static_cast<std::size_t>(c.body);
                c.leaf = false;
                c.body = -1;
                const std::size_t q = quadrant(c, m_points[resident]);
                const std::size_t child = childOf(cell, q);
                Cell& moved = m_cells[child];
                moved.body = static_cast<std::ptrdiff_t>(resident);
                moved.mass = 1;
                moved.mx = m_points[resident].x;
                moved.my = m_points[resident].y;
            }
            Cell& parent = m_cells[cell];
            parent.mass += 1;
            parent.mx += p.x;
            parent.my += p.y;
            const std::size_t q = quadrant(parent, p);
            cell = childOf(cell, q);
            ++depth;
        }
    }

    const std::vector<Point>& m_points;
    std::vector<Cell> m_cells;
    mutable std::vector<std::size_t> m_stack;
};

struct Box {
    Point min;
    Point max;
    void clamp(Point& p) const {
        p.x = std::clamp(p.x, min.x, max.x);
        p.y = std::clamp(p.y, min.y, max.y);
    }
    [[nodiscard]] Point centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};

// Step 2: start positions, breadth first from what is placed.
void placeStart(const LayoutInput& in, const std::vector<std::vector<std::size_t>>& adj,
                const Box& box, double k, std::mt19937_64& rng, std::vector<Point>& pos) {
    const std::size_t n = in.nodeCount;
    std::vector<bool> placed(n, false);
    std::deque<std::size_t> queue;
    for (std::size_t i = 0; i < n; ++i) {
        if (!in.initial.empty() && in.initial[i]) {
            pos[i] = *in.initial[i];
            placed[i] = true;
            queue.push_back(i);
        }
    }
    std::uniform_real_distribution<double> angle(0, 2 * std::numbers::pi);
    std::uniform_real_distribution<double> unit(0, 1);
    const Point c = box.centre();
    const double spread = std::min(box.max.x - box.min.x, box.max.y - box.min.y) / 4;
    auto grow = [&] {
        while (!queue.empty()) {
            const std::size_t u = queue.front();
            queue.pop_front();
            for (std::size_t v : adj[u]) {
                if (placed[v])
                    continue;
                const double a = angle(rng);
                const double r = k * (0.6 + 0.4 * unit(rng));
                pos[v] = {pos[u].x + r * std::cos(a), pos[u].y + r * std::sin(a)};
                box.clamp(pos[v]);
                placed[v] = true;
                queue.push_back(v);
            }
        }
    };
    grow();
    // Unreached components: start each at its best-connected node.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return adj[a].size() > adj[b].size(); });
    bool first = true;
    for (std::size_t i : order) {
        if (placed[i])
            continue;
        if (first && queue.empty() &&
            std::none_of(placed.begin(), placed.end(), [](bool b) { return b; })) {
            pos[i] = c;
        } else {
            const double a = angle(rng);
            const double r = spread * std::sqrt(unit(rng));
            pos[i] = {c.x + r * std::cos(a), c.y + r * std::sin(a)};
        }
        first = false;
        placed[i] = true;
        queue.push_back(i);
        grow();
    }
}

// Step 4: push apart pairs closer than minDistance.
void removeOverlaps(std::vector<Point>& pos, const std::vector<bool>& pinned, double minDistance,
                    const Box& box, std::mt19937_64& rng) {
    const std::size_t n = pos.size();
    if (n < 2 || minDistance <= 0)
        return;
    std::uniform_real_distribution<double> angle(0, 2 * std::numbers::pi);
    auto key = [minDistance](const Point& p) {
        const auto cx = static_cast<std::int64_t>(std::floor(p.x / minDistance));
        const auto cy = static_cast<std::int64_t>(std::floor(p.y / minDistance));
        return std::make_pair(cx, cy);
    };
    auto hash = [](std::int64_t cx, std::int64_t cy) {
        return static_cast<std::uint64_t>(cx) * 0x9E3779B97F4A7C15ULL ^
               static_cast<std::uint64_t>(cy);
    };
    for (int pass = 0; pass < kOverlapPasses; ++pass) {
        std::unordered_map<std::uint64_t, std::vector<std::size_t>> grid;
        grid.reserve(n * 2);
        for (std::size_t i = 0; i < n; ++i) {
            auto [cx, cy] = key(pos[i]);
            grid[hash(cx, cy)].push_back(i);
        }
        bool moved = false;
        for (std::size_t i = 0; i < n; ++i) {
            auto [cx, cy] = key(pos[i]);
            for (std::int64_t gx = cx - 1; gx <= cx + 1; ++gx) {
                for (std::int64_t gy = cy - 1; gy <= cy + 1; ++gy) {
                    auto it = grid.find(hash(gx, gy));
                    if (it == grid.end())
                        continue;
                    for (std::size_t j : it->second) {
                        if (j <= i || (pinned[i] && pinned[j]))
                            continue;
                        double dx = pos[j].x - pos[i].x;
                        double dy = pos[j].y - pos[i].y;
                        double d = std::sqrt(dx * dx + dy * dy);
                        if (d >= minDistance)
                            continue;
                        if (d < 1e-9) {
                            const double a = angle(rng);
                            dx = std::cos(a);
                            dy = std::sin(a);
                            d = 0;
                        } else {
                            dx /= d;
                            dy /= d;
                        }
                        // A little beyond the limit, so rounding cannot leave the pair short.
                        const double push = (minDistance - d) * 1.01 + 1e-6;
                        const double si = pinned[i] ? 0 : (pinned[j] ? 1 : 0.5);
                        const double sj = 1 - si;
                        pos[i].x -= dx * push * si;
                        pos[i].y -= dy * push * si;
                        pos[j].x += dx * push * sj;
                        pos[j].y += dy * push * sj;
                        if (!pinned[i])
                            box.clamp(pos[i]);
                        if (!pinned[j])
                            box.clamp(pos[j]);
                        moved = true;
                    }
                }
            }
        }
        if (!moved)
            return;
    }
}

}  // namespace

LayoutInput layoutInput(const Graph& graph) {
    LayoutInput in;
    in.nodeCount = graph.nodeCount();
    in.edges.reserve(graph.edgeCount());
    for (const Edge& e : graph.edges())
        in.edges.emplace_back(e.source, e.target);
    return in;
}

Result<LayoutResult> layoutGraph(const LayoutInput& in, const LayoutOptions& options,
                                 const CancelToken& cancel) {
    LayoutResult out;
    const std::size_t n = in.nodeCount;
    const double k = options.edgeLength;
    std::vector<bool> pinned(n, false);
    for (std::size_t i = 0; i < n && i < in.pinned.size(); ++i) {
        pinned[i] = in.pinned[i] && i < in.initial.size() && in.initial[i].has_value();
    }
    std::vector<std::vector<std::size_t>> adj(n);
    for (auto [a, b] : in.edges) {
        if (a >= n || b >= n || a == b)
            continue;
        adj[a].push_back(b);
        adj[b].push_back(a);
    }

    // Step 1: the box.
    const double half = k * (3 * std::sqrt(static_cast<double>(n)) + 3);
    Box box{{-half, -half}, {half, half}};
    std::size_t given = 0;
    if (!in.initial.empty()) {
        Point lo{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
        Point hi{std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
        for (std::size_t i = 0; i < n && i < in.initial.size(); ++i) {
            if (!in.initial[i])
                continue;
            ++given;
            lo = {std::min(lo.x, in.initial[i]->x), std::min(lo.y, in.initial[i]->y)};
            hi = {std::max(hi.x, in.initial[i]->x), std::max(hi.y, in.initial[i]->y)};
        }
        if (given > 0) {
            const double cx = (lo.x + hi.x) / 2;
            const double cy = (lo.y + hi.y) / 2;
            const double hx = std::max(half, (hi.x - lo.x) / 2 + 2 * k);
            const double hy = std::max(half, (hi.y - lo.y) / 2 + 2 * k);
            box = Box{{cx - hx, cy - hy}, {cx + hx, cy + hy}};
        }
    }
    out.min = box.min;
    out.max = box.max;
    out.positions.assign(n, Point{});
    if (n == 0) {
        out.method = "empty";
        return out;
    }

    // Step 2.
    std::mt19937_64 rng(options.seed);
    std::vector<Point>& pos = out.positions;
    placeStart(in, adj, box, k, rng, pos);

    // Step 3.
    const bool exact = n <= options.exactLimit;
    out.method = exact ? "fr-exact" : "fr-barnes-hut";
    const int iterations = options.iterations > 0 ? options.iterations : (exact ? 300 : 200);
    out.iterations = iterations;
    // An expansion (most nodes already placed) only needs to settle the newcomers.
    const double startTemperature =
        given * 2 > n ? 2 * k : std::max(2 * k, (box.max.x - box.min.x) / 10);
    const double k2 = k * k;
    const Point centre = given > 0 ? box.centre() : Point{0, 0};
    std::vector<Point> disp(n);
    for (int it = 0; it < iterations; ++it) {
        if (it % 8 == 0 && cancel.cancelled()) {
            return makeError(ErrorCode::Cancelled, "layout cancelled");
        }
        const double t = startTemperature * (1.0 - static_cast<double>(it) / iterations) + 0.5;
        std::fill(disp.begin(), disp.end(), Point{});
        if (exact) {
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t j = i + 1; j < n; ++j) {
                    double dx = pos[i].x - pos[j].x;
                    double dy = pos[i].y - pos[j].y;
                    double d2 = dx * dx + dy * dy;
                    if (d2 < 1e-12) {
                        dx = std::cos(static_cast<double>(i + j));
                        dy = std::sin(static_cast<double>(i + j));
                        d2 = 1e-2;
                    }
                    const double f = k2 / d2;
                    disp[i].x += dx * f;
                    disp[i].y += dy * f;
                    disp[j].x -= dx * f;
                    disp[j].y -= dy * f;
                }
            }
        } else {
            const QuadTree tree(pos);
            for (std::size_t i = 0; i < n; ++i) {
                if (!pinned[i])
                    tree.repulse(i, k2, options.theta, disp[i].x, disp[i].y);
            }
        }
        for (auto [a, b] : in.edges) {
            if (a >= n || b >= n || a == b)
                continue;
            const double dx = pos[a].x - pos[b].x;
            const double dy = pos[a].y - pos[b].y;
            const double d = std::sqrt(dx * dx + dy * dy);
            const double f = d / k;  // (d²/k) along (dx, dy)/d
            disp[a].x -= dx * f;
            disp[a].y -= dy * f;
            disp[b].x += dx * f;
            disp[b].y += dy * f;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (pinned[i])
                continue;
            disp[i].x -= (pos[i].x - centre.x) * kGravity;
            disp[i].y -= (pos[i].y - centre.y) * kGravity;
            const double len = std::sqrt(disp[i].x * disp[i].x + disp[i].y * disp[i].y);
            if (len < 1e-12 || !std::isfinite(len))
                continue;
            const double step = std::min(len, t) / len;
            pos[i].x += disp[i].x * step;
            pos[i].y += disp[i].y * step;
            box.clamp(pos[i]);
        }
    }

    // Step 4.
    if (cancel.cancelled())
        return makeError(ErrorCode::Cancelled, "layout cancelled");
    removeOverlaps(pos, pinned, options.minDistance, box, rng);
    return out;
}

}  // namespace tapir::graph
