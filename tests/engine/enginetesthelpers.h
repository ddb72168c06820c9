// Shared helpers of the tst_engine_* tests: definitions from YAML text, running an execution to
// its end with a timeout, an engine on a worker thread that is always stopped and joined, and
// the invariants every history must keep (contiguous seq, the cached state equal to a replay of
// the history).
// Waiting (docs/engine.md, "Testing the engine"): wait for the condition that carries the result
// (waitFinal, waitUntil, QTRY_* on a value), never for a time. The deadlines are there only to end
// a test that hangs: they are far above any run (engineWaitMs), and a passing test never reaches
// them.
#pragma once

#include "runtime/executionstate.h"

#include "signalbox/codecs.h"
#include "signalbox/engine.h"
#include "signalbox/validator.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <utility>

namespace EngineTest {

using namespace Signalbox;

// The deadline of every wait for something an engine does (a run, a process, a commit). A loaded
// machine (ctest -j2 beside a build) runs a process start or an fsync'd commit 10-100x slower
// than a quiet one; 60 s is far above that and only ends a test that hangs.
constexpr int engineWaitMs = 60000;

inline Definition definition(const std::string &yaml, const std::string &file = "test.yaml")
{
    Diagnostics diags;
    std::optional<Definition> def = readYaml(yaml, file, diags);
    if (def)
        validateDefinition(*def, diags);
    if (!def || diags.hasErrors())
        qWarning("definition problems:\n%s", diags.formatAll().c_str());
    return def.value_or(Definition());
}

inline std::vector<std::string> eventTypes(Store *store, const std::string &id)
{
    std::vector<std::string> out;
    for (const HistoryEvent &e : store->history(id))
        out.push_back(eventTypeName(e.type));
    return out;
}

inline int countEvents(Store *store, const std::string &id, EventType type,
                       const std::string &state = {})
{
    int n = 0;
    for (const HistoryEvent &e : store->history(id))
        n += e.type == type && (state.empty() || e.state == state) ? 1 : 0;
    return n;
}

inline std::vector<HistoryEvent> eventsOf(Store *store, const std::string &id, EventType type)
{
    std::vector<HistoryEvent> out;
    for (const HistoryEvent &e : store->history(id)) {
        if (e.type == type)
            out.push_back(e);
    }
    return out;
}

// The cached state stored with the execution equals a replay of its history, and the history
// is contiguous from 1.
inline bool cacheMatchesReplay(Store *store, const std::string &id, QString *why = nullptr)
{
    const std::vector<HistoryEvent> history = store->history(id);
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].seq != qint64(i + 1)) {
            if (why)
                *why = QStringLiteral("seq %1 at index %2").arg(history[i].seq).arg(i);
            return false;
        }
    }
    std::optional<ExecutionRecord> rec = store->execution(id);
    if (!rec)
        return false;
    const Json replayed = Runtime::replay(history).toJson();
    if (replayed != rec->cache) {
        if (why)
            *why = QString::fromStdString("cache:  " + rec->cache.dump()
                                          + "\nreplay: " + replayed.dump());
        return false;
    }
    return true;
}

// cacheMatchesReplay() for every execution in the store; false with the first problem.
inline bool allHistoriesReplay(Store *store, QString *why)
{
    ExecutionFilter all;
    all.limit = 100000;
    for (const ExecutionRecord &rec : store->listExecutions(all)) {
        if (!cacheMatchesReplay(store, rec.id, why)) {
            *why = QString::fromStdString(rec.id) + QStringLiteral(": ") + *why;
            return false;
        }
    }
    return true;
}

// Lets the event loop run until the execution is final (or `timeoutMs`). The engine lives on this
// thread: its signals wake the loop, the status is read after a flush.
inline bool waitFinal(Engine &engine, const std::string &id, int timeoutMs = engineWaitMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        engine.flush();
        std::optional<ExecutionStatus> s = engine.status(id);
        if (s && isFinal(*s))
            return true;
        QSignalSpy spy(&engine, &Engine::executionChanged);
        spy.wait(50);
    }
    return false;
}

