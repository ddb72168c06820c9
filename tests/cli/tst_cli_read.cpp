// The read-only commands (list, show, history) and the client side of the control commands, run
// as a user runs them: the signalbox binary via QProcess on a database prepared with the Store
// API. Control commands talk to a ControlServer in this test process, which records what the
// host would receive, or to nothing (the "no host" message).
#include "signalbox/control.h"
#include "signalbox/store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;

namespace {
struct Result
{
    int code = -1;
    QString out;
    QString err;
};

// Runs the binary while this thread's event loop keeps going (an in-process host may answer).
Result runCli(const QStringList &args, const QProcessEnvironment &env = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(SIGNALBOX_BINARY), args);
    if (!p.waitForStarted(10000))
        return {};
    if (finished.isEmpty() && !finished.wait(60000)) {
        p.kill();
        p.waitForFinished(10000);
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// QCOMPARE cannot print nlohmann values; this shows both sides as JSON on failure.
#define JSON_COMPARE(actual, expected)                                                             \
    do {                                                                                           \
        const Json a_ = (actual), e_ = (expected);                                                 \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("%1 != %2")                                   \
                                          .arg(QString::fromStdString(a_.dump()),                  \
                                               QString::fromStdString(e_.dump()))));               \
    } while (false)

Json parse(const QString &text)
{
    return Json::parse(text.toStdString(), nullptr, false);
}

