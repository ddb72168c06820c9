#include "timelinemodel.h"

#include "enginebridge.h"
#include "historymodel.h"

#include <algorithm>

namespace Signalbox {

namespace {

QString str(const Json &data, const char *key)
{
    const auto it = data.find(key);
    if (it == data.end() || it->is_null())
        return {};
    return QString::fromStdString(it->is_string() ? it->get<std::string>() : it->dump());
}

QString laneKey(const QString &frame, const QString &state)
{
    return frame + QLatin1Char('/') + state;
}

} // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractListModel(parent)
{}

TimelineModel::~TimelineModel() = default;

void TimelineModel::setHistory(HistoryModel *history)
{
    if (m_history == history)
        return;
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (m_history) {
        connect(m_history, &QAbstractItemModel::modelReset, this,
                [this] { setEvents(m_history->events()); });
        connect(m_history, &QAbstractItemModel::rowsInserted, this, [this] {
            const std::vector<HistoryEvent> &all = m_history->events();
            if (m_consumed > all.size()) {
                setEvents(all);
                return;
            }
            appendEvents(std::vector<HistoryEvent>(all.begin() + qsizetype(m_consumed), all.end()));
        });
    }
    emit historyChanged();
    setEvents(m_history ? m_history->events() : std::vector<HistoryEvent>());
}

void TimelineModel::setFilter(const QString &filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter;
    emit filterChanged();
    const std::vector<int> before = m_shown;
    updateShownLanes();
    if (before == m_shown)
        return;
    for (int row = 0; row < m_announced; ++row) {
        const int lane = m_bars[std::size_t(row)].lane;
        if (before[std::size_t(lane)] != m_shown[std::size_t(lane)])
            emit dataChanged(index(row), index(row), {ShownLaneRole});
    }
    emit lanesChanged();
}

QStringList TimelineModel::shownLanes() const
{
    QStringList out;
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        if (i < m_shown.size() && m_shown[i] >= 0)
            out.append(m_lanes[i].frame.isEmpty()
                           ? m_lanes[i].state
                           : m_lanes[i].frame + QLatin1Char('/') + m_lanes[i].state);
    }
    return out;
}

QStringList TimelineModel::shownLaneStates() const
{
    QStringList out;
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        if (i < m_shown.size() && m_shown[i] >= 0)
            out.append(m_lanes[i].state);
    }
    return out;
}

void TimelineModel::clear()
{
    m_bars.clear();
    m_lanes.clear();
    m_laneIndex.clear();
    m_shown.clear();
    m_openCount = 0;
    m_startMs = 0;
    m_endMs = 0;
    m_consumed = 0;
    m_announced = 0;
    m_changed.clear();
}

void TimelineModel::setEvents(const std::vector<HistoryEvent> &events)
{
    const int before = m_announced;
    const QStringList lanesBefore = shownLanes();
    beginResetModel();
    clear();
    for (const HistoryEvent &e : events)
        process(e);
    m_consumed = events.size();
    m_announced = int(m_bars.size());
    m_changed.clear();
    updateShownLanes();
    endResetModel();
    emit rangeChanged();
    if (shownLanes() != lanesBefore)
        emit lanesChanged();
    if (before != m_announced)
        emit countChanged();
}

void TimelineModel::appendEvents(const std::vector<HistoryEvent> &events)
{
    if (events.empty())
        return;
    const qint64 startBefore = m_startMs;
    const qint64 endBefore = m_endMs;
    const bool liveBefore = isLive();
    const QStringList lanesBefore = shownLanes();
    const std::vector<int> shownBefore = m_shown;
    m_changed.clear();
    for (const HistoryEvent &e : events)
        process(e);
    m_consumed += events.size();
    updateShownLanes();
    for (int row = 0; row < m_announced; ++row) {
        const std::size_t lane = std::size_t(m_bars[std::size_t(row)].lane);
        if (lane < shownBefore.size() && shownBefore[lane] != m_shown[lane])
            m_changed.push_back(row);
    }
    const int total = int(m_bars.size());
    const bool inserted = total > m_announced;
    if (inserted) {
        beginInsertRows({}, m_announced, total - 1);
        m_announced = total;
        endInsertRows();
    }
    std::sort(m_changed.begin(), m_changed.end());
    m_changed.erase(std::unique(m_changed.begin(), m_changed.end()), m_changed.end());
    const std::vector<int> changed = std::move(m_changed);
    m_changed.clear();
    for (int row : changed)
        emit dataChanged(index(row), index(row));
    if (m_startMs != startBefore || m_endMs != endBefore || isLive() != liveBefore)
        emit rangeChanged();
    if (shownLanes() != lanesBefore)
        emit lanesChanged();
    if (inserted)
        emit countChanged();
}

TimelineModel::Bar &TimelineModel::edit(int row)
{
    if (row < m_announced)
        m_changed.push_back(row);
    return m_bars[std::size_t(row)];
}

