#include "edgesmodel.h"

#include "diagramstyle.h"
#include "workflowdocument.h"

#include "signalbox/statetypes.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace Signalbox {

namespace {

QString kindName(EdgesModel::Kind kind)
{
    switch (kind) {
    case EdgesModel::Kind::Choice:
        return QStringLiteral("choice");
    case EdgesModel::Kind::Default:
        return QStringLiteral("default");
    case EdgesModel::Kind::Catch:
        return QStringLiteral("catch");
    case EdgesModel::Kind::Next:
        break;
    }
    return QStringLiteral("next");
}

QString choiceLabel(const ChoiceRule &rule)
{
    QString text = QString::fromStdString(rule.text);
    if (text.isEmpty())
        text = QString::fromStdString(conditionToExpression(rule.condition));
    if (text.size() > 24)
        text = text.left(23) + QChar(0x2026);
    return text;
}

QString catchLabel(const CatchRule &rule)
{
    if (rule.errors.empty() || (rule.errors.size() == 1 && rule.errors[0] == "States.ALL"))
        return QObject::tr("on error");
    QString text = QString::fromStdString(rule.errors[0]);
    if (rule.errors.size() > 1)
        text += QStringLiteral(" +%1").arg(rule.errors.size() - 1);
    return text;
}

// The room a node takes on the canvas: its badges sit on its top edge, a map's stack of sheets
// shows below and right of its frame.
QRectF drawnRect(const SceneNode &n)
{
    QRectF r = n.rect;
    if (n.expanded && stateTypeInfo(n.state->type).iterates)
        r.adjust(0, 0, 10, 10);
    const bool diamond = !n.expanded && nodeShape(n.state->type) == NodeShape::Diamond;
    for (const DiagramStyle::BadgeBox &b : DiagramStyle::badges(*n.state, n.rect, diamond))
        r = r.united(b.rect);
    return r;
}

// The lane an edge of `from` is drawn in, without its caption (empty at the top level).
QRectF laneArea(const SceneLayout &scene, const SceneNode &from)
{
    const SceneNode *parent = from.parent.isEmpty() ? nullptr : scene.node(from.parent);
    if (!parent || from.branch < 0 || from.branch >= parent->lanes.size())
        return {};
    return parent->lanes[from.branch].rect.adjusted(4, ContainerLayout::laneCaption, -4, -4);
}

// Rectangles bucketed in a coarse grid, so "which of them meet this area?" looks at a few
// instead of all (a 500-state workflow has over a thousand nodes and edges).
class RectIndex
{
public:
    explicit RectIndex(const QList<QRectF> &rects)
        : m_rects(rects)
        , m_seen(size_t(rects.size()), 0)
    {
        for (int i = 0; i < rects.size(); ++i)
            forCells(rects[i], [this, i](quint64 key) { m_cells[key].append(i); });
    }

    // Calls `f(i)` once for each rectangle `i` that intersects `area`.
    template<typename F>
    void forEach(const QRectF &area, F f) const
    {
        ++m_query;
        forCells(area, [&](quint64 key) {
            const auto it = m_cells.constFind(key);
            if (it == m_cells.cend())
                return;
            for (int i : *it) {
                if (m_seen[size_t(i)] == m_query)
                    continue;
                m_seen[size_t(i)] = m_query;
                if (m_rects[i].intersects(area))
                    f(i);
            }
        });
    }

private:
    static constexpr qreal cell = 256;

    template<typename F>
    static void forCells(const QRectF &r, F f)
    {
        const int x0 = int(std::floor(r.left() / cell));
        const int x1 = int(std::floor(r.right() / cell));
        const int y0 = int(std::floor(r.top() / cell));
        const int y1 = int(std::floor(r.bottom() / cell));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                f(quint64(quint32(x)) << 32 | quint32(y));
    }

    QList<QRectF> m_rects;
    QHash<quint64, QList<int>> m_cells;
    mutable std::vector<int> m_seen;
    mutable int m_query = 0;
};

} // namespace

