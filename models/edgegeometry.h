// Edge geometry: the pure maths behind every arrow on the canvas. Given the bounds and outlines of
// two nodes it computes, in one pass, a smooth curve (one or more cubic segments) whose ends are
// clipped to the node outlines, the arrowhead, and where the label would like to go. A curve that
// would cross another node of its flowchart detours around it through a free vertical channel,
// the way dot routes an edge that skips ranks. QML only binds to the results (as SVG path
// strings); hit-testing also happens here, with QPainterPathStroker, not in JavaScript.
#pragma once

#include "nodegeometry.h"

#include <QList>
#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>

namespace Signalbox {

struct EdgeRequest
{
    QRectF from;
    NodeShape fromShape = NodeShape::Box;
    QRectF to;
    NodeShape toShape = NodeShape::Box;
    int lane = 0;               // index of this edge among the edges leaving `from`
    int laneCount = 1;          // how many edges leave `from`
    int inLane = 0;             // index of this edge among the edges arriving at `to` from above
    int inLaneCount = 1;        // how many edges arrive at `to` from above
    QRectF toBadges;            // badges on the target's top edge: arrows land left of them
    bool errorEdge = false;     // catch edges leave from the right side, except from a
    bool fromContainer = false; // container frame or to a target on the left: from the bottom
    // The other nodes of the same flowchart (with room for their badges): the curve goes around
    // them. `area` is the lane the flowchart is drawn in (empty: unbounded).
    QList<QRectF> obstacles;
    QRectF area;
};

struct EdgeGeometry
{
    enum class Route { Down, Side, LoopAround, Self };
    Route route = Route::Down;
    // Poly-Bézier: the start (on the source outline), then for each cubic segment its two
    // control points and its end point. The last point is the base of the arrowhead.
    QPolygonF curve;
    QPointF tip; // arrow tip, on the target outline
    QPolygonF arrow;
    QPointF labelPos; // where the label would like to sit (EdgesModel finds it a free place)

    QPointF start() const { return curve.value(0); }
    QPointF end() const { return curve.isEmpty() ? QPointF() : curve.last(); }
    int segmentCount() const { return int((curve.size() - 1) / 3); }
    QPointF pointAt(qreal t) const; // 0..1 along the curve's length
    QPainterPath path() const;      // the curve only
    QPolygonF polyline() const;     // the curve flattened into line segments
    QString svgPath() const;        // "M x y C ..." for QtQuick.Shapes PathSvg
    QString svgArrow() const;       // closed triangle
    QRectF boundingRect() const;
};

// Which way an edge from `from` to `to` goes: down when the target is below, sideways when it is
// level beside, else back up around the right side.
EdgeGeometry::Route routeBetween(const QRectF &from, const QRectF &to);

// Where an edge going down leaves its source (EdgesModel orders the edges arriving at a node by
// these).
QPointF downwardStart(const EdgeRequest &request);

// The point where the ray from the centre of `rect` towards `towards` leaves the outline.
QPointF boundaryPoint(const QRectF &rect, NodeShape shape, const QPointF &towards);

EdgeGeometry computeEdgeGeometry(const EdgeRequest &request);

// True if `p` lies within `tolerance` of the curve or on the arrowhead.
bool edgeContains(const EdgeGeometry &g, const QPointF &p, qreal tolerance = 6.0);

// True if any segment of `polyline` passes through `rect`.
bool polylineIntersects(const QPolygonF &polyline, const QRectF &rect);

} // namespace Signalbox
