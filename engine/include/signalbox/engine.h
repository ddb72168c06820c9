// The durable workflow engine: runs any Definition, event-sourced into the
// Store, and resumes every unfinished execution when it opens a database.
#pragma once

#include "signalbox/clock.h"
#include "signalbox/definition.h"
#include "signalbox/history.h"
#include "signalbox/json.h"
#include "signalbox/store.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace Signalbox {

struct EngineOptions
{
    bool synchronousFull = true;                // SQLite synchronous=FULL (else NORMAL)
    std::size_t payloadLimitBytes = 256 * 1024; // per state input/output; 0 = unlimited
    int historyLimit = 25000;                   // events per execution; warned at 80%
    bool resumeOnOpen = true;                   // recover unfinished executions in open()
    // Task processes (command/shell) the host runs at once; more wait their turn, in the order
    // they were scheduled. 0 = derived from the open-file limit (defaultProcessLimit()).
    int processLimit = 0;
};

// The process budget when EngineOptions::processLimit is 0: a running task holds about 4 file
// descriptors (stdin, stdout, stderr, the child's exit notifier) and a start briefly needs a few
// more, so RLIMIT_NOFILE's soft limit minus 64 for the host, over 8, between 4 and 256.
int defaultProcessLimit();

// What an operation answered. `ok` false means nothing was queued and `error` says why in words
// a person can act on. `executionId` is set for every operation that names an execution.
struct OperationResult
{
    bool ok = false;
    std::string error;
    std::string executionId;
    Json value = Json::object();
    static OperationResult failure(std::string message);
};

// Design: the Engine is the one writer of one database. It lives on one thread (the CLI's main
// thread, or the GUI's engine worker thread) and everything it does is driven by that thread's
// event loop:
//  - Operations (start, cancel, approve...) and executor results become Inputs in a queue; they
//    are validated against the cached state first, so a wrong request fails at once.
//  - drain() takes the whole queue, runs each Input through the pure Stepper (runtime/stepper.h)
//    on a copy of the execution's cached state, and writes every resulting event, execution
//    projection, timer and pending wait of the batch in ONE store transaction (group commit).
//  - Only after the commit does it start/kill task processes, arm the single QTimer for the
//    earliest durable timer and emit signals. If the commit fails, it rolls back and the caches
//    stay as they were (they are copies until commit). A full disk or an I/O error is retried
//    with backoff until it passes (storageFault/storageRecovered), other failures a few times;
//    a damaged database stops the engine (storageFailed).
//  - open() resumes unfinished executions: tasks that were dispatched but not finished are
//    re-dispatched with the same token after a TaskInterrupted event; timers come back from the
//    timers table (passed ones fire at once); waits keep waiting.
// Public operations return at once on the engine thread; from another thread call them through
// QMetaObject::invokeMethod(engine, [=] { ... }, Qt::QueuedConnection). Observers listen to the
// signals, which carry plain values and are safe across threads.
class Engine : public QObject
{
    Q_OBJECT
public:
    // `clock` may be a ManualClock for tests; nullptr uses a SystemClock owned by the engine.
    explicit Engine(Clock *clock = nullptr, QObject *parent = nullptr);
    ~Engine() override;

    // Opens (creating if needed) the database and resumes unfinished executions. ":memory:" runs
    // without persistence. Does not take the HostLock: the host process does that first.
    bool open(const QString &databasePath, QString *error, const EngineOptions &options = {});
    // Stops running tasks (they will be re-dispatched on the next open) and closes the store.
    void close();
    bool isOpen() const;
    Store *store() const;
    Clock *clock() const;

