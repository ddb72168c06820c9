#include "nestedstates.h"

#include <memory>

namespace Signalbox::Nested {

namespace {

// Every lane (branch or processor) of a state, writable through copies.
template<typename Fn>
bool forLanes(State &state, Fn &&fn)
{
    bool changed = false;
    for (auto &branch : state.branches) {
        if (!branch)
            continue;
        auto copy = std::make_shared<StateMachine>(*branch);
        if (fn(*copy)) {
            branch = copy;
            changed = true;
        }
    }
    if (state.processor) {
        auto copy = std::make_shared<StateMachine>(*state.processor);
        if (fn(*copy)) {
            state.processor = copy;
            changed = true;
        }
    }
    return changed;
}

bool contains(const State &state, const std::string &name)
{
    for (const auto &branch : state.branches)
        if (branch && machineOf(*branch, name))
            return true;
    return state.processor && machineOf(*state.processor, name);
}

} // namespace

const StateMachine *machineOf(const StateMachine &root, const std::string &name)
{
    if (root.find(name))
        return &root;
    for (const State &s : root.states) {
        for (const auto &branch : s.branches)
            if (const StateMachine *m = branch ? machineOf(*branch, name) : nullptr)
                return m;
        if (const StateMachine *m = s.processor ? machineOf(*s.processor, name) : nullptr)
            return m;
    }
    return nullptr;
}

int topLevelIndex(const StateMachine &root, const std::string &name)
{
    for (int i = 0; i < int(root.states.size()); ++i) {
        const State &s = root.states[size_t(i)];
        if (s.name == name || contains(s, name))
            return i;
    }
    return -1;
}

bool replaceInside(State &container, const State &replacement)
{
    if (!contains(container, replacement.name))
        return false;
    return forLanes(container, [&](StateMachine &m) {
        for (State &s : m.states) {
            if (s.name == replacement.name) {
                s = replacement;
                return true;
            }
            if (replaceInside(s, replacement))
                return true;
        }
        return false;
    });
}

bool addInside(State &top, const std::string &container, int lane, const State &state)
{
    if (top.name == container) {
        std::shared_ptr<const StateMachine> *target = nullptr;
        if (top.type == StateType::Parallel && lane >= 0 && lane < int(top.branches.size()))
            target = &top.branches[size_t(lane)];
        else if (top.type == StateType::Map && lane == 0)
            target = &top.processor;
        if (!target)
            return false;
        auto copy
            = *target ? std::make_shared<StateMachine>(**target) : std::make_shared<StateMachine>();
        copy->states.push_back(state);
        if (copy->startAt.empty() || !copy->find(copy->startAt))
            copy->startAt = state.name;
        *target = copy;
        return true;
    }
    if (!contains(top, container))
        return false;
    return forLanes(top, [&](StateMachine &m) {
        for (State &s : m.states)
            if (addInside(s, container, lane, state))
                return true;
        return false;
    });
}

void forEachMachineInside(State &container, const std::function<void(StateMachine &)> &fn)
{
    forLanes(container, [&](StateMachine &m) {
        fn(m);
        for (State &s : m.states)
            forEachMachineInside(s, fn);
        return true;
    });
}

} // namespace Signalbox::Nested
