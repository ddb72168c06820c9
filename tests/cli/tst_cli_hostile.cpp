// The command line as an attacker probes it, run as a user runs it (the signalbox binary via
// QProcess): deeply nested and out-of-range JSON in every place JSON enters, execution names
// (one name, one execution; names that would forge output), what list/show/history print for
// hostile stored values, an unknown command, `-` for standard input, and the exit codes.
#include "signalbox/control.h"
#include "signalbox/json.h"
#include "signalbox/jsonread.h"
#include "signalbox/store.h"

#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Signalbox;

namespace {

// The exit codes of docs/cli.md.
enum Code { Ok = 0, ExecutionFailed = 1, Usage = 2, Invalid = 3, NotFound = 4, NoHost = 5 };

struct Result
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Result runCli(const QStringList &args, const QByteArray &stdinData = {},
              const QProcessEnvironment &env = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(QStringLiteral(SIGNALBOX_BINARY), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    // A crash (the bugs this file guards against) is -1, never a pass.
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// Runs through /bin/sh so that an argument can hold bytes that are not valid UTF-8 (QProcess
// arguments are text).
Result runShell(const QString &script)
{
    QProcess p;
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QByteArray nested(int depth, const QByteArray &inner = "0")
{
    return QByteArray(depth, '[') + inner + QByteArray(depth, ']');
}

// No raw control character a terminal would act on (ESC, CSI, BEL...) besides line breaks.
bool terminalSafe(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '\n')
            continue;
        if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || (u >= 0x202A && u <= 0x202E))
            return false;
    }
    return true;
}

} // namespace

