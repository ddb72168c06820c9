#include "edgegeometry.h"

#include <QLineF>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <queue>
#include <vector>

namespace Signalbox {

namespace {

constexpr qreal arrowLength = 10.0;
constexpr qreal arrowHalfWidth = 5.0;
constexpr qreal gap = 8.0;       // nodes closer than this count as overlapping
constexpr qreal clearance = 6.0; // how close a curve may pass a node it goes around
constexpr qreal channelGap = 20; // a detour's distance from the nodes it goes around
constexpr qreal laneStep = 36;   // between the ends of edges sharing a side

QPointF leftMid(const QRectF &r)
{
    return {r.left(), r.center().y()};
}

QPointF rightMid(const QRectF &r)
{
    return {r.right(), r.center().y()};
}

QPointF topMid(const QRectF &r)
{
    return {r.center().x(), r.top()};
}

// Spreads `count` edge ends over at most `room` around the middle of a side.
qreal laneOffset(int lane, int count, qreal room)
{
    if (count < 2)
        return 0;
    const qreal span = std::min<qreal>(laneStep * (count - 1), std::max<qreal>(room, 0));
    return -span / 2 + span * lane / (count - 1);
}

// Where a downward edge leaves the source: diamonds use their left/right/bottom vertex depending
// on where the target is; boxes spread several edges along their bottom side.
QPointF downStart(const EdgeRequest &r)
{
    if (r.fromShape == NodeShape::Diamond && r.laneCount > 2) {
        // Many branches: each leaves the outline towards its target, not all from one vertex.
        const QPointF p = boundaryPoint(r.from, NodeShape::Diamond, topMid(r.to));
        if (p.y() > r.from.center().y() + 4)
            return p;
    }
    if (r.fromShape == NodeShape::Diamond) {
        const qreal tx = r.to.center().x();
        if (tx < r.from.left())
            return leftMid(r.from);
        if (tx > r.from.right())
            return rightMid(r.from);
        return {r.from.center().x(), r.from.bottom()};
    }
    return {r.from.center().x() + laneOffset(r.lane, r.laneCount, r.from.width() * 0.6),
            r.from.bottom()};
}

// Where a downward edge arrives: the top vertex of a diamond; several edges arriving at a box or
// a terminal are spread along its top side (over its flat part), in the order of their sources,
// left of the badges on that side.
QPointF downTip(const EdgeRequest &r)
{
    if (r.toShape == NodeShape::Diamond)
        return topMid(r.to);
    const qreal room
        = r.toShape == NodeShape::Terminal ? r.to.width() - r.to.height() : r.to.width() * 0.6;
    qreal centre = r.to.center().x();
    qreal span = std::min<qreal>(laneStep * std::max(r.inLaneCount - 1, 0), room);
    if (!r.toBadges.isEmpty()) {
        const qreal left = r.to.left() + 16;
        const qreal right = r.toBadges.left() - arrowHalfWidth - 4;
        span = std::clamp<qreal>(right - left, 0, span);
        centre = std::max(std::min(centre, right - span / 2), left + span / 2);
    }
    const qreal offset = r.inLaneCount < 2 ? 0 : -span / 2 + span * r.inLane / (r.inLaneCount - 1);
    return {centre + offset, r.to.top()};
}

QPolygonF cubic(const QPointF &a, const QPointF &c1, const QPointF &c2, const QPointF &b)
{
    return QPolygonF({a, c1, c2, b});
}

void appendCubic(QPolygonF *curve, const QPointF &c1, const QPointF &c2, const QPointF &b)
{
    *curve << c1 << c2 << b;
}

QPolygonF flatten(const QPolygonF &curve)
{
    QPainterPath p(curve.value(0));
    for (int i = 1; i + 2 < curve.size(); i += 3)
        p.cubicTo(curve[i], curve[i + 1], curve[i + 2]);
    const QList<QPolygonF> parts = p.toSubpathPolygons();
    return parts.isEmpty() ? QPolygonF() : parts.first();
}

// The obstacles `curve` passes through (closer than the clearance).
QList<QRectF> blocking(const QPolygonF &curve, const QList<QRectF> &obstacles)
{
    QList<QRectF> hit;
    if (obstacles.isEmpty())
        return hit;
    const QPolygonF line = flatten(curve);
    // (A straight vertical or horizontal curve has an empty bounding box, which meets nothing.)
    const QRectF bounds = line.boundingRect().adjusted(-1, -1, 1, 1);
    for (const QRectF &o : obstacles) {
        const QRectF inflated = o.adjusted(-clearance, -clearance, clearance, clearance);
        if (inflated.intersects(bounds) && polylineIntersects(line, inflated))
            hit.append(o);
    }
    return hit;
}

// A downward curve that leaves `start` (sideways when `out` is not 0: to the right for +1, the
// left for -1), runs down the vertical channel at `x` from `y1` to `y2` and arrives at `end`
// from above.
QPolygonF channelCurve(const QPointF &start, int out, qreal x, qreal y1, qreal y2,
                       const QPointF &end)
{
    const QPointF p1(x, y1);
    const QPointF p2(x, y2);
    const qreal down1 = (y1 - start.y()) * 0.5;
    QPolygonF curve({start});
    if (out != 0) {
        const qreal reach = std::max<qreal>(24, std::abs(x - start.x()) * 0.6);
        appendCubic(&curve, start + QPointF(out * reach, 0), p1 - QPointF(0, down1), p1);
    } else {
        appendCubic(&curve, start + QPointF(0, down1), p1 - QPointF(0, down1), p1);
    }
    if (y2 > y1 + 0.5)
        appendCubic(&curve, p1 + (p2 - p1) / 3, p1 + (p2 - p1) * 2 / 3, p2);
    const qreal down2 = (end.y() - y2) * 0.5;
    appendCubic(&curve, p2 + QPointF(0, down2), end - QPointF(0, down2), end);
    return curve;
}

// True if `p` lies inside the outline of a node (by more than `inset`).
bool insideOutline(const QPointF &p, const QRectF &rect, NodeShape shape, qreal inset)
{
    const QRectF inner = rect.adjusted(inset, inset, -inset, -inset);
    if (!inner.contains(p))
        return false;
    if (shape != NodeShape::Diamond)
        return true;
    const qreal hw = inner.width() / 2;
    const qreal hh = inner.height() / 2;
    return std::abs(p.x() - inner.center().x()) / hw + std::abs(p.y() - inner.center().y()) / hh
           < 1;
}

// True if `curve` runs through its own source or target (it may touch their outlines).
bool crossesEnds(const QPolygonF &curve, const EdgeRequest &r)
{
    const qreal inset = 3;
    const QPolygonF line = flatten(curve);
    return std::any_of(line.begin(), line.end(), [&](const QPointF &p) {
        return insideOutline(p, r.from, r.fromShape, inset)
               || insideOutline(p, r.to, r.toShape, inset);
    });
}

bool insideArea(const QRectF &area, qreal x)
{
    return area.isEmpty() || (x > area.left() + clearance && x < area.right() - clearance);
}

// First try: a downward curve blocked by other nodes goes down one free vertical channel beside
// them, left or right of the nodes in the way, whichever is nearer the straight line; a channel
// that meets another node moves past it too.
std::optional<QPolygonF> detourDown(const QList<QRectF> &hit, const QPointF &start, int out,
                                    const QPointF &end, const EdgeRequest &r)
{
    std::optional<QPolygonF> best;
    qreal bestCost = 0;
    for (const bool left : {true, false}) {
        qreal top = end.y();
        qreal bottom = start.y();
        qreal x = left ? 1e9 : -1e9;
        for (const QRectF &o : hit) {
            top = std::min(top, o.top() - channelGap);
            bottom = std::max(bottom, o.bottom() + channelGap);
            x = left ? std::min(x, o.left() - channelGap) : std::max(x, o.right() + channelGap);
        }
        for (int i = 0; i < 16; ++i) {
            const QRectF channel(QPointF(x - channelGap + 1, top),
                                 QPointF(x + channelGap - 1, bottom));
            const auto in = std::find_if(r.obstacles.begin(), r.obstacles.end(),
                                         [&](const QRectF &o) { return o.intersects(channel); });
            if (in == r.obstacles.end())
                break;
            x = left ? in->left() - channelGap : in->right() + channelGap;
            top = std::min(top, in->top() - channelGap);
            bottom = std::max(bottom, in->bottom() + channelGap);
        }
        if (!insideArea(r.area, x))
            continue;
        const qreal y1 = std::clamp(top, start.y() + 16, end.y() - 16);
        const qreal y2 = std::clamp(bottom, y1, end.y() - 16);
        const QPolygonF curve = channelCurve(start, out, x, y1, y2, end);
        if (!blocking(curve, r.obstacles).isEmpty() || crossesEnds(curve, r))
            continue;
        const qreal cost = std::abs(x - start.x()) + std::abs(x - end.x());
        if (!best || cost < bestCost) {
            best = curve;
            bestCost = cost;
        }
    }
    return best;
}

// Second try: the shortest path with the fewest bends on a grid around the nodes (A*), from the
// start (leaving downwards, or sideways when `out` is not 0) to the end (arriving from above), as
// an orthogonal polyline from `start` to `end`.
std::optional<QPolygonF> gridPath(const QPointF &start, int out, const QPointF &end,
                                  const EdgeRequest &r)
{
    constexpr qreal keepOut = 14; // a route's distance from the nodes it goes around
    const QRectF span = QRectF(start, end).normalized();
    // Coarser cells for long edges, so a route costs at most about 40,000 cells.
    const qreal step = std::max<qreal>(
        8, std::ceil(std::sqrt((span.width() + 640) * (span.height() + 64) / 40000)));
    QRectF window = span.adjusted(-320, -32, 320, 32);
    if (!r.area.isEmpty())
        window = window.intersected(r.area);
    // Columns and rows through the start.
    window.setLeft(start.x() - std::floor((start.x() - window.left()) / step) * step);
    window.setTop(start.y() - std::floor((start.y() - window.top()) / step) * step);
    const int cols = int(window.width() / step) + 1;
    const int rows = int(window.height() / step) + 1;
    if (cols < 2 || rows < 2)
        return std::nullopt;
    auto point = [&](int c, int row) {
        return window.topLeft() + QPointF(c * step, row * step);
    };
    auto cellOf = [&](const QPointF &p) {
        return QPoint(std::clamp(int(std::lround((p.x() - window.left()) / step)), 0, cols - 1),
                      std::clamp(int(std::lround((p.y() - window.top()) / step)), 0, rows - 1));
    };
    std::vector<char> blocked(size_t(cols) * size_t(rows), 0);
    auto block = [&](const QRectF &rect, NodeShape shape, qreal margin) {
        const QRectF b = rect.adjusted(-margin, -margin, margin, margin).intersected(window);
        if (b.isEmpty())
            return;
        const QPoint a = cellOf(b.topLeft());
        const QPoint z = cellOf(b.bottomRight());
        for (int row = std::max(0, a.y() - 1); row <= std::min(rows - 1, z.y() + 1); ++row)
            for (int c = std::max(0, a.x() - 1); c <= std::min(cols - 1, z.x() + 1); ++c)
                if (insideOutline(point(c, row), rect, shape, -margin))
                    blocked[size_t(row) * size_t(cols) + size_t(c)] = 1;
    };
    for (const QRectF &o : r.obstacles)
        block(o, NodeShape::Box, keepOut);
    block(r.from, r.fromShape, 0); // not through its own ends
    block(r.to, r.toShape, 0);
    const QPoint from = cellOf(start + (out != 0 ? QPointF(out * step, 0) : QPointF(0, step)));
    const QPoint to = cellOf(end - QPointF(0, step));
    blocked[size_t(from.y()) * size_t(cols) + size_t(from.x())] = 0;
    blocked[size_t(to.y()) * size_t(cols) + size_t(to.x())] = 0;

    // A* over (cell, direction): a step costs 1, a bend 4, a step up 2 more.
    static const QPoint dirs[4] = {{0, 1}, {1, 0}, {0, -1}, {-1, 0}};
    const int firstDir = out > 0 ? 1 : out < 0 ? 3 : 0;
    const size_t states = size_t(cols) * size_t(rows) * 4;
    std::vector<int> cost(states, std::numeric_limits<int>::max());
    std::vector<int> previous(states, -1);
    auto id = [&](const QPoint &c, int d) {
        return int((size_t(c.y()) * size_t(cols) + size_t(c.x())) * 4 + size_t(d));
    };
    auto heuristic = [&](const QPoint &c) {
        return std::abs(c.x() - to.x()) + std::abs(c.y() - to.y());
    };
    using Entry = std::pair<int, int>; // (cost + heuristic, state)
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
    cost[size_t(id(from, firstDir))] = 0;
    open.push({heuristic(from), id(from, firstDir)});
    int goal = -1;
    while (!open.empty()) {
        const auto [f, s] = open.top();
        open.pop();
        const int d = s % 4;
        const int cell = s / 4;
        const QPoint c(cell % cols, cell / cols);
        if (f - heuristic(c) > cost[size_t(s)])
            continue; // a stale entry
        if (c == to) {
            goal = s;
            break;
        }
        for (int nd = 0; nd < 4; ++nd) {
            if (nd == (d + 2) % 4)
                continue; // no turning back
            const QPoint n = c + dirs[nd];
            if (n.x() < 0 || n.y() < 0 || n.x() >= cols || n.y() >= rows
                || blocked[size_t(n.y()) * size_t(cols) + size_t(n.x())])
                continue;
            const int next = id(n, nd);
            const int g = cost[size_t(s)] + 1 + (nd != d ? 4 : 0) + (nd == 2 ? 2 : 0);
            if (g < cost[size_t(next)]) {
                cost[size_t(next)] = g;
                previous[size_t(next)] = s;
                open.push({g + heuristic(n), next});
            }
        }
    }
    if (goal < 0)
        return std::nullopt;
    QList<QPoint> cells;
    for (int s = goal; s >= 0; s = previous[size_t(s)])
        cells.prepend(QPoint((s / 4) % cols, (s / 4) / cols));
    // Corners only, from the start to the end; the last vertical run moves onto the end's x.
    QPolygonF poly({start});
    for (int i = 0; i < cells.size(); ++i) {
        const bool corner
            = i == 0 || i == cells.size() - 1
              || (cells[i - 1].x() == cells[i].x()) != (cells[i].x() == cells[i + 1].x());
        if (corner)
            poly.append(point(cells[i].x(), cells[i].y()));
    }
    poly[1] = out != 0 ? QPointF(poly[1].x(), start.y()) : QPointF(start.x(), poly[1].y());
    const int last = int(poly.size()) - 1;
    if (last >= 2 && qFuzzyCompare(poly[last - 1].x(), poly[last].x()))
        poly[last - 1].setX(end.x());
    poly[last].setX(end.x());
    poly.append(end);
    // Drop points that are not corners any more.
    QPolygonF clean({poly[0]});
    for (int i = 1; i + 1 < poly.size(); ++i) {
        const QPointF a = clean.last();
        const QPointF b = poly[i];
        const QPointF c = poly[i + 1];
        const bool straight = (qFuzzyCompare(a.x(), b.x()) && qFuzzyCompare(b.x(), c.x()))
                              || (qFuzzyCompare(a.y(), b.y()) && qFuzzyCompare(b.y(), c.y()));
        if (!straight && b != a)
            clean.append(b);
    }
    clean.append(poly.last());
    return clean;
}

// An orthogonal polyline as a smooth curve: vertical runs joined by S-bends of up to
// `bend` in height (the style of every other edge). Nothing when the polyline goes up.
std::optional<QPolygonF> smoothPath(const QPolygonF &poly, int out, qreal bend)
{
    struct Run
    {
        qreal x, top, bottom;
    };
    QList<Run> runs;
    int i = 0;
    if (out != 0)
        ++i; // leaving sideways: the first segment is horizontal
    for (; i + 1 < poly.size(); ++i) {
        const QPointF a = poly[i];
        const QPointF b = poly[i + 1];
        if (qFuzzyCompare(a.x(), b.x())) {
            if (b.y() < a.y())
                return std::nullopt;
            runs.append({a.x(), a.y(), b.y()});
        } else if (!qFuzzyCompare(a.y(), b.y())) {
            return std::nullopt;
        }
    }
    if (runs.isEmpty())
        return std::nullopt;
    QPolygonF curve({poly[0]});
    QPointF cur = poly[0];
    if (out != 0) {
        // A quarter bend from the side into the first run.
        const Run &first = runs[0];
        const qreal h = std::min(bend, (first.bottom - first.top) / 2);
        const QPointF p(first.x, first.top + h);
        appendCubic(&curve, cur + QPointF((p.x() - cur.x()) * 0.55, 0), p - QPointF(0, h * 0.55),
                    p);
        cur = p;
    }
    for (int k = 0; k < runs.size(); ++k) {
        const Run &run = runs[k];
        qreal h = 0;
        if (k + 1 < runs.size()) {
            const Run &next = runs[k + 1];
            h = std::min({std::max<qreal>(std::abs(next.x - run.x) * 0.4, 8), bend,
                          (run.bottom - cur.y()) / 2, (next.bottom - next.top) / 2});
        }
        const QPointF bottom(run.x, run.bottom - h);
        if (bottom.y() > cur.y() + 0.5)
            appendCubic(&curve, cur + (bottom - cur) / 3, cur + (bottom - cur) * 2 / 3, bottom);
        cur = bottom;
        if (k + 1 < runs.size()) {
            const QPointF to(runs[k + 1].x, run.bottom + h);
            appendCubic(&curve, cur + QPointF(0, h), to - QPointF(0, h), to);
            cur = to;
        }
    }
    return curve;
}

// The polyline with rounded corners (always as clear of the nodes as the polyline).
QPolygonF roundedPath(const QPolygonF &poly)
{
    constexpr qreal radius = 10;
    constexpr qreal kappa = 0.5523;
    QPolygonF curve({poly[0]});
    auto lineTo = [&curve](const QPointF &p) {
        const QPointF a = curve.last();
        if (QLineF(a, p).length() > 0.1)
            appendCubic(&curve, a + (p - a) / 3, a + (p - a) * 2 / 3, p);
    };
    for (int i = 1; i + 1 < poly.size(); ++i) {
        const QLineF in(poly[i - 1], poly[i]);
        const QLineF out(poly[i], poly[i + 1]);
        const qreal r = std::min({radius, in.length() / 2, out.length() / 2});
        const QPointF dIn = (poly[i] - poly[i - 1]) / std::max<qreal>(in.length(), 1e-6);
        const QPointF dOut = (poly[i + 1] - poly[i]) / std::max<qreal>(out.length(), 1e-6);
        const QPointF a = poly[i] - dIn * r;
        const QPointF b = poly[i] + dOut * r;
        lineTo(a);
        appendCubic(&curve, a + dIn * r * kappa, b - dOut * r * kappa, b);
    }
    lineTo(poly.last());
    return curve;
}

// A downward curve that the direct route would draw through other nodes: one channel beside
// them, else a path found on a grid; nothing when no route is free.
std::optional<QPolygonF> routeDown(const QPolygonF &direct, int out, const EdgeRequest &r)
{
    const QList<QRectF> hit = blocking(direct, r.obstacles);
    if (hit.isEmpty())
        return std::nullopt;
    const QPointF start = direct.first();
    const QPointF end = direct.last();
    if (auto channel = detourDown(hit, start, out, end, r))
        return channel;
    const auto poly = gridPath(start, out, end, r);
    if (!poly)
        return std::nullopt;
    for (const qreal bend : {28.0, 12.0}) {
        const auto smooth = smoothPath(*poly, out, bend);
        if (smooth && blocking(*smooth, r.obstacles).isEmpty() && !crossesEnds(*smooth, r))
            return smooth;
    }
    return roundedPath(*poly);
}

} // namespace

QPointF downwardStart(const EdgeRequest &r)
{
    // Catch edges leave the right side (where the canvas's catch port is), unless they leave a
    // frame or go to a state on the left: then from the bottom, like the others.
    const bool rightSide
        = r.errorEdge && !r.fromContainer && r.to.center().x() >= r.from.center().x();
    return rightSide ? rightMid(r.from) : downStart(r);
}

EdgeGeometry::Route routeBetween(const QRectF &from, const QRectF &to)
{
    if (from == to)
        return EdgeGeometry::Route::Self;
    if (to.top() >= from.bottom() + gap)
        return EdgeGeometry::Route::Down;
    if (to.left() >= from.right() + gap || to.right() <= from.left() - gap)
        return EdgeGeometry::Route::Side;
    return EdgeGeometry::Route::LoopAround;
}

QPointF EdgeGeometry::pointAt(qreal t) const
{
    if (segmentCount() == 1) {
        const qreal u = 1 - t;
        return u * u * u * curve[0] + 3 * u * u * t * curve[1] + 3 * u * t * t * curve[2]
               + t * t * t * curve[3];
    }
    return path().pointAtPercent(std::clamp<qreal>(t, 0, 1));
}

QPainterPath EdgeGeometry::path() const
{
    QPainterPath p(start());
    for (int i = 1; i + 2 < curve.size(); i += 3)
        p.cubicTo(curve[i], curve[i + 1], curve[i + 2]);
    return p;
}

QPolygonF EdgeGeometry::polyline() const
{
    return flatten(curve);
}

QString EdgeGeometry::svgPath() const
{
    if (curve.isEmpty())
        return {};
    QString s = QString::asprintf("M %.1f %.1f", curve[0].x(), curve[0].y());
    for (int i = 1; i + 2 < curve.size(); i += 3)
        s += QString::asprintf(" C %.1f %.1f %.1f %.1f %.1f %.1f", curve[i].x(), curve[i].y(),
                               curve[i + 1].x(), curve[i + 1].y(), curve[i + 2].x(),
                               curve[i + 2].y());
    return s;
}

QString EdgeGeometry::svgArrow() const
{
    if (arrow.size() < 3)
        return {};
    return QString::asprintf("M %.1f %.1f L %.1f %.1f L %.1f %.1f Z", arrow[0].x(), arrow[0].y(),
                             arrow[1].x(), arrow[1].y(), arrow[2].x(), arrow[2].y());
}

QRectF EdgeGeometry::boundingRect() const
{
    return path().boundingRect().united(arrow.boundingRect());
}

QPointF boundaryPoint(const QRectF &rect, NodeShape shape, const QPointF &towards)
{
    const QPointF c = rect.center();
    const QPointF d = towards - c;
    const qreal hw = rect.width() / 2;
    const qreal hh = rect.height() / 2;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return {c.x(), rect.bottom()};
    qreal s = 0;
    if (shape == NodeShape::Diamond) {
        s = 1.0 / (std::abs(d.x()) / hw + std::abs(d.y()) / hh);
    } else {
        const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : hw / std::abs(d.x());
        const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : hh / std::abs(d.y());
        s = std::min(sx, sy);
    }
    return c + d * s;
}

EdgeGeometry computeEdgeGeometry(const EdgeRequest &r)
{
    EdgeGeometry g;
    g.route = routeBetween(r.from, r.to);
    QPointF start;
    QPointF c1;
    QPointF c2;
    bool sideways = false; // leaves a side (catch edge or diamond vertex), then turns down

    switch (g.route) {
    case EdgeGeometry::Route::Self:
        start = {r.from.right(), r.from.center().y() - 12};
        g.tip = {r.from.right(), r.from.center().y() + 12};
        c1 = start + QPointF(56, -28);
        c2 = g.tip + QPointF(56, 28);
        break;
    case EdgeGeometry::Route::Down: {
        start = downwardStart(r);
        g.tip = downTip(r);
        const qreal dy = std::max<qreal>(g.tip.y() - start.y(), 24);
        sideways = qFuzzyCompare(start.y(), r.from.center().y());
        // A lone edge whose arrow was moved a little (lanes, badges) leaves right above it: a
        // straight line instead of a small wiggle.
        if (!sideways && r.laneCount == 1 && r.fromShape != NodeShape::Diamond
            && std::abs(g.tip.x() - start.x()) <= 48 && g.tip.x() > r.from.left() + 16
            && g.tip.x() < r.from.right() - 16)
            start.setX(g.tip.x());
        if (sideways) {
            // Leaving sideways (catch edge or diamond vertex): go out, then down.
            const qreal dx = g.tip.x() - start.x();
            // Catch edges leave the right-hand port; a target on the left gets a short hook.
            const qreal out = !r.errorEdge ? std::abs(dx) * 0.8
                              : dx >= 0    ? std::max<qreal>(48, dx * 0.6)
                                           : 40;
            c1 = start + QPointF(dx >= 0 || r.errorEdge ? out : -out, 0);
        } else {
            c1 = start + QPointF(0, dy * 0.5);
        }
        c2 = g.tip - QPointF(0, dy * 0.5);
        break;
    }
    case EdgeGeometry::Route::Side: {
        const bool rightOf = r.to.left() >= r.from.right() + gap;
        start = rightOf ? rightMid(r.from) : leftMid(r.from);
        g.tip = rightOf ? leftMid(r.to) : rightMid(r.to);
        const qreal dx = (g.tip.x() - start.x()) * 0.5;
        c1 = start + QPointF(dx, 0);
        c2 = g.tip - QPointF(dx, 0);
        break;
    }
    case EdgeGeometry::Route::LoopAround: {
        // Back edge (target above or overlapping): loop around the right side, further out when
        // other nodes are in the way; around the left side when the right is out of the lane.
        const qreal bulge = 56 + std::abs(r.to.center().y() - r.from.center().y()) * 0.12;
        for (const bool right : {true, false}) {
            start = right ? rightMid(r.from) : leftMid(r.from);
            g.tip = right ? rightMid(r.to) : leftMid(r.to);
            qreal x = right ? std::max(r.from.right(), r.to.right()) + bulge
                            : std::min(r.from.left(), r.to.left()) - bulge;
            for (int i = 0; i < 16; ++i) {
                const QList<QRectF> hit
                    = blocking(cubic(start, {x, start.y()}, {x, g.tip.y()}, g.tip), r.obstacles);
                if (hit.isEmpty())
                    break;
                for (const QRectF &o : hit)
                    x = right ? std::max(x, o.right() + bulge) : std::min(x, o.left() - bulge);
            }
            c1 = {x, start.y()};
            c2 = {x, g.tip.y()};
            if (insideArea(r.area, x))
                break;
        }
        break;
    }
    }

    // Arrowhead: tip on the outline, base one arrow length back along the curve's end tangent.
    QLineF tangent(c2, g.tip);
    if (tangent.length() < 1e-3)
        tangent = QLineF(start, g.tip);
    const QPointF dir
        = tangent.length() > 1e-3 ? (g.tip - tangent.p1()) / tangent.length() : QPointF(0, 1);
    const QPointF normal(-dir.y(), dir.x());
    const QPointF end = g.tip - dir * arrowLength;
    g.arrow = QPolygonF({g.tip, end + normal * arrowHalfWidth, end - normal * arrowHalfWidth});
    g.curve = cubic(start, c1, c2, end);

    // Labels of edges that leave sideways sit on the vertical part, clear of the source node.
    qreal t = sideways ? 0.62 : g.route == EdgeGeometry::Route::Down ? 0.45 : 0.5;
    if (r.laneCount > 1) // stagger the labels of edges leaving one node
        t = 0.3 + 0.45 * (r.lane + 1) / (r.laneCount + 1);
    if (g.route == EdgeGeometry::Route::Down) {
        // Catch edges leave to the right, diamond vertices towards their side.
        const int out = !sideways ? 0 : r.errorEdge || c1.x() >= start.x() ? 1 : -1;
        if (const auto detour = routeDown(g.curve, out, r)) {
            g.curve = *detour;
            t = 0.5;
        }
    }
    g.labelPos = g.pointAt(t);
    return g;
}

bool edgeContains(const EdgeGeometry &g, const QPointF &p, qreal tolerance)
{
    if (g.arrow.containsPoint(p, Qt::OddEvenFill))
        return true;
    QPainterPathStroker stroker;
    stroker.setWidth(tolerance * 2);
    return stroker.createStroke(g.path()).contains(p);
}

bool polylineIntersects(const QPolygonF &polyline, const QRectF &rect)
{
    // Liang–Barsky clipping of each segment against the rectangle.
    auto segmentHits = [&rect](const QPointF &a, const QPointF &b) {
        if (rect.contains(a) || rect.contains(b))
            return true;
        const qreal dx = b.x() - a.x();
        const qreal dy = b.y() - a.y();
        qreal t0 = 0;
        qreal t1 = 1;
        const qreal p[4] = {-dx, dx, -dy, dy};
        const qreal q[4] = {a.x() - rect.left(), rect.right() - a.x(), a.y() - rect.top(),
                            rect.bottom() - a.y()};
        for (int i = 0; i < 4; ++i) {
            if (qFuzzyIsNull(p[i])) {
                if (q[i] < 0)
                    return false;
                continue;
            }
            const qreal t = q[i] / p[i];
            if (p[i] < 0)
                t0 = std::max(t0, t);
            else
                t1 = std::min(t1, t);
            if (t0 > t1)
                return false;
        }
        return true;
    };
    if (polyline.size() == 1)
        return rect.contains(polyline[0]);
    for (int i = 0; i + 1 < polyline.size(); ++i)
        if (segmentHits(polyline[i], polyline[i + 1]))
            return true;
    return false;
}

} // namespace Signalbox