// Runs the event loop until `pred` holds (or `timeoutMs`).
template<typename Pred>
bool waitUntil(Engine &engine, Pred pred, int timeoutMs = engineWaitMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        engine.flush();
        if (pred())
            return true;
        QSignalSpy spy(&engine, &Engine::eventsAppended);
        spy.wait(20);
    }
    return pred();
}

// An Engine on its own QThread, as the GUI's EngineBridge runs it. Call it only through run()
// (blocking) or QMetaObject::invokeMethod(engine(), ..., Qt::QueuedConnection); observe it by
// connecting its signals to a receiver that lives on the test's thread (the connection is then
// queued and the values arrive on this thread), never with a QSignalSpy on the engine: the spy's
// slot would run on the engine thread, unsynchronised with the test reading it, and a signal that
// comes before QSignalSpy::wait() starts is not seen by that wait.
// The destructor deletes the engine on its thread and joins the thread, so a check that fails
// half-way (and returns from the test function) leaves no running QThread behind: destroying one
// aborts the whole executable ("QThread: Destroyed while thread is still running").
class ThreadedEngine
{
public:
    explicit ThreadedEngine(Clock *clock = nullptr)
        : m_engine(new Engine(clock))
    {
        m_thread.setObjectName(QStringLiteral("test-engine"));
        m_engine->moveToThread(&m_thread);
        m_thread.start();
    }
    ~ThreadedEngine() { stop(); }
    ThreadedEngine(const ThreadedEngine &) = delete;
    ThreadedEngine &operator=(const ThreadedEngine &) = delete;

    // nullptr after stop().
    Engine *engine() const { return m_engine; }

    // Runs `job` on the engine thread and returns when it has run.
    template<typename Job>
    void run(Job job)
    {
        if (m_engine)
            QMetaObject::invokeMethod(m_engine, std::move(job), Qt::BlockingQueuedConnection);
    }

    // Deletes the engine on its thread (stopping its processes), then ends and joins the thread.
    void stop()
    {
        if (!m_thread.isRunning())
            return;
        QObject context; // the engine cannot be the context of its own deletion
        context.moveToThread(&m_thread);
        Engine *engine = std::exchange(m_engine, nullptr);
        QMetaObject::invokeMethod(
            &context, [engine] { delete engine; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        if (!m_thread.wait(QDeadlineTimer(engineWaitMs)))
            qFatal("ThreadedEngine: the engine thread did not stop within %d ms", engineWaitMs);
    }

private:
    QThread m_thread;
    Engine *m_engine;
};

inline ExecutionRecord record(Engine &engine, const std::string &id)
{
    return engine.store()->execution(id).value_or(ExecutionRecord());
}

// Printable form of a compared value (QCOMPARE cannot take nlohmann::json: its implicit
// conversions break QTest's overload set).
template<typename T>
std::string show(const T &v)
{
    if constexpr (std::is_same_v<T, Json>)
        return v.dump();
    else if constexpr (std::is_same_v<T, QString>)
        return v.toStdString();
    else if constexpr (std::is_same_v<T, QByteArray>)
        return v.toStdString();
    else if constexpr (std::is_convertible_v<T, std::string>)
        return std::string(v);
    else if constexpr (std::is_enum_v<T>)
        return std::to_string(int(v));
    else if constexpr (std::is_arithmetic_v<T>)
        return std::to_string(v);
    else
        return "?";
}

} // namespace EngineTest

#define JCOMPARE(actual, expected)                                                                 \
    do {                                                                                           \
        const auto &a_ = (actual);                                                                 \
        const auto &e_ = (expected);                                                               \
        if (!(a_ == e_)) {                                                                         \
            const std::string m_ = std::string(#actual " != " #expected "\n   actual:   ")         \
                                   + EngineTest::show(a_)                                          \
                                   + "\n   expected: " + EngineTest::show(e_);                     \
            QFAIL(m_.c_str());                                                                     \
        }                                                                                          \
    } while (false)

#define VERIFY_REPLAY(engine, id)                                                                  \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(EngineTest::cacheMatchesReplay((engine).store(), (id), &why_), qPrintable(why_)); \
    } while (false)