QList<EdgesModel::Transition> EdgesModel::transitionsOf(const State &s)
{
    QList<Transition> out;
    auto add = [&out](const std::string &to, Kind kind, int rule, const QString &label) {
        if (!to.empty())
            out.append({to, kind, rule, label});
    };
    add(s.next, Kind::Next, -1, {});
    for (int i = 0; i < int(s.choices.size()); ++i)
        add(s.choices[i].next, Kind::Choice, i, choiceLabel(s.choices[i]));
    add(s.defaultNext, Kind::Default, -1, s.choices.empty() ? QString() : QObject::tr("default"));
    for (int i = 0; i < int(s.catchRules.size()); ++i)
        add(s.catchRules[i].next, Kind::Catch, i, catchLabel(s.catchRules[i]));
    return out;
}

QFont EdgesModel::labelFont(Kind kind)
{
    return DiagramStyle::edgeLabelFont(kind == Kind::Choice);
}

QSizeF EdgesModel::labelSize(Kind kind, const QString &label)
{
    if (label.isEmpty())
        return {};
    // The pill: the text with 7 px each side and 3 px above and below (EdgeDelegate and the
    // renderer draw exactly this rectangle).
    const QFontMetricsF fm(labelFont(kind));
    return {std::ceil(fm.horizontalAdvance(label)) + 14, std::ceil(fm.height()) + 6};
}

int EdgesModel::placeLabels(QList<Edge> *edges, const SceneLayout &scene)
{
    // Each label goes to the first of these places that covers nothing it should not: on its
    // curve where the geometry would like it, then along the curve from the middle outwards,
    // then beside the curve (touching it) at the same points. Already placed labels count as
    // obstacles. When no place is free, the one covering the least wins.
    static const QList<qreal> along = [] {
        QList<qreal> t{0.5}; // from the middle outwards, clear of the ends
        for (qreal d = 0.04; d < 0.42; d += 0.04)
            t << 0.5 - d << 0.5 + d;
        return t;
    }();
    constexpr qreal edgeMargin = 2; // a stroke's half width and its anti-aliasing
    constexpr qreal nodeMargin = 3; // a hair of air between a label and a node
    constexpr qreal sideGap = 3;    // a label beside its curve, this far from it
    if (std::none_of(edges->begin(), edges->end(),
                     [](const Edge &e) { return !e.label.isEmpty(); }))
        return 0;
    struct Line
    {
        QRectF bounds;
        QPolygonF polyline;
        QRectF arrow;
    };
    QList<Line> lines; // computed once: flattening the curves is the expensive part
    QList<QRectF> lineBounds;
    lines.reserve(edges->size());
    for (const Edge &e : std::as_const(*edges)) {
        lines.append(
            {e.geometry.boundingRect(), e.geometry.polyline(), e.geometry.arrow.boundingRect()});
        lineBounds.append(lines.last().bounds.adjusted(-1, -1, 1, 1));
    }
    const RectIndex lineIndex(lineBounds);
    QList<QRectF> nodeRects;
    nodeRects.reserve(scene.nodes().size());
    for (const SceneNode &n : scene.nodes())
        nodeRects.append(drawnRect(n));
    const RectIndex nodeIndex(nodeRects);
    QList<QRectF> placed;
    int total = 0;

    for (int i = 0; i < edges->size(); ++i) {
        Edge &e = (*edges)[i];
        if (e.label.isEmpty())
            continue;
        const SceneNode *from = scene.node(e.from);
        // The containers the edge is drawn inside: their frames are not in the way.
        QSet<int> ancestors;
        for (const SceneNode *p = from; p && !p->parent.isEmpty(); p = scene.node(p->parent))
            ancestors.insert(scene.indexOf(p->parent));
        const QRectF area = from ? laneArea(scene, *from) : QRectF();
        auto cost = [&](const QRectF &box) {
            int c = 0;
            if (!area.isEmpty() && !area.contains(box))
                c += 1000;
            const QRectF nodeBox = box.adjusted(-nodeMargin, -nodeMargin, nodeMargin, nodeMargin);
            nodeIndex.forEach(nodeBox, [&](int n) {
                if (!ancestors.contains(n))
                    c += 100;
            });
            for (const QRectF &other : std::as_const(placed))
                if (other.intersects(box))
                    c += 50;
            const QRectF edgeBox = box.adjusted(-edgeMargin, -edgeMargin, edgeMargin, edgeMargin);
            lineIndex.forEach(edgeBox, [&](int j) {
                const Line &l = lines[j];
                if (l.arrow.intersects(edgeBox))
                    c += 10;
                else if (j != i && polylineIntersects(l.polyline, edgeBox))
                    c += 10;
            });
            return c;
        };
        const QSizeF size = labelSize(e.kind, e.label);
        auto boxAt = [&size](const QPointF &centre) {
            QRectF box(QPointF(), size);
            box.moveCenter(centre);
            return box;
        };
        QRectF best = boxAt(e.geometry.labelPos);
        int bestCost = cost(best);
        auto consider = [&](const QRectF &box) {
            if (bestCost == 0)
                return;
            const int c = cost(box);
            if (c < bestCost) {
                best = box;
                bestCost = c;
            }
        };
        // Points along the curve by length, from its flattened polyline.
        const QPolygonF &line = lines[i].polyline;
        QList<qreal> length{0};
        for (int k = 1; k < line.size(); ++k)
            length.append(length.last() + QLineF(line[k - 1], line[k]).length());
        auto pointAt = [&](qreal t) {
            const qreal at = std::clamp<qreal>(t, 0, 1) * length.last();
            const auto k = std::lower_bound(length.begin(), length.end(), at) - length.begin();
            if (k == 0)
                return line.value(0);
            const qreal span = length[k] - length[k - 1];
            const qreal f = span > 0 ? (at - length[k - 1]) / span : 0;
            return line[k - 1] + (line[k] - line[k - 1]) * f;
        };
        for (qreal t : along)
            consider(boxAt(pointAt(t)));
        for (qreal t : along) {
            const QPointF p = pointAt(t);
            const QPointF d
                = pointAt(std::min<qreal>(t + 0.02, 1)) - pointAt(std::max<qreal>(t - 0.02, 0));
            const QPointF shift = std::abs(d.y()) >= std::abs(d.x())
                                      ? QPointF(size.width() / 2 + sideGap, 0)
                                      : QPointF(0, size.height() / 2 + sideGap);
            consider(boxAt(p + shift));
            consider(boxAt(p - shift));
        }
        e.labelRect = best;
        placed.append(best);
        total += bestCost;
    }
    return total;
}

