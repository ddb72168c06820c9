// Node geometry: the size and outline of each state type on the canvas. One source of truth for
// the QML node delegates, the edge geometry (which clips edges to these outlines), the graph
// layout and the diagram renderer.
#pragma once

#include "signalbox/definition.h"

#include <QRectF>
#include <QSizeF>

namespace Signalbox {

enum class NodeShape { Box, Diamond, Terminal };

NodeShape nodeShape(StateType type);
// The shape as QML names it: "box", "diamond" or "terminal".
QString nodeShapeName(NodeShape shape);
QSizeF nodeSize(StateType type);
// The type's name for the inspector and new state names ("Task", "Wait for event"...), from
// DiagramStyle's type rows.
QString stateTypeLabel(StateType type);
// The type as a node names it: a wait_for_event state says "Approval" or "Event".
QString typeLabel(const State &state);

// The grid the canvas snaps to, in scene units.
constexpr qreal gridSize = 16.0;
QPointF snapToGrid(const QPointF &p);

} // namespace Signalbox
