// The execution history: the append-only list of events that is the truth about an execution.
// Event types carry explicit, stable integers (stored in SQLite); never renumber them, only add.
// Every event names the frame it happened in: "" for the top level, "<state>[<i>]" for branch i of
// a parallel state or iteration i of a map state, nested with "/" (e.g. "fan-out[1]/items[3]").
#pragma once

#include "signalbox/json.h"

#include <QtGlobal>

#include <optional>
#include <string>
#include <vector>

namespace Signalbox {

enum class EventType : int {
    ExecutionStarted = 1,    // data: {input, definition_hash, workflow, name}
    StateEntered = 2,        // data: {input}
    StateExited = 3,         // data: {output}
    TaskScheduled = 4,       // data: {attempt, token, input}
    TaskStarted = 5,         // data: {attempt, token, pid?}
    TaskSucceeded = 6,       // data: {attempt, output}
    TaskFailed = 7,          // data: {attempt, error, cause, exit_code?}
    TaskTimedOut = 8,        // data: {attempt, error: "States.Timeout", cause}
    TaskInterrupted = 9,     // data: {attempt, token}   (crash recovery re-dispatch)
    RetryScheduled = 10,     // data: {attempt (next), delay_seconds, due_at, error}
    ChoiceTaken = 11,        // data: {rule (index or -1 for default), next}
    WaitStarted = 12,        // data: {due_at, timer_id}
    WaitFired = 13,          // data: {timer_id}
    EventAwaited = 14,       // data: {event, kind, prompt, form, assignee, deadline?}
    EventReceived = 15,      // data: {event, payload}
    ApprovalGranted = 16,    // data: {by, comment, fields}
    ApprovalRejected = 17,   // data: {by, comment, fields}
    BranchStarted = 18,      // data: {index, input}  (state = the parallel/map state)
    BranchFinished = 19,     // data: {index, output} or {index, error, cause}
    ExecutionSucceeded = 20, // data: {output}
    ExecutionFailed = 21,    // data: {error, cause}
    ExecutionCancelled = 22, // data: {by, reason}
    ExecutionTimedOut = 23,  // data: {error: "States.Timeout", cause}
    ExecutionRedriven = 24,  // data: {from_state, input?, definition_hash?}
    ActivityCompleted = 25,  // data: {output} or {error, cause}; by an operator/worker
    StateFailed = 26,    // data: {error, cause}  (error leaving a state, before catch/propagate)
    CatchTaken = 27,     // data: {error, cause, next}
    TimerCancelled = 28, // data: {timer_id}
};

const char *eventTypeName(EventType t); // "ExecutionStarted", ...
std::optional<EventType> eventTypeFromName(const std::string &name);
bool isValidEventType(int value);

struct HistoryEvent
{
    qint64 seq = 0; // 1-based, contiguous per execution
    EventType type = EventType::ExecutionStarted;
    qint64 atMs = 0;   // milliseconds since the Unix epoch (UTC)
    std::string frame; // see above
    std::string state; // state name, empty for execution-level events
    Json data = Json::object();
};

enum class ExecutionStatus { Running, Waiting, Succeeded, Failed, Cancelled, TimedOut };
const char *executionStatusName(ExecutionStatus s); // "RUNNING", "WAITING", "SUCCEEDED", ...
std::optional<ExecutionStatus> executionStatusFromName(const std::string &name);
inline bool isFinal(ExecutionStatus s)
{
    return s != ExecutionStatus::Running && s != ExecutionStatus::Waiting;
}

Json eventToJson(const HistoryEvent &e); // {seq, type, at (RFC 3339 ms), frame, state, data}

} // namespace Signalbox
