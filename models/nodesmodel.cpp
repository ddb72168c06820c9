#include "nodesmodel.h"

#include "nodegeometry.h"
#include "workflowdocument.h"

#include <algorithm>

namespace Signalbox {

namespace {

const QList<int> &geometryRoles()
{
    static const QList<int> roles{NodesModel::XRole,         NodesModel::YRole,
                                  NodesModel::WidthRole,     NodesModel::HeightRole,
                                  NodesModel::ShapeRole,     NodesModel::LanesRole,
                                  NodesModel::CollapsedRole, NodesModel::CollapsibleRole};
    return roles;
}

} // namespace

NodesModel::NodesModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void NodesModel::setDocument(WorkflowDocument *document)
{
    if (m_document == document)
        return;
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_selected.clear();
    m_problems.clear();
    if (document) {
        connect(document, &WorkflowDocument::aboutToReset, this, [this] { beginResetModel(); });
        connect(document, &WorkflowDocument::reset, this, [this] {
            rebuildAll();
            QSet<QString> kept;
            for (const QString &name : std::as_const(m_selected))
                if (m_index.contains(name))
                    kept.insert(name);
            const bool selectionChanged = kept != m_selected;
            m_selected = kept;
            endResetModel();
            emit boundsChanged();
            if (selectionChanged)
                emit this->selectionChanged();
        });
        // Rows are inserted once the state is there: only then is its content known.
        connect(document, &WorkflowDocument::stateInserted, this, &NodesModel::onInserted);
        connect(document, &WorkflowDocument::stateAboutToBeRemoved, this,
                &NodesModel::onAboutToBeRemoved);
        connect(document, &WorkflowDocument::stateRemoved, this, &NodesModel::onRemoved);
        connect(document, &WorkflowDocument::stateChanged, this, &NodesModel::onChanged);
        connect(document, &WorkflowDocument::positionChanged, this, &NodesModel::onMoved);
        connect(document, &WorkflowDocument::startChanged, this, [this] {
            if (rowCount() > 0)
                emit dataChanged(index(0), index(rowCount() - 1), {IsStartRole});
        });
        connect(document, &WorkflowDocument::diagnosticsUpdated, this,
                &NodesModel::refreshProblems);
    }
    rebuildAll();
    if (document) {
        for (const SceneNode &n : std::as_const(m_rows)) {
            const QString p = document->problemFor(n.name);
            if (!p.isEmpty())
                m_problems.insert(n.name, p);
        }
    }
    endResetModel();
    emit boundsChanged();
}

void NodesModel::setCollapsed(const QSet<QString> &names)
{
    if (names == m_collapsed)
        return;
    beginResetModel();
    m_collapsed = names;
    rebuildAll();
    endResetModel();
    emit boundsChanged();
}

void NodesModel::rebuildAll()
{
    m_rows
        = m_document
              ? SceneLayout(m_document->definition(), m_document->positions(), m_collapsed).nodes()
              : QList<SceneNode>();
    reindex();
}

void NodesModel::reindex()
{
    m_index.clear();
    m_first.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        m_index.insert(m_rows[i].name, i);
        if (m_rows[i].depth == 0)
            m_first.append(i);
    }
}

int NodesModel::firstRow(int topIndex) const
{
    return topIndex < m_first.size() ? m_first[topIndex] : int(m_rows.size());
}

int NodesModel::groupSize(int topIndex) const
{
    return firstRow(topIndex + 1) - firstRow(topIndex);
}

void NodesModel::onInserted(int topIndex)
{
    const State &s = m_document->definition().machine.states[size_t(topIndex)];
    const QList<SceneNode> group = SceneLayout::nodesFor(
        s, topIndex, m_document->position(QString::fromStdString(s.name)), m_collapsed);
    const int row = firstRow(topIndex);
    beginInsertRows({}, row, row + int(group.size()) - 1);
    for (int i = row; i < m_rows.size(); ++i)
        ++m_rows[i].topIndex;
    for (int i = 0; i < group.size(); ++i)
        m_rows.insert(row + i, group[i]);
    reindex();
    endInsertRows();
    emit boundsChanged();
}

