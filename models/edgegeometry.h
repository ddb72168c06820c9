// Edge geometry: the pure maths behind every arrow on the canvas. Given the bounds and outlines of
// two nodes it computes, in one pass, a cubic curve whose ends are clipped to the node outlines,
// the arrowhead, and where the label goes. QML only binds to the results (as SVG path strings);
// hit-testing also happens here, with QPainterPathStroker, not in JavaScript.
#pragma once

#include "nodegeometry.h"

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
    bool errorEdge = false;     // catch edges leave from the right side...
    bool fromContainer = false; // ...except from a container frame: from its bottom, like others
};

struct EdgeGeometry
{
    enum class Route { Down, Side, LoopAround, Self };
    Route route = Route::Down;
    QPointF start; // on the source outline
    QPointF c1;
    QPointF c2;
    QPointF end; // base of the arrowhead
    QPointF tip; // arrow tip, on the target outline
    QPolygonF arrow;
    QPointF labelPos;

    QPointF pointAt(qreal t) const;
    QPainterPath path() const; // the curve only
    QString svgPath() const;   // "M x y C ..." for QtQuick.Shapes PathSvg
    QString svgArrow() const;  // closed triangle
    QRectF boundingRect() const;
};

// The point where the ray from the centre of `rect` towards `towards` leaves the outline.
QPointF boundaryPoint(const QRectF &rect, NodeShape shape, const QPointF &towards);

EdgeGeometry computeEdgeGeometry(const EdgeRequest &request);

// True if `p` lies within `tolerance` of the curve or on the arrowhead.
bool edgeContains(const EdgeGeometry &g, const QPointF &p, qreal tolerance = 6.0);

} // namespace Signalbox
