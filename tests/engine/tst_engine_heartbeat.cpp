// heartbeat_seconds with a ManualClock: an activity or a process that sends no heartbeat within
// heartbeat_seconds of its dispatch (or of its last heartbeat) fails with
// States.HeartbeatTimeout, which retry and catch handle like any error; heartbeats (the engine
// operation for activities, `::heartbeat` lines on stderr for processes) keep a task alive past
// heartbeat_seconds; the deadline is a durable timer, fresh for the re-dispatched attempt after a
// restart; a process that misses it is killed with its process group.
#include "enginetesthelpers.h"

#include "executors/processrunner.h"
#include "runtime/stepper.h"
#include "signalbox/clock.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

namespace {

// True when the process is gone (or a zombie waiting for its parent).
bool processGone(const QByteArray &pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    return stat.readAll().contains(") Z ");
}

} // namespace

class TestEngineHeartbeat : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;

    QString dbPath() const
    {
        return m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction()));
    }
    void reopen()
    {
        m_engine = std::make_unique<Engine>(m_clock.get());
        QString error;
        QVERIFY2(m_engine->open(dbPath(), &error), qPrintable(error));
    }
    std::string start(const std::string &yaml, const Json &input = Json::object())
    {
        OperationResult r
            = m_engine->start(definition(yaml), yaml, m_dir.filePath("wf.yaml"), input);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }
    // An activity `work` with heartbeat_seconds: 10 and the given retry/catch lines.
    static std::string activity(const std::string &extra = {})
    {
        return "workflow:\n  name: hb\n  start_at: work\n  states:\n"
               "    work:\n      type: task\n      heartbeat_seconds: 10\n"
               + extra + "      end: true\n"
               + (extra.find("fallback") != std::string::npos
                      ? "    fallback: {type: pass, end: true}\n"
                      : "");
    }
    // The durable heartbeat timer of the execution's only task (id "", due 0 when none).
    TimerRecord heartbeatTimer(const std::string &id)
    {
        for (const TimerRecord &t : m_engine->store()->timers()) {
            if (t.executionId == id && t.payload.value("kind", std::string()) == "heartbeat")
                return t;
        }
        return {};
    }
    ExecutionStatus status(const std::string &id)
    {
        m_engine->flush();
        return m_engine->status(id).value_or(ExecutionStatus::Failed);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_clock = std::make_unique<ManualClock>();
        reopen();
    }
    void cleanup()
    {
        if (m_engine && m_engine->store()) {
            m_engine->flush();
            QString why;
            QVERIFY2(allHistoriesReplay(m_engine->store(), &why), qPrintable(why));
        }
        m_engine.reset();
        m_clock.reset();
    }

    void errorMatching()
    {
        // AWS: States.Timeout also matches a missed heartbeat; States.TaskFailed matches
        // neither kind of timeout.
        CatchRule timeout;
        timeout.errors = {"States.Timeout"};
        QVERIFY(timeout.matches("States.HeartbeatTimeout"));
        CatchRule taskFailed;
        taskFailed.errors = {"States.TaskFailed"};
        QVERIFY(!taskFailed.matches("States.HeartbeatTimeout"));
        QVERIFY(!taskFailed.matches("States.Timeout"));
        CatchRule all;
        QVERIFY(all.matches("States.HeartbeatTimeout"));
    }

    void activityWithoutHeartbeatIsCaught()
    {
        const std::string id
            = start(activity("      catch: [{errors: [States.HeartbeatTimeout], next: fallback, "
                             "result_path: $.problem}]\n"),
                    Json{{"order", 7}});
        JCOMPARE(status(id), ExecutionStatus::Waiting);
        const TimerRecord timer = heartbeatTimer(id);
        JCOMPARE(timer.dueAtMs, m_clock->nowMs() + 10000);
        // The timer id is in the history, so the deadline can be found from it.
        const auto scheduled = eventsOf(m_engine->store(), id, EventType::TaskScheduled);
        JCOMPARE(scheduled[0].data["heartbeat_timer_id"], Json(timer.id));
        m_clock->advance(9999);
        JCOMPARE(status(id), ExecutionStatus::Waiting); // never early
        m_clock->advance(1);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["order"], Json(7));
        JCOMPARE(rec.output["problem"]["error"], Json("States.HeartbeatTimeout"));
        const auto timedOut = eventsOf(m_engine->store(), id, EventType::TaskTimedOut);
        JCOMPARE(int(timedOut.size()), 1);
        JCOMPARE(timedOut[0].data["error"], Json("States.HeartbeatTimeout"));
        JCOMPARE(timedOut[0].data["heartbeats"], Json(0));
        QVERIFY(m_engine->store()->timers().empty());
        // Too late now.
        OperationResult late = m_engine->heartbeat(id, "work");
        QVERIFY(!late.ok);
        VERIFY_REPLAY(*m_engine, id);
    }

    void heartbeatsKeepAnActivityAlive()
    {
        const std::string id = start(activity());
        // 20 heartbeats 9 s apart: the task lives 180 s with a 10 s heartbeat.
        for (int i = 1; i <= 20; ++i) {
            m_clock->advance(9000);
            OperationResult r = m_engine->heartbeat(id, i % 2 ? "work" : "");
            QVERIFY2(r.ok, r.error.c_str());
            JCOMPARE(r.value["heartbeats"], Json(i));
            JCOMPARE(r.value["deadline"], Json(Runtime::isoTime(m_clock->nowMs() + 10000)));
            m_engine->flush();
            const TimerRecord timer = heartbeatTimer(id); // durable
            JCOMPARE(timer.dueAtMs, m_clock->nowMs() + 10000);
            JCOMPARE(timer.payload["heartbeats"], Json(i));
        }
        JCOMPARE(status(id), ExecutionStatus::Waiting);
        // Heartbeats are not history events.
        JCOMPARE(int(m_engine->store()->history(id).size()), 3);
        QVERIFY(m_engine->completeActivity(id, "work", Json("done")).ok);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Succeeded);
        JCOMPARE(record(*m_engine, id).output, Json("done"));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskTimedOut), 0);
        QVERIFY(m_engine->store()->timers().empty()); // the deadline went with the task
        VERIFY_REPLAY(*m_engine, id);
    }

    void missedHeartbeatAfterHeartbeatsIsRetried()
    {
        const std::string id = start(activity(
            "      retry: {errors: [States.Timeout], attempts: 2, interval_seconds: 1}\n"));
        m_clock->advance(5000);
        QVERIFY(m_engine->heartbeat(id, "work").ok);
        m_engine->flush();
        m_clock->advance(9999);
        JCOMPARE(status(id), ExecutionStatus::Waiting); // 14.999 s: alive thanks to the beat
        m_clock->advance(1);
        QVERIFY(waitUntil(*m_engine, [&] {
            return countEvents(m_engine->store(), id, EventType::RetryScheduled) == 1;
        }));
        const auto timedOut = eventsOf(m_engine->store(), id, EventType::TaskTimedOut);
        JCOMPARE(timedOut[0].data["heartbeats"], Json(1));
        QVERIFY2(timedOut[0].data["cause"].get<std::string>().find("1 heartbeats")
                     != std::string::npos,
                 timedOut[0].data.dump().c_str());
        const auto retries = eventsOf(m_engine->store(), id, EventType::RetryScheduled);
        JCOMPARE(retries[0].data["error"], Json("States.HeartbeatTimeout"));
        // The second attempt has a new token and its own deadline.
        m_clock->advance(1000);
        QVERIFY(waitUntil(*m_engine, [&] {
            return countEvents(m_engine->store(), id, EventType::TaskScheduled) == 2;
        }));
        JCOMPARE(heartbeatTimer(id).dueAtMs, m_clock->nowMs() + 10000);
        QVERIFY(m_engine->completeActivity(id, "work", Json(2)).ok);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Succeeded);
        VERIFY_REPLAY(*m_engine, id);
    }

    void heartbeatRequestsAreChecked()
    {
        const std::string yaml = "workflow:\n  name: two\n  start_at: each\n  states:\n"
                                 "    each:\n      type: map\n      items_path: $.items\n"
                                 "      processor:\n        start_at: work\n        states:\n"
                                 "          work: {type: task, heartbeat_seconds: 30, end: true}\n"
                                 "      end: true\n";
        const std::string id = start(yaml, Json{{"items", {1, 2}}});
        OperationResult r = m_engine->heartbeat(id, "work");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("name one of them") != std::string::npos, r.error.c_str());
        r = m_engine->heartbeat(id, "each[1]/work");
        QVERIFY2(r.ok, r.error.c_str());
        r = m_engine->heartbeat(id, "nope");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("no task running at state 'nope'") != std::string::npos,
                 r.error.c_str());
        r = m_engine->heartbeatTask(id + ":999");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("no running task has the token") != std::string::npos,
                 r.error.c_str());
        r = m_engine->heartbeat("no-such-execution", {});
        QVERIFY(!r.ok);
        // By token, as a process would (SIGNALBOX_TASK_TOKEN).
        const auto scheduled = eventsOf(m_engine->store(), id, EventType::TaskScheduled);
        r = m_engine->heartbeatTask(scheduled[0].data["token"].get<std::string>());
        QVERIFY2(r.ok, r.error.c_str());
        JCOMPARE(r.value["state"], Json("each[0]/work"));

        // A task without heartbeat_seconds takes heartbeats and ignores them.
        const std::string plain = start("workflow:\n  name: plain\n  start_at: work\n  states:\n"
                                        "    work: {type: task, end: true}\n");
        r = m_engine->heartbeat(plain, {});
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.value["deadline"].is_null());
        // Through the control socket's handler, as `signalbox heartbeat` sends it.
        const Json reply = handleControlRequest(
            *m_engine, {{"command", "heartbeat"}, {"execution", id}, {"state", "each[0]/work"}});
        JCOMPARE(reply["heartbeats"], Json(2));
        QVERIFY(m_engine->cancel(id).ok);
        QVERIFY(m_engine->cancel(plain).ok);
        m_engine->flush();
        QVERIFY(m_engine->store()->timers().empty());
    }

    void deadlineIsFreshAfterRestart()
    {
        const std::string id = start(activity());
        m_clock->advance(6000);
        m_engine.reset();       // the host stops...
        m_clock->advance(8000); // ...for longer than the deadline had left
        reopen();
        // Nobody could send a heartbeat while no host ran: the activity gets a full period.
        JCOMPARE(status(id), ExecutionStatus::Waiting);
        JCOMPARE(heartbeatTimer(id).dueAtMs, m_clock->nowMs() + 10000);
        m_clock->advance(9999);
        JCOMPARE(status(id), ExecutionStatus::Waiting);
        m_clock->advance(1);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).error, std::string("States.HeartbeatTimeout"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void processThatHeartbeatsSurvives()
    {
        // The script sends a heartbeat each time the test creates tick<n>, and finishes when
        // the test creates `done`.
        const QString dir = m_dir.filePath(QStringLiteral("beats"));
        QVERIFY(QDir().mkpath(dir));
        const std::string d = dir.toStdString();
        const std::string yaml
            = "workflow:\n  name: beating\n  start_at: work\n  states:\n"
              "    work:\n      type: task\n      heartbeat_seconds: 10\n"
              "      run: {shell: 'for n in 1 2 3; do while [ ! -f "
              + d + "/tick$n ]; do sleep 0.02; done; echo \"::heartbeat\" >&2; done; "
              + "while [ ! -f " + d + "/done ]; do sleep 0.02; done; echo \"\\\"finished\\\"\"'}\n"
              + "      end: true\n";
        const std::string id = start(yaml);
        for (int n = 1; n <= 3; ++n) {
            m_clock->advance(8000);
            JCOMPARE(status(id), ExecutionStatus::Running);
            QFile tick(dir + QStringLiteral("/tick%1").arg(n));
            QVERIFY(tick.open(QIODevice::WriteOnly));
            tick.close();
            QVERIFY(waitUntil(
                *m_engine, [&] { return heartbeatTimer(id).payload.value("heartbeats", 0) == n; }));
            JCOMPARE(heartbeatTimer(id).dueAtMs, m_clock->nowMs() + 10000);
        }
        m_clock->advance(8000); // 32 s after the start, 8 s after the last heartbeat
        JCOMPARE(status(id), ExecutionStatus::Running);
        QFile done(dir + QStringLiteral("/done"));
        QVERIFY(done.open(QIODevice::WriteOnly));
        done.close();
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json("finished"));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskTimedOut), 0);
        QVERIFY(m_engine->store()->timers().empty());
        VERIFY_REPLAY(*m_engine, id);
    }

    void processWithoutHeartbeatIsKilled()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("silent.pid"));
        const std::string yaml = "workflow:\n  name: silent\n  start_at: work\n  states:\n"
                                 "    work:\n      type: task\n      heartbeat_seconds: 5\n"
                                 "      run: {shell: 'sleep 30 & echo $! > "
                                 + pidFile.toStdString() + "; wait'}\n      end: true\n";
        const std::string id = start(yaml);
        QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, engineWaitMs);
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pid = f.readAll().trimmed();
        QVERIFY(!processGone(pid));
        m_clock->advance(5000);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.HeartbeatTimeout"));
        QVERIFY2(rec.cause.find("no heartbeat within 5 seconds") != std::string::npos,
                 rec.cause.c_str());
        JCOMPARE(m_engine->runningTasks(), 0);
        // The grandchild `sleep` died with its process group.
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), engineWaitMs);
        VERIFY_REPLAY(*m_engine, id);
    }

    void redispatchedProcessGetsAFreshDeadline()
    {
        const std::string yaml = "workflow:\n  name: slow\n  start_at: work\n  states:\n"
                                 "    work:\n      type: task\n      heartbeat_seconds: 10\n"
                                 "      run: {shell: 'sleep 30'}\n      end: true\n";
        const std::string id = start(yaml);
        m_clock->advance(6000);
        m_engine.reset(); // kills the process; it is re-dispatched on the next open
        m_clock->advance(8000);
        reopen();
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskInterrupted), 1);
        JCOMPARE(heartbeatTimer(id).dueAtMs, m_clock->nowMs() + 10000);
        JCOMPARE(status(id), ExecutionStatus::Running);
        m_clock->advance(10000);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).error, std::string("States.HeartbeatTimeout"));
        JCOMPARE(m_engine->runningTasks(), 0);
        VERIFY_REPLAY(*m_engine, id);
    }

    void heartbeatLinesOnStderr()
    {
        QByteArray pending("::heartbeat\nlog line\n  ::heartbeat  \n::heart");
        QCOMPARE(ProcessRunner::takeHeartbeats(pending), 2);
        QCOMPARE(pending, QByteArray("::heart"));
        pending.append("beat\n");
        QCOMPARE(ProcessRunner::takeHeartbeats(pending), 1);
        QVERIFY(pending.isEmpty());
        // A long line that ends like a heartbeat is not one.
        pending = QByteArray(100, 'x');
        QCOMPARE(ProcessRunner::takeHeartbeats(pending), 0);
        pending.append("::heartbeat\n");
        QCOMPARE(ProcessRunner::takeHeartbeats(pending), 0);
        pending.append("::heartbeat\r\n");
        QCOMPARE(ProcessRunner::takeHeartbeats(pending), 1);
    }
};

QTEST_GUILESS_MAIN(TestEngineHeartbeat)
#include "tst_engine_heartbeat.moc"
