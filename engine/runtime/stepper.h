// Transitions as data. A Stepper takes one execution's cached state, its pinned
// Definition and an Input (start, task result, timer fired, event, approval, cancel, redrive...)
// and produces the history events to append plus the side effects to perform after the commit
// (start or kill a task, put or delete a timer or a pending wait). It does no I/O: time comes in
// as an argument, randomness (retry jitter) from a generator owned by the caller, and every
// decision is recorded in an event, so replaying the events rebuilds the same state.
#pragma once

#include "executionstate.h"

#include "signalbox/definition.h"
#include "signalbox/store.h"

#include <deque>
#include <map>
#include <random>
#include <unordered_map>

namespace Signalbox::Runtime {

struct FlowError;

struct Limits
{
    std::size_t payloadBytes = 256 * 1024; // per state input/output, serialized
    int historyEvents = 25000;             // per execution; warned at 80%
};

struct Effect
{
    enum class Kind { StartTask, KillTask, PutTimer, DeleteTimer, PutWait, DeleteWait };
    Kind kind = Kind::StartTask;
    std::string frame;
    std::string state;
    std::string token;
    int attempt = 0;
    Json input;
    TimerRecord timer; // PutTimer; DeleteTimer uses timer.id
    PendingWait wait;  // PutWait; DeleteWait uses its executionId/frame/state
};

struct Input
{
    enum class Kind {
        Start,            // data {input, name, workflow, definition_hash, source_path, simulated}
        TaskResult,       // frame, token; data {ok, output | error, cause, exit_code?}
        CompleteActivity, // frame, token; data {output | error, cause; by}
        TimerFired,       // data: the timer payload plus timer_id
        Event,            // data {event, payload}; frame/state optional to target one wait
        Approval,         // frame, state; data {by, comment, fields}
        Rejection,        // frame, state; data {by, comment, fields}
        Cancel,           // data {by, reason}
        Redrive,          // data {input?}
        Heartbeat,        // frame, token; data {heartbeats}: resets the heartbeat deadline
    };
    Kind kind = Kind::Start;
    std::string executionId;
    std::string frame;
    std::string state;
    std::string token;
    Json data = Json::object();
};

// State name -> state over a definition and its branches and processors, with the result
// findStateRecursive() gives (the first in its search order). Built once per definition (the
// engine keeps one per pinned definition), so a transition does no linear name search.
using StateIndex = std::unordered_map<std::string, const State *>;
StateIndex indexStates(const StateMachine &machine);

struct Transition
{
    std::vector<HistoryEvent> events;
    std::vector<Effect> effects;
    std::vector<std::string> warnings; // e.g. the history passed 80% of its limit
};

class Stepper
{
public:
    // `index` (optional) is indexStates(def.machine), kept alive by the caller.
    Stepper(ExecutionState &state, const Definition &def, const Limits &limits, qint64 nowMs,
            std::mt19937_64 &rng, const StateIndex *index = nullptr);

    void handle(const Input &in);
    // After a restart: every dispatched, unfinished task is re-dispatched with its token.
    void recover();
    Transition take() { return std::move(m_out); }

private:
    struct Pending
    {
        std::string frame;
        std::string state;
        Json input;
    };

    // Events and effects.
    void record(EventType type, const std::string &frame, const std::string &state, Json data);
    void effect(Effect e) { m_out.effects.push_back(std::move(e)); }
    std::string nextTimerId() const;
    void putTimer(const std::string &id, qint64 dueMs, Json payload);
    void cleanupFrame(const FrameState &f);
    void cleanupBelow(const std::string &frame, const std::string &state);
    void cleanupAll();
    void putHeartbeatTimer(const FrameState &f, const State &s, int heartbeats);
    bool hasHeartbeat(const State *s) const;

    // Lookups.
    FrameState *frame(const std::string &id);
    const State *stateOf(const std::string &name) const;
    Json context(const FrameState &f) const;
    // Whether the state's paths and templates may read $$.Execution.Input (see context()).
    bool readsExecutionInput(const State &s) const;
    // Why a state's input, result or output breaks the payload limits ("larger than N bytes",
    // "nested deeper than 512 levels"), or "" when it does not. A workflow can build depth on
    // its own (a result_path of 40,000 segments), and every later copy, dump and read of the
    // value recurses once per level: past the JSON reader's depth it is refused here.
    std::string payloadLimitCause(const Json &v) const;
    bool tooLarge(const Json &v) const { return !payloadLimitCause(v).empty(); }
    // The history limit: true (after failing the execution with States.Runtime) when `adding`
    // more events, plus the room a state in `frame` needs, would reach the limit.
    bool historyFull(std::size_t adding, const std::string &frame);
    // Map: the effective input and the items, evaluated once per start of the state (memo).
    const FrameState::MapItems *mapItems(const std::string &frame, const State &s,
                                         FlowError *error);

    // Moving through the machine.
    void enter(const std::string &frame, const std::string &state, Json input);
    void drainAgenda();
    // `s`: the frame's current state when the caller has it (saves two lookups per step).
    void runBody(const std::string &frame, const State *s = nullptr);
    void completeState(const std::string &frame, Json output, const State *s = nullptr);
    void failState(const std::string &frame, const std::string &error, const std::string &cause);
    void finishFrame(const std::string &frame, const Json &output);
    void failFrame(const std::string &frame, const std::string &error, const std::string &cause);
    void terminate(EventType type, Json data);

    // State bodies (stepperstates.cpp).
    void runPass(const std::string &frame, const State &s);
    void runTask(const std::string &frame, const State &s);
    void runChoice(const std::string &frame, const State &s);
    void runWait(const std::string &frame, const State &s);
    void runAwait(const std::string &frame, const State &s);
    void runParallel(const std::string &frame, const State &s);
    void runMap(const std::string &frame, const State &s);
    void runSucceed(const std::string &frame, const State &s);
    void runFail(const std::string &frame, const State &s);
    void startMapItems(const std::string &frame);
    void childrenDone(const std::string &frame);

    // Inputs.
    void onStart(const Input &in);
    void onTaskResult(const Input &in, bool activity);
    void onTimer(const Input &in);
    void onEvent(const Input &in);
    void onApproval(const Input &in, bool granted);
    void onRedrive(const Input &in);
    void onHeartbeat(const Input &in);

    ExecutionState &m_st;
    const Definition &m_def;
    Limits m_limits;
    qint64 m_now;
    std::mt19937_64 &m_rng;
    const StateIndex *m_index = nullptr;
    std::deque<Pending> m_agenda;
    Transition m_out;
    mutable std::map<const State *, bool> m_readsInput; // readsExecutionInput() per state
};

// "2026-01-01T00:00:00.000Z"
std::string isoTime(qint64 ms);
// The durable timer of a task's heartbeat deadline: "<execution id>/h<seq>" for the token
// "<execution id>:<seq>" (one per attempt; a heartbeat moves its due time).
std::string heartbeatTimerId(const std::string &token);
std::optional<qint64> parseIsoTime(const std::string &text);

} // namespace Signalbox::Runtime
