#include "executionsmodel.h"

#include "enginebridge.h"

#include <QSet>

namespace Signalbox {

namespace {

QString positionsText(const Json &positions)
{
    QStringList out;
    for (const Json &p : positions.is_array() ? positions : Json::array()) {
        if (p.is_string())
            out.append(QString::fromStdString(p.get<std::string>()));
        else if (p.is_object() && p.contains("state"))
            out.append(QString::fromStdString(p.value("state", "")));
        else
            out.append(QString::fromStdString(p.dump()));
    }
    return out.join(QLatin1String(", "));
}

// The list keeps what it shows, not the cached runtime state or payloads.
ExecutionRecord slim(ExecutionRecord rec)
{
    rec.cache = nullptr;
    rec.input = nullptr;
    rec.output = nullptr;
    return rec;
}

} // namespace

ExecutionsModel::ExecutionsModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(150);
    connect(&m_reloadTimer, &QTimer::timeout, this, &ExecutionsModel::reload);
}

ExecutionsModel::~ExecutionsModel() = default;

void ExecutionsModel::setBridge(EngineBridge *bridge)
{
    if (!EngineBridge::rebind(this, m_bridge, m_store, bridge, [this] { reload(); }))
        return;
    if (m_bridge)
        connect(m_bridge, &EngineBridge::executionsUpdated, this, &ExecutionsModel::refresh);
    emit bridgeChanged();
    reload();
}

void ExecutionsModel::setStatusFilter(const QString &status)
{
    if (m_statusFilter == status)
        return;
    m_statusFilter = status;
    emit filterChanged();
    reload();
}

void ExecutionsModel::setWorkflowFilter(const QString &workflow)
{
    if (m_workflowFilter == workflow)
        return;
    m_workflowFilter = workflow;
    emit filterChanged();
    reload();
}

void ExecutionsModel::setSearchText(const QString &text)
{
    if (m_search == text)
        return;
    m_search = text;
    emit filterChanged();
    m_reloadTimer.start();
}

bool ExecutionsModel::ensureStore()
{
    if (!m_store && m_bridge)
        m_store = m_bridge->openReader("ExecutionsModel");
    return bool(m_store);
}

ExecutionFilter ExecutionsModel::filter() const
{
    ExecutionFilter f;
    if (!m_statusFilter.isEmpty())
        f.status = executionStatusFromName(m_statusFilter.toStdString());
    f.workflow = m_workflowFilter.toStdString();
    f.search = m_search.trimmed().toStdString();
    f.limit = m_pageSize;
    return f;
}

bool ExecutionsModel::matches(const ExecutionRecord &rec) const
{
    if (!m_statusFilter.isEmpty()
        && m_statusFilter != QLatin1String(executionStatusName(rec.status)))
        return false;
    if (!m_workflowFilter.isEmpty() && m_workflowFilter.toStdString() != rec.workflow)
        return false;
    const QString search = m_search.trimmed();
    if (search.isEmpty())
        return true;
    auto has = [&search](const std::string &s) {
        return QString::fromStdString(s).contains(search, Qt::CaseInsensitive);
    };
    return has(rec.id) || has(rec.name) || has(rec.workflow) || has(rec.input.dump());
}

void ExecutionsModel::reload()
{
    m_reloadTimer.stop();
    const int before = int(m_rows.size());
    const int totalBefore = m_total;
    // QAbstractItemModelTester (and views) may call fetchMore() from the modelReset signal; the
    // first page is already there, so that call must not fetch a second one.
    m_resetting = true;
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_total = 0;
    if (ensureStore()) {
        const ExecutionFilter f = filter();
        m_total = m_store->countExecutions(f);
        for (ExecutionRecord &rec : m_store->listExecutions(f)) {
            m_index.insert(QString::fromStdString(rec.id), int(m_rows.size()));
            m_rows.append(slim(std::move(rec)));
        }
    }
    endResetModel();
    m_resetting = false;
    if (before != m_rows.size() || totalBefore != m_total)
        emit countChanged();
    refreshWorkflows();
}

bool ExecutionsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_resetting && m_store && m_rows.size() < m_total;
}

void ExecutionsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    ExecutionFilter f = filter();
    f.offset = int(m_rows.size());
    std::vector<ExecutionRecord> page = m_store->listExecutions(f);
    // Rows inserted at the top since the first page shift the offsets: skip ids already shown.
    std::erase_if(page, [this](const ExecutionRecord &r) {
        return m_index.contains(QString::fromStdString(r.id));
    });
    if (page.empty()) {
        m_total = int(m_rows.size());
        emit countChanged();
        return;
    }
    const int first = int(m_rows.size());
    m_resetting = true; // no nested fetchMore() from rowsInserted handlers
    beginInsertRows({}, first, first + int(page.size()) - 1);
    for (ExecutionRecord &rec : page) {
        m_index.insert(QString::fromStdString(rec.id), int(m_rows.size()));
        m_rows.append(slim(std::move(rec)));
    }
    endInsertRows();
    m_resetting = false;
    emit countChanged();
    refreshWorkflows();
}

