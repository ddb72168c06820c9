// JSONPath as ASL uses it: reference paths, the read-only extensions (wildcards, slices, deep
// scan, filters), the context object and ResultPath-style writes.
#include "signalbox/jsonpath.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Signalbox;

// Json converts implicitly to anything, which confuses QCOMPARE's overloads: compare dumps.
#define COMPARE_JSON(actual, expected)                                                             \
    QCOMPARE(QString::fromStdString(Json(actual).dump()),                                          \
             QString::fromStdString(Json(expected).dump()))

namespace {
Json j(const QString &text)
{
    return Json::parse(text.toStdString());
}

const char *storeDoc = R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
       "isbn": "0-553-21311-3", "price": 8.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "a b": {"c": 1},
  "list": [0, 1, 2, 3, 4, 5],
  "empty": {},
  "nothing": null
})";
} // namespace

class TestJsonPath : public QObject
{
    Q_OBJECT

private slots:
    void select_data();
    void select();
    void selectMissing_data();
    void selectMissing();
    void context();
    void validity_data();
    void validity();
    void write_data();
    void write();
    void writeErrors_data();
    void writeErrors();
    void hostileInput();
};

void TestJsonPath::select_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("root") << "$" << QString::fromUtf8(Json::parse(storeDoc).dump().c_str());
    QTest::newRow("dot") << "$.store.bicycle.color"
                         << R"("red")";
    QTest::newRow("index") << "$.store.book[1].author"
                           << R"("Evelyn Waugh")";
    QTest::newRow("bracket name") << "$['a b'].c"
                                  << "1";
    QTest::newRow("bracket double quotes") << R"($["a b"]["c"])"
                                           << "1";
    QTest::newRow("null value is present") << "$.nothing"
                                           << "null";
    QTest::newRow("empty object") << "$.empty"
                                  << "{}";
    QTest::newRow("negative index") << "$.list[-1]"
                                    << "5";
    QTest::newRow("wildcard array") << "$.store.book[*].price"
                                    << "[8.95, 12.99, 8.99]";
    QTest::newRow("wildcard object") << "$.store.bicycle.*"
                                     << R"(["red", 19.95])";
    QTest::newRow("slice") << "$.list[1:3]"
                           << "[1, 2]";
    QTest::newRow("slice open end") << "$.list[4:]"
                                    << "[4, 5]";
    QTest::newRow("slice open start") << "$.list[:2]"
                                      << "[0, 1]";
    QTest::newRow("slice negative") << "$.list[-2:]"
                                    << "[4, 5]";
    QTest::newRow("slice step") << "$.list[0:6:2]"
                                << "[0, 2, 4]";
    QTest::newRow("slice beyond end") << "$.list[4:100]"
                                      << "[4, 5]";
    QTest::newRow("filter number") << "$.store.book[?(@.price < 9)].title"
                                   << R"(["Sayings", "Moby Dick"])";
    QTest::newRow("filter string") << "$.store.book[?(@.category == 'fiction')].price"
                                   << "[12.99, 8.99]";
    QTest::newRow("filter exists") << "$.store.book[?(@.isbn)].author"
                                   << R"(["Herman Melville"])";
    QTest::newRow("filter and") << "$.store.book[?(@.price < 10 && @.category == 'fiction')].title"
                                << R"(["Moby Dick"])";
    QTest::newRow("filter or") << "$.store.book[?(@.price > 12 || @.isbn)].title"
                               << R"(["Sword", "Moby Dick"])";
    QTest::newRow("filter not") << "$.store.book[?(!@.isbn)].title"
                                << R"(["Sayings", "Sword"])";
    QTest::newRow("filter absolute") << "$.store.book[?(@.price > $.store.bicycle.price)]"
                                     << "[]";
    QTest::newRow("filter no match") << "$.store.book[?(@.price > 100)]"
                                     << "[]";
    QTest::newRow("filter type mismatch") << "$.list[?(@ > 'a')]"
                                          << "[]";
    QTest::newRow("filter on items") << "$.list[?(@ >= 4)]"
                                     << "[4, 5]";
    QTest::newRow("deep scan") << "$..price"
                               << "[8.95, 12.99, 8.99, 19.95]";
    QTest::newRow("deep scan nested") << "$.store..author"
                                      << R"(["Nigel Rees", "Evelyn Waugh", "Herman Melville"])";
    QTest::newRow("wildcard no match") << "$.store.bicycle.color[*]"
                                       << "[]";
}

