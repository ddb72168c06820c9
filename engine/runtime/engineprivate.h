// Engine internals shared by engine.cpp (queue, group commit, effects, timers, recovery) and
// engineoperations.cpp (validation of operations). Not a public header.
#pragma once

#include "executionstate.h"
#include "stepper.h"

#include "executors/httprunner.h"
#include "executors/processrunner.h"

#include "signalbox/engine.h"

#include <QTimer>

#include <deque>
#include <map>
#include <memory>
#include <random>

namespace Signalbox {

struct LiveExecution
{
    Runtime::ExecutionState state;
    std::shared_ptr<const Definition> def;
};

struct QueuedInput
{
    Runtime::Input input;
    bool recover = false;                   // Stepper::recover() instead of handle()
    std::shared_ptr<const Definition> def;  // Start: the definition to pin
    std::optional<StoredDefinition> stored; // Start: its source, stored in the same commit
    std::optional<TaskLog> log;             // TaskResult: captured output
    int tries = 0;                          // failed commits so far
};

struct Engine::Private
{
    Clock *clock = nullptr;
    std::unique_ptr<Clock> ownedClock;
    std::unique_ptr<Store> store;
    EngineOptions options;
    Runtime::Limits limits;
    std::map<std::string, LiveExecution> live;                            // unfinished executions
    std::map<std::string, std::shared_ptr<const Definition>> definitions; // by hash
    // State-name indexes of the definitions in use (the pointer keeps each one alive).
    std::map<const Definition *, std::pair<std::shared_ptr<const Definition>, Runtime::StateIndex>>
        stateIndexes;
    std::map<std::string, std::string> pendingNames; // name -> id, started but uncommitted
    std::deque<QueuedInput> queue;
    std::map<std::string, TimerRecord> timers; // armed durable timers by id
    // Children of the Engine, so moveToThread() takes them along (the GUI runs the engine on a
    // worker thread).
    QTimer *timer = nullptr;      // fires at the earliest due timer
    QTimer *retryTimer = nullptr; // re-drains after a failed commit
    std::map<std::string, QString> unresumable; // execution id -> why open() left it
    QString storageProblem;  // a transient fault being retried ("" when commits succeed)
    QString storageFailure;  // a fatal one: nothing is written any more
    int storageRetryMs = 0;  // the current backoff
    bool drainScheduled = false;
    bool draining = false;
    ProcessRunner processes;
    // Process tasks beyond the budget, in scheduling order. Their TaskScheduled events are
    // committed, so after a crash recovery re-dispatches them like any interrupted task.
    struct WaitingTask
    {
        TaskRequest request;
        TaskCallback done;
    };
    std::deque<WaitingTask> waitingTasks;
    int processLimit = 0; // in force since open()
    void startProcess(TaskRequest request, TaskCallback done);
    void startWaitingProcesses();
    void dropWaitingProcess(const std::string &token);
    // Created on first use, on the engine's thread (QNetworkAccessManager has thread affinity).
    std::unique_ptr<HttpRunner> http;
    HttpRunner &httpRunner()
    {
        if (!http)
            http = std::make_unique<HttpRunner>();
        return *http;
    }
    std::mt19937_64 rng{std::random_device{}()};

    // The definition pinned by `hash` (cached; loaded from the store and parsed on a miss).
    std::shared_ptr<const Definition> definition(const std::string &hash, std::string *error);
    // A live execution, or one loaded from the store (finished ones, for redrive).
    std::optional<LiveExecution> load(const std::string &idOrName, std::string *error);
    std::optional<LiveExecution> fromRecord(const ExecutionRecord &rec, std::string *error);
    LiveExecution *findLive(const std::string &idOrName);
    const Runtime::StateIndex &stateIndex(const std::shared_ptr<const Definition> &def);
};

} // namespace Signalbox
