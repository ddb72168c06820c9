// writeYaml(): Definition → canonical YAML. Block style, state order kept, fields in a fixed
// order (type first, next/end last), defaults left out, choice rules in the spelling they were
// written in. The project's examples are stored in this form, so writing an unchanged file gives
// the same text. yaml-cpp's emitter handles quoting; comments in the source are not preserved
// (yaml-cpp drops them) — the designer keeps the `comment:` field instead.
#include "signalbox/codecs.h"

#include "yamlnodes.h"

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace Signalbox {

namespace {

void emitString(YAML::Emitter &out, const std::string &s)
{
    // Strings that would read back as another type (true, 12, null, "") must be quoted.
    bool needsQuotes = s.empty();
    if (!needsQuotes && s.find('\n') == std::string::npos) {
        try {
            const YAML::Node probe = YAML::Load(s);
            needsQuotes = !probe.IsScalar() || !Yaml::scalarToJson(probe).is_string()
                          || probe.Scalar() != s;
        } catch (...) {
            needsQuotes = true;
        }
    }
    if (s.find('\n') != std::string::npos)
        out << YAML::Literal << s;
    else if (needsQuotes)
        out << YAML::DoubleQuoted << s;
    else
        out << s;
}

void emitJson(YAML::Emitter &out, const Json &j)
{
    switch (j.type()) {
    case Json::value_t::object:
        if (j.empty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            return;
        }
        out << YAML::BeginMap;
        for (auto it = j.begin(); it != j.end(); ++it) {
            out << YAML::Key;
            emitString(out, it.key());
            out << YAML::Value;
            emitJson(out, it.value());
        }
        out << YAML::EndMap;
        return;
    case Json::value_t::array: {
        bool scalars = true;
        for (const Json &v : j)
            scalars = scalars && !v.is_structured();
        if (scalars && j.size() <= 8)
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const Json &v : j)
            emitJson(out, v);
        out << YAML::EndSeq;
        return;
    }
    case Json::value_t::string:
        emitString(out, j.get<std::string>());
        return;
    case Json::value_t::null:
        out << YAML::Null;
        return;
    case Json::value_t::boolean:
        out << (j.get<bool>() ? "true" : "false");
        return;
    default:
        out << j.dump(); // numbers: shortest round-trip form
        return;
    }
}

void emitKey(YAML::Emitter &out, const char *key)
{
    out << YAML::Key << key << YAML::Value;
}

void emitPathField(YAML::Emitter &out, const char *key, const std::optional<Json> &value)
{
    if (!value)
        return;
    emitKey(out, key);
    emitJson(out, *value);
}

void emitNumber(YAML::Emitter &out, const char *key, double v)
{
    emitKey(out, key);
    const bool whole = std::abs(v) < 1e15 && v == double(static_cast<long long>(v));
    emitJson(out, whole ? Json(static_cast<long long>(v)) : Json(v));
}

void emitErrors(YAML::Emitter &out, const std::vector<std::string> &errors)
{
    if (errors.size() == 1 && errors[0] == "States.ALL")
        return;
    emitKey(out, "errors");
    out << YAML::Flow << YAML::BeginSeq;
    for (const std::string &e : errors)
        emitString(out, e);
    out << YAML::EndSeq;
}

void emitRetryPolicy(YAML::Emitter &out, const RetryPolicy &r)
{
    const RetryPolicy defaults;
    out << YAML::BeginMap;
    emitErrors(out, r.errors);
    emitNumber(out, "attempts", r.attempts);
    emitKey(out, "backoff");
    out << (r.backoff == RetryPolicy::Backoff::Exponential ? "exponential"
            : r.backoff == RetryPolicy::Backoff::Fixed     ? "fixed"
                                                           : "linear");
    if (r.intervalSeconds != defaults.intervalSeconds)
        emitNumber(out, "interval_seconds", r.intervalSeconds);
    if (r.backoffRate != defaults.backoffRate)
        emitNumber(out, "backoff_rate", r.backoffRate);
    if (r.maxDelaySeconds)
        emitNumber(out, "max_delay_seconds", *r.maxDelaySeconds);
    if (r.jitter == RetryPolicy::Jitter::Full) {
        emitKey(out, "jitter");
        out << "full";
    }
    out << YAML::EndMap;
}

void emitMachineStates(YAML::Emitter &out, const StateMachine &m);

void emitMachine(YAML::Emitter &out, const StateMachine &m)
{
    out << YAML::BeginMap;
    emitKey(out, "start_at");
    emitString(out, m.startAt);
    emitMachineStates(out, m);
    out << YAML::EndMap;
}

void emitChoices(YAML::Emitter &out, const State &s)
{
    const bool allWhen
        = !s.choices.empty()
          && std::all_of(s.choices.begin(), s.choices.end(), [](const ChoiceRule &c) {
                 return c.spelling == ChoiceRule::Spelling::When;
             });
    if (allWhen) {
        emitKey(out, "when");
        out << YAML::BeginMap;
        for (const ChoiceRule &c : s.choices) {
            out << YAML::Key;
            emitString(out, c.text);
            out << YAML::Value;
            emitString(out, c.next);
        }
        out << YAML::EndMap;
    } else if (!s.choices.empty()) {
        emitKey(out, "choices");
        out << YAML::BeginSeq;
        for (const ChoiceRule &c : s.choices) {
            out << YAML::BeginMap;
            emitKey(out, "if");
            if (c.spelling == ChoiceRule::Spelling::Structured && !c.structured.is_null())
                emitJson(out, c.structured);
            else if (c.spelling == ChoiceRule::Spelling::Expression && !c.text.empty())
                emitString(out, c.text);
            else
                emitString(out, conditionToExpression(c.condition));
            emitKey(out, "next");
            emitString(out, c.next);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    if (!s.defaultNext.empty()) {
        emitKey(out, "default");
        emitString(out, s.defaultNext);
    }
}

void emitRun(YAML::Emitter &out, const Executor &run)
{
    if (run.kind == Executor::Kind::None)
        return;
    emitKey(out, "run");
    out << YAML::BeginMap;
    switch (run.kind) {
    case Executor::Kind::Command:
        emitKey(out, "command");
        out << YAML::Flow << YAML::BeginSeq;
        for (const std::string &a : run.argv)
            emitString(out, a);
        out << YAML::EndSeq;
        break;
    case Executor::Kind::Shell:
        emitKey(out, "shell");
        emitString(out, run.shell);
        break;
    case Executor::Kind::Http: {
        emitKey(out, "http");
        out << YAML::BeginMap;
        if (run.http.method != "GET") {
            emitKey(out, "method");
            emitString(out, run.http.method);
        }
        emitKey(out, "url");
        emitString(out, run.http.url);
        if (!run.http.headers.empty()) {
            emitKey(out, "headers");
            out << YAML::BeginMap;
            for (const auto &[k, v] : run.http.headers) {
                out << YAML::Key;
                emitString(out, k);
                out << YAML::Value;
                emitString(out, v);
            }
            out << YAML::EndMap;
        }
        if (run.http.body) {
            emitKey(out, "body");
            emitJson(out, *run.http.body);
        }
        out << YAML::EndMap;
        break;
    }
    case Executor::Kind::None:
        break;
    }
    if (!run.env.empty()) {
        emitKey(out, "env");
        out << YAML::BeginMap;
        for (const auto &[k, v] : run.env) {
            out << YAML::Key;
            emitString(out, k);
            out << YAML::Value;
            emitString(out, v);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emitForm(YAML::Emitter &out, const std::vector<FormField> &form)
{
    if (form.empty())
        return;
    emitKey(out, "form");
    out << YAML::BeginSeq;
    for (const FormField &f : form) {
        out << YAML::BeginMap;
        emitKey(out, "name");
        emitString(out, f.name);
        emitKey(out, "type");
        emitString(out, f.type);
        if (!f.label.empty()) {
            emitKey(out, "label");
            emitString(out, f.label);
        }
        if (f.required) {
            emitKey(out, "required");
            out << "true";
        }
        if (!f.options.empty()) {
            emitKey(out, "options");
            out << YAML::Flow << YAML::BeginSeq;
            for (const std::string &o : f.options)
                emitString(out, o);
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

void emitStringField(YAML::Emitter &out, const char *key, const std::string &value)
{
    if (value.empty())
        return;
    emitKey(out, key);
    emitString(out, value);
}

void emitState(YAML::Emitter &out, const State &s)
{
    out << YAML::BeginMap;
    emitKey(out, "type");
    out << stateTypeName(s.type);
    emitStringField(out, "comment", s.comment);
    switch (s.type) {
    case StateType::Task:
        emitStringField(out, "resource", s.resource);
        emitRun(out, s.run);
        break;
    case StateType::Choice:
        emitChoices(out, s);
        break;
    case StateType::Wait:
        if (s.seconds)
            emitNumber(out, "seconds", *s.seconds);
        emitStringField(out, "seconds_path", s.secondsPath);
        emitStringField(out, "timestamp", s.timestamp);
        emitStringField(out, "timestamp_path", s.timestampPath);
        break;
    case StateType::WaitForEvent:
        emitStringField(out, "event", s.event);
        if (s.eventKind != "approval")
            emitStringField(out, "kind", s.eventKind);
        emitStringField(out, "prompt", s.prompt);
        emitStringField(out, "assignee", s.assignee);
        emitForm(out, s.form);
        break;
    case StateType::Parallel:
        emitKey(out, "branches");
        out << YAML::BeginSeq;
        for (const auto &b : s.branches)
            emitMachine(out, *b);
        out << YAML::EndSeq;
        break;
    case StateType::Map:
        emitStringField(out, "items_path", s.itemsPath);
        emitPathField(out, "item_selector", s.itemSelector);
        if (s.maxConcurrency != 0)
            emitNumber(out, "max_concurrency", s.maxConcurrency);
        if (s.toleratedFailureCount)
            emitNumber(out, "tolerated_failure_count", *s.toleratedFailureCount);
        if (s.toleratedFailurePercentage)
            emitNumber(out, "tolerated_failure_percentage", *s.toleratedFailurePercentage);
        if (s.processor) {
            emitKey(out, "processor");
            emitMachine(out, *s.processor);
        }
        break;
    case StateType::Pass:
        emitPathField(out, "result", s.result);
        break;
    case StateType::Succeed:
        break;
    case StateType::Fail:
        emitStringField(out, "error", s.error);
        emitStringField(out, "cause", s.cause);
        emitStringField(out, "error_path", s.errorPath);
        emitStringField(out, "cause_path", s.causePath);
        break;
    }
    if (s.timeoutSeconds)
        emitNumber(out, "timeout_seconds", *s.timeoutSeconds);
    if (s.heartbeatSeconds)
        emitNumber(out, "heartbeat_seconds", *s.heartbeatSeconds);
    emitPathField(out, "input_path", s.inputPath);
    emitPathField(out, "parameters", s.parameters);
    emitPathField(out, "result_selector", s.resultSelector);
    emitPathField(out, "result_path", s.resultPath);
    emitPathField(out, "output_path", s.outputPath);
    emitPathField(out, "mock", s.mock);
    if (s.retry.size() == 1) {
        emitKey(out, "retry");
        emitRetryPolicy(out, s.retry.front());
    } else if (!s.retry.empty()) {
        emitKey(out, "retry");
        out << YAML::BeginSeq;
        for (const RetryPolicy &r : s.retry)
            emitRetryPolicy(out, r);
        out << YAML::EndSeq;
    }
    if (!s.catchRules.empty()) {
        emitKey(out, "catch");
        out << YAML::BeginSeq;
        for (const CatchRule &c : s.catchRules) {
            out << YAML::BeginMap;
            emitErrors(out, c.errors);
            emitKey(out, "next");
            emitString(out, c.next);
            emitPathField(out, "result_path", c.resultPath);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    emitStringField(out, "next", s.next);
    if (s.end) {
        emitKey(out, "end");
        out << "true";
    }
    out << YAML::EndMap;
}

void emitMachineStates(YAML::Emitter &out, const StateMachine &m)
{
    emitKey(out, "states");
    out << YAML::BeginMap;
    for (const State &s : m.states) {
        out << YAML::Key;
        emitString(out, s.name);
        out << YAML::Value;
        emitState(out, s);
    }
    out << YAML::EndMap;
}

} // namespace

std::string writeYaml(const Definition &def)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    emitKey(out, "workflow");
    out << YAML::BeginMap;
    emitKey(out, "name");
    emitString(out, def.name);
    emitStringField(out, "description", def.description);
    if (def.timeoutSeconds)
        emitNumber(out, "timeout_seconds", *def.timeoutSeconds);
    if (def.inputSchema) {
        emitKey(out, "input_schema");
        emitJson(out, *def.inputSchema);
    }
    emitKey(out, "start_at");
    emitString(out, def.machine.startAt);
    emitMachineStates(out, def.machine);
    if (def.layout) {
        emitKey(out, "layout");
        emitJson(out, *def.layout);
    }
    out << YAML::EndMap;
    out << YAML::EndMap;
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n')
        text += '\n';
    return text;
}

} // namespace Signalbox
