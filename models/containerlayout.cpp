#include "containerlayout.h"

#include "edgesmodel.h"
#include "graphlayout.h"
#include "nodegeometry.h"

#include <QMutex>
#include <QObject>

#include <memory>

namespace Signalbox {

namespace ContainerLayout {

namespace {

constexpr qreal minLaneContent = 208; // a lane is at least one node wide

std::vector<std::shared_ptr<const StateMachine>> lanesOf(const State &state)
{
    if (state.type == StateType::Parallel)
        return state.branches;
    if (state.type == StateType::Map && state.processor)
        return {state.processor};
    return {};
}

bool containsCollapsed(const StateMachine &machine, const QSet<QString> &collapsed)
{
    for (const State &s : machine.states) {
        if (collapsed.contains(QString::fromStdString(s.name)))
            return true;
        for (const auto &lane : lanesOf(s))
            if (lane && containsCollapsed(*lane, collapsed))
                return true;
    }
    return false;
}

struct CacheEntry
{
    std::vector<std::shared_ptr<const StateMachine>> lanes; // keeps the state pointers valid
    Content content;
};

QByteArray cacheKey(const State &state)
{
    QByteArray key = QByteArray::number(int(state.type));
    for (const auto &lane : lanesOf(state))
        key += ':' + QByteArray::number(quintptr(lane.get()), 16);
    return key;
}

Content compute(const State &container, const QSet<QString> &collapsed)
{
    Content content;
    const auto lanes = lanesOf(container);
    struct Lane
    {
        QList<SceneNode> nodes;
        QSizeF size;
        QRectF bounds;
    };
    QList<Lane> laid;
    for (const auto &machine : lanes) {
        Lane lane;
        if (!machine)
            continue;
        QList<GraphLayout::Node> nodes;
        QHash<QString, Content> inner;
        for (const State &s : machine->states) {
            const QString name = QString::fromStdString(s.name);
            QSizeF sz = nodeSize(s.type);
            if (hasContent(s) && !collapsed.contains(name)) {
                Content c = layout(s, collapsed);
                sz = c.size;
                inner.insert(name, c);
            }
            nodes.append({name, sz});
        }
        const QHash<QString, QPointF> pos
            = GraphLayout::layout(nodes, layoutEdges(*machine), GraphLayout::Engine::Auto, {0, 0});
        for (int i = 0; i < int(machine->states.size()); ++i) {
            const State &s = machine->states[size_t(i)];
            SceneNode n;
            n.state = &s;
            n.owner = machine;
            n.name = nodes[i].id;
            n.parent = QString::fromStdString(container.name);
            n.depth = 1;
            n.rect = QRectF(pos.value(n.name), nodes[i].size);
            n.expanded = inner.contains(n.name);
            lane.bounds = lane.bounds.united(n.rect);
            if (!n.expanded) {
                lane.nodes.append(n);
                continue;
            }
            // A nested container's content is relative to it: move it into lane coordinates.
            const Content &c = inner[n.name];
            const QPointF origin = n.rect.topLeft();
            n.lanes = c.lanes;
            for (ContainerLane &cl : n.lanes)
                cl.rect.translate(origin);
            lane.nodes.append(n);
            for (SceneNode child : c.nodes) {
                child.depth += 1;
                child.rect.translate(origin);
                for (ContainerLane &cl : child.lanes)
                    cl.rect.translate(origin);
                lane.nodes.append(child);
            }
        }
        lane.size = QSizeF(std::max(lane.bounds.width(), minLaneContent) + 2 * lanePaddingX,
                           laneCaption + lane.bounds.height() + lanePaddingBottom);
        laid.append(lane);
    }

    qreal lanesWidth = 0;
    qreal laneHeight = 0;
    for (const Lane &l : std::as_const(laid)) {
        lanesWidth += l.size.width();
        laneHeight = std::max(laneHeight, l.size.height());
    }
    lanesWidth += laneGap * std::max<qsizetype>(0, laid.size() - 1);
    const qreal width = std::max(lanesWidth + 2 * padding, nodeSize(container.type).width());
    content.size = QSizeF(width, headerHeight + laneHeight + padding);

    qreal x = (width - lanesWidth) / 2;
    for (int b = 0; b < laid.size(); ++b) {
        const Lane &l = laid[b];
        const QRectF laneRect(x, headerHeight, l.size.width(), laneHeight);
        const QString title = container.type == StateType::Map
                                  ? QObject::tr("Each item")
                                  : QObject::tr("Branch %1").arg(b + 1);
        content.lanes.append({laneRect, title});
        // Content centred horizontally in its lane, below the lane's title.
        const QPointF offset(
            std::round(laneRect.center().x() - l.bounds.width() / 2 - l.bounds.left()),
            laneRect.top() + laneCaption - l.bounds.top());
        for (SceneNode n : l.nodes) {
            n.rect.translate(offset);
            for (ContainerLane &cl : n.lanes)
                cl.rect.translate(offset);
            if (n.depth == 1)
                n.branch = b;
            content.nodes.append(n);
        }
        x += l.size.width() + laneGap;
    }
    return content;
}

} // namespace

bool hasContent(const State &state)
{
    for (const auto &lane : lanesOf(state))
        if (lane && !lane->states.empty())
            return true;
    return false;
}

QSizeF size(const State &state, const QSet<QString> &collapsed)
{
    if (!hasContent(state) || collapsed.contains(QString::fromStdString(state.name)))
        return nodeSize(state.type);
    return layout(state, collapsed).size;
}

Content layout(const State &container, const QSet<QString> &collapsed)
{
    if (!hasContent(container))
        return {nodeSize(container.type), {}, {}};
    bool cacheable = true;
    for (const auto &lane : lanesOf(container))
        if (lane && containsCollapsed(*lane, collapsed))
            cacheable = false;
    if (!cacheable)
        return compute(container, collapsed);

    static QMutex mutex;
    static QHash<QByteArray, std::shared_ptr<CacheEntry>> cache;
    const QByteArray key = cacheKey(container);
    {
        QMutexLocker locker(&mutex);
        if (auto hit = cache.value(key))
            return hit->content;
    }
    auto entry = std::make_shared<CacheEntry>();
    entry->lanes = lanesOf(container);
    entry->content = compute(container, collapsed);
    QMutexLocker locker(&mutex);
    if (cache.size() > 512)
        cache.clear(); // bounded: old definitions are rarely drawn again
    cache.insert(key, entry);
    return entry->content;
}

QList<GraphLayout::Edge> layoutEdges(const StateMachine &machine)
{
    QList<GraphLayout::Edge> edges;
    for (const State &s : machine.states)
        for (const EdgesModel::Transition &t : EdgesModel::transitionsOf(s))
            if (machine.find(t.to))
                edges.append({QString::fromStdString(s.name), QString::fromStdString(t.to),
                              EdgesModel::labelSize(t.kind, t.label)});
    return edges;
}

QHash<QString, QPointF> autoLayout(const StateMachine &machine, const QPointF &origin)
{
    QList<GraphLayout::Node> nodes;
    for (const State &s : machine.states)
        nodes.append({QString::fromStdString(s.name), size(s)});
    return GraphLayout::layout(nodes, layoutEdges(machine), GraphLayout::Engine::Auto, origin);
}

} // namespace ContainerLayout

SceneLayout::SceneLayout(const Definition &definition, const QHash<QString, QPointF> &positions,
                         const QSet<QString> &collapsed)
{
    const auto &states = definition.machine.states;
    for (int i = 0; i < int(states.size()); ++i) {
        const State &s = states[size_t(i)];
        m_nodes.append(nodesFor(s, i, positions.value(QString::fromStdString(s.name)), collapsed));
    }
    m_index.reserve(m_nodes.size());
    for (int i = 0; i < m_nodes.size(); ++i)
        m_index.insert(m_nodes[i].name, i);
}

const SceneNode *SceneLayout::node(const QString &name) const
{
    const int i = indexOf(name);
    return i >= 0 ? &m_nodes[i] : nullptr;
}

QRectF SceneLayout::rect(const QString &name) const
{
    const SceneNode *n = node(name);
    return n ? n->rect : QRectF();
}

QList<SceneNode> SceneLayout::nodesFor(const State &state, int topIndex, const QPointF &position,
                                       const QSet<QString> &collapsed)
{
    SceneNode top;
    top.state = &state;
    top.name = QString::fromStdString(state.name);
    top.topIndex = topIndex;
    const bool expanded = ContainerLayout::hasContent(state) && !collapsed.contains(top.name);
    QList<SceneNode> out;
    if (!expanded) {
        // Centred on the slot of the expanded frame, so toggling keeps the drawing in place.
        const QSizeF full = ContainerLayout::size(state);
        const QSizeF own = nodeSize(state.type);
        top.rect = QRectF(position
                              + QPointF(std::round((full.width() - own.width()) / 2),
                                        std::round((full.height() - own.height()) / 2)),
                          own);
        out.append(top);
        return out;
    }
    ContainerLayout::Content c = ContainerLayout::layout(state, collapsed);
    const QSizeF full = ContainerLayout::size(state);
    const QPointF at = position
                       + QPointF(std::round((full.width() - c.size.width()) / 2),
                                 std::round((full.height() - c.size.height()) / 2));
    top.rect = QRectF(at, c.size);
    top.expanded = true;
    for (ContainerLane &lane : c.lanes)
        lane.rect.translate(at);
    top.lanes = c.lanes;
    out.append(top);
    for (SceneNode n : std::as_const(c.nodes)) {
        n.rect.translate(at);
        for (ContainerLane &lane : n.lanes)
            lane.rect.translate(at);
        n.topIndex = topIndex;
        out.append(n);
    }
    return out;
}

} // namespace Signalbox