int TimelineModel::addBar(Bar bar)
{
    if (bar.open)
        ++m_openCount;
    m_bars.push_back(std::move(bar));
    return int(m_bars.size()) - 1;
}

void TimelineModel::close(int row, qint64 atMs, const QString &status, const QString &label)
{
    if (row < 0 || !m_bars[std::size_t(row)].open)
        return;
    Bar &b = edit(row);
    b.open = false;
    b.endMs = atMs;
    b.status = status;
    if (!label.isEmpty())
        b.label = label;
    --m_openCount;
}

void TimelineModel::closeAll(qint64 atMs, const QString &status)
{
    for (Lane &lane : m_lanes) {
        close(lane.openAttempt, atMs, status);
        close(lane.openBackoff, atMs, status);
        close(lane.openVisit, atMs, status);
        lane.openAttempt = lane.openBackoff = lane.openVisit = -1;
    }
}

int TimelineModel::laneFor(const QString &frame, const QString &state)
{
    const QString key = laneKey(frame, state);
    const auto it = m_laneIndex.constFind(key);
    if (it != m_laneIndex.constEnd())
        return *it;
    m_lanes.push_back({frame, state});
    const int lane = int(m_lanes.size()) - 1;
    m_laneIndex.insert(key, lane);
    return lane;
}

void TimelineModel::setVisit(int lane, const QString &kind, const QString &status)
{
    const int row = m_lanes[std::size_t(lane)].openVisit;
    if (row < 0)
        return;
    const Bar &b = m_bars[std::size_t(row)];
    if ((kind.isEmpty() || b.kind == kind) && b.status == status)
        return;
    Bar &e = edit(row);
    if (!kind.isEmpty())
        e.kind = kind;
    e.status = status;
}

void TimelineModel::process(const HistoryEvent &e)
{
    if (m_startMs == 0 || e.atMs < m_startMs)
        m_startMs = e.atMs;
    m_endMs = std::max(m_endMs, e.atMs);
    const Json &d = e.data;

    switch (e.type) {
    case EventType::ExecutionSucceeded:
        closeAll(e.atMs, QStringLiteral("succeeded"));
        return;
    case EventType::ExecutionFailed:
    case EventType::ExecutionTimedOut:
        closeAll(e.atMs, QStringLiteral("failed"));
        return;
    case EventType::ExecutionCancelled:
        closeAll(e.atMs, QStringLiteral("cancelled"));
        return;
    default:
        break;
    }
    if (e.state.empty())
        return;

    const QString state = QString::fromStdString(e.state);
    const QString frame = QString::fromStdString(e.frame);
    const int laneIndex = laneFor(frame, state);
    auto lane = [this, laneIndex]() -> Lane & {
        return m_lanes[std::size_t(laneIndex)];
    };

    switch (e.type) {
    case EventType::StateEntered: {
        close(lane().openAttempt, e.atMs, QStringLiteral("cancelled"));
        close(lane().openBackoff, e.atMs, QStringLiteral("cancelled"));
        close(lane().openVisit, e.atMs, QStringLiteral("cancelled"));
        Bar b;
        b.state = state;
        b.frame = frame;
        b.lane = laneIndex;
        b.bar = QStringLiteral("visit");
        b.kind = QStringLiteral("step");
        b.status = QStringLiteral("running");
        b.visit = ++lane().visits;
        b.startMs = e.atMs;
        b.label = tr("visit %1").arg(b.visit);
        const int row = addBar(std::move(b));
        lane().openVisit = row;
        lane().openAttempt = lane().openBackoff = -1;
        break;
    }
    case EventType::BranchStarted:
        setVisit(laneIndex, QStringLiteral("branches"), QStringLiteral("running"));
        break;
    case EventType::TaskScheduled: {
        const bool activity = d.value("activity", false);
        close(lane().openBackoff, e.atMs, QStringLiteral("retrying"));
        lane().openBackoff = -1;
        close(lane().openAttempt, e.atMs, QStringLiteral("cancelled"));
        setVisit(laneIndex, activity ? QStringLiteral("activity") : QStringLiteral("task"),
                 activity ? QStringLiteral("waiting") : QStringLiteral("running"));
        Bar b;
        b.state = state;
        b.frame = frame;
        b.lane = laneIndex;
        b.bar = QStringLiteral("attempt");
        b.kind = activity ? QStringLiteral("activity") : QStringLiteral("task");
        b.status = activity ? QStringLiteral("waiting") : QStringLiteral("running");
        b.attempt = d.value("attempt", 1);
        b.visit = lane().visits;
        b.startMs = e.atMs;
        b.label = activity ? tr("waits for a worker or a person") : tr("attempt %1").arg(b.attempt);
        lane().openAttempt = addBar(std::move(b));
        break;
    }
    case EventType::TaskSucceeded:
        close(lane().openAttempt, e.atMs, QStringLiteral("succeeded"),
              tr("attempt %1 succeeded").arg(str(d, "attempt")));
        lane().openAttempt = -1;
        break;
    case EventType::TaskFailed:
    case EventType::TaskTimedOut:
        close(lane().openAttempt, e.atMs, QStringLiteral("failed"),
              tr("attempt %1 failed: %2 %3")
                  .arg(str(d, "attempt"), str(d, "error"), str(d, "cause"))
                  .trimmed());
        lane().openAttempt = -1;
        break;
    case EventType::ActivityCompleted: {
        const bool failed = d.contains("error");
        close(lane().openAttempt, e.atMs,
              failed ? QStringLiteral("failed") : QStringLiteral("succeeded"),
              failed ? QStringLiteral("%1: %2").arg(str(d, "error"), str(d, "cause"))
                     : tr("completed by %1").arg(str(d, "by")));
        lane().openAttempt = -1;
        setVisit(laneIndex, {}, QStringLiteral("running"));
        break;
    }
    case EventType::RetryScheduled: {
        close(lane().openAttempt, e.atMs, QStringLiteral("failed"));
        lane().openAttempt = -1;
        setVisit(laneIndex, {}, QStringLiteral("retrying"));
        Bar b;
        b.state = state;
        b.frame = frame;
        b.lane = laneIndex;
        b.bar = QStringLiteral("backoff");
        b.kind = QStringLiteral("backoff");
        b.status = QStringLiteral("retrying");
        b.attempt = d.value("attempt", 0);
        b.visit = lane().visits;
        b.startMs = e.atMs;
        b.dueMs = d.value("due_at_ms", qint64(0));
        b.label
            = tr("waits %1 s before attempt %2").arg(str(d, "delay_seconds"), str(d, "attempt"));
        lane().openBackoff = addBar(std::move(b));
        break;
    }
    case EventType::WaitStarted:
        setVisit(laneIndex, QStringLiteral("wait"), QStringLiteral("waiting"));
        break;
    case EventType::EventAwaited:
        setVisit(laneIndex,
                 d.value("kind", std::string()) == "approval" ? QStringLiteral("approval")
                                                              : QStringLiteral("event"),
                 QStringLiteral("waiting"));
        break;
    case EventType::WaitFired:
    case EventType::EventReceived:
    case EventType::ApprovalGranted:
    case EventType::ApprovalRejected:
        setVisit(laneIndex, {}, QStringLiteral("running"));
        break;
    case EventType::StateExited:
    case EventType::StateFailed: {
        const QString status = e.type == EventType::StateExited ? QStringLiteral("succeeded")
                                                                : QStringLiteral("failed");
        close(lane().openAttempt, e.atMs, status);
        close(lane().openBackoff, e.atMs, status);
        close(lane().openVisit, e.atMs, status,
              e.type == EventType::StateFailed
                  ? QStringLiteral("%1: %2").arg(str(d, "error"), str(d, "cause"))
                  : QString());
        lane().openAttempt = lane().openBackoff = lane().openVisit = -1;
        break;
    }
    default:
        break;
    }
}

