// `signalbox run`, `resume` and `serve` as a user runs them: one JSON object on stdout, exit codes,
// progress on stderr, validation errors with file:line:col, the host lock, commands from a second
// process over the control socket (the seed workflow end to end), and SIGTERM/resume.
#include "clitesthelpers.h"
#include "engine/enginetesthelpers.h"

#include "signalbox/control.h"
#include "signalbox/json.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using Signalbox::ControlClient;
using Signalbox::Json;

using CliTest::Result;
using CliTest::runCli;

class TestCliRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }
    static Json parseOne(const QByteArray &out)
    {
        const QList<QByteArray> lines = out.trimmed().split('\n');
        if (lines.size() != 1)
            return Json();
        return Json::parse(lines[0].toStdString(), nullptr, false);
    }
    // Sends a control request, retrying while the host starts up.
    static Signalbox::ControlReply send(const QString &db, const Json &request)
    {
        ControlClient client(db);
        Signalbox::ControlReply reply;
        for (int i = 0; i < 100; ++i) {
            reply = client.send(request, 5000);
            if (reply.status != Signalbox::ControlReply::Status::NoHost
                && !(reply.status == Signalbox::ControlReply::Status::Refused
                     && (reply.error.contains(QStringLiteral("no pending"))
                         || reply.error.contains(QStringLiteral("no execution"))
                         || reply.error.contains(QStringLiteral("no activity")))))
                return reply;
            QTest::qWait(100);
        }
        return reply;
    }