void ExecutionsModel::refresh(const QStringList &executionIds)
{
    if (!ensureStore()) {
        reload();
        return;
    }
    auto newer = [](const ExecutionRecord &a, const ExecutionRecord &b) {
        return a.startedAtMs != b.startedAtMs ? a.startedAtMs > b.startedAtMs : a.id > b.id;
    };
    QStringList unknown;
    for (const QString &id : executionIds) {
        const auto it = m_index.constFind(id);
        if (it == m_index.cend()) {
            unknown.append(id);
            continue;
        }
        std::optional<ExecutionRecord> rec = m_store->execution(id.toStdString());
        if (!rec)
            continue;
        const int row = *it;
        if (matches(*rec)) {
            m_rows[row] = slim(std::move(*rec));
            emit dataChanged(index(row), index(row));
            continue;
        }
        // No longer matches the status filter: it leaves the list.
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        rebuildIndex();
        endRemoveRows();
        m_total = qMax(int(m_rows.size()), m_total - 1);
        emit countChanged();
    }
    if (unknown.isEmpty())
        return;
    // Executions not shown yet: new ones (they go on top) or older ones that now match the
    // filter. A burst of new executions is read with one query for the newest, not one each.
    QList<ExecutionRecord> fresh;
    if (unknown.size() > 20) {
        const QSet<QString> wanted(unknown.begin(), unknown.end());
        ExecutionFilter f = filter();
        f.limit = int(unknown.size()) + 50;
        for (ExecutionRecord &rec : m_store->listExecutions(f)) {
            if (wanted.contains(QString::fromStdString(rec.id)))
                fresh.append(slim(std::move(rec)));
        }
    } else {
        for (const QString &id : std::as_const(unknown)) {
            std::optional<ExecutionRecord> rec = m_store->execution(id.toStdString());
            if (rec && matches(*rec))
                fresh.append(slim(std::move(*rec)));
        }
    }
    if (fresh.isEmpty())
        return;
    std::sort(fresh.begin(), fresh.end(), newer);
    const bool allLoaded = m_rows.size() >= m_total;
    int inserted = 0;
    m_resetting = true; // no fetchMore() from rowsInserted handlers while counts are in flux
    for (ExecutionRecord &rec : fresh) {
        // Its place in the newest-first order; beyond the loaded rows it waits for fetchMore().
        const auto pos = std::lower_bound(m_rows.cbegin(), m_rows.cend(), rec, newer);
        const int row = int(pos - m_rows.cbegin());
        ++m_total;
        if (row == m_rows.size() && !allLoaded)
            continue;
        beginInsertRows({}, row, row);
        m_rows.insert(row, std::move(rec));
        rebuildIndex();
        endInsertRows();
        ++inserted;
    }
    m_resetting = false;
    emit countChanged();
    if (inserted > 0)
        refreshWorkflows();
}

void ExecutionsModel::rebuildIndex()
{
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(QString::fromStdString(m_rows.at(i).id), i);
}

void ExecutionsModel::refreshWorkflows()
{
    QStringList names = m_workflows;
    for (const ExecutionRecord &rec : std::as_const(m_rows)) {
        const QString w = QString::fromStdString(rec.workflow);
        if (!names.contains(w))
            names.append(w);
    }
    names.sort();
    if (names != m_workflows) {
        m_workflows = names;
        emit workflowsChanged();
    }
}

int ExecutionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ExecutionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExecutionRecord &rec = m_rows.at(index.row());
    const qint64 end = rec.endedAtMs > 0 ? rec.endedAtMs : QDateTime::currentMSecsSinceEpoch();
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
        return QString::fromStdString(rec.id);
    case NameRole:
        return QString::fromStdString(rec.name);
    case WorkflowRole:
        return QString::fromStdString(rec.workflow);
    case StatusRole:
        return QString::fromLatin1(executionStatusName(rec.status));
    case StartedRole:
        return QDateTime::fromMSecsSinceEpoch(rec.startedAtMs, Qt::UTC);
    case EndedRole:
        return rec.endedAtMs > 0 ? QDateTime::fromMSecsSinceEpoch(rec.endedAtMs, Qt::UTC)
                                 : QDateTime();
    case DurationRole:
        return qMax<qint64>(0, end - rec.startedAtMs);
    case DurationTextRole:
        return formatDuration(qMax<qint64>(0, end - rec.startedAtMs));
    case PositionsRole:
        return positionsText(rec.positions);
    case ErrorRole:
        if (rec.error.empty())
            return QString();
        return rec.cause.empty() ? QString::fromStdString(rec.error)
                                 : QString::fromStdString(rec.error + ": " + rec.cause);
    case SimulatedRole:
        return rec.simulated;
    }
    return {};
}

QHash<int, QByteArray> ExecutionsModel::roleNames() const
{
    return {{IdRole, "executionId"},      {NameRole, "name"},
            {WorkflowRole, "workflow"},   {StatusRole, "status"},
            {StartedRole, "started"},     {EndedRole, "ended"},
            {DurationRole, "duration"},   {DurationTextRole, "durationText"},
            {PositionsRole, "positions"}, {ErrorRole, "error"},
            {SimulatedRole, "simulated"}};
}

int ExecutionsModel::indexOf(const QString &executionId) const
{
    return m_index.value(executionId, -1);
}

QString ExecutionsModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? QString::fromStdString(m_rows.at(row).id) : QString();
}

QString ExecutionsModel::formatDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

} // namespace Signalbox