void NodesModel::onAboutToBeRemoved(int topIndex)
{
    const int row = firstRow(topIndex);
    const int count = groupSize(topIndex);
    beginRemoveRows({}, row, row + count - 1);
    bool deselected = false;
    for (int i = row; i < row + count; ++i)
        deselected |= m_selected.remove(m_rows[i].name);
    if (deselected)
        QMetaObject::invokeMethod(this, &NodesModel::selectionChanged, Qt::QueuedConnection);
}

void NodesModel::onRemoved(int topIndex)
{
    const int row = firstRow(topIndex);
    const int count = groupSize(topIndex);
    m_rows.remove(row, count);
    for (int i = row; i < m_rows.size(); ++i)
        --m_rows[i].topIndex;
    reindex();
    endRemoveRows();
    emit boundsChanged();
}

void NodesModel::onChanged(int topIndex)
{
    static const QList<int> stateRoles{NameRole,       CommentRole,    SubtitleRole, IsEndRole,
                                       RetryCountRole, CatchCountRole, TimeoutRole,  IsStartRole,
                                       StateTypeRole,  TypeLabelRole};
    const State &s = m_document->definition().machine.states[size_t(topIndex)];
    const QList<SceneNode> group = SceneLayout::nodesFor(
        s, topIndex, m_document->position(QString::fromStdString(s.name)), m_collapsed);
    const int row = firstRow(topIndex);
    const int oldCount = groupSize(topIndex);
    bool sameShape = oldCount == group.size();
    for (int i = 1; sameShape && i < group.size(); ++i)
        sameShape = m_rows[row + i].name == group[i].name;
    if (sameShape) {
        const bool moved
            = m_rows[row].rect != group[0].rect || m_rows[row].expanded != group[0].expanded;
        for (int i = 0; i < group.size(); ++i)
            m_rows[row + i] = group[i];
        if (m_index.value(m_rows[row].name, -1) != row)
            reindex();
        QList<int> roles = stateRoles;
        if (group.size() > 1 || moved)
            roles += geometryRoles();
        emit dataChanged(index(row), index(row + int(group.size()) - 1), roles);
        if (moved)
            emit boundsChanged();
        return;
    }
    // The content of a container changed: replace its nested rows.
    bool deselected = false;
    if (oldCount > 1) {
        beginRemoveRows({}, row + 1, row + oldCount - 1);
        for (int i = row + 1; i < row + oldCount; ++i) {
            const QString &name = m_rows[i].name;
            const bool kept = std::any_of(group.begin(), group.end(),
                                          [&name](const SceneNode &n) { return n.name == name; });
            if (!kept)
                deselected |= m_selected.remove(name);
        }
        m_rows.remove(row + 1, oldCount - 1);
        reindex();
        endRemoveRows();
    }
    m_rows[row] = group[0];
    if (group.size() > 1) {
        beginInsertRows({}, row + 1, row + int(group.size()) - 1);
        for (int i = 1; i < group.size(); ++i)
            m_rows.insert(row + i, group[i]);
        reindex();
        endInsertRows();
    } else {
        reindex();
    }
    emit dataChanged(index(row), index(row), stateRoles + geometryRoles());
    emit boundsChanged();
    if (deselected)
        emit selectionChanged();
}

void NodesModel::onMoved(int topIndex)
{
    const int row = firstRow(topIndex);
    const int count = groupSize(topIndex);
    const State &s = m_document->definition().machine.states[size_t(topIndex)];
    const QList<SceneNode> group = SceneLayout::nodesFor(
        s, topIndex, m_document->position(QString::fromStdString(s.name)), m_collapsed);
    if (group.size() != count) {
        onChanged(topIndex);
        return;
    }
    for (int i = 0; i < count; ++i) {
        m_rows[row + i].rect = group[i].rect;
        m_rows[row + i].lanes = group[i].lanes;
    }
    emit dataChanged(index(row), index(row + count - 1), {XRole, YRole});
    emit boundsChanged();
}

int NodesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_document)
        return 0;
    return int(m_rows.size());
}

