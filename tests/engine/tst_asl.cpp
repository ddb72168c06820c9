// The Amazon States Language codec: export of every state type and field, import with located
// diagnostics, the YAML -> ASL -> model round trip of every example, golden files, and (when node
// and npm are installed) the export of every example checked by the asl-validator npm package.
#include "tools/examples.h"
#include "tools/golden.h"

#include "signalbox/codecs.h"
#include "signalbox/validator.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

Q_DECLARE_METATYPE(Signalbox::Definition)

using namespace Signalbox;
using namespace SignalboxTest;

namespace {

// The seed workflow (tests/data/valid/seed-order-approval.yaml), verbatim.
const char *seedYaml = R"(workflow:
  name: order-approval
  start_at: validate-order
  states:
    validate-order: {type: task, next: needs-review}
    needs-review:
      type: choice
      when:
        requiresManualReview: wait-for-review
      default: charge-payment
    wait-for-review: {type: wait_for_event, next: charge-payment}
    charge-payment:
      type: task
      retry: {attempts: 3, backoff: exponential}
      next: create-shipment
    create-shipment: {type: task, end: true}
)";

std::optional<Definition> fromYaml(const std::string &yaml, QString *errors)
{
    Diagnostics diags;
    auto def = readYaml(yaml, "inline.yaml", diags);
    if (!def || diags.hasErrors())
        *errors = QString::fromStdString(diags.formatAll());
    return diags.hasErrors() ? std::nullopt : def;
}

// A workflow around `states` (YAML lines indented by 4), starting at `start`.
std::string workflow(const std::string &start, const std::string &states)
{
    return "workflow:\n  name: t\n  start_at: " + start + "\n  states:\n" + states;
}

Json exportJson(const std::string &yaml, Diagnostics *diagsOut = nullptr)
{
    QString errors;
    const auto def = fromYaml(yaml, &errors);
    if (!def) {
        qWarning("YAML did not load: %s", qPrintable(errors));
        return {};
    }
    Diagnostics diags;
    const auto text = writeAsl(*def, diags);
    if (diagsOut)
        *diagsOut = diags;
    if (!text)
        return {};
    return Json::parse(*text);
}

QString describe(const Definition &def)
{
    return QString::fromStdString(writeYaml(def));
}

} // namespace

class TestAsl : public QObject
{
    Q_OBJECT

private slots:
    void examplesExist();
    void roundTrip_data();
    void roundTrip();
    void golden_data();
    void golden();
    void exportFields_data();
    void exportFields();
    void exportErrors_data();
    void exportErrors();
    void exportWarnsOnApproximation();
    void importFixtures_data();
    void importFixtures();
    void importErrors_data();
    void importErrors();
    void importLimits();
    void importKeepsEditedRules();
    void importLegacyMap();
    void validatorPointsIntoAsl();
    void importSurvivesWrongTypes();
    void importSurvivesTruncation();
    void looksLikeAsl_data();
    void looksLikeAsl();
    void aslValidator();
};

void TestAsl::examplesExist()
{
    QVERIFY2(shippedExamples().size() >= 1, "no workflows in resources/examples");
    QVERIFY2(!validFixtures().isEmpty(), "no workflows in tests/data/valid");
}

void TestAsl::roundTrip_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : allValidWorkflows())
        QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
}

// YAML -> model -> ASL -> model gives the same model, and the same YAML text (spellings too).
void TestAsl::roundTrip()
{
    QFETCH(QString, path);
    QString errors;
    const auto original = loadYaml(path, &errors);
    QVERIFY2(original, qPrintable(errors));

    Diagnostics exportDiags;
    const auto asl = writeAsl(*original, exportDiags);
    QVERIFY2(asl, qPrintable(QString::fromStdString(exportDiags.formatAll())));
    QVERIFY(!exportDiags.hasErrors());

    Diagnostics importDiags;
    const auto imported = readAsl(*asl, "export.asl.json", importDiags);
    QVERIFY2(imported, qPrintable(QString::fromStdString(importDiags.formatAll())));
    for (const Diagnostic &d : importDiags.items())
        QVERIFY2(d.code == "asl-aws-resource", d.format().c_str());

    QCOMPARE(describe(*imported), describe(*original));
    QVERIFY2(*imported == *original, "models differ although their YAML is the same");

    Diagnostics validation;
    validateDefinition(*imported, validation);
    QVERIFY2(!validation.hasErrors(), qPrintable(QString::fromStdString(validation.formatAll())));
}