qint64 at(const char *isoUtc)
{
    return QDateTime::fromString(QString::fromLatin1(isoUtc), Qt::ISODateWithMs)
        .toMSecsSinceEpoch();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestCliRead : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_workflow;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("signalbox.db");
        m_workflow = m_dir.filePath("order.yaml");
        QFile wf(m_workflow);
        QVERIFY(wf.open(QIODevice::WriteOnly));
        wf.write("workflow:\n  name: order\n  start_at: a\n  states:\n    a: {type: succeed}\n");
        wf.close();

        QString error;
        auto store = Store::open(m_db, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        ExecutionRecord ok;
        ok.id = "11111111-aaaa";
        ok.name = "order-1";
        ok.workflow = "order-approval";
        ok.definitionHash = "h1";
        ok.status = ExecutionStatus::Succeeded;
        ok.input = Json{{"amount", 5}};
        ok.output = Json{{"shipped", true}};
        ok.startedAtMs = at("2026-01-01T10:00:00.000Z");
        ok.endedAtMs = at("2026-01-01T10:01:30.000Z");
        ok.positions = Json::array();
        QVERIFY(store->insertExecution(ok));

        ExecutionRecord failed;
        failed.id = "22222222-bbbb";
        failed.workflow = "billing";
        failed.definitionHash = "h2";
        failed.status = ExecutionStatus::Failed;
        failed.input = Json{{"customer", "alice"}};
        failed.error = "Payment.Declined";
        failed.cause = "card expired";
        failed.startedAtMs = at("2026-01-02T08:00:00.000Z");
        failed.endedAtMs = at("2026-01-02T08:00:02.500Z");
        QVERIFY(store->insertExecution(failed));
        std::vector<HistoryEvent> events;
        auto event = [&](EventType type, const std::string &state, Json data) {
            HistoryEvent e;
            e.seq = qint64(events.size()) + 1;
            e.type = type;
            e.atMs = failed.startedAtMs + e.seq * 100;
            e.state = state;
            e.data = std::move(data);
            events.push_back(e);
        };
        event(EventType::ExecutionStarted, "", {{"input", failed.input}});
        event(EventType::StateEntered, "charge", {{"input", failed.input}});
        event(EventType::TaskFailed, "charge",
              {{"attempt", 1}, {"error", "Payment.Declined"}, {"cause", "card expired"}});
        event(EventType::ExecutionFailed, "",
              {{"error", "Payment.Declined"}, {"cause", "card expired"}});
        QVERIFY(store->appendEvents(failed.id, events));

        ExecutionRecord waiting;
        waiting.id = "33333333-cccc";
        waiting.name = "order-2";
        waiting.workflow = "order-approval";
        waiting.definitionHash = "h1";
        waiting.status = ExecutionStatus::Waiting;
        waiting.input = Json{{"amount", 1200}};
        waiting.startedAtMs = at("2026-01-03T09:00:00.000Z");
        waiting.positions = Json::array({"wait-for-review"});
        QVERIFY(store->insertExecution(waiting));
        QVERIFY(
            store->putWait({waiting.id, "", "wait-for-review", "wait-for-review", "approval",
                            at("2026-01-03T09:00:01.000Z"), 0, Json{{"prompt", "Approve 1200?"}}}));
    }

    void listText()
    {
        const Result r = runCli({"list", "--db", m_db});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        for (const char *column :
             {"ID", "NAME", "WORKFLOW", "STATUS", "STARTED", "DURATION", "POSITIONS"})
            QVERIFY2(lines[0].contains(column), qPrintable(lines[0]));
        // Newest first, with status, start time (TZ=UTC), duration and position.
        QVERIFY(lines[1].startsWith("33333333-cccc") && lines[1].contains("order-2")
                && lines[1].contains("WAITING") && lines[1].contains("2026-01-03 09:00:00")
                && lines[1].contains("wait-for-review"));
        QVERIFY2(lines[2].startsWith("22222222-bbbb") && lines[2].contains("FAILED")
                     && lines[2].contains("2.5s"),
                 qPrintable(lines[2]));
        QVERIFY2(lines[3].startsWith("11111111-aaaa") && lines[3].contains("SUCCEEDED")
                     && lines[3].contains("1m 30s"),
                 qPrintable(lines[3]));
    }

    void listFilters_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("all") << QStringList{}
                             << QStringList{"33333333-cccc", "22222222-bbbb", "11111111-aaaa"};
        QTest::newRow("status") << QStringList{"--status", "failed"}
                                << QStringList{"22222222-bbbb"};
        QTest::newRow("workflow") << QStringList{"--workflow", "order-approval"}
                                  << QStringList{"33333333-cccc", "11111111-aaaa"};
        QTest::newRow("search input")
            << QStringList{"--search", "alice"} << QStringList{"22222222-bbbb"};
        QTest::newRow("search name")
            << QStringList{"--search", "order-1"} << QStringList{"11111111-aaaa"};
        QTest::newRow("combined") << QStringList{"--status", "WAITING", "--workflow", "billing"}
                                  << QStringList{};
        QTest::newRow("paging") << QStringList{"--limit", "1", "--offset", "1"}
                                << QStringList{"22222222-bbbb"};
    }

    void listFilters()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, ids);
        const Result r = runCli(QStringList{"list", "--json", "--db", m_db} + args);
        QCOMPARE(r.code, 0);
        const Json array = parse(r.out);
        QVERIFY2(array.is_array(), qPrintable(r.out));
        QStringList got;
        for (const Json &e : array)
            got << QString::fromStdString(e["id"].get<std::string>());
        QCOMPARE(got, ids);
    }

    void listEmptyAndMore()
    {
        Result r = runCli({"list", "--status", "cancelled", "--db", m_db});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("No executions.\n"));
        r = runCli({"list", "--limit", "1", "--db", m_db});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("(2 more; use --limit or --offset)"), qPrintable(r.out));
    }

    void showJson_data()
    {
        QTest::addColumn<QString>("exec");
        QTest::newRow("by id") << "11111111-aaaa";
        QTest::newRow("by name") << "order-1";
    }

    void showJson()
    {
        QFETCH(QString, exec);
        const Result r = runCli({"show", exec, "--json", "--db", m_db});
        QCOMPARE(r.code, 0);
        const Json j = parse(r.out);
        QVERIFY2(j.is_object(), qPrintable(r.out));
        for (const char *key : {"id", "name", "workflow", "status", "positions", "input", "output",
                                "error", "cause", "started_at", "ended_at"})
            QVERIFY2(j.contains(key), key);
        JSON_COMPARE(j["id"], Json("11111111-aaaa"));
        JSON_COMPARE(j["name"], Json("order-1"));
        JSON_COMPARE(j["workflow"], Json("order-approval"));
        JSON_COMPARE(j["status"], Json("SUCCEEDED"));
        QVERIFY(j["positions"] == Json::array());
        QVERIFY(j["input"] == Json({{"amount", 5}}));
        QVERIFY(j["output"] == Json({{"shipped", true}}));
        QVERIFY(j["error"].is_null());
        JSON_COMPARE(j["started_at"], Json("2026-01-01T10:00:00.000Z"));
        JSON_COMPARE(j["ended_at"], Json("2026-01-01T10:01:30.000Z"));
        JSON_COMPARE(j["duration_ms"], Json(90000));
    }

    void showText()
    {
        Result r = runCli({"show", "22222222-bbbb", "--db", m_db});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("Status     FAILED") && r.out.contains("Payment.Declined")
                     && r.out.contains("card expired") && r.out.contains("\"alice\""),
                 qPrintable(r.out));
        r = runCli({"show", "order-2", "--db", m_db});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("Waiting    wait-for-review for approval")
                     && r.out.contains("Approve 1200?"),
                 qPrintable(r.out));
        r = runCli({"show", "order-2", "--json", "--db", m_db});
        const Json j = parse(r.out);
        QCOMPARE(j["waiting"].size(), std::size_t(1));
        JSON_COMPARE(j["waiting"][0]["prompt"], Json("Approve 1200?"));
        JSON_COMPARE(j["ended_at"], Json(nullptr));
    }

    void history()
    {
        Result r = runCli({"history", "22222222-bbbb", "--json", "--db", m_db});
        QCOMPARE(r.code, 0);
        const Json events = parse(r.out);
        QVERIFY2(events.is_array() && events.size() == 4, qPrintable(r.out));
        for (std::size_t i = 0; i < events.size(); ++i) {
            for (const char *key : {"seq", "type", "at", "frame", "state", "data"})
                QVERIFY2(events[i].contains(key), key);
            JSON_COMPARE(events[i]["seq"], Json(i + 1));
        }
        JSON_COMPARE(events[0]["type"], Json("ExecutionStarted"));
        JSON_COMPARE(events[2]["type"], Json("TaskFailed"));
        JSON_COMPARE(events[2]["state"], Json("charge"));
        JSON_COMPARE(events[2]["data"]["error"], Json("Payment.Declined"));
        JSON_COMPARE(events[1]["at"], Json("2026-01-02T08:00:00.200Z"));

        r = runCli({"history", "22222222-bbbb", "--db", m_db});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[2].startsWith("3  2026-01-02T08:00:00.300Z  TaskFailed")
                     && lines[2].contains("charge") && lines[2].contains("card expired"),
                 qPrintable(lines[2]));
        // An execution without events has an empty history.
        r = runCli({"history", "order-1", "--json", "--db", m_db});
        QCOMPARE(r.code, 0);
        QVERIFY(parse(r.out) == Json::array());
    }

    void readsWhileHostWrites()
    {
        QString error;
        auto writer = Store::open(m_db, Store::Mode::ReadWrite, &error);
        QVERIFY2(writer, qPrintable(error));
        QVERIFY(writer->begin());
        ExecutionRecord pending;
        pending.id = "44444444-dddd";
        pending.workflow = "order-approval";
        pending.startedAtMs = at("2026-01-04T00:00:00.000Z");
        QVERIFY(writer->insertExecution(pending));
        Result r = runCli({"list", "--json", "--db", m_db});
        QCOMPARE(r.code, 0);
        QCOMPARE(parse(r.out).size(), std::size_t(3)); // uncommitted work is invisible
        writer->rollback();
    }

    void lookupErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("show unknown") << QStringList{"show", "nope"} << "no execution 'nope'";
        QTest::newRow("history unknown") << QStringList{"history", "nope"} << "no execution 'nope'";
    }

    void lookupErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args + QStringList{"--db", m_db});
        QCOMPARE(r.code, 4); // not found
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void badDatabases_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QByteArray() << "no database at";
        QTest::newRow("not a database") << QByteArray("this is a text file, not SQLite\n")
                                        << "is not a readable Signalbox database";
    }

    void badDatabases()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path
            = m_dir.filePath(QStringLiteral("bad-%1.db").arg(QTest::currentDataTag()));
        if (!content.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        for (const QStringList &args :
             {QStringList{"list"}, QStringList{"show", "x"}, QStringList{"history", "x"}}) {
            const Result r = runCli(args + QStringList{"--db", path});
            QCOMPARE(r.code, content.isEmpty() ? 4 : 3); // not found, invalid
            QVERIFY2(r.err.contains(path) && r.err.contains(message), qPrintable(r.err));
        }
        if (content.isEmpty())
            QVERIFY(!QFile::exists(path)); // reading never creates a database
        else
            QCOMPARE(readFile(path), content);
    }

    void defaultDatabaseLocation()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", home.path());
        const Result r = runCli({"list"}, env);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains("no database at " + home.path()) && r.err.contains("signalbox.db"),
                 qPrintable(r.err));
    }

    void controlWithoutHost_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("start") << QStringList{"start", "@WORKFLOW@", "--input", "{\"a\":1}"};
        QTest::newRow("approve") << QStringList{"approve", "order-2"};
        QTest::newRow("reject") << QStringList{"reject", "order-2", "wait-for-review"};
        QTest::newRow("send-event") << QStringList{"send-event", "order-2", "paid"};
        QTest::newRow("complete") << QStringList{"complete", "order-2", "charge"};
        QTest::newRow("heartbeat") << QStringList{"heartbeat", "order-2", "charge"};
        QTest::newRow("cancel") << QStringList{"cancel", "order-2"};
        QTest::newRow("redrive") << QStringList{"redrive", "22222222-bbbb"};
    }

    void controlWithoutHost()
    {
        QFETCH(QStringList, args);
        args.replaceInStrings("@WORKFLOW@", m_workflow);
        const Result r = runCli(args + QStringList{"--db", m_db});
        QCOMPARE(r.code, 5); // no host
        QCOMPARE(r.err.trimmed(),
                 QStringLiteral("signalbox: error: no Signalbox host is running for %1; start "
                                "one with `signalbox serve --db %1` or open the app")
                     .arg(m_db));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("list with argument") << QStringList{"list", "extra"} << "no arguments";
        QTest::newRow("list bad status")
            << QStringList{"list", "--status", "done"} << "unknown status 'done'";
        QTest::newRow("list bad limit") << QStringList{"list", "--limit", "-3"} << "--limit";
        QTest::newRow("unknown option") << QStringList{"list", "--frobnicate"} << "frobnicate";
        QTest::newRow("show without exec") << QStringList{"show"} << "one execution";
        QTest::newRow("history two execs") << QStringList{"history", "a", "b"} << "one execution";
        QTest::newRow("empty db") << QStringList{"list", "--db", ""} << "--db";
        QTest::newRow("start without file") << QStringList{"start"} << "usage";
        QTest::newRow("approve without exec") << QStringList{"approve"} << "usage";
        QTest::newRow("field without =")
            << QStringList{"approve", "x", "--field", "novalue"} << "KEY=VALUE";
        QTest::newRow("send-event without event") << QStringList{"send-event", "x"} << "usage";
        QTest::newRow("complete output and error")
            << QStringList{"complete", "x", "s", "--output", "1", "--error", "E"} << "not both";
        QTest::newRow("cause without error")
            << QStringList{"complete", "x", "s", "--cause", "c"} << "--cause goes with --error";
        QTest::newRow("cancel two") << QStringList{"cancel", "a", "b"} << "usage";
        QTest::newRow("heartbeat without task")
            << QStringList{"heartbeat"} << "heartbeat needs EXEC [STATE] or --token TOKEN";
        QTest::newRow("heartbeat exec and token")
            << QStringList{"heartbeat", "x", "--token", "x:4"} << "not both";
        QTest::newRow("heartbeat three") << QStringList{"heartbeat", "a", "b", "c"} << "usage";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        if (!args.contains("--db"))
            args << "--db" << m_db;
        const Result r = runCli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void invalidArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("code");
        QTest::newRow("start input") << QStringList{"start", "@WORKFLOW@", "--input", "{oops"}
                                     << "--input: not valid JSON: parse error at line 1" << 3;
        QTest::newRow("start input file")
            << QStringList{"start", "@WORKFLOW@", "--input", "@/no/such/file.json"}
            << "--input /no/such/file.json: cannot read it" << 4;
        QTest::newRow("start missing file") << QStringList{"start", "/no/such/flow.yaml"}
                                            << "/no/such/flow.yaml: no such readable workflow"
                                            << 4;
        QTest::newRow("payload") << QStringList{"send-event", "x", "e", "--payload", "[1,"}
                                 << "--payload: not valid JSON" << 3;
        QTest::newRow("output") << QStringList{"complete", "x", "s", "--output", "nope"}
                                << "--output: not valid JSON" << 3;
        QTest::newRow("redrive missing file")
            << QStringList{"redrive", "x", "--file", "/no/such/v2.yaml"}
            << "/no/such/v2.yaml: no such readable workflow file" << 4;
        QTest::newRow("redrive input") << QStringList{"redrive", "x", "--input", "{\"a\":}"}
                                       << "--input: not valid JSON" << 3;
        QTest::newRow("number out of range")
            << QStringList{"start", "@WORKFLOW@", "--input", "{\"a\": 1e999}"}
            << "--input: not valid JSON: number out of range at line 1, column 7" << 3;
        QTest::newRow("payload out of range")
            << QStringList{"send-event", "x", "e", "--payload", "[-1e400]"}
            << "--payload: not valid JSON: number out of range at line 1, column 2" << 3;
        QTest::newRow("output too deep")
            << QStringList{"complete", "x", "s", "--output", QString(600, '[') + QString(600, ']')}
            << "--output: not valid JSON: nested deeper than 512 levels at line 1, column 513"
            << 3;
        QTest::newRow("invalid name")
            << QStringList{"start", "@WORKFLOW@", "--name", "a/b"}
            << "--name: an execution name cannot contain '/'" << 3;
    }

    // Checked before any host is contacted (none runs here): the JSON message, not "no host".
    void invalidArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QFETCH(int, code);
        args.replaceInStrings("@WORKFLOW@", m_workflow);
        const Result r = runCli(args + QStringList{"--db", m_db});
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void controlRequests_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("request"); // what the host receives, minus "by"
        QTest::addColumn<QString>("out");
        QTest::newRow("start")
            << QStringList{"start", "@WORKFLOW@", "--input", "{\"amount\": 5}", "--name", "n1"}
            << "{\"command\":\"start\",\"file\":\"@WORKFLOW@\",\"input\":{\"amount\":5},"
               "\"name\":\"n1\"}"
            << "exec-1\n";
        QTest::newRow("start default input")
            << QStringList{"start", "@WORKFLOW@"}
            << "{\"command\":\"start\",\"file\":\"@WORKFLOW@\",\"input\":{}}"
            << "exec-1\n";
        QTest::newRow("approve")
            << QStringList{"approve",       "order-2", "wait-for-review", "--comment",
                           "looks fine",    "--field", "limit=1200",      "--field",
                           "note=ok by me", "--field", "vip=true"}
            << "{\"command\":\"approve\",\"execution\":\"order-2\",\"state\":\"wait-for-review\","
               "\"comment\":\"looks fine\",\"fields\":{\"limit\":1200,\"note\":\"ok by me\","
               "\"vip\":true}}"
            << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("reject without state")
            << QStringList{"reject", "order-2", "--comment", "no"}
            << "{\"command\":\"reject\",\"execution\":\"order-2\",\"comment\":\"no\","
               "\"fields\":{}}"
            << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("send-event")
            << QStringList{"send-event", "order-2", "paid", "--payload", "{\"ref\": \"x1\"}"}
            << "{\"command\":\"send-event\",\"execution\":\"order-2\",\"event\":\"paid\","
               "\"payload\":{\"ref\":\"x1\"}}"
            << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("complete output")
            << QStringList{"complete", "order-2", "charge", "--output", "[1, 2]"}
            << "{\"command\":\"complete\",\"execution\":\"order-2\",\"state\":\"charge\","
               "\"output\":[1,2]}"
            << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("complete error")
            << QStringList{"complete",         "order-2", "charge", "--error",
                           "Payment.Declined", "--cause", "expired"}
            << "{\"command\":\"complete\",\"execution\":\"order-2\",\"state\":\"charge\","
               "\"error\":\"Payment.Declined\",\"cause\":\"expired\"}"
            << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("heartbeat") << QStringList{"heartbeat", "order-2", "each[3]/charge"}
                                   << "{\"command\":\"heartbeat\",\"execution\":\"order-2\","
                                      "\"state\":\"each[3]/charge\"}"
                                   << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("heartbeat by token") << QStringList{"heartbeat", "--token", "order-2:7"}
                                            << "{\"command\":\"heartbeat\",\"token\":\"order-2:7\"}"
                                            << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("cancel") << QStringList{"cancel", "order-2"}
                                << "{\"command\":\"cancel\",\"execution\":\"order-2\"}"
                                << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("redrive") << QStringList{"redrive", "22222222-bbbb", "--input",
                                                "{\"card\": \"new\"}"}
                                 << "{\"command\":\"redrive\",\"execution\":\"22222222-bbbb\","
                                    "\"input\":{\"card\":\"new\"}}"
                                 << "{\"execution_id\":\"exec-1\"}\n";
        QTest::newRow("redrive onto a newer file")
            << QStringList{"redrive", "22222222-bbbb", "--file", "@WORKFLOW@"}
            << "{\"command\":\"redrive\",\"execution\":\"22222222-bbbb\","
               "\"file\":\"@WORKFLOW@\"}"
            << "{\"execution_id\":\"exec-1\"}\n";
    }

    void controlRequests()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, request);
        QFETCH(QString, out);
        args.replaceInStrings("@WORKFLOW@", m_workflow);
        request.replace("@WORKFLOW@", m_workflow);
        const QString db = m_dir.filePath("hosted.db");
        ControlServer server;
        Json received;
        server.setHandler([&](const Json &r) {
            received = r;
            return Json{{"execution_id", "exec-1"}};
        });
        QString error;
        QVERIFY2(server.listen(db, &error), qPrintable(error));
        const Result r = runCli(args + QStringList{"--db", db});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, out);
        QVERIFY(received.is_object());
        const std::string by = received.value("by", std::string());
        QVERIFY2(!by.empty(), received.dump().c_str()); // the OS user
        received.erase("by");
        QCOMPARE(QString::fromStdString(received.dump()), request);
    }

    void hostRefusal()
    {
        const QString db = m_dir.filePath("refusing.db");
        ControlServer server;
        server.setHandler([](const Json &) {
            return ControlServer::errorReply("execution order-9 has no pending approval");
        });
        QVERIFY(server.listen(db, nullptr));
        const Result r = runCli({"approve", "order-9", "--db", db});
        QCOMPARE(r.code, 3); // refused
        QCOMPARE(r.err.trimmed(),
                 QStringLiteral("signalbox: error: execution order-9 has no pending approval"));
    }
};

QTEST_GUILESS_MAIN(TestCliRead)
#include "tst_cli_read.moc"