class TestCliHostile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pass;  // a pass state: the output is the input
    QString m_other; // another workflow
    int m_counter = 0;
    QString freshDb() { return m_dir.filePath(QStringLiteral("h%1.db").arg(++m_counter)); }
    QString write(const QString &name, const QByteArray &text)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        return f.fileName();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(QStringLiteral(SIGNALBOX_BINARY)));
        m_pass = write("pass.yaml", "workflow:\n  name: passer\n  start_at: first\n  states:\n"
                                    "    first: {type: pass, end: true}\n");
        m_other = write("other.yaml", "workflow:\n  name: other\n  start_at: one\n  states:\n"
                                      "    one: {type: pass, result: {x: 1}, end: true}\n");
    }

    void deepInputIsRefusedNotACrash_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("stdinData");
        const QByteArray deep = nested(100000); // 200 KB; crashed `run` in json::dump
        const QString file = m_dir.filePath("deep.json");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(deep);
        f.close();
        QTest::newRow("--input @file")
            << QStringList{"run", "PASS", "--db", ":memory:", "--input", "@" + file}
            << QByteArray();
        // 120 KB: one argument may not exceed 128 KiB on Linux; 50000 levels crashed already.
        QTest::newRow("--input text") << QStringList{"run", "PASS", "--db", ":memory:", "--input",
                                                     QString::fromLatin1(nested(60000))}
                                      << QByteArray();
        QTest::newRow("--input -")
            << QStringList{"run", "PASS", "--db", ":memory:", "--input", "-"} << deep;
        QTest::newRow("--payload") << QStringList{"send-event", "x", "e", "--payload", "@" + file}
                                   << QByteArray();
        QTest::newRow("--output -")
            << QStringList{"complete", "x", "s", "--output", "-"} << deep;
        QTest::newRow("redrive --input")
            << QStringList{"redrive", "x", "--input", "@" + file} << QByteArray();
    }
    void deepInputIsRefusedNotACrash()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, stdinData);
        args.replaceInStrings(QStringLiteral("PASS"), m_pass);
        if (!args.contains(QStringLiteral("--db")))
            args << QStringLiteral("--db") << freshDb();
        const Result r = runCli(args, stdinData);
        QCOMPARE(r.code, int(Invalid));
        QVERIFY2(r.err.contains("not valid JSON: nested deeper than 512 levels at line 1, "
                                "column 513"),
                 r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void deepRequestDoesNotCrashServe()
    {
        // One control-socket line under the 1 MiB cap, nested 100,000 deep in the "id" that a
        // reply echoes: it crashed `signalbox serve`. Now it is refused and the host goes on.
        const QString db = freshDb();
        QProcess serve;
        serve.start(QStringLiteral(SIGNALBOX_BINARY), {"serve", "--db", db});
        QVERIFY(serve.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return ControlClient(db).isHostRunning(1000); }, 60000));
        QLocalSocket socket;
        socket.connectToServer(HostLock::socketName(db));
        QVERIFY(socket.waitForConnected(30000));
        socket.write("{\"command\":\"ping\",\"id\":" + nested(100000) + "}\n");
        QVERIFY(QTest::qWaitFor([&] { return socket.canReadLine(); }, 30000));
        const std::optional<Json> reply = readJson(socket.readLine().trimmed().toStdString());
        QVERIFY(reply && reply->is_object());
        QVERIFY((*reply)["ok"] == Json(false));
        QVERIFY2((*reply)["error"].get<std::string>().find("nested deeper than 512 levels")
                     != std::string::npos,
                 reply->dump().c_str());
        QCOMPARE(serve.state(), QProcess::Running);
        QVERIFY(ControlClient(db).isHostRunning(10000));
        ::kill(pid_t(serve.processId()), SIGTERM);
        QVERIFY(serve.waitForFinished(30000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), int(Ok));
    }

    void numberOutOfRangeIsLocated_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString asl = write(
            "big.asl.json", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\",\n"
                            "  \"Result\": {\"x\": 1e999}, \"End\": true}}}\n");
        QTest::newRow("validate") << QStringList{"validate", asl}
                                  << "big.asl.json:2:19: error: invalid JSON: number out of range\n";
        QTest::newRow("import") << QStringList{"import", asl} << "big.asl.json:2:19: error:";
        QTest::newRow("export") << QStringList{"export", asl, "--to", "yaml"}
                                << "big.asl.json:2:19: error:";
        QTest::newRow("run") << QStringList{"run", asl, "--db", ":memory:"}
                             << "big.asl.json:2:19: error:";
        QTest::newRow("--input") << QStringList{"run", m_pass, "--db", ":memory:", "--input",
                                                "{\"a\": 1e999}"}
                                 << "--input: not valid JSON: number out of range at line 1, "
                                    "column 7";
    }
    void numberOutOfRangeIsLocated()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.code, int(Invalid));
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void oneNameOneExecution()
    {
        const QString db = freshDb();
        const Result first
            = runCli({"run", m_pass, "--db", db, "--name", "order-42", "--input", "{\"a\":1}"});
        QCOMPARE(first.code, int(Ok));
        const std::optional<Json> firstOut = readJson(first.out.trimmed().toStdString());
        QVERIFY(firstOut);
        // Another workflow under the same name: refused, not the old execution's output.
        const Result other
            = runCli({"run", m_other, "--db", db, "--name", "order-42", "--input", "{\"b\":2}"});
        QCOMPARE(other.code, int(Invalid));
        QVERIFY(other.out.isEmpty());
        QVERIFY2(other.err.contains("signalbox: error: ExecutionAlreadyExists: the name "
                                    "'order-42' belongs to execution "
                                    + QByteArray::fromStdString(
                                        (*firstOut)["execution_id"].get<std::string>())),
                 other.err.constData());
        // The same request again after it closed: still refused (a name is never reused).
        const Result same
            = runCli({"run", m_pass, "--db", db, "--name", "order-42", "--input", "{\"a\":1}"});
        QCOMPARE(same.code, int(Invalid));
        QVERIFY2(same.err.contains("SUCCEEDED; a name is never reused"), same.err.constData());
        const Result list = runCli({"list", "--json", "--db", db});
        QCOMPARE(list.code, int(Ok));
        QCOMPARE(readJson(list.out.toStdString())->size(), std::size_t(1));
    }

    void namesThatWouldForgeOutputAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::newRow("newline and colour")
            << QStringLiteral("evil\n\x1b[31mrow") << "control characters (U+000A)";
        QTest::newRow("bidi override") << QStringLiteral("abc\u202Edef") << "direction-changing";
        QTest::newRow("space") << QStringLiteral("two words") << "whitespace";
        QTest::newRow("81 characters") << QString(81, QLatin1Char('n')) << "at most 80";
    }
    void namesThatWouldForgeOutputAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        const QString db = freshDb();
        const Result r = runCli({"run", m_pass, "--db", db, "--name", name});
        QCOMPARE(r.code, int(Invalid));
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY2(terminalSafe(r.err), r.err.constData()); // the error quotes no raw escape
        QVERIFY(!QFile::exists(db) || runCli({"list", "--json", "--db", db}).out.trimmed() == "[]");
    }

    void invalidUtf8NamesDoNotCollide()
    {
        // Two different invalid names used to decode to the same U+FFFD name.
        const QString db = freshDb();
        const QString script = QStringLiteral("exec '%1' run '%2' --db '%3' --name \"$(printf "
                                              "'a\\%4')\"")
                                   .arg(QStringLiteral(SIGNALBOX_BINARY), m_pass, db);
        for (const char *byte : {"377", "376"}) {
            const Result r = runShell(script.arg(QString::fromLatin1(byte)));
            QCOMPARE(r.code, int(Invalid));
            QVERIFY2(r.err.contains("U+FFFD"), r.err.constData());
        }
    }

    void storedHostileTextPrintsEscaped()
    {
        // A database written by another program (or an older version): the names, workflow,
        // error and cause hold terminal escapes and line breaks.
        const QString db = freshDb();
        {
            QString error;
            auto store = Store::open(db, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            ExecutionRecord r;
            r.id = "11111111-evil";
            r.name = "evil\n11111111-fake  forged  SUCCEEDED\x1b[2J";
            r.workflow = "wf\x1b]0;title\x07";
            r.definitionHash = "h";
            r.status = ExecutionStatus::Failed;
            r.input = Json{{"k\x1b[31m", "v\xc2\x9b" "1m"}};
            r.error = "E\x1b[5m";
            r.cause = "line1\nline2\x1b[0m";
            r.startedAtMs = 1000;
            r.endedAtMs = 2000;
            r.positions = Json::array({"st\x1b[1m"});
            QVERIFY(store->insertExecution(r));
        }
        const Result list = runCli({"list", "--db", db});
        QCOMPARE(list.code, int(Ok));
        QVERIFY2(terminalSafe(list.out), list.out.constData());
        QCOMPARE(list.out.trimmed().split('\n').size(), 2); // the header and one row
        QVERIFY2(list.out.contains("evil\\u000a11111111-fake"), list.out.constData());
        const Result show = runCli({"show", "11111111-evil", "--db", db});
        QCOMPARE(show.code, int(Ok));
        QVERIFY2(terminalSafe(show.out), show.out.constData());
        QVERIFY2(show.out.contains("Cause      line1\\u000aline2\\u001b[0m"), show.out.constData());
        for (const QStringList &args :
             {QStringList{"list", "--json"}, QStringList{"show", "11111111-evil", "--json"}}) {
            const Result r = runCli(args + QStringList{"--db", db});
            QCOMPARE(r.code, int(Ok));
            QVERIFY2(terminalSafe(r.out), r.out.constData());
            // Still JSON, with the same values: the escapes are JSON's own.
            const std::optional<Json> parsed = readJson(r.out.toStdString());
            QVERIFY2(parsed, r.out.constData());
            const Json &object = parsed->is_array() ? (*parsed)[0] : *parsed;
            QCOMPARE(QString::fromStdString(object["cause"].get<std::string>()),
                     QStringLiteral("line1\nline2\x1b[0m"));
            QCOMPARE(QString::fromStdString(object["input"].dump()),
                     QString::fromUtf8("{\"k\\u001b[31m\":\"v\xc2\x9b" "1m\"}"));
        }
    }

    void printingStaysProportional()
    {
        // An accepted input 500 deep with 2000 numbers at the bottom (~6 KB): `history --json`
        // and `show` indented every number by 1000 spaces (megabytes; 512 MB at depth 8000).
        QByteArray inner = "0";
        for (int i = 1; i < 2000; ++i)
            inner += ",0";
        const QByteArray input = nested(500, inner);
        const QString db = freshDb();
        const Result run = runCli({"run", m_pass, "--db", db, "--name", "deep", "--input", "-"},
                                  input);
        QCOMPARE(run.code, int(Ok));
        for (const QStringList &args :
             {QStringList{"history", "deep", "--json"}, QStringList{"show", "deep"},
              QStringList{"show", "deep", "--json"}, QStringList{"list", "--json"}}) {
            const Result r = runCli(args + QStringList{"--db", db});
            QCOMPARE(r.code, int(Ok));
            // The input appears a few times (started, state entered/exited, output); each copy
            // is printed at most a few times its compact size.
            QVERIFY2(r.out.size() < 40 * input.size(),
                     qPrintable(QStringLiteral("%1: %2 bytes for a %3-byte input")
                                    .arg(args.join(' '))
                                    .arg(r.out.size())
                                    .arg(input.size())));
        }
        const Result history = runCli({"history", "deep", "--json", "--db", db});
        const std::optional<Json> events = readJson(history.out.toStdString());
        QVERIFY(events && events->is_array() && !events->empty());
        QCOMPARE(QByteArray::fromStdString((*events)[0]["data"]["input"].dump()), input);
    }

    void unknownCommandIsNotTheGui()
    {
        // Without a display: the GUI would abort; the command line says what is wrong.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        const Result r = runCli({"lint", "x"}, {}, env);
        QCOMPARE(r.code, int(Usage));
        QCOMPARE(r.err.trimmed(),
                 QByteArray("signalbox: error: unknown command 'lint' (see signalbox --help); to "
                            "open a file in the app, name a file that exists"));
        QVERIFY(r.out.isEmpty());
    }

    void standardInput()
    {
        QFile f(m_pass);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray yaml = f.readAll();
        const Result validate = runCli({"validate", "-"}, yaml);
        QCOMPARE(validate.code, int(Ok));
        QCOMPARE(validate.out, QByteArray("<stdin>: ok (1 states)\n"));
        const Result bad = runCli({"validate", "-"}, "workflow: {name: x, start_at: nope}\n");
        QCOMPARE(bad.code, int(Invalid));
        QVERIFY2(bad.err.startsWith("<stdin>:"), bad.err.constData());
        const Result run = runCli({"run", "-", "--db", ":memory:", "--input", "{\"z\":1}"}, yaml);
        QCOMPARE(run.code, int(Ok));
        QVERIFY2(run.out.contains("\"output\":{\"z\":1}"), run.out.constData());
        const Result input
            = runCli({"run", m_pass, "--db", ":memory:", "--input", "-"}, "{\"from\": \"stdin\"}");
        QCOMPARE(input.code, int(Ok));
        QVERIFY2(input.out.contains("\"output\":{\"from\":\"stdin\"}"), input.out.constData());
        const Result both = runCli({"run", "-", "--db", ":memory:", "--input", "-"}, yaml);
        QCOMPARE(both.code, int(Usage));
        const Result start = runCli({"start", "-", "--db", freshDb()}, yaml);
        QCOMPARE(start.code, int(Usage));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        const QString failing
            = write("fails.yaml", "workflow: {name: f, start_at: a, states: {a: {type: fail, "
                                  "error: Boom}}}\n");
        QTest::newRow("execution failed") << QStringList{"run", failing, "--db", ":memory:"}
                                          << int(ExecutionFailed);
        QTest::newRow("usage") << QStringList{"list", "extra"} << int(Usage);
        QTest::newRow("not found: workflow")
            << QStringList{"validate", m_dir.filePath("missing.yaml")} << int(NotFound);
        QTest::newRow("not found: database")
            << QStringList{"show", "x", "--db", m_dir.filePath("missing.db")} << int(NotFound);
        QTest::newRow("no host") << QStringList{"cancel", "x", "--db", m_dir.filePath("nohost.db")}
                                 << int(NoHost);
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Result r = runCli(args);
        QCOMPARE(r.code, code);
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
