#include "signalbox/history.h"

#include <QDateTime>

namespace Signalbox {

namespace {
struct EventTypeEntry
{
    EventType type;
    const char *name;
};

// Kept in the order of the enum; the integers live in history.h and are never renumbered.
constexpr EventTypeEntry eventTypes[] = {
    {EventType::ExecutionStarted, "ExecutionStarted"},
    {EventType::StateEntered, "StateEntered"},
    {EventType::StateExited, "StateExited"},
    {EventType::TaskScheduled, "TaskScheduled"},
    {EventType::TaskStarted, "TaskStarted"},
    {EventType::TaskSucceeded, "TaskSucceeded"},
    {EventType::TaskFailed, "TaskFailed"},
    {EventType::TaskTimedOut, "TaskTimedOut"},
    {EventType::TaskInterrupted, "TaskInterrupted"},
    {EventType::RetryScheduled, "RetryScheduled"},
    {EventType::ChoiceTaken, "ChoiceTaken"},
    {EventType::WaitStarted, "WaitStarted"},
    {EventType::WaitFired, "WaitFired"},
    {EventType::EventAwaited, "EventAwaited"},
    {EventType::EventReceived, "EventReceived"},
    {EventType::ApprovalGranted, "ApprovalGranted"},
    {EventType::ApprovalRejected, "ApprovalRejected"},
    {EventType::BranchStarted, "BranchStarted"},
    {EventType::BranchFinished, "BranchFinished"},
    {EventType::ExecutionSucceeded, "ExecutionSucceeded"},
    {EventType::ExecutionFailed, "ExecutionFailed"},
    {EventType::ExecutionCancelled, "ExecutionCancelled"},
    {EventType::ExecutionTimedOut, "ExecutionTimedOut"},
    {EventType::ExecutionRedriven, "ExecutionRedriven"},
    {EventType::ActivityCompleted, "ActivityCompleted"},
    {EventType::StateFailed, "StateFailed"},
    {EventType::CatchTaken, "CatchTaken"},
    {EventType::TimerCancelled, "TimerCancelled"},
};

struct StatusEntry
{
    ExecutionStatus status;
    const char *name;
};

constexpr StatusEntry statuses[] = {
    {ExecutionStatus::Running, "RUNNING"},     {ExecutionStatus::Waiting, "WAITING"},
    {ExecutionStatus::Succeeded, "SUCCEEDED"}, {ExecutionStatus::Failed, "FAILED"},
    {ExecutionStatus::Cancelled, "CANCELLED"}, {ExecutionStatus::TimedOut, "TIMED_OUT"},
};
} // namespace

const char *eventTypeName(EventType t)
{
    for (const EventTypeEntry &e : eventTypes) {
        if (e.type == t)
            return e.name;
    }
    return "Unknown";
}

std::optional<EventType> eventTypeFromName(const std::string &name)
{
    for (const EventTypeEntry &e : eventTypes) {
        if (name == e.name)
            return e.type;
    }
    return std::nullopt;
}

bool isValidEventType(int value)
{
    for (const EventTypeEntry &e : eventTypes) {
        if (int(e.type) == value)
            return true;
    }
    return false;
}

const char *executionStatusName(ExecutionStatus s)
{
    for (const StatusEntry &e : statuses) {
        if (e.status == s)
            return e.name;
    }
    return "RUNNING";
}

std::optional<ExecutionStatus> executionStatusFromName(const std::string &name)
{
    // Accept any case ("failed", "Failed") so `list --status failed` works.
    const QByteArray upper = QByteArray::fromStdString(name).toUpper();
    for (const StatusEntry &e : statuses) {
        if (upper == e.name)
            return e.status;
    }
    if (upper == "TIMEDOUT")
        return ExecutionStatus::TimedOut;
    return std::nullopt;
}

Json eventToJson(const HistoryEvent &e)
{
    Json j = Json::object();
    j["seq"] = e.seq;
    j["type"] = eventTypeName(e.type);
    j["at"]
        = QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
    j["frame"] = e.frame;
    j["state"] = e.state;
    j["data"] = e.data;
    return j;
}

} // namespace Signalbox