void TestAsl::golden_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : shippedExamples())
        QTest::newRow(qPrintable(baseName(p))) << p;
}

void TestAsl::golden()
{
    QFETCH(QString, path);
    QString errors;
    const auto def = loadYaml(path, &errors);
    QVERIFY2(def, qPrintable(errors));
    Diagnostics diags;
    const auto asl = writeAsl(*def, diags);
    QVERIFY2(asl, qPrintable(QString::fromStdString(diags.formatAll())));
    SIGNALBOX_COMPARE_GOLDEN(baseName(path) + ".asl.json", *asl);
}

void TestAsl::exportFields_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("expected"); // JSON text of the value at `pointer`

    const std::string seed = seedYaml;
    auto row = [](const char *name, const std::string &yaml, const char *ptr, const char *json) {
        QTest::newRow(name) << QString::fromStdString(yaml) << ptr << json;
    };
    const std::string task = workflow("a", "    a: {type: task, end: true}\n");
    row("activity resource", task, "/States/a/Resource",
        R"("arn:aws:states:::signalbox:activity")");
    row("end", task, "/States/a/End", "true");
    row("resource kept",
        workflow("a", "    a: {type: task, resource: 'arn:aws:lambda:eu-west-1:123456789012:"
                      "function:charge', end: true}\n"),
        "/States/a/Resource", R"("arn:aws:lambda:eu-west-1:123456789012:function:charge")");
    row("run task resource",
        workflow("a", "    a: {type: task, run: {command: [echo, '{}']}, end: true}\n"),
        "/States/a/Resource", R"("arn:aws:states:::signalbox:task")");
    row("run kept in comment",
        workflow("a", "    a: {type: task, comment: hi, run: {shell: cat}, end: true}\n"),
        "/States/a/Comment", R"("hi\nsignalbox: {\"run\":{\"shell\":\"cat\"}}")");
    row("timeouts",
        workflow("a", "    a: {type: task, timeout_seconds: 30, heartbeat_seconds: 10, "
                      "end: true}\n"),
        "/States/a/HeartbeatSeconds", "10");
    row("retry seed",
        workflow("a", "    a:\n      type: task\n      retry: {attempts: 3, backoff: "
                      "exponential}\n      end: true\n"),
        "/States/a/Retry",
        R"([{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":2.0}])");
    row("retry fixed jitter",
        workflow("a",
                 "    a:\n      type: task\n      retry: {errors: [Task.ExitCode], attempts: 5,"
                 " backoff: fixed, interval_seconds: 4, max_delay_seconds: 60, jitter: full}"
                 "\n      end: true\n"),
        "/States/a/Retry/0",
        R"({"ErrorEquals":["Task.ExitCode"],"IntervalSeconds":4,"MaxAttempts":4,"BackoffRate":1.0,)"
        R"("MaxDelaySeconds":60,"JitterStrategy":"FULL"})");
    row("catch",
        workflow("a", "    a:\n      type: task\n      catch: [{errors: [States.Timeout], next: b,"
                      " result_path: $.err}]\n      end: true\n    b: {type: succeed}\n"),
        "/States/a/Catch",
        R"([{"ErrorEquals":["States.Timeout"],"ResultPath":"$.err","Next":"b"}])");
    row("result_path null", workflow("a", "    a: {type: task, result_path: null, end: true}\n"),
        "/States/a/ResultPath", "null");
    row("data flow",
        workflow("a", "    a:\n      type: task\n      input_path: $.in\n      parameters: "
                      "{x.$: $.y, fixed: 1}\n      result_selector: {r.$: $.body}\n      "
                      "output_path: $.out\n      end: true\n"),
        "/States/a/Parameters", R"({"x.$":"$.y","fixed":1})");
    row("choice when", seed, "/States/needs-review/Choices/0",
        R"({"And":[{"Variable":"$.requiresManualReview","IsPresent":true},)"
        R"({"Variable":"$.requiresManualReview","BooleanEquals":true}],"Next":"wait-for-review"})");
    row("choice default", seed, "/States/needs-review/Default", R"("charge-payment")");
    row("choice expression",
        workflow("c",
                 "    c:\n      type: choice\n      choices:\n        - {if: '$.amount > 1000',"
                 " next: d}\n      default: d\n    d: {type: succeed}\n"),
        "/States/c/Choices/0", R"({"Variable":"$.amount","NumericGreaterThan":1000,"Next":"d"})");
    row("wait seconds", workflow("w", "    w: {type: wait, seconds: 30, end: true}\n"),
        "/States/w/Seconds", "30");
    row("wait timestamp path",
        workflow("w", "    w: {type: wait, timestamp_path: $.due, end: true}\n"),
        "/States/w/TimestampPath", R"("$.due")");
    row("approval resource", seed, "/States/wait-for-review/Resource",
        R"("arn:aws:states:::lambda:invoke.waitForTaskToken")");
    row("approval token", seed, "/States/wait-for-review/Parameters/Payload/task_token.$",
        R"("$$.Task.Token")");
    row("approval prompt",
        workflow("r", "    r: {type: wait_for_event, prompt: 'Ship {{$.id}}?', assignee: ops, "
                      "timeout_seconds: 60, end: true}\n"),
        "/States/r/Parameters/Payload/prompt", R"("Ship {{$.id}}?")");
    row("approval timeout",
        workflow("r", "    r: {type: wait_for_event, timeout_seconds: 60, end: true}\n"),
        "/States/r/TimeoutSeconds", "60");
    row("parallel",
        workflow("p", "    p:\n      type: parallel\n      branches:\n        - start_at: x\n"
                      "          states: {x: {type: pass, end: true}}\n      end: true\n"),
        "/States/p/Branches", R"([{"StartAt":"x","States":{"x":{"Type":"Pass","End":true}}}])");
    row("map processor",
        workflow("m", "    m:\n      type: map\n      items_path: $.items\n      "
                      "max_concurrency: 2\n      processor:\n        start_at: x\n        "
                      "states: {x: {type: pass, end: true}}\n      end: true\n"),
        "/States/m/ItemProcessor",
        R"({"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"x","States":{"x":{"Type":"Pass",)"
        R"("End":true}}})");
    row("map concurrency",
        workflow("m", "    m:\n      type: map\n      items_path: $.items\n      "
                      "max_concurrency: 2\n      tolerated_failure_count: 1\n      processor:\n"
                      "        start_at: x\n        states: {x: {type: pass, end: true}}\n"
                      "      end: true\n"),
        "/States/m/ToleratedFailureCount", "1");
    row("pass result",
        workflow("p", "    p: {type: pass, result: {ok: true}, result_path: $.r, end: true}\n"),
        "/States/p/Result", R"({"ok":true})");
    row("fail", workflow("f", "    f: {type: fail, error: E.X, cause: why}\n"), "/States/f",
        R"({"Type":"Fail","Error":"E.X","Cause":"why"})");
    row("fail paths", workflow("f", "    f: {type: fail, error_path: $.e, cause_path: $.c}\n"),
        "/States/f", R"({"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"})");
    row("top level timeout",
        "workflow:\n  name: t\n  timeout_seconds: 99\n  start_at: a\n  states:\n"
        "    a: {type: succeed}\n",
        "/TimeoutSeconds", "99");
    row("description is the comment",
        "workflow:\n  name: t\n  description: Does it\n  start_at: a\n  states:\n"
        "    a: {type: succeed}\n",
        "/Comment", R"("Does it\nsignalbox: {\"name\":\"t\"}")");
}

void TestAsl::exportFields()
{
    QFETCH(QString, yaml);
    QFETCH(QString, pointer);
    QFETCH(QString, expected);
    Diagnostics diags;
    const Json asl = exportJson(yaml.toStdString(), &diags);
    QVERIFY2(!asl.is_null(), qPrintable(QString::fromStdString(diags.formatAll())));
    const Json::json_pointer ptr(pointer.toStdString());
    QVERIFY2(asl.contains(ptr),
             qPrintable(pointer + " missing in " + QString::fromStdString(asl.dump(2))));
    QCOMPARE(QString::fromStdString(asl[ptr].dump()),
             QString::fromStdString(Json::parse(expected.toStdString()).dump()));
}

void TestAsl::exportErrors_data()
{
    // Models the YAML reader would refuse, built directly: the writer must refuse them too.
    QTest::addColumn<Definition>("def");
    QTest::addColumn<QString>("message"); // expected in the error text

    auto base = [](State s) {
        Definition def;
        def.name = "t";
        def.machine.startAt = s.name;
        State done;
        done.name = "d";
        done.type = StateType::Succeed;
        def.machine.states = {std::move(s), done};
        return def;
    };
    State choice;
    choice.name = "pick";
    choice.type = StateType::Choice;
    ChoiceRule rule;
    rule.condition.kind = Condition::Kind::Compare;
    rule.condition.variable = "$.flag";
    rule.condition.op = Condition::Op::Lt;
    rule.condition.valueType = Condition::ValueType::Boolean;
    rule.condition.value = true;
    rule.next = "d";
    choice.choices = {rule};
    QTest::newRow("boolean ordering") << base(choice) << "state 'pick': condition";

    State empty = choice;
    empty.choices.clear();
    empty.defaultNext = "d";
    QTest::newRow("no choices") << base(empty) << "at least one choice rule";

    State map;
    map.name = "fan";
    map.type = StateType::Map;
    map.end = true;
    map.itemsPath = "$.items";
    map.parameters = Json{{"a", 1}};
    auto processor = std::make_shared<StateMachine>();
    processor->startAt = "d";
    processor->states = {base(State{}).machine.states[1]};
    map.processor = processor;
    QTest::newRow("map parameters") << base(map) << "use item_selector";

    State pass;
    pass.name = "p";
    pass.type = StateType::Pass;
    pass.next = "d";
    pass.resultSelector = Json{{"a.$", "$.b"}};
    QTest::newRow("pass result_selector") << base(pass) << "no `result_selector` on a pass";

    State wait;
    wait.name = "w";
    wait.type = StateType::Wait;
    wait.seconds = 1;
    wait.next = "d";
    wait.resultPath = Json("$.x");
    QTest::newRow("wait result_path") << base(wait) << "no `result_path` on a wait";
}

void TestAsl::exportErrors()
{
    QFETCH(Definition, def);
    QFETCH(QString, message);
    Diagnostics diags;
    QVERIFY(!writeAsl(def, diags));
    QVERIFY(diags.hasErrors());
    const QString text = QString::fromStdString(diags.formatAll());
    QVERIFY2(text.contains(message), qPrintable(text));
    QCOMPARE(QString::fromStdString(diags.items()[0].state),
             QString::fromStdString(def.machine.startAt));
}

void TestAsl::exportWarnsOnApproximation()
{
    Diagnostics diags;
    const Json asl = exportJson(workflow("a", "    a:\n      type: task\n      retry: {attempts: 4,"
                                              " backoff: linear, interval_seconds: 2}\n"
                                              "      end: true\n"),
                                &diags);
    QVERIFY(!asl.is_null());
    QCOMPARE(diags.warningCount(), 1);
    QVERIFY(QString::fromStdString(diags.items()[0].message).contains("linear"));
    QCOMPARE(asl["States"]["a"]["Retry"][0]["BackoffRate"].get<double>(), 1.0);
    QCOMPARE(asl["States"]["a"]["Retry"][0]["IntervalSeconds"].get<int>(), 2);
}

void TestAsl::importFixtures_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(SIGNALBOX_TEST_DATA "/asl"));
    for (const QString &f : dir.entryList({"*.asl.json"}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

// Hand-written ASL (as AWS documents it) imports, validates and exports to equivalent ASL.
void TestAsl::importFixtures()
{
    QFETCH(QString, path);
    const std::string text = readFile(path);
    Diagnostics diags;
    const auto def = readAsl(text, path.toStdString(), diags);
    QVERIFY2(def, qPrintable(QString::fromStdString(diags.formatAll())));
    // Only the notice that AWS tasks become activities.
    int awsTasks = 0;
    for (const State &s : def->machine.states)
        awsTasks += s.type == StateType::Task && !s.resource.empty() ? 1 : 0;
    QVERIFY(!diags.hasErrors());
    QVERIFY2(diags.warningCount() >= awsTasks, diags.formatAll().c_str());
    for (const Diagnostic &d : diags.items())
        QCOMPARE(QString::fromStdString(d.code), QStringLiteral("asl-aws-resource"));
    Diagnostics validation;
    validateDefinition(*def, validation);
    QVERIFY2(!validation.hasErrors(), qPrintable(QString::fromStdString(validation.formatAll())));

    Diagnostics exportDiags;
    const auto again = writeAsl(*def, exportDiags);
    QVERIFY(again);
    // Same states, types and transitions; only the Comment gains the workflow name.
    Json a = Json::parse(text);
    Json b = Json::parse(*again);
    a.erase("Comment");
    b.erase("Comment");
    QVERIFY2(a == b,
             qPrintable("re-export differs: " + QString::fromStdString(Json::diff(a, b).dump())));
}

void TestAsl::importErrors_data()
{
    QTest::addColumn<QString>("asl");
    QTest::addColumn<QString>("expected"); // formatted diagnostic must contain this

    QTest::newRow("syntax") << "{\n  \"StartAt\": \"a\",\n  \"States\": {\n    \"a\": {\"Type\": "
                               "\"Succeed\",}\n  }\n}\n"
                            << "x.asl.json:4:";
    QTest::newRow("truncated") << "{\"StartAt\": \"a\", \"States\": {"
                               << "x.asl.json:1:";
    QTest::newRow("not an object") << "[1, 2]"
                                   << "must be a JSON object";
    QTest::newRow("missing StartAt") << R"({"States": {"a": {"Type": "Succeed"}}})"
                                     << "missing 'StartAt'";
    QTest::newRow("missing States") << R"({"StartAt": "a"})"
                                    << "missing 'States'";
    QTest::newRow("unknown field")
        << "{\"StartAt\": \"a\",\n \"States\": {\n  \"a\": {\"Type\": \"Task\",\n"
           "   \"Resouce\": \"arn:aws:states:::signalbox:task\", \"End\": true}}}"
        << "x.asl.json:4:4: error: unknown field 'Resouce' in Task state 'a' (did you mean "
           "'Resource'?)";
    QTest::newRow("unknown top field")
        << R"({"StartAt": "a", "Stats": {}, "States": {"a": {"Type": "Succeed"}}})"
        << "unknown field 'Stats'";
    QTest::newRow("wrong type")
        << "{\"StartAt\": \"a\", \"States\": {\"a\": {\"Type\": \"Task\", \"Resource\": "
           "\"arn:aws:states:::signalbox:task\",\n \"TimeoutSeconds\": \"10\", \"End\": true}}}"
        << "x.asl.json:2:2: error: 'TimeoutSeconds' must be a whole number";
    QTest::newRow("unsupported type")
        << R"({"StartAt": "a", "States": {"a": {"Type": "Activity", "End": true}}})"
        << "unsupported Type 'Activity'";
    QTest::newRow("misspelt type") << R"({"StartAt": "a", "States": {"a": {"Type": "Sucseed"}}})"
                                   << "did you mean 'Succeed'";
    QTest::newRow("jsonata")
        << R"({"QueryLanguage": "JSONata", "StartAt": "a", "States": {"a": {"Type": "Succeed"}}})"
        << "JSONata is not supported";
    QTest::newRow("distributed map")
        << R"({"StartAt": "m", "States": {"m": {"Type": "Map", "ItemProcessor": {)"
           R"("ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},)"
           R"("StartAt": "x", "States": {"x": {"Type": "Succeed"}}}, "End": true}}})"
        << "only INLINE maps";
    QTest::newRow("item reader")
        << R"({"StartAt": "m", "States": {"m": {"Type": "Map", "ItemReader": {}, )"
           R"("ItemProcessor": {"StartAt": "x", "States": {"x": {"Type": "Succeed"}}},)"
           R"("End": true}}})"
        << "'ItemReader' in Map state 'm' is not supported";
    QTest::newRow("bad choice rule")
        << R"({"StartAt": "c", "States": {"c": {"Type": "Choice", "Choices": [)"
           R"({"Variable": "$.x", "NumericGreaterThan": "big", "Next": "d"}]},)"
           R"("d": {"Type": "Succeed"}}})"
        << "invalid choice rule";
    QTest::newRow("next and end")
        << R"({"StartAt": "a", "States": {"a": {"Type": "Pass", "Next": "a", "End": true}}})"
        << "both 'Next' and 'End'";
    QTest::newRow("no next") << R"({"StartAt": "a", "States": {"a": {"Type": "Pass"}}})"
                             << "needs 'Next'";
    QTest::newRow("wait without time")
        << R"({"StartAt": "w", "States": {"w": {"Type": "Wait", "End": true}}})"
        << "exactly one of Seconds";
    QTest::newRow("retry errors")
        << R"({"StartAt": "a", "States": {"a": {"Type": "Task", "Resource": "arn:aws:x:::y",)"
           R"("Retry": [{"MaxAttempts": -1}], "End": true}}})"
        << "'ErrorEquals' must be a non-empty list";
    QTest::newRow("state not object") << R"({"StartAt": "a", "States": {"a": 5}})"
                                      << "state 'a' must be an object";
}

