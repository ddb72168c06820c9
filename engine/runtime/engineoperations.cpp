// Engine operations: validate against the cached state, then queue an Input for the next drain.
#include "engineprivate.h"

#include "signalbox/codecs.h"
#include "signalbox/executionname.h"
#include "signalbox/inputschema.h"
#include "signalbox/jsonread.h"

#include <QUuid>


namespace Signalbox {

using Runtime::FrameState;
using Runtime::Input;

namespace {

// Checks approval form data against the form; converts "42"/"true" strings (as the command line
// sends them) to numbers/booleans. Returns an error message or "".
std::string checkForm(const std::vector<FormField> &form, Json &fields)
{
    if (!fields.is_object())
        return "form fields must be a JSON object";
    if (form.empty())
        return {};
    for (const auto &member : fields.items()) {
        // Not a structured binding: clang before 16 cannot capture one in a lambda (the fuzz
        // build uses clang).
        const std::string &key = member.key();
        const bool known = std::any_of(form.begin(), form.end(),
                                       [&](const FormField &f) { return f.name == key; });
        if (!known)
            return "the form has no field '" + key + "'";
    }
    for (const FormField &f : form) {
        if (!fields.contains(f.name) || fields[f.name].is_null()
            || (fields[f.name].is_string() && fields[f.name].get<std::string>().empty())) {
            if (f.required)
                return "the form field '" + f.name + "' is required";
            continue;
        }
        Json &v = fields[f.name];
        if (f.type == "number") {
            if (v.is_string()) {
                bool ok = false;
                const double n = QString::fromStdString(v.get<std::string>()).toDouble(&ok);
                if (ok)
                    v = n;
            }
            if (!v.is_number())
                return "the form field '" + f.name + "' must be a number";
        } else if (f.type == "boolean") {
            if (v.is_string() && (v == "true" || v == "false"))
                v = v == "true";
            if (!v.is_boolean())
                return "the form field '" + f.name + "' must be true or false";
        } else {
            if (!v.is_string())
                return "the form field '" + f.name + "' must be text";
            if (f.type == "choice" && !f.options.empty()
                && std::find(f.options.begin(), f.options.end(), v.get<std::string>())
                       == f.options.end()) {
                std::string list;
                for (const std::string &o : f.options)
                    list += (list.empty() ? "" : ", ") + o;
                return "the form field '" + f.name + "' must be one of: " + list;
            }
        }
    }
    return {};
}

// "state" at the top level, "frame/state" inside a parallel branch or map iteration (the form
// `positions` shows); operations accept either.
std::string position(const FrameState &f)
{
    return f.id.empty() ? f.current : f.id + "/" + f.current;
}

std::string statusWord(ExecutionStatus s)
{
    return executionStatusName(s);
}

// Why `value` cannot be an execution's payload ("" when it can): nested deeper than the JSON
// limit (checked first and without recursion, so that the size check's dump() is safe) or
// larger than `limitBytes` (0 = no size limit).
std::string payloadProblem(const Json &value, std::size_t limitBytes, const char *what)
{
    if (jsonDepthExceeds(value, kJsonMaxDepth))
        return std::string(what) + " is nested deeper than " + std::to_string(kJsonMaxDepth)
               + " levels";
    if (limitBytes && value.dump().size() > limitBytes)
        return std::string(what) + " is larger than the payload limit of "
               + std::to_string(limitBytes) + " bytes";
    return {};
}

// Why `input` does not conform to the workflow's input_schema ("" when it does, or when there is
// none): "InvalidExecutionInput: $.amount: minimum: ...".
std::string inputSchemaProblem(const Definition &def, const Json &input)
{
    if (!def.inputSchema)
        return {};
    const std::vector<InputProblem> problems = validateInput(*def.inputSchema, input);
    if (problems.empty())
        return {};
    return std::string(kInvalidExecutionInput) + ": the input does not match the workflow's "
           + "input_schema: " + describeInputProblems(problems);
}

} // namespace

OperationResult Engine::start(const Definition &def, const std::string &source,
                              const QString &sourcePath, const Json &input, const std::string &name,
                              bool simulate)
{
    if (!d->store)
        return OperationResult::failure("the engine has no open database");
    if (!name.empty()) {
        if (const std::string why = executionNameProblem(name); !why.empty())
            return OperationResult::failure("InvalidName: " + why);
    }
    if (const std::string why = payloadProblem(input, d->limits.payloadBytes, "the input");
        !why.empty())
        return OperationResult::failure(why);
    if (const std::string why = inputSchemaProblem(def, input); !why.empty())
        return OperationResult::failure(why);
    const std::string text = source.empty() ? writeYaml(def) : source;
    const std::string hash = definitionHash(text);
    if (!name.empty()) {
        // One name, one execution (Step Functions' StartExecution): the same workflow and input
        // while it is open is the same request again; anything else is refused.
        struct Existing
        {
            std::string id;
            std::string hash;
            const Json *input = nullptr;
            std::optional<ExecutionStatus> status; // none while its start is uncommitted
        };
        std::optional<Existing> existing;
        std::optional<ExecutionRecord> rec;
        if (auto it = d->pendingNames.find(name); it != d->pendingNames.end()) {
            for (const QueuedInput &q : d->queue) {
                if (q.input.kind == Input::Kind::Start && q.input.executionId == it->second) {
                    const auto in = q.input.data.find("input");
                    existing = Existing{it->second, q.input.data.value("definition_hash", ""),
                                        in == q.input.data.end() ? nullptr : &*in, std::nullopt};
                    break;
                }
            }
            if (!existing)
                existing = Existing{it->second, {}, nullptr, std::nullopt};
        } else if (LiveExecution *ex = d->findLive(name)) {
            existing = Existing{ex->state.id, ex->state.definitionHash, &ex->state.input,
                                ex->state.status};
        } else if (rec = d->store->execution(name); rec && rec->name == name) {
            existing = Existing{rec->id, rec->definitionHash, &rec->input, rec->status};
        }
        if (existing) {
            const std::string about = "ExecutionAlreadyExists: the name '" + name
                                      + "' belongs to execution " + existing->id;
            if (existing->status && isFinal(*existing->status))
                return OperationResult::failure(about + ", which is "
                                                + statusWord(*existing->status)
                                                + "; a name is never reused");
            if (existing->hash != hash)
                return OperationResult::failure(about + ", which runs a different workflow");
            if (!existing->input || *existing->input != input)
                return OperationResult::failure(about + ", which was started with a different "
                                                        "input");
            OperationResult r;
            r.ok = true;
            r.executionId = existing->id;
            r.value = {{"execution_id", existing->id}, {"existing", true}};
            return r;
        }
    }
    if (!d->definitions.count(hash))
        d->definitions[hash] = std::make_shared<const Definition>(def);
    StoredDefinition stored;
    stored.hash = hash;
    stored.name = def.name;
    stored.source = text;
    stored.format = looksLikeAsl(text) ? "asl" : "yaml";
    stored.sourcePath = sourcePath.toStdString();

    const std::string id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    QueuedInput q;
    q.input.kind = Input::Kind::Start;
    q.input.executionId = id;
    q.input.data = ObjectBuilder(6)
                       .add("input", input)
                       .add("name", name)
                       .add("workflow", def.name)
                       .add("definition_hash", hash)
                       .add("source_path", stored.sourcePath)
                       .add("simulated", simulate)
                       .take();
    q.def = d->definitions[hash];
    q.stored = std::move(stored);
    d->queue.push_back(std::move(q));
    if (!name.empty())
        d->pendingNames[name] = id;
    scheduleDrain();
    OperationResult r;
    r.ok = true;
    r.executionId = id;
    r.value = ObjectBuilder(1).add("execution_id", id).take();
    return r;
}

static OperationResult notRunning(const std::string &idOrName, Store *store)
{
    std::optional<ExecutionRecord> rec = store ? store->execution(idOrName) : std::nullopt;
    if (!rec)
        return OperationResult::failure("no execution with id or name '" + idOrName + "'");
    OperationResult r = OperationResult::failure(
        "execution " + rec->id + " is " + statusWord(rec->status) + " and no longer running");
    r.executionId = rec->id;
    return r;
}

OperationResult Engine::cancel(const std::string &execution, const std::string &by,
                               const std::string &reason)
{
    LiveExecution *ex = d->findLive(execution);
    if (!ex)
        return notRunning(execution, d->store.get());
    QueuedInput q;
    q.input.kind = Input::Kind::Cancel;
    q.input.executionId = ex->state.id;
    q.input.data = {{"by", by}, {"reason", reason.empty() ? "cancelled" : reason}};
    d->queue.push_back(std::move(q));
    scheduleDrain();
    OperationResult r;
    r.ok = true;
    r.executionId = ex->state.id;
    r.value = {{"execution_id", ex->state.id}};
    return r;
}

OperationResult Engine::sendEvent(const std::string &execution, const std::string &event,
                                  const Json &payload)
{
    LiveExecution *ex = d->findLive(execution);
    if (!ex)
        return notRunning(execution, d->store.get());
    std::string waiting;
    bool found = false;
    for (const auto &[id, f] : ex->state.frames) {
        if (f.phase != FrameState::Phase::Await || f.awaitKind != "event")
            continue;
        found = found || f.awaitEvent == event;
        waiting += (waiting.empty() ? "" : ", ") + f.awaitEvent;
    }
    if (!found) {
        return OperationResult::failure(
            "execution " + ex->state.id + " is not waiting for event '" + event + "'"
            + (waiting.empty() ? std::string() : " (it waits for: " + waiting + ")"));
    }
    if (const std::string why = payloadProblem(payload, d->limits.payloadBytes, "the payload");
        !why.empty())
        return OperationResult::failure(why);
    QueuedInput q;
    q.input.kind = Input::Kind::Event;
    q.input.executionId = ex->state.id;
    q.input.data = {{"event", event}, {"payload", payload}};
    d->queue.push_back(std::move(q));
    scheduleDrain();
    OperationResult r;
    r.ok = true;
    r.executionId = ex->state.id;
    r.value = {{"execution_id", ex->state.id}};
    return r;
}

static OperationResult decide(Engine::Private *d, const std::string &execution,
                              const std::string &state, const std::string &by,
                              const std::string &comment, const Json &fieldsIn, bool granted)
{
    LiveExecution *ex = d->findLive(execution);
    if (!ex)
        return notRunning(execution, d->store.get());
    std::vector<const FrameState *> matches;
    std::string waiting;
    for (const auto &[id, f] : ex->state.frames) {
        if (f.phase != FrameState::Phase::Await || f.awaitKind != "approval")
            continue;
        waiting += (waiting.empty() ? "" : ", ") + position(f);
        if (state.empty() || f.current == state || position(f) == state)
            matches.push_back(&f);
    }
    if (matches.empty()) {
        return OperationResult::failure(
            "execution " + ex->state.id + " has no pending approval"
            + (state.empty() ? std::string() : " at state '" + state + "'")
            + (waiting.empty() ? std::string() : " (waiting: " + waiting + ")"));
    }
    if (matches.size() > 1) {
        return OperationResult::failure("several approvals wait in execution " + ex->state.id + " ("
                                        + waiting + "): name one of them");
    }
    const FrameState &f = *matches.front();
    Json fields = fieldsIn.is_null() ? Json::object() : fieldsIn;
    if (granted) {
        const State *s = findStateRecursive(ex->def->machine, f.current);
        const std::string problem = checkForm(s ? s->form : std::vector<FormField>{}, fields);
        if (!problem.empty())
            return OperationResult::failure(problem);
    } else if (!fields.is_object()) {
        return OperationResult::failure("form fields must be a JSON object");
    }
    QueuedInput q;
    q.input.kind = granted ? Input::Kind::Approval : Input::Kind::Rejection;
    q.input.executionId = ex->state.id;
    q.input.frame = f.id;
    q.input.state = f.current;
    q.input.data = {{"by", by}, {"comment", comment}, {"fields", fields}};
    d->queue.push_back(std::move(q));
    OperationResult r;
    r.ok = true;
    r.executionId = ex->state.id;
    r.value = {{"execution_id", ex->state.id}, {"state", f.current}};
    return r;
}

OperationResult Engine::approve(const std::string &execution, const std::string &state,
                                const std::string &by, const std::string &comment,
                                const Json &fields)
{
    OperationResult r = decide(d.get(), execution, state, by, comment, fields, true);
    if (r.ok)
        scheduleDrain();
    return r;
}

OperationResult Engine::reject(const std::string &execution, const std::string &state,
                               const std::string &by, const std::string &comment,
                               const Json &fields)
{
    OperationResult r = decide(d.get(), execution, state, by, comment, fields, false);
    if (r.ok)
        scheduleDrain();
    return r;
}

static OperationResult complete(Engine::Private *d, const std::string &execution,
                                const std::string &state, Json data)
{
    LiveExecution *ex = d->findLive(execution);
    if (!ex)
        return notRunning(execution, d->store.get());
    const FrameState *match = nullptr;
    std::string waiting;
    for (const auto &[id, f] : ex->state.frames) {
        if (f.phase != FrameState::Phase::Task || !f.activity)
            continue;
        waiting += (waiting.empty() ? "" : ", ") + position(f);
        if ((f.current == state || position(f) == state) && !match)
            match = &f;
    }
    if (!match) {
        return OperationResult::failure(
            "execution " + ex->state.id + " has no activity waiting at state '" + state + "'"
            + (waiting.empty() ? std::string() : " (activities waiting: " + waiting + ")"));
    }
    if (const std::string why = payloadProblem(data, d->limits.payloadBytes, "the output");
        !why.empty())
        return OperationResult::failure(why);
    QueuedInput q;
    q.input.kind = Input::Kind::CompleteActivity;
    q.input.executionId = ex->state.id;
    q.input.frame = match->id;
    q.input.state = state;
    q.input.token = match->token;
    q.input.data = std::move(data);
    d->queue.push_back(std::move(q));
    OperationResult r;
    r.ok = true;
    r.executionId = ex->state.id;
    r.value = {{"execution_id", ex->state.id}, {"state", state}};
    return r;
}

OperationResult Engine::completeActivity(const std::string &execution, const std::string &state,
                                         const Json &output, const std::string &by)
{
    OperationResult r = complete(d.get(), execution, state, {{"output", output}, {"by", by}});
    if (r.ok)
        scheduleDrain();
    return r;
}

OperationResult Engine::failActivity(const std::string &execution, const std::string &state,
                                     const std::string &error, const std::string &cause,
                                     const std::string &by)
{
    if (error.empty())
        return OperationResult::failure("an error name is required");
    OperationResult r
        = complete(d.get(), execution, state, {{"error", error}, {"cause", cause}, {"by", by}});
    if (r.ok)
        scheduleDrain();
    return r;
}

// Moves the heartbeat deadline of the task running in frame `f`. The armed timer is moved in
// memory at once, so a deadline that passes before the next drain cannot fire for a task that
// did send its heartbeat in time; the queued Heartbeat input makes the move durable.
static OperationResult beat(Engine::Private *d, const LiveExecution &ex, const FrameState &f)
{
    OperationResult r;
    r.ok = true;
    r.executionId = ex.state.id;
    r.value = {{"execution_id", ex.state.id}, {"state", position(f)}, {"deadline", nullptr}};
    const State *s = findStateRecursive(ex.def->machine, f.current);
    if (!s || !s->heartbeatSeconds || *s->heartbeatSeconds <= 0 || ex.state.simulated)
        return r; // nothing to keep alive
    auto timer = d->timers.find(Runtime::heartbeatTimerId(f.token));
    if (timer == d->timers.end()) {
        r = OperationResult::failure("the task at state '" + position(f) + "' of execution "
                                     + ex.state.id + " already missed its heartbeat deadline");
        r.executionId = ex.state.id;
        return r;
    }
    const int heartbeats = timer->second.payload.value("heartbeats", 0) + 1;
    const qint64 due = d->clock->nowMs() + qint64(*s->heartbeatSeconds) * 1000;
    timer->second.dueAtMs = due;
    timer->second.payload["heartbeats"] = heartbeats;
    QueuedInput q;
    q.input.kind = Input::Kind::Heartbeat;
    q.input.executionId = ex.state.id;
    q.input.frame = f.id;
    q.input.state = f.current;
    q.input.token = f.token;
    q.input.data = {{"heartbeats", heartbeats}};
    d->queue.push_back(std::move(q));
    r.value["heartbeats"] = heartbeats;
    r.value["deadline"] = Runtime::isoTime(due);
    return r;
}

OperationResult Engine::heartbeat(const std::string &execution, const std::string &state)
{
    LiveExecution *ex = d->findLive(execution);
    if (!ex)
        return notRunning(execution, d->store.get());
    std::vector<const FrameState *> matches;
    std::string running;
    for (const auto &[id, f] : ex->state.frames) {
        if (f.phase != FrameState::Phase::Task || f.token.empty())
            continue;
        running += (running.empty() ? "" : ", ") + position(f);
        if (state.empty() || f.current == state || position(f) == state)
            matches.push_back(&f);
    }
    if (matches.empty()) {
        return OperationResult::failure(
            "execution " + ex->state.id + " has no task running"
            + (state.empty() ? std::string() : " at state '" + state + "'")
            + (running.empty() ? std::string() : " (tasks running: " + running + ")"));
    }
    if (matches.size() > 1) {
        return OperationResult::failure("several tasks run in execution " + ex->state.id + " ("
                                        + running + "): name one of them");
    }
    OperationResult r = beat(d.get(), *ex, *matches.front());
    if (r.ok)
        scheduleDrain();
    return r;
}

OperationResult Engine::heartbeatTask(const std::string &token)
{
    const std::size_t colon = token.rfind(':');
    LiveExecution *ex = colon == std::string::npos ? nullptr : d->findLive(token.substr(0, colon));
    if (ex) {
        for (const auto &[id, f] : ex->state.frames) {
            if (f.phase == FrameState::Phase::Task && f.token == token) {
                OperationResult r = beat(d.get(), *ex, f);
                if (r.ok)
                    scheduleDrain();
                return r;
            }
        }
    }
    return OperationResult::failure("no running task has the token '" + token
                                    + "' (it finished, timed out or was cancelled)");
}

OperationResult Engine::redrive(const std::string &execution, const std::optional<Json> &input,
                                const Definition *newDefinition, const std::string &newSource)
{
    if (!d->store)
        return OperationResult::failure("the engine has no open database");
    if (LiveExecution *ex = d->findLive(execution)) {
        return OperationResult::failure("execution " + ex->state.id
                                        + " is still running; only FAILED or TIMED_OUT "
                                          "executions can be redriven");
    }
    std::string problem;
    std::optional<LiveExecution> ex = d->load(execution, &problem);
    if (!ex)
        return OperationResult::failure(problem);
    const ExecutionStatus s = ex->state.status;
    if (s != ExecutionStatus::Failed && s != ExecutionStatus::TimedOut) {
        return OperationResult::failure("execution " + ex->state.id + " is " + statusWord(s)
                                        + "; only FAILED or TIMED_OUT executions can be "
                                          "redriven");
    }
    if (d->limits.historyEvents > 0 && ex->state.lastSeq + 16 >= d->limits.historyEvents) {
        return OperationResult::failure(
            "execution " + ex->state.id + " cannot be redriven: its history has "
            + std::to_string(ex->state.lastSeq) + " events, at the limit of "
            + std::to_string(d->limits.historyEvents));
    }
    if (input) {
        if (const std::string why = payloadProblem(*input, d->limits.payloadBytes, "the input");
            !why.empty())
            return OperationResult::failure(why);
        if (const std::string why
            = inputSchemaProblem(newDefinition ? *newDefinition : *ex->def, *input);
            !why.empty())
            return OperationResult::failure(why);
    }
    QueuedInput q;
    q.input.kind = Input::Kind::Redrive;
    q.input.executionId = ex->state.id;
    if (input)
        q.input.data["input"] = *input;
    if (newDefinition) {
        const std::string &from = ex->state.failedState;
        if (!from.empty() && !findStateRecursive(newDefinition->machine, from)) {
            return OperationResult::failure("the new definition has no state '" + from
                                            + "' to redrive from");
        }
        const std::string text = newSource.empty() ? writeYaml(*newDefinition) : newSource;
        StoredDefinition stored;
        stored.hash = definitionHash(text);
        stored.name = newDefinition->name;
        stored.source = text;
        stored.format = looksLikeAsl(text) ? "asl" : "yaml";
        stored.sourcePath = ex->state.sourcePath;
        if (!d->definitions.count(stored.hash))
            d->definitions[stored.hash] = std::make_shared<const Definition>(*newDefinition);
        q.def = d->definitions[stored.hash];
        q.input.data["definition_hash"] = stored.hash;
        q.stored = std::move(stored);
    }
    d->queue.push_back(std::move(q));
    scheduleDrain();
    OperationResult r;
    r.ok = true;
    r.executionId = ex->state.id;
    r.value = {{"execution_id", ex->state.id},
               {"from_state",
                ex->state.failedState.empty() ? ex->def->machine.startAt : ex->state.failedState}};
    return r;
}

} // namespace Signalbox
