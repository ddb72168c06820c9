// ASL input and output processing (input_path, parameters, result_selector, result_path,
// output_path), with the examples of the ASL specification's "Input and Output Processing".
#include "signalbox/dataflow.h"

#include <QTest>

using namespace Signalbox;

class TestDataflow : public QObject
{
    Q_OBJECT

private slots:
    void inputPath_data();
    void inputPath();
    void parameters_data();
    void parameters();
    void resultSelector();
    void resultPath_data();
    void resultPath();
    void outputPath_data();
    void outputPath();
    void errors_data();
    void errors();
    void specPipeline();
    void resultSelectorPipeline();
};

#define COMPARE_JSON(actual, expected)                                                             \
    QCOMPARE(QString::fromStdString(Json(actual).dump()),                                          \
             QString::fromStdString(Json(expected).dump()))

namespace {
Json j(const QString &text)
{
    return Json::parse(text.toStdString());
}

// "<absent>" in a table stands for a field that is not written at all.
std::optional<Json> field(const QString &text)
{
    if (text == QLatin1String("<absent>"))
        return std::nullopt;
    return j(text);
}

const char *context = R"({"Execution": {"Id": "exec-9"}, "DayOfWeek": "TUESDAY",
                          "State": {"Name": "X", "RetryCount": 0}})";
} // namespace

void TestDataflow::inputPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("absent is $") << "<absent>"
                                 << R"({"a": 1})"
                                 << R"({"a": 1})";
    QTest::newRow("$") << R"("$")"
                       << R"({"a": 1})"
                       << R"({"a": 1})";
    QTest::newRow("null gives {}") << "null"
                                   << R"({"a": 1})"
                                   << "{}";
    QTest::newRow("spec numbers")
        << R"("$.numbers")"
        << R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}})"
        << R"({"val1": 3, "val2": 4})";
    QTest::newRow("scalar") << R"("$.a.b")"
                            << R"({"a": {"b": "x"}})"
                            << R"("x")";
    QTest::newRow("wildcard") << R"("$.items[*].id")"
                              << R"({"items": [{"id": 1}, {"id": 2}]})"
                              << "[1, 2]";
    QTest::newRow("filter") << R"("$.items[?(@.ok == true)]")"
                            << R"({"items": [{"ok": true}, {"ok": false}]})"
                            << R"([{"ok": true}])";
    QTest::newRow("context") << R"("$$.Execution.Id")"
                             << "{}"
                             << R"("exec-9")";
    QTest::newRow("null value selected") << R"("$.n")"
                                         << R"({"n": null})"
                                         << "null";
}

void TestDataflow::inputPath()
{
    QFETCH(QString, path);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    DataflowError error;
    const auto out = applyInputPath(field(path), j(input), j(context), &error);
    QVERIFY2(out, error.cause.c_str());
    COMPARE_JSON(*out, j(expected));
}

void TestDataflow::parameters_data()
{
    QTest::addColumn<QString>("parameters");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("absent passes input") << "<absent>"
                                         << R"({"a": 1})"
                                         << R"({"a": 1})";
    QTest::newRow("spec example")
        << R"J({"flagged": true,
               "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"},
               "weekday.$": "$$.DayOfWeek",
               "formattedOutput.$": "States.Format('Today is {}', $$.DayOfWeek)"})J"
        << R"({"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]})"
        << R"({"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]},
               "weekday": "TUESDAY", "formattedOutput": "Today is TUESDAY"})";
    QTest::newRow("static only") << R"({"x": [1, {"y": "$.not.a.path"}]})"
                                 << "{}"
                                 << R"({"x": [1, {"y": "$.not.a.path"}]})";
    QTest::newRow("whole input") << R"({"all.$": "$"})"
                                 << R"({"a": 1})"
                                 << R"({"all": {"a": 1}})";
}

void TestDataflow::parameters()
{
    QFETCH(QString, parameters);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    DataflowError error;
    const auto out = applyParameters(field(parameters), j(input), j(context), &error);
    QVERIFY2(out, error.cause.c_str());
    COMPARE_JSON(*out, j(expected));
}

