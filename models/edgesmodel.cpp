#include "edgesmodel.h"

#include "workflowdocument.h"

#include <algorithm>

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

// Roughly the pill a label is drawn in (11 px text); only used to keep edges from under it.
QRectF labelBox(const EdgesModel::Edge &e)
{
    QRectF box(0, 0, e.label.size() * 6.5 + 14, 20);
    box.moveCenter(e.geometry.labelPos);
    return box;
}

} // namespace

void EdgesModel::placeLabels(QList<Edge> *edges)
{
    // A label sits on its own curve; when another edge passes under it, slide it along the curve
    // to the first free spot (cheap: only edges whose bounds meet the label are tested).
    static const qreal candidates[] = {0.5, 0.35, 0.65, 0.25, 0.75, 0.18, 0.82};
    if (std::none_of(edges->begin(), edges->end(),
                     [](const Edge &e) { return !e.label.isEmpty(); }))
        return;
    QList<QRectF> bounds; // computed once: building the paths is the expensive part
    bounds.reserve(edges->size());
    for (const Edge &e : std::as_const(*edges))
        bounds.append(e.geometry.boundingRect());
    auto crossed = [edges, &bounds](int self, const QRectF &box) {
        for (int j = 0; j < edges->size(); ++j) {
            if (j == self || !bounds[j].intersects(box))
                continue;
            const EdgeGeometry &g = (*edges)[j].geometry;
            if (g.path().intersects(box) || g.arrow.boundingRect().intersects(box))
                return true;
        }
        return false;
    };
    for (int i = 0; i < edges->size(); ++i) {
        Edge &e = (*edges)[i];
        if (e.label.isEmpty() || !crossed(i, labelBox(e)))
            continue;
        const QPointF original = e.geometry.labelPos;
        for (qreal t : candidates) {
            e.geometry.labelPos = e.geometry.pointAt(t);
            if (!crossed(i, labelBox(e)))
                break;
            e.geometry.labelPos = original;
        }
    }
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
        return e.geometry.labelPos.x();
    case LabelYRole:
        return e.geometry.labelPos.y();
    case DashedRole:
        return e.kind == Kind::Catch;
    case RuleRole:
        return e.rule;
    case SelectedRole:
        return index.row() == m_selected;
    case BoundsRole:
        return e.geometry.boundingRect().adjusted(-80, -16, 80, 16);
    }
    return {};
}

QHash<int, QByteArray> EdgesModel::roleNames() const
{
    return {{FromRole, "fromName"}, {ToRole, "toName"},         {KindRole, "kind"},
            {LabelRole, "label"},   {PathRole, "path"},         {ArrowRole, "arrow"},
            {LabelXRole, "labelX"}, {LabelYRole, "labelY"},     {DashedRole, "dashed"},
            {RuleRole, "rule"},     {SelectedRole, "selected"}, {BoundsRole, "bounds"}};
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
    for (const SceneNode &node : scene.nodes()) {
        const State &s = *node.state;
        QList<Edge> out;
        // Transitions stay inside their machine (the workflow, one branch, one processor).
        auto add = [&](const std::string &to, Kind kind, int rule, const QString &label) {
            const QString target = QString::fromStdString(to);
            const SceneNode *t = to.empty() ? nullptr : scene.node(target);
            if (t && t->parent == node.parent)
                out.append({node.name, target, kind, rule, label, {}});
        };
        add(s.next, Kind::Next, -1, {});
        for (int i = 0; i < int(s.choices.size()); ++i)
            add(s.choices[i].next, Kind::Choice, i, choiceLabel(s.choices[i]));
        add(s.defaultNext, Kind::Default, -1,
            s.choices.empty() ? QString() : QObject::tr("default"));
        for (int i = 0; i < int(s.catchRules.size()); ++i)
            add(s.catchRules[i].next, Kind::Catch, i, catchLabel(s.catchRules[i]));

        // Lanes: spread the edges leaving one node in the order of their targets' x.
        QList<int> order;
        for (int i = 0; i < out.size(); ++i)
            order.append(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return scene.rect(out[a].to).x() < scene.rect(out[b].to).x();
        });
        const NodeShape fromShape = node.expanded ? NodeShape::Box : nodeShape(s.type);
        for (int lane = 0; lane < order.size(); ++lane) {
            Edge &e = out[order[lane]];
            const SceneNode *target = scene.node(e.to);
            EdgeRequest req;
            req.from = node.rect;
            req.fromShape = fromShape;
            req.to = target->rect;
            req.toShape = target->expanded ? NodeShape::Box : nodeShape(target->state->type);
            req.lane = lane;
            req.laneCount = int(order.size());
            req.errorEdge = e.kind == Kind::Catch;
            req.fromContainer = node.expanded;
            e.geometry = computeEdgeGeometry(req);
        }
        edges.append(out);
    }
    placeLabels(&edges);
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
        const bool relabelled = a.label != b.label;
        m_edges[i] = b;
        QList<int> roles;
        if (moved)
            roles << PathRole << ArrowRole << LabelXRole << LabelYRole << BoundsRole;
        if (relabelled)
            roles << LabelRole;
        if (!roles.isEmpty())
            emit dataChanged(index(i), index(i), roles);
    }
}

} // namespace Signalbox
