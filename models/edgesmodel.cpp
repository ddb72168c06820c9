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

} // namespace

QString EdgesModel::Edge::key() const
{
    return from + QLatin1Char('>') + to + QLatin1Char('#') + kindName(kind) + QString::number(rule);
}

EdgesModel::EdgesModel(QObject *parent)
    : QAbstractListModel(parent)
{}

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
    m_edges = document ? computeEdges(*document) : QList<Edge>();
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

QList<EdgesModel::Edge> EdgesModel::computeEdges(const WorkflowDocument &document)
{
    QList<Edge> edges;
    const Definition &def = document.definition();
    for (const State &s : def.machine.states) {
        const QString from = QString::fromStdString(s.name);
        QList<Edge> out;
        auto add = [&](const std::string &to, Kind kind, int rule, const QString &label) {
            if (!to.empty() && document.state(QString::fromStdString(to)))
                out.append({from, QString::fromStdString(to), kind, rule, label, {}});
        };
        add(s.next, Kind::Next, -1, {});
        for (int i = 0; i < int(s.choices.size()); ++i)
            add(s.choices[i].next, Kind::Choice, i, choiceLabel(s.choices[i]));
        add(s.defaultNext, Kind::Default, -1,
            s.choices.empty() ? QString() : QObject::tr("default"));
        for (int i = 0; i < int(s.catchRules.size()); ++i)
            add(s.catchRules[i].next, Kind::Catch, i, catchLabel(s.catchRules[i]));

        // Lanes: spread the edges leaving one node in the order of their targets' x.
        const QRectF fromRect(document.position(from), nodeSize(s.type));
        QList<int> order;
        for (int i = 0; i < out.size(); ++i)
            order.append(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return document.position(out[a].to).x() < document.position(out[b].to).x();
        });
        for (int lane = 0; lane < order.size(); ++lane) {
            Edge &e = out[order[lane]];
            const State *target = document.state(e.to);
            EdgeRequest req;
            req.from = fromRect;
            req.fromShape = nodeShape(s.type);
            req.to = QRectF(document.position(e.to), nodeSize(target->type));
            req.toShape = nodeShape(target->type);
            req.lane = lane;
            req.laneCount = int(order.size());
            req.errorEdge = e.kind == Kind::Catch;
            e.geometry = computeEdgeGeometry(req);
        }
        edges.append(out);
    }
    return edges;
}

void EdgesModel::rebuild()
{
    if (!m_document)
        return;
    QList<Edge> next = computeEdges(*m_document);
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