void TestDataflow::resultSelector()
{
    // The Step Functions documentation's example: keep two fields of a verbose task result.
    const Json result = j(R"({"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
        "output": {"SdkHttpMetadata": {"HttpStatusCode": 200},
                   "SdkResponseMetadata": {"RequestId": "1234-5678-9012"},
                   "ClusterId": "AKIAIOSFODNN7EXAMPLE"}})");
    const Json selector = j(R"({"ClusterId.$": "$.output.ClusterId",
                                "ResourceType.$": "$.resourceType"})");
    DataflowError error;
    const auto out = applyResultSelector(selector, result, j(context), &error);
    QVERIFY2(out, error.cause.c_str());
    COMPARE_JSON(*out, j(R"({"ClusterId": "AKIAIOSFODNN7EXAMPLE",
                             "ResourceType": "elasticmapreduce"})"));
    // Absent: the result passes through unchanged.
    COMPARE_JSON(*applyResultSelector(std::nullopt, result, j(context), &error), result);
}

void TestDataflow::resultPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("expected");

    const QString input = R"({"master": {"detail": [1, 2, 3]}})";
    QTest::newRow("absent replaces") << "<absent>" << input << R"("Hello")"
                                     << R"("Hello")";
    QTest::newRow("$ replaces") << R"("$")" << input << R"({"r": 1})"
                                << R"({"r": 1})";
    QTest::newRow("null discards") << "null" << input << R"("Hello")" << input;
    QTest::newRow("spec master.detail") << R"("$.master.detail")" << input << "[4, 5, 6]"
                                        << R"({"master": {"detail": [4, 5, 6]}})";
    QTest::newRow("spec sum") << R"("$.sum")"
                              << R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}})"
                              << "7"
                              << R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4},
                                     "sum": 7})";
    QTest::newRow("creates objects") << R"("$.a.b.c")"
                                     << "{}"
                                     << "true"
                                     << R"({"a": {"b": {"c": true}}})";
    QTest::newRow("error object for catch") << R"("$.error")"
                                            << R"({"order": 1})"
                                            << R"({"error": "Task.ExitCode", "cause": "exit 3"})"
                                            << R"({"order": 1, "error": {"error": "Task.ExitCode",
                                                   "cause": "exit 3"}})";
    QTest::newRow("array element") << R"("$.list[1]")"
                                   << R"({"list": [0, 0]})"
                                   << "9"
                                   << R"({"list": [0, 9]})";
}

void TestDataflow::resultPath()
{
    QFETCH(QString, path);
    QFETCH(QString, input);
    QFETCH(QString, result);
    QFETCH(QString, expected);
    DataflowError error;
    const auto out = applyResultPath(j(input), j(result), field(path), &error);
    QVERIFY2(out, error.cause.c_str());
    COMPARE_JSON(*out, j(expected));
}

void TestDataflow::outputPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("absent") << "<absent>"
                            << R"({"a": 1})"
                            << R"({"a": 1})";
    QTest::newRow("null gives {}") << "null"
                                   << R"({"a": 1})"
                                   << "{}";
    QTest::newRow("select") << R"("$.a")"
                            << R"({"a": {"b": 2}})"
                            << R"({"b": 2})";
    QTest::newRow("slice") << R"("$.list[0:2]")"
                           << R"({"list": [1, 2, 3]})"
                           << "[1, 2]";
}

void TestDataflow::outputPath()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    DataflowError error;
    const auto out = applyOutputPath(field(path), j(value), j(context), &error);
    QVERIFY2(out, error.cause.c_str());
    COMPARE_JSON(*out, j(expected));
}

void TestDataflow::errors_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("fieldValue");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("cause");

    QTest::newRow("input_path missing")
        << "input_path"
        << R"("$.missing")"
        << R"({"a": 1})"
        << "States.Runtime"
        << "input_path '$.missing' matched nothing in the state data";
    QTest::newRow("input_path context missing") << "input_path"
                                                << R"("$$.Nope")"
                                                << "{}"
                                                << "States.Runtime"
                                                << "context object";
    QTest::newRow("input_path invalid") << "input_path"
                                        << R"("a.b")"
                                        << "{}"
                                        << "States.Runtime"
                                        << "input_path 'a.b' is not a valid path";
    QTest::newRow("input_path number") << "input_path"
                                       << "5"
                                       << "{}"
                                       << "States.Runtime"
                                       << "must be a path or null";
    QTest::newRow("parameters missing path")
        << "parameters"
        << R"({"x.$": "$.missing"})"
        << "{}"
        << "States.Runtime"
        << "parameters: the path $.missing given for 'x.$' matched nothing";
    QTest::newRow("parameters intrinsic failure")
        << "parameters"
        << R"J({"x.$": "States.ArrayLength($.a)"})J"
        << R"({"a": 1})"
        << "States.IntrinsicFailure"
        << "parameters: States.ArrayLength: the first argument";
    QTest::newRow("result_selector missing") << "result_selector"
                                             << R"({"id.$": "$.Id"})"
                                             << "{}"
                                             << "States.Runtime"
                                             << "result_selector: the path $.Id";
    QTest::newRow("result_path into string")
        << "result_path"
        << R"("$.a.b")"
        << R"({"a": "text"})"
        << "States.Runtime"
        << "result_path: cannot write '$.a.b': $.a is a string, not an object";
    QTest::newRow("result_path into array input") << "result_path"
                                                  << R"("$.r")"
                                                  << "[1, 2]"
                                                  << "States.Runtime"
                                                  << "$ is an array";
    QTest::newRow("result_path wildcard") << "result_path"
                                          << R"("$.a[*]")"
                                          << "{}"
                                          << "States.Runtime"
                                          << "not allowed";
    QTest::newRow("output_path missing") << "output_path"
                                         << R"("$.gone")"
                                         << "{}"
                                         << "States.Runtime"
                                         << "output_path '$.gone' matched nothing";
}

