// writeAsl(): Definition -> Amazon States Language JSON (see docs/asl.md for the mapping).
#include "aslcommon.h"

#include "signalbox/codecs.h"
#include "signalbox/condition.h"
#include "signalbox/statetypes.h"

#include <cmath>

namespace Signalbox {

namespace {

bool isWhole(double v)
{
    return std::floor(v) == v;
}

class AslWriter
{
public:
    explicit AslWriter(Diagnostics &diags)
        : m_diags(diags)
    {}

    Json machine(const StateMachine &m);
    bool failed() const { return m_failed; }

private:
    Json state(const State &s);
    void task(const State &s, Json &out, Json &extras);
    void waitForEvent(const State &s, Json &out);
    void choice(const State &s, Json &out, Json &extras);
    void wait(const State &s, Json &out, Json &extras);
    void map(const State &s, Json &out, Json &extras);
    void dataFlow(const State &s, Json &out, const Json *parametersOverride = nullptr);
    void retryAndCatch(const State &s, Json &out, Json &extras);
    void error(const State &s, const std::string &message);
    void warning(const State &s, const std::string &message);

    Diagnostics &m_diags;
    bool m_failed = false;
};

void AslWriter::error(const State &s, const std::string &message)
{
    m_failed = true;
    m_diags.error("asl-export", s.location, "state '" + s.name + "': " + message, s.name);
}

void AslWriter::warning(const State &s, const std::string &message)
{
    m_diags.warning("asl-export", s.location, "state '" + s.name + "': " + message, s.name);
}

Json AslWriter::machine(const StateMachine &m)
{
    Json out = Json::object();
    out["StartAt"] = m.startAt;
    Json states = Json::object();
    for (const State &s : m.states)
        states[s.name] = state(s);
    out["States"] = states;
    return out;
}

Json AslWriter::state(const State &s)
{
    const StateTypeInfo &info = stateTypeInfo(s.type);
    Json out = Json::object();
    Json extras = Json::object();
    out["Type"] = info.aslName;
    out["Comment"] = nullptr; // placeholder keeps Comment second; filled or erased below

    switch (s.type) {
    case StateType::Task:
        task(s, out, extras);
        break;
    case StateType::WaitForEvent:
        waitForEvent(s, out);
        break;
    case StateType::Choice:
        choice(s, out, extras);
        dataFlow(s, out);
        break;
    case StateType::Wait:
        wait(s, out, extras);
        dataFlow(s, out);
        break;
    case StateType::Parallel: {
        Json branches = Json::array();
        for (const auto &b : s.branches)
            branches.push_back(b ? machine(*b) : Json::object());
        out["Branches"] = branches;
        dataFlow(s, out);
        break;
    }
    case StateType::Map:
        map(s, out, extras);
        break;
    case StateType::Pass:
        if (s.result)
            out["Result"] = *s.result;
        dataFlow(s, out);
        break;
    case StateType::Succeed:
        dataFlow(s, out);
        break;
    case StateType::Fail:
        if (!s.error.empty())
            out["Error"] = s.error;
        if (!s.errorPath.empty())
            out["ErrorPath"] = s.errorPath;
        if (!s.cause.empty())
            out["Cause"] = s.cause;
        if (!s.causePath.empty())
            out["CausePath"] = s.causePath;
        dataFlow(s, out);
        break;
    }
    retryAndCatch(s, out, extras);
    if (s.mock)
        extras["mock"] = *s.mock;

    const std::string comment = Asl::composeComment(s.comment, extras);
    if (comment.empty())
        out.erase("Comment");
    else
        out["Comment"] = comment;

    if (info.transitions && s.end)
        out["End"] = true;
    else if (info.transitions)
        out["Next"] = s.next;
    return out;
}

void AslWriter::task(const State &s, Json &out, Json &extras)
{
    if (!s.resource.empty())
        out["Resource"] = s.resource;
    else
        out["Resource"]
            = s.run.kind == Executor::Kind::None ? Asl::activityResource : Asl::runResource;
    if (s.run.kind != Executor::Kind::None)
        extras["run"] = Asl::executorToYamlForm(s.run);
    dataFlow(s, out);
    if (s.timeoutSeconds)
        out["TimeoutSeconds"] = *s.timeoutSeconds;
    if (s.heartbeatSeconds)
        out["HeartbeatSeconds"] = *s.heartbeatSeconds;
}

// A callback task: the Lambda gets the task token with the prompt and form, tells a reviewer,
// and whoever decides calls SendTaskSuccess / SendTaskFailure with that token.
void AslWriter::waitForEvent(const State &s, Json &out)
{
    out["Resource"] = Asl::waitResource;
    Json payload = Json::object();
    payload["signalbox"] = Asl::waitMarker;
    payload["kind"] = s.eventKind;
    if (!s.event.empty())
        payload["event"] = s.event;
    if (!s.prompt.empty())
        payload["prompt"] = s.prompt;
    if (!s.form.empty()) {
        Json form = Json::array();
        for (const FormField &f : s.form)
            form.push_back(Asl::formFieldToYamlForm(f));
        payload["form"] = form;
    }
    if (!s.assignee.empty())
        payload["assignee"] = s.assignee;
    payload["execution_id.$"] = "$$.Execution.Id";
    payload["state.$"] = "$$.State.Name";
    payload["task_token.$"] = "$$.Task.Token";
    if (s.parameters)
        payload["input"] = *s.parameters;
    else
        payload["input.$"] = "$";
    Json parameters = Json::object();
    parameters["FunctionName"] = s.resource.empty() ? Asl::waitFunctionName : s.resource;
    parameters["Payload"] = payload;
    dataFlow(s, out, &parameters);
    if (s.timeoutSeconds)
        out["TimeoutSeconds"] = *s.timeoutSeconds;
}

void AslWriter::choice(const State &s, Json &out, Json &extras)
{
    if (s.choices.empty())
        error(s, "a Choice state needs at least one choice rule");
    Json choices = Json::array();
    Json spellings = Json::array();
    bool keepSpellings = false;
    for (const ChoiceRule &rule : s.choices) {
        std::string message;
        std::optional<Json> asl = conditionToAslRule(rule.condition, &message);
        if (!asl) {
            error(s, "condition '" + conditionToExpression(rule.condition)
                         + "' cannot be written as an ASL Choice rule: " + message);
            continue;
        }
        // The import reads the rule back as an expression; keep the spelling only if that
        // would not give the same condition and text.
        std::string ignored;
        const std::optional<Condition> reread = conditionFromAslRule(*asl, &ignored);
        const bool plain = rule.spelling == ChoiceRule::Spelling::Expression && reread
                           && *reread == rule.condition
                           && conditionToExpression(*reread) == rule.text;
        asl->operator[]("Next") = rule.next;
        choices.push_back(*asl);
        // How the rule was spelled, so an import gives back the same YAML.
        Json spelling = nullptr;
        if (rule.spelling == ChoiceRule::Spelling::When && !rule.text.empty())
            spelling = Json{{"when", rule.text}};
        else if (rule.spelling == ChoiceRule::Spelling::Expression && !plain)
            spelling = Json{{"if", rule.text}};
        else if (rule.spelling == ChoiceRule::Spelling::Structured && !rule.structured.is_null())
            spelling = Json{{"rule", rule.structured}};
        keepSpellings = keepSpellings || !spelling.is_null();
        spellings.push_back(spelling);
    }
    out["Choices"] = choices;
    if (!s.defaultNext.empty())
        out["Default"] = s.defaultNext;
    if (keepSpellings)
        extras["choices"] = spellings;
}

void AslWriter::wait(const State &s, Json &out, Json &extras)
{
    if (s.seconds) {
        if (isWhole(*s.seconds) && *s.seconds >= 0) {
            out["Seconds"] = static_cast<long long>(*s.seconds);
        } else {
            warning(s, "ASL waits whole seconds; " + std::to_string(*s.seconds) + " is rounded up");
            out["Seconds"] = static_cast<long long>(std::ceil(std::max(0.0, *s.seconds)));
            extras["seconds"] = *s.seconds;
        }
    }
    if (!s.secondsPath.empty())
        out["SecondsPath"] = s.secondsPath;
    if (!s.timestamp.empty())
        out["Timestamp"] = s.timestamp;
    if (!s.timestampPath.empty())
        out["TimestampPath"] = s.timestampPath;
}

void AslWriter::map(const State &s, Json &out, Json &extras)
{
    if (!s.itemsPath.empty())
        out["ItemsPath"] = s.itemsPath;
    if (s.itemSelector)
        out["ItemSelector"] = *s.itemSelector;
    if (s.maxConcurrency != 0)
        out["MaxConcurrency"] = s.maxConcurrency;
    if (s.toleratedFailureCount)
        out["ToleratedFailureCount"] = *s.toleratedFailureCount;
    if (s.toleratedFailurePercentage) {
        // asl-validator wants a whole percentage; rounding down tolerates no more than asked.
        const double exact = *s.toleratedFailurePercentage;
        out["ToleratedFailurePercentage"] = static_cast<long long>(std::floor(exact));
        if (!isWhole(exact)) {
            warning(s, "ASL takes a whole tolerated_failure_percentage; rounded down");
            extras["tolerated_failure_percentage"] = exact;
        }
    }
    Json processor = Json::object();
    processor["ProcessorConfig"] = Json{{"Mode", "INLINE"}};
    if (s.processor) {
        const Json m = machine(*s.processor);
        processor["StartAt"] = m["StartAt"];
        processor["States"] = m["States"];
    } else {
        error(s, "a Map state needs a processor");
    }
    out["ItemProcessor"] = processor;
    if (s.parameters)
        error(s, "a map's `parameters` has no ASL equivalent (ASL Map Parameters means "
                 "item_selector); use item_selector");
    dataFlow(s, out);
}

// The data-flow fields the state's type has in ASL (statetypes.h); a wait_for_event's
// parameters are written inside its payload (parametersOverride).
void AslWriter::dataFlow(const State &s, Json &out, const Json *parametersOverride)
{
    const StateTypeInfo &info = stateTypeInfo(s.type);
    auto refuse = [&](const char *field) {
        error(s, std::string("ASL has no `") + field + "` on a " + info.yamlName + " state");
    };
    if (s.inputPath && info.inputPath)
        out["InputPath"] = *s.inputPath;
    else if (s.inputPath)
        refuse("input_path");
    if (parametersOverride)
        out["Parameters"] = *parametersOverride;
    else if (s.parameters && info.parameters)
        out["Parameters"] = *s.parameters;
    else if (s.parameters && s.type != StateType::Map)
        refuse("parameters");
    if (s.resultSelector && info.resultSelector)
        out["ResultSelector"] = *s.resultSelector;
    else if (s.resultSelector)
        refuse("result_selector");
    if (s.resultPath && info.resultPath)
        out["ResultPath"] = *s.resultPath;
    else if (s.resultPath)
        refuse("result_path");
    if (s.outputPath && info.outputPath)
        out["OutputPath"] = *s.outputPath;
    else if (s.outputPath)
        refuse("output_path");
}

void AslWriter::retryAndCatch(const State &s, Json &out, Json &extras)
{
    const StateTypeInfo &info = stateTypeInfo(s.type);
    if (!s.retry.empty() && !info.retry)
        error(s, std::string("ASL has no `retry` on a ") + info.yamlName + " state");
    if (!s.catchRules.empty() && !info.catches)
        error(s, std::string("ASL has no `catch` on a ") + info.yamlName + " state");
    if (!s.retry.empty() && info.retry) {
        Json retry = Json::array();
        bool exact = true;
        for (const RetryPolicy &p : s.retry) {
            const Json asl = Asl::retryToAsl(p);
            if (p.backoff == RetryPolicy::Backoff::Linear)
                warning(s, "ASL has no linear backoff; exported as a fixed interval "
                           "(BackoffRate 1.0)");
            else if (!isWhole(p.intervalSeconds) || p.intervalSeconds < 1)
                warning(s, "ASL retries after whole seconds; interval_seconds is rounded up");
            exact = exact && Asl::retryFromAsl(asl) == p;
            retry.push_back(asl);
        }
        out["Retry"] = retry;
        if (!exact) {
            Json policies = Json::array();
            for (const RetryPolicy &p : s.retry)
                policies.push_back(Asl::retryToYamlForm(p));
            extras["retry"] = policies;
        }
    }
    if (!s.catchRules.empty() && info.catches) {
        Json catches = Json::array();
        for (const CatchRule &c : s.catchRules) {
            Json j = Json::object();
            j["ErrorEquals"] = c.errors;
            if (c.resultPath)
                j["ResultPath"] = *c.resultPath;
            j["Next"] = c.next;
            catches.push_back(j);
        }
        out["Catch"] = catches;
    }
}

} // namespace

std::optional<std::string> writeAsl(const Definition &def, Diagnostics &diags)
{
    AslWriter writer(diags);
    const Json machine = writer.machine(def.machine);
    if (writer.failed())
        return std::nullopt;

    Json extras = Json::object();
    extras["name"] = def.name;
    if (def.inputSchema)
        extras["input_schema"] = *def.inputSchema;
    if (def.layout)
        extras["layout"] = *def.layout;

    Json out = Json::object();
    out["Comment"] = Asl::composeComment(def.description, extras);
    out["StartAt"] = machine["StartAt"];
    if (def.timeoutSeconds)
        out["TimeoutSeconds"] = *def.timeoutSeconds;
    out["States"] = machine["States"];
    return out.dump(2) + '\n';
}

} // namespace Signalbox
