#include "nodegeometry.h"

#include <QObject>

#include <cmath>

namespace Signalbox {

NodeShape nodeShape(StateType type)
{
    switch (type) {
    case StateType::Choice:
        return NodeShape::Diamond;
    case StateType::Succeed:
    case StateType::Fail:
        return NodeShape::Terminal;
    default:
        return NodeShape::Box;
    }
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
    switch (type) {
    case StateType::Task:
        return QStringLiteral("Task");
    case StateType::Choice:
        return QStringLiteral("Choice");
    case StateType::Wait:
        return QStringLiteral("Wait");
    case StateType::WaitForEvent:
        return QStringLiteral("Wait for event");
    case StateType::Parallel:
        return QStringLiteral("Parallel");
    case StateType::Map:
        return QStringLiteral("Map");
    case StateType::Pass:
        return QStringLiteral("Pass");
    case StateType::Succeed:
        return QStringLiteral("Succeed");
    case StateType::Fail:
        return QStringLiteral("Fail");
    }
    return {};
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
