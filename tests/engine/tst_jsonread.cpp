// Hostile JSON and names at every door of the engine: readJson() (depth, size, numbers out of
// range, located errors), writeJson() (printing stays proportional), the control socket with a
// deeply nested request, the ASL reader and StringToJson with 1e999, Engine::start with deep
// inputs, execution names (Step Functions' rules) and one name = one execution.
#include "enginetesthelpers.h"

#include "signalbox/codecs.h"
#include "signalbox/control.h"
#include "signalbox/executionname.h"
#include "signalbox/intrinsics.h"
#include "signalbox/jsonread.h"

#include <QLocalSocket>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

namespace {

std::string nested(int depth, const std::string &inner = "0")
{
    return std::string(std::size_t(depth), '[') + inner + std::string(std::size_t(depth), ']');
}

// A value `depth` arrays deep, built without recursion.
Json deepValue(int depth)
{
    Json v = 0;
    for (int i = 0; i < depth; ++i) {
        Json outer = Json::array();
        outer.push_back(std::move(v));
        v = std::move(outer);
    }
    return v;
}

} // namespace

class TestJsonRead : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshDb() { return m_dir.filePath(QStringLiteral("db%1.db").arg(++m_counter)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void readsOrdinaryJson()
    {
        const std::optional<Json> v = readJson(R"( {"b": [1, 2.5, "x"], "a": null} )");
        QVERIFY(v);
        JCOMPARE(v->dump(), std::string(R"({"b":[1,2.5,"x"],"a":null})")); // order kept
        QVERIFY(readJson(nested(kJsonMaxDepth)));
        QVERIFY(readJson("1e308"));
    }

    void refusesWithAPlace_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("deep 100000") << QByteArray::fromStdString(nested(100000))
                                     << "nested deeper than 512 levels at line 1, column 513";
        QTest::newRow("deep 513") << QByteArray::fromStdString(nested(kJsonMaxDepth + 1))
                                  << "nested deeper than 512 levels at line 1, column 513";
        QTest::newRow("deep objects on line 2")
            << QByteArray("\n" + QByteArray(600, '{').replace("{", "{\"k\":") + "1"
                          + QByteArray(600, '}'))
            << "nested deeper than 512 levels at line 2, column 2561";
        QTest::newRow("1e999") << QByteArray("{\"a\": 1e999}")
                               << "number out of range at line 1, column 7";
        QTest::newRow("-1e999 on line 3")
            << QByteArray("[\n1,\n  -1e999]") << "number out of range at line 3, column 3";
        QTest::newRow("syntax") << QByteArray("{\"a\": tru}")
                                << "parse error at line 1, column";
        QTest::newRow("trailing") << QByteArray("{} x") << "parse error at line 1, column 4";
        QTest::newRow("empty") << QByteArray("") << "parse error at line 1, column 1";
        QTest::newRow("invalid UTF-8") << QByteArray("\"\xff\"") << "ill-formed UTF-8";
    }
    void refusesWithAPlace()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        JsonReadError error;
        QVERIFY(!readJson(std::string_view(text.constData(), std::size_t(text.size())), &error));
        QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
    }

    void sizeLimit()
    {
        JsonReadError error;
        QVERIFY(!readJson("[1,2,3]", &error, {kJsonMaxDepth, 4}));
        JCOMPARE(error.message, std::string("the JSON text is 7 bytes; the limit is 4"));
        QVERIFY(readJson("[1,2,3]", &error, {kJsonMaxDepth, 0})); // 0: no size limit
    }

    void depthOfBuiltValues()
    {
        QVERIFY(!jsonDepthExceeds(Json(1), 0));
        QVERIFY(!jsonDepthExceeds(Json::array(), 1));
        QVERIFY(jsonDepthExceeds(Json::array(), 0));
        QVERIFY(!jsonDepthExceeds(deepValue(kJsonMaxDepth)));
        QVERIFY(jsonDepthExceeds(deepValue(kJsonMaxDepth + 1)));
        QVERIFY(jsonDepthExceeds(deepValue(100000))); // iterative: no stack overflow
    }

    void writingIsTheLibrarysFormAndStaysProportional()
    {
        const Json shallow = Json::parse(R"({"a": [1, {"b": "x\u001b"}], "c": {}, "d": []})");
        JCOMPARE(writeJson(shallow, 2), shallow.dump(2));
        JCOMPARE(writeJson(shallow), shallow.dump());
        // 500 levels with 2000 numbers at the bottom: library indentation would write every
        // number on a line of 1000 spaces (2 MB); ours stops indenting after a few levels.
        std::string inner = "0";
        for (int i = 1; i < 2000; ++i)
            inner += ",0";
        const Json deep = *readJson(nested(500, inner));
        const std::string compact = writeJson(deep);
        const std::string indented = writeJson(deep, 2);
        QVERIFY2(indented.size() < 4 * compact.size(), std::to_string(indented.size()).c_str());
        const std::optional<Json> back = readJson(indented);
        QVERIFY(back);
        JCOMPARE(*back, deep);
    }

    void deepRequestOnTheControlSocket()
    {
        // One line under the 1 MiB cap, nested 100000 deep in the echoed "id": refused with a
        // reply, and the server keeps serving.
        const QString db = freshDb();
        ControlServer server;
        int calls = 0;
        server.setHandler([&](const Json &) {
            ++calls;
            return Json{{"fine", true}};
        });
        QString error;
        QVERIFY2(server.listen(db, &error), qPrintable(error));
        QLocalSocket socket;
        socket.connectToServer(HostLock::socketName(db));
        QVERIFY(socket.waitForConnected(30000));
        socket.write("{\"command\":\"ping\",\"id\":" + QByteArray::fromStdString(nested(100000))
                     + "}\n");
        QVERIFY(QTest::qWaitFor([&] { return socket.canReadLine(); }, 30000));
        const std::optional<Json> bad = readJson(socket.readLine().trimmed().toStdString());
        QVERIFY(bad && bad->is_object());
        JCOMPARE((*bad)["ok"], Json(false));
        QVERIFY2((*bad)["error"].get<std::string>().find("nested deeper than 512 levels")
                     != std::string::npos,
                 bad->dump().c_str());
        socket.write("{\"command\":\"ping\",\"id\":{\"n\":1e999}}\n");
        QVERIFY(QTest::qWaitFor([&] { return socket.canReadLine(); }, 30000));
        const std::optional<Json> range = readJson(socket.readLine().trimmed().toStdString());
        QVERIFY(range && (*range)["error"].get<std::string>().find("number out of range")
                             != std::string::npos);
        socket.write("{\"command\":\"list\",\"id\":7}\n");
        QVERIFY(QTest::qWaitFor([&] { return socket.canReadLine(); }, 30000));
        const std::optional<Json> good = readJson(socket.readLine().trimmed().toStdString());
        QVERIFY(good);
        JCOMPARE(*good, Json({{"ok", true}, {"result", {{"fine", true}}}, {"id", 7}}));
        JCOMPARE(calls, 1);
    }

    void aslNumberOutOfRangeIsADiagnostic()
    {
        const std::string text
            = "{\"StartAt\": \"A\",\n \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": "
              "{\"x\": 1e999}, \"End\": true}}}";
        Diagnostics diags;
        QVERIFY(!readAsl(text, "n.asl.json", diags));
        const std::string all = diags.formatAll();
        QVERIFY2(all.find("n.asl.json:2:51: error:") != std::string::npos, all.c_str());
        QVERIFY2(all.find("number out of range") != std::string::npos, all.c_str());
        QVERIFY(looksLikeAsl(text)); // still routed to the ASL reader, which says what is wrong
    }

    void yamlValuesStayUnderTheJsonLimit()
    {
        // YAML values become JSON too (results, parameters, mocks): the YAML reader's own limit
        // (ReadLimits::maxDepth, 64) is below the JSON limit, for flow and block nesting alike.
        QVERIFY(ReadLimits().maxDepth <= kJsonMaxDepth);
        const std::string yaml = "workflow:\n  name: y\n  start_at: a\n  states:\n    a:\n"
                                 "      type: pass\n      result: "
                                 + nested(kJsonMaxDepth + 1) + "\n      end: true\n";
        Diagnostics diags;
        QVERIFY(!readYaml(yaml, "deep.yaml", diags));
        QVERIFY2(diags.formatAll().find("nested deeper than") != std::string::npos,
                 diags.formatAll().c_str());
    }

    void stringToJsonIsBounded()
    {
        for (const std::string &text : {std::string("1e999"), nested(600)}) {
            IntrinsicError error;
            const std::string expr = "States.StringToJson($.t)";
            const std::optional<Json> v = evaluateIntrinsic(expr, Json{{"t", text}}, Json::object(),
                                                            &error);
            QVERIFY(!v);
            JCOMPARE(error.error, std::string("States.IntrinsicFailure"));
            QVERIFY2(error.cause.find("not valid JSON text") != std::string::npos,
                     error.cause.c_str());
        }
    }

    void executionNames_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QString>("problem"); // empty: valid
        QTest::newRow("plain") << QByteArray("order-42") << "";
        QTest::newRow("dots and underscores") << QByteArray("nightly_2026.12.03") << "";
        QTest::newRow("unicode") << QByteArray("Bestellung-\xc3\xa4\xc3\xb6") << "";
        QTest::newRow("80 characters") << QByteArray(80, 'a') << "";
        QTest::newRow("80 two-byte characters") << QByteArray("\xc3\xa4").repeated(80) << "";
        QTest::newRow("empty") << QByteArray() << "cannot be empty";
        QTest::newRow("81 characters") << QByteArray(81, 'a') << "at most 80 characters";
        QTest::newRow("space") << QByteArray("a b") << "whitespace";
        QTest::newRow("no-break space") << QByteArray("a\xc2\xa0" "b") << "whitespace (U+00A0)";
        QTest::newRow("ideographic space") << QByteArray("a\xe3\x80\x80" "b") << "whitespace";
        QTest::newRow("newline") << QByteArray("a\nb") << "control characters (U+000A)";
        QTest::newRow("escape") << QByteArray("a\x1b[31m") << "control characters (U+001B)";
        QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b" "31m") << "control characters (U+009B)";
        QTest::newRow("slash") << QByteArray("a/b") << "'/' (U+002F)";
        QTest::newRow("bracket") << QByteArray("a[1]") << "'[' (U+005B)";
        QTest::newRow("wildcard") << QByteArray("a*") << "'*' (U+002A)";
        QTest::newRow("quote") << QByteArray("a\"b") << "'\"' (U+0022)";
        QTest::newRow("right-to-left override")
            << QByteArray("a\xe2\x80\xae" "b") << "direction-changing";
        QTest::newRow("zero width space") << QByteArray("a\xe2\x80\x8b" "b") << "invisible";
        QTest::newRow("invalid UTF-8") << QByteArray("a\xff") << "valid UTF-8";
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << "valid UTF-8";
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << "valid UTF-8";
        QTest::newRow("truncated") << QByteArray("a\xe2\x80") << "valid UTF-8";
        QTest::newRow("replacement character") << QByteArray("a\xef\xbf\xbd") << "U+FFFD";
    }
    void executionNames()
    {
        QFETCH(QByteArray, name);
        QFETCH(QString, problem);
        const std::string why = executionNameProblem(name.toStdString());
        if (problem.isEmpty())
            QVERIFY2(why.empty(), why.c_str());
        else
            QVERIFY2(QString::fromStdString(why).contains(problem), why.c_str());
    }

    void engineRefusesBadNamesAndDeepInputs()
    {
        Engine engine;
        QString error;
        QVERIFY2(engine.open(freshDb(), &error), qPrintable(error));
        const std::string yaml
            = "workflow: {name: n, start_at: a, states: {a: {type: pass, end: true}}}";
        const OperationResult badName
            = engine.start(definition(yaml), yaml, {}, Json::object(), "a\n\x1b[31mforged");
        QVERIFY(!badName.ok);
        QVERIFY2(badName.error.rfind("InvalidName: ", 0) == 0, badName.error.c_str());
        // Built in memory (the app's input form, an embedding program), not read: still bounded.
        const OperationResult deep = engine.start(definition(yaml), yaml, {}, deepValue(100000));
        QVERIFY(!deep.ok);
        QVERIFY2(deep.error.find("nested deeper than 512 levels") != std::string::npos,
                 deep.error.c_str());
        engine.flush();
        JCOMPARE(engine.store()->listExecutions().size(), std::size_t(0));
    }

    void oneNameOneExecution()
    {
        Engine engine;
        QString error;
        QVERIFY2(engine.open(freshDb(), &error), qPrintable(error));
        const std::string waits
            = "workflow: {name: w, start_at: a, states: {a: {type: wait_for_event, end: true}}}";
        const std::string other
            = "workflow: {name: o, start_at: a, states: {a: {type: wait_for_event, end: true}}}";
        const Json input = {{"order", 42}};
        const OperationResult first = engine.start(definition(waits), waits, {}, input, "order-42");
        QVERIFY(first.ok);
        // Before and after the commit: the same request is the same execution.
        const OperationResult queued = engine.start(definition(waits), waits, {}, input, "order-42");
        QVERIFY(queued.ok);
        JCOMPARE(queued.executionId, first.executionId);
        engine.flush();
        const OperationResult again = engine.start(definition(waits), waits, {}, input, "order-42");
        QVERIFY(again.ok);
        JCOMPARE(again.executionId, first.executionId);
        JCOMPARE(again.value["existing"], Json(true));
        // Another workflow or another input under the name: refused.
        const OperationResult otherWorkflow
            = engine.start(definition(other), other, {}, input, "order-42");
        QVERIFY(!otherWorkflow.ok);
        QVERIFY2(otherWorkflow.error.rfind("ExecutionAlreadyExists: ", 0) == 0
                     && otherWorkflow.error.find("different workflow") != std::string::npos,
                 otherWorkflow.error.c_str());
        const OperationResult otherInput
            = engine.start(definition(waits), waits, {}, Json{{"order", 43}}, "order-42");
        QVERIFY(!otherInput.ok);
        QVERIFY2(otherInput.error.find("different input") != std::string::npos,
                 otherInput.error.c_str());
        // Closed: the name is never reused, whatever the request.
        QVERIFY(engine.cancel("order-42").ok);
        QVERIFY(waitFinal(engine, first.executionId));
        const OperationResult closed = engine.start(definition(waits), waits, {}, input, "order-42");
        QVERIFY(!closed.ok);
        QVERIFY2(closed.error.rfind("ExecutionAlreadyExists: ", 0) == 0
                     && closed.error.find("CANCELLED") != std::string::npos,
                 closed.error.c_str());
        engine.flush();
        JCOMPARE(engine.store()->listExecutions().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestJsonRead)
#include "tst_jsonread.moc"
