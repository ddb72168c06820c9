// The bodies of the state types: what happens right after StateEntered.
#include "stepper.h"

#include "flow.h"

#include "signalbox/condition.h"
#include "signalbox/jsonpath.h"

#include <cmath>

namespace Signalbox::Runtime {

namespace {

// Renders "{{$.path}}" placeholders of an approval prompt against the effective input.
std::string renderPrompt(const std::string &prompt, const Json &input, const Json &ctx)
{
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t open = prompt.find("{{", pos);
        const std::size_t close = open == std::string::npos ? open : prompt.find("}}", open);
        if (close == std::string::npos) {
            out += prompt.substr(pos);
            return out;
        }
        out += prompt.substr(pos, open - pos);
        std::string path = prompt.substr(open + 2, close - open - 2);
        path.erase(0, path.find_first_not_of(' '));
        path.erase(path.find_last_not_of(' ') + 1);
        std::optional<Json> v = selectPath(path, input, ctx);
        if (v)
            out += v->is_string() ? v->get<std::string>() : v->dump();
        pos = close + 2;
    }
}

Json formToJson(const std::vector<FormField> &form)
{
    Json out = Json::array();
    for (const FormField &f : form) {
        Json j = {{"name", f.name}, {"type", f.type}, {"required", f.required}};
        if (!f.label.empty())
            j["label"] = f.label;
        if (!f.options.empty())
            j["options"] = f.options;
        out.push_back(std::move(j));
    }
    return out;
}

} // namespace

void Stepper::runPass(const std::string &frameId, const State &s)
{
    FrameState &f = *frame(frameId);
    if (!s.inputPath && !s.parameters && !s.result && !s.resultPath && !s.outputPath) {
        // No data-flow field: the output is the input, moved on (StateExited clears the frame's
        // input in replay too). An oversized one keeps it, for a catch's result_path.
        return completeState(frameId, tooLarge(f.input) ? Json(f.input) : std::move(f.input),
                             &s);
    }
    const Json ctx = context(f);
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f.input, ctx, true, &fe);
    if (!eff)
        return failState(frameId, fe.error, fe.cause);
    const Json result = s.result ? *s.result : *eff;
    std::optional<Json> out = stateOutput(s, f.input, result, ctx, false, &fe);
    if (!out)
        return failState(frameId, fe.error, fe.cause);
    completeState(frameId, std::move(*out));
}

void Stepper::runSucceed(const std::string &frameId, const State &s)
{
    const FrameState &f = *frame(frameId);
    const Json ctx = context(f);
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f.input, ctx, false, &fe);
    std::optional<Json> out = eff ? outputOnly(s, *eff, ctx, &fe) : std::nullopt;
    if (!out)
        return failState(frameId, fe.error, fe.cause);
    completeState(frameId, std::move(*out));
}

void Stepper::runTask(const std::string &frameId, const State &s)
{
    FrameState *f = frame(frameId);
    const std::string token = m_st.id + ":" + std::to_string(m_st.lastSeq + 1);
    Json ctx = context(*f);
    ctx["Task"]["Token"] = token;
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f->input, ctx, true, &fe);
    if (!eff)
        return failState(frameId, fe.error, fe.cause);
    if (const std::string why = payloadLimitCause(*eff); !why.empty())
        return failState(frameId, "States.DataLimitExceeded",
                         "the input of task '" + s.name + "' is " + why);
    const int attempt = f->attempt;
    const bool activity = s.run.kind == Executor::Kind::None;
    Json data = {{"attempt", attempt}, {"token", token}, {"input", *eff}};
    if (activity)
        data["activity"] = true;
    if (m_st.simulated) {
        data["simulated"] = true;
        record(EventType::TaskScheduled, frameId, s.name, data);
        const Json result = s.mock ? *s.mock : *eff;
        record(EventType::TaskSucceeded, frameId, s.name,
               {{"attempt", attempt}, {"output", result}, {"simulated", true}});
        f = frame(frameId);
        std::optional<Json> out = stateOutput(s, f->input, result, context(*f), true, &fe);
        if (!out)
            return failState(frameId, fe.error, fe.cause);
        return completeState(frameId, std::move(*out));
    }
    std::string timerId;
    if (s.timeoutSeconds && *s.timeoutSeconds > 0) {
        timerId = nextTimerId();
        data["timeout_timer_id"] = timerId;
    }
    if (hasHeartbeat(&s))
        data["heartbeat_timer_id"] = heartbeatTimerId(token);
    record(EventType::TaskScheduled, frameId, s.name, data);
    if (!timerId.empty()) {
        putTimer(timerId, m_now + qint64(*s.timeoutSeconds) * 1000,
                 {{"kind", "task_timeout"}, {"frame", frameId}, {"state", s.name}});
    }
    if (hasHeartbeat(&s))
        putHeartbeatTimer(*frame(frameId), s, 0);
    if (activity)
        return; // waits for `complete`
    record(EventType::TaskStarted, frameId, s.name, {{"attempt", attempt}, {"token", token}});
    Effect e;
    e.kind = Effect::Kind::StartTask;
    e.frame = frameId;
    e.state = s.name;
    e.token = token;
    e.attempt = attempt;
    e.input = std::move(*eff);
    effect(std::move(e));
}