void TestAsl::importErrors()
{
    QFETCH(QString, asl);
    QFETCH(QString, expected);
    Diagnostics diags;
    const auto def = readAsl(asl.toStdString(), "x.asl.json", diags);
    QVERIFY(!def);
    QVERIFY(diags.hasErrors());
    const QString text = QString::fromStdString(diags.formatAll());
    QVERIFY2(text.contains(expected), qPrintable(text));
}

void TestAsl::importLimits()
{
    ReadLimits limits;
    limits.maxDepth = 10;
    std::string deep = R"({"StartAt": "a", "States": {"a": {"Type": "Pass", "Result": )";
    deep += std::string(50, '[') + std::string(50, ']') + R"(, "End": true}}})";
    Diagnostics diags;
    QVERIFY(!readAsl(deep, "deep.json", diags, limits));
    QVERIFY(QString::fromStdString(diags.formatAll()).contains("deeper than 10"));

    // A million nested brackets must neither crash nor hang.
    const std::string bomb = std::string(1000000, '[');
    Diagnostics bombDiags;
    QVERIFY(!readAsl(bomb, "bomb.json", bombDiags));
    QVERIFY(bombDiags.hasErrors());

    limits = {};
    limits.maxBytes = 100;
    Diagnostics sizeDiags;
    QVERIFY(!readAsl(std::string(200, ' ') + "{}", "big.json", sizeDiags, limits));
    QVERIFY(QString::fromStdString(sizeDiags.formatAll()).contains("limit is 100"));
}

