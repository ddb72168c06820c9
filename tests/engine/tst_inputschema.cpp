// An execution's input is checked against the workflow's input_schema at the door: validateInput
// names the JSONPath and the JSON Schema rule of each problem; Engine::start (also simulated) and
// redrive with a new input refuse an input that does not conform with InvalidExecutionInput and
// store nothing; a conforming input starts; a schema valijson cannot use is a problem, not a crash.
#include "enginetesthelpers.h"

#include "signalbox/inputschema.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

namespace {

const Json orderSchema = Json::parse(R"({
  "type": "object",
  "required": ["orderId", "amount"],
  "properties": {
    "orderId": {"type": "string", "pattern": "^ord-[0-9]+$"},
    "amount": {"type": "number", "minimum": 1},
    "lines": {"type": "array", "items": {"type": "object", "required": ["sku"]}}
  }
})");

const std::string workflow = "workflow:\n  name: orders\n  start_at: done\n"
                             "  input_schema:\n    type: object\n    required: [orderId]\n"
                             "    properties:\n      orderId: {type: string}\n"
                             "      amount: {type: number, minimum: 1}\n"
                             "  states:\n    done: {type: succeed}\n";

bool hasProblem(const std::vector<InputProblem> &problems, const std::string &path,
                const std::string &rule)
{
    for (const InputProblem &p : problems) {
        if (p.path == path && p.rule == rule)
            return true;
    }
    return false;
}

QString describe(const std::vector<InputProblem> &problems)
{
    return QString::fromStdString(describeInputProblems(problems, 100));
}

} // namespace

class TestInputSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;

