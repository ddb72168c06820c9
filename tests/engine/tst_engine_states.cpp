// Every state type end to end on a real (temporary) database with a ManualClock: pass, choice
// (all spellings), wait (seconds, paths, timestamps; never early), succeed, fail, parallel, map
// (max_concurrency, item_selector, tolerated failures), nesting, and the seed workflow.
#include "enginetesthelpers.h"

#include "signalbox/clock.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineStates : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;

    std::string start(const std::string &yaml, const Json &input, bool simulate = false)
    {
        const Definition def = definition(yaml);
        OperationResult r
            = m_engine->start(def, yaml, m_dir.filePath("wf.yaml"), input, {}, simulate);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_clock = std::make_unique<ManualClock>();
        m_engine = std::make_unique<Engine>(m_clock.get());
        QString error;
        QVERIFY2(
            m_engine->open(
                m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())), &error),
            qPrintable(error));
    }
    void cleanup()
    {
        m_engine.reset();
        m_clock.reset();
    }

    void passChain()
    {
        const std::string id = start(R"Y(
workflow:
  name: chain
  start_at: a
  states:
    a: {type: pass, result: {x: 1}, result_path: $.a, next: b}
    b: {type: pass, parameters: {"sum.$": "States.MathAdd($.a.x, 41)"}, result_path: $.b, next: c}
    c: {type: succeed, output_path: $.b}
)Y",
                                     Json{{"in", true}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"sum", 42}}));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::StateEntered), 3);
        VERIFY_REPLAY(*m_engine, id);
    }

    void choiceSpellings_data()
    {
        QTest::addColumn<int>("amount");
        QTest::addColumn<bool>("vip");
        QTest::addColumn<QString>("expected");
        QTest::newRow("big") << 5000 << false << "big";
        QTest::newRow("vip") << 5000 << true << "vip";
        QTest::newRow("structured") << 7 << false << "seven";
        QTest::newRow("default") << 1 << false << "small";
    }
    void choiceSpellings()
    {
        QFETCH(int, amount);
        QFETCH(bool, vip);
        QFETCH(QString, expected);
        const std::string id = start(R"Y(
workflow:
  name: choose
  start_at: route
  states:
    route:
      type: choice
      choices:
        - if: $.vip
          next: vip
        - if: $.amount > 1000 and not $.vip
          next: big
        - if: {variable: $.amount, numeric_equals: 7}
          next: seven
      default: small
    vip: {type: pass, result: vip, end: true}
    big: {type: pass, result: big, end: true}
    seven: {type: pass, result: seven, end: true}
    small: {type: pass, result: small, end: true}
)Y",
                                     Json{{"amount", amount}, {"vip", vip}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(QString::fromStdString(rec.output.get<std::string>()), expected);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::ChoiceTaken), 1);
        VERIFY_REPLAY(*m_engine, id);
    }

    void choiceWithoutMatchFails()
    {
        const std::string id = start(R"Y(
workflow:
  name: nomatch
  start_at: route
  states:
    route:
      type: choice
      choices:
        - {if: $.x == 1, next: done}
    done: {type: succeed}
)Y",
                                     Json{{"x", 2}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.NoChoiceMatched"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void waitNeverFiresEarly_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<qint64>("delayMs");
        QTest::newRow("seconds") << "seconds: 30" << qint64(30000);
        QTest::newRow("seconds_path") << "seconds_path: $.delay" << qint64(45000);
        QTest::newRow("timestamp") << "timestamp: '2026-01-01T00:01:00Z'" << qint64(60000);
        QTest::newRow("timestamp_path") << "timestamp_path: $.at" << qint64(90000);
    }
    void waitNeverFiresEarly()
    {
        QFETCH(QString, field);
        QFETCH(qint64, delayMs);
        const std::string yaml = "workflow:\n  name: w\n  start_at: pause\n  states:\n"
                                 "    pause: {type: wait, "
                                 + field.toStdString()
                                 + ", next: done}\n    done: {type: succeed}\n";
        const std::string id = start(yaml, Json{{"delay", 45}, {"at", "2026-01-01T00:01:30Z"}});
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Running);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::WaitStarted), 1);
        m_clock->advance(delayMs - 1);
        m_engine->flush();
        QTest::qWait(0);
        m_engine->flush();
        JCOMPARE(countEvents(m_engine->store(), id, EventType::WaitFired), 0);
        m_clock->advance(1);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Succeeded);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::WaitFired), 1);
        QVERIFY(m_engine->store()->timers().empty());
        VERIFY_REPLAY(*m_engine, id);
    }

    void failState()
    {
        const std::string id = start(R"Y(
workflow:
  name: f
  start_at: boom
  states:
    boom: {type: fail, error: Custom.Error, cause: it broke}
)Y",
                                     Json::object());
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("Custom.Error"));
        JCOMPARE(rec.cause, std::string("it broke"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void parallelOutputsInBranchOrder()
    {
        const std::string id = start(R"Y(
workflow:
  name: par
  start_at: fan
  states:
    fan:
      type: parallel
      branches:
        - start_at: slow
          states:
            slow: {type: wait, seconds: 5, next: one}
            one: {type: pass, result: 1, end: true}
        - start_at: two
          states:
            two: {type: pass, result: 2, end: true}
      result_path: $.results
      next: done
    done: {type: succeed}
)Y",
                                     Json{{"keep", "me"}});
        JCOMPARE(countEvents(m_engine->store(), id, EventType::BranchStarted), 2);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::BranchFinished), 1);
        m_clock->advance(5000);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"keep", "me"}, {"results", {1, 2}}}));
        VERIFY_REPLAY(*m_engine, id);
    }

    void parallelBranchFailureFailsState()
    {
        const std::string id = start(R"Y(
workflow:
  name: parfail
  start_at: fan
  states:
    fan:
      type: parallel
      branches:
        - start_at: waiter
          states:
            waiter: {type: wait, seconds: 100, end: true}
        - start_at: bad
          states:
            bad: {type: fail, error: Branch.Broke}
      catch:
        - {errors: [Branch.Broke], next: handled, result_path: $.err}
      end: true
    handled: {type: succeed}
)Y",
                                     Json::object());
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["err"]["error"], Json("Branch.Broke"));
        // The waiting sibling branch was stopped: its timer is gone.
        QVERIFY(m_engine->store()->timers().empty());
        VERIFY_REPLAY(*m_engine, id);
    }

    void mapWithConcurrencyAndSelector()
    {
        const std::string id = start(R"Y(
workflow:
  name: map
  start_at: each
  states:
    each:
      type: map
      items_path: $.items
      max_concurrency: 2
      item_selector:
        "value.$": $$.Map.Item.Value
        "index.$": $$.Map.Item.Index
        "factor.$": $.factor
      processor:
        start_at: pause
        states:
          pause: {type: wait, seconds: 1, next: calc}
          calc: {type: pass, parameters: {"r.$": "States.MathAdd($.value, $.factor)", "i.$": $.index}, end: true
    }
      end: true
)Y",
                                     Json{{"items", {10, 20, 30, 40, 50}}, {"factor", 1}});
        // Only two iterations run at a time.
        JCOMPARE(countEvents(m_engine->store(), id, EventType::BranchStarted), 2);
        for (int round = 0; round < 3; ++round) {
            m_clock->advance(1000);
            QVERIFY(waitUntil(*m_engine, [&] {
                return countEvents(m_engine->store(), id, EventType::BranchFinished)
                       >= std::min(5, 2 * (round + 1));
            }));
        }
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json::parse(R"([{"r":11,"i":0},{"r":21,"i":1},{"r":31,"i":2},
                                             {"r":41,"i":3},{"r":51,"i":4}])"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void mapToleratedFailures()
    {
        const std::string yaml = R"Y(
workflow:
  name: tolerate
  start_at: each
  states:
    each:
      type: map
      items_path: $.items
      tolerated_failure_count: 1
      processor:
        start_at: check
        states:
          check:
            type: choice
            choices:
              - {if: $.ok, next: fine}
            default: broken
          fine: {type: pass, result: ok, end: true}
          broken: {type: fail, error: Item.Bad, cause: bad item}
      end: true
)Y";
        const std::string one = start(
            yaml, Json{{"items", Json::parse(R"([{"ok":true},{"ok":false},{"ok":true}])")}});
        QVERIFY(waitFinal(*m_engine, one));
        ExecutionRecord rec = record(*m_engine, one);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output[0], Json("ok"));
        JCOMPARE(rec.output[1]["error"], Json("Item.Bad"));
        VERIFY_REPLAY(*m_engine, one);

        const std::string two = start(
            yaml, Json{{"items", Json::parse(R"([{"ok":false},{"ok":false},{"ok":true}])")}});
        QVERIFY(waitFinal(*m_engine, two));
        rec = record(*m_engine, two);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.ExceedToleratedFailureThreshold"));
        VERIFY_REPLAY(*m_engine, two);
    }

    void emptyMap()
    {
        const std::string id = start(R"Y(
workflow:
  name: empty
  start_at: each
  states:
    each:
      type: map
      items_path: $.items
      processor:
        start_at: x
        states:
          x: {type: pass, end: true}
      end: true
)Y",
                                     Json{{"items", Json::array()}});
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).output, Json::array());
        VERIFY_REPLAY(*m_engine, id);
    }

    void nestedParallelInMap()
    {
        const std::string id = start(R"Y(
workflow:
  name: nested
  start_at: each
  states:
    each:
      type: map
      items_path: $.items
      processor:
        start_at: both
        states:
          both:
            type: parallel
            branches:
              - start_at: double
                states:
                  double: {type: pass, parameters: {"v.$": "States.MathAdd($.n, $.n)"}, output_path: $.v, end: true
    }
              - start_at: same
                states:
                  same: {type: pass, output_path: $.n, end: true}
            end: true
      end: true
)Y",
                                     Json{{"items", Json::parse(R"([{"n":1},{"n":2}])")}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json::parse("[[2,1],[4,2]]"));
        // Frames are named for the history: "each[1]/both[0]".
        bool nestedFrame = false;
        for (const HistoryEvent &e : m_engine->store()->history(id))
            nestedFrame = nestedFrame || e.frame == "each[1]/both[0]";
        QVERIFY(nestedFrame);
        VERIFY_REPLAY(*m_engine, id);
    }

    void seedWorkflowWithActivitiesAndReview()
    {
        QFile f(QStringLiteral(SIGNALBOX_SOURCE_DIR "/../shared/seed/order-approval.yaml"));
        QFile local(QStringLiteral(SIGNALBOX_TEST_DATA "/valid/seed-order-approval.yaml"));
        QFile &use = f.exists() ? f : local;
        QVERIFY(use.open(QIODevice::ReadOnly));
        const std::string yaml = use.readAll().toStdString();
        const Definition def = definition(yaml);
        OperationResult r = m_engine->start(def, yaml, use.fileName(),
                                            Json{{"requiresManualReview", true}, {"order", 7}});
        QVERIFY(r.ok);
        const std::string id = r.executionId;
        m_engine->flush();
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Waiting);
        QVERIFY(m_engine
                    ->completeActivity(id, "validate-order",
                                       Json{{"requiresManualReview", true}, {"order", 7}})
                    .ok);
        m_engine->flush();
        QVERIFY(m_engine->approve(id, "wait-for-review", "tester", "looks fine").ok);
        m_engine->flush();
        // charge-payment fails once and is retried after the backoff.
        QVERIFY(m_engine->failActivity(id, "charge-payment", "Payment.Declined", "try again").ok);
        m_engine->flush();
        JCOMPARE(countEvents(m_engine->store(), id, EventType::RetryScheduled), 1);
        QVERIFY(!m_engine->completeActivity(id, "charge-payment", Json()).ok); // not yet due
        m_clock->advance(1000);
        QVERIFY(waitUntil(*m_engine, [&] {
            return m_engine->completeActivity(id, "charge-payment", Json{{"charged", true}}).ok;
        }));
        m_engine->flush();
        QVERIFY(m_engine->completeActivity(id, "create-shipment", Json{{"shipped", true}}).ok);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"shipped", true}}));
        VERIFY_REPLAY(*m_engine, id);
    }

    void seedWorkflowSimulated()
    {
        QFile f(QStringLiteral(SIGNALBOX_TEST_DATA "/valid/seed-order-approval.yaml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string id = start(f.readAll().toStdString(),
                                     Json{{"requiresManualReview", false}, {"sku", "A-1"}}, true);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        QVERIFY(rec.simulated);
        // Tasks without mock return their input.
        JCOMPARE(rec.output, (Json{{"requiresManualReview", false}, {"sku", "A-1"}}));
        VERIFY_REPLAY(*m_engine, id);
    }
};

QTEST_GUILESS_MAIN(TestEngineStates)
#include "tst_engine_states.moc"