// The spelling kept in the Comment is used only while the ASL rule still matches it.
void TestAsl::importKeepsEditedRules()
{
    const std::string seed = seedYaml;
    QString errors;
    const auto def = fromYaml(seed, &errors);
    QVERIFY2(def, qPrintable(errors));
    Diagnostics diags;
    Json asl = Json::parse(*writeAsl(*def, diags));
    asl["States"]["needs-review"]["Choices"][0] = Json::parse(
        R"({"Variable": "$.amount", "NumericGreaterThan": 500, "Next": "wait-for-review"})");
    const auto imported = readAsl(asl.dump(), "edited.asl.json", diags);
    QVERIFY(imported);
    const State *choice = imported->machine.find("needs-review");
    QVERIFY(choice);
    QCOMPARE(choice->choices.size(), size_t(1));
    QCOMPARE(QString::fromStdString(conditionToExpression(choice->choices[0].condition)),
             QStringLiteral("$.amount > 500"));
}

// Before ItemProcessor/ItemSelector, ASL called them Iterator/Parameters; both import.
void TestAsl::importLegacyMap()
{
    const std::string asl = R"({"StartAt": "m", "States": {"m": {"Type": "Map",
        "ItemsPath": "$.items", "Parameters": {"v.$": "$$.Map.Item.Value"},
        "Iterator": {"StartAt": "x", "States": {"x": {"Type": "Pass", "End": true}}},
        "End": true}}})";
    Diagnostics diags;
    const auto def = readAsl(asl, "legacy.asl.json", diags);
    QVERIFY2(def, diags.formatAll().c_str());
    const State *map = def->machine.find("m");
    QVERIFY(map && map->processor);
    QCOMPARE(map->processor->startAt, std::string("x"));
    QVERIFY(map->itemSelector);
    QCOMPARE((*map->itemSelector)["v.$"].get<std::string>(), std::string("$$.Map.Item.Value"));
    QCOMPARE(def->name, std::string("legacy"));
}

