// The in-memory workflow Definition: one immutable model of the language.
// YAML, JSON, ASL and Mermaid are codecs around it (codecs.h); the validator checks it
// (validator.h); the runtime executes it. Field names follow the YAML language in snake_case;
// data-flow semantics follow Amazon States Language.
//
// Optional data-flow fields use std::optional<Json>: nullopt = absent (ASL default "$"),
// a JSON null = "discard" (ASL null), a string = a path.
#pragma once

#include "signalbox/condition.h"
#include "signalbox/diagnostics.h"
#include "signalbox/json.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Signalbox {

// What each type is (names, fields, capabilities) is the table in statetypes.h.
enum class StateType { Task, Choice, Wait, WaitForEvent, Parallel, Map, Pass, Succeed, Fail };

const char *stateTypeName(StateType t); // "task", "wait_for_event", ... (statetypes.h)
std::optional<StateType> stateTypeFromName(const std::string &name);

struct RetryPolicy
{
    enum class Backoff { Exponential, Fixed, Linear };
    enum class Jitter { None, Full };
    std::vector<std::string> errors{"States.ALL"};
    int attempts = 3; // total tries including the first
    Backoff backoff = Backoff::Exponential;
    double intervalSeconds = 1.0;
    double backoffRate = 2.0;
    std::optional<double> maxDelaySeconds;
    Jitter jitter = Jitter::None;
    SourceLocation location;

    // Delay before retry number `retry` (1-based), before jitter.
    double delayBeforeRetry(int retry) const;
    bool matches(const std::string &error) const;
    bool operator==(const RetryPolicy &o) const;
};

struct CatchRule
{
    std::vector<std::string> errors{"States.ALL"};
    std::string next;
    std::optional<Json> resultPath;
    SourceLocation location;
    bool matches(const std::string &error) const;
    bool operator==(const CatchRule &o) const;
};

struct ChoiceRule
{
    Condition condition;
    std::string next;
    // How the user wrote it, so the YAML writer can round-trip the same spelling.
    enum class Spelling { When, Expression, Structured };
    Spelling spelling = Spelling::Expression;
    std::string text; // expression text / when-path as written
    Json structured;  // the structured rule as written (Spelling::Structured)
    SourceLocation location;
    bool operator==(const ChoiceRule &o) const;
};

struct Executor
{
    enum class Kind { None, Command, Shell, Http };
    Kind kind = Kind::None;                 // None = activity, completed from outside
    std::vector<std::string> argv;          // Command
    std::string shell;                      // Shell
    std::map<std::string, std::string> env; // extra environment; values may hold ${env:NAME}
    struct Http
    {
        std::string method = "GET";
        std::string url;
        std::vector<std::pair<std::string, std::string>> headers;
        std::optional<Json> body;
        bool operator==(const Http &) const = default;
    } http;
    bool operator==(const Executor &) const = default;
};

struct FormField
{
    std::string name;
    std::string type = "string"; // string, text, number, boolean, choice
    std::string label;
    bool required = false;
    std::vector<std::string> options; // for choice
    bool operator==(const FormField &) const = default;
};

struct StateMachine;

struct State
{
    std::string name;
    StateType type = StateType::Pass;
    std::string comment;
    std::string next;
    bool end = false;
    SourceLocation location;                              // of the state's key
    std::map<std::string, SourceLocation> fieldLocations; // field name -> location of its key

    // Data flow (ASL semantics).
    std::optional<Json> inputPath;
    std::optional<Json> parameters;
    std::optional<Json> resultSelector;
    std::optional<Json> resultPath;
    std::optional<Json> outputPath;

    // task
    Executor run;
    std::string resource;
    std::optional<int> timeoutSeconds;   // task / wait_for_event
    std::optional<int> heartbeatSeconds; // task
    std::optional<Json> mock;            // task simulation result
    std::vector<RetryPolicy> retry;      // types whose row allows it (statetypes.h)
    std::vector<CatchRule> catchRules;   // types whose row allows it (statetypes.h)

    // choice
    std::vector<ChoiceRule> choices;
    std::string defaultNext;

    // wait
    std::optional<double> seconds;
    std::string secondsPath;
    std::string timestamp;
    std::string timestampPath;

    // wait_for_event
    std::string event;                  // default: the state name
    std::string eventKind = "approval"; // "approval" or "event"
    std::string prompt;
    std::vector<FormField> form;
    std::string assignee;

    // parallel
    std::vector<std::shared_ptr<const StateMachine>> branches;

    // map
    std::string itemsPath;
    std::optional<Json> itemSelector;
    int maxConcurrency = 0;
    std::optional<int> toleratedFailureCount;
    std::optional<double> toleratedFailurePercentage;
    std::shared_ptr<const StateMachine> processor;

    // pass
    std::optional<Json> result;

    // fail
    std::string error;
    std::string cause;
    std::string errorPath;
    std::string causePath;

    bool isTerminal() const; // succeed, fail, or end: true
    std::string effectiveEvent() const { return event.empty() ? name : event; }
    // Every state name this state can transition to (next, choices, default, catch).
    std::vector<std::string> successors() const;
    bool operator==(const State &o) const; // semantic equality, ignores locations
};

// A set of states with a start: the workflow itself, a parallel branch or a map processor.
struct StateMachine
{
    std::string startAt;
    SourceLocation startAtLocation;
    std::vector<State> states; // in document order

    const State *find(const std::string &name) const;
    int indexOf(const std::string &name) const;
    bool operator==(const StateMachine &o) const;
};

struct Definition
{
    std::string name;
    std::string description;
    std::optional<int> timeoutSeconds;
    std::optional<Json> inputSchema;
    std::optional<Json> layout; // designer positions; ignored by the engine
    StateMachine machine;
    std::string sourceFile; // where it was read from (for locations and working directory)

    bool operator==(const Definition &o) const; // ignores locations and sourceFile
};

// State names are unique across the whole workflow, nested branches and processors included (as in
// Step Functions), so a name alone addresses any state. Returns nullptr when absent.
const State *findStateRecursive(const StateMachine &m, const std::string &name);

} // namespace Signalbox
