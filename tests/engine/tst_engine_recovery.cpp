// Recovery: closing and reopening the database (as after a crash) resumes every unfinished
// execution. Durable timers fire once and never early, also across a restart; a task that was
// running is re-dispatched with the same token after TaskInterrupted; a failed commit loses
// nothing (fault injection in the store).
#include "enginetesthelpers.h"

#include "signalbox/clock.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineRecovery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static std::unique_ptr<Engine> openEngine(Clock *clock, const QString &db)
    {
        auto engine = std::make_unique<Engine>(clock);
        QString error;
        if (!engine->open(db, &error))
            qWarning("open failed: %s", qPrintable(error));
        return engine;
    }

private slots:
    void timerSurvivesRestartAndFiresOnce()
    {
        ManualClock clock;
        const QString db = m_dir.filePath("timer.db");
        const std::string yaml
            = "workflow:\n  name: t\n  start_at: pause\n  states:\n"
              "    pause: {type: wait, seconds: 60, next: done}\n    done: {type: succeed}\n";
        std::string id;
        {
            auto engine = openEngine(&clock, db);
            OperationResult r = engine->start(definition(yaml), yaml, {}, Json{{"v", 1}});
            QVERIFY(r.ok);
            id = r.executionId;
            engine->flush();
            clock.advance(30000);
            engine->flush();
            JCOMPARE(engine->store()->timers().size(), std::size_t(1));
        } // closed as if the host stopped
        clock.advance(29999);
        {
            auto engine = openEngine(&clock, db);
            JCOMPARE(engine->liveExecutions(), 1);
            engine->flush();
            JCOMPARE(countEvents(engine->store(), id, EventType::WaitFired), 0); // not early
            clock.advance(1);
            QVERIFY(waitFinal(*engine, id));
            JCOMPARE(record(*engine, id).status, ExecutionStatus::Succeeded);
            JCOMPARE(countEvents(engine->store(), id, EventType::WaitFired), 1);
            VERIFY_REPLAY(*engine, id);
        }
        {
            auto engine = openEngine(&clock, db); // nothing fires twice
            clock.advance(100000);
            engine->flush();
            JCOMPARE(countEvents(engine->store(), id, EventType::WaitFired), 1);
            JCOMPARE(engine->liveExecutions(), 0);
        }
    }

    void passedTimerFiresAtOnceAfterRestart()
    {
        ManualClock clock;
        const QString db = m_dir.filePath("passed.db");
        const std::string yaml = "workflow:\n  name: t\n  start_at: pause\n  states:\n"
                                 "    pause: {type: wait, seconds: 5, end: true}\n";
        std::string id;
        {
            auto engine = openEngine(&clock, db);
            id = engine->start(definition(yaml), yaml, {}, Json()).executionId;
            engine->flush();
        }
        clock.advance(3600 * 1000);
        auto engine = openEngine(&clock, db);
        QVERIFY(waitFinal(*engine, id));
        JCOMPARE(record(*engine, id).status, ExecutionStatus::Succeeded);
        VERIFY_REPLAY(*engine, id);
    }

    void interruptedTaskKeepsItsToken()
    {
        const QString db = m_dir.filePath("task.db");
        const QString tokens = m_dir.filePath("tokens");
        const std::string yaml
            = "workflow:\n  name: t\n  start_at: work\n  states:\n    work:\n"
              "      type: task\n      run: {shell: 'echo $SIGNALBOX_TASK_TOKEN >> "
              + tokens.toStdString() + "; if [ $(wc -l < " + tokens.toStdString()
              + ") -ge 2 ]; then echo \\\"done\\\"; else exec sleep 60; fi'}\n      end: true\n";
        std::string id;
        {
            auto engine = openEngine(nullptr, db);
            id = engine->start(definition(yaml), yaml, {}, Json()).executionId;
            engine->flush();
            QTRY_VERIFY_WITH_TIMEOUT(QFile(tokens).size() > 0, engineWaitMs);
            JCOMPARE(engine->runningTasks(), 1);
        } // the host goes away while the task runs (its process is killed)
        auto engine = openEngine(nullptr, db);
        if (!waitFinal(*engine, id)) {
            for (const HistoryEvent &e : engine->store()->history(id))
                qWarning("%s", eventToJson(e).dump().c_str());
            QFAIL("not finished");
        }
        const ExecutionRecord rec = record(*engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json("done"));
        QFile f(tokens);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        JCOMPARE(lines.size(), 2);
        JCOMPARE(lines[0], lines[1]);
        const auto interrupted = eventsOf(engine->store(), id, EventType::TaskInterrupted);
        JCOMPARE(interrupted.size(), std::size_t(1));
        JCOMPARE(QByteArray::fromStdString(interrupted[0].data["token"].get<std::string>()),
                 lines[0]);
        JCOMPARE(countEvents(engine->store(), id, EventType::TaskScheduled), 1); // same attempt
        VERIFY_REPLAY(*engine, id);
    }

    void failedCommitLosesNothing_data()
    {
        QTest::addColumn<int>("failAt");
        QTest::addColumn<bool>("memory");
        for (int n = 1; n <= 8; ++n) {
            QTest::newRow(qPrintable(QString::number(n))) << n << false;
            QTest::newRow(qPrintable(QStringLiteral("memory %1").arg(n))) << n << true;
        }
    }
    void failedCommitLosesNothing()
    {
        QFETCH(int, failAt);
        QFETCH(bool, memory); // the in-memory store undoes a failed batch as SQLite does
        ManualClock clock;
        auto engine
            = openEngine(&clock, memory ? QStringLiteral(":memory:")
                                        : m_dir.filePath(QStringLiteral("fault%1.db").arg(failAt)));
        QSignalSpy warnings(engine.get(), &Engine::warning);
        const std::string yaml
            = "workflow:\n  name: f\n  start_at: a\n  states:\n"
              "    a: {type: pass, next: b}\n    b: {type: wait, seconds: 1, next: c}\n"
              "    c: {type: pass, end: true}\n";
        engine->store()->failAfterWrites(failAt);
        const std::string id
            = engine->start(definition(yaml), yaml, {}, Json{{"k", failAt}}).executionId;
        engine->flush();
        QVERIFY(waitUntil(*engine, [&] { return engine->store()->execution(id).has_value(); }));
        clock.advance(1000);
        QVERIFY(waitFinal(*engine, id));
        QVERIFY(warnings.count() >= 1); // the injected fault really hit a commit
        JCOMPARE(record(*engine, id).status, ExecutionStatus::Succeeded);
        JCOMPARE(record(*engine, id).output, (Json{{"k", failAt}}));
        JCOMPARE(countEvents(engine->store(), id, EventType::StateEntered), 3);
        VERIFY_REPLAY(*engine, id);
    }

    // The in-memory store (":memory:") runs a workflow exactly as the SQLite file does: the same
    // history, projection, side tables and reader results.
    void memoryStoreRunsLikeAFile()
    {
        const std::string yaml
            = "workflow:\n  name: same\n  start_at: a\n  states:\n"
              "    a: {type: pass, result_path: $.seen, result: 1, next: pause}\n"
              "    pause: {type: wait, seconds: 1, next: review}\n"
              "    review: {type: wait_for_event, kind: approval, result_path: $.review, next: "
              "each}\n"
              "    each:\n      type: map\n      items_path: $.items\n      next: done\n"
              "      processor:\n        start_at: item\n        states:\n"
              "          item: {type: pass, end: true}\n"
              "    done: {type: succeed}\n";
        struct Run
        {
            std::vector<std::string> steps; // type frame state
            Json output;
            int listed = 0;
        };
        auto run = [&](const QString &db) {
            Run out;
            ManualClock clock;
            auto engine = openEngine(&clock, db);
            const std::string id
                = engine->start(definition(yaml), yaml, {}, Json{{"items", {1, 2, 3}}}, "same")
                      .executionId;
            engine->flush();
            if (engine->store()->timers().size() != 1)
                return out;
            clock.advance(1000);
            if (!waitUntil(*engine, [&] { return engine->store()->pendingWaits().size() == 1; }))
                return out;
            if (!engine->approve(id, "review", "ana", "ok").ok || !waitFinal(*engine, id))
                return out;
            QString why;
            if (!cacheMatchesReplay(engine->store(), id, &why)) {
                qWarning("%s", qPrintable(why));
                return out;
            }
            for (const HistoryEvent &e : engine->store()->history(id))
                out.steps.push_back(std::string(eventTypeName(e.type)) + " " + e.frame + " "
                                    + e.state);
            out.output = record(*engine, id).output;
            ExecutionFilter filter;
            filter.search = "SAME";
            filter.status = ExecutionStatus::Succeeded;
            out.listed = engine->store()->countExecutions(filter)
                         + int(engine->store()->listExecutions(filter).size())
                         + int(engine->store()->timers().size())
                         + int(engine->store()->pendingWaits().size());
            return out;
        };
        const Run file = run(m_dir.filePath("same.db"));
        const Run memory = run(QStringLiteral(":memory:"));
        QVERIFY(!file.steps.empty());
        QCOMPARE(memory.steps, file.steps);
        JCOMPARE(memory.output, file.output);
        JCOMPARE(file.output, (Json{1, 2, 3})); // the map's results
        QCOMPARE(file.listed, 2);
        QCOMPARE(memory.listed, 2);
    }

    void cacheIsRebuiltFromHistoryWhenMissing()
    {
        ManualClock clock;
        const QString db = m_dir.filePath("rebuild.db");
        const std::string yaml
            = "workflow:\n  name: t\n  start_at: pause\n  states:\n"
              "    pause: {type: wait, seconds: 5, next: done}\n    done: {type: succeed}\n";
        std::string id;
        {
            auto engine = openEngine(&clock, db);
            id = engine->start(definition(yaml), yaml, {}, Json{{"z", 1}}).executionId;
            engine->flush();
            // Damage the projection's cache: recovery must replay the history instead.
            ExecutionRecord rec = *engine->store()->execution(id);
            rec.cache = Json();
            QVERIFY(engine->store()->updateExecution(rec));
        }
        auto engine = openEngine(&clock, db);
        clock.advance(5000);
        QVERIFY(waitFinal(*engine, id));
        JCOMPARE(record(*engine, id).output, (Json{{"z", 1}}));
        VERIFY_REPLAY(*engine, id);
    }
};

QTEST_GUILESS_MAIN(TestEngineRecovery)
#include "tst_engine_recovery.moc"