const State *NodesModel::stateAt(int row) const
{
    if (!m_document || row < 0 || row >= m_rows.size())
        return nullptr;
    const SceneNode &n = m_rows[row];
    if (n.depth == 0) {
        const auto &states = m_document->definition().machine.states;
        return n.topIndex < int(states.size()) ? &states[size_t(n.topIndex)] : nullptr;
    }
    return n.state;
}

QVariant NodesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SceneNode &n = m_rows[index.row()];
    const State *state = stateAt(index.row());
    if (!state)
        return {};
    const State &s = *state;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return n.name;
    case StateTypeRole:
        return QString::fromLatin1(stateTypeName(s.type));
    case TypeLabelRole:
        return typeLabel(s);
    case XRole:
        return n.rect.x();
    case YRole:
        return n.rect.y();
    case WidthRole:
        return n.rect.width();
    case HeightRole:
        return n.rect.height();
    case ShapeRole:
        if (n.expanded)
            return QStringLiteral("container");
        return nodeShapeName(nodeShape(s.type));
    case CommentRole:
        return QString::fromStdString(s.comment);
    case SubtitleRole:
        return subtitleFor(s);
    case IsStartRole:
        return n.depth == 0 && s.name == m_document->definition().machine.startAt;
    case IsEndRole:
        return s.end;
    case RetryCountRole:
        return int(s.retry.size());
    case CatchCountRole:
        return int(s.catchRules.size());
    case TimeoutRole:
        return s.timeoutSeconds.value_or(0);
    case ProblemRole:
        return m_problems.value(n.name);
    case SelectedRole:
        return m_selected.contains(n.name);
    case DepthRole:
        return n.depth;
    case ParentRole:
        return n.parent;
    case LanesRole: {
        QVariantList lanes;
        for (const ContainerLane &lane : n.lanes)
            lanes.append(QVariantMap{{QStringLiteral("x"), lane.rect.x() - n.rect.x()},
                                     {QStringLiteral("y"), lane.rect.y() - n.rect.y()},
                                     {QStringLiteral("width"), lane.rect.width()},
                                     {QStringLiteral("height"), lane.rect.height()},
                                     {QStringLiteral("title"), lane.title}});
        return lanes;
    }
    case CollapsibleRole:
        return ContainerLayout::hasContent(s);
    case CollapsedRole:
        return ContainerLayout::hasContent(s) && !n.expanded;
    }
    return {};
}

QHash<int, QByteArray> NodesModel::roleNames() const
{
    return {{NameRole, "name"},
            {StateTypeRole, "stateType"},
            {TypeLabelRole, "typeLabel"},
            {XRole, "nodeX"},
            {YRole, "nodeY"},
            {WidthRole, "nodeWidth"},
            {HeightRole, "nodeHeight"},
            {ShapeRole, "shape"},
            {CommentRole, "comment"},
            {SubtitleRole, "subtitle"},
            {IsStartRole, "isStart"},
            {IsEndRole, "isEnd"},
            {RetryCountRole, "retryCount"},
            {CatchCountRole, "catchCount"},
            {TimeoutRole, "timeout"},
            {ProblemRole, "problem"},
            {SelectedRole, "selected"},
            {DepthRole, "depth"},
            {ParentRole, "parentName"},
            {LanesRole, "lanes"},
            {CollapsibleRole, "collapsible"},
            {CollapsedRole, "collapsed"}};
}

int NodesModel::indexOf(const QString &name) const
{
    return m_index.value(name, -1);
}

QString NodesModel::nameAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows[row].name;
}

const SceneNode *NodesModel::sceneNode(const QString &name) const
{
    const int row = indexOf(name);
    return row >= 0 ? &m_rows[row] : nullptr;
}

bool NodesModel::isTopLevel(const QString &name) const
{
    const SceneNode *n = sceneNode(name);
    return n && n->depth == 0;
}

QRectF NodesModel::nodeRect(const QString &name) const
{
    const SceneNode *n = sceneNode(name);
    return n ? n->rect : QRectF();
}

