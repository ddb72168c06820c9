// Limits and simulation: the payload limit (start refused, oversized outputs and task results
// fail with States.DataLimitExceeded), the history limit (a runaway loop fails cleanly, with a
// warning at 80%), execution timeouts, and simulation (mock results, waits take no time,
// approvals still wait).
#include "enginetesthelpers.h"

#include "signalbox/clock.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;

    void reopen(const EngineOptions &options)
    {
        m_engine = std::make_unique<Engine>(m_clock.get());
        QString error;
        QVERIFY2(m_engine->open(
                     m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())),
                     &error, options),
                 qPrintable(error));
    }
    std::string start(const std::string &yaml, const Json &input, bool simulate = false)
    {
        OperationResult r = m_engine->start(definition(yaml), yaml, m_dir.filePath("wf.yaml"),
                                            input, {}, simulate);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }

private slots:
    void init()
    {
        m_clock = std::make_unique<ManualClock>();
        reopen({});
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

    void payloadLimit()
    {
        EngineOptions options;
        options.payloadLimitBytes = 1024;
        reopen(options);
        const std::string yaml = "\n"
                                 "workflow:\n"
                                 "  name: big\n"
                                 "  start_at: grow\n"
                                 "  states:\n"
                                 "    grow: {type: pass, parameters: {\"a.$\": $.s, \"b.$\": $.s, "
                                 "\"c.$\": $.s}, end: true}\n";
        const std::string big(2000, 'x');
        OperationResult refused = m_engine->start(definition(yaml), yaml, {}, Json{{"s", big}});
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.find("payload limit") != std::string::npos, refused.error.c_str());

        const std::string id = start(yaml, Json{{"s", std::string(400, 'y')}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.DataLimitExceeded"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void oversizedTaskResult()
    {
        EngineOptions options;
        options.payloadLimitBytes = 4096;
        reopen(options);
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: bigresult\n"
                    "  start_at: t\n"
                    "  states:\n"
                    "    t: {type: task, run: {shell: \"printf '\\\"'; head -c 10000 /dev/zero | "
                    "tr '\\\\0' a; printf '\\\"'\"}, end: true}\n",
                    Json());
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).error, std::string("States.DataLimitExceeded"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void workflowBuiltDepthIsRefused()
    {
        // A workflow can nest a value by itself: result_path $.a.a.a… with 2,000 segments puts
        // the result 2,000 levels deep, small in bytes. Past the JSON reader's 512 levels it is
        // refused as a data limit, named as such (the store read such a value back as null, and
        // `run` reported success with "output": null).
        std::string path = "$";
        for (int i = 0; i < 2000; ++i)
            path += ".a";
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: deep\n"
                                     "  start_at: nest\n"
                                     "  states:\n"
                                     "    nest: {type: pass, result: 1, result_path: '"
                                         + path + "', end: true}\n",
                                     Json::object());
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.DataLimitExceeded"));
        QVERIFY2(rec.cause.find("nested deeper than 512 levels") != std::string::npos,
                 rec.cause.c_str());
        VERIFY_REPLAY(*m_engine, id);
    }

    void historyLimitStopsARunawayLoop()
    {
        EngineOptions options;
        options.historyLimit = 300;
        reopen(options);
        QSignalSpy warnings(m_engine.get(), &Engine::warning);
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: loop\n"
                                     "  start_at: a\n"
                                     "  states:\n"
                                     "    a: {type: pass, next: b}\n"
                                     "    b:\n"
                                     "      type: choice\n"
                                     "      choices:\n"
                                     "        - {if: $.forever, next: a}\n"
                                     "      default: done\n"
                                     "    done: {type: succeed}\n",
                                     Json{{"forever", true}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.Runtime"));
        QVERIFY2(rec.cause.find("300") != std::string::npos, rec.cause.c_str());
        QVERIFY(rec.lastSeq <= 300);
        JCOMPARE(warnings.count(), 1);
        QVERIFY(warnings.first().at(0).toString().contains(QStringLiteral("80%")));
        VERIFY_REPLAY(*m_engine, id);
    }

    void wideMapOrParallelCannotPassTheHistoryLimit_data()
    {
        QTest::addColumn<bool>("parallel");
        QTest::newRow("map of 500 items") << false;
        QTest::newRow("parallel of 40 branches") << true;
    }
    void wideMapOrParallelCannotPassTheHistoryLimit()
    {
        // Each iteration or branch takes at least 4 events: a start that cannot fit fails at
        // once instead of writing hundreds of BranchStarted events past the limit.
        QFETCH(bool, parallel);
        EngineOptions options;
        options.historyLimit = 100;
        reopen(options);
        std::string yaml = "workflow:\n  name: wide\n  start_at: fan\n  states:\n    fan:\n";
        Json input = Json::object();
        if (parallel) {
            yaml += "      type: parallel\n      branches:\n";
            for (int i = 0; i < 40; ++i)
                yaml += "        - start_at: b\n          states:\n            b: {type: pass, "
                        "end: true}\n";
        } else {
            yaml += "      type: map\n      items_path: $.items\n      processor:\n"
                    "        start_at: b\n        states:\n          b: {type: pass, end: true}\n";
            input["items"] = Json::array();
            for (int i = 0; i < 500; ++i)
                input["items"].push_back(i);
        }
        yaml += "      end: true\n";
        const std::string id = start(yaml, input);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.Runtime"));
        QVERIFY2(rec.cause.find("limit of 100 events") != std::string::npos, rec.cause.c_str());
        QVERIFY(rec.lastSeq <= 100);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::BranchStarted), 0);
        VERIFY_REPLAY(*m_engine, id);
    }

    void concurrentIterationsStayWithinTheHistoryLimit()
    {
        // 30 activities run at once (the start fits: 30 x 4 events); completing them needs
        // more events than the limit allows. Every completion is checked, so the execution
        // fails cleanly without ever passing the limit.
        EngineOptions options;
        options.historyLimit = 150;
        reopen(options);
        Json items = Json::array();
        for (int i = 0; i < 30; ++i)
            items.push_back(i);
        const std::string id = start("workflow:\n  name: many\n  start_at: each\n  states:\n"
                                     "    each:\n      type: map\n      items_path: $.items\n"
                                     "      processor:\n        start_at: work\n"
                                     "        states:\n          work: {type: task, end: true}\n"
                                     "      end: true\n",
                                     Json{{"items", items}});
        JCOMPARE(countEvents(m_engine->store(), id, EventType::BranchStarted), 30);
        int completed = 0;
        for (int i = 0; i < 30; ++i) {
            const std::string state = "each[" + std::to_string(i) + "]/work";
            if (!m_engine->completeActivity(id, state, Json(i)).ok)
                break;
            m_engine->flush();
            ++completed;
        }
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.Runtime"));
        QVERIFY2(rec.lastSeq <= 150, std::to_string(rec.lastSeq).c_str());
        QVERIFY(completed > 0 && completed < 30);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::BranchFinished), completed - 1);
        // No room left to run anything: a redrive is refused with the reason.
        EngineOptions tight;
        tight.historyLimit = int(rec.lastSeq) + 10;
        reopen(tight);
        OperationResult r = m_engine->redrive(id);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("at the limit") != std::string::npos, r.error.c_str());
        VERIFY_REPLAY(*m_engine, id);
    }

    void executionTimeout()
    {
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: slow\n"
                                     "  timeout_seconds: 10\n"
                                     "  start_at: gate\n"
                                     "  states:\n"
                                     "    gate: {type: wait_for_event, end: true}\n",
                                     Json());
        m_clock->advance(9999);
        m_engine->flush();
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Waiting);
        m_clock->advance(1);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::TimedOut);
        JCOMPARE(rec.error, std::string("States.Timeout"));
        QVERIFY(m_engine->store()->pendingWaits(id).empty());
        // A timed-out execution can be redriven from where it stopped.
        QVERIFY(m_engine->redrive(id).ok);
        m_engine->flush();
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Waiting);
        QVERIFY(m_engine->approve(id, "gate", "me", "").ok);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Succeeded);
        VERIFY_REPLAY(*m_engine, id);
    }

    void unvalidatedDefinitionsFailCleanly_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("map without processor") << 0;
        QTest::newRow("parallel with a null branch") << 1;
        QTest::newRow("next to a missing state") << 2;
    }
    void unvalidatedDefinitionsFailCleanly()
    {
        // The GUI may hand the engine a definition the validator would reject: it must fail the
        // execution with a clear error, never crash.
        QFETCH(int, kind);
        Definition def;
        def.name = "bad";
        def.machine.startAt = "s";
        State s;
        s.name = "s";
        s.end = kind != 2;
        if (kind == 0) {
            s.type = StateType::Map;
        } else if (kind == 1) {
            s.type = StateType::Parallel;
            s.branches.push_back(nullptr);
        } else {
            s.type = StateType::Pass;
            s.next = "nowhere";
        }
        def.machine.states.push_back(s);
        OperationResult r = m_engine->start(def, "bad definition " + std::to_string(kind), {},
                                            Json{{"items", {1}}});
        QVERIFY(r.ok);
        QVERIFY(waitFinal(*m_engine, r.executionId));
        const ExecutionRecord rec = record(*m_engine, r.executionId);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.Runtime"));
        QVERIFY(!rec.cause.empty());
    }

    void simulation()
    {
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: sim\n"
                    "  start_at: call\n"
                    "  states:\n"
                    "    call: {type: task, run: {command: [/bin/false]}, mock: {price: 10}, "
                    "result_path: $.call, next: pause}\n"
                    "    pause: {type: wait, seconds: 86400, next: echo}\n"
                    "    echo: {type: task, run: {command: [/bin/false]}, next: review}\n"
                    "    review: {type: wait_for_event, result_path: $.review, end: true}\n",
                    Json{{"order", 1}}, true);
        // No process ran, no time passed; the approval still waits for a person.
        QVERIFY(waitUntil(
            *m_engine, [&] { return record(*m_engine, id).status == ExecutionStatus::Waiting; }));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::WaitFired), 1);
        QVERIFY(m_engine->store()->timers().empty());
        QVERIFY(m_engine->approve(id, "review", "me", "").ok);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        QVERIFY(rec.simulated);
        JCOMPARE(rec.output["call"], (Json{{"price", 10}}));
        JCOMPARE(rec.output["order"], Json(1));
        QVERIFY(m_engine->store()->taskLogs(id).empty());
        VERIFY_REPLAY(*m_engine, id);
    }
};

QTEST_GUILESS_MAIN(TestEngineLimits)
#include "tst_engine_limits.moc"