void Stepper::runChoice(const std::string &frameId, const State &s)
{
    const FrameState &f = *frame(frameId);
    const Json ctx = context(f);
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f.input, ctx, false, &fe);
    if (!eff)
        return failState(frameId, fe.error, fe.cause);
    int rule = -1;
    std::string next;
    for (std::size_t i = 0; i < s.choices.size(); ++i) {
        if (evaluateCondition(s.choices[i].condition, *eff, ctx)) {
            rule = int(i);
            next = s.choices[i].next;
            break;
        }
    }
    if (rule < 0)
        next = s.defaultNext;
    if (next.empty()) {
        return failState(frameId, "States.NoChoiceMatched",
                         "no rule of choice '" + s.name + "' matched and it has no default");
    }
    std::optional<Json> out = outputOnly(s, *eff, ctx, &fe);
    if (!out)
        return failState(frameId, fe.error, fe.cause);
    if (const std::string why = payloadLimitCause(*out); !why.empty())
        return failState(frameId, "States.DataLimitExceeded",
                         "the output of state '" + s.name + "' is " + why);
    record(EventType::ChoiceTaken, frameId, s.name, {{"rule", rule}, {"next", next}});
    record(EventType::StateExited, frameId, s.name, {{"output", *out}});
    enter(frameId, next, std::move(*out));
}

void Stepper::runWait(const std::string &frameId, const State &s)
{
    const FrameState &f = *frame(frameId);
    const Json ctx = context(f);
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f.input, ctx, false, &fe);
    if (!eff)
        return failState(frameId, fe.error, fe.cause);
    std::optional<qint64> due;
    std::string problem;
    if (s.seconds) {
        due = m_now + qint64(std::llround(*s.seconds * 1000.0));
    } else if (!s.secondsPath.empty()) {
        std::optional<Json> v = selectValue(s.secondsPath, *eff, ctx, &fe);
        if (v && v->is_number() && v->get<double>() >= 0)
            due = m_now + qint64(std::llround(v->get<double>() * 1000.0));
        else
            problem = "seconds_path '" + s.secondsPath + "' must select a number >= 0";
    } else {
        std::string text = s.timestamp;
        if (!s.timestampPath.empty()) {
            std::optional<Json> v = selectValue(s.timestampPath, *eff, ctx, &fe);
            text = v && v->is_string() ? v->get<std::string>() : std::string();
        }
        due = parseIsoTime(text);
        if (!due)
            problem = "'" + text + "' is not an RFC 3339 timestamp";
    }
    if (!due)
        return failState(frameId, "States.Runtime", "wait '" + s.name + "': " + problem);
    if (m_st.simulated) {
        record(EventType::WaitStarted, frameId, s.name,
               {{"due_at", isoTime(*due)}, {"due_at_ms", *due}, {"simulated", true}});
        record(EventType::WaitFired, frameId, s.name, {{"simulated", true}});
        std::optional<Json> out = outputOnly(s, *eff, ctx, &fe);
        if (!out)
            return failState(frameId, fe.error, fe.cause);
        return completeState(frameId, std::move(*out));
    }
    const std::string timerId = nextTimerId();
    record(EventType::WaitStarted, frameId, s.name,
           {{"due_at", isoTime(*due)}, {"due_at_ms", *due}, {"timer_id", timerId}});
    putTimer(timerId, *due, {{"kind", "wait"}, {"frame", frameId}, {"state", s.name}});
}