private slots:
    void initTestCase() { QVERIFY(QFile::exists(QStringLiteral(SIGNALBOX_BINARY))); }

    void runSucceeds()
    {
        const QString wf = write(
            "ok.yaml", "workflow:\n  name: ok\n  start_at: a\n  states:\n"
                       "    a: {type: pass, result: {done: true}, result_path: $.r, next: t}\n"
                       "    t: {type: task, run: {command: [cat]}, end: true}\n");
        const Result r = runCli({"run", wf, "--input", "{\"x\":1}", "--db", ":memory:"});
        JCOMPARE(r.code, 0);
        const Json out = parseOne(r.out);
        JCOMPARE(out["status"], Json("SUCCEEDED"));
        JCOMPARE(out["output"], Json::parse("{\"x\":1,\"r\":{\"done\":true}}"));
        QVERIFY(out["execution_id"].is_string());
        QVERIFY2(r.err.contains("-> a") && r.err.contains("-> t"), r.err.constData());
    }

    void runFailsWithErrorAndCause()
    {
        const QString wf
            = write("fail.yaml", "workflow:\n  name: f\n  start_at: t\n  states:\n"
                                 "    t: {type: task, run: {shell: 'exit 7'}, end: true}\n");
        const QString input = write("in.json", "{\"from\":\"file\"}");
        const Result r = runCli({"run", wf, "--input", "@" + input, "--db", ":memory:"});
        JCOMPARE(r.code, 1);
        const Json out = parseOne(r.out);
        JCOMPARE(out["status"], Json("FAILED"));
        JCOMPARE(out["error"], Json("Task.ExitCode"));
        QVERIFY(out["cause"].get<std::string>().find('7') != std::string::npos);
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("invalid yaml")
            << QStringList{"run", "BAD", "--db", ":memory:"} << 3 << "bad.yaml:";
        QTest::newRow("missing file")
            << QStringList{"run", "/nonexistent/x.yaml", "--db", ":memory:"} << 4 << "x.yaml";
        QTest::newRow("bad input")
            << QStringList{"run", "GOOD", "--input", "{nope", "--db", ":memory:"} << 3
            << "not valid JSON";
        QTest::newRow("missing input file")
            << QStringList{"run", "GOOD", "--input", "@/nonexistent.json", "--db", ":memory:"} << 4
            << "cannot read";
        QTest::newRow("no file") << QStringList{"run"} << 2 << "FILE";
        QTest::newRow("resume unknown")
            << QStringList{"resume", "nope", "--db", "DB"} << 4 << "nope";
    }
    void badInputIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const QString bad = write(
            "bad.yaml",
            "workflow:\n  name: b\n  start_at: a\n  states:\n    a: {type: pass, next: missing}\n");
        const QString good
            = write("good.yaml",
                    "workflow: {name: g, start_at: a, states: {a: {type: pass, end: true}}}\n");
        const QString db = m_dir.filePath("refused.db");
        runCli({"run", good, "--db", db});
        args.replaceInStrings(QStringLiteral("BAD"), bad);
        args.replaceInStrings(QStringLiteral("GOOD"), good);
        args.replaceInStrings(QStringLiteral("DB"), db);
        const Result r = runCli(args);
        JCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void seedWorkflowWithCommandsFromAnotherProcess()
    {
        QFile seed(QStringLiteral(SIGNALBOX_TEST_DATA "/valid/seed-order-approval.yaml"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        const QString wf = write("order-approval.yaml", seed.readAll());
        const QString db = m_dir.filePath("seed.db");
        QProcess host;
        host.start(QStringLiteral(SIGNALBOX_BINARY),
                   {"run", wf, "--name", "order-1", "--db", db, "--input",
                    "{\"requiresManualReview\":true}"});
        QVERIFY(host.waitForStarted());

        // A second host for the same database is refused while this one runs.
        auto complete = [&](const char *state, const Json &output) {
            const Signalbox::ControlReply reply = send(db, {{"command", "complete"},
                                                            {"execution", "order-1"},
                                                            {"state", state},
                                                            {"output", output}});
            QVERIFY2(reply.ok(), qPrintable(reply.error));
        };
        {
            const Signalbox::ControlReply reply
                = send(db, {{"command", "complete"},
                            {"execution", "order-1"},
                            {"state", "validate-order"},
                            {"output", {{"requiresManualReview", true}}}});
            QVERIFY2(reply.ok(), qPrintable(reply.error));
        }
        const Result second = runCli({"serve", "--db", db}, 10000);
        JCOMPARE(second.code, 3);
        QVERIFY2(second.err.contains("another Signalbox host"), second.err.constData());

        Signalbox::ControlReply approve = send(db, {{"command", "approve"},
                                                    {"execution", "order-1"},
                                                    {"comment", "ok"},
                                                    {"by", "tester"},
                                                    {"fields", Json::object()}});
        QVERIFY2(approve.ok(), qPrintable(approve.error));
        complete("charge-payment", {{"charged", true}});
        complete("create-shipment", {{"tracking", "T-1"}});
        QVERIFY(host.waitForFinished(30000));
        JCOMPARE(host.exitCode(), 0);
        const Json out = parseOne(host.readAllStandardOutput());
        JCOMPARE(out["status"], Json("SUCCEEDED"));
        JCOMPARE(out["output"], (Json{{"tracking", "T-1"}}));
    }

    void taskHeartbeatsThroughTheCommandLine()
    {
        // A process task keeps its heartbeat_seconds deadline alive with `signalbox heartbeat
        // --token $SIGNALBOX_TASK_TOKEN`; the host's answer (printed on stdout) is its result.
        const QString db = m_dir.filePath("beat.db");
        const QString wf
            = write("beat.yaml",
                    QStringLiteral("workflow:\n  name: beat\n  start_at: work\n  states:\n"
                                   "    work:\n      type: task\n      heartbeat_seconds: 600\n"
                                   "      run: {shell: '\"$SB\" heartbeat --token "
                                   "\"$SIGNALBOX_TASK_TOKEN\" --db \"$DB\"',\n"
                                   "            env: {SB: \"%1\", DB: \"%2\"}}\n"
                                   "      end: true\n")
                        .arg(QStringLiteral(SIGNALBOX_BINARY), db)
                        .toUtf8());
        const Result r = runCli({"run", wf, "--db", db}, 60000);
        QVERIFY2(r.code == 0, r.err.constData());
        const Json out = parseOne(r.out);
        JCOMPARE(out["status"], Json("SUCCEEDED"));
        JCOMPARE(out["output"]["state"], Json("work"));
        JCOMPARE(out["output"]["heartbeats"], Json(1));
        QVERIFY(out["output"]["deadline"].is_string());
    }

    void sigtermThenResume()
    {
        const QString wf
            = write("gate.yaml", "workflow:\n  name: gate\n  start_at: gate\n  states:\n"
                                 "    gate: {type: wait_for_event, kind: event, event: go, "
                                 "result_path: $.go, end: true}\n");
        const QString db = m_dir.filePath("resume.db");
        QProcess host;
        host.start(QStringLiteral(SIGNALBOX_BINARY), {"run", wf, "--name", "g1", "--db", db});
        QVERIFY(host.waitForStarted());
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += host.readAllStandardError()).contains("waits for"),
                                 20000);
        ::kill(host.processId(), SIGTERM);
        QVERIFY(host.waitForFinished(10000));
        JCOMPARE(host.exitStatus(), QProcess::NormalExit);
        JCOMPARE(host.exitCode(), 1);
        const Json stopped = parseOne(host.readAllStandardOutput());
        JCOMPARE(stopped["status"], Json("WAITING"));

        QProcess resumed;
        resumed.start(QStringLiteral(SIGNALBOX_BINARY), {"resume", "g1", "--db", db});
        QVERIFY(resumed.waitForStarted());
        const Signalbox::ControlReply reply = send(db, {{"command", "send-event"},
                                                        {"execution", "g1"},
                                                        {"event", "go"},
                                                        {"payload", {{"n", 1}}}});
        QVERIFY2(reply.ok(), qPrintable(reply.error));
        QVERIFY(resumed.waitForFinished(20000));
        JCOMPARE(resumed.exitCode(), 0);
        const Json out = parseOne(resumed.readAllStandardOutput());
        JCOMPARE(out["status"], Json("SUCCEEDED"));
        JCOMPARE(out["output"], (Json{{"go", {{"n", 1}}}}));
    }

    void serveAnswersUntilSignalled()
    {
        const QString wf
            = write("quick.yaml",
                    "workflow: {name: q, start_at: a, states: {a: {type: pass, end: true}}}\n");
        const QString db = m_dir.filePath("serve.db");
        QProcess server;
        server.start(QStringLiteral(SIGNALBOX_BINARY), {"serve", "--db", db});
        QVERIFY(server.waitForStarted());
        const Signalbox::ControlReply reply
            = send(db, {{"command", "start"}, {"file", wf.toStdString()}, {"input", {{"a", 1}}}});
        QVERIFY2(reply.ok(), qPrintable(reply.error));
        QVERIFY(reply.result["execution_id"].is_string());
        ::kill(server.processId(), SIGINT);
        QVERIFY(server.waitForFinished(10000));
        JCOMPARE(server.exitStatus(), QProcess::NormalExit);
        JCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