// Validating an imported ASL file points at the ASL line of the offending field.
void TestAsl::validatorPointsIntoAsl()
{
    const std::string asl = "{\n"
                            "  \"StartAt\": \"a\",\n"
                            "  \"States\": {\n"
                            "    \"a\": {\n"
                            "      \"Type\": \"Pass\",\n"
                            "      \"Next\": \"nowhere\"\n"
                            "    }\n"
                            "  }\n"
                            "}\n";
    Diagnostics diags;
    const auto def = readAsl(asl, "v.asl.json", diags);
    QVERIFY2(def, diags.formatAll().c_str());
    QCOMPARE(def->machine.states[0].location.line, 4);
    validateDefinition(*def, diags);
    QVERIFY(diags.hasErrors());
    bool found = false;
    for (const Diagnostic &d : diags.items())
        found = found || (d.location.line == 6 && d.location.column == 7);
    QVERIFY2(found, diags.formatAll().c_str());
}

// Every value of every exported example replaced by every JSON type: clear errors, no crash,
// no exception caught by the reader's safety net.
void TestAsl::importSurvivesWrongTypes()
{
    const QDir dir(goldenDir());
    const QStringList files = dir.entryList({"*.asl.json"}, QDir::Files);
    QVERIFY(!files.isEmpty());
    const Json replacements[] = {nullptr, 7, -1, 1.5, "x", Json::array(), Json::object(), true};
    int runs = 0;
    for (const QString &f : files) {
        const Json original = Json::parse(readFile(dir.filePath(f)));
        const Json flat = original.flatten();
        std::vector<std::string> pointers;
        for (const auto &[ptr, value] : flat.items()) {
            // the leaf and each of its ancestors
            for (std::string p = ptr; !p.empty(); p.erase(p.rfind('/')))
                pointers.push_back(p);
        }
        std::sort(pointers.begin(), pointers.end());
        pointers.erase(std::unique(pointers.begin(), pointers.end()), pointers.end());
        for (const std::string &p : pointers) {
            for (const Json &r : replacements) {
                Json mutated = original;
                mutated[Json::json_pointer(p)] = r;
                Diagnostics diags;
                const auto def = readAsl(mutated.dump(), f.toStdString(), diags);
                for (const Diagnostic &d : diags.items())
                    QVERIFY2(d.code != "asl-internal", (p + ": " + d.format()).c_str());
                QVERIFY2(def.has_value() != diags.hasErrors(), p.c_str());
                ++runs;
            }
        }
    }
    QVERIFY(runs > 1000);
}