QString EdgesModel::Edge::key() const
{
    return from + QLatin1Char('>') + to + QLatin1Char('#') + kindName(kind) + QString::number(rule);
}

EdgesModel::EdgesModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void EdgesModel::setCollapsed(const QSet<QString> &names)
{
    if (names == m_collapsed)
        return;
    m_collapsed = names;
    rebuild();
}

void EdgesModel::setDocument(WorkflowDocument *document)
{
    if (m_document == document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        // Rebuild after every primitive; reset() is bracketed so the model resets only once.
        connect(document, &WorkflowDocument::aboutToReset, this, [this] { m_resetting = true; });
        connect(document, &WorkflowDocument::reset, this, [this] {
            m_resetting = false;
            rebuild();
        });
        for (auto signal : {&WorkflowDocument::stateInserted, &WorkflowDocument::stateRemoved,
                            &WorkflowDocument::stateChanged, &WorkflowDocument::positionChanged})
            connect(document, signal, this, [this] {
                if (!m_resetting)
                    rebuild();
            });
        connect(document, &WorkflowDocument::startChanged, this, [this] {
            if (!m_resetting)
                rebuild();
        });
    }
    beginResetModel();
    m_edges = document ? computeEdges(*document, m_collapsed) : QList<Edge>();
    m_selected = -1;
    endResetModel();
}

int EdgesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_edges.size());
}

QVariant EdgesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Edge &e = m_edges[index.row()];
    switch (role) {
    case FromRole:
        return e.from;
    case ToRole:
        return e.to;
    case KindRole:
        return kindName(e.kind);
    case Qt::DisplayRole:
    case LabelRole:
        return e.label;
    case PathRole:
        return e.geometry.svgPath();
    case ArrowRole:
        return e.geometry.svgArrow();
    case LabelXRole:
        return e.labelRect.center().x();
    case LabelYRole:
        return e.labelRect.center().y();
    case LabelRectRole:
        return e.labelRect;
    case LabelFontRole:
        return labelFont(e.kind);
    case DashedRole:
        return e.kind == Kind::Catch;
    case RuleRole:
        return e.rule;
    case SelectedRole:
        return index.row() == m_selected;
    case BoundsRole:
        return e.labelRect.isEmpty() ? e.geometry.boundingRect()
                                     : e.geometry.boundingRect().united(e.labelRect);
    }
    return {};
}

