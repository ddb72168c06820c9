// Container layout: how parallel and map states are drawn with their content, the way Step
// Functions Workflow Studio does it. An expanded container is a frame with a header (name, type)
// holding one lane per parallel branch, side by side, or one lane for a map's item processor;
// each lane is its own top-down flowchart laid out with GraphLayout (Graphviz `dot`), and
// containers inside lanes are laid out the same way, bottom-up. Nested states have no stored
// position: they follow their container, so `layout:` keeps one entry per top-level state.
// SceneLayout puts it together: every state of a workflow, top level and nested, with its scene
// rectangle, in one flat pre-order list (a container comes right before its content).
#pragma once

#include "graphlayout.h"
#include "signalbox/definition.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QSizeF>
#include <QString>

#include <memory>

namespace Signalbox {

struct ContainerLane
{
    QRectF rect;   // scene rectangle (relative to the container inside ContainerLayout)
    QString title; // "Branch 1", "Each item"
};

struct SceneNode
{
    // Top level: in the definition (valid until it changes); nested: in `owner`, immutable.
    const State *state = nullptr;
    std::shared_ptr<const StateMachine> owner; // the branch or processor holding a nested state
    QString name;
    QString parent;        // the container holding this state, "" at the top level
    int branch = -1;       // lane of the parent
    int depth = 0;         // 0 at the top level
    int topIndex = -1;     // index of the top-level state this node belongs to
    QRectF rect;           // scene rectangle
    bool expanded = false; // a container drawn with its lanes (else a plain node)
    QList<ContainerLane> lanes;
};

namespace ContainerLayout {

constexpr qreal headerHeight = 52; // name and type line at the top of a frame
constexpr qreal padding = 16;      // frame to lanes, left, right and bottom
constexpr qreal laneGap = 16;
constexpr qreal laneCaption = 28; // lane title above the lane's flowchart
constexpr qreal lanePaddingX = 24;
constexpr qreal lanePaddingBottom = 24;

// A parallel state with at least one non-empty branch, or a map whose processor has states.
bool hasContent(const State &state);
// The size of a state as drawn: its node size, or the frame of an expanded container
// (containers named in `collapsed` are drawn as plain nodes).
QSizeF size(const State &state, const QSet<QString> &collapsed = {});
// The states inside an expanded container (pre-order, nested ones included) and its lanes, with
// rectangles relative to the container's top-left corner. Results without collapsed containers
// are cached (branches are immutable, shared between copies of a definition).
struct Content
{
    QSizeF size;
    QList<ContainerLane> lanes;
    QList<SceneNode> nodes; // depth 1 for direct children, 2 inside a nested container...
};
Content layout(const State &container, const QSet<QString> &collapsed = {});

// The transitions of one flowchart (the workflow, a branch, a processor) for GraphLayout, with
// the sizes of their labels so the layout makes room for them.
QList<GraphLayout::Edge> layoutEdges(const StateMachine &machine);
// Top-left positions of a flowchart's states laid out top-down, containers at the size of
// their expanded frames (the first view of a workflow and Auto-Layout).
QHash<QString, QPointF> autoLayout(const StateMachine &machine, const QPointF &origin = {64, 64});

} // namespace ContainerLayout

class SceneLayout
{
public:
    SceneLayout() = default;
    SceneLayout(const Definition &definition, const QHash<QString, QPointF> &positions,
                const QSet<QString> &collapsed = {});

    const QList<SceneNode> &nodes() const { return m_nodes; }
    int indexOf(const QString &name) const { return m_index.value(name, -1); }
    const SceneNode *node(const QString &name) const;
    QRectF rect(const QString &name) const;

    // The nodes of one top-level state at `position` (itself first, then its content). A
    // collapsed container is centred on the place its expanded frame would take, so collapsing
    // one does not move the rest of the drawing.
    static QList<SceneNode> nodesFor(const State &state, int topIndex, const QPointF &position,
                                     const QSet<QString> &collapsed);

private:
    QList<SceneNode> m_nodes;
    QHash<QString, int> m_index;
};

} // namespace Signalbox