void TestAsl::importSurvivesTruncation()
{
    const std::string text = readFile(goldenDir() + "/deployment.asl.json");
    QVERIFY(!text.empty());
    for (std::size_t cut = 0; cut < text.size(); cut += 7) {
        Diagnostics diags;
        QVERIFY(!readAsl(text.substr(0, cut), "cut.asl.json", diags));
        QVERIFY(diags.hasErrors());
        QVERIFY(diags.items()[0].location.line > 0 || cut == 0);
    }
}

void TestAsl::looksLikeAsl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("asl") << R"({"StartAt": "a", "States": {}})" << true;
    QTest::newRow("asl with space") << "\n  {\"Comment\": \"x\", \"StartAt\": \"a\"}" << true;
    QTest::newRow("broken asl") << R"({"StartAt": "a", "States": {)" << true;
    QTest::newRow("yaml") << "workflow:\n  name: x\n" << false;
    QTest::newRow("json workflow") << R"({"workflow": {"name": "x", "start_at": "a"}})" << false;
    QTest::newRow("flow yaml") << "{workflow: {name: x}}" << false;
    QTest::newRow("empty") << "" << false;
}

void TestAsl::looksLikeAsl()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(Signalbox::looksLikeAsl(text.toStdString()), expected);
}

// Every example's export passes asl-validator (installed once into the build folder).
void TestAsl::aslValidator()
{
    const QString node = QStandardPaths::findExecutable("node");
    const QString npm = QStandardPaths::findExecutable("npm");
    if (node.isEmpty() || npm.isEmpty())
        QSKIP("node and npm are needed to run asl-validator (packaging/install-deps.sh installs "
              "them)");
    const QString prefix = QStringLiteral(SIGNALBOX_BUILD_DIR);
    const QString cli = prefix + "/node_modules/asl-validator/dist/bin/asl-validator.js";
    if (!QFile::exists(cli)) {
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(
            npm, {"install", "--prefix", prefix, "--no-audit", "--no-fund", "asl-validator@4"});
        const bool finished = install.waitForFinished(240000);
        if (!finished)
            install.kill();
        if (!finished || install.exitCode() != 0 || !QFile::exists(cli))
            QSKIP(qPrintable("npm could not install asl-validator: "
                             + QString::fromUtf8(install.readAll()).right(2000)));
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList args = {cli};
    for (const QString &path : allValidWorkflows()) {
        QString errors;
        const auto def = loadYaml(path, &errors);
        QVERIFY2(def, qPrintable(errors));
        Diagnostics diags;
        const auto asl = writeAsl(*def, diags);
        QVERIFY2(asl, qPrintable(QString::fromStdString(diags.formatAll())));
        const QString out = dir.filePath(QFileInfo(path).completeBaseName() + ".asl.json");
        QVERIFY(writeTextFile(out, QByteArray::fromStdString(*asl)));
        args << "--json-path" << out;
    }
    // The hand-written ASL fixtures are real ASL too.
    const QDir fixtures(QStringLiteral(SIGNALBOX_TEST_DATA "/asl"));
    for (const QString &f : fixtures.entryList({"*.asl.json"}, QDir::Files, QDir::Name))
        args << "--json-path" << fixtures.filePath(f);
    QProcess validator;
    validator.setProcessChannelMode(QProcess::MergedChannels);
    validator.start(node, args);
    QVERIFY2(validator.waitForFinished(120000), "asl-validator did not finish");
    const QString output = QString::fromUtf8(validator.readAll());
    QVERIFY2(validator.exitStatus() == QProcess::NormalExit && validator.exitCode() == 0,
             qPrintable(output));
    qInfo("%s", qPrintable(output.trimmed()));
}

QTEST_GUILESS_MAIN(TestAsl)
#include "tst_asl.moc"
