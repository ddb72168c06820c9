// The state-type table: what each state type is, written once. One row per StateType holds its
// YAML and ASL names, the fields it takes (and so which YAML keys and ASL fields the readers
// accept), its capabilities (next/end, retry, catch, timeout, heartbeat, nested machines, ending
// its machine) and its Mermaid shape. The readers, writers, validator, codecs, stepper and the
// designer's models ask this table instead of switching on the type, so a capability such as
// "can this state catch errors?" has one answer everywhere, export included: the rows follow
// ASL, where Retry and Catch belong to Task, Parallel and Map, and wait_for_event is exported as
// a callback Task (so it may catch; it does not retry, because a retry would ask the people
// again). Per-type work (reading a task's `run`, executing a map) stays in exhaustive switches.
#pragma once

#include "signalbox/definition.h"

#include <optional>
#include <string>
#include <vector>

namespace Signalbox {

struct StateTypeInfo
{
    StateType type = StateType::Pass;
    const char *yamlName = ""; // "wait_for_event"
    const char *aslName = "";  // "Task": the ASL Type it is exported as

    bool transitions = false; // takes next / end
    bool terminal = false;    // succeed, fail: ends its machine, never continues
    bool container = false;   // holds state machines (parallel branches, a map processor)
    bool iterates = false;    // runs its one machine once per item (map), not each branch once
    bool retry = false;       // `retry` (ASL Retry)
    bool catches = false;     // `catch` (ASL Catch)
    bool timeout = false;     // `timeout_seconds`
    bool heartbeat = false;   // `heartbeat_seconds`

    // Data flow, as in ASL.
    bool inputPath = false;
    bool parameters = false;
    bool resultSelector = false;
    bool resultPath = false;
    bool outputPath = false;

    std::vector<std::string> ownKeys; // the YAML keys only this type has, in canonical order
    std::vector<std::string> aslKeys; // the ASL fields only this type has (import)

    // The Mermaid node (the brackets around its label and its classDef) for states that are
    // not containers.
    const char *mermaidOpen = "[";
    const char *mermaidClose = "]";
    const char *mermaidClass = "";
    const char *mermaidStyle = ""; // the classDef's style
};

// Every row, in the order of the StateType enum (the order the designer's palette shows).
const std::vector<StateTypeInfo> &stateTypeInfos();
const StateTypeInfo &stateTypeInfo(StateType type);

// Every YAML key a state of `type` may have, "type" and "comment" first.
std::vector<std::string> stateYamlKeys(StateType type);
// Every ASL field a state read as `type` may have ("Type", "Comment", "QueryLanguage" first).
std::vector<std::string> stateAslFields(StateType type);
// The first type exported as this ASL Type ("Task" -> task); nullopt when none is.
std::optional<StateType> stateTypeFromAslName(const std::string &aslName);
// The distinct ASL Types, in table order.
std::vector<std::string> stateAslTypeNames();
// The YAML names, in table order, and as prose: "task, choice, ... succeed or fail".
std::vector<std::string> stateTypeNames();
std::string stateTypeNamesText();

// A new state of `type` as the designer adds it: valid on its own (a wait of 60 s, an approval
// with a prompt, a fail with an error) and ending its machine when its type can.
State defaultState(StateType type);

} // namespace Signalbox