void Stepper::runAwait(const std::string &frameId, const State &s)
{
    const FrameState &f = *frame(frameId);
    const Json ctx = context(f);
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f.input, ctx, true, &fe);
    if (!eff)
        return failState(frameId, fe.error, fe.cause);
    const std::string kind = s.eventKind.empty() ? std::string("approval") : s.eventKind;
    Json data = {{"event", s.effectiveEvent()},
                 {"kind", kind},
                 {"prompt", renderPrompt(s.prompt, *eff, ctx)},
                 {"form", formToJson(s.form)},
                 {"assignee", s.assignee}};
    qint64 deadline = 0;
    std::string timerId;
    // In simulation waits take no time, so a deadline would fire at once: it is ignored.
    if (s.timeoutSeconds && *s.timeoutSeconds > 0 && !m_st.simulated) {
        deadline = m_now + qint64(*s.timeoutSeconds) * 1000;
        timerId = nextTimerId();
        data["deadline"] = isoTime(deadline);
        data["timer_id"] = timerId;
    }
    data["input"] = *eff;
    record(EventType::EventAwaited, frameId, s.name, data);
    if (!timerId.empty())
        putTimer(timerId, deadline,
                 {{"kind", "event_timeout"}, {"frame", frameId}, {"state", s.name}});
    Effect e;
    e.kind = Effect::Kind::PutWait;
    e.wait.executionId = m_st.id;
    e.wait.frame = frameId;
    e.wait.state = s.name;
    e.wait.event = s.effectiveEvent();
    e.wait.kind = kind;
    e.wait.sinceMs = m_now;
    e.wait.deadlineMs = deadline;
    e.wait.data = {{"prompt", data["prompt"]},
                   {"form", data["form"]},
                   {"assignee", s.assignee},
                   {"input", *eff}};
    effect(std::move(e));
}

void Stepper::runParallel(const std::string &frameId, const State &s)
{
    const FrameState &f = *frame(frameId);
    FlowError fe;
    std::optional<Json> eff = effectiveInput(s, f.input, context(f), true, &fe);
    if (!eff)
        return failState(frameId, fe.error, fe.cause);
    const int count = int(s.branches.size());
    for (const auto &branch : s.branches) {
        if (!branch || !stateOf(branch->startAt)) // an unvalidated definition
            return failState(frameId, "States.Runtime",
                             "parallel '" + s.name + "' has a branch without a valid start_at");
    }
    if (count == 0)
        return childrenDone(frameId);
    // Every branch takes at least 4 events (started, entered, exited or failed, finished).
    if (historyFull(std::size_t(count) * 4, childFrameId(frameId, s.name, 0)))
        return;
    for (int i = 0; i < count; ++i) {
        record(EventType::BranchStarted, frameId, s.name,
               {{"index", i}, {"count", count}, {"input", *eff}});
        enter(childFrameId(frameId, s.name, i), s.branches[i]->startAt, *eff);
    }
}

const FrameState::MapItems *Stepper::mapItems(const std::string &frameId, const State &s,
                                              FlowError *fe)
{
    FrameState *f = frame(frameId);
    if (!f)
        return nullptr;
    if (const auto &m = f->mapMemo.value; m && m->state == s.name && m->attempt == f->attempt)
        return m.get();
    const Json ctx = context(*f);
    std::optional<Json> eff = effectiveInput(s, f->input, ctx, false, fe);
    if (!eff)
        return nullptr;
    std::optional<Json> items = s.itemsPath.empty() ? eff : selectValue(s.itemsPath, *eff, ctx, fe);
    if (!items) {
        fe->cause = "items_path: " + fe->cause;
        return nullptr;
    }
    if (!items->is_array()) {
        fe->error = "States.Runtime";
        fe->cause = "items_path of map '" + s.name + "' must select an array";
        return nullptr;
    }
    auto m = std::make_shared<FrameState::MapItems>();
    m->state = s.name;
    m->attempt = f->attempt;
    m->effective = std::move(*eff);
    m->items = std::move(*items);
    if (s.itemSelector || s.parameters)
        m->context = ctx; // copying the execution input for every iteration would be quadratic
    f->mapMemo.value = m;
    return m.get();
}

