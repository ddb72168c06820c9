// Task executors: the code that performs a task state's side effect (a local process, an HTTP
// request). The engine hands a TaskRequest to a TaskRunner after the transaction that scheduled
// the task has committed, and turns the TaskOutcome into the next transition. Runners live on the
// engine's thread and report through the callback on that thread. Side effects are at least once:
// after a crash the same request (same token) is started again, so tasks should use the token as
// an idempotency key.
#pragma once

#include "signalbox/definition.h"
#include "signalbox/json.h"
#include "signalbox/store.h"

#include <QString>

#include <functional>
#include <string>

namespace Signalbox {

struct TaskRequest
{
    std::string executionId;
    std::string frame;
    std::string state;
    int attempt = 1;
    std::string token;        // stable per attempt (SIGNALBOX_TASK_TOKEN)
    Json input;               // the state's effective input (stdin / request body default)
    Executor spec;            // what to run; ${env:NAME} still unresolved
    QString workingDirectory; // the workflow file's folder
};

struct TaskOutcome
{
    bool ok = false;
    Json output;       // the result when ok
    std::string error; // error name when !ok, e.g. "Task.ExitCode", "Http.404"
    std::string cause;
    std::optional<int> exitCode;
    TaskLog log; // captured stdout/stderr (bounded) and extra details
};

using TaskCallback = std::function<void(const TaskOutcome &)>;

class TaskRunner
{
public:
    virtual ~TaskRunner() = default;
    // Starts the task; `done` is called exactly once later (never from inside start()) unless
    // the task is cancelled first.
    virtual void start(const TaskRequest &request, TaskCallback done) = 0;
    // Stops the task with this token (kills its process group); its callback is not called.
    virtual void cancel(const std::string &token) = 0;
    virtual void cancelAll() = 0;
    virtual int running() const = 0;
};

// Replaces every ${env:NAME} in `text` with the variable from the host's environment (empty when
// unset). Done only when the task runs, so secrets never enter the history.
std::string resolveEnvReferences(const std::string &text);

} // namespace Signalbox