void TestJsonPath::select()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const Json input = Json::parse(storeDoc);
    const auto result = selectPath(path.toStdString(), input, Json::object());
    QVERIFY2(result.has_value(), qPrintable(path));
    COMPARE_JSON(*result, j(expected));
}

void TestJsonPath::selectMissing_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing key") << "$.store.car";
    QTest::newRow("missing nested") << "$.store.car.wheels";
    QTest::newRow("index out of range") << "$.list[6]";
    QTest::newRow("index on object") << "$.store[0]";
    QTest::newRow("name on array") << "$.list.x";
    QTest::newRow("name on scalar") << "$.store.bicycle.color.x";
    QTest::newRow("invalid path") << "$.a[";
    QTest::newRow("no dollar") << "store";
}

void TestJsonPath::selectMissing()
{
    QFETCH(QString, path);
    QVERIFY(!selectPath(path.toStdString(), Json::parse(storeDoc), Json::object()).has_value());
}

void TestJsonPath::context()
{
    const Json ctx = j(R"({"Execution": {"Id": "exec-1", "Input": {"x": 1}},
                           "State": {"Name": "s", "RetryCount": 2},
                           "Map": {"Item": {"Index": 3, "Value": "v"}}})");
    const Json input = j(R"({"Execution": "not the context"})");
    COMPARE_JSON(selectPath("$$.Execution.Id", input, ctx).value(), Json("exec-1"));
    COMPARE_JSON(selectPath("$$.Execution.Input.x", input, ctx).value(), Json(1));
    COMPARE_JSON(selectPath("$$.State.RetryCount", input, ctx).value(), Json(2));
    COMPARE_JSON(selectPath("$$.Map.Item.Value", input, ctx).value(), Json("v"));
    COMPARE_JSON(selectPath("$.Execution", input, ctx).value(), Json("not the context"));
    COMPARE_JSON(selectPath("$$", input, ctx).value(), ctx);
    QVERIFY(!selectPath("$$.Nope", input, ctx));
}

void TestJsonPath::validity_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("referenceOnly");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("offset");

    QTest::newRow("root") << "$" << true << true << 0;
    QTest::newRow("context") << "$$.Execution.Id" << true << true << 0;
    QTest::newRow("reference") << "$.a.b[0]['c d']" << true << true << 0;
    QTest::newRow("hyphen and digits") << "$.order-id.line2" << true << true << 0;
    QTest::newRow("unicode name") << "$.größe" << true << true << 0;
    QTest::newRow("wildcard in reference") << "$.a[*]" << true << false << 3;
    QTest::newRow("wildcard allowed") << "$.a[*]" << false << true << 0;
    QTest::newRow("slice in reference") << "$.a[1:2]" << true << false << 3;
    QTest::newRow("filter in reference") << "$.a[?(@.x > 1)]" << true << false << 4;
    QTest::newRow("deep scan in reference") << "$..a" << true << false << 1;
    QTest::newRow("negative index in reference") << "$.a[-1]" << true << false << 4;
    QTest::newRow("empty") << "" << false << false << 0;
    QTest::newRow("no dollar") << "a.b" << false << false << 0;
    QTest::newRow("trailing dot") << "$.a." << false << false << 4;
    QTest::newRow("double dot name missing") << "$.a.[0]" << false << false << 4;
    QTest::newRow("unclosed bracket") << "$.a[0" << false << false << 5;
    QTest::newRow("unterminated quote") << "$['a" << false << false << 2;
    QTest::newRow("space in name") << "$.a b" << false << false << 3;
    QTest::newRow("bad filter") << "$.a[?(@.x >)]" << false << false << 11;
    QTest::newRow("zero step") << "$.a[0:2:0]" << false << false << 8;
}

void TestJsonPath::validity()
{
    QFETCH(QString, path);
    QFETCH(bool, referenceOnly);
    QFETCH(bool, valid);
    QFETCH(int, offset);
    PathError error;
    QCOMPARE(isValidPath(path.toStdString(), referenceOnly, &error), valid);
    if (!valid) {
        QVERIFY(!error.message.empty());
        QCOMPARE(error.offset, offset);
    }
}