    // Starts an execution of `def`. `source` is the workflow text it was read from (stored by
    // content hash so the execution is pinned to it; when empty, the YAML writer's text is
    // used); `sourcePath` gives tasks their working directory. A non-empty `name` names one
    // execution, as Step Functions' StartExecution does (executionname.h): it must pass
    // executionNameProblem() (else the error starts "InvalidName: "); starting the same name
    // again with the same workflow source and the same input while that execution is open
    // returns it (value {"existing": true}); a different workflow or input, or a closed
    // execution, fails with an error that starts "ExecutionAlreadyExists: ". The input must be
    // nested at most kJsonMaxDepth levels (jsonread.h) and fit the payload limit.
    OperationResult start(const Definition &def, const std::string &source,
                          const QString &sourcePath, const Json &input,
                          const std::string &name = {}, bool simulate = false);
    OperationResult cancel(const std::string &execution, const std::string &by = {},
                           const std::string &reason = {});
    OperationResult sendEvent(const std::string &execution, const std::string &event,
                              const Json &payload);
    // `state` may be empty when exactly one approval waits. `fields` are checked against the
    // state's form (required fields, types, options) when approving.
    OperationResult approve(const std::string &execution, const std::string &state,
                            const std::string &by, const std::string &comment,
                            const Json &fields = Json::object());
    OperationResult reject(const std::string &execution, const std::string &state,
                           const std::string &by, const std::string &comment,
                           const Json &fields = Json::object());
    OperationResult completeActivity(const std::string &execution, const std::string &state,
                                     const Json &output, const std::string &by = {});
    OperationResult failActivity(const std::string &execution, const std::string &state,
                                 const std::string &error, const std::string &cause,
                                 const std::string &by = {});
    // Tells a running task (an activity, or any task whose state has heartbeat_seconds) that
    // its worker is alive: the heartbeat deadline moves to now + heartbeat_seconds. `state` may
    // be empty when one task runs. Not recorded in the history; the count since the attempt was
    // dispatched is kept with the durable timer (value {"heartbeats", "deadline"}). A task
    // without heartbeat_seconds accepts heartbeats and ignores them (value "deadline": null).
    OperationResult heartbeat(const std::string &execution, const std::string &state);
    // The same for the task with this token (SIGNALBOX_TASK_TOKEN, `$$.Task.Token`).
    OperationResult heartbeatTask(const std::string &token);
    // Resumes a FAILED or TIMED_OUT execution from the state it failed in, with that state's
    // input or `input` when given. With `newDefinition` (and its source text, as for start) the
    // execution moves to that version from here on; the failed state must exist in it.
    OperationResult redrive(const std::string &execution, const std::optional<Json> &input = {},
                            const Definition *newDefinition = nullptr,
                            const std::string &newSource = {});

    // Processes the queue now (one transaction). Operations are durable once this returns.
    Q_INVOKABLE void flush();

    // The cached state of a live execution as JSON (for tests and inspection), null if unknown.
    Json cachedState(const std::string &executionId) const;
    std::optional<ExecutionStatus> status(const std::string &executionId) const;
    int liveExecutions() const;
    // Why open() could not resume this unfinished execution (its stored definition no longer
    // parses, ...); empty when it runs or is unknown.
    QString resumeProblem(const std::string &executionId) const;
    // The storage fault the engine is retrying, or empty.
    QString storageProblem() const;
    // Task processes/requests in flight.
    int runningTasks() const;
    // Process tasks scheduled but waiting for a slot of the process budget.
    int waitingTasks() const;
    // The process budget in force (EngineOptions::processLimit or defaultProcessLimit()).
    int processLimit() const;

    struct Private; // opaque (runtime/engineprivate.h)

signals:
    void executionChanged(const QString &executionId, const QString &status);
    // A JSON array (UTF-8) of the events just committed, as eventToJson() renders them.
    void eventsAppended(const QString &executionId, const QByteArray &events);
    void approvalsChanged();
    void executionFinished(const QString &executionId, const QString &status);
    // History near its limit, failed commits and similar conditions worth a log line.
    void warning(const QString &message);
    // Commits fail for a reason that may pass (disk full, I/O error, read-only remount): the
    // engine keeps every input and retries with backoff (50 ms doubling to 5 s). Emitted once
    // per episode; storageRecovered() when a commit succeeds again.
    void storageFault(const QString &message);
    void storageRecovered();
    // The database can no longer be trusted (damaged, its write-ahead log removed): the engine
    // stops writing; the host should stop and tell the person why.
    void storageFailed(const QString &message);

private:
    std::unique_ptr<Private> d;
    void scheduleDrain();
    void drain();
    void onTimer();
    void armTimer();
    friend struct EngineAccess;
};

// Maps a control-socket request (control.h) onto Engine operations and returns the reply
// result; throws std::runtime_error with a message a person can act on when it fails. The
// operation is committed (flush) before this returns.
Json handleControlRequest(Engine &engine, const Json &request);

// The content hash that pins a definition source ("sha256:<hex>").
std::string definitionHash(const std::string &source);

} // namespace Signalbox
