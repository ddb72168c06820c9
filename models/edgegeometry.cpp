#include "edgegeometry.h"

#include <QLineF>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>

namespace Signalbox {

namespace {

constexpr qreal arrowLength = 10.0;
constexpr qreal arrowHalfWidth = 5.0;
constexpr qreal gap = 8.0; // nodes closer than this count as overlapping

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
    qreal offset = 0;
    if (r.laneCount > 1) {
        const qreal span = std::min<qreal>(36.0 * (r.laneCount - 1), r.from.width() * 0.6);
        offset = -span / 2 + span * r.lane / (r.laneCount - 1);
    }
    return {r.from.center().x() + offset, r.from.bottom()};
}

} // namespace

QPointF EdgeGeometry::pointAt(qreal t) const
{
    const qreal u = 1 - t;
    return u * u * u * start + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * end;
}

QPainterPath EdgeGeometry::path() const
{
    QPainterPath p(start);
    p.cubicTo(c1, c2, end);
    return p;
}

QString EdgeGeometry::svgPath() const
{
    return QString::asprintf("M %.1f %.1f C %.1f %.1f %.1f %.1f %.1f %.1f", start.x(), start.y(),
                             c1.x(), c1.y(), c2.x(), c2.y(), end.x(), end.y());
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
    const bool below = r.to.top() >= r.from.bottom() + gap;
    const bool rightOf = r.to.left() >= r.from.right() + gap;
    const bool leftOf = r.to.right() <= r.from.left() - gap;

    if (r.from == r.to) {
        g.route = EdgeGeometry::Route::Self;
        g.start = {r.from.right(), r.from.center().y() - 12};
        g.tip = {r.from.right(), r.from.center().y() + 12};
        g.c1 = g.start + QPointF(56, -28);
        g.c2 = g.tip + QPointF(56, 28);
    } else if (below) {
        g.route = EdgeGeometry::Route::Down;
        g.start = r.errorEdge && !r.fromContainer ? rightMid(r.from) : downStart(r);
        g.tip = r.toShape == NodeShape::Diamond ? QPointF(r.to.center().x(), r.to.top())
                                                : topMid(r.to);
        const qreal dy = std::max<qreal>(g.tip.y() - g.start.y(), 24);
        if (qFuzzyCompare(g.start.y(), r.from.center().y())) {
            // Leaving sideways (catch edge or diamond vertex): go out, then down.
            const qreal dx = g.tip.x() - g.start.x();
            // Catch edges leave the right-hand port; a target on the left gets a short hook.
            const qreal out = !r.errorEdge ? std::abs(dx) * 0.8
                              : dx >= 0    ? std::max<qreal>(48, dx * 0.6)
                                           : 40;
            g.c1 = g.start + QPointF(dx >= 0 || r.errorEdge ? out : -out, 0);
        } else {
            g.c1 = g.start + QPointF(0, dy * 0.5);
        }
        g.c2 = g.tip - QPointF(0, dy * 0.5);
    } else if (rightOf || leftOf) {
        g.route = EdgeGeometry::Route::Side;
        g.start = rightOf ? rightMid(r.from) : leftMid(r.from);
        g.tip = rightOf ? leftMid(r.to) : rightMid(r.to);
        const qreal dx = (g.tip.x() - g.start.x()) * 0.5;
        g.c1 = g.start + QPointF(dx, 0);
        g.c2 = g.tip - QPointF(dx, 0);
    } else {
        // Back edge (target above or overlapping): loop around the right side.
        g.route = EdgeGeometry::Route::LoopAround;
        g.start = rightMid(r.from);
        g.tip = rightMid(r.to);
        const qreal bulge = 56 + std::abs(g.tip.y() - g.start.y()) * 0.12;
        const qreal x = std::max(r.from.right(), r.to.right()) + bulge;
        g.c1 = {x, g.start.y()};
        g.c2 = {x, g.tip.y()};
    }

    // Arrowhead: tip on the outline, base one arrow length back along the curve's end tangent.
    QLineF tangent(g.c2, g.tip);
    if (tangent.length() < 1e-3)
        tangent = QLineF(g.start, g.tip);
    const QPointF dir
        = tangent.length() > 1e-3 ? (g.tip - tangent.p1()) / tangent.length() : QPointF(0, 1);
    const QPointF normal(-dir.y(), dir.x());
    g.end = g.tip - dir * arrowLength;
    g.arrow = QPolygonF({g.tip, g.end + normal * arrowHalfWidth, g.end - normal * arrowHalfWidth});
    // Labels of edges that leave sideways sit on the vertical part, clear of the source node.
    const bool sideways
        = g.route == EdgeGeometry::Route::Down && qFuzzyCompare(g.start.y(), r.from.center().y());
    qreal t = sideways ? 0.62 : g.route == EdgeGeometry::Route::Down ? 0.45 : 0.5;
    if (r.laneCount > 1) // stagger the labels of edges leaving one node
        t = 0.3 + 0.45 * (r.lane + 1) / (r.laneCount + 1);
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

} // namespace Signalbox