QString NodesModel::nodeAt(qreal x, qreal y) const
{
    // Later rows are drawn on top (nested states after their container).
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (m_rows[row].rect.adjusted(-4, -4, 4, 4).contains(QPointF(x, y)))
            return m_rows[row].name;
    }
    return {};
}

QVariantMap NodesModel::laneAt(qreal x, qreal y) const
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        const SceneNode &n = m_rows[row];
        for (int lane = 0; lane < n.lanes.size(); ++lane)
            if (n.lanes[lane].rect.contains(QPointF(x, y)))
                return {{QStringLiteral("container"), n.name}, {QStringLiteral("lane"), lane}};
    }
    return {};
}

QRectF NodesModel::bounds() const
{
    QRectF r;
    for (const SceneNode &n : m_rows)
        if (n.depth == 0)
            r = r.united(n.rect);
    return r;
}

QStringList NodesModel::selection() const
{
    QStringList names;
    for (const SceneNode &n : m_rows)
        if (m_selected.contains(n.name))
            names.append(n.name);
    return names;
}

void NodesModel::setSelection(const QStringList &names)
{
    QSet<QString> next;
    for (const QString &n : names)
        if (indexOf(n) >= 0)
            next.insert(n);
    if (next == m_selected)
        return;
    const QSet<QString> changed = (next - m_selected) + (m_selected - next);
    m_selected = next;
    for (const QString &n : changed)
        emitRow(indexOf(n), {SelectedRole});
    emit selectionChanged();
}

QString NodesModel::subtitleFor(const State &s)
{
    switch (s.type) {
    case StateType::Task:
        switch (s.run.kind) {
        case Executor::Kind::Command: {
            QStringList argv;
            for (const std::string &a : s.run.argv)
                argv.append(QString::fromStdString(a));
            return argv.join(QLatin1Char(' '));
        }
        case Executor::Kind::Shell:
            return QString::fromStdString(s.run.shell).section(QLatin1Char('\n'), 0, 0);
        case Executor::Kind::Http:
            return QString::fromStdString(s.run.http.method + " " + s.run.http.url);
        case Executor::Kind::None:
            break;
        }
        return tr("Activity");
    case StateType::Choice:
        return tr("%n rule(s)", nullptr, int(s.choices.size()))
               + (s.defaultNext.empty() ? QString() : tr(" + default"));
    case StateType::Wait:
        if (s.seconds)
            return tr("%1 s").arg(*s.seconds);
        if (!s.timestamp.empty())
            return QString::fromStdString(s.timestamp);
        return QString::fromStdString(s.secondsPath.empty() ? s.timestampPath : s.secondsPath);
    case StateType::WaitForEvent:
        return s.eventKind == "event"
                   ? tr("Event: %1").arg(QString::fromStdString(s.effectiveEvent()))
                   : tr("Human approval");
    case StateType::Parallel:
        return tr("%n branch(es)", nullptr, int(s.branches.size()));
    case StateType::Map:
        return s.processor ? tr("Each item: %n state(s)", nullptr, int(s.processor->states.size()))
                           : tr("Each item");
    case StateType::Pass:
        return tr("Pass data");
    case StateType::Succeed:
        return {};
    case StateType::Fail:
        return QString::fromStdString(s.error);
    }
    return {};
}

void NodesModel::emitRow(int row, const QList<int> &roles)
{
    if (row < 0 || row >= rowCount())
        return;
    emit dataChanged(index(row), index(row), roles);
}

void NodesModel::refreshProblems()
{
    QHash<QString, QString> next;
    for (const SceneNode &n : std::as_const(m_rows)) {
        const QString p = m_document->problemFor(n.name);
        if (!p.isEmpty())
            next.insert(n.name, p);
    }
    if (next == m_problems)
        return;
    QSet<QString> names;
    for (auto it = next.begin(); it != next.end(); ++it)
        if (m_problems.value(it.key()) != it.value())
            names.insert(it.key());
    for (auto it = m_problems.begin(); it != m_problems.end(); ++it)
        if (!next.contains(it.key()))
            names.insert(it.key());
    m_problems = next;
    for (const QString &n : std::as_const(names))
        emitRow(indexOf(n), {ProblemRole});
}

} // namespace Signalbox
