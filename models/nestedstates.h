// Nested states: helpers for the states inside parallel branches and map processors. Branches are
// immutable and shared (std::shared_ptr<const StateMachine>), so changing a nested state copies
// the machines on the way down from its top-level container (copy on write) and the result is
// an ordinary replacement of that top-level state, undoable like any other edit. State names are
// unique across the whole workflow, so a name alone finds a state at any depth.
#pragma once

#include "signalbox/definition.h"

#include <functional>
#include <string>

namespace Signalbox::Nested {

// The machine that holds `name` directly (`root` for top-level states), or nullptr.
const StateMachine *machineOf(const StateMachine &root, const std::string &name);
// Index in root.states of the top-level state that is or contains `name`, or -1.
int topLevelIndex(const StateMachine &root, const std::string &name);
// Replaces the state named replacement.name inside `container` (at any depth); false if absent.
bool replaceInside(State &container, const State &replacement);
// Adds `state` to lane `lane` of `container` (a branch, or 0 for a map's processor) found by name
// at any depth inside or equal to `top`; the first state of an empty lane becomes its start.
bool addInside(State &top, const std::string &container, int lane, const State &state);
// Applies `fn` to every machine (branch, processor) nested inside `container`, at any depth.
void forEachMachineInside(State &container, const std::function<void(StateMachine &)> &fn);

} // namespace Signalbox::Nested
