#include "nodesmodel.h"

#include "nodegeometry.h"
#include "workflowdocument.h"

namespace Signalbox {

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
            QSet<QString> kept;
            for (const QString &name : std::as_const(m_selected))
                if (m_document->indexOf(name) >= 0)
                    kept.insert(name);
            const bool selectionChanged = kept != m_selected;
            m_selected = kept;
            endResetModel();
            emit boundsChanged();
            if (selectionChanged)
                emit this->selectionChanged();
        });
        connect(document, &WorkflowDocument::stateAboutToBeInserted, this,
                [this](int row) { beginInsertRows({}, row, row); });
        connect(document, &WorkflowDocument::stateInserted, this, [this] {
            endInsertRows();
            emit boundsChanged();
        });
        connect(document, &WorkflowDocument::stateAboutToBeRemoved, this, [this](int row) {
            beginRemoveRows({}, row, row);
            if (m_selected.remove(nameAt(row)))
                QMetaObject::invokeMethod(this, &NodesModel::selectionChanged,
                                          Qt::QueuedConnection);
        });
        connect(document, &WorkflowDocument::stateRemoved, this, [this] {
            endRemoveRows();
            emit boundsChanged();
        });
        connect(document, &WorkflowDocument::stateChanged, this, [this](int row) {
            emitRow(row, {NameRole, CommentRole, SubtitleRole, IsEndRole, RetryCountRole,
                          CatchCountRole, TimeoutRole, IsStartRole});
        });
        connect(document, &WorkflowDocument::positionChanged, this, [this](int row) {
            emitRow(row, {XRole, YRole});
            emit boundsChanged();
        });
        connect(document, &WorkflowDocument::startChanged, this, [this] {
            if (rowCount() > 0)
                emit dataChanged(index(0), index(rowCount() - 1), {IsStartRole});
        });
        connect(document, &WorkflowDocument::diagnosticsUpdated, this,
                &NodesModel::refreshProblems);
        for (const State &s : document->definition().machine.states) {
            const QString name = QString::fromStdString(s.name);
            const QString p = document->problemFor(name);
            if (!p.isEmpty())
                m_problems.insert(name, p);
        }
    }
    endResetModel();
    emit boundsChanged();
}

int NodesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_document)
        return 0;
    return m_document->stateCount();
}

QVariant NodesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const State &s = m_document->definition().machine.states[index.row()];
    const QString name = QString::fromStdString(s.name);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return name;
    case StateTypeRole:
        return QString::fromLatin1(stateTypeName(s.type));
    case TypeLabelRole:
        if (s.type == StateType::WaitForEvent)
            return s.eventKind == "event" ? tr("Event") : tr("Approval");
        return stateTypeLabel(s.type);
    case XRole:
        return m_document->position(name).x();
    case YRole:
        return m_document->position(name).y();
    case WidthRole:
        return nodeSize(s.type).width();
    case HeightRole:
        return nodeSize(s.type).height();
    case ShapeRole:
        switch (nodeShape(s.type)) {
        case NodeShape::Diamond:
            return QStringLiteral("diamond");
        case NodeShape::Terminal:
            return QStringLiteral("terminal");
        case NodeShape::Box:
            break;
        }
        return QStringLiteral("box");
    case CommentRole:
        return QString::fromStdString(s.comment);
    case SubtitleRole:
        return subtitleFor(s);
    case IsStartRole:
        return s.name == m_document->definition().machine.startAt;
    case IsEndRole:
        return s.end;
    case RetryCountRole:
        return int(s.retry.size());
    case CatchCountRole:
        return int(s.catchRules.size());
    case TimeoutRole:
        return s.timeoutSeconds.value_or(0);
    case ProblemRole:
        return m_problems.value(name);
    case SelectedRole:
        return m_selected.contains(name);
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
            {SelectedRole, "selected"}};
}

int NodesModel::indexOf(const QString &name) const
{
    return m_document ? m_document->indexOf(name) : -1;
}

QString NodesModel::nameAt(int row) const
{
    if (!m_document || row < 0 || row >= m_document->stateCount())
        return {};
    return QString::fromStdString(m_document->definition().machine.states[row].name);
}

QRectF NodesModel::nodeRect(const QString &name) const
{
    const State *s = m_document ? m_document->state(name) : nullptr;
    if (!s)
        return {};
    return QRectF(m_document->position(name), nodeSize(s->type));
}

QString NodesModel::nodeAt(qreal x, qreal y) const
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        const QString name = nameAt(row);
        if (nodeRect(name).adjusted(-4, -4, 4, 4).contains(QPointF(x, y)))
            return name;
    }
    return {};
}

QRectF NodesModel::bounds() const
{
    QRectF r;
    for (int row = 0; row < rowCount(); ++row)
        r = r.united(nodeRect(nameAt(row)));
    return r;
}

QStringList NodesModel::selection() const
{
    QStringList names;
    for (int row = 0; row < rowCount(); ++row)
        if (m_selected.contains(nameAt(row)))
            names.append(nameAt(row));
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
    for (const State &s : m_document->definition().machine.states) {
        const QString name = QString::fromStdString(s.name);
        const QString p = m_document->problemFor(name);
        if (!p.isEmpty())
            next.insert(name, p);
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
