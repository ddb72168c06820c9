#include "historymodel.h"

#include "busycursor.h"
#include "enginebridge.h"
#include "executionsmodel.h"

#include "signalbox/codecs.h"
#include "signalbox/diagnostics.h"

#include <QDateTime>
#include <QLocale>

namespace Signalbox {

namespace {

// The names of the parallel states of a stored definition (nested ones included).
void addParallel(const StateMachine &m, QSet<QString> &out)
{
    for (const State &s : m.states) {
        if (s.type == StateType::Parallel)
            out.insert(QString::fromStdString(s.name));
        for (const auto &b : s.branches) {
            if (b)
                addParallel(*b, out);
        }
        if (s.processor)
            addParallel(*s.processor, out);
    }
}

QSet<QString> parallelStates(const std::string &source)
{
    Diagnostics diags;
    const std::optional<Definition> def = looksLikeAsl(source) ? readAsl(source, {}, diags)
                                                                : readYaml(source, {}, diags);
    QSet<QString> out;
    if (def)
        addParallel(def->machine, out);
    return out;
}

QString pretty(const Json &value)
{
    return QString::fromStdString(value.dump(2));
}

QString str(const Json &data, const char *key)
{
    const auto it = data.find(key);
    if (it == data.end() || it->is_null())
        return {};
    return QString::fromStdString(it->is_string() ? it->get<std::string>() : it->dump());
}

// Local time with milliseconds, as Step Functions' console writes it ("Dec 3, 2026,
// 16:33:23.630"); the history's own timestamps are UTC (`history --json`).
QString timeText(qint64 ms)
{
    return ms > 0 ? QLocale::system().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                                               QStringLiteral("MMM d, yyyy, HH:mm:ss.zzz"))
                  : QString();
}

QString summary(const HistoryEvent &e)
{
    const Json &d = e.data;
    switch (e.type) {
    case EventType::TaskScheduled:
        return d.value("activity", false)
                   ? QObject::tr("waits for a worker or an operator to complete it")
                   : QObject::tr("attempt %1 scheduled").arg(str(d, "attempt"));
    case EventType::TaskStarted:
        return QObject::tr("attempt %1 started").arg(str(d, "attempt"));
    case EventType::TaskSucceeded:
        return QObject::tr("attempt %1 succeeded").arg(str(d, "attempt"));
    case EventType::TaskFailed:
    case EventType::TaskTimedOut:
        return QObject::tr("attempt %1 failed: %2 %3")
            .arg(str(d, "attempt"), str(d, "error"), str(d, "cause"))
            .trimmed();
    case EventType::RetryScheduled:
        return QObject::tr("attempt %1 in %2 s (at %3)")
            .arg(str(d, "attempt"), str(d, "delay_seconds"), str(d, "due_at"));
    case EventType::ChoiceTaken:
        return QObject::tr("→ %1").arg(str(d, "next"));
    case EventType::CatchTaken:
        return QObject::tr("%1 caught → %2").arg(str(d, "error"), str(d, "next"));
    case EventType::EventAwaited:
        return str(d, "prompt").isEmpty()
                   ? QObject::tr("waits for %1 '%2'").arg(str(d, "kind"), str(d, "event"))
                   : str(d, "prompt");
    case EventType::ApprovalGranted:
    case EventType::ApprovalRejected:
        return QObject::tr("by %1%2").arg(
            str(d, "by"),
            str(d, "comment").isEmpty() ? QString() : QStringLiteral(": ") + str(d, "comment"));
    case EventType::StateFailed:
    case EventType::ExecutionFailed:
    case EventType::ExecutionTimedOut:
        return QStringLiteral("%1: %2").arg(str(d, "error"), str(d, "cause"));
    case EventType::ExecutionCancelled:
        return QObject::tr("by %1 %2").arg(str(d, "by"), str(d, "reason")).trimmed();
    case EventType::ExecutionRedriven:
        return QObject::tr("from %1").arg(str(d, "from_state"));
    case EventType::WaitStarted:
        return QObject::tr("until %1").arg(str(d, "due_at"));
    case EventType::ActivityCompleted:
        return d.contains("error") ? QStringLiteral("%1: %2").arg(str(d, "error"), str(d, "cause"))
                                   : QObject::tr("completed by %1").arg(str(d, "by"));
    default:
        return {};
    }
}

QString category(EventType t)
{
    switch (t) {
    case EventType::TaskSucceeded:
    case EventType::ExecutionSucceeded:
    case EventType::ApprovalGranted:
    case EventType::StateExited:
        return QStringLiteral("success");
    case EventType::TaskFailed:
    case EventType::TaskTimedOut:
    case EventType::StateFailed:
    case EventType::ExecutionFailed:
    case EventType::ExecutionTimedOut:
    case EventType::ApprovalRejected:
    case EventType::ExecutionCancelled:
    case EventType::CatchTaken:
        return QStringLiteral("error");
    case EventType::RetryScheduled:
    case EventType::WaitStarted:
    case EventType::EventAwaited:
    case EventType::TaskInterrupted:
        return QStringLiteral("wait");
    default:
        return QStringLiteral("info");
    }
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractListModel(parent)
{}

HistoryModel::~HistoryModel() = default;

void HistoryModel::setBridge(EngineBridge *bridge)
{
    if (!EngineBridge::rebind(this, m_bridge, m_store, bridge, [this] { reload(); }))
        return;
    if (m_bridge)
        connect(m_bridge, &EngineBridge::executionsUpdated, this, [this](const QStringList &ids) {
            if (!m_executionId.isEmpty() && ids.contains(m_executionId))
                refresh();
        });
    emit bridgeChanged();
    reload();
}

void HistoryModel::setExecutionId(const QString &id)
{
    if (m_executionId == id)
        return;
    m_executionId = id;
    emit executionIdChanged();
    reload();
}

bool HistoryModel::ensureStore()
{
    if (!m_store && m_bridge)
        m_store = m_bridge->openReader("HistoryModel");
    return bool(m_store);
}

void HistoryModel::reload()
{
    const int before = int(m_events.size());
    beginResetModel();
    m_events.clear();
    m_topStatus.clear();
    m_topVisits.clear();
    m_topTaken.clear();
    m_notes.clear();
    m_lastExited.clear();
    // The picked iterations stay while the same execution is shown (a rebind re-reads it).
    const bool sameExecution = m_loadedId == m_executionId;
    // Opening another execution reads its whole history on this thread (a 2,000-item map takes
    // about 0.3 s); a live re-read of the shown one is short and keeps the cursor as it is.
    std::optional<BusyCursor> busy;
    if (!sameExecution && !m_executionId.isEmpty())
        busy.emplace();
    const QVariantMap picked = m_frames.selections();
    m_frames.clear(sameExecution);
    m_loadedId = m_executionId;
    std::optional<ExecutionRecord> rec;
    if (!m_executionId.isEmpty() && ensureStore()) {
        // The row first, then the history (readRecord()). The id may be a name: the history is
        // keyed by the id.
        rec = readRecord();
        if (rec)
            m_events = m_store->history(rec->id);
    }
    for (const HistoryEvent &e : m_events)
        apply(e);
    publish();
    const RecordChanges changes = setRecord(rec);
    endResetModel();
    emitRecordChanges(changes);
    emit statesChanged();
    if (before != int(m_events.size()))
        emit countChanged();
    if (picked != m_frames.selections())
        emit iterationSelectionChanged();
}

void HistoryModel::refresh()
{
    if (m_executionId.isEmpty() || !ensureStore())
        return;
    const std::string id = m_execution.value(QStringLiteral("id")).toString().toStdString();
    if (id.empty()) {
        reload();
        return;
    }
    // The row first, then the events committed since the last read (readRecord()).
    const std::optional<ExecutionRecord> rec = readRecord();
    const qint64 last = m_events.empty() ? 0 : m_events.back().seq;
    std::vector<HistoryEvent> fresh = m_store->history(id, last);
    if (fresh.empty()) {
        emitRecordChanges(setRecord(rec));
        return;
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (HistoryEvent &e : fresh) {
        apply(e);
        m_events.push_back(std::move(e));
    }
    publish();
    const RecordChanges changes = setRecord(rec);
    endInsertRows();
    emitRecordChanges(changes);
    emit countChanged();
    emit statesChanged();
}

std::optional<ExecutionRecord> HistoryModel::readRecord() const
{
    if (m_executionId.isEmpty() || !m_store)
        return std::nullopt;
    return m_store->execution(m_executionId.toStdString());
}

HistoryModel::RecordChanges HistoryModel::setRecord(const std::optional<ExecutionRecord> &rec)
{
    RecordChanges changes;
    QVariantMap map;
    if (rec) {
        const qint64 end
            = rec->endedAtMs > 0 ? rec->endedAtMs : QDateTime::currentMSecsSinceEpoch();
        map = {{QStringLiteral("id"), QString::fromStdString(rec->id)},
               {QStringLiteral("name"), QString::fromStdString(rec->name)},
               {QStringLiteral("workflow"), QString::fromStdString(rec->workflow)},
               {QStringLiteral("status"), QString::fromLatin1(executionStatusName(rec->status))},
               {QStringLiteral("input"), pretty(rec->input)},
               {QStringLiteral("output"), rec->output.is_null() ? QString() : pretty(rec->output)},
               {QStringLiteral("error"), QString::fromStdString(rec->error)},
               {QStringLiteral("cause"), QString::fromStdString(rec->cause)},
               {QStringLiteral("started"), timeText(rec->startedAtMs)},
               {QStringLiteral("ended"), timeText(rec->endedAtMs)},
               {QStringLiteral("duration"),
                ExecutionsModel::formatDuration(qMax<qint64>(0, end - rec->startedAtMs))},
               {QStringLiteral("sourcePath"), QString::fromStdString(rec->sourcePath)},
               {QStringLiteral("simulated"), rec->simulated},
               {QStringLiteral("final"), isFinal(rec->status)}};
        const QString hash = QString::fromStdString(rec->definitionHash);
        if (hash != m_definitionHash && m_store) {
            m_definitionHash = hash;
            std::optional<StoredDefinition> def = m_store->definition(rec->definitionHash);
            m_definitionSource = def ? QString::fromStdString(def->source) : QString();
            m_parallelStates = def ? parallelStates(def->source) : QSet<QString>();
            changes.definition = true;
        }
    } else if (!m_definitionHash.isEmpty()) {
        m_definitionHash.clear();
        m_definitionSource.clear();
        m_parallelStates.clear();
        changes.definition = true;
    }
    if (map != m_execution) {
        m_execution = map;
        changes.execution = true;
    }
    return changes;
}

void HistoryModel::emitRecordChanges(RecordChanges changes)
{
    if (changes.definition)
        emit definitionChanged();
    if (changes.execution)
        emit executionChanged();
}

void HistoryModel::apply(const HistoryEvent &e)
{
    const QString state = QString::fromStdString(e.state);
    auto set = [this, &state](const char *status) {
        m_topStatus.insert(state, QString::fromLatin1(status));
    };
    auto setActive = [this](const char *status) {
        for (auto it = m_topStatus.begin(); it != m_topStatus.end(); ++it) {
            const QString s = it->toString();
            if (s == QLatin1String("running") || s == QLatin1String("waiting")
                || s == QLatin1String("retrying"))
                *it = QString::fromLatin1(status);
        }
        m_frames.stopActive(QString::fromLatin1(status));
    };
    m_frames.apply(e); // branches, iterations and the states inside them
    if (!e.frame.empty() || e.type == EventType::BranchStarted
        || e.type == EventType::BranchFinished)
        return;
    if (e.type != EventType::RetryScheduled && e.type != EventType::TaskFailed
        && e.type != EventType::TaskTimedOut)
        m_notes.remove(state);
    switch (e.type) {
    case EventType::StateEntered:
        set("running");
        m_topVisits.insert(state, m_topVisits.value(state).toInt() + 1);
        if (!m_lastExited.isEmpty())
            m_topTaken.append(m_lastExited + QLatin1Char('>') + state);
        m_lastExited.clear();
        break;
    case EventType::TaskScheduled:
        set(e.data.value("activity", false) ? "waiting" : "running");
        break;
    case EventType::TaskStarted:
    case EventType::TaskInterrupted:
        set("running");
        break;
    case EventType::RetryScheduled: {
        set("retrying");
        const qint64 due = e.data.value("due_at_ms", qint64(0));
        const QString at = due > 0 ? QDateTime::fromMSecsSinceEpoch(due, Qt::UTC)
                                         .toString(QStringLiteral("HH:mm:ss"))
                                   : str(e.data, "due_at");
        m_notes.insert(state, tr("attempt %1 at %2").arg(str(e.data, "attempt"), at));
        break;
    }
    case EventType::EventAwaited:
    case EventType::WaitStarted:
        set("waiting");
        break;
    case EventType::WaitFired:
    case EventType::EventReceived:
    case EventType::ApprovalGranted:
    case EventType::ApprovalRejected:
        set("running");
        break;
    case EventType::StateExited:
        set("succeeded");
        m_lastExited = state;
        break;
    case EventType::StateFailed:
        set("failed");
        break;
    case EventType::CatchTaken:
        set("failed");
        m_lastExited = state;
        break;
    case EventType::ExecutionCancelled:
        setActive("cancelled");
        break;
    case EventType::ExecutionFailed:
    case EventType::ExecutionTimedOut:
        setActive("failed");
        break;
    default:
        break;
    }
}

void HistoryModel::publish()
{
    m_stateStatus = m_topStatus;
    for (auto it = m_frames.status().cbegin(); it != m_frames.status().cend(); ++it)
        m_stateStatus.insert(it.key(), it.value());
    m_visits = m_topVisits;
    for (auto it = m_frames.visits().cbegin(); it != m_frames.visits().cend(); ++it)
        m_visits.insert(it.key(), it.value());
    m_taken = m_topTaken + m_frames.taken();
    m_iterations = m_frames.iterationCounts();
}

void HistoryModel::selectIteration(const QString &container, int index)
{
    if (!m_frames.select(container, index))
        return;
    publish();
    emit iterationSelectionChanged();
    emit statesChanged();
}

QVariantList HistoryModel::iterationsOf(const QString &container) const
{
    QVariantList out;
    const RunFrames::Instance *inst = m_frames.instance(container);
    if (!inst)
        return out;
    for (int i = 0; i < inst->items.size(); ++i) {
        const RunFrames::Iteration &it = inst->items.at(i);
        out.append(QVariantMap{{QStringLiteral("index"), i},
                               {QStringLiteral("status"), it.status},
                               {QStringLiteral("frame"), inst->frameOf(i)},
                               {QStringLiteral("item"), it.item},
                               {QStringLiteral("firstState"), it.firstState},
                               {QStringLiteral("error"), it.error}});
    }
    return out;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEvent &e = m_events.at(std::size_t(index.row()));
    switch (role) {
    case SeqRole:
        return e.seq;
    case Qt::DisplayRole:
    case TypeRole:
        return QString::fromLatin1(eventTypeName(e.type));
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC);
    case TimeTextRole:
        return QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC)
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case StateRole:
        return QString::fromStdString(e.state);
    case FrameRole:
        return QString::fromStdString(e.frame);
    case DataTextRole:
        return QString::fromStdString(e.data.dump());
    case SummaryRole:
        return summary(e);
    case CategoryRole:
        return category(e.type);
    }
    return {};
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return {{SeqRole, "seq"},           {TypeRole, "type"},       {TimeRole, "time"},
            {TimeTextRole, "timeText"}, {StateRole, "state"},     {FrameRole, "frame"},
            {DataTextRole, "dataText"}, {SummaryRole, "summary"}, {CategoryRole, "category"}};
}

QVariantMap HistoryModel::stepDetails(const QString &state) const
{
    const std::string name = state.toStdString();
    QVariantMap out{
        {QStringLiteral("state"), state},
        {QStringLiteral("status"), m_stateStatus.value(state, QStringLiteral("not reached"))},
        {QStringLiteral("visits"), m_visits.value(state, 0)},
        {QStringLiteral("activity"), false}};
    QVariantList attempts;
    QVariantMap current;
    auto closeAttempt = [&] {
        if (!current.isEmpty())
            attempts.append(current);
        current.clear();
    };
    bool pendingActivity = false;
    // A nested state shows the iterations picked on the diagram (all of them by default).
    const bool scoped = !m_frames.selections().isEmpty() && m_frames.isNested(state);
    QString scopeFrame;
    bool oneFrame = true;
    for (const HistoryEvent &e : m_events) {
        if (e.state != name)
            continue;
        if (scoped) {
            const QString frame = QString::fromStdString(e.frame);
            if (!m_frames.matches(frame))
                continue;
            if (scopeFrame.isEmpty())
                scopeFrame = frame;
            else if (scopeFrame != frame)
                oneFrame = false;
        }
        const Json &d = e.data;
        switch (e.type) {
        case EventType::StateEntered:
            // A new visit (a loop, a redrive): the error of an earlier one no longer applies.
            out.insert(QStringLiteral("input"), pretty(d.value("input", Json())));
            out.remove(QStringLiteral("output"));
            out.remove(QStringLiteral("error"));
            out.remove(QStringLiteral("cause"));
            break;
        case EventType::StateExited:
            out.insert(QStringLiteral("output"), pretty(d.value("output", Json())));
            out.remove(QStringLiteral("error"));
            out.remove(QStringLiteral("cause"));
            pendingActivity = false;
            break;
        case EventType::TaskScheduled:
            closeAttempt();
            current = {{QStringLiteral("attempt"), d.value("attempt", 1)},
                       {QStringLiteral("scheduled"), timeText(e.atMs)},
                       {QStringLiteral("scheduledMs"), e.atMs},
                       {QStringLiteral("frame"), QString::fromStdString(e.frame)},
                       {QStringLiteral("outcome"), QStringLiteral("running")}};
            pendingActivity = d.value("activity", false);
            break;
        case EventType::TaskStarted:
            current.insert(QStringLiteral("started"), timeText(e.atMs));
            current.insert(QStringLiteral("startedMs"), e.atMs);
            break;
        case EventType::TaskSucceeded:
        case EventType::TaskFailed:
        case EventType::TaskTimedOut:
        case EventType::ActivityCompleted: {
            const bool failed = e.type != EventType::TaskSucceeded && d.contains("error");
            current.insert(QStringLiteral("ended"), timeText(e.atMs));
            const qint64 from = current
                                    .value(QStringLiteral("startedMs"),
                                           current.value(QStringLiteral("scheduledMs")))
                                    .toLongLong();
            if (from > 0)
                current.insert(QStringLiteral("duration"),
                               ExecutionsModel::formatDuration(e.atMs - from));
            current.insert(QStringLiteral("outcome"),
                           failed ? QStringLiteral("failed") : QStringLiteral("succeeded"));
            if (failed) {
                current.insert(QStringLiteral("error"), str(d, "error"));
                current.insert(QStringLiteral("cause"), str(d, "cause"));
                out.insert(QStringLiteral("error"), str(d, "error"));
                out.insert(QStringLiteral("cause"), str(d, "cause"));
            }
            if (d.contains("exit_code"))
                current.insert(QStringLiteral("exitCode"), d.value("exit_code", 0));
            if (e.type == EventType::ActivityCompleted)
                pendingActivity = false;
            break;
        }
        case EventType::StateFailed:
            out.insert(QStringLiteral("error"), str(d, "error"));
            out.insert(QStringLiteral("cause"), str(d, "cause"));
            break;
        default:
            break;
        }
    }
    closeAttempt();
    if (scoped && oneFrame && !scopeFrame.isEmpty()) {
        // "outer[2]/inner[7]" -> "outer #2 › inner #7" (map iterations by their 0-based
        // index, as $$.Map.Item.Index); a parallel branch as the diagram names it: "checks ›
        // Branch 2".
        QStringList steps;
        for (const QStringView step : QStringView(scopeFrame).tokenize(QLatin1Char('/'))) {
            const qsizetype open = step.lastIndexOf(QLatin1Char('['));
            if (open <= 0) {
                steps.append(step.toString());
                continue;
            }
            const QString container = step.left(open).toString();
            const QStringView index = step.mid(open + 1, step.size() - open - 2);
            steps.append(m_parallelStates.contains(container)
                             ? container + QStringLiteral(" \u203a ")
                                   + tr("Branch %1").arg(index.toInt() + 1)
                             : container + QStringLiteral(" #") + index.toString());
        }
        out.insert(QStringLiteral("scope"), steps.join(QStringLiteral(" \u203a ")));
        out.insert(QStringLiteral("frame"), scopeFrame);
    }
    // stdout/stderr of process tasks, matched by attempt; for http tasks the response body (as
    // stdout), the status (as exitCode) and the request/response summary (`extra`, `http`).
    if (m_store && !attempts.isEmpty()) {
        const std::string id = m_execution.value(QStringLiteral("id")).toString().toStdString();
        for (const TaskLog &log : m_store->taskLogs(id)) {
            if (log.state != name)
                continue;
            for (QVariant &a : attempts) {
                QVariantMap m = a.toMap();
                if (m.value(QStringLiteral("attempt")).toInt() != log.attempt
                    || m.value(QStringLiteral("frame")).toString().toStdString() != log.frame)
                    continue;
                m.insert(QStringLiteral("stdout"), QString::fromStdString(log.stdoutText));
                m.insert(QStringLiteral("stderr"), QString::fromStdString(log.stderrText));
                m.insert(QStringLiteral("exitCode"), log.exitCode);
                m.insert(QStringLiteral("truncated"), log.truncated);
                if (!log.extra.is_null() && !log.extra.empty())
                    m.insert(QStringLiteral("extra"), pretty(log.extra));
                m.insert(QStringLiteral("http"),
                         log.extra.is_object() && log.extra.contains("request"));
                a = m;
            }
        }
    }
    out.insert(QStringLiteral("attempts"), attempts);
    out.insert(QStringLiteral("activity"),
               pendingActivity
                   && m_stateStatus.value(state).toString() == QLatin1String("waiting"));
    return out;
}

} // namespace Signalbox