bool TimelineModel::laneShown(int laneIndex) const
{
    if (m_filter.isEmpty())
        return true;
    const Lane &lane = m_lanes[std::size_t(laneIndex)];
    if (lane.state.contains(m_filter, Qt::CaseInsensitive)
        || lane.frame.contains(m_filter, Qt::CaseInsensitive))
        return true;
    for (const Bar &b : m_bars) {
        if (b.lane == laneIndex
            && (b.kind.contains(m_filter, Qt::CaseInsensitive)
                || b.status.contains(m_filter, Qt::CaseInsensitive)))
            return true;
    }
    return false;
}

void TimelineModel::updateShownLanes()
{
    m_shown.assign(m_lanes.size(), -1);
    int next = 0;
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        if (laneShown(int(i)))
            m_shown[i] = next++;
    }
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_announced;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bar &b = m_bars.at(std::size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case StateRole:
        return b.state;
    case FrameRole:
        return b.frame;
    case LaneRole:
        return b.lane;
    case ShownLaneRole:
        return std::size_t(b.lane) < m_shown.size() ? m_shown[std::size_t(b.lane)] : -1;
    case BarRole:
        return b.bar;
    case KindRole:
        return b.kind;
    case StatusRole:
        return b.status;
    case AttemptRole:
        return b.attempt;
    case VisitRole:
        return b.visit;
    case StartRole:
        return double(b.startMs);
    case EndRole:
        return double(b.endMs);
    case OpenRole:
        return b.open;
    case DueRole:
        return double(b.dueMs);
    case LabelRole:
        return b.label;
    }
    return {};
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    return {{StateRole, "state"},         {FrameRole, "frame"},     {LaneRole, "lane"},
            {ShownLaneRole, "shownLane"}, {BarRole, "bar"},         {KindRole, "kind"},
            {StatusRole, "status"},       {AttemptRole, "attempt"}, {VisitRole, "visit"},
            {StartRole, "startMs"},       {EndRole, "endMs"},       {OpenRole, "open"},
            {DueRole, "dueMs"},           {LabelRole, "label"}};
}

} // namespace Signalbox
