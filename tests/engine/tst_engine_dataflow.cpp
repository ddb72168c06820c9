// ASL data flow through real process tasks: input_path, parameters (paths, intrinsics, the
// context object), result_selector, result_path (path, "$", null), output_path (path, null),
// the executor protocol (stdin JSON, stdout result, environment, working directory) and its
// errors (Task.ExitCode, JSON error objects, Task.InvalidOutput).
#include "enginetesthelpers.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineDataflow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;

    ExecutionRecord run(const std::string &yaml, const Json &input, std::string *idOut = nullptr)
    {
        const Definition def = definition(yaml);
        OperationResult r = m_engine->start(def, yaml, m_dir.filePath("wf.yaml"), input);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        if (idOut)
            *idOut = r.executionId;
        if (!waitFinal(*m_engine, r.executionId))
            qWarning("execution did not finish");
        QString why;
        if (!cacheMatchesReplay(m_engine->store(), r.executionId, &why))
            qWarning("cache != replay: %s", qPrintable(why));
        return record(*m_engine, r.executionId);
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

    void everyFieldThroughATask()
    {
        // `cat` returns its input, so the result is exactly what the task received.
        const ExecutionRecord rec
            = run("\n"
                  "workflow:\n"
                  "  name: flow\n"
                  "  start_at: call\n"
                  "  states:\n"
                  "    call:\n"
                  "      type: task\n"
                  "      run: {command: [cat]}\n"
                  "      input_path: $.order\n"
                  "      parameters:\n"
                  "        \"id.$\": $.id\n"
                  "        \"label.$\": \"States.Format('order {} for {}', $.id, $.customer)\"\n"
                  "        \"exec.$\": $$.Execution.Id\n"
                  "        \"state.$\": $$.State.Name\n"
                  "        \"retry.$\": $$.State.RetryCount\n"
                  "        fixed: 1\n"
                  "      result_selector:\n"
                  "        \"label.$\": $.label\n"
                  "        \"state.$\": $.state\n"
                  "        \"retry.$\": $.retry\n"
                  "        \"same_exec.$\": $.exec\n"
                  "      result_path: $.order.result\n"
                  "      output_path: $.order\n"
                  "      end: true\n",
                  Json{{"order", {{"id", 7}, {"customer", "ada"}}}, {"other", 1}});
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["id"], Json(7));
        JCOMPARE(rec.output["result"]["label"], Json("order 7 for ada"));
        JCOMPARE(rec.output["result"]["state"], Json("call"));
        JCOMPARE(rec.output["result"]["retry"], Json(0));
        JCOMPARE(rec.output["result"]["same_exec"], Json(rec.id));
        QVERIFY(!rec.output.contains("other"));
    }

    void resultPathVariants_data()
    {
        QTest::addColumn<QString>("resultPath");
        QTest::addColumn<QString>("expected");
        QTest::newRow("absent") << ""
                                << "{\"v\":2}";
        QTest::newRow("dollar") << "result_path: $,"
                                << "{\"v\":2}";
        QTest::newRow("null") << "result_path: null,"
                              << "{\"v\":1,\"keep\":true}";
        QTest::newRow("nested") << "result_path: $.a.b,"
                                << "{\"v\":1,\"keep\":true,\"a\":{\"b\":{\"v\":2}}}";
    }
    void resultPathVariants()
    {
        QFETCH(QString, resultPath);
        QFETCH(QString, expected);
        const std::string yaml = "workflow:\n  name: rp\n  start_at: t\n  states:\n"
                                 "    t: {type: pass, result: {v: 2}, "
                                 + resultPath.toStdString() + " end: true}\n";
        const ExecutionRecord rec = run(yaml, Json{{"v", 1}, {"keep", true}});
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json::parse(expected.toStdString()));
    }

    void nullPathsGiveEmptyObjects()
    {
        const ExecutionRecord rec
            = run("\n"
                  "workflow:\n"
                  "  name: nulls\n"
                  "  start_at: a\n"
                  "  states:\n"
                  "    a: {type: pass, input_path: null, result_path: $.seen, next: b}\n"
                  "    b: {type: pass, output_path: null, end: true}\n",
                  Json{{"x", 1}});
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json::object());
    }

    void missingPathIsStatesRuntime()
    {
        const ExecutionRecord rec
            = run("\n"
                  "workflow:\n"
                  "  name: missing\n"
                  "  start_at: a\n"
                  "  states:\n"
                  "    a: {type: pass, input_path: $.nothing.here, end: true}\n",
                  Json{{"x", 1}});
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("States.Runtime"));
        QVERIFY2(rec.cause.find("nothing") != std::string::npos, rec.cause.c_str());
    }

    void secretsStayInTheirTask()
    {
        // A secret resolved from ${env:…} comes back in every way a task can send it: a cause
        // of its own, stdout that is not JSON, stderr. None of it reaches the history, the task
        // logs or the database file.
        const QByteArray secret = "tok-5f2a9c81e";
        qputenv("SIGNALBOX_TEST_TOKEN", secret);
        const std::string wf = "\n"
                               "workflow:\n"
                               "  name: leaky\n"
                               "  start_at: %1\n"
                               "  states:\n"
                               "    own-cause:\n"
                               "      type: task\n"
                               "      run:\n"
                               "        shell: 'echo \"token $T rejected\" >&2; printf "
                               "\"{\\\"error\\\":\\\"Auth.Failed\\\",\\\"cause\\\":"
                               "\\\"bad token $T\\\"}\"; exit 3'\n"
                               "        env: {T: \"${env:SIGNALBOX_TEST_TOKEN}\"}\n"
                               "      end: true\n"
                               "    not-json:\n"
                               "      type: task\n"
                               "      run:\n"
                               "        shell: 'echo \"here is $T\"'\n"
                               "        env: {T: \"${env:SIGNALBOX_TEST_TOKEN}\"}\n"
                               "      end: true\n";
        std::vector<std::string> ids;
        for (const char *start : {"own-cause", "not-json"}) {
            std::string yaml = wf;
            yaml.replace(yaml.find("%1"), 2, start);
            std::string id;
            const ExecutionRecord rec = run(yaml, Json{{"order", 1}}, &id);
            JCOMPARE(rec.status, ExecutionStatus::Failed);
            QVERIFY2(rec.cause.find(secret.toStdString()) == std::string::npos, rec.cause.c_str());
            QVERIFY2(rec.cause.find("***") != std::string::npos, rec.cause.c_str());
            for (const HistoryEvent &e : m_engine->store()->history(id))
                QVERIFY2(e.data.dump().find(secret.toStdString()) == std::string::npos,
                         e.data.dump().c_str());
            for (const TaskLog &log : m_engine->store()->taskLogs(id)) {
                QVERIFY2(log.stdoutText.find(secret.toStdString()) == std::string::npos,
                         log.stdoutText.c_str());
                QVERIFY2(log.stderrText.find(secret.toStdString()) == std::string::npos,
                         log.stderrText.c_str());
            }
            ids.push_back(id);
        }
        JCOMPARE(record(*m_engine, ids[0]).error, std::string("Auth.Failed"));
        JCOMPARE(record(*m_engine, ids[1]).error, std::string("Task.InvalidOutput"));
        // Nothing in the file either (checkpointed, so the WAL's pages are in it).
        m_engine->flush();
        const QString dbPath
            = m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction()));
        m_engine.reset();
        for (const QString &file : {dbPath, dbPath + QStringLiteral("-wal")}) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            QVERIFY2(!f.readAll().contains(secret), qPrintable(file));
        }
    }

    void explicitTaskEnvironment()
    {
        // The host's variables reach a task only through the allow-list or the state's env:.
        qputenv("MY_HOST_PASSWORD", "hunter2-host");
        const ExecutionRecord rec
            = run("\n"
                  "workflow:\n"
                  "  name: env\n"
                  "  start_at: t\n"
                  "  states:\n"
                  "    t:\n"
                  "      type: task\n"
                  "      run:\n"
                  "        shell: 'printf \"{\\\"leak\\\":\\\"%s\\\",\\\"path\\\":\\\"%s\\\","
                  "\\\"home\\\":\\\"%s\\\",\\\"mine\\\":\\\"%s\\\"}\" "
                  "\"${MY_HOST_PASSWORD:-unset}\" \"$PATH\" \"$HOME\" \"$MINE\"'\n"
                  "        env: {MINE: declared}\n"
                  "      end: true\n",
                  Json::object());
        qunsetenv("MY_HOST_PASSWORD");
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["leak"], Json("unset"));
        JCOMPARE(rec.output["path"], Json(qEnvironmentVariable("PATH").toStdString()));
        JCOMPARE(rec.output["home"], Json(qEnvironmentVariable("HOME").toStdString()));
        JCOMPARE(rec.output["mine"], Json("declared"));
    }

    void environmentAndWorkingDirectory()
    {
        qputenv("SIGNALBOX_TEST_SECRET", "s3cret");
        std::string id;
        const ExecutionRecord rec
            = run("\n"
                  "workflow:\n"
                  "  name: env\n"
                  "  start_at: t\n"
                  "  states:\n"
                  "    t:\n"
                  "      type: task\n"
                  "      run:\n"
                  "        shell: 'printf "
                  "\"{\\\"exec\\\":\\\"%s\\\",\\\"state\\\":\\\"%s\\\",\\\"attempt\\\":%s,"
                  "\\\"token\\\":\\\"%s\\\",\\\"secret\\\":\\\"%s\\\",\\\"dir\\\":\\\"%s\\\"}\" "
                  "\"$SIGNALBOX_EXECUTION_ID\" \"$SIGNALBOX_STATE\" \"$SIGNALBOX_ATTEMPT\" "
                  "\"$SIGNALBOX_TASK_TOKEN\" \"$MY_SECRET\" \"$(pwd)\"'\n"
                  "        env: {MY_SECRET: \"${env:SIGNALBOX_TEST_SECRET}\"}\n"
                  "      end: true\n",
                  Json::object(), &id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["exec"], Json(rec.id));
        JCOMPARE(rec.output["state"], Json("t"));
        JCOMPARE(rec.output["attempt"], Json(1));
        QVERIFY(!rec.output["token"].get<std::string>().empty());
        // The process got the secret (it printed it); the result it reported is redacted.
        JCOMPARE(rec.output["secret"], Json("***"));
        JCOMPARE(QString::fromStdString(rec.output["dir"].get<std::string>()),
                 QFileInfo(m_dir.path()).canonicalFilePath());
        // The secret is resolved only in the process: the history keeps the reference.
        for (const HistoryEvent &e : m_engine->store()->history(id)) {
            if (e.type != EventType::TaskSucceeded && e.type != EventType::StateExited
                && e.type != EventType::ExecutionSucceeded)
                QVERIFY(e.data.dump().find("s3cret") == std::string::npos);
        }
        const std::vector<TaskLog> logs = m_engine->store()->taskLogs(id);
        JCOMPARE(logs.size(), std::size_t(1));
        JCOMPARE(logs[0].exitCode, 0);
    }

    void taskErrors_data()
    {
        QTest::addColumn<QString>("shell");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("causePart");
        QTest::newRow("exit code") << "echo oops >&2; exit 3"
                                   << "Task.ExitCode"
                                   << "code 3";
        QTest::newRow("named error")
            << "echo '{\"error\":\"Stock.Empty\",\"cause\":\"no stock\"}'; exit 1"
            << "Stock.Empty"
            << "no stock";
        QTest::newRow("invalid output") << "echo not json"
                                        << "Task.InvalidOutput"
                                        << "not json";
        QTest::newRow("missing program") << "exec /nonexistent/program"
                                         << "Task.ExitCode"
                                         << "127";
    }
    void taskErrors()
    {
        QFETCH(QString, shell);
        QFETCH(QString, error);
        QFETCH(QString, causePart);
        Json yaml = {
            {"workflow",
             {{"name", "errs"},
              {"start_at", "t"},
              {"states",
               {{"t",
                 {{"type", "task"}, {"run", {{"shell", shell.toStdString()}}}, {"end", true}}}}}}}};
        std::string id;
        const ExecutionRecord rec = run(yaml.dump(), Json::object(), &id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(QString::fromStdString(rec.error), error);
        QVERIFY2(QString::fromStdString(rec.cause).contains(causePart), rec.cause.c_str());
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskFailed), 1);
    }

    void emptyStdoutIsNull()
    {
        const ExecutionRecord rec
            = run("\n"
                  "workflow:\n"
                  "  name: empty\n"
                  "  start_at: t\n"
                  "  states:\n"
                  "    t: {type: task, run: {command: [/bin/true]}, result_path: $.r, end: true}\n",
                  Json{{"a", 1}});
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"a", 1}, {"r", nullptr}}));
    }

    void stderrIsCapturedBounded()
    {
        std::string id;
        const ExecutionRecord rec = run("\n"
                                        "workflow:\n"
                                        "  name: chatty\n"
                                        "  start_at: t\n"
                                        "  states:\n"
                                        "    t: {type: task, run: {shell: \"head -c 200000 "
                                        "/dev/zero | tr '\\\\0' x >&2; echo 1\"}, end: true}\n",
                                        Json::object(), &id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        const std::vector<TaskLog> logs = m_engine->store()->taskLogs(id);
        JCOMPARE(logs.size(), std::size_t(1));
        QVERIFY(logs[0].stderrText.size() <= Store::maxLogBytes);
        QVERIFY(logs[0].truncated);
    }
};

QTEST_GUILESS_MAIN(TestEngineDataflow)
#include "tst_engine_dataflow.moc"
