// Every state type end to end on a real (temporary) database with a ManualClock: pass, choice
// (all spellings), wait (seconds, paths, timestamps; never early), succeed, fail, parallel, map
// (max_concurrency, item_selector, tolerated failures), nesting, and the seed workflow.
#include "enginetesthelpers.h"

#include "runtime/flow.h"
#include "runtime/stepper.h"
#include "signalbox/clock.h"

#include <QRandomGenerator>
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
        if (m_engine && m_engine->store()) {
            m_engine->flush();
            QString why;
            QVERIFY2(allHistoriesReplay(m_engine->store(), &why), qPrintable(why));
        }
        m_engine.reset();
        m_clock.reset();
    }

    void isoTimesMatchQDateTime()
    {
        // The context object's timestamps use a hand-rolled formatter; it must agree with Qt.
        QRandomGenerator rng(42);
        std::vector<qint64> values
            = {0, 1, 999, 1000, 86399999, 86400000, 951782400000, 4102444799999, -1, -86400001};
        for (int i = 0; i < 2000; ++i)
            values.push_back(qint64(rng.bounded(4102444800.0) * 1000.0));
        for (qint64 ms : values) {
            const std::string expected = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                                             .toString(Qt::ISODateWithMs)
                                             .toStdString();
            JCOMPARE(Runtime::isoTime(ms), expected);
        }
    }

    void passChain()
    {
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: chain\n"
                    "  start_at: a\n"
                    "  states:\n"
                    "    a: {type: pass, result: {x: 1}, result_path: $.a, next: b}\n"
                    "    b: {type: pass, parameters: {\"sum.$\": \"States.MathAdd($.a.x, 41)\"}, "
                    "result_path: $.b, next: c}\n"
                    "    c: {type: succeed, output_path: $.b}\n",
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
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: choose\n"
                                     "  start_at: route\n"
                                     "  states:\n"
                                     "    route:\n"
                                     "      type: choice\n"
                                     "      choices:\n"
                                     "        - if: $.vip\n"
                                     "          next: vip\n"
                                     "        - if: $.amount > 1000 and not $.vip\n"
                                     "          next: big\n"
                                     "        - if: {variable: $.amount, numeric_equals: 7}\n"
                                     "          next: seven\n"
                                     "      default: small\n"
                                     "    vip: {type: pass, result: vip, end: true}\n"
                                     "    big: {type: pass, result: big, end: true}\n"
                                     "    seven: {type: pass, result: seven, end: true}\n"
                                     "    small: {type: pass, result: small, end: true}\n",
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
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: nomatch\n"
                                     "  start_at: route\n"
                                     "  states:\n"
                                     "    route:\n"
                                     "      type: choice\n"
                                     "      choices:\n"
                                     "        - {if: $.x == 1, next: done}\n"
                                     "    done: {type: succeed}\n",
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
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: f\n"
                    "  start_at: boom\n"
                    "  states:\n"
                    "    boom: {type: fail, error: Custom.Error, cause: it broke}\n",
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
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: par\n"
                                     "  start_at: fan\n"
                                     "  states:\n"
                                     "    fan:\n"
                                     "      type: parallel\n"
                                     "      branches:\n"
                                     "        - start_at: slow\n"
                                     "          states:\n"
                                     "            slow: {type: wait, seconds: 5, next: one}\n"
                                     "            one: {type: pass, result: 1, end: true}\n"
                                     "        - start_at: two\n"
                                     "          states:\n"
                                     "            two: {type: pass, result: 2, end: true}\n"
                                     "      result_path: $.results\n"
                                     "      next: done\n"
                                     "    done: {type: succeed}\n",
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
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: parfail\n"
                    "  start_at: fan\n"
                    "  states:\n"
                    "    fan:\n"
                    "      type: parallel\n"
                    "      branches:\n"
                    "        - start_at: waiter\n"
                    "          states:\n"
                    "            waiter: {type: wait, seconds: 100, end: true}\n"
                    "        - start_at: bad\n"
                    "          states:\n"
                    "            bad: {type: fail, error: Branch.Broke}\n"
                    "      catch:\n"
                    "        - {errors: [Branch.Broke], next: handled, result_path: $.err}\n"
                    "      end: true\n"
                    "    handled: {type: succeed}\n",
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
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: map\n"
                    "  start_at: each\n"
                    "  states:\n"
                    "    each:\n"
                    "      type: map\n"
                    "      items_path: $.items\n"
                    "      max_concurrency: 2\n"
                    "      item_selector:\n"
                    "        \"value.$\": $$.Map.Item.Value\n"
                    "        \"index.$\": $$.Map.Item.Index\n"
                    "        \"factor.$\": $.factor\n"
                    "      processor:\n"
                    "        start_at: pause\n"
                    "        states:\n"
                    "          pause: {type: wait, seconds: 1, next: calc}\n"
                    "          calc: {type: pass, parameters: {\"r.$\": \"States.MathAdd($.value, "
                    "$.factor)\", \"i.$\": $.index}, end: true\n"
                    "    }\n"
                    "      end: true\n",
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
        JCOMPARE(rec.output,
                 Json::parse("[{\"r\":11,\"i\":0},{\"r\":21,\"i\":1},{\"r\":31,\"i\":2},\n"
                             "                                             "
                             "{\"r\":41,\"i\":3},{\"r\":51,\"i\":4}]"));
        VERIFY_REPLAY(*m_engine, id);
    }

    void contextHasTheExecutionInputWhereItIsRead()
    {
        // The context object carries $$.Execution.Input only into states that may read it
        // (a big input is not copied for every state); every way of reading it still works.
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: ctx\n"
                    "  start_at: a\n"
                    "  states:\n"
                    "    a: {type: pass, parameters: {\"whole.$\": $$.Execution.Input, \"id.$\": "
                    "$$.Execution.Id}, result_path: $.a, next: b}\n"
                    "    b: {type: pass, parameters: {\"x.$\": \"States.Format('v={}', "
                    "$$.Execution.Input.v)\"}, result_path: $.b, next: c}\n"
                    "    c: {type: pass, parameters: {\"all.$\": $$}, result_path: $.c, next: d}\n"
                    "    d:\n"
                    "      type: choice\n"
                    "      choices:\n"
                    "        - {if: \"$$.Execution.Input.v == 1\", next: e}\n"
                    "      default: wrong\n"
                    "    e: {type: pass, parameters: {\"state.$\": $$.State.Name, \"id.$\": "
                    "$$.Execution.Id}, result_path: $.e, end: true}\n"
                    "    wrong: {type: fail, error: Wrong}\n",
                    Json{{"v", 1}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["a"]["whole"], (Json{{"v", 1}}));
        JCOMPARE(rec.output["a"]["id"], Json(id));
        JCOMPARE(rec.output["b"]["x"], Json("v=1"));
        JCOMPARE(rec.output["c"]["all"]["Execution"]["Input"], (Json{{"v", 1}}));
        JCOMPARE(rec.output["e"], (Json{{"state", "e"}, {"id", id}}));
        VERIFY_REPLAY(*m_engine, id);
    }

    void largeMapKeepsItemOrder_data()
    {
        QTest::addColumn<int>("concurrency");
        QTest::newRow("default (none given)") << 0;
        QTest::newRow("50 at a time") << 50;
    }
    void largeMapKeepsItemOrder()
    {
        // 5,000 items, selected once when the map starts (not again for every iteration).
        QFETCH(int, concurrency);
        const int n = 5000;
        Json items = Json::array();
        for (int i = 0; i < n; ++i)
            items.push_back(n - i); // descending, so an order mix-up shows
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: big\n"
                                     "  start_at: each\n"
                                     "  states:\n"
                                     "    each:\n"
                                     "      type: map\n"
                                     "      items_path: $.data.items\n"
                                     "      max_concurrency: "
                                         + std::to_string(concurrency)
                                         + "\n"
                                           "      item_selector: {\"i.$\": $$.Map.Item.Index, "
                                           "\"v.$\": $$.Map.Item.Value}\n"
                                           "      processor:\n"
                                           "        start_at: calc\n"
                                           "        states:\n"
                                           "          calc: {type: pass, parameters: {\"i.$\": "
                                           "$.i, \"twice.$\": \"States.MathAdd($.v, $.v)\"}, "
                                           "end: true}\n"
                                           "      end: true\n",
                                     Json{{"data", {{"items", items}}}});
        QVERIFY(waitFinal(*m_engine, id, 2 * engineWaitMs));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        QVERIFY(rec.output.is_array());
        JCOMPARE(int(rec.output.size()), n);
        for (int i = 0; i < n; ++i) {
            if (rec.output[i] != Json{{"i", i}, {"twice", 2 * (n - i)}})
                QFAIL(("item " + std::to_string(i) + ": " + rec.output[i].dump()).c_str());
        }
        // In index order, never more than `concurrency` at a time.
        int running = 0;
        int maxRunning = 0;
        int nextIndex = 0;
        for (const HistoryEvent &e : m_engine->store()->history(id)) {
            if (e.type == EventType::BranchStarted) {
                JCOMPARE(e.data["index"], Json(nextIndex));
                ++nextIndex;
                maxRunning = std::max(maxRunning, ++running);
            } else if (e.type == EventType::BranchFinished) {
                --running;
            }
        }
        JCOMPARE(nextIndex, n);
        // Without max_concurrency a map runs the default, 40, at once (Step Functions' inline cap).
        JCOMPARE(maxRunning, concurrency > 0 ? concurrency : Runtime::kDefaultMapConcurrency);
        VERIFY_REPLAY(*m_engine, id);
    }

    void mapToleratedFailures()
    {
        const std::string yaml
            = "\n"
              "workflow:\n"
              "  name: tolerate\n"
              "  start_at: each\n"
              "  states:\n"
              "    each:\n"
              "      type: map\n"
              "      items_path: $.items\n"
              "      tolerated_failure_count: 1\n"
              "      processor:\n"
              "        start_at: check\n"
              "        states:\n"
              "          check:\n"
              "            type: choice\n"
              "            choices:\n"
              "              - {if: $.ok, next: fine}\n"
              "            default: broken\n"
              "          fine: {type: pass, result: ok, end: true}\n"
              "          broken: {type: fail, error: Item.Bad, cause: bad item}\n"
              "      end: true\n";
        const std::string one = start(
            yaml, Json{{"items", Json::parse("[{\"ok\":true},{\"ok\":false},{\"ok\":true}]")}});
        QVERIFY(waitFinal(*m_engine, one));
        ExecutionRecord rec = record(*m_engine, one);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output[0], Json("ok"));
        JCOMPARE(rec.output[1]["error"], Json("Item.Bad"));
        VERIFY_REPLAY(*m_engine, one);

        const std::string two = start(
            yaml, Json{{"items", Json::parse("[{\"ok\":false},{\"ok\":false},{\"ok\":true}]")}});
        QVERIFY(waitFinal(*m_engine, two));
        rec = record(*m_engine, two);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.ExceedToleratedFailureThreshold"));
        VERIFY_REPLAY(*m_engine, two);
    }

    void emptyMap()
    {
        const std::string id = start("\n"
                                     "workflow:\n"
                                     "  name: empty\n"
                                     "  start_at: each\n"
                                     "  states:\n"
                                     "    each:\n"
                                     "      type: map\n"
                                     "      items_path: $.items\n"
                                     "      processor:\n"
                                     "        start_at: x\n"
                                     "        states:\n"
                                     "          x: {type: pass, end: true}\n"
                                     "      end: true\n",
                                     Json{{"items", Json::array()}});
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).output, Json::array());
        VERIFY_REPLAY(*m_engine, id);
    }

    void nestedParallelInMap()
    {
        const std::string id
            = start("\n"
                    "workflow:\n"
                    "  name: nested\n"
                    "  start_at: each\n"
                    "  states:\n"
                    "    each:\n"
                    "      type: map\n"
                    "      items_path: $.items\n"
                    "      processor:\n"
                    "        start_at: both\n"
                    "        states:\n"
                    "          both:\n"
                    "            type: parallel\n"
                    "            branches:\n"
                    "              - start_at: double\n"
                    "                states:\n"
                    "                  double: {type: pass, parameters: {\"v.$\": "
                    "\"States.MathAdd($.n, $.n)\"}, output_path: $.v, end: true\n"
                    "    }\n"
                    "              - start_at: same\n"
                    "                states:\n"
                    "                  same: {type: pass, output_path: $.n, end: true}\n"
                    "            end: true\n"
                    "      end: true\n",
                    Json{{"items", Json::parse("[{\"n\":1},{\"n\":2}]")}});
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
        QFile use(QStringLiteral(SIGNALBOX_TEST_DATA "/valid/seed-order-approval.yaml"));
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