QHash<int, QByteArray> EdgesModel::roleNames() const
{
    return {{FromRole, "fromName"},       {ToRole, "toName"},          {KindRole, "kind"},
            {LabelRole, "label"},         {PathRole, "path"},          {ArrowRole, "arrow"},
            {LabelXRole, "labelX"},       {LabelYRole, "labelY"},      {DashedRole, "dashed"},
            {RuleRole, "rule"},           {SelectedRole, "selected"},  {BoundsRole, "bounds"},
            {LabelRectRole, "labelRect"}, {LabelFontRole, "labelFont"}};
}

int EdgesModel::edgeAt(qreal x, qreal y) const
{
    for (int i = int(m_edges.size()) - 1; i >= 0; --i)
        if (edgeContains(m_edges[i].geometry, QPointF(x, y)))
            return i;
    return -1;
}

void EdgesModel::setSelectedEdge(int row)
{
    if (row < -1 || row >= int(m_edges.size()))
        row = -1;
    if (row == m_selected)
        return;
    const int old = m_selected;
    m_selected = row;
    if (old >= 0)
        emit dataChanged(index(old), index(old), {SelectedRole});
    if (row >= 0)
        emit dataChanged(index(row), index(row), {SelectedRole});
    emit selectedEdgeChanged();
}

QList<EdgesModel::Edge> EdgesModel::computeEdges(const WorkflowDocument &document,
                                                 const QSet<QString> &collapsed)
{
    return computeEdges(SceneLayout(document.definition(), document.positions(), collapsed));
}

