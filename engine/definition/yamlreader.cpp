// readYaml(): YAML text → Definition. Structural problems (unknown or duplicate fields, wrong
// types, malformed expressions) are reported here with the location of the offending node;
// semantic checks (references, reachability) are the validator's. Reading goes on after an
// error so that one pass reports everything.
#include "signalbox/codecs.h"
#include "signalbox/statetypes.h"

#include "yamlnodes.h"

#include <set>

namespace Signalbox {

namespace {

const std::vector<std::string> workflowKeys
    = {"name", "description", "start_at", "states", "timeout_seconds", "input_schema", "layout"};
const std::vector<std::string> dataFlowKeys
    = {"input_path", "parameters", "result_selector", "result_path", "output_path"};

class Reader
{
public:
    Reader(Yaml::Context &ctx)
        : m_ctx(ctx)
    {}

    std::shared_ptr<StateMachine> readMachine(const YAML::Node &node, const std::string &where,
                                              int depth);
    std::optional<Definition> readDocument(const YAML::Node &root);

private:
    void readState(State &s, const YAML::Node &body, int depth);
    void readDataFlow(State &s, const YAML::Node &body);
    void readTask(State &s, const YAML::Node &body);
    void readRun(State &s, const YAML::Node &node);
    void readChoice(State &s, const YAML::Node &body);
    void readWait(State &s, const YAML::Node &body);
    void readWaitForEvent(State &s, const YAML::Node &body);
    void readRetry(State &s, const YAML::Node &node);
    void readCatch(State &s, const YAML::Node &node);
    std::vector<std::string> readErrors(const YAML::Node &node, const std::string &state);
    std::optional<Json> pathValue(const YAML::Node &node, const std::string &what,
                                  const std::string &state);
    std::optional<Json> objectValue(const YAML::Node &node, const std::string &what,
                                    const std::string &state);