void TestDataflow::errors()
{
    QFETCH(QString, step);
    QFETCH(QString, fieldValue);
    QFETCH(QString, data);
    QFETCH(QString, error);
    QFETCH(QString, cause);
    const Json value = j(data);
    const Json ctx = j(context);
    DataflowError e;
    std::optional<Json> out;
    if (step == "input_path")
        out = applyInputPath(j(fieldValue), value, ctx, &e);
    else if (step == "parameters")
        out = applyParameters(j(fieldValue), value, ctx, &e);
    else if (step == "result_selector")
        out = applyResultSelector(j(fieldValue), value, ctx, &e);
    else if (step == "result_path")
        out = applyResultPath(value, Json(1), j(fieldValue), &e);
    else
        out = applyOutputPath(j(fieldValue), value, ctx, &e);
    QVERIFY(!out);
    QCOMPARE(QString::fromStdString(e.error), error);
    QVERIFY2(QString::fromStdString(e.cause).contains(cause), e.cause.c_str());
    COMPARE_JSON(e.toJson()["error"], Json(error.toStdString()));
}

void TestDataflow::specPipeline()
{
    // The specification's InputPath/ResultPath/OutputPath walk-through: the task sees only
    // $.numbers, its result (the sum) lands at $.sum in the raw input, and OutputPath "$"
    // passes everything on.
    DataflowFields fields;
    fields.inputPath = "$.numbers";
    fields.resultPath = "$.sum";
    fields.outputPath = "$";
    const Json raw = j(R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}})");
    DataflowError error;
    const auto effective = effectiveInput(fields, raw, j(context), &error);
    QVERIFY2(effective, error.cause.c_str());
    COMPARE_JSON(*effective, j(R"({"val1": 3, "val2": 4})"));
    const Json result = (*effective)["val1"].get<int>() + (*effective)["val2"].get<int>();
    const auto output = stateOutput(fields, raw, result, j(context), &error);
    QVERIFY2(output, error.cause.c_str());
    COMPARE_JSON(*output, j(R"({"title": "Numbers to add",
                                "numbers": {"val1": 3, "val2": 4}, "sum": 7})"));
}

void TestDataflow::resultSelectorPipeline()
{
    // Every field at once: select, template, transform the result, merge, then narrow.
    DataflowFields fields;
    fields.inputPath = "$.order";
    fields.parameters = j(R"({"id.$": "$.id", "execution.$": "$$.Execution.Id"})");
    fields.resultSelector = j(R"({"status.$": "$.body.status"})");
    fields.resultPath = "$.payment";
    fields.outputPath = "$.payment";
    const Json raw = j(R"({"order": {"id": 42, "total": 10}, "customer": "c1"})");
    DataflowError error;
    const auto effective = effectiveInput(fields, raw, j(context), &error);
    QVERIFY2(effective, error.cause.c_str());
    COMPARE_JSON(*effective, j(R"({"id": 42, "execution": "exec-9"})"));
    const Json taskResult = j(R"({"body": {"status": "PAID", "noise": [1, 2, 3]}})");
    const auto output = stateOutput(fields, raw, taskResult, j(context), &error);
    QVERIFY2(output, error.cause.c_str());
    COMPARE_JSON(*output, j(R"({"status": "PAID"})"));

    // A failing step stops the pipeline with that step's error.
    fields.outputPath = "$.nothing";
    QVERIFY(!stateOutput(fields, raw, taskResult, j(context), &error));
    QVERIFY(QString::fromStdString(error.cause).startsWith("output_path"));
}

QTEST_GUILESS_MAIN(TestDataflow)
#include "tst_dataflow.moc"
