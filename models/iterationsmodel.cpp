#include "iterationsmodel.h"

#include "enginebridge.h" // historymodel.h needs the complete type
#include "executionsmodel.h"
#include "historymodel.h"

namespace Signalbox {

IterationsModel::IterationsModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_instance(QStringLiteral("\n"))
{}

void IterationsModel::setHistory(HistoryModel *history)
{
    if (m_history == history)
        return;
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (m_history) {
        connect(m_history, &HistoryModel::statesChanged, this, &IterationsModel::sync);
        connect(m_history, &QAbstractItemModel::modelReset, this, &IterationsModel::reset);
        connect(m_history, &HistoryModel::iterationSelectionChanged, this,
                &IterationsModel::selectionChanged);
        connect(m_history, &QObject::destroyed, this, &IterationsModel::reset);
    }
    emit historyChanged();
    reset();
}

void IterationsModel::setContainer(const QString &container)
{
    if (m_container == container)
        return;
    m_container = container;
    emit containerChanged();
    reset();
}

void IterationsModel::reset()
{
    const int before = int(m_rows.size());
    beginResetModel();
    m_rows.clear();
    m_instance = QStringLiteral("\n");
    endResetModel();
    if (before != 0)
        emit countChanged();
    sync();
    emit selectionChanged();
}

void IterationsModel::sync()
{
    QString blocked;
    const RunFrames::Instance *inst = m_history && !m_container.isEmpty()
                                          ? m_history->frames().instance(m_container, &blocked)
                                          : nullptr;
    const QString key = inst ? inst->parentFrame : QStringLiteral("\n");
    const QList<RunFrames::Iteration> fresh = inst ? inst->items : QList<RunFrames::Iteration>();
    const int before = int(m_rows.size());
    const QString selectedBefore = selectedStatus();
    if (key != m_instance || fresh.size() < before) {
        // Another outer iteration (or execution): a different list.
        beginResetModel();
        m_rows = fresh;
        m_instance = key;
        endResetModel();
    } else {
        int first = -1;
        int last = -1;
        for (int i = 0; i < before; ++i) {
            if (m_rows.at(i) == fresh.at(i))
                continue;
            m_rows[i] = fresh.at(i);
            if (first < 0)
                first = i;
            last = i;
        }
        if (first >= 0)
            emit dataChanged(index(first), index(last));
        if (fresh.size() > before) {
            beginInsertRows({}, before, int(fresh.size()) - 1);
            m_rows.append(fresh.mid(before));
            endInsertRows();
        }
    }
    if (before != m_rows.size())
        emit countChanged();

    int failed = 0, running = 0, succeeded = 0, firstFailed = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        const QString &s = m_rows.at(i).status;
        if (s == QLatin1String("failed")) {
            ++failed;
            if (firstFailed < 0)
                firstFailed = i;
        } else if (s == QLatin1String("running")) {
            ++running;
        } else if (s == QLatin1String("succeeded")) {
            ++succeeded;
        }
    }
    if (failed != m_failed || running != m_running || succeeded != m_succeeded
        || firstFailed != m_firstFailed || blocked != m_blockedBy) {
        m_failed = failed;
        m_running = running;
        m_succeeded = succeeded;
        m_firstFailed = firstFailed;
        m_blockedBy = blocked;
        emit summaryChanged();
    }
    if (selectedStatus() != selectedBefore)
        emit selectionChanged();
}

int IterationsModel::selectedIndex() const
{
    return m_history ? m_history->selectedIteration(m_container) : -1;
}

QString IterationsModel::selectedStatus() const
{
    const int i = selectedIndex();
    return i >= 0 && i < m_rows.size() ? m_rows.at(i).status : QString();
}

int IterationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant IterationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunFrames::Iteration &it = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case IterationIndexRole:
        return index.row();
    case StatusRole:
        return it.status;
    case ItemRole:
        return it.item;
    case FirstStateRole:
        return it.firstState;
    case ErrorRole:
        return it.error;
    case FrameRole: {
        const QString prefix = m_instance.isEmpty() ? m_container
                                                    : m_instance + QLatin1Char('/') + m_container;
        return QStringLiteral("%1[%2]").arg(prefix).arg(index.row());
    }
    case DurationRole:
        return it.startedMs > 0 && it.endedMs >= it.startedMs
                   ? ExecutionsModel::formatDuration(it.endedMs - it.startedMs)
                   : QString();
    }
    return {};
}

QHash<int, QByteArray> IterationsModel::roleNames() const
{
    return {{IterationIndexRole, "iterationIndex"},
            {StatusRole, "status"},
            {ItemRole, "item"},
            {FirstStateRole, "firstState"},
            {ErrorRole, "error"},
            {FrameRole, "frame"},
            {DurationRole, "duration"}};
}

void IterationsModel::select(int index)
{
    if (m_history)
        m_history->selectIteration(m_container, index < m_rows.size() ? index : -1);
}

void IterationsModel::selectNext()
{
    const int n = int(m_rows.size());
    if (n > 0)
        select(selectedIndex() < 0 ? 0 : (selectedIndex() + 1) % n);
}

void IterationsModel::selectPrevious()
{
    const int n = int(m_rows.size());
    if (n > 0)
        select(selectedIndex() < 0 ? n - 1 : (selectedIndex() - 1 + n) % n);
}

void IterationsModel::selectNextFailed()
{
    const int n = int(m_rows.size());
    const int from = selectedIndex();
    for (int step = 1; step <= n; ++step) {
        const int i = ((from < 0 ? -1 : from) + step + n) % n;
        if (m_rows.at(i).status == QLatin1String("failed")) {
            select(i);
            return;
        }
    }
}

} // namespace Signalbox