    Yaml::Context &m_ctx;
};

std::optional<Json> Reader::pathValue(const YAML::Node &node, const std::string &what,
                                      const std::string &state)
{
    const Json j = node.IsScalar() ? Yaml::scalarToJson(node) : Json();
    if (node.IsNull() || (node.IsScalar() && j.is_null()))
        return Json(nullptr);
    if (node.IsScalar() && j.is_string())
        return j;
    m_ctx.error(node, "wrong-type",
                "'" + what + "' must be a path such as $.field or null, not "
                    + Yaml::yamlTypeName(node),
                state);
    return std::nullopt;
}

std::optional<Json> Reader::objectValue(const YAML::Node &node, const std::string &what,
                                        const std::string &state)
{
    if (!node.IsMap()) {
        m_ctx.error(node, "wrong-type",
                    "'" + what + "' must be a mapping, not " + Yaml::yamlTypeName(node), state);
        return std::nullopt;
    }
    return m_ctx.toJson(node);
}

void Reader::readDataFlow(State &s, const YAML::Node &body)
{
    if (body["input_path"])
        s.inputPath = pathValue(body["input_path"], "input_path", s.name);
    if (body["output_path"])
        s.outputPath = pathValue(body["output_path"], "output_path", s.name);
    if (body["result_path"])
        s.resultPath = pathValue(body["result_path"], "result_path", s.name);
    if (body["parameters"])
        s.parameters = objectValue(body["parameters"], "parameters", s.name);
    if (body["result_selector"])
        s.resultSelector = objectValue(body["result_selector"], "result_selector", s.name);
}

std::vector<std::string> Reader::readErrors(const YAML::Node &node, const std::string &state)
{
    std::vector<std::string> out;
    if (node.IsScalar()) {
        if (auto e = m_ctx.string(node, "errors", state))
            out.push_back(*e);
    } else if (node.IsSequence()) {
        for (const YAML::Node &item : node) {
            if (auto e = m_ctx.string(item, "errors", state))
                out.push_back(*e);
        }
    } else {
        m_ctx.error(node, "wrong-type", "'errors' must be an error name or a list of them", state);
    }
    return out;
}

void Reader::readRetry(State &s, const YAML::Node &node)
{
    std::vector<YAML::Node> items;
    if (node.IsMap())
        items.push_back(node);
    else if (node.IsSequence())
        for (const YAML::Node &item : node)
            items.push_back(item);
    else {
        m_ctx.error(node, "wrong-type", "'retry' must be a policy (mapping) or a list of policies",
                    s.name);
        return;
    }
    for (const YAML::Node &p : items) {
        if (!m_ctx.expectMap(p, "retry", s.name))
            continue;
        m_ctx.checkKeys(p,
                        {"errors", "attempts", "backoff", "interval_seconds", "backoff_rate",
                         "max_delay_seconds", "jitter"},
                        "retry of state '" + s.name + "'", s.name);
        RetryPolicy r;
        r.location = m_ctx.at(p);
        if (p["errors"])
            r.errors = readErrors(p["errors"], s.name);
        if (p["attempts"]) {
            if (auto v = m_ctx.integer(p["attempts"], "attempts", s.name))
                r.attempts = *v;
        }
        if (p["backoff"]) {
            const auto b = m_ctx.string(p["backoff"], "backoff", s.name);
            if (b == "exponential")
                r.backoff = RetryPolicy::Backoff::Exponential;
            else if (b == "fixed")
                r.backoff = RetryPolicy::Backoff::Fixed;
            else if (b == "linear")
                r.backoff = RetryPolicy::Backoff::Linear;
            else if (b)
                m_ctx.error(p["backoff"], "bad-value",
                            "backoff must be exponential, fixed or linear, not '" + *b + "'",
                            s.name);
        }
        if (p["interval_seconds"]) {
            if (auto v = m_ctx.number(p["interval_seconds"], "interval_seconds", s.name))
                r.intervalSeconds = *v;
        }
        if (p["backoff_rate"]) {
            if (auto v = m_ctx.number(p["backoff_rate"], "backoff_rate", s.name))
                r.backoffRate = *v;
        }
        if (p["max_delay_seconds"])
            r.maxDelaySeconds = m_ctx.number(p["max_delay_seconds"], "max_delay_seconds", s.name);
        if (p["jitter"]) {
            const auto j = m_ctx.string(p["jitter"], "jitter", s.name);
            if (j == "none")
                r.jitter = RetryPolicy::Jitter::None;
            else if (j == "full")
                r.jitter = RetryPolicy::Jitter::Full;
            else if (j)
                m_ctx.error(p["jitter"], "bad-value",
                            "jitter must be none or full, not '" + *j + "'", s.name);
        }
        s.retry.push_back(std::move(r));
    }
}

void Reader::readCatch(State &s, const YAML::Node &node)
{
    if (!node.IsSequence()) {
        m_ctx.error(node, "wrong-type", "'catch' must be a list of {errors, next, result_path}",
                    s.name);
        return;
    }
    for (const YAML::Node &c : node) {
        if (!m_ctx.expectMap(c, "catch", s.name))
            continue;
        m_ctx.checkKeys(c, {"errors", "next", "result_path"}, "catch of state '" + s.name + "'",
                        s.name);
        CatchRule rule;
        rule.location = m_ctx.at(c);
        if (c["errors"])
            rule.errors = readErrors(c["errors"], s.name);
        if (c["next"]) {
            if (auto n = m_ctx.string(c["next"], "next", s.name))
                rule.next = *n;
            rule.location = m_ctx.at(c["next"]);
        } else {
            m_ctx.error(c, "missing-next", "a catch rule needs 'next': the state to go to", s.name);
        }
        if (c["result_path"])
            rule.resultPath = pathValue(c["result_path"], "result_path", s.name);
        s.catchRules.push_back(std::move(rule));
    }
}

void Reader::readRun(State &s, const YAML::Node &node)
{
    if (!m_ctx.expectMap(node, "run", s.name))
        return;
    m_ctx.checkKeys(node, {"command", "shell", "http", "env"}, "run of state '" + s.name + "'",
                    s.name);
    int kinds = 0;
    if (const YAML::Node cmd = node["command"]) {
        ++kinds;
        s.run.kind = Executor::Kind::Command;
        if (cmd.IsSequence()) {
            for (const YAML::Node &arg : cmd) {
                if (auto a = m_ctx.string(arg, "command", s.name))
                    s.run.argv.push_back(*a);
            }
        } else {
            m_ctx.error(cmd, "wrong-type",
                        "'command' must be a list of arguments, e.g. [python3, step.py]; "
                        "use 'shell' for a command line",
                        s.name);
        }
        if (cmd.IsSequence() && s.run.argv.empty())
            m_ctx.error(cmd, "bad-value", "'command' must name a program", s.name);
    }
    if (const YAML::Node sh = node["shell"]) {
        ++kinds;
        s.run.kind = Executor::Kind::Shell;
        if (auto text = m_ctx.string(sh, "shell", s.name))
            s.run.shell = *text;
    }
    if (const YAML::Node http = node["http"]) {
        ++kinds;
        s.run.kind = Executor::Kind::Http;
        if (m_ctx.expectMap(http, "http", s.name)) {
            m_ctx.checkKeys(http, {"method", "url", "headers", "body"},
                            "http of state '" + s.name + "'", s.name);
            if (http["method"]) {
                if (auto m = m_ctx.string(http["method"], "method", s.name))
                    s.run.http.method = *m;
            }
            if (http["url"]) {
                if (auto u = m_ctx.string(http["url"], "url", s.name))
                    s.run.http.url = *u;
            } else {
                m_ctx.error(http, "missing-field", "an http task needs a 'url'", s.name);
            }
            if (const YAML::Node h = http["headers"]) {
                if (m_ctx.expectMap(h, "headers", s.name)) {
                    for (auto it = h.begin(); it != h.end(); ++it) {
                        auto v = m_ctx.string(it->second, "header value", s.name);
                        if (v)
                            s.run.http.headers.emplace_back(it->first.Scalar(), *v);
                    }
                }
            }
            if (http["body"])
                s.run.http.body = m_ctx.toJson(http["body"]);
        }
    }
    if (const YAML::Node env = node["env"]) {
        if (m_ctx.expectMap(env, "env", s.name)) {
            for (auto it = env.begin(); it != env.end(); ++it) {
                if (auto v = m_ctx.string(it->second, "env value", s.name))
                    s.run.env[it->first.Scalar()] = *v;
            }
        }
    }
    if (kinds == 0)
        m_ctx.error(node, "missing-field",
                    "'run' needs one of 'command', 'shell' or 'http' (leave 'run' out for an "
                    "activity completed from outside)",
                    s.name);
    else if (kinds > 1)
        m_ctx.error(node, "conflict", "'run' takes only one of 'command', 'shell' and 'http'",
                    s.name);
}

void Reader::readTask(State &s, const YAML::Node &body)
{
    if (body["run"])
        readRun(s, body["run"]);
    if (body["resource"]) {
        if (auto r = m_ctx.string(body["resource"], "resource", s.name))
            s.resource = *r;
    }
    if (body["heartbeat_seconds"])
        s.heartbeatSeconds = m_ctx.integer(body["heartbeat_seconds"], "heartbeat_seconds", s.name);
    if (body["mock"])
        s.mock = m_ctx.toJson(body["mock"]);
}

void Reader::readChoice(State &s, const YAML::Node &body)
{
    if (const YAML::Node when = body["when"]) {
        if (m_ctx.expectMap(when, "when", s.name)) {
            for (auto it = when.begin(); it != when.end(); ++it) {
                ChoiceRule rule;
                rule.spelling = ChoiceRule::Spelling::When;
                rule.location = m_ctx.at(it->first);
                rule.text = it->first.Scalar();
                const std::string path
                    = rule.text.rfind('$', 0) == 0 ? rule.text : "$." + rule.text;
                rule.condition = Condition::makeTruthy(path);
                if (auto n = m_ctx.string(it->second, "next state", s.name))
                    rule.next = *n;
                s.choices.push_back(std::move(rule));
            }
        }
    }
    if (const YAML::Node choices = body["choices"]) {
        if (!choices.IsSequence()) {
            m_ctx.error(choices, "wrong-type", "'choices' must be a list of {if, next}", s.name);
        } else {
            for (const YAML::Node &c : choices) {
                if (!m_ctx.expectMap(c, "choice", s.name))
                    continue;
                m_ctx.checkKeys(c, {"if", "next", "comment"}, "a choice of state '" + s.name + "'",
                                s.name);
                ChoiceRule rule;
                rule.location = m_ctx.at(c);
                if (c["next"]) {
                    if (auto n = m_ctx.string(c["next"], "next", s.name))
                        rule.next = *n;
                } else {
                    m_ctx.error(c, "missing-next", "a choice needs 'next': the state to go to",
                                s.name);
                }
                const YAML::Node cond = c["if"];
                if (!cond) {
                    m_ctx.error(c, "missing-field",
                                "a choice needs 'if': an expression such as $.amount > 100",
                                s.name);
                } else if (cond.IsMap()) {
                    rule.spelling = ChoiceRule::Spelling::Structured;
                    rule.location = m_ctx.at(cond);
                    if (auto j = m_ctx.toJson(cond)) {
                        rule.structured = *j;
                        std::string error;
                        if (auto parsed = parseStructuredRule(*j, &error))
                            rule.condition = *parsed;
                        else
                            m_ctx.error(cond, "bad-condition", "invalid rule: " + error, s.name);
                    }
                } else if (auto text = m_ctx.string(cond, "if", s.name)) {
                    rule.spelling = ChoiceRule::Spelling::Expression;
                    rule.text = *text;
                    rule.location = m_ctx.at(cond);
                    ConditionParseError error;
                    if (auto parsed = parseConditionExpression(*text, &error)) {
                        rule.condition = *parsed;
                    } else {
                        SourceLocation loc = rule.location;
                        const bool quoted = cond.Tag() == "!";
                        if (loc.column > 0 && text->find('\n') == std::string::npos)
                            loc.column += error.offset + (quoted ? 1 : 0);
                        m_ctx.diags().error("bad-expression", loc,
                                            "in expression '" + *text + "': " + error.message,
                                            s.name);
                    }
                }
                s.choices.push_back(std::move(rule));
            }
        }
    }
    if (body["default"]) {
        if (auto d = m_ctx.string(body["default"], "default", s.name))
            s.defaultNext = *d;
        s.fieldLocations["default"] = m_ctx.at(body["default"]);
    }
}

void Reader::readWait(State &s, const YAML::Node &body)
{
    if (body["seconds"])
        s.seconds = m_ctx.number(body["seconds"], "seconds", s.name);
    if (body["seconds_path"]) {
        if (auto v = m_ctx.string(body["seconds_path"], "seconds_path", s.name))
            s.secondsPath = *v;
    }
    if (body["timestamp"]) {
        if (auto v = m_ctx.string(body["timestamp"], "timestamp", s.name))
            s.timestamp = *v;
    }
    if (body["timestamp_path"]) {
        if (auto v = m_ctx.string(body["timestamp_path"], "timestamp_path", s.name))
            s.timestampPath = *v;
    }
}

void Reader::readWaitForEvent(State &s, const YAML::Node &body)
{
    if (body["event"]) {
        if (auto v = m_ctx.string(body["event"], "event", s.name))
            s.event = *v;
    }
    if (body["kind"]) {
        if (auto v = m_ctx.string(body["kind"], "kind", s.name)) {
            if (*v == "approval" || *v == "event")
                s.eventKind = *v;
            else
                m_ctx.error(body["kind"], "bad-value",
                            "kind must be 'approval' or 'event', not '" + *v + "'", s.name);
        }
    }
    if (body["prompt"]) {
        if (auto v = m_ctx.string(body["prompt"], "prompt", s.name))
            s.prompt = *v;
    }
    if (body["assignee"]) {
        if (auto v = m_ctx.string(body["assignee"], "assignee", s.name))
            s.assignee = *v;
    }
    if (const YAML::Node form = body["form"]) {
        if (!form.IsSequence()) {
            m_ctx.error(form, "wrong-type", "'form' must be a list of fields {name, type, ...}",
                        s.name);
            return;
        }
        for (const YAML::Node &f : form) {
            if (!m_ctx.expectMap(f, "form field", s.name))
                continue;
            m_ctx.checkKeys(f, {"name", "type", "label", "required", "options"},
                            "a form field of state '" + s.name + "'", s.name);
            FormField field;
            if (f["name"]) {
                if (auto v = m_ctx.string(f["name"], "name", s.name))
                    field.name = *v;
            } else {
                m_ctx.error(f, "missing-field", "a form field needs a 'name'", s.name);
            }
            if (f["type"]) {
                if (auto v = m_ctx.string(f["type"], "type", s.name)) {
                    static const std::vector<std::string> types
                        = {"string", "text", "number", "boolean", "choice"};
                    if (std::find(types.begin(), types.end(), *v) == types.end()) {
                        std::string msg = "form field type must be string, text, number, boolean "
                                          "or choice, not '"
                                          + *v + "'";
                        const std::string hint = closestMatch(*v, types);
                        if (!hint.empty())
                            msg += "; did you mean '" + hint + "'?";
                        m_ctx.error(f["type"], "bad-value", msg, s.name);
                    } else {
                        field.type = *v;
                    }
                }
            }
            if (f["label"]) {
                if (auto v = m_ctx.string(f["label"], "label", s.name))
                    field.label = *v;
            }
            if (f["required"]) {
                if (auto v = m_ctx.boolean(f["required"], "required", s.name))
                    field.required = *v;
            }
            if (const YAML::Node opts = f["options"]) {
                if (opts.IsSequence()) {
                    for (const YAML::Node &o : opts) {
                        if (auto v = m_ctx.string(o, "option", s.name))
                            field.options.push_back(*v);
                    }
                } else {
                    m_ctx.error(opts, "wrong-type", "'options' must be a list", s.name);
                }
            }
            if (field.type == "choice" && field.options.empty())
                m_ctx.error(f, "missing-field", "a choice field needs 'options'", s.name);
            s.form.push_back(std::move(field));
        }
    }
}

void Reader::readState(State &s, const YAML::Node &body, int depth)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it->first.IsScalar())
            s.fieldLocations[it->first.Scalar()] = m_ctx.at(it->second);
    }
    m_ctx.checkKeys(body, stateYamlKeys(s.type),
                    "state '" + s.name + "' (" + stateTypeName(s.type) + ")", s.name);
    if (body["comment"]) {
        if (auto c = m_ctx.string(body["comment"], "comment", s.name))
            s.comment = *c;
    }
    if (body["next"]) {
        if (auto n = m_ctx.string(body["next"], "next", s.name))
            s.next = *n;
    }
    if (body["end"]) {
        if (auto e = m_ctx.boolean(body["end"], "end", s.name)) {
            s.end = *e;
            if (!*e)
                m_ctx.error(body["end"], "bad-value",
                            "'end' can only be true; use 'next' to continue", s.name);
        }
    }
    readDataFlow(s, body);
    // A field the type does not have was reported above (unknown-field) and is not read.
    const StateTypeInfo &type = stateTypeInfo(s.type);
    if (type.timeout && body["timeout_seconds"])
        s.timeoutSeconds = m_ctx.integer(body["timeout_seconds"], "timeout_seconds", s.name);
    if (type.retry && body["retry"])
        readRetry(s, body["retry"]);
    if (type.catches && body["catch"])
        readCatch(s, body["catch"]);

    switch (s.type) {
    case StateType::Task:
        readTask(s, body);
        break;
    case StateType::Choice:
        readChoice(s, body);
        break;
    case StateType::Wait:
        readWait(s, body);
        break;
    case StateType::WaitForEvent:
        readWaitForEvent(s, body);
        break;
    case StateType::Parallel:
        if (const YAML::Node branches = body["branches"]) {
            if (!branches.IsSequence()) {
                m_ctx.error(branches, "wrong-type",
                            "'branches' must be a list of {start_at, states}", s.name);
            } else {
                int i = 0;
                for (const YAML::Node &b : branches) {
                    auto m = readMachine(
                        b, "branch " + std::to_string(i++) + " of '" + s.name + "'", depth + 1);
                    if (m)
                        s.branches.push_back(m);
                }
            }
        }
        break;
    case StateType::Map:
        if (body["items_path"]) {
            if (auto v = m_ctx.string(body["items_path"], "items_path", s.name))
                s.itemsPath = *v;
        }
        if (body["item_selector"])
            s.itemSelector = objectValue(body["item_selector"], "item_selector", s.name);
        if (body["max_concurrency"]) {
            if (auto v = m_ctx.integer(body["max_concurrency"], "max_concurrency", s.name))
                s.maxConcurrency = *v;
        }
        if (body["tolerated_failure_count"])
            s.toleratedFailureCount
                = m_ctx.integer(body["tolerated_failure_count"], "tolerated_failure_count", s.name);
        if (body["tolerated_failure_percentage"])
            s.toleratedFailurePercentage = m_ctx.number(body["tolerated_failure_percentage"],
                                                        "tolerated_failure_percentage", s.name);
        if (body["processor"])
            s.processor
                = readMachine(body["processor"], "processor of '" + s.name + "'", depth + 1);
        break;
    case StateType::Pass:
        if (body["result"])
            s.result = m_ctx.toJson(body["result"]);
        break;
    case StateType::Succeed:
        break;
    case StateType::Fail:
        for (const char *key : {"error", "cause", "error_path", "cause_path"}) {
            if (!body[key])
                continue;
            auto v = m_ctx.string(body[key], key, s.name);
            if (!v)
                continue;
            const std::string k = key;
            (k == "error"        ? s.error
             : k == "cause"      ? s.cause
             : k == "error_path" ? s.errorPath
                                 : s.causePath)
                = *v;
        }
        break;
    }
}

