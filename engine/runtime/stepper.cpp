#include "stepper.h"

#include "signalbox/jsonread.h"

#include "flow.h"

#include "signalbox/statetypes.h"

#include <QDateTime>

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace Signalbox::Runtime {

std::string isoTime(qint64 ms)
{
    // Hand-rolled (days-from-civil inverse): QDateTime formatting was a hot spot of every
    // context object.
    qint64 secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const int millis = int(ms - secs * 1000);
    qint64 days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const int rem = int(secs - days * 86400);
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = qint64(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
                  rem / 3600, rem / 60 % 60, rem % 60, millis);
    return buf;
}

std::string heartbeatTimerId(const std::string &token)
{
    const std::size_t colon = token.rfind(':');
    if (colon == std::string::npos)
        return token + "/h";
    return token.substr(0, colon) + "/h" + token.substr(colon + 1);
}

namespace {
// {key: value}: the data of the two events of every state.
Json member(const char *key, Json value)
{
    return ObjectBuilder(1).add(key, std::move(value)).take();
}
} // namespace

std::optional<qint64> parseIsoTime(const std::string &text)
{
    QDateTime t = QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

Stepper::Stepper(ExecutionState &state, const Definition &def, const Limits &limits, qint64 nowMs,
                 std::mt19937_64 &rng, const StateIndex *index)
    : m_st(state)
    , m_def(def)
    , m_limits(limits)
    , m_now(nowMs)
    , m_rng(rng)
    , m_index(index)
{}

void Stepper::record(EventType type, const std::string &frame, const std::string &state, Json data)
{
    const qint64 seq = m_st.lastSeq + 1;
    const qint64 warnAt = qint64(m_limits.historyEvents) * 8 / 10;
    if (seq == warnAt) {
        m_out.warnings.push_back("execution " + m_st.id + " has " + std::to_string(warnAt)
                                 + " history events, 80% of the limit of "
                                 + std::to_string(m_limits.historyEvents));
    }
    if (m_out.events.empty())
        m_out.events.reserve(64); // most inputs record a few events, a pass chain many
    // Built in place with every member given (no default `Json::object()` to throw away).
    const HistoryEvent &e = m_out.events.emplace_back(
        HistoryEvent{seq, type, m_now, frame, state, std::move(data)});
    applyEvent(m_st, e);
}

std::string Stepper::nextTimerId() const
{
    return m_st.id + "/t" + std::to_string(m_st.lastSeq + 1);
}

void Stepper::putTimer(const std::string &id, qint64 dueMs, Json payload)
{
    Effect e;
    e.kind = Effect::Kind::PutTimer;
    e.timer.id = id;
    e.timer.executionId = m_st.id;
    e.timer.dueAtMs = dueMs;
    e.timer.payload = std::move(payload);
    effect(std::move(e));
}

bool Stepper::hasHeartbeat(const State *s) const
{
    return s && stateTypeInfo(s->type).heartbeat && s->heartbeatSeconds && *s->heartbeatSeconds > 0
           && !m_st.simulated;
}

void Stepper::putHeartbeatTimer(const FrameState &f, const State &s, int heartbeats)
{
    Json payload = {{"kind", "heartbeat"},
                    {"frame", f.id},
                    {"state", s.name},
                    {"token", f.token},
                    {"heartbeats", heartbeats}};
    if (heartbeats > 0)
        payload["last_heartbeat_at"] = isoTime(m_now);
    putTimer(heartbeatTimerId(f.token), m_now + qint64(*s.heartbeatSeconds) * 1000,
             std::move(payload));
}

void Stepper::cleanupFrame(const FrameState &f)
{
    if (!f.token.empty() && !f.activity) {
        Effect e;
        e.kind = Effect::Kind::KillTask;
        e.frame = f.id;
        e.state = f.current;
        e.token = f.token;
        effect(std::move(e));
    }
    if (!f.token.empty() && f.phase == FrameState::Phase::Task
        && hasHeartbeat(stateOf(f.current))) {
        Effect e;
        e.kind = Effect::Kind::DeleteTimer;
        e.timer.id = heartbeatTimerId(f.token);
        effect(std::move(e));
    }
    if (!f.timerId.empty()) {
        Effect e;
        e.kind = Effect::Kind::DeleteTimer;
        e.timer.id = f.timerId;
        effect(std::move(e));
    }
    if (f.phase == FrameState::Phase::Await) {
        Effect e;
        e.kind = Effect::Kind::DeleteWait;
        e.wait.executionId = m_st.id;
        e.wait.frame = f.id;
        e.wait.state = f.current;
        effect(std::move(e));
    }
}

void Stepper::cleanupBelow(const std::string &frame, const std::string &state)
{
    const std::string prefix = frame.empty() ? state + "[" : frame + "/" + state + "[";
    for (const auto &[id, f] : m_st.frames) {
        if (id.rfind(prefix, 0) == 0)
            cleanupFrame(f);
    }
}

void Stepper::cleanupAll()
{
    for (const auto &[id, f] : m_st.frames)
        cleanupFrame(f);
    if (!m_st.executionTimerId.empty()) {
        Effect e;
        e.kind = Effect::Kind::DeleteTimer;
        e.timer.id = m_st.executionTimerId;
        effect(std::move(e));
    }
}

FrameState *Stepper::frame(const std::string &id)
{
    auto it = m_st.frames.find(id);
    return it == m_st.frames.end() ? nullptr : &it->second;
}

namespace {
void addStates(StateIndex &index, const StateMachine &m)
{
    for (const State &s : m.states) { // the order of findStateRecursive(): first one wins
        index.emplace(s.name, &s);
        for (const auto &b : s.branches) {
            if (b)
                addStates(index, *b);
        }
        if (s.processor)
            addStates(index, *s.processor);
    }
}
} // namespace

StateIndex indexStates(const StateMachine &machine)
{
    StateIndex index;
    addStates(index, machine);
    return index;
}

const State *Stepper::stateOf(const std::string &name) const
{
    if (m_index) {
        auto it = m_index->find(name);
        return it == m_index->end() ? nullptr : it->second;
    }
    return findStateRecursive(m_def.machine, name);
}

bool Stepper::readsExecutionInput(const State &s) const
{
    auto it = m_readsInput.find(&s);
    if (it != m_readsInput.end())
        return it->second;
    // Conservative: any reference to the context other than these prefixes counts ($$ alone,
    // bracket notation, $$.Execution as a whole...). Choice conditions are not scanned.
    static const std::string_view harmless[] = {".State",
                                                ".Map",
                                                ".Task",
                                                ".Execution.Id",
                                                ".Execution.Name",
                                                ".Execution.StartTime",
                                                ".Execution.RedriveCount"};
    bool reads = s.type == StateType::Choice;
    auto scan = [&](const std::string &text) {
        for (std::size_t p = text.find("$$"); p != std::string::npos && !reads;
             p = text.find("$$", p + 2)) {
            const std::string_view rest = std::string_view(text).substr(p + 2);
            reads = std::none_of(std::begin(harmless), std::end(harmless),
                                 [&](std::string_view h) { return rest.starts_with(h); });
        }
    };
    for (const std::optional<Json> *j : {&s.inputPath, &s.parameters, &s.resultSelector,
                                         &s.resultPath, &s.outputPath, &s.itemSelector}) {
        if (*j)
            scan((*j)->dump());
    }
    for (const std::string *t :
         {&s.itemsPath, &s.secondsPath, &s.timestampPath, &s.errorPath, &s.causePath, &s.prompt})
        scan(*t);
    m_readsInput.emplace(&s, reads);
    return reads;
}

Json Stepper::context(const FrameState &f) const
{
    // Pass/succeed states without data-flow fields never read the context object: skip building
    // it (the hot path of long pass chains).
    const State *s = stateOf(f.current);
    if (s) {
        const bool plain = (s->type == StateType::Pass || s->type == StateType::Succeed)
                           && !s->inputPath && !s->parameters && !s->resultSelector
                           && !s->resultPath && !s->outputPath;
        if (plain)
            return Json();
    }
    // The execution input can be large (the items of a big map): copy it only into the context
    // of states that may read it, or every iteration of the map would copy all the items.
    Json execution = {{"Id", m_st.id}};
    if (!s || readsExecutionInput(*s))
        execution["Input"] = m_st.input;
    execution["Name"] = m_st.name.empty() ? m_st.id : m_st.name;
    execution["StartTime"] = isoTime(m_st.startedAtMs);
    execution["RedriveCount"] = m_st.redriveCount;
    return {{"Execution", std::move(execution)},
            {"StateMachine", {{"Id", m_st.definitionHash}, {"Name", m_st.workflow}}},
            {"State",
             {{"Name", f.current},
              {"EnteredTime", isoTime(f.enteredAtMs)},
              {"RetryCount", f.attempt - 1}}},
            {"Task", {{"Token", f.token}}}};
}

namespace {
// An upper bound of the serialized size of `v`, giving up (returning > limit) early.
std::size_t sizeBound(const Json &v, std::size_t limit)
{
    switch (v.type()) {
    case Json::value_t::string:
        return 2 + v.get_ref<const std::string &>().size() * 6; // worst case: \u00XX escapes
    case Json::value_t::array:
    case Json::value_t::object: {
        std::size_t total = 2;
        for (auto it = v.begin(); it != v.end() && total <= limit; ++it) {
            if (v.is_object())
                total += 4 + it.key().size() * 6;
            total += 1 + sizeBound(*it, limit);
        }
        return total;
    }
    default:
        return 32; // numbers, booleans, null
    }
}
} // namespace

std::string Stepper::payloadLimitCause(const Json &v) const
{
    // First, iteratively: the size bound below recurses.
    if (jsonDepthExceeds(v, kJsonMaxDepth))
        return "nested deeper than " + std::to_string(kJsonMaxDepth) + " levels";
    if (m_limits.payloadBytes == 0)
        return {};
    // Most payloads are far below the limit: a cheap bound avoids serializing every output.
    if (sizeBound(v, m_limits.payloadBytes) <= m_limits.payloadBytes)
        return {};
    if (v.dump().size() <= m_limits.payloadBytes)
        return {};
    return "larger than " + std::to_string(m_limits.payloadBytes) + " bytes";
}

bool Stepper::historyFull(std::size_t adding, const std::string &frameId)
{
    if (m_limits.historyEvents <= 0 || isFinal(m_st.status))
        return false;
    // Room for what one state may record before the next check (entered, scheduled, started,
    // result, exited...), plus two events per nesting level for a completion or failure that
    // ripples up through the enclosing branches.
    const qint64 depth = std::count(frameId.begin(), frameId.end(), '[');
    const qint64 room = 16 + 2 * depth;
    if (m_st.lastSeq + qint64(adding) + room < m_limits.historyEvents)
        return false;
    terminate(EventType::ExecutionFailed,
              {{"error", "States.Runtime"},
               {"cause", "the execution history reached its limit of "
                             + std::to_string(m_limits.historyEvents) + " events"}});
    return true;
}

void Stepper::enter(const std::string &frame, const std::string &state, Json input)
{
    m_agenda.push_back({frame, state, std::move(input)});
}

void Stepper::drainAgenda()
{
    while (!m_agenda.empty()) {
        Pending p = std::move(m_agenda.front());
        m_agenda.pop_front();
        if (isFinal(m_st.status))
            continue;
        if (historyFull(0, p.frame))
            continue;
        const State *s = stateOf(p.state);
        if (!s) {
            terminate(EventType::ExecutionFailed,
                      {{"error", "States.Runtime"},
                       {"cause", "state '" + p.state + "' does not exist in the definition"}});
            continue;
        }
        record(EventType::StateEntered, p.frame, p.state, member("input", std::move(p.input)));
        runBody(p.frame, s);
    }
}

void Stepper::runBody(const std::string &frameId, const State *s)
{
    if (!s) {
        FrameState *f = frame(frameId);
        s = f ? stateOf(f->current) : nullptr;
    }
    if (!s)
        return;
    switch (s->type) {
    case StateType::Pass:
        return runPass(frameId, *s);
    case StateType::Task:
        return runTask(frameId, *s);
    case StateType::Choice:
        return runChoice(frameId, *s);
    case StateType::Wait:
        return runWait(frameId, *s);
    case StateType::WaitForEvent:
        return runAwait(frameId, *s);
    case StateType::Parallel:
        return runParallel(frameId, *s);
    case StateType::Map:
        return runMap(frameId, *s);
    case StateType::Succeed:
        return runSucceed(frameId, *s);
    case StateType::Fail:
        return runFail(frameId, *s);
    }
}

void Stepper::completeState(const std::string &frameId, Json output, const State *s)
{
    if (!s) {
        FrameState *f = frame(frameId);
        s = f ? stateOf(f->current) : nullptr;
    }
    if (!s)
        return;
    if (const std::string why = payloadLimitCause(output); !why.empty())
        return failState(frameId, "States.DataLimitExceeded",
                         "the output of state '" + s->name + "' is " + why);
    record(EventType::StateExited, frameId, s->name, member("output", output));
    if (stateTypeInfo(s->type).terminal || s->end || s->next.empty())
        finishFrame(frameId, output);
    else
        enter(frameId, s->next, std::move(output));
}

void Stepper::failState(const std::string &frameId, const std::string &error,
                        const std::string &cause)
{
    FrameState *f = frame(frameId);
    const State *s = f ? stateOf(f->current) : nullptr;
    if (!s)
        return;
    const std::string state = f->current;
    cleanupFrame(*f);
    cleanupBelow(frameId, state);

    for (std::size_t i = 0; i < s->retry.size(); ++i) {
        const RetryPolicy &p = s->retry[i];
        if (!p.matches(error))
            continue;
        const int used = i < f->retriesUsed.size() ? f->retriesUsed[i] : 0;
        if (used + 1 >= p.attempts)
            break; // the first matching policy decides (ASL); it is exhausted
        double delay = p.delayBeforeRetry(used + 1);
        if (p.jitter == RetryPolicy::Jitter::Full)
            delay = std::uniform_real_distribution<double>(0.0, delay)(m_rng);
        if (m_st.simulated)
            delay = 0;
        const qint64 due = m_now + qint64(delay * 1000.0);
        const std::string timerId = nextTimerId();
        record(EventType::RetryScheduled, frameId, state,
               {{"attempt", f->attempt + 1},
                {"policy", int(i)},
                {"delay_seconds", delay},
                {"due_at", isoTime(due)},
                {"due_at_ms", due},
                {"timer_id", timerId},
                {"error", error},
                {"cause", cause}});
        putTimer(timerId, due, {{"kind", "retry"}, {"frame", frameId}, {"state", state}});
        return;
    }

    record(EventType::StateFailed, frameId, state, {{"error", error}, {"cause", cause}});
    f = frame(frameId);
    if (stateTypeInfo(s->type).catches) {
        for (const CatchRule &c : s->catchRules) {
            if (!c.matches(error))
                continue;
            FlowError fe;
            std::optional<Json> out = applyResultPathValue(
                c.resultPath, f->input, Json{{"error", error}, {"cause", cause}}, &fe);
            if (!out)
                return failFrame(frameId, fe.error, "catch: " + fe.cause);
            record(EventType::CatchTaken, frameId, state,
                   {{"error", error}, {"cause", cause}, {"next", c.next}});
            enter(frameId, c.next, std::move(*out));
            return;
        }
    }
    failFrame(frameId, error, cause);
}

void Stepper::finishFrame(const std::string &frameId, const Json &output)
{
    if (frameId.empty()) {
        terminate(EventType::ExecutionSucceeded, {{"output", output}});
        return;
    }
    const FrameState *f = frame(frameId);
    if (!f)
        return;
    const std::string parent = f->parentFrame;
    const std::string parentState = f->parentState;
    record(EventType::BranchFinished, parent, parentState,
           {{"index", f->index}, {"output", output}});
    const State *ps = stateOf(parentState);
    if (ps && ps->type == StateType::Map)
        return startMapItems(parent);
    const FrameState *pf = frame(parent);
    if (!pf)
        return;
    for (const ChildSlot &c : pf->children) {
        if (c.status == ChildSlot::Pending || c.status == ChildSlot::Running)
            return;
    }
    childrenDone(parent);
}

void Stepper::failFrame(const std::string &frameId, const std::string &error,
                        const std::string &cause)
{
    if (frameId.empty()) {
        terminate(EventType::ExecutionFailed, {{"error", error}, {"cause", cause}});
        return;
    }
    const FrameState *f = frame(frameId);
    if (!f)
        return;
    const std::string parent = f->parentFrame;
    const std::string parentState = f->parentState;
    record(EventType::BranchFinished, parent, parentState,
           {{"index", f->index}, {"error", error}, {"cause", cause}});
    const State *ps = stateOf(parentState);
    if (!ps || ps->type != StateType::Map
        || (!ps->toleratedFailureCount && !ps->toleratedFailurePercentage)) {
        return failState(parent, error, cause);
    }
    const FrameState *pf = frame(parent);
    int failures = 0;
    for (const ChildSlot &c : pf->children)
        failures += c.status == ChildSlot::Failed ? 1 : 0;
    const int total = int(pf->children.size());
    const bool overCount = ps->toleratedFailureCount && failures > *ps->toleratedFailureCount;
    const bool overPercent
        = ps->toleratedFailurePercentage
          && failures * 100.0 / std::max(1, total) > *ps->toleratedFailurePercentage;
    if (overCount || overPercent) {
        return failState(parent, "States.ExceedToleratedFailureThreshold",
                         std::to_string(failures) + " of " + std::to_string(total)
                             + " iterations failed; the last with " + error + ": " + cause);
    }
    startMapItems(parent);
}

void Stepper::terminate(EventType type, Json data)
{
    cleanupAll();
    m_agenda.clear();
    record(type, {}, {}, std::move(data));
}

// --- inputs -------------------------------------------------------------------------------

void Stepper::handle(const Input &in)
{
    // Inputs that move a frame on are checked against the history limit first: together with
    // the checks before each state entry and each batch of branch starts, this keeps every
    // stretch of events between two checks within the room historyFull() keeps.
    const bool frameWork = in.kind == Input::Kind::TaskResult
                           || in.kind == Input::Kind::CompleteActivity
                           || in.kind == Input::Kind::Event || in.kind == Input::Kind::Approval
                           || in.kind == Input::Kind::Rejection
                           || (in.kind == Input::Kind::TimerFired
                               && in.data.value("kind", std::string()) != "execution_timeout");
    const std::string workFrame
        = in.kind == Input::Kind::TimerFired ? in.data.value("frame", std::string()) : in.frame;
    if (frameWork && historyFull(0, workFrame)) {
        if (in.kind == Input::Kind::TimerFired) {
            Effect e;
            e.kind = Effect::Kind::DeleteTimer;
            e.timer.id = in.data.value("timer_id", std::string());
            effect(std::move(e));
        }
        return;
    }
    switch (in.kind) {
    case Input::Kind::Start:
        onStart(in);
        break;
    case Input::Kind::TaskResult:
        onTaskResult(in, false);
        break;
    case Input::Kind::CompleteActivity:
        onTaskResult(in, true);
        break;
    case Input::Kind::TimerFired:
        onTimer(in);
        break;
    case Input::Kind::Event:
        onEvent(in);
        break;
    case Input::Kind::Approval:
        onApproval(in, true);
        break;
    case Input::Kind::Rejection:
        onApproval(in, false);
        break;
    case Input::Kind::Cancel:
        if (!isFinal(m_st.status))
            terminate(EventType::ExecutionCancelled,
                      {{"by", in.data.value("by", "")}, {"reason", in.data.value("reason", "")}});
        break;
    case Input::Kind::Redrive:
        onRedrive(in);
        break;
    case Input::Kind::Heartbeat:
        onHeartbeat(in);
        break;
    }
    drainAgenda();
}

void Stepper::onStart(const Input &in)
{
    Json data = in.data;
    data["execution_id"] = in.executionId;
    std::string timerId;
    if (m_def.timeoutSeconds && *m_def.timeoutSeconds > 0) {
        m_st.id = in.executionId; // nextTimerId() needs it before the first event
        timerId = nextTimerId();
        data["timer_id"] = timerId;
    }
    record(EventType::ExecutionStarted, {}, {}, std::move(data));
    if (!timerId.empty())
        putTimer(timerId, m_now + qint64(*m_def.timeoutSeconds) * 1000,
                 {{"kind", "execution_timeout"}});
    enter({}, m_def.machine.startAt, m_st.input);
}

void Stepper::onRedrive(const Input &in)
{
    if (m_st.status != ExecutionStatus::Failed && m_st.status != ExecutionStatus::TimedOut)
        return;
    if (m_limits.historyEvents > 0 && m_st.lastSeq + 16 >= m_limits.historyEvents)
        return; // no room to run anything (Engine::redrive refuses with a message)
    const std::string from = m_st.failedState.empty() ? m_def.machine.startAt : m_st.failedState;
    Json input = in.data.contains("input")
                     ? in.data["input"]
                     : (m_st.failedState.empty() ? m_st.input : m_st.failedInput);
    Json data = {{"from_state", from}};
    if (in.data.contains("input"))
        data["input"] = in.data["input"];
    if (in.data.contains("definition_hash"))
        data["definition_hash"] = in.data["definition_hash"];
    std::string timerId;
    if (m_def.timeoutSeconds && *m_def.timeoutSeconds > 0) {
        timerId = nextTimerId();
        data["timer_id"] = timerId;
    }
    record(EventType::ExecutionRedriven, {}, {}, data);
    if (!timerId.empty())
        putTimer(timerId, m_now + qint64(*m_def.timeoutSeconds) * 1000,
                 {{"kind", "execution_timeout"}});
    enter({}, from, std::move(input));
}

void Stepper::onTaskResult(const Input &in, bool activity)
{
    FrameState *f = frame(in.frame);
    if (!f || f->phase != FrameState::Phase::Task || f->token != in.token)
        return; // stale: the task was cancelled, timed out or already finished
    const State *s = stateOf(f->current);
    if (!s)
        return;
    const std::string state = f->current;
    const int attempt = f->attempt;
    if (!f->timerId.empty()) {
        Effect e;
        e.kind = Effect::Kind::DeleteTimer;
        e.timer.id = f->timerId;
        effect(std::move(e));
    }
    if (hasHeartbeat(s)) {
        Effect e;
        e.kind = Effect::Kind::DeleteTimer;
        e.timer.id = heartbeatTimerId(f->token);
        effect(std::move(e));
    }
    const Json &d = in.data;
    if (activity) {
        record(EventType::ActivityCompleted, in.frame, state, d);
    }
    const bool ok = activity ? !d.contains("error") : d.value("ok", false);
    if (ok) {
        const Json output = d.value("output", Json());
        if (const std::string why = payloadLimitCause(output); !why.empty()) {
            const std::string cause = "the result of state '" + state + "' is " + why;
            record(EventType::TaskFailed, in.frame, state,
                   {{"attempt", attempt}, {"error", "States.DataLimitExceeded"}, {"cause", cause}});
            return failState(in.frame, "States.DataLimitExceeded", cause);
        }
        record(EventType::TaskSucceeded, in.frame, state,
               {{"attempt", attempt}, {"output", output}});
        f = frame(in.frame);
        FlowError fe;
        std::optional<Json> out = stateOutput(*s, f->input, output, context(*f), true, &fe);
        if (!out)
            return failState(in.frame, fe.error, fe.cause);
        return completeState(in.frame, std::move(*out));
    }
    const std::string error = d.value("error", std::string("States.TaskFailed"));
    const std::string cause = d.value("cause", std::string());
    Json failed = {{"attempt", attempt}, {"error", error}, {"cause", cause}};
    if (d.contains("exit_code"))
        failed["exit_code"] = d["exit_code"];
    record(EventType::TaskFailed, in.frame, state, failed);
    failState(in.frame, error, cause);
}

void Stepper::onTimer(const Input &in)
{
    const Json &d = in.data;
    const std::string timerId = d.value("timer_id", std::string());
    {
        Effect e; // the row goes in the same transaction, whatever the timer turns out to be
        e.kind = Effect::Kind::DeleteTimer;
        e.timer.id = timerId;
        effect(std::move(e));
    }
    if (isFinal(m_st.status))
        return;
    const std::string kind = d.value("kind", std::string());
    if (kind == "execution_timeout") {
        if (m_st.executionTimerId != timerId)
            return;
        terminate(EventType::ExecutionTimedOut,
                  {{"error", "States.Timeout"},
                   {"cause", "the execution did not finish within "
                                 + std::to_string(m_def.timeoutSeconds.value_or(0)) + " seconds"}});
        return;
    }
    const std::string frameId = d.value("frame", std::string());
    FrameState *f = frame(frameId);
    if (kind == "heartbeat") {
        const State *s = f ? stateOf(f->current) : nullptr;
        if (!s || f->phase != FrameState::Phase::Task || f->token != d.value("token", "")
            || !hasHeartbeat(s))
            return; // stale: the attempt is over
        const int heartbeats = d.value("heartbeats", 0);
        std::string cause
            = "no heartbeat within " + std::to_string(*s->heartbeatSeconds) + " seconds ";
        cause += heartbeats == 0 ? std::string("of the start of the task")
                                 : "of the last one (" + std::to_string(heartbeats)
                                       + " heartbeats, the last at "
                                       + d.value("last_heartbeat_at", std::string()) + ")";
        const std::string state = f->current;
        cleanupFrame(*f); // kills the process group
        record(EventType::TaskTimedOut, frameId, state,
               {{"attempt", f->attempt},
                {"error", "States.HeartbeatTimeout"},
                {"cause", cause},
                {"heartbeats", heartbeats}});
        return failState(frameId, "States.HeartbeatTimeout", cause);
    }
    if (!f || f->timerId != timerId)
        return; // stale
    const State *s = stateOf(f->current);
    if (!s)
        return;
    const std::string state = f->current;
    if (kind == "wait" && f->phase == FrameState::Phase::Wait) {
        record(EventType::WaitFired, frameId, state, {{"timer_id", timerId}});
        f = frame(frameId);
        FlowError fe;
        const Json ctx = context(*f);
        std::optional<Json> eff = effectiveInput(*s, f->input, ctx, false, &fe);
        std::optional<Json> out = eff ? outputOnly(*s, *eff, ctx, &fe) : std::nullopt;
        if (!out)
            return failState(frameId, fe.error, fe.cause);
        return completeState(frameId, std::move(*out));
    }
    if (kind == "retry" && f->phase == FrameState::Phase::RetryWait) {
        record(EventType::WaitFired, frameId, state, {{"timer_id", timerId}, {"kind", "retry"}});
        return runBody(frameId);
    }
    if (kind == "task_timeout" && f->phase == FrameState::Phase::Task) {
        const std::string cause = "the task did not finish within "
                                  + std::to_string(s->timeoutSeconds.value_or(0)) + " seconds";
        cleanupFrame(*f); // kills the process group
        record(EventType::TaskTimedOut, frameId, state,
               {{"attempt", f->attempt}, {"error", "States.Timeout"}, {"cause", cause}});
        return failState(frameId, "States.Timeout", cause);
    }
    if (kind == "event_timeout" && f->phase == FrameState::Phase::Await) {
        const std::string what = f->awaitKind == "approval" ? "approval" : "event";
        cleanupFrame(*f);
        record(EventType::WaitFired, frameId, state, {{"timer_id", timerId}, {"kind", "timeout"}});
        return failState(frameId, "States.Timeout",
                         "no " + what + " '" + f->awaitEvent + "' arrived within "
                             + std::to_string(s->timeoutSeconds.value_or(0)) + " seconds");
    }
}

void Stepper::onEvent(const Input &in)
{
    const std::string event = in.data.value("event", std::string());
    std::vector<std::string> targets;
    for (const auto &[id, f] : m_st.frames) {
        if (f.phase != FrameState::Phase::Await || f.awaitKind != "event" || f.awaitEvent != event)
            continue;
        if (!in.state.empty() && f.current != in.state)
            continue;
        targets.push_back(id);
    }
    for (const std::string &id : targets) {
        if (historyFull(0, id))
            return;
        FrameState *f = frame(id);
        if (!f)
            continue;
        const State *s = stateOf(f->current);
        if (!s)
            continue;
        cleanupFrame(*f);
        const Json payload = in.data.value("payload", Json());
        record(EventType::EventReceived, id, f->current, {{"event", event}, {"payload", payload}});
        f = frame(id);
        FlowError fe;
        std::optional<Json> out = stateOutput(*s, f->input, payload, context(*f), false, &fe);
        if (!out)
            failState(id, fe.error, fe.cause);
        else
            completeState(id, std::move(*out));
    }
}

void Stepper::onApproval(const Input &in, bool granted)
{
    FrameState *f = frame(in.frame);
    if (!f || f->phase != FrameState::Phase::Await || f->awaitKind != "approval"
        || f->current != in.state)
        return;
    const State *s = stateOf(f->current);
    if (!s)
        return;
    const std::string state = f->current;
    const Json &d = in.data;
    Json entry = {{"by", d.value("by", "")},
                  {"comment", d.value("comment", "")},
                  {"fields", d.value("fields", Json::object())},
                  {"at", isoTime(m_now)}};
    cleanupFrame(*f);
    if (!granted) {
        record(EventType::ApprovalRejected, in.frame, state, entry);
        const std::string by = entry["by"].get<std::string>();
        const std::string comment = entry["comment"].get<std::string>();
        return failState(in.frame, "Approval.Rejected",
                         comment.empty() ? "rejected" + (by.empty() ? "" : " by " + by) : comment);
    }
    record(EventType::ApprovalGranted, in.frame, state, entry);
    f = frame(in.frame);
    Json result = entry;
    result["approved"] = true;
    FlowError fe;
    std::optional<Json> out = stateOutput(*s, f->input, result, context(*f), false, &fe);
    if (!out)
        return failState(in.frame, fe.error, fe.cause);
    completeState(in.frame, std::move(*out));
}

void Stepper::recover()
{
    std::vector<std::string> interrupted;
    for (const auto &[id, f] : m_st.frames) {
        if (f.phase != FrameState::Phase::Task || f.token.empty())
            continue;
        if (!f.activity)
            interrupted.push_back(id);
        else if (const State *s = stateOf(f.current); hasHeartbeat(s))
            putHeartbeatTimer(f, *s, 0); // nobody could heartbeat while no host ran
    }
    for (const std::string &id : interrupted) {
        if (historyFull(0, id))
            return;
        FrameState *f = frame(id);
        const State *s = stateOf(f->current);
        if (!s)
            continue;
        record(EventType::TaskInterrupted, id, f->current,
               {{"attempt", f->attempt}, {"token", f->token}});
        f = frame(id);
        FlowError fe;
        std::optional<Json> eff = effectiveInput(*s, f->input, context(*f), true, &fe);
        Effect e;
        e.kind = Effect::Kind::StartTask;
        e.frame = id;
        e.state = f->current;
        e.token = f->token;
        e.attempt = f->attempt;
        e.input = eff.value_or(Json());
        effect(std::move(e));
        if (hasHeartbeat(s))
            putHeartbeatTimer(*f, *s, 0); // the new run gets a fresh deadline
    }
}

void Stepper::onHeartbeat(const Input &in)
{
    const FrameState *f = frame(in.frame);
    const State *s = f ? stateOf(f->current) : nullptr;
    if (!s || f->phase != FrameState::Phase::Task || f->token != in.token || !hasHeartbeat(s))
        return; // stale, or a task without heartbeat_seconds
    putHeartbeatTimer(*f, *s, in.data.value("heartbeats", 1));
}

} // namespace Signalbox::Runtime