private slots:
    void init()
    {
        m_engine = std::make_unique<Engine>();
        QString error;
        QVERIFY2(m_engine->open(m_dir.filePath(QStringLiteral("%1.db").arg(
                                    QTest::currentTestFunction())),
                                &error),
                 qPrintable(error));
    }
    void cleanup() { m_engine.reset(); }

    void conformingInputHasNoProblems()
    {
        QVERIFY(validateInput(orderSchema, Json{{"orderId", "ord-7"}, {"amount", 3}}).empty());
        QVERIFY(validateInput(Json(), Json{{"anything", 1}}).empty()); // no schema
        QVERIFY(validateInput(Json::object(), Json(42)).empty());      // {} accepts everything
    }

    void problemsNameThePathAndTheRule()
    {
        auto p = validateInput(orderSchema, Json{{"orderId", "ord-7"}});
        QVERIFY2(hasProblem(p, "$", "required"), qPrintable(describe(p)));
        QVERIFY2(describe(p).contains("amount"), qPrintable(describe(p)));

        p = validateInput(orderSchema, Json{{"orderId", "ord-7"}, {"amount", "ten"}});
        QVERIFY2(hasProblem(p, "$.amount", "type"), qPrintable(describe(p)));

        p = validateInput(orderSchema, Json{{"orderId", "ord-7"}, {"amount", 0}});
        QVERIFY2(hasProblem(p, "$.amount", "minimum"), qPrintable(describe(p)));

        p = validateInput(orderSchema, Json{{"orderId", "x"}, {"amount", 2}});
        QVERIFY2(hasProblem(p, "$.orderId", "pattern"), qPrintable(describe(p)));

        p = validateInput(orderSchema, Json{{"orderId", "ord-1"},
                                            {"amount", 2},
                                            {"lines", Json::array({Json{{"sku", "a"}}, Json::object()})}});
        QVERIFY2(hasProblem(p, "$.lines[1]", "required"), qPrintable(describe(p)));
        QCOMPARE(int(p.size()), 1); // the "item 1 failed" wrapper is not repeated

        p = validateInput(orderSchema, Json::array());
        QVERIFY2(hasProblem(p, "$", "type"), qPrintable(describe(p)));
    }

    void longStringAgainstAPattern()
    {
        // The payload limit lets a string be 256 KiB; valijson matches a pattern with std::regex,
        // which recursed once per character and crashed (stack overflow) on 200 KiB. Texts up to
        // kPatternTextLimit are matched; longer ones are refused, not matched.
        const Json schema = Json::parse(R"({"properties": {"s": {"pattern": "^(a|b)*$"}}})");
        const std::string longest(kPatternTextLimit, 'a');
        QVERIFY(validateInput(schema, Json{{"s", longest}}).empty());
        auto p = validateInput(schema, Json{{"s", longest.substr(1) + "z"}});
        QVERIFY2(hasProblem(p, "$.s", "pattern"), qPrintable(describe(p)));
        const std::string huge(200 * 1024, 'a');
        p = validateInput(schema, Json{{"list", Json::array({1, huge})}});
        QVERIFY2(hasProblem(p, "$.list[1]", "pattern"), qPrintable(describe(p)));
        QVERIFY2(describe(p).contains("longer than 256 "), qPrintable(describe(p)));
        // Without a pattern in the schema a long text is only subject to the payload limit.
        QVERIFY(validateInput(orderSchema.value("properties", Json()).value("lines", Json()),
                              Json::array({Json{{"sku", huge}}}))
                    .empty());
    }

    void unusableSchemaIsAProblem()
    {
        const auto p = validateInput(Json{{"$ref", "http://example.invalid/schema.json"}},
                                     Json::object());
        QCOMPARE(int(p.size()), 1);
        QCOMPARE(QString::fromStdString(p[0].rule), QStringLiteral("schema"));
    }

    void startRefusesInputThatDoesNotConform_data()
    {
        QTest::addColumn<bool>("simulate");
        QTest::newRow("run") << false;
        QTest::newRow("simulate") << true;
    }
    void startRefusesInputThatDoesNotConform()
    {
        QFETCH(bool, simulate);
        const std::string tag = QTest::currentDataTag();
        const Definition def = definition(workflow);
        QVERIFY(def.inputSchema);
        OperationResult r = m_engine->start(def, workflow, m_dir.filePath("wf.yaml"),
                                            Json{{"amount", 0}}, "bad-order-" + tag, simulate);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.rfind("InvalidExecutionInput: ", 0) == 0, r.error.c_str());
        QVERIFY2(r.error.find("$: required") != std::string::npos, r.error.c_str());
        QVERIFY2(r.error.find("$.amount: minimum") != std::string::npos, r.error.c_str());
        m_engine->flush();
        QVERIFY(!m_engine->store()->execution("bad-order-" + tag)); // nothing was stored

        r = m_engine->start(def, workflow, m_dir.filePath("wf.yaml"),
                            Json{{"orderId", "ord-1"}, {"amount", 5}}, "good-order-" + tag, simulate);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(waitFinal(*m_engine, r.executionId));
        QCOMPARE(int(record(*m_engine, r.executionId).status), int(ExecutionStatus::Succeeded));
    }

    void redriveRefusesANewInputThatDoesNotConform()
    {
        const std::string failing = "workflow:\n  name: orders\n  start_at: boom\n"
                                    "  input_schema: {type: object, required: [orderId]}\n"
                                    "  states:\n    boom: {type: fail, error: Nope}\n";
        const Definition def = definition(failing);
        OperationResult r = m_engine->start(def, failing, m_dir.filePath("wf.yaml"),
                                            Json{{"orderId", "a"}}, {});
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(waitFinal(*m_engine, r.executionId));
        QCOMPARE(int(record(*m_engine, r.executionId).status), int(ExecutionStatus::Failed));
        OperationResult again = m_engine->redrive(r.executionId, Json{{"order", "a"}});
        QVERIFY(!again.ok);
        QVERIFY2(again.error.find("InvalidExecutionInput: ") == 0, again.error.c_str());
        QVERIFY2(again.error.find("orderId") != std::string::npos, again.error.c_str());
        again = m_engine->redrive(r.executionId, Json{{"orderId", "b"}});
        QVERIFY2(again.ok, again.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestInputSchema)
#include "tst_inputschema.moc"
