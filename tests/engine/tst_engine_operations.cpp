// Operations: start with an idempotent name, cancel (kills the running process), redrive from the
// failed state (with patched input), complete/fail activities, clear errors for bad requests, and
// the control-socket request mapping (handleControlRequest).
#include "enginetesthelpers.h"

#include <QTemporaryDir>

#include <csignal>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineOperations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;

    std::string start(const std::string &yaml, const Json &input, const std::string &name = {})
    {
        OperationResult r
            = m_engine->start(definition(yaml), yaml, m_dir.filePath("wf.yaml"), input, name);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }

private slots:
    void init()
    {
        m_engine = std::make_unique<Engine>();
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
    }

    void idempotentName()
    {
        const std::string yaml
            = "workflow: {name: n, start_at: a, states: {a: {type: wait_for_event, end: true}}}";
        const std::string first = start(yaml, Json{{"v", 1}}, "order-17");
        // The same request again (same workflow, same input, still open) is the same execution.
        OperationResult again
            = m_engine->start(definition(yaml), yaml, {}, Json{{"v", 1}}, "order-17");
        QVERIFY(again.ok);
        JCOMPARE(again.executionId, first);
        JCOMPARE(again.value["existing"], Json(true));
        // Another input under the same name is refused, never answered with the old execution.
        const OperationResult other
            = m_engine->start(definition(yaml), yaml, {}, Json{{"v", 2}}, "order-17");
        QVERIFY(!other.ok);
        QVERIFY2(other.error.rfind("ExecutionAlreadyExists: ", 0) == 0, other.error.c_str());
        JCOMPARE(m_engine->store()->listExecutions().size(), std::size_t(1));
        // The name addresses the execution in every operation.
        QVERIFY(m_engine->approve("order-17", "", "me", "").ok);
        QVERIFY(waitFinal(*m_engine, first));
    }

    void cancelKillsTheProcess()
    {
        const QString pidFile = m_dir.filePath("pid");
        const std::string yaml
            = "workflow:\n  name: c\n  start_at: t\n  states:\n    t:\n      type: task\n"
              "      run: {shell: 'echo $$ > "
              + pidFile.toStdString() + "; exec sleep 60'}\n      end: true\n";
        QSignalSpy finished(m_engine.get(), &Engine::executionFinished);
        const std::string id = start(yaml, Json::object());
        QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, engineWaitMs);
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pid_t pid = f.readAll().trimmed().toInt();
        QVERIFY(pid > 0);
        JCOMPARE(m_engine->runningTasks(), 1);
        QVERIFY(m_engine->cancel(id, "tester", "no longer needed").ok);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(finished.count(), 1);
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Cancelled);
        JCOMPARE(m_engine->runningTasks(), 0);
        // The process is gone (kill -0 fails once it is reaped).
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid, 0) != 0, engineWaitMs);
        const auto cancelled = eventsOf(m_engine->store(), id, EventType::ExecutionCancelled);
        JCOMPARE(cancelled.size(), std::size_t(1));
        JCOMPARE(cancelled[0].data["by"], Json("tester"));
        // Operations on a finished execution are refused clearly.
        OperationResult again = m_engine->cancel(id);
        QVERIFY(!again.ok);
        QVERIFY2(again.error.find("CANCELLED") != std::string::npos, again.error.c_str());
        VERIFY_REPLAY(*m_engine, id);
    }

    void redriveFromFailedState()
    {
        // The task looks at the input: patch it on redrive.
        const std::string patched
            = "\n"
              "workflow:\n"
              "  name: redrive2\n"
              "  start_at: check\n"
              "  states:\n"
              "    check:\n"
              "      type: task\n"
              "      run: {shell: 'x=$(cat); case \"$x\" in *true*) echo 1;; *) exit 4;; esac'}\n"
              "      parameters: {\"ok.$\": $.ok}\n"
              "      result_path: $.checked\n"
              "      next: done\n"
              "    done: {type: succeed}\n";
        const std::string id = start(patched, Json{{"ok", false}});
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Failed);
        JCOMPARE(record(*m_engine, id).error, std::string("Task.ExitCode"));
        OperationResult bad = m_engine->redrive("no-such-execution");
        QVERIFY(!bad.ok);
        OperationResult r = m_engine->redrive(id, Json{{"ok", true}});
        QVERIFY2(r.ok, r.error.c_str());
        JCOMPARE(r.value["from_state"], Json("check"));
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"ok", true}, {"checked", 1}}));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::ExecutionRedriven), 1);
        // Succeeded executions cannot be redriven.
        QVERIFY(!m_engine->redrive(id).ok);
        VERIFY_REPLAY(*m_engine, id);
    }

    void redriveOntoNewerDefinition()
    {
        const std::string v1 = "workflow:\n  name: fix\n  start_at: check\n  states:\n"
                               "    check: {type: task, run: {shell: 'exit 5'}, next: done}\n"
                               "    done: {type: succeed}\n";
        const std::string v2
            = "workflow:\n  name: fix\n  start_at: check\n  states:\n"
              "    check: {type: pass, result: fixed, result_path: $.fix, next: done}\n"
              "    done: {type: succeed}\n";
        const std::string v3 = "workflow:\n  name: fix\n  start_at: other\n  states:\n"
                               "    other: {type: succeed}\n";
        const std::string id = start(v1, Json{{"n", 1}});
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Failed);
        const std::string oldHash = record(*m_engine, id).definitionHash;
        const Definition missing = definition(v3);
        OperationResult refused = m_engine->redrive(id, {}, &missing, v3);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.find("'check'") != std::string::npos, refused.error.c_str());
        const Definition fixed = definition(v2);
        OperationResult r = m_engine->redrive(id, {}, &fixed, v2);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"n", 1}, {"fix", "fixed"}}));
        QVERIFY(rec.definitionHash != oldHash);
        JCOMPARE(rec.definitionHash, definitionHash(v2));
        const auto redriven = eventsOf(m_engine->store(), id, EventType::ExecutionRedriven);
        JCOMPARE(redriven.size(), std::size_t(1));
        JCOMPARE(redriven[0].data["definition_hash"], Json(definitionHash(v2)));
        QVERIFY(m_engine->store()->definition(definitionHash(v2)).has_value());
        VERIFY_REPLAY(*m_engine, id);
    }

    void activities()
    {
        const std::string yaml = "\n"
                                 "workflow:\n"
                                 "  name: acts\n"
                                 "  start_at: work\n"
                                 "  states:\n"
                                 "    work: {type: task, result_path: $.work, catch: [{errors: "
                                 "[Worker.Failed], next: failed}], next: done}\n"
                                 "    done: {type: succeed}\n"
                                 "    failed: {type: fail, error: Gave.Up}\n";
        const std::string ok = start(yaml, Json{{"a", 1}});
        JCOMPARE(record(*m_engine, ok).status, ExecutionStatus::Waiting);
        QVERIFY(!m_engine->completeActivity(ok, "nope", Json()).ok);
        QVERIFY(m_engine->completeActivity(ok, "work", Json{{"done", true}}, "worker-1").ok);
        QVERIFY(waitFinal(*m_engine, ok));
        JCOMPARE(record(*m_engine, ok).output, (Json{{"a", 1}, {"work", {{"done", true}}}}));
        JCOMPARE(countEvents(m_engine->store(), ok, EventType::ActivityCompleted), 1);

        const std::string bad = start(yaml, Json{{"a", 2}});
        QVERIFY(!m_engine->failActivity(bad, "work", "", "").ok); // error name required
        QVERIFY(m_engine->failActivity(bad, "work", "Worker.Failed", "disk full").ok);
        QVERIFY(waitFinal(*m_engine, bad));
        JCOMPARE(record(*m_engine, bad).error, std::string("Gave.Up"));
        VERIFY_REPLAY(*m_engine, ok);
        VERIFY_REPLAY(*m_engine, bad);
    }

    void controlRequests()
    {
        QFile file(m_dir.filePath("ctl.yaml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("workflow:\n  name: ctl\n  start_at: gate\n  states:\n"
                   "    gate: {type: wait_for_event, next: work}\n"
                   "    work: {type: task, next: ev}\n"
                   "    ev: {type: wait_for_event, kind: event, event: go, end: true}\n");
        file.close();
        const Json started
            = handleControlRequest(*m_engine, {{"command", "start"},
                                               {"file", file.fileName().toStdString()},
                                               {"input", {{"x", 1}}},
                                               {"name", "ctl-1"}});
        const std::string id = started.at("execution_id").get<std::string>();
        // Durable before the reply: the store has it.
        QVERIFY(m_engine->store()->execution(id).has_value());
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            handleControlRequest(
                *m_engine, {{"command", "send-event"}, {"execution", "ctl-1"}, {"event", "go"}}));
        handleControlRequest(
            *m_engine,
            {{"command", "approve"}, {"execution", "ctl-1"}, {"by", "me"}, {"comment", "ok"}});
        handleControlRequest(*m_engine, {{"command", "complete"},
                                         {"execution", id},
                                         {"state", "work"},
                                         {"output", {{"y", 2}}}});
        handleControlRequest(
            *m_engine,
            {{"command", "send-event"}, {"execution", id}, {"event", "go"}, {"payload", 3}});
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).output, Json(3));
        try {
            handleControlRequest(*m_engine, {{"command", "frobnicate"}, {"execution", id}});
            QFAIL("unknown command accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY(QByteArray(e.what()).contains("unknown command"));
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 handleControlRequest(*m_engine, Json::array()));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 handleControlRequest(*m_engine, {{"command", 5}}));
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            handleControlRequest(*m_engine, {{"command", "start"}, {"file", "/nonexistent.yaml"}}));
        VERIFY_REPLAY(*m_engine, id);
    }

    void runsOnAWorkerThread()
    {
        // The GUI's arrangement: the engine lives on its own thread; commands go in queued,
        // observers get queued signals. The receiver lives on this thread, so the connection is
        // queued and `finished` is only touched here (a QSignalSpy on the engine would append
        // from the engine thread, and miss a signal sent before its wait() started).
        const QString db = m_dir.filePath("threaded.db");
        const std::string yaml = "workflow:\n  name: th\n  start_at: t\n  states:\n"
                                 "    t: {type: task, run: {command: [cat]}, next: w}\n"
                                 "    w: {type: wait, seconds: 0, end: true}\n";
        const Definition def = definition(yaml);
        QList<QStringList> finished;
        QObject receiver;
        ThreadedEngine threaded; // stopped and joined however this function returns
        Engine *engine = threaded.engine();
        connect(engine, &Engine::executionFinished, &receiver,
                [&finished](const QString &id, const QString &status) {
                    finished.append({id, status});
                });
        std::string id;
        bool opened = false;
        QString error;
        threaded.run([&] {
            opened = engine->open(db, &error);
            if (opened)
                id = engine->start(def, yaml, {}, Json{{"t", 1}}).executionId;
        });
        QVERIFY2(opened, qPrintable(error));
        QVERIFY(!id.empty());
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), engineWaitMs);
        JCOMPARE(finished.size(), 1);
        JCOMPARE(finished.first().at(0).toStdString(), id);
        JCOMPARE(finished.first().at(1), QStringLiteral("SUCCEEDED"));
        threaded.stop();
        auto store = Store::open(db, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        const std::optional<ExecutionRecord> rec = store->execution(id);
        QVERIFY2(rec, qPrintable(store->lastError()));
        JCOMPARE(rec->output, (Json{{"t", 1}}));
    }

    void eventsAreSignalled()
    {
        QSignalSpy events(m_engine.get(), &Engine::eventsAppended);
        QSignalSpy changed(m_engine.get(), &Engine::executionChanged);
        const std::string id = start(
            "workflow: {name: s, start_at: a, states: {a: {type: pass, end: true}}}", Json());
        QVERIFY(waitFinal(*m_engine, id));
        QVERIFY(events.count() >= 1);
        const Json list = Json::parse(events.first().at(1).toByteArray().toStdString());
        JCOMPARE(list.front()["type"], Json("ExecutionStarted"));
        JCOMPARE(list.back()["type"], Json("ExecutionSucceeded"));
        QVERIFY(changed.count() >= 1);
        JCOMPARE(changed.last().at(1).toString(), QStringLiteral("SUCCEEDED"));
    }
};

QTEST_GUILESS_MAIN(TestEngineOperations)
#include "tst_engine_operations.moc"