void Stepper::runMap(const std::string &frameId, const State &s)
{
    frame(frameId)->mapMemo.value.reset(); // a new start (or a retry): select the items again
    FlowError fe;
    const FrameState::MapItems *m = mapItems(frameId, s, &fe);
    if (!m)
        return failState(frameId, fe.error, fe.cause);
    if (m->items.empty())
        return childrenDone(frameId);
    if (!s.processor || !stateOf(s.processor->startAt)) // an unvalidated definition
        return failState(frameId, "States.Runtime",
                         "map '" + s.name + "' has no processor with a valid start_at");
    // Every iteration takes at least 4 events (started, entered, exited or failed, finished):
    // a map that cannot fit fails now rather than after thousands of events.
    if (historyFull(m->items.size() * 4, childFrameId(frameId, s.name, 0)))
        return;
    startMapItems(frameId);
}

// Starts pending map iterations up to max_concurrency (kDefaultMapConcurrency when 0); finishes
// the map when none is left.
// Iterations start in index order, so the pending ones are those from the first pending on.
void Stepper::startMapItems(const std::string &frameId)
{
    FrameState *f = frame(frameId);
    const State *s = f ? stateOf(f->current) : nullptr;
    if (!s || isFinal(m_st.status))
        return;
    FlowError fe;
    if (!mapItems(frameId, *s, &fe))
        return failState(frameId, fe.error, fe.cause);
    // Kept alive here: a failure below may end the execution and drop the frames.
    const std::shared_ptr<const FrameState::MapItems> memo = f->mapMemo.value;
    const Json &items = memo->items;
    const int count = int(items.size());
    int running = 0;
    int next = -1;
    for (int i = 0; i < int(f->children.size()); ++i) {
        const int status = f->children[i].status;
        if (status == ChildSlot::Running)
            ++running;
        else if (status == ChildSlot::Pending && next < 0)
            next = i;
    }
    if (next < 0 && int(f->children.size()) < count)
        next = int(f->children.size());
    if (next < 0 && running == 0)
        return childrenDone(frameId);
    const int limit = s->maxConcurrency > 0 ? s->maxConcurrency : kDefaultMapConcurrency;
    const int starting = next < 0 ? 0 : std::min(limit - running, count - next);
    if (starting <= 0)
        return;
    if (historyFull(std::size_t(starting), childFrameId(frameId, s->name, next)))
        return;
    const std::optional<Json> &selector = s->itemSelector ? s->itemSelector : s->parameters;
    for (int i = next; i < next + starting; ++i) {
        Json input = items[i];
        if (selector) {
            Json &ctx = memo->context;
            ctx["Map"] = {{"Item", {{"Index", i}, {"Value", items[i]}}}};
            std::optional<Json> v = applyTemplateValue(*selector, memo->effective, ctx, &fe);
            ctx.erase("Map");
            if (!v)
                return failState(frameId, fe.error, "item_selector: " + fe.cause);
            input = std::move(*v);
        }
        record(EventType::BranchStarted, frameId, s->name,
               {{"index", i}, {"count", count}, {"input", input}});
        enter(childFrameId(frameId, s->name, i), s->processor->startAt, std::move(input));
    }
}

void Stepper::childrenDone(const std::string &frameId)
{
    FrameState *f = frame(frameId);
    const State *s = f ? stateOf(f->current) : nullptr;
    if (!s)
        return;
    Json results = Json::array();
    for (const ChildSlot &c : f->children)
        results.push_back(c.output);
    FlowError fe;
    std::optional<Json> out = stateOutput(*s, f->input, results, context(*f), true, &fe);
    if (!out)
        return failState(frameId, fe.error, fe.cause);
    completeState(frameId, std::move(*out));
}

void Stepper::runFail(const std::string &frameId, const State &s)
{
    const FrameState &f = *frame(frameId);
    const Json ctx = context(f);
    std::string error = s.error;
    std::string cause = s.cause;
    FlowError fe;
    if (!s.errorPath.empty()) {
        std::optional<Json> v = selectValue(s.errorPath, f.input, ctx, &fe);
        error = v && v->is_string() ? v->get<std::string>() : std::string();
    }
    if (!s.causePath.empty()) {
        std::optional<Json> v = selectValue(s.causePath, f.input, ctx, &fe);
        cause = v && v->is_string() ? v->get<std::string>() : std::string();
    }
    if (error.empty())
        error = "States.Failed";
    failState(frameId, error, cause);
}

} // namespace Signalbox::Runtime
