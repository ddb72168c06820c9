// The runtime's cached state of one execution, and the one function that changes it: applyEvent.
// The state is a pure fold of the history (replay), so it can always be rebuilt; the live cache
// is kept by applying each event as it is emitted (Stepper), and tests prove cache == replay.
// It holds one FrameState per running frame: "" for the top level, "<state>[<i>]" for a parallel
// branch or map iteration (nested with "/"), see history.h.
#pragma once

#include "signalbox/history.h"
#include "signalbox/json.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Signalbox::Runtime {

struct ChildSlot
{
    enum Status { Pending = 0, Running = 1, Succeeded = 2, Failed = 3 };
    int status = Pending;
    Json output; // the branch output, or {"error","cause"} for a failed one
    bool operator==(const ChildSlot &) const = default;
};

struct FrameState
{
    // What the frame's current state is doing.
    enum class Phase { Idle, Task, RetryWait, Wait, Await, Children, Failed, Exited };

    std::string id;
    std::string parentFrame; // for child frames: the frame and state that own this one
    std::string parentState;
    int index = -1;

    std::string current; // the state being run ("" before the first StateEntered)
    Json input;          // the raw state input (before input_path)
    qint64 enteredAtMs = 0;
    Phase phase = Phase::Idle;
    int attempt = 1;   // try number of the current state (task, parallel, map)
    std::string token; // task token while a task is scheduled
    bool taskStarted = false;
    bool activity = false;  // the scheduled task waits for `complete` (no run:)
    std::string timerId;    // wait / retry delay / task or event timeout timer
    std::string awaitEvent; // wait_for_event: event name and kind
    std::string awaitKind;
    std::vector<int> retriesUsed;    // per retry policy of the current state
    std::vector<ChildSlot> children; // parallel branches / map iterations
    std::string error;               // after StateFailed
    std::string cause;

    // Map: the effective input and the items, evaluated once when the state starts (or starts
    // again after a retry). A memo, not state: never serialized and equal in every comparison;
    // after a reload from the store the Stepper evaluates them again from `input`.
    struct MapItems
    {
        std::string state;
        int attempt = 0;
        Json effective;
        Json items;
        // The context object, for item_selector: built once (it holds the execution input);
        // $$.Map.Item is set in it while one item's selector is applied, then removed.
        mutable Json context;
    };
    struct MapMemo
    {
        std::shared_ptr<const MapItems> value;
        bool operator==(const MapMemo &) const { return true; }
    };
    MapMemo mapMemo;

    bool operator==(const FrameState &) const = default;
};

struct ExecutionState
{
    std::string id;
    std::string name;
    std::string workflow;
    std::string definitionHash;
    std::string sourcePath;
    bool simulated = false;
    ExecutionStatus status = ExecutionStatus::Running;
    Json input;
    Json output;
    std::string error;
    std::string cause;
    std::string failedState; // top-level state the execution failed in (for redrive)
    Json failedInput;        // its raw input
    qint64 startedAtMs = 0;
    qint64 endedAtMs = 0;
    qint64 lastSeq = 0;
    std::string executionTimerId;
    int redriveCount = 0;
    std::map<std::string, FrameState> frames;

    Json toJson() const;
    static ExecutionState fromJson(const Json &j); // throws nlohmann::json::exception
    bool operator==(const ExecutionState &) const = default;

    // Active positions for lists: "state" or "frame/state" for each frame with a current state.
    Json positions() const;
    // WAITING when every active frame waits for the outside (approval, event, activity).
    ExecutionStatus liveStatus() const;
};

// Applies one event. The only mutator of ExecutionState; used for live steps and for replay.
void applyEvent(ExecutionState &st, const HistoryEvent &e);
ExecutionState replay(const std::vector<HistoryEvent> &history);

// "<frame>/<state>[<i>]" or "<state>[<i>]" at top level.
std::string childFrameId(const std::string &frame, const std::string &state, int index);

} // namespace Signalbox::Runtime
