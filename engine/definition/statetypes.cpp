#include "signalbox/statetypes.h"

#include <algorithm>
#include <cassert>

namespace Signalbox {

namespace {

StateTypeInfo row(StateType type, const char *yamlName, const char *aslName)
{
    StateTypeInfo r;
    r.type = type;
    r.yamlName = yamlName;
    r.aslName = aslName;
    return r;
}

std::vector<StateTypeInfo> makeTable()
{
    // One row per StateType, in enum order (checked below). Keys are listed in the order the
    // YAML reader suggests them from; the YAML writer has its own canonical order.
    std::vector<StateTypeInfo> rows;

    StateTypeInfo task = row(StateType::Task, "task", "Task");
    task.transitions = true;
    task.retry = task.catches = task.timeout = task.heartbeat = true;
    task.inputPath = task.parameters = task.resultSelector = task.resultPath = task.outputPath
        = true;
    task.ownKeys = {"run", "resource", "mock"};
    task.aslKeys = {"Resource"};
    task.mermaidClass = "task";
    task.mermaidStyle = "fill:#e8f0fe,stroke:#3b6fd8,color:#0b2a66";
    rows.push_back(task);

    StateTypeInfo choice = row(StateType::Choice, "choice", "Choice");
    choice.inputPath = choice.outputPath = true;
    choice.ownKeys = {"when", "choices", "default"};
    choice.aslKeys = {"Choices", "Default"};
    choice.mermaidOpen = "{";
    choice.mermaidClose = "}";
    choice.mermaidClass = "choice";
    choice.mermaidStyle = "fill:#fff4d6,stroke:#c99700,color:#4d3a00";
    rows.push_back(choice);

    StateTypeInfo wait = row(StateType::Wait, "wait", "Wait");
    wait.transitions = true;
    wait.inputPath = wait.outputPath = true;
    wait.ownKeys = {"seconds", "seconds_path", "timestamp", "timestamp_path"};
    wait.aslKeys = {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"};
    wait.mermaidOpen = "{{";
    wait.mermaidClose = "}}";
    wait.mermaidClass = "wait";
    wait.mermaidStyle = "fill:#eef6f6,stroke:#3f8f8f,color:#173b3b";
    rows.push_back(wait);

    // Exported as a callback Task (lambda:invoke.waitForTaskToken), so it catches as a Task
    // does: a rejection (Approval.Rejected) or States.Timeout can be routed. It takes no retry:
    // retrying would ask the people again, which is a new approval, not a retry.
    StateTypeInfo event = row(StateType::WaitForEvent, "wait_for_event", "Task");
    event.transitions = true;
    event.catches = event.timeout = true;
    event.inputPath = event.parameters = event.resultSelector = event.resultPath = event.outputPath
        = true;
    event.ownKeys = {"event", "kind", "prompt", "form", "assignee"};
    event.aslKeys = {"Resource"};
    event.mermaidOpen = "[/";
    event.mermaidClose = "\\]";
    event.mermaidClass = "approval";
    event.mermaidStyle = "fill:#f1e8fb,stroke:#7a4cc2,color:#34195e";
    rows.push_back(event);

    StateTypeInfo parallel = row(StateType::Parallel, "parallel", "Parallel");
    parallel.transitions = parallel.container = true;
    parallel.retry = parallel.catches = true;
    parallel.inputPath = parallel.parameters = parallel.resultSelector = parallel.resultPath
        = parallel.outputPath = true;
    parallel.ownKeys = {"branches"};
    parallel.aslKeys = {"Branches"};
    rows.push_back(parallel);

    // A map's template is item_selector; ASL's legacy Map `Parameters` is read as it.
    StateTypeInfo map = row(StateType::Map, "map", "Map");
    map.transitions = map.container = map.iterates = true;
    map.retry = map.catches = true;
    map.inputPath = map.resultSelector = map.resultPath = map.outputPath = true;
    map.ownKeys = {"items_path",
                   "item_selector",
                   "max_concurrency",
                   "tolerated_failure_count",
                   "tolerated_failure_percentage",
                   "processor"};
    map.aslKeys = {"ItemsPath",
                   "ItemSelector",
                   "MaxConcurrency",
                   "ToleratedFailureCount",
                   "ToleratedFailurePercentage",
                   "ItemProcessor",
                   "Iterator",
                   "Parameters"};
    rows.push_back(map);

    StateTypeInfo pass = row(StateType::Pass, "pass", "Pass");
    pass.transitions = true;
    pass.inputPath = pass.parameters = pass.resultPath = pass.outputPath = true;
    pass.ownKeys = {"result"};
    pass.aslKeys = {"Result"};
    pass.mermaidOpen = "(";
    pass.mermaidClose = ")";
    pass.mermaidClass = "pass";
    pass.mermaidStyle = "fill:#f2f2f2,stroke:#777777,color:#222222";
    rows.push_back(pass);

    StateTypeInfo succeed = row(StateType::Succeed, "succeed", "Succeed");
    succeed.terminal = true;
    succeed.inputPath = succeed.outputPath = true;
    succeed.mermaidOpen = "([";
    succeed.mermaidClose = "])";
    succeed.mermaidClass = "succeed";
    succeed.mermaidStyle = "fill:#dff3e3,stroke:#2e8b47,color:#0f3d1c";
    rows.push_back(succeed);

    StateTypeInfo fail = row(StateType::Fail, "fail", "Fail");
    fail.terminal = true;
    fail.ownKeys = {"error", "cause", "error_path", "cause_path"};
    fail.aslKeys = {"Error", "Cause", "ErrorPath", "CausePath"};
    fail.mermaidOpen = "([";
    fail.mermaidClose = "])";
    fail.mermaidClass = "fail";
    fail.mermaidStyle = "fill:#fbe3e3,stroke:#c0392b,color:#5c1108";
    rows.push_back(fail);

    for (std::size_t i = 0; i < rows.size(); ++i)
        assert(int(rows[i].type) == int(i));
    return rows;
}

} // namespace

const std::vector<StateTypeInfo> &stateTypeInfos()
{
    static const std::vector<StateTypeInfo> table = makeTable();
    return table;
}

const StateTypeInfo &stateTypeInfo(StateType type)
{
    const auto &table = stateTypeInfos();
    const std::size_t i = std::size_t(type);
    return table[i < table.size() ? i : std::size_t(StateType::Pass)];
}

const char *stateTypeName(StateType t)
{
    return stateTypeInfo(t).yamlName;
}

std::optional<StateType> stateTypeFromName(const std::string &name)
{
    for (const StateTypeInfo &row : stateTypeInfos()) {
        if (name == row.yamlName)
            return row.type;
    }
    return std::nullopt;
}

std::vector<std::string> stateYamlKeys(StateType type)
{
    const StateTypeInfo &row = stateTypeInfo(type);
    std::vector<std::string> keys = {"type", "comment"};
    auto addIf = [&keys](bool allowed, const char *key) {
        if (allowed)
            keys.emplace_back(key);
    };
    addIf(row.transitions, "next");
    addIf(row.transitions, "end");
    addIf(row.inputPath, "input_path");
    addIf(row.parameters, "parameters");
    addIf(row.resultSelector, "result_selector");
    addIf(row.resultPath, "result_path");
    addIf(row.outputPath, "output_path");
    keys.insert(keys.end(), row.ownKeys.begin(), row.ownKeys.end());
    addIf(row.timeout, "timeout_seconds");
    addIf(row.heartbeat, "heartbeat_seconds");
    addIf(row.retry, "retry");
    addIf(row.catches, "catch");
    return keys;
}

std::vector<std::string> stateAslFields(StateType type)
{
    const StateTypeInfo &row = stateTypeInfo(type);
    std::vector<std::string> fields = {"Type", "Comment", "QueryLanguage"};
    auto addIf = [&fields](bool allowed, const char *field) {
        if (allowed)
            fields.emplace_back(field);
    };
    fields.insert(fields.end(), row.aslKeys.begin(), row.aslKeys.end());
    addIf(row.timeout, "TimeoutSeconds");
    addIf(row.heartbeat, "HeartbeatSeconds");
    addIf(row.inputPath, "InputPath");
    addIf(row.outputPath, "OutputPath");
    addIf(row.transitions, "Next");
    addIf(row.transitions, "End");
    addIf(row.parameters, "Parameters");
    addIf(row.resultSelector, "ResultSelector");
    addIf(row.resultPath, "ResultPath");
    addIf(row.retry, "Retry");
    addIf(row.catches, "Catch");
    return fields;
}

std::optional<StateType> stateTypeFromAslName(const std::string &aslName)
{
    for (const StateTypeInfo &row : stateTypeInfos()) {
        if (aslName == row.aslName)
            return row.type;
    }
    return std::nullopt;
}

std::vector<std::string> stateAslTypeNames()
{
    std::vector<std::string> names;
    for (const StateTypeInfo &row : stateTypeInfos()) {
        if (std::find(names.begin(), names.end(), row.aslName) == names.end())
            names.emplace_back(row.aslName);
    }
    return names;
}

std::vector<std::string> stateTypeNames()
{
    std::vector<std::string> names;
    for (const StateTypeInfo &row : stateTypeInfos())
        names.emplace_back(row.yamlName);
    return names;
}

std::string stateTypeNamesText()
{
    const std::vector<std::string> names = stateTypeNames();
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            text += i + 1 == names.size() ? " or " : ", ";
        text += names[i];
    }
    return text;
}

State defaultState(StateType type)
{
    State s;
    s.type = type;
    s.end = stateTypeInfo(type).transitions;
    switch (type) {
    case StateType::Wait:
        s.seconds = 60;
        break;
    case StateType::WaitForEvent:
        s.prompt = "Please review";
        break;
    case StateType::Fail:
        s.error = "Failed";
        break;
    case StateType::Task:
    case StateType::Choice:
    case StateType::Parallel:
    case StateType::Map:
    case StateType::Pass:
    case StateType::Succeed:
        break;
    }
    return s;
}

} // namespace Signalbox
