#include "nodegeometry.h"

#include "diagramstyle.h"

#include <QObject>

#include <cmath>

namespace Signalbox {

NodeShape nodeShape(StateType type)
{
    return DiagramStyle::typeStyle(type).shape;
}

QString nodeShapeName(NodeShape shape)
{
    switch (shape) {
    case NodeShape::Diamond:
        return QStringLiteral("diamond");
    case NodeShape::Terminal:
        return QStringLiteral("terminal");
    case NodeShape::Box:
        break;
    }
    return QStringLiteral("box");
}

QSizeF nodeSize(StateType type)
{
    switch (nodeShape(type)) {
    case NodeShape::Diamond:
        return {176, 88};
    case NodeShape::Terminal:
        return {208, 44}; // as wide as a box: room for names like "deployment-failed"
    case NodeShape::Box:
        break;
    }
    return {208, 60};
}

QString stateTypeLabel(StateType type)
{
    return DiagramStyle::typeStyle(type).label;
}

QString typeLabel(const State &state)
{
    if (state.type == StateType::WaitForEvent)
        return state.eventKind == "event" ? QObject::tr("Event") : QObject::tr("Approval");
    return stateTypeLabel(state.type);
}

QPointF snapToGrid(const QPointF &p)
{
    return {std::round(p.x() / gridSize) * gridSize, std::round(p.y() / gridSize) * gridSize};
}

} // namespace Signalbox
