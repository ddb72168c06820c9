#include "signalbox/definition.h"
#include "signalbox/statetypes.h"

#include <algorithm>
#include <cmath>

namespace Signalbox {

namespace {
bool errorMatches(const std::vector<std::string> &errors, const std::string &error)
{
    for (const std::string &e : errors) {
        if (e == error)
            return true;
        // States.ALL matches everything except States.Runtime-class errors in ASL; we follow
        // ASL: States.ALL does not catch States.DataLimitExceeded or States.Runtime.
        if (e == "States.ALL" && error != "States.Runtime" && error != "States.DataLimitExceeded")
            return true;
        // A missed heartbeat is a kind of timeout (AWS: States.Timeout also matches it).
        if (e == "States.Timeout" && error == "States.HeartbeatTimeout")
            return true;
        if (e == "States.TaskFailed" && error != "States.Timeout" && error != "States.Runtime"
            && error != "States.HeartbeatTimeout" && error != "States.DataLimitExceeded"
            && error != "States.Cancelled")
            return true;
    }
    return false;
}

bool machinesEqual(const std::vector<std::shared_ptr<const StateMachine>> &a,
                   const std::vector<std::shared_ptr<const StateMachine>> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i] != !b[i])
            return false;
        if (a[i] && !(*a[i] == *b[i]))
            return false;
    }
    return true;
}
} // namespace

double RetryPolicy::delayBeforeRetry(int retry) const
{
    double delay = intervalSeconds;
    switch (backoff) {
    case Backoff::Fixed:
        break;
    case Backoff::Linear:
        delay = intervalSeconds * retry;
        break;
    case Backoff::Exponential:
        delay = intervalSeconds * std::pow(backoffRate, retry - 1);
        break;
    }
    if (maxDelaySeconds && delay > *maxDelaySeconds)
        delay = *maxDelaySeconds;
    return delay;
}

bool RetryPolicy::matches(const std::string &error) const
{
    return errorMatches(errors, error);
}

bool RetryPolicy::operator==(const RetryPolicy &o) const
{
    return errors == o.errors && attempts == o.attempts && backoff == o.backoff
           && intervalSeconds == o.intervalSeconds && backoffRate == o.backoffRate
           && maxDelaySeconds == o.maxDelaySeconds && jitter == o.jitter;
}

bool CatchRule::matches(const std::string &error) const
{
    return errorMatches(errors, error);
}

bool CatchRule::operator==(const CatchRule &o) const
{
    return errors == o.errors && next == o.next && resultPath == o.resultPath;
}

bool ChoiceRule::operator==(const ChoiceRule &o) const
{
    return condition == o.condition && next == o.next;
}

bool State::isTerminal() const
{
    return stateTypeInfo(type).terminal || end;
}

std::vector<std::string> State::successors() const
{
    std::vector<std::string> out;
    auto add = [&out](const std::string &s) {
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    };
    add(next);
    for (const ChoiceRule &c : choices)
        add(c.next);
    add(defaultNext);
    for (const CatchRule &c : catchRules)
        add(c.next);
    return out;
}

bool State::operator==(const State &o) const
{
    return name == o.name && type == o.type && comment == o.comment && next == o.next
           && end == o.end && inputPath == o.inputPath && parameters == o.parameters
           && resultSelector == o.resultSelector && resultPath == o.resultPath
           && outputPath == o.outputPath && run == o.run && resource == o.resource
           && timeoutSeconds == o.timeoutSeconds && heartbeatSeconds == o.heartbeatSeconds
           && mock == o.mock && retry == o.retry && catchRules == o.catchRules
           && choices == o.choices && defaultNext == o.defaultNext && seconds == o.seconds
           && secondsPath == o.secondsPath && timestamp == o.timestamp
           && timestampPath == o.timestampPath && event == o.event && eventKind == o.eventKind
           && prompt == o.prompt && form == o.form && assignee == o.assignee
           && machinesEqual(branches, o.branches) && itemsPath == o.itemsPath
           && itemSelector == o.itemSelector && maxConcurrency == o.maxConcurrency
           && toleratedFailureCount == o.toleratedFailureCount
           && toleratedFailurePercentage == o.toleratedFailurePercentage
           && machinesEqual({processor}, {o.processor}) && result == o.result && error == o.error
           && cause == o.cause && errorPath == o.errorPath && causePath == o.causePath;
}

const State *StateMachine::find(const std::string &name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &states[size_t(i)];
}

int StateMachine::indexOf(const std::string &name) const
{
    for (size_t i = 0; i < states.size(); ++i) {
        if (states[i].name == name)
            return int(i);
    }
    return -1;
}

bool StateMachine::operator==(const StateMachine &o) const
{
    return startAt == o.startAt && states == o.states;
}

bool Definition::operator==(const Definition &o) const
{
    return name == o.name && description == o.description && timeoutSeconds == o.timeoutSeconds
           && inputSchema == o.inputSchema && layout == o.layout && machine == o.machine;
}

const State *findStateRecursive(const StateMachine &m, const std::string &name)
{
    for (const State &s : m.states) {
        if (s.name == name)
            return &s;
        for (const auto &b : s.branches) {
            if (const State *found = b ? findStateRecursive(*b, name) : nullptr)
                return found;
        }
        if (s.processor) {
            if (const State *found = findStateRecursive(*s.processor, name))
                return found;
        }
    }
    return nullptr;
}

} // namespace Signalbox