std::shared_ptr<StateMachine> Reader::readMachine(const YAML::Node &node, const std::string &where,
                                                  int depth)
{
    if (!m_ctx.expectMap(node, where))
        return nullptr;
    auto machine = std::make_shared<StateMachine>();
    if (depth > 0) {
        m_ctx.checkKeys(node, {"start_at", "states", "comment"}, where);
        if (node["start_at"]) {
            if (auto v = m_ctx.string(node["start_at"], "start_at"))
                machine->startAt = *v;
            machine->startAtLocation = m_ctx.at(node["start_at"]);
        } else {
            m_ctx.error(node, "missing-field", where + " needs 'start_at'");
        }
    }
    const YAML::Node states = node["states"];
    if (!states) {
        m_ctx.error(node, "missing-field", where + " needs 'states'");
        return machine;
    }
    if (!states.IsMap()) {
        m_ctx.error(states, "wrong-type",
                    "'states' must be a mapping of state names to states, not "
                        + std::string(Yaml::yamlTypeName(states)));
        return machine;
    }
    for (auto it = states.begin(); it != states.end(); ++it) {
        if (m_ctx.overBudget())
            break;
        State s;
        auto name = m_ctx.string(it->first, "state name");
        if (!name)
            continue;
        s.name = *name;
        s.location = m_ctx.at(it->first);
        if (s.name.empty()) {
            m_ctx.error(it->first, "bad-name", "a state name cannot be empty");
            continue;
        }
        if (machine->find(s.name)) {
            m_ctx.error(it->first, "duplicate-state", "state '" + s.name + "' is defined twice",
                        s.name);
            continue;
        }
        const YAML::Node body = it->second;
        if (!body.IsMap()) {
            m_ctx.error(body, "wrong-type",
                        "state '" + s.name + "' must be a mapping with at least 'type'", s.name);
            continue;
        }
        const YAML::Node type = body["type"];
        if (!type) {
            m_ctx.error(it->first, "missing-field",
                        "state '" + s.name + "' needs a 'type' (" + stateTypeNamesText() + ")",
                        s.name);
            continue;
        }
        auto typeName = m_ctx.string(type, "type", s.name);
        if (!typeName)
            continue;
        auto parsed = stateTypeFromName(*typeName);
        if (!parsed) {
            std::string msg = "unknown state type '" + *typeName + "'";
            const std::string hint = closestMatch(*typeName, stateTypeNames());
            msg += hint.empty() ? " (" + stateTypeNamesText() + ")"
                                : "; did you mean '" + hint + "'?";
            m_ctx.error(type, "unknown-type", msg, s.name);
            continue;
        }
        s.type = *parsed;
        readState(s, body, depth);
        machine->states.push_back(std::move(s));
    }
    return machine;
}

