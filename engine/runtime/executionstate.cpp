#include "executionstate.h"

namespace Signalbox::Runtime {

namespace {

const char *phaseNames[]
    = {"idle", "task", "retry_wait", "wait", "await", "children", "failed", "exited"};

std::string str(const Json &j, const char *key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json frameToJson(const FrameState &f)
{
    Json children = Json::array();
    for (const ChildSlot &c : f.children)
        children.push_back(ObjectBuilder(2).add("status", c.status).add("output", c.output).take());
    return ObjectBuilder(19)
        .add("id", f.id)
        .add("parent_frame", f.parentFrame)
        .add("parent_state", f.parentState)
        .add("index", f.index)
        .add("current", f.current)
        .add("input", f.input)
        .add("entered_at", f.enteredAtMs)
        .add("phase", phaseNames[int(f.phase)])
        .add("attempt", f.attempt)
        .add("token", f.token)
        .add("task_started", f.taskStarted)
        .add("activity", f.activity)
        .add("timer_id", f.timerId)
        .add("await_event", f.awaitEvent)
        .add("await_kind", f.awaitKind)
        .add("retries_used", f.retriesUsed)
        .add("children", std::move(children))
        .add("error", f.error)
        .add("cause", f.cause)
        .take();
}

FrameState frameFromJson(const Json &j)
{
    FrameState f;
    f.id = j.at("id").get<std::string>();
    f.parentFrame = j.at("parent_frame").get<std::string>();
    f.parentState = j.at("parent_state").get<std::string>();
    f.index = j.at("index").get<int>();
    f.current = j.at("current").get<std::string>();
    f.input = j.at("input");
    f.enteredAtMs = j.at("entered_at").get<qint64>();
    const std::string phase = j.at("phase").get<std::string>();
    for (int i = 0; i < int(std::size(phaseNames)); ++i) {
        if (phase == phaseNames[i])
            f.phase = FrameState::Phase(i);
    }
    f.attempt = j.at("attempt").get<int>();
    f.token = j.at("token").get<std::string>();
    f.taskStarted = j.at("task_started").get<bool>();
    f.activity = j.at("activity").get<bool>();
    f.timerId = j.at("timer_id").get<std::string>();
    f.awaitEvent = j.at("await_event").get<std::string>();
    f.awaitKind = j.at("await_kind").get<std::string>();
    f.retriesUsed = j.at("retries_used").get<std::vector<int>>();
    for (const Json &c : j.at("children"))
        f.children.push_back({c.at("status").get<int>(), c.at("output")});
    f.error = j.at("error").get<std::string>();
    f.cause = j.at("cause").get<std::string>();
    return f;
}

// Erases every key of the ordered frame map that starts with `prefix` (a contiguous range).
void erasePrefix(ExecutionState &st, const std::string &prefix)
{
    auto it = st.frames.lower_bound(prefix);
    while (it != st.frames.end() && it->first.compare(0, prefix.size(), prefix) == 0)
        it = st.frames.erase(it);
}

// Removes frame `id` and every frame below it ("x[0]" removes "x[0]" and "x[0]/...").
void eraseFrameTree(ExecutionState &st, const std::string &id)
{
    st.frames.erase(id);
    erasePrefix(st, id + "/");
}

// Removes the child frames of state `state` in frame `frame`.
void eraseChildren(ExecutionState &st, const std::string &frame, const std::string &state)
{
    erasePrefix(st, frame.empty() ? state + "[" : frame + "/" + state + "[");
}

void clearWork(FrameState &f)
{
    f.token.clear();
    f.taskStarted = false;
    f.activity = false;
    f.timerId.clear();
    f.awaitEvent.clear();
    f.awaitKind.clear();
}

void endExecution(ExecutionState &st, ExecutionStatus status, qint64 at)
{
    st.status = status;
    st.endedAtMs = at;
    st.executionTimerId.clear();
    // Keep the top-level frame's position (for redrive and for the diagram), drop the work.
    FrameState top;
    auto it = st.frames.find("");
    if (it != st.frames.end())
        top = it->second;
    st.frames.clear();
    clearWork(top);
    top.children.clear();
    if (status == ExecutionStatus::Failed || status == ExecutionStatus::TimedOut) {
        st.failedState = top.current;
        st.failedInput = top.input;
    }
    top.phase = FrameState::Phase::Exited;
    st.frames[""] = top;
}

} // namespace

std::string childFrameId(const std::string &frame, const std::string &state, int index)
{
    const std::string base = state + "[" + std::to_string(index) + "]";
    return frame.empty() ? base : frame + "/" + base;
}

Json ExecutionState::toJson() const
{
    Json frameList = Json::array();
    for (const auto &[id, f] : frames)
        frameList.push_back(frameToJson(f));
    return ObjectBuilder(19)
        .add("id", id)
        .add("name", name)
        .add("workflow", workflow)
        .add("definition_hash", definitionHash)
        .add("source_path", sourcePath)
        .add("simulated", simulated)
        .add("status", executionStatusName(status))
        .add("input", input)
        .add("output", output)
        .add("error", error)
        .add("cause", cause)
        .add("failed_state", failedState)
        .add("failed_input", failedInput)
        .add("started_at", startedAtMs)
        .add("ended_at", endedAtMs)
        .add("last_seq", lastSeq)
        .add("execution_timer_id", executionTimerId)
        .add("redrive_count", redriveCount)
        .add("frames", std::move(frameList))
        .take();
}

ExecutionState ExecutionState::fromJson(const Json &j)
{
    ExecutionState st;
    st.id = j.at("id").get<std::string>();
    st.name = j.at("name").get<std::string>();
    st.workflow = j.at("workflow").get<std::string>();
    st.definitionHash = j.at("definition_hash").get<std::string>();
    st.sourcePath = j.at("source_path").get<std::string>();
    st.simulated = j.at("simulated").get<bool>();
    st.status = executionStatusFromName(j.at("status").get<std::string>())
                    .value_or(ExecutionStatus::Running);
    st.input = j.at("input");
    st.output = j.at("output");
    st.error = j.at("error").get<std::string>();
    st.cause = j.at("cause").get<std::string>();
    st.failedState = j.at("failed_state").get<std::string>();
    st.failedInput = j.at("failed_input");
    st.startedAtMs = j.at("started_at").get<qint64>();
    st.endedAtMs = j.at("ended_at").get<qint64>();
    st.lastSeq = j.at("last_seq").get<qint64>();
    st.executionTimerId = j.at("execution_timer_id").get<std::string>();
    st.redriveCount = j.at("redrive_count").get<int>();
    for (const Json &f : j.at("frames")) {
        FrameState fs = frameFromJson(f);
        st.frames[fs.id] = std::move(fs);
    }
    return st;
}

Json ExecutionState::positions() const
{
    Json out = Json::array();
    if (isFinal(status))
        return out;
    for (const auto &[id, f] : frames) {
        if (f.current.empty() || f.phase == FrameState::Phase::Children)
            continue;
        out.push_back(id.empty() ? f.current : id + "/" + f.current);
    }
    return out;
}

ExecutionStatus ExecutionState::liveStatus() const
{
    if (isFinal(status))
        return status;
    bool any = false;
    for (const auto &[id, f] : frames) {
        if (f.current.empty() || f.phase == FrameState::Phase::Children)
            continue;
        const bool waiting = f.phase == FrameState::Phase::Await
                             || (f.phase == FrameState::Phase::Task && f.activity);
        if (!waiting)
            return ExecutionStatus::Running;
        any = true;
    }
    return any ? ExecutionStatus::Waiting : ExecutionStatus::Running;
}

void applyEvent(ExecutionState &st, const HistoryEvent &e)
{
    st.lastSeq = e.seq;
    const Json &d = e.data;
    auto frame = [&]() -> FrameState & {
        FrameState &f = st.frames[e.frame];
        f.id = e.frame;
        return f;
    };
    switch (e.type) {
    case EventType::ExecutionStarted:
        st.id = str(d, "execution_id");
        st.name = str(d, "name");
        st.workflow = str(d, "workflow");
        st.definitionHash = str(d, "definition_hash");
        st.sourcePath = str(d, "source_path");
        st.simulated = d.value("simulated", false);
        st.input = d.value("input", Json());
        st.startedAtMs = e.atMs;
        st.status = ExecutionStatus::Running;
        st.executionTimerId = str(d, "timer_id");
        st.frames.clear();
        st.frames[""].id = "";
        break;
    case EventType::StateEntered: {
        FrameState &f = frame();
        f.current = e.state;
        const auto input = d.find("input");
        f.input = input != d.end() ? *input : Json();
        f.enteredAtMs = e.atMs;
        f.phase = FrameState::Phase::Idle;
        f.attempt = 1;
        f.retriesUsed.clear();
        f.children.clear();
        f.error.clear();
        f.cause.clear();
        clearWork(f);
        break;
    }
    case EventType::StateExited: {
        FrameState &f = frame();
        clearWork(f);
        f.phase = FrameState::Phase::Exited;
        f.input = Json(); // the output moved on (the Stepper moves a pass state's input out)
        break;
    }
    case EventType::TaskScheduled: {
        FrameState &f = frame();
        f.phase = FrameState::Phase::Task;
        f.attempt = d.value("attempt", 1);
        f.token = str(d, "token");
        f.taskStarted = false;
        f.activity = d.value("activity", false);
        f.timerId = str(d, "timeout_timer_id");
        break;
    }
    case EventType::TaskStarted:
        frame().taskStarted = true;
        break;
    case EventType::TaskSucceeded:
    case EventType::TaskFailed:
    case EventType::TaskTimedOut: {
        FrameState &f = frame();
        clearWork(f);
        f.phase = FrameState::Phase::Idle;
        break;
    }
    case EventType::TaskInterrupted:
    case EventType::ChoiceTaken:
    case EventType::ActivityCompleted:
    case EventType::CatchTaken:
        break;
    case EventType::RetryScheduled: {
        FrameState &f = frame();
        clearWork(f);
        eraseChildren(st, e.frame, e.state);
        f.children.clear();
        f.phase = FrameState::Phase::RetryWait;
        f.attempt = d.value("attempt", f.attempt + 1);
        f.timerId = str(d, "timer_id");
        const int policy = d.value("policy", 0);
        if (int(f.retriesUsed.size()) <= policy)
            f.retriesUsed.resize(policy + 1, 0);
        f.retriesUsed[policy] += 1;
        break;
    }
    case EventType::WaitStarted: {
        FrameState &f = frame();
        f.phase = FrameState::Phase::Wait;
        f.timerId = str(d, "timer_id");
        break;
    }
    case EventType::WaitFired: {
        FrameState &f = frame();
        f.timerId.clear();
        f.phase = FrameState::Phase::Idle;
        break;
    }
    case EventType::TimerCancelled: {
        FrameState &f = frame();
        if (f.timerId == str(d, "timer_id"))
            f.timerId.clear();
        break;
    }
    case EventType::EventAwaited: {
        FrameState &f = frame();
        f.phase = FrameState::Phase::Await;
        f.awaitEvent = str(d, "event");
        f.awaitKind = str(d, "kind");
        f.timerId = str(d, "timer_id");
        break;
    }
    case EventType::EventReceived:
    case EventType::ApprovalGranted:
    case EventType::ApprovalRejected: {
        FrameState &f = frame();
        clearWork(f);
        f.phase = FrameState::Phase::Idle;
        break;
    }
    case EventType::BranchStarted: {
        FrameState &f = frame();
        f.phase = FrameState::Phase::Children;
        const int index = d.value("index", 0);
        const int count = d.value("count", index + 1);
        if (int(f.children.size()) < count)
            f.children.resize(count);
        f.children[index].status = ChildSlot::Running;
        FrameState &child = st.frames[childFrameId(e.frame, e.state, index)];
        child = FrameState();
        child.id = childFrameId(e.frame, e.state, index);
        child.parentFrame = e.frame;
        child.parentState = e.state;
        child.index = index;
        break;
    }
    case EventType::BranchFinished: {
        FrameState &f = frame();
        const int index = d.value("index", 0);
        if (int(f.children.size()) <= index)
            f.children.resize(index + 1);
        ChildSlot &slot = f.children[index];
        if (d.contains("error")) {
            slot.status = ChildSlot::Failed;
            slot.output = {{"error", d["error"]}, {"cause", d.value("cause", Json(""))}};
        } else {
            slot.status = ChildSlot::Succeeded;
            slot.output = d.value("output", Json());
        }
        eraseFrameTree(st, childFrameId(e.frame, e.state, index));
        break;
    }
    case EventType::StateFailed: {
        FrameState &f = frame();
        clearWork(f);
        eraseChildren(st, e.frame, e.state);
        f.children.clear();
        f.phase = FrameState::Phase::Failed;
        f.error = str(d, "error");
        f.cause = str(d, "cause");
        break;
    }
    case EventType::ExecutionSucceeded:
        st.output = d.value("output", Json());
        endExecution(st, ExecutionStatus::Succeeded, e.atMs);
        break;
    case EventType::ExecutionFailed:
        st.error = str(d, "error");
        st.cause = str(d, "cause");
        endExecution(st, ExecutionStatus::Failed, e.atMs);
        break;
    case EventType::ExecutionCancelled:
        st.error = "States.Cancelled";
        st.cause = str(d, "reason");
        endExecution(st, ExecutionStatus::Cancelled, e.atMs);
        break;
    case EventType::ExecutionTimedOut:
        st.error = "States.Timeout";
        st.cause = str(d, "cause");
        endExecution(st, ExecutionStatus::TimedOut, e.atMs);
        break;
    case EventType::ExecutionRedriven:
        st.status = ExecutionStatus::Running;
        st.error.clear();
        st.cause.clear();
        st.output = Json();
        st.endedAtMs = 0;
        st.redriveCount += 1;
        st.executionTimerId = str(d, "timer_id");
        if (d.contains("definition_hash"))
            st.definitionHash = str(d, "definition_hash");
        st.frames.clear();
        st.frames[""].id = "";
        break;
    }
}

ExecutionState replay(const std::vector<HistoryEvent> &history)
{
    ExecutionState st;
    for (const HistoryEvent &e : history)
        applyEvent(st, e);
    return st;
}

} // namespace Signalbox::Runtime