void TestJsonPath::write_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("replace root") << R"({"a": 1})"
                                  << "$"
                                  << "[1]"
                                  << "[1]";
    QTest::newRow("add key") << R"({"a": 1})"
                             << "$.b"
                             << "2"
                             << R"({"a": 1, "b": 2})";
    QTest::newRow("overwrite key") << R"({"a": 1})"
                                   << "$.a"
                                   << R"({"x": 1})"
                                   << R"({"a": {"x": 1}})";
    QTest::newRow("create nested") << R"({})"
                                   << "$.a.b.c"
                                   << "true"
                                   << R"({"a": {"b": {"c": true}}})";
    QTest::newRow("into existing") << R"({"a": {"k": 0}})"
                                   << "$.a.b"
                                   << "1"
                                   << R"({"a": {"k": 0, "b": 1}})";
    QTest::newRow("array index") << R"({"a": [1, 2]})"
                                 << "$.a[1]"
                                 << "9"
                                 << R"({"a": [1, 9]})";
    QTest::newRow("quoted key") << R"({})"
                                << "$['x y']"
                                << "1"
                                << R"({"x y": 1})";
    QTest::newRow("null target") << "null"
                                 << "$.r"
                                 << "1"
                                 << R"({"r": 1})";
}

void TestJsonPath::write()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    Json t = j(target);
    std::string error;
    QVERIFY2(writePath(t, path.toStdString(), j(value), &error), error.c_str());
    COMPARE_JSON(t, j(expected));
}

void TestJsonPath::writeErrors_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("through a string") << R"({"a": "s"})"
                                      << "$.a.b"
                                      << "$.a is a string";
    QTest::newRow("into a number root") << "5"
                                        << "$.a"
                                        << "$ is a number";
    QTest::newRow("index on object") << R"({"a": {}})"
                                     << "$.a[0]"
                                     << "not an array";
    QTest::newRow("index out of range") << R"({"a": [1]})"
                                        << "$.a[3]"
                                        << "outside $.a";
    QTest::newRow("wildcard") << R"({})"
                              << "$.a[*]"
                              << "not allowed";
    QTest::newRow("context") << R"({})"
                             << "$$.Execution"
                             << "context object";
    QTest::newRow("syntax") << R"({})"
                            << "$.a..b"
                            << "invalid path";
}

void TestJsonPath::writeErrors()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFETCH(QString, messagePart);
    Json t = j(target);
    std::string error;
    QVERIFY(!writePath(t, path.toStdString(), Json(1), &error));
    QVERIFY2(QString::fromStdString(error).contains(messagePart), error.c_str());
}

void TestJsonPath::hostileInput()
{
    // Deep nesting is refused, not a stack overflow.
    std::string deep = "$.a";
    for (int i = 0; i < 2000; ++i)
        deep += "[?(@.a";
    PathError error;
    QVERIFY(!isValidPath(deep, false, &error));
    std::string parens = "$.a[?(" + std::string(5000, '(') + "@.x" + std::string(5000, ')') + ")]";
    QVERIFY(!isValidPath(parens, false, &error));
    QVERIFY(QString::fromStdString(error.message).contains("nests too deeply"));
    // Random token soup never crashes; every refusal has a message and an offset inside the text.
    static const char *tokens[]
        = {"$", "$$", ".", "..", "a", "*",  "[",  "]", "'", "\"",  "0",   "-1",   ":", "?",
           "(", ")",  "@", "==", "<", "&&", "||", "!", " ", "'k'", "1.5", "true", ",", "\\"};
    const int tokenCount = int(sizeof(tokens) / sizeof(tokens[0]));
    QRandomGenerator random(7);
    const Json input = Json::parse(storeDoc);
    for (int i = 0; i < 20000; ++i) {
        std::string text = "$";
        const int length = int(random.bounded(14));
        for (int k = 0; k < length; ++k)
            text += tokens[random.bounded(tokenCount)];
        if (isValidPath(text, false, &error)) {
            selectPath(text, input, input);
            Json target = input;
            std::string message;
            writePath(target, text, Json(1), &message);
        } else {
            QVERIFY2(!error.message.empty(), text.c_str());
            QVERIFY2(error.offset >= 0 && error.offset <= int(text.size()), text.c_str());
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