QList<EdgesModel::Edge> EdgesModel::computeEdges(const SceneLayout &scene)
{
    QList<Edge> edges;
    const QList<SceneNode> &nodes = scene.nodes();
    // Transitions stay inside their machine (the workflow, one branch, one processor).
    for (const SceneNode &node : nodes)
        for (const Transition &t : transitionsOf(*node.state)) {
            const QString target = QString::fromStdString(t.to);
            const SceneNode *to = scene.node(target);
            if (to && to->parent == node.parent)
                edges.append({node.name, target, t.kind, t.rule, t.label, {}, {}});
        }

    // Ends: the edges leaving one node are spread in the order of their targets' x, the edges
    // arriving at one node from above in the order of where they leave their sources (below).
    QHash<QString, QList<int>> leaving;
    QHash<QString, QList<int>> arriving;
    for (int i = 0; i < edges.size(); ++i) {
        leaving[edges[i].from].append(i);
        if (routeBetween(scene.rect(edges[i].from), scene.rect(edges[i].to))
            == EdgeGeometry::Route::Down)
            arriving[edges[i].to].append(i);
    }
    QList<int> outLane(edges.size(), 0);
    QList<int> outCount(edges.size(), 1);
    for (QList<int> &group : leaving) {
        std::stable_sort(group.begin(), group.end(), [&](int a, int b) {
            return scene.rect(edges[a].to).x() < scene.rect(edges[b].to).x();
        });
        for (int k = 0; k < group.size(); ++k) {
            outLane[group[k]] = k;
            outCount[group[k]] = int(group.size());
        }
    }

    // What each edge's geometry needs: its ends, its lanes, the nodes in its way.
    QList<QRectF> drawn;
    drawn.reserve(nodes.size());
    for (const SceneNode &n : nodes)
        drawn.append(drawnRect(n));
    const RectIndex nodeIndex(drawn);
    QList<EdgeRequest> requests;
    requests.reserve(edges.size());
    for (int i = 0; i < edges.size(); ++i) {
        const Edge &e = edges[i];
        const SceneNode &from = nodes[scene.indexOf(e.from)];
        const SceneNode &to = nodes[scene.indexOf(e.to)];
        EdgeRequest req;
        req.from = from.rect;
        req.fromShape = from.expanded ? NodeShape::Box : nodeShape(from.state->type);
        req.to = to.rect;
        req.toShape = to.expanded ? NodeShape::Box : nodeShape(to.state->type);
        req.lane = outLane[i];
        req.laneCount = outCount[i];
        for (const DiagramStyle::BadgeBox &b :
             DiagramStyle::badges(*to.state, to.rect, req.toShape == NodeShape::Diamond))
            req.toBadges = req.toBadges.united(b.rect);
        req.errorEdge = e.kind == Kind::Catch;
        req.fromContainer = from.expanded;
        // The nodes near the way down (or around) of the same flowchart are in the way.
        const QRectF ends = from.rect.united(to.rect);
        const QRectF near = ends.adjusted(-800, -40, 800, 40);
        nodeIndex.forEach(near, [&](int n) {
            // Only the nodes of the same flowchart: the others are inside its containers.
            if (nodes[n].parent == from.parent && nodes[n].name != e.from && nodes[n].name != e.to)
                req.obstacles.append(drawn[n]);
        });
        req.area = laneArea(scene, from).adjusted(0, -ContainerLayout::laneCaption, 0, 0);
        requests.append(req);
    }
    // The edges arriving at one node from above, in the order of where they leave their source.
    for (QList<int> &group : arriving) {
        QList<qreal> origin;
        for (int i : std::as_const(group))
            origin.append(downwardStart(requests[i]).x());
        QList<int> order;
        for (int k = 0; k < group.size(); ++k)
            order.append(k);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return origin[a] < origin[b]; });
        for (int k = 0; k < order.size(); ++k) {
            requests[group[order[k]]].inLane = k;
            requests[group[order[k]]].inLaneCount = int(group.size());
        }
    }
    for (int i = 0; i < edges.size(); ++i)
        edges[i].geometry = computeEdgeGeometry(requests[i]);
    int cost = placeLabels(&edges, scene);
    // Where a label found no free place, the edges running under labels go around them too,
    // and the labels are placed again (kept if that covers less).
    for (int round = 0; round < 2 && cost > 0; ++round) {
        QList<Edge> next = edges;
        bool rerouted = false;
        for (int j = 0; j < edges.size(); ++j) {
            const QPolygonF line = edges[j].geometry.polyline();
            QList<QRectF> labels;
            bool under = false;
            for (int i = 0; i < edges.size(); ++i) {
                if (i == j || edges[i].labelRect.isEmpty())
                    continue;
                labels.append(edges[i].labelRect);
                under
                    = under || polylineIntersects(line, edges[i].labelRect.adjusted(-2, -2, 2, 2));
            }
            if (!under)
                continue;
            EdgeRequest req = requests[j];
            req.obstacles.append(labels);
            next[j].geometry = computeEdgeGeometry(req);
            rerouted = true;
        }
        if (!rerouted)
            break;
        const int nextCost = placeLabels(&next, scene);
        if (nextCost >= cost)
            break;
        edges = next;
        cost = nextCost;
    }
    return edges;
}

void EdgesModel::rebuild()
{
    if (!m_document)
        return;
    QList<Edge> next = computeEdges(*m_document, m_collapsed);
    bool sameKeys = next.size() == m_edges.size();
    for (int i = 0; sameKeys && i < next.size(); ++i)
        sameKeys = next[i].key() == m_edges[i].key();
    if (!sameKeys) {
        beginResetModel();
        m_edges = next;
        const bool hadSelection = m_selected >= 0;
        m_selected = -1;
        endResetModel();
        if (hadSelection)
            emit selectedEdgeChanged();
        return;
    }
    for (int i = 0; i < next.size(); ++i) {
        const Edge &a = m_edges[i];
        const Edge &b = next[i];
        const bool moved = a.geometry.svgPath() != b.geometry.svgPath()
                           || a.geometry.svgArrow() != b.geometry.svgArrow();
        const bool labelMoved = a.labelRect != b.labelRect; // also when another edge moved
        const bool relabelled = a.label != b.label;
        m_edges[i] = b;
        QList<int> roles;
        if (moved)
            roles << PathRole << ArrowRole;
        if (moved || labelMoved)
            roles << LabelXRole << LabelYRole << LabelRectRole << BoundsRole;
        if (relabelled)
            roles << LabelRole;
        if (!roles.isEmpty())
            emit dataChanged(index(i), index(i), roles);
    }
}

} // namespace Signalbox