std::optional<Definition> Reader::readDocument(const YAML::Node &root)
{
    if (!root.IsMap() || !root["workflow"]) {
        m_ctx.error(root, "not-a-workflow",
                    "expected a document starting with 'workflow:' (see docs/language.md)");
        return std::nullopt;
    }
    m_ctx.checkKeys(root, {"workflow"}, "the document");
    const YAML::Node wf = root["workflow"];
    if (!m_ctx.expectMap(wf, "workflow"))
        return std::nullopt;
    m_ctx.checkKeys(wf, workflowKeys, "'workflow'");
    Definition def;
    if (wf["name"]) {
        if (auto v = m_ctx.string(wf["name"], "name"))
            def.name = *v;
    } else {
        m_ctx.error(wf, "missing-field", "the workflow needs a 'name'");
    }
    if (wf["description"]) {
        if (auto v = m_ctx.string(wf["description"], "description"))
            def.description = *v;
    }
    if (wf["timeout_seconds"])
        def.timeoutSeconds = m_ctx.integer(wf["timeout_seconds"], "timeout_seconds");
    if (wf["input_schema"])
        def.inputSchema = objectValue(wf["input_schema"], "input_schema", {});
    if (wf["layout"])
        def.layout = m_ctx.toJson(wf["layout"]);
    if (wf["start_at"]) {
        if (auto v = m_ctx.string(wf["start_at"], "start_at"))
            def.machine.startAt = *v;
        def.machine.startAtLocation = m_ctx.at(wf["start_at"]);
    } else {
        m_ctx.error(wf, "missing-field", "the workflow needs 'start_at': the first state's name");
    }
    if (auto m = readMachine(wf, "the workflow", 0)) {
        m->startAt = def.machine.startAt;
        m->startAtLocation = def.machine.startAtLocation;
        def.machine = *m;
    }
    return def;
}

} // namespace

std::optional<Definition> readYaml(const std::string &text, const std::string &file,
                                   Diagnostics &diags, const ReadLimits &limits)
{
    if (!Yaml::prescan(text, file, limits, diags))
        return std::nullopt;
    auto root = Yaml::parse(text, file, diags);
    if (!root)
        return std::nullopt;
    Yaml::Context ctx(file, diags, limits);
    Reader reader(ctx);
    std::optional<Definition> def;
    try {
        def = reader.readDocument(*root);
    } catch (const std::exception &e) {
        // yaml-cpp can throw on odd documents (e.g. invalid aliases); never let it escape.
        diags.error("yaml-syntax", {file, 0, 0}, std::string("cannot read YAML: ") + e.what());
        return std::nullopt;
    }
    if (ctx.overBudget())
        return std::nullopt;
    if (def)
        def->sourceFile = file;
    return def;
}

} // namespace Signalbox
