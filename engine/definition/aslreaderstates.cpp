// Asl::Reader: the ASL states -> Definition mapping (the inverse of aslwriter.cpp).
#include "aslcommon.h"
#include "aslreader.h"

#include "signalbox/condition.h"
#include "signalbox/statetypes.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace Signalbox::Asl {

namespace {
// "TimeoutSeconds" -> "timeout_seconds": the YAML name the validator uses for field locations.
std::string snakeCase(const std::string &key)
{
    if (key == "ItemProcessor" || key == "Iterator")
        return "processor";
    std::string out;
    for (const char c : key) {
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (!out.empty())
                out += '_';
            out += char(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

std::string truthyPath(const std::string &text)
{
    return text.rfind('$', 0) == 0 ? text : "$." + text;
}
} // namespace

void Reader::machine(const Json &j, const std::string &ptr, StateMachine &out,
                     std::initializer_list<const char *> extraFields)
{
    if (auto start = string(j, "StartAt", ptr, {}))
        out.startAt = *start;
    else if (!j.contains("StartAt"))
        error("asl-missing-field", ptr, "missing 'StartAt': the name of the first state");
    out.startAtLocation = m_loc.at(pointerAppend(ptr, "StartAt"));
    std::vector<std::string> allowed = {"StartAt", "States", "Comment", "QueryLanguage"};
    allowed.insert(allowed.end(), extraFields.begin(), extraFields.end());
    checkFields(j, ptr, allowed, ptr.empty() ? "the state machine" : "'" + ptr + "'", {});

    const std::string statesPtr = pointerAppend(ptr, "States");
    if (!j.contains("States")) {
        error("asl-missing-field", ptr, "missing 'States': the object of named states");
        return;
    }
    const Json &states = j["States"];
    if (!states.is_object() || states.empty()) {
        error("asl-wrong-type", statesPtr, "'States' must be a non-empty object of named states");
        return;
    }
    for (auto it = states.begin(); it != states.end(); ++it) {
        if (auto s = state(it.key(), it.value(), pointerAppend(statesPtr, it.key())))
            out.states.push_back(std::move(*s));
    }
}

std::optional<State> Reader::state(const std::string &name, const Json &j, const std::string &ptr)
{
    if (!j.is_object()) {
        error("asl-wrong-type", ptr, "state '" + name + "' must be an object", name);
        return std::nullopt;
    }
    State s;
    s.name = name;
    s.location = m_loc.at(ptr);
    const std::optional<std::string> type = string(j, "Type", ptr, name);
    if (!type) {
        if (!j.contains("Type"))
            error("asl-missing-field", ptr, "state '" + name + "' has no 'Type'", name);
        return std::nullopt;
    }
    std::string comment;
    Json extras;
    splitComment(string(j, "Comment", ptr, name).value_or(""), &comment, &extras);
    s.comment = comment;
    if (extras.contains("mock"))
        s.mock = extras["mock"];

    const std::string what = *type + " state '" + name + "'";
    const std::optional<StateType> parsed = stateTypeFromAslName(*type);
    if (!parsed) {
        std::string message = "state '" + name + "' has unsupported Type '" + *type + "'";
        const std::string hint = closestMatch(*type, stateAslTypeNames());
        if (!hint.empty())
            message += " (did you mean '" + hint + "'?)";
        error("asl-unsupported", pointerAppend(ptr, "Type"), message, name);
        return std::nullopt;
    }
    // An ASL Task becomes a task or, with the wait_for_event payload, a wait_for_event; the
    // fields are checked against the Task row, the capabilities below against the result.
    checkFields(j, ptr, stateAslFields(*parsed), what, name);
    s.type = *parsed;
    switch (*parsed) {
    case StateType::Task:
    case StateType::WaitForEvent:
        task(s, j, ptr, extras);
        break;
    case StateType::Choice:
        choice(s, j, ptr, extras);
        break;
    case StateType::Wait:
        wait(s, j, ptr, extras);
        break;
    case StateType::Parallel:
        parallel(s, j, ptr);
        break;
    case StateType::Map:
        map(s, j, ptr, extras);
        break;
    case StateType::Pass:
        if (j.contains("Result"))
            s.result = j["Result"];
        break;
    case StateType::Succeed:
        break;
    case StateType::Fail:
        fail(s, j, ptr);
        break;
    }
    const StateTypeInfo &info = stateTypeInfo(s.type);
    if (s.type != StateType::WaitForEvent)
        dataFlow(s, j, ptr);
    if (info.retry)
        retry(s, j, ptr, extras);
    else if (j.contains("Retry"))
        error("asl-unsupported", pointerAppend(ptr, "Retry"),
              "state '" + name + "' is a " + info.yamlName
                  + ", which takes no retry (catch its errors instead)",
              name);
    if (info.catches)
        catchRules(s, j, ptr);
    if (info.transitions)
        transition(s, j, ptr);
    for (auto it = j.begin(); it != j.end(); ++it)
        s.fieldLocations[snakeCase(it.key())] = m_loc.at(pointerAppend(ptr, it.key()));
    if (s.type == StateType::Map && j.contains("Parameters"))
        s.fieldLocations["item_selector"] = m_loc.at(pointerAppend(ptr, "Parameters"));
    if (s.type == StateType::WaitForEvent) {
        const std::string payload = pointerAppend(pointerAppend(ptr, "Parameters"), "Payload");
        for (const char *field : {"kind", "event", "prompt", "form", "assignee"})
            s.fieldLocations[field] = m_loc.at(pointerAppend(payload, field));
        s.fieldLocations["parameters"] = m_loc.at(pointerAppend(payload, "input"));
    }
    for (std::size_t i = 0; i < s.retry.size(); ++i)
        s.retry[i].location
            = m_loc.at(pointerAppend(pointerAppend(ptr, "Retry"), std::to_string(i)));
    return s;
}

void Reader::transition(State &s, const Json &j, const std::string &ptr)
{
    const bool hasEnd = j.contains("End");
    if (hasEnd && j["End"] != true)
        error("asl-wrong-type", pointerAppend(ptr, "End"), "'End' can only be true", s.name);
    s.end = hasEnd && j["End"] == true;
    if (auto next = string(j, "Next", ptr, s.name))
        s.next = *next;
    if (hasEnd && j.contains("Next"))
        error("asl-next-and-end", ptr, "state '" + s.name + "' has both 'Next' and 'End'", s.name);
    else if (!hasEnd && !j.contains("Next"))
        error("asl-missing-next", ptr,
              "state '" + s.name + "' needs 'Next' (the state that follows) or 'End': true",
              s.name);
}

void Reader::dataFlow(State &s, const Json &j, const std::string &ptr)
{
    s.inputPath = path(j, "InputPath", ptr, s.name);
    s.outputPath = path(j, "OutputPath", ptr, s.name);
    s.resultPath = path(j, "ResultPath", ptr, s.name);
    if (j.contains("Parameters") && s.type != StateType::Map)
        s.parameters = j["Parameters"];
    if (j.contains("ResultSelector"))
        s.resultSelector = j["ResultSelector"];
}

void Reader::task(State &s, const Json &j, const std::string &ptr, const Json &extras)
{
    s.type = StateType::Task;
    const std::optional<std::string> resource = string(j, "Resource", ptr, s.name);
    if (!j.contains("Resource"))
        error("asl-missing-field", ptr, "Task state '" + s.name + "' has no 'Resource'", s.name);
    const Json *parameters = j.contains("Parameters") ? &j["Parameters"] : nullptr;
    if (resource && *resource == waitResource && parameters && parameters->is_object()
        && parameters->contains("Payload") && (*parameters)["Payload"].is_object()
        && (*parameters)["Payload"].contains("signalbox")
        && (*parameters)["Payload"]["signalbox"] == waitMarker) {
        waitForEvent(s, *parameters, pointerAppend(ptr, "Parameters"));
        s.inputPath = path(j, "InputPath", ptr, s.name);
        s.outputPath = path(j, "OutputPath", ptr, s.name);
        s.resultPath = path(j, "ResultPath", ptr, s.name);
        if (j.contains("ResultSelector"))
            s.resultSelector = j["ResultSelector"];
    } else if (resource && *resource != runResource && *resource != activityResource) {
        s.resource = *resource;
    }
    if (extras.contains("run")) {
        if (auto run = executorFromYamlForm(extras["run"]))
            s.run = *run;
        else
            error("asl-bad-extras", pointerAppend(ptr, "Comment"),
                  "the 'run' kept in the Comment of state '" + s.name + "' is not valid", s.name);
    }
    if (!s.resource.empty() && s.run.kind == Executor::Kind::None && s.type == StateType::Task) {
        m_diags.warning("asl-aws-resource", m_loc.at(pointerAppend(ptr, "Resource")),
                        "task '" + s.name
                            + "' calls an AWS resource, which Signalbox does not call: it waits "
                              "as an activity until completed (signalbox complete), unless you "
                              "give it a run:",
                        s.name);
    }
    s.timeoutSeconds = integer(j, "TimeoutSeconds", ptr, s.name, 1);
    s.heartbeatSeconds = integer(j, "HeartbeatSeconds", ptr, s.name, 1);
}

void Reader::waitForEvent(State &s, const Json &parameters, const std::string &ptr)
{
    s.type = StateType::WaitForEvent;
    const Json &payload = parameters["Payload"];
    const std::string payloadPtr = pointerAppend(ptr, "Payload");
    const std::string function = string(parameters, "FunctionName", ptr, s.name).value_or("");
    if (function != waitFunctionName)
        s.resource = function;
    s.eventKind = string(payload, "kind", payloadPtr, s.name).value_or("approval");
    if (s.eventKind != "approval" && s.eventKind != "event")
        error("asl-bad-value", pointerAppend(payloadPtr, "kind"),
              "'kind' must be approval or event, not '" + s.eventKind + "'", s.name);
    s.event = string(payload, "event", payloadPtr, s.name).value_or("");
    s.prompt = string(payload, "prompt", payloadPtr, s.name).value_or("");
    s.assignee = string(payload, "assignee", payloadPtr, s.name).value_or("");
    if (payload.contains("form")) {
        const Json &form = payload["form"];
        for (std::size_t i = 0; form.is_array() && i < form.size(); ++i) {
            if (auto f = formFieldFromYamlForm(form[i]))
                s.form.push_back(*f);
            else
                error("asl-bad-value",
                      pointerAppend(pointerAppend(payloadPtr, "form"), std::to_string(i)),
                      "a form field needs a 'name' and string 'type', 'label', 'options'", s.name);
        }
        if (!form.is_array())
            error("asl-wrong-type", pointerAppend(payloadPtr, "form"),
                  "'form' must be a list of fields", s.name);
    }
    if (payload.contains("input"))
        s.parameters = payload["input"];
}

void Reader::choice(State &s, const Json &j, const std::string &ptr, const Json &extras)
{
    s.defaultNext = string(j, "Default", ptr, s.name).value_or("");
    const std::string choicesPtr = pointerAppend(ptr, "Choices");
    if (!j.contains("Choices") || !j["Choices"].is_array() || j["Choices"].empty()) {
        error(j.contains("Choices") ? "asl-wrong-type" : "asl-missing-field", choicesPtr,
              "Choice state '" + s.name + "' needs 'Choices': a non-empty list of rules", s.name);
        return;
    }
    const Json &rules = j["Choices"];
    const Json spellings = extras.contains("choices") && extras["choices"].is_array()
                               ? extras["choices"]
                               : Json::array();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string rulePtr = pointerAppend(choicesPtr, std::to_string(i));
        if (!rules[i].is_object()) {
            error("asl-wrong-type", rulePtr, "a choice rule must be an object", s.name);
            continue;
        }
        Json rule = rules[i];
        ChoiceRule out;
        out.location = m_loc.at(rulePtr);
        if (auto next = string(rule, "Next", rulePtr, s.name))
            out.next = *next;
        else if (!rule.contains("Next"))
            error("asl-missing-next", rulePtr, "a choice rule needs 'Next'", s.name);
        rule.erase("Next");
        rule.erase("Comment");
        std::string message;
        std::optional<Condition> condition = conditionFromAslRule(rule, &message);
        if (!condition) {
            error("asl-bad-condition", rulePtr, "invalid choice rule: " + message, s.name);
            continue;
        }
        out.condition = *condition;
        out.spelling = ChoiceRule::Spelling::Expression;
        out.text = conditionToExpression(*condition);
        // Restore the YAML spelling kept by the writer, unless the rule was edited since.
        const Json spelling = i < spellings.size() ? spellings[i] : Json();
        std::optional<Condition> spelled;
        if (spelling.is_object() && spelling.contains("when") && spelling["when"].is_string()) {
            spelled = Condition::makeTruthy(truthyPath(spelling["when"].get<std::string>()));
        } else if (spelling.is_object() && spelling.contains("if") && spelling["if"].is_string()) {
            ConditionParseError parseError;
            spelled = parseConditionExpression(spelling["if"].get<std::string>(), &parseError);
        } else if (spelling.is_object() && spelling.contains("rule")) {
            std::string ignored;
            spelled = parseStructuredRule(spelling["rule"], &ignored);
        }
        std::string ignored;
        if (spelled && conditionToAslRule(*spelled, &ignored) == rule) {
            out.condition = *spelled;
            if (spelling.contains("when")) {
                out.spelling = ChoiceRule::Spelling::When;
                out.text = spelling["when"].get<std::string>();
            } else if (spelling.contains("if")) {
                out.text = spelling["if"].get<std::string>();
            } else {
                out.spelling = ChoiceRule::Spelling::Structured;
                out.text.clear();
                out.structured = spelling["rule"];
            }
        }
        s.choices.push_back(std::move(out));
    }
}

void Reader::wait(State &s, const Json &j, const std::string &ptr, const Json &extras)
{
    s.seconds = number(j, "Seconds", ptr, s.name, 0);
    if (s.seconds && extras.contains("seconds") && extras["seconds"].is_number()
        && std::ceil(extras["seconds"].get<double>()) == *s.seconds)
        s.seconds = extras["seconds"].get<double>();
    s.secondsPath = string(j, "SecondsPath", ptr, s.name).value_or("");
    s.timestamp = string(j, "Timestamp", ptr, s.name).value_or("");
    s.timestampPath = string(j, "TimestampPath", ptr, s.name).value_or("");
    const int given = int(s.seconds.has_value()) + int(!s.secondsPath.empty())
                      + int(!s.timestamp.empty()) + int(!s.timestampPath.empty());
    if (given != 1)
        error("asl-bad-wait", ptr,
              "Wait state '" + s.name
                  + "' needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath",
              s.name);
}

void Reader::parallel(State &s, const Json &j, const std::string &ptr)
{
    const std::string branchesPtr = pointerAppend(ptr, "Branches");
    if (!j.contains("Branches") || !j["Branches"].is_array() || j["Branches"].empty()) {
        error(j.contains("Branches") ? "asl-wrong-type" : "asl-missing-field", branchesPtr,
              "Parallel state '" + s.name + "' needs 'Branches': a non-empty list", s.name);
        return;
    }
    const Json &branches = j["Branches"];
    for (std::size_t i = 0; i < branches.size(); ++i) {
        const std::string branchPtr = pointerAppend(branchesPtr, std::to_string(i));
        auto branch = std::make_shared<StateMachine>();
        if (branches[i].is_object())
            machine(branches[i], branchPtr, *branch, {});
        else
            error("asl-wrong-type", branchPtr, "a branch must be an object", s.name);
        s.branches.push_back(branch);
    }
}

void Reader::map(State &s, const Json &j, const std::string &ptr, const Json &extras)
{
    s.itemsPath = string(j, "ItemsPath", ptr, s.name).value_or("");
    if (j.contains("ItemSelector"))
        s.itemSelector = j["ItemSelector"];
    else if (j.contains("Parameters"))
        s.itemSelector = j["Parameters"]; // the field's name before ItemSelector
    s.maxConcurrency = integer(j, "MaxConcurrency", ptr, s.name, 0).value_or(0);
    s.toleratedFailureCount = integer(j, "ToleratedFailureCount", ptr, s.name, 0);
    s.toleratedFailurePercentage = number(j, "ToleratedFailurePercentage", ptr, s.name, 0);
    const Json exact = extras.value("tolerated_failure_percentage", Json());
    if (s.toleratedFailurePercentage && exact.is_number()
        && std::floor(exact.get<double>()) == *s.toleratedFailurePercentage)
        s.toleratedFailurePercentage = exact.get<double>();
    const char *key = j.contains("ItemProcessor") ? "ItemProcessor" : "Iterator";
    const std::string processorPtr = pointerAppend(ptr, key);
    if (!j.contains(key) || !j[key].is_object()) {
        error(j.contains(key) ? "asl-wrong-type" : "asl-missing-field", processorPtr,
              "Map state '" + s.name + "' needs 'ItemProcessor' with StartAt and States", s.name);
        return;
    }
    const Json &processor = j[key];
    if (processor.contains("ProcessorConfig")) {
        const Json &config = processor["ProcessorConfig"];
        if (!config.is_object() || (config.contains("Mode") && config["Mode"] != "INLINE"))
            error("asl-unsupported", pointerAppend(processorPtr, "ProcessorConfig"),
                  "only INLINE maps are supported; DISTRIBUTED maps need AWS", s.name);
    }
    auto machineOut = std::make_shared<StateMachine>();
    machine(processor, processorPtr, *machineOut, {"ProcessorConfig"});
    s.processor = machineOut;
}

void Reader::fail(State &s, const Json &j, const std::string &ptr)
{
    s.error = string(j, "Error", ptr, s.name).value_or("");
    s.cause = string(j, "Cause", ptr, s.name).value_or("");
    s.errorPath = string(j, "ErrorPath", ptr, s.name).value_or("");
    s.causePath = string(j, "CausePath", ptr, s.name).value_or("");
}

void Reader::retry(State &s, const Json &j, const std::string &ptr, const Json &extras)
{
    if (!j.contains("Retry"))
        return;
    const std::string retryPtr = pointerAppend(ptr, "Retry");
    const Json &retriers = j["Retry"];
    if (!retriers.is_array()) {
        error("asl-wrong-type", retryPtr, "'Retry' must be a list of retriers", s.name);
        return;
    }
    const std::vector<std::string> allowed
        = {"ErrorEquals",     "IntervalSeconds", "MaxAttempts", "BackoffRate",
           "MaxDelaySeconds", "JitterStrategy",  "Comment"};
    bool ok = true;
    for (std::size_t i = 0; i < retriers.size(); ++i) {
        const std::string p = pointerAppend(retryPtr, std::to_string(i));
        const Json &r = retriers[i];
        if (!r.is_object()) {
            error("asl-wrong-type", p, "a retrier must be an object", s.name);
            ok = false;
            continue;
        }
        checkFields(r, p, allowed, "a retrier of state '" + s.name + "'", s.name);
        const std::size_t before = m_diags.items().size();
        errorList(r, p, s.name);
        integer(r, "IntervalSeconds", p, s.name, 0);
        integer(r, "MaxAttempts", p, s.name, 0);
        number(r, "BackoffRate", p, s.name, 1.0);
        integer(r, "MaxDelaySeconds", p, s.name, 1);
        const std::string jitter = string(r, "JitterStrategy", p, s.name).value_or("NONE");
        if (jitter != "FULL" && jitter != "NONE")
            error("asl-bad-value", pointerAppend(p, "JitterStrategy"),
                  "'JitterStrategy' must be FULL or NONE", s.name);
        if (m_diags.items().size() != before) {
            ok = false;
            continue;
        }
        s.retry.push_back(retryFromAsl(r));
    }
    // The writer keeps policies ASL cannot hold exactly (linear backoff...) in the Comment.
    const Json kept = extras.value("retry", Json());
    if (!ok || !kept.is_array() || kept.size() != s.retry.size())
        return;
    std::vector<RetryPolicy> restored;
    for (std::size_t i = 0; i < kept.size(); ++i) {
        std::optional<RetryPolicy> p = retryFromYamlForm(kept[i]);
        if (!p || retryToAsl(*p) != retryToAsl(s.retry[i]))
            return; // edited since export: the Retry field wins
        restored.push_back(*p);
    }
    s.retry = restored;
}

void Reader::catchRules(State &s, const Json &j, const std::string &ptr)
{
    if (!j.contains("Catch"))
        return;
    const std::string catchPtr = pointerAppend(ptr, "Catch");
    const Json &catchers = j["Catch"];
    if (!catchers.is_array()) {
        error("asl-wrong-type", catchPtr, "'Catch' must be a list of catchers", s.name);
        return;
    }
    for (std::size_t i = 0; i < catchers.size(); ++i) {
        const std::string p = pointerAppend(catchPtr, std::to_string(i));
        const Json &c = catchers[i];
        if (!c.is_object()) {
            error("asl-wrong-type", p, "a catcher must be an object", s.name);
            continue;
        }
        checkFields(c, p, {"ErrorEquals", "Next", "ResultPath", "Comment"},
                    "a catcher of state '" + s.name + "'", s.name);
        CatchRule rule;
        rule.location = m_loc.at(p);
        rule.errors = errorList(c, p, s.name);
        if (auto next = string(c, "Next", p, s.name))
            rule.next = *next;
        else if (!c.contains("Next"))
            error("asl-missing-next", p, "a catcher needs 'Next'", s.name);
        rule.resultPath = path(c, "ResultPath", p, s.name);
        s.catchRules.push_back(std::move(rule));
    }
}

} // namespace Signalbox::Asl
