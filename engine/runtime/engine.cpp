#include "engineprivate.h"

#include "signalbox/codecs.h"

#include <QCryptographicHash>
#include <QDebug>
#include <QFileInfo>
#include <QMetaMethod>

#include <sys/resource.h>

namespace Signalbox {

using Runtime::Effect;
using Runtime::ExecutionState;

OperationResult OperationResult::failure(std::string message)
{
    OperationResult r;
    r.error = std::move(message);
    return r;
}

std::string definitionHash(const std::string &source)
{
    // Starts usually repeat one source: remember the last hash (per thread), SHA-256 is costly.
    thread_local std::string lastSource;
    thread_local std::string lastHash;
    if (!lastHash.empty() && source == lastSource)
        return lastHash;
    lastHash
        = "sha256:"
          + QCryptographicHash::hash(QByteArray::fromStdString(source), QCryptographicHash::Sha256)
                .toHex()
                .toStdString();
    lastSource = source;
    return lastHash;
}

std::shared_ptr<const Definition> Engine::Private::definition(const std::string &hash,
                                                              std::string *error)
{
    auto it = definitions.find(hash);
    if (it != definitions.end())
        return it->second;
    std::optional<StoredDefinition> sd = store ? store->definition(hash) : std::nullopt;
    if (!sd) {
        *error = "the definition " + hash + " is not in the database";
        return nullptr;
    }
    Diagnostics diags;
    std::optional<Definition> def = sd->format == "asl"
                                        ? readAsl(sd->source, sd->sourcePath, diags)
                                        : readYaml(sd->source, sd->sourcePath, diags);
    if (!def) {
        *error = "the stored definition " + hash + " no longer parses: " + diags.formatAll();
        return nullptr;
    }
    auto shared = std::make_shared<const Definition>(std::move(*def));
    definitions[hash] = shared;
    return shared;
}

const Runtime::StateIndex &Engine::Private::stateIndex(const std::shared_ptr<const Definition> &def)
{
    auto it = stateIndexes.find(def.get());
    if (it == stateIndexes.end())
        it = stateIndexes.emplace(def.get(), std::pair(def, Runtime::indexStates(def->machine)))
                 .first;
    return it->second.second;
}

LiveExecution *Engine::Private::findLive(const std::string &idOrName)
{
    auto it = live.find(idOrName);
    if (it != live.end())
        return &it->second;
    for (auto &[id, ex] : live) {
        if (!ex.state.name.empty() && ex.state.name == idOrName)
            return &ex;
    }
    return nullptr;
}

std::optional<LiveExecution> Engine::Private::load(const std::string &idOrName, std::string *error)
{
    if (LiveExecution *ex = findLive(idOrName))
        return *ex;
    std::optional<ExecutionRecord> rec = store ? store->execution(idOrName) : std::nullopt;
    if (!rec) {
        *error = "no execution with id or name '" + idOrName + "'";
        return std::nullopt;
    }
    return fromRecord(*rec, error);
}

std::optional<LiveExecution> Engine::Private::fromRecord(const ExecutionRecord &rec,
                                                         std::string *error)
{
    LiveExecution ex;
    ex.def = definition(rec.definitionHash, error);
    if (!ex.def)
        return std::nullopt;
    bool fromCache = false;
    if (rec.cache.is_object()) {
        try {
            ex.state = ExecutionState::fromJson(rec.cache);
            fromCache = ex.state.lastSeq == rec.lastSeq;
        } catch (const std::exception &) {
        }
    }
    if (!fromCache) // a missing or stale cache: the history is the truth
        ex.state = Runtime::replay(store->history(rec.id));
    return ex;
}

int defaultProcessLimit()
{
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 256;
    const long long files = (long long)rl.rlim_cur;
    return int(std::clamp<long long>((files - 64) / 8, 4, 256));
}

// Process tasks run while the budget has room; the rest wait in scheduling order and start as
// running ones finish (their results come through the queue like any other).
void Engine::Private::startProcess(TaskRequest request, TaskCallback done)
{
    dropWaitingProcess(request.token); // a re-dispatch replaces a stale waiting one
    waitingTasks.push_back({std::move(request), std::move(done)});
    startWaitingProcesses();
}

void Engine::Private::startWaitingProcesses()
{
    while (!waitingTasks.empty() && processes.running() < processLimit) {
        WaitingTask w = std::move(waitingTasks.front());
        waitingTasks.pop_front();
        processes.start(w.request, std::move(w.done));
    }
}

void Engine::Private::dropWaitingProcess(const std::string &token)
{
    std::erase_if(waitingTasks, [&](const WaitingTask &w) { return w.request.token == token; });
}

Engine::Engine(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    if (!clock) {
        d->ownedClock = std::make_unique<SystemClock>();
        clock = d->ownedClock.get();
    }
    d->clock = clock;
    d->timer = new QTimer(this);
    d->timer->setSingleShot(true);
    d->timer->setTimerType(Qt::PreciseTimer);
    connect(d->timer, &QTimer::timeout, this, &Engine::onTimer);
    connect(clock, &Clock::timeChanged, this, &Engine::onTimer);
    d->retryTimer = new QTimer(this);
    d->retryTimer->setSingleShot(true);
    connect(d->retryTimer, &QTimer::timeout, this, &Engine::drain);
    // `::heartbeat` lines on a task's stderr (heartbeat_seconds).
    d->processes.setHeartbeatHandler([this](const std::string &token) { heartbeatTask(token); });
}

Engine::~Engine()
{
    close();
}

bool Engine::open(const QString &databasePath, QString *error, const EngineOptions &options)
{
    close();
    d->options = options;
    d->limits.payloadBytes = options.payloadLimitBytes;
    d->limits.historyEvents = options.historyLimit;
    d->processLimit = options.processLimit > 0 ? options.processLimit : defaultProcessLimit();
    d->store = Store::open(databasePath, Store::Mode::ReadWrite, error, options.synchronousFull);
    if (!d->store)
        return false;
    if (!options.resumeOnOpen)
        return true;

    // Recovery: rebuild the cache of every unfinished execution, reload timers, re-dispatch
    // interrupted tasks (in one commit, through the queue like any other input).
    for (const ExecutionRecord &rec : d->store->unfinishedExecutions()) {
        std::string problem;
        std::optional<LiveExecution> ex = d->fromRecord(rec, &problem);
        if (!ex) {
            d->unresumable[rec.id] = QString::fromStdString(problem);
            emit warning(QStringLiteral("cannot resume execution %1: %2")
                             .arg(QString::fromStdString(rec.id), QString::fromStdString(problem)));
            continue;
        }
        bool interrupted = false;
        for (const auto &[id, f] : ex->state.frames) {
            if (f.phase != Runtime::FrameState::Phase::Task || f.token.empty())
                continue;
            // Process tasks are re-dispatched; activities with heartbeat_seconds get a fresh
            // heartbeat deadline (nobody could send one while no host ran).
            const State *s = f.activity ? findStateRecursive(ex->def->machine, f.current) : nullptr;
            interrupted = interrupted || !f.activity
                          || (s && s->heartbeatSeconds && *s->heartbeatSeconds > 0);
        }
        d->live[rec.id] = std::move(*ex);
        if (interrupted) {
            QueuedInput q;
            q.input.executionId = rec.id;
            q.recover = true;
            d->queue.push_back(std::move(q));
        }
    }
    for (TimerRecord &t : d->store->timers())
        d->timers[t.id] = std::move(t);
    flush();
    armTimer();
    return true;
}

void Engine::close()
{
    if (!d->store)
        return;
    flush();
    d->waitingTasks.clear();
    d->processes.cancelAll();
    if (d->http)
        d->http->cancelAll();
    d->timer->stop();
    d->retryTimer->stop();
    d->queue.clear();
    d->live.clear();
    d->stateIndexes.clear();
    d->timers.clear();
    d->pendingNames.clear();
    d->unresumable.clear();
    d->storageProblem.clear();
    d->storageFailure.clear();
    d->storageRetryMs = 0;
    d->store.reset();
}

QString Engine::resumeProblem(const std::string &executionId) const
{
    auto it = d->unresumable.find(executionId);
    return it == d->unresumable.end() ? QString() : it->second;
}

QString Engine::storageProblem() const
{
    return d->storageFailure.isEmpty() ? d->storageProblem : d->storageFailure;
}

bool Engine::isOpen() const
{
    return d->store != nullptr;
}

Store *Engine::store() const
{
    return d->store.get();
}

Clock *Engine::clock() const
{
    return d->clock;
}

Json Engine::cachedState(const std::string &executionId) const
{
    auto it = d->live.find(executionId);
    if (it != d->live.end())
        return it->second.state.toJson();
    std::optional<ExecutionRecord> rec = d->store ? d->store->execution(executionId) : std::nullopt;
    return rec ? rec->cache : Json();
}

std::optional<ExecutionStatus> Engine::status(const std::string &executionId) const
{
    auto it = d->live.find(executionId);
    if (it != d->live.end())
        return it->second.state.liveStatus();
    std::optional<ExecutionRecord> rec = d->store ? d->store->execution(executionId) : std::nullopt;
    if (!rec)
        return std::nullopt;
    return rec->status;
}

int Engine::liveExecutions() const
{
    return int(d->live.size());
}

int Engine::runningTasks() const
{
    return d->processes.running() + (d->http ? d->http->running() : 0);
}

int Engine::waitingTasks() const
{
    return int(d->waitingTasks.size());
}

int Engine::processLimit() const
{
    return d->processLimit > 0 ? d->processLimit : defaultProcessLimit();
}

void Engine::scheduleDrain()
{
    if (d->drainScheduled)
        return;
    d->drainScheduled = true;
    QMetaObject::invokeMethod(this, &Engine::drain, Qt::QueuedConnection);
}

void Engine::flush()
{
    drain();
}

namespace {

ExecutionRecord recordOf(const ExecutionState &st)
{
    ExecutionRecord rec;
    rec.id = st.id;
    rec.name = st.name;
    rec.workflow = st.workflow;
    rec.definitionHash = st.definitionHash;
    rec.sourcePath = st.sourcePath;
    rec.status = st.liveStatus();
    rec.input = st.input;
    rec.output = st.output;
    rec.error = st.error;
    rec.cause = st.cause;
    rec.startedAtMs = st.startedAtMs;
    rec.endedAtMs = st.endedAtMs;
    rec.positions = st.positions();
    rec.lastSeq = st.lastSeq;
    rec.cache = st.toJson();
    rec.simulated = st.simulated;
    return rec;
}

struct Work
{
    ExecutionState state;
    std::shared_ptr<const Definition> def;
    bool isNew = false;
    ExecutionStatus before = ExecutionStatus::Running;
    Runtime::Transition transition;
    std::vector<TaskLog> logs;
    std::optional<StoredDefinition> stored;
    QByteArray eventsJson; // for eventsAppended, rendered before the events go to the store
};

} // namespace

void Engine::drain()
{
    d->drainScheduled = false;
    if (!d->store || d->queue.empty() || d->draining || !d->storageFailure.isEmpty())
        return;
    d->draining = true;
    std::deque<QueuedInput> batch;
    batch.swap(d->queue);
    const qint64 now = d->clock->nowMs();

    std::map<std::string, Work> work;
    std::vector<std::string> orphanTimers; // timers of executions that are gone
    for (QueuedInput &q : batch) {
        const std::string &id = q.input.executionId;
        auto it = work.find(id);
        if (it == work.end()) {
            Work w;
            if (!q.recover && q.input.kind == Runtime::Input::Kind::Start) {
                w.def = q.def;
                w.isNew = true;
                w.stored = q.stored;
            } else if (auto lit = d->live.find(id); lit != d->live.end()) {
                w.state = lit->second.state;
                w.def = lit->second.def;
                w.before = w.state.liveStatus();
            } else if (q.input.kind == Runtime::Input::Kind::Redrive) {
                std::string problem;
                std::optional<LiveExecution> ex = d->load(id, &problem);
                if (!ex)
                    continue;
                w.state = std::move(ex->state);
                w.def = ex->def;
                w.before = w.state.status;
            } else {
                if (q.input.kind == Runtime::Input::Kind::TimerFired)
                    orphanTimers.push_back(q.input.data.value("timer_id", std::string()));
                continue; // finished meanwhile: nothing to do
            }
            it = work.emplace(id, std::move(w)).first;
        }
        Work &w = it->second;
        if (q.input.kind == Runtime::Input::Kind::Redrive && q.def) {
            w.def = q.def; // redrive onto a newer definition
            w.stored = q.stored;
        }
        Runtime::Stepper stepper(w.state, *w.def, d->limits, now, d->rng, &d->stateIndex(w.def));
        if (q.recover)
            stepper.recover();
        else
            stepper.handle(q.input);
        Runtime::Transition t = stepper.take();
        auto &tr = w.transition;
        if (tr.events.empty() && tr.effects.empty() && tr.warnings.empty()) {
            tr = std::move(t); // the usual case: one input per execution in a batch
        } else {
            std::move(t.events.begin(), t.events.end(), std::back_inserter(tr.events));
            std::move(t.effects.begin(), t.effects.end(), std::back_inserter(tr.effects));
            std::move(t.warnings.begin(), t.warnings.end(), std::back_inserter(tr.warnings));
        }
        if (q.log)
            w.logs.push_back(*q.log);
    }

    // One transaction for the whole batch. The events are handed over to the store (the
    // in-memory one keeps them without a copy); eventsAppended gets them rendered first.
    const bool wantEvents = isSignalConnected(QMetaMethod::fromSignal(&Engine::eventsAppended));
    Store &store = *d->store;
    bool ok = store.begin();
    bool waitsChanged = false;
    for (auto &[id, w] : work) {
        if (!ok)
            break;
        if (w.stored)
            ok = ok && store.putDefinition(*w.stored);
        ExecutionRecord rec = recordOf(w.state);
        if (w.isNew)
            ok = ok && store.insertExecution(std::move(rec)); // not used below when new
        if (wantEvents) {
            Json arr = Json::array();
            for (const HistoryEvent &e : w.transition.events)
                arr.push_back(eventToJson(e));
            w.eventsJson = QByteArray::fromStdString(arr.dump());
        }
        ok = ok && store.appendEvents(id, std::move(w.transition.events));
        if (!w.isNew)
            ok = ok && store.updateExecution(rec);
        for (const Effect &e : w.transition.effects) {
            if (!ok)
                break;
            switch (e.kind) {
            case Effect::Kind::PutTimer:
                ok = store.putTimer(e.timer);
                break;
            case Effect::Kind::DeleteTimer:
                ok = store.deleteTimer(e.timer.id);
                break;
            case Effect::Kind::PutWait:
                ok = store.putWait(e.wait);
                waitsChanged = true;
                break;
            case Effect::Kind::DeleteWait:
                ok = store.deleteWait(e.wait.executionId, e.wait.frame, e.wait.state);
                waitsChanged = true;
                break;
            default:
                break;
            }
        }
        for (const TaskLog &log : w.logs)
            ok = ok && store.putTaskLog(log);
    }
    for (const std::string &t : orphanTimers)
        ok = ok && store.deleteTimer(t);
    ok = ok && store.commit();
    if (!ok) {
        const QString message = store.lastError();
        const Store::Fault fault = store.lastFault();
        store.rollback();
        // Nothing of the batch happened: caches are untouched (we worked on copies). A storage
        // condition that can pass (disk full, I/O error) keeps every input, in order, and
        // retries with backoff for as long as it takes; other failures retry the inputs a few
        // times, then give up on them (tasks re-run on the next open).
        const bool transient = Store::isTransient(fault);
        const bool fatal = fault == Store::Fault::Damaged || fault == Store::Fault::WalMissing;
        std::deque<QueuedInput> later;
        later.swap(d->queue);
        for (QueuedInput &q : batch) {
            if (transient || fatal || ++q.tries < 3)
                d->queue.push_back(std::move(q));
        }
        std::move(later.begin(), later.end(), std::back_inserter(d->queue));
        for (const auto &[id, w] : work) {
            if (w.isNew)
                d->pendingNames.erase(w.state.name);
        }
        // Timers taken from the map for this batch must come back.
        d->timers.clear();
        for (TimerRecord &t : store.timers())
            d->timers[t.id] = std::move(t);
        d->draining = false;
        if (fatal) {
            d->storageFailure = message;
            d->timer->stop();
            emit storageFailed(message);
            return;
        }
        int delay = 50;
        if (transient) {
            delay = d->storageRetryMs = std::clamp(d->storageRetryMs * 2, 50, 5000);
            if (d->storageProblem.isEmpty()) { // said once per episode, not per retry
                d->storageProblem = message;
                emit storageFault(
                    QStringLiteral("cannot write to the database (%1); nothing is lost: "
                                   "Signalbox keeps the work in memory and retries until the "
                                   "database can be written again")
                        .arg(message));
            }
        } else {
            emit warning(QStringLiteral("could not write to the database: %1").arg(message));
        }
        if (!d->queue.empty())
            d->retryTimer->start(delay);
        armTimer();
        return;
    }
    if (!d->storageProblem.isEmpty()) {
        d->storageProblem.clear();
        d->storageRetryMs = 0;
        emit storageRecovered();
    }

    // Committed: now the side effects and the notifications.
    struct Note
    {
        QString id;
        QString status;
        QByteArray events;
        bool changed;
        bool finished;
    };
    std::vector<Note> notes;
    struct Start
    {
        std::string executionId;
        Effect effect;
        std::shared_ptr<const Definition> def;
    };
    std::vector<Start> starts;
    for (auto &[id, w] : work) {
        const ExecutionStatus after = w.state.liveStatus();
        for (const std::string &warn : w.transition.warnings)
            emit warning(QString::fromStdString(warn));
        for (Effect &e : w.transition.effects) {
            switch (e.kind) {
            case Effect::Kind::PutTimer:
                d->timers[e.timer.id] = e.timer;
                break;
            case Effect::Kind::DeleteTimer:
                d->timers.erase(e.timer.id);
                break;
            case Effect::Kind::KillTask:
                d->dropWaitingProcess(e.token);
                d->processes.cancel(e.token);
                if (d->http)
                    d->http->cancel(e.token);
                break;
            case Effect::Kind::StartTask:
                starts.push_back({id, std::move(e), w.def});
                break;
            default:
                break;
            }
        }
        if (w.isNew)
            d->pendingNames.erase(w.state.name);
        Note n;
        n.id = QString::fromStdString(id);
        n.status = QString::fromUtf8(executionStatusName(after));
        n.changed = w.isNew || after != w.before;
        n.finished = isFinal(after) && !isFinal(w.before);
        n.events = std::move(w.eventsJson);
        if (isFinal(after))
            d->live.erase(id);
        else
            d->live[id] = LiveExecution{std::move(w.state), w.def};
        notes.push_back(std::move(n));
    }
    for (auto &[execId, e, def] : starts) {
        const State *s = findStateRecursive(def->machine, e.state);
        if (!s)
            continue;
        TaskRequest req;
        req.frame = e.frame;
        req.state = e.state;
        req.attempt = e.attempt;
        req.token = e.token;
        req.input = std::move(e.input);
        req.spec = s->run;
        req.executionId = execId;
        auto ex = d->live.find(req.executionId);
        if (ex == d->live.end())
            continue;
        const QString src = QString::fromStdString(ex->second.state.sourcePath);
        req.workingDirectory = src.isEmpty() ? QString() : QFileInfo(src).absolutePath();
        const std::string frame = req.frame;
        const std::string token = req.token;
        auto done = [this, execId = execId, frame, token](const TaskOutcome &o) {
            QueuedInput q;
            q.input.kind = Runtime::Input::Kind::TaskResult;
            q.input.executionId = execId;
            q.input.frame = frame;
            q.input.token = token;
            q.input.data = {{"ok", o.ok}};
            if (o.ok) {
                q.input.data["output"] = o.output;
            } else {
                q.input.data["error"] = o.error;
                q.input.data["cause"] = o.cause;
            }
            if (o.exitCode)
                q.input.data["exit_code"] = *o.exitCode;
            q.log = o.log;
            d->queue.push_back(std::move(q));
            scheduleDrain();
        };
        if (req.spec.kind == Executor::Kind::Http) {
            d->httpRunner().start(req, done);
        } else {
            // A finished process makes room for a waiting one.
            d->startProcess(std::move(req), [this, done](const TaskOutcome &o) {
                done(o);
                d->startWaitingProcesses();
            });
        }
    }
    d->startWaitingProcesses(); // cancelled tasks made room
    d->draining = false;
    armTimer();
    for (const Note &n : notes) {
        if (!n.events.isEmpty())
            emit eventsAppended(n.id, n.events);
        if (n.changed)
            emit executionChanged(n.id, n.status);
        if (n.finished)
            emit executionFinished(n.id, n.status);
    }
    if (waitsChanged)
        emit approvalsChanged();
    if (!d->queue.empty())
        scheduleDrain();
}

void Engine::armTimer()
{
    d->timer->stop();
    if (d->timers.empty() || !d->store)
        return;
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const auto &[id, t] : d->timers)
        earliest = std::min(earliest, t.dueAtMs);
    std::optional<qint64> delay = d->clock->wallDelayUntil(earliest);
    if (!delay)
        return; // a ManualClock: timeChanged() calls onTimer()
    d->timer->start(int(std::min<qint64>(*delay, 24 * 3600 * 1000)));
}

void Engine::onTimer()
{
    if (!d->store)
        return;
    const qint64 now = d->clock->nowMs();
    bool any = false;
    for (auto it = d->timers.begin(); it != d->timers.end();) {
        if (it->second.dueAtMs > now) { // never early: QTimer may wake a little before
            ++it;
            continue;
        }
        QueuedInput q;
        q.input.kind = Runtime::Input::Kind::TimerFired;
        q.input.executionId = it->second.executionId;
        q.input.data = it->second.payload.is_object() ? it->second.payload : Json::object();
        q.input.data["timer_id"] = it->first;
        d->queue.push_back(std::move(q));
        it = d->timers.erase(it);
        any = true;
    }
    if (any)
        scheduleDrain();
    armTimer();
}

} // namespace Signalbox
