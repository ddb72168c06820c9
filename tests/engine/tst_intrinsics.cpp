// The ASL intrinsic functions (examples from the Step Functions documentation), their argument
// syntax and errors, and payload templates with ".$" keys.
#include "signalbox/intrinsics.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Signalbox;

#define COMPARE_JSON(actual, expected)                                                             \
    QCOMPARE(QString::fromStdString(Json(actual).dump()),                                          \
             QString::fromStdString(Json(expected).dump()))

// moc reads the class before the raw-string test data below.
class TestIntrinsics : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void errors_data();
    void errors();
    void syntax_data();
    void syntax();
    void mathRandom();
    void uuid();
    void templates_data();
    void templates();
    void templateErrors_data();
    void templateErrors();
    void lengthLimits_data();
    void lengthLimits();
    void hostileInput();
};

namespace {
Json j(const QString &text)
{
    return Json::parse(text.toStdString());
}

// One input document for every row; the documentation's examples read from it.
const char *sampleInput = R"({
  "name": "Arnav", "someString": "{\"number\": 20}",
  "someJson": {"name": "Foo", "zipcode": "98101"},
  "inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5, "index": 5,
  "dupes": [1, 2, 3, 3, 3, 3, 3, 3, 4], "objects": [{"a": 1}, {"a": 1}, {"a": 2}],
  "input": "Data to encode", "base64": "RGF0YSB0byBlbmNvZGU=",
  "Data": "input data", "Algorithm": "SHA-1",
  "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3},
  "value1": 111, "step": -1, "start": 1, "end": 999,
  "inputString": "This.is+a,test=string", "splitter": ".+,=", "csv": "1,2,3,4,5",
  "template": "{} and {}", "unicode": "größe"
})";

const char *sampleContext = R"({"Execution": {"Id": "exec-1"}, "Map": {"Item": {"Index": 2}}})";
} // namespace

void TestIntrinsics::evaluate_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("expected");

    // States.Format
    QTest::newRow("format doc") << "States.Format('Hello, my name is {}.', $.name)"
                                << R"("Hello, my name is Arnav.")";
    QTest::newRow("format types") << "States.Format('{} {} {} {}', 1, 2.5, true, null)"
                                  << R"("1 2.5 true null")";
    QTest::newRow("format escapes") << R"(States.Format('a \{\} {} it\'s \\', 'x'))"
                                    << R"("a {} x it's \\")";
    QTest::newRow("format no placeholders") << "States.Format('plain')"
                                            << R"("plain")";
    QTest::newRow("format collections like Step Functions")
        << "States.Format('{} {}', $.someJson, States.Array(1, 'a', States.Array()))"
        << R"("{name=Foo, zipcode=98101} [1, a, []]")";
    QTest::newRow("format template from path") << "States.Format($.template, 'A', 'B')"
                                               << R"("A and B")";
    QTest::newRow("format nested") << "States.Format('n={}', States.ArrayLength($.inputArray))"
                                   << R"("n=9")";
    QTest::newRow("format context") << "States.Format('{}-{}', $$.Execution.Id, $$.Map.Item.Index)"
                                    << R"("exec-1-2")";
    // JSON <-> string
    QTest::newRow("StringToJson doc") << "States.StringToJson($.someString)"
                                      << R"({"number": 20})";
    QTest::newRow("StringToJson literal") << "States.StringToJson('[1, \"a\"]')"
                                          << R"([1, "a"])";
    QTest::newRow("JsonToString doc") << "States.JsonToString($.someJson)"
                                      << R"("{\"name\":\"Foo\",\"zipcode\":\"98101\"}")";
    QTest::newRow("JsonToString number") << "States.JsonToString(5)"
                                         << R"("5")";
    // Arrays
    QTest::newRow("Array doc") << "States.Array('Foo', 2020, $.someJson, null)"
                               << R"(["Foo", 2020, {"name": "Foo", "zipcode": "98101"}, null])";
    QTest::newRow("Array empty") << "States.Array()"
                                 << "[]";
    QTest::newRow("ArrayPartition doc") << "States.ArrayPartition($.inputArray, 4)"
                                        << "[[1,2,3,4],[5,6,7,8],[9]]";
    QTest::newRow("ArrayPartition exact") << "States.ArrayPartition(States.Array(1, 2), 2)"
                                          << "[[1,2]]";
    QTest::newRow("ArrayPartition empty") << "States.ArrayPartition(States.Array(), 3)"
                                          << "[]";
    QTest::newRow("ArrayContains doc") << "States.ArrayContains($.inputArray, $.lookingFor)"
                                       << "true";
    QTest::newRow("ArrayContains no") << "States.ArrayContains($.inputArray, 10)"
                                      << "false";
    QTest::newRow("ArrayContains object") << "States.ArrayContains($.objects, $.objects[2])"
                                          << "true";
    QTest::newRow("ArrayRange doc") << "States.ArrayRange(1, 9, 2)"
                                    << "[1,3,5,7,9]";
    QTest::newRow("ArrayRange inclusive end") << "States.ArrayRange(0, 3, 1)"
                                              << "[0,1,2,3]";
    QTest::newRow("ArrayRange end not hit") << "States.ArrayRange(1, 10, 4)"
                                            << "[1,5,9]";
    QTest::newRow("ArrayRange negative step") << "States.ArrayRange(5, 1, -2)"
                                              << "[5,3,1]";
    QTest::newRow("ArrayRange wrong direction") << "States.ArrayRange(5, 1, 1)"
                                                << "[]";
    QTest::newRow("ArrayRange single") << "States.ArrayRange(3, 3, 1)"
                                       << "[3]";
    QTest::newRow("ArrayRange 1000 items") << "States.ArrayLength(States.ArrayRange(1, 1000, 1))"
                                           << "1000";
    QTest::newRow("ArrayGetItem doc") << "States.ArrayGetItem($.inputArray, $.index)"
                                      << "6";
    QTest::newRow("ArrayGetItem first") << "States.ArrayGetItem($.inputArray, 0)"
                                        << "1";
    QTest::newRow("ArrayLength doc") << "States.ArrayLength($.inputArray)"
                                     << "9";
    QTest::newRow("ArrayUnique doc") << "States.ArrayUnique($.dupes)"
                                     << "[1,2,3,4]";
    QTest::newRow("ArrayUnique objects") << "States.ArrayUnique($.objects)"
                                         << R"([{"a": 1}, {"a": 2}])";
    // Encoding and hashing
    QTest::newRow("Base64Encode doc") << "States.Base64Encode($.input)"
                                      << R"("RGF0YSB0byBlbmNvZGU=")";
    QTest::newRow("Base64Decode doc") << "States.Base64Decode($.base64)"
                                      << R"("Data to encode")";
    QTest::newRow("Base64 unicode round trip")
        << "States.Base64Decode(States.Base64Encode($.unicode))"
        << R"("größe")";
    QTest::newRow("Hash doc SHA-1") << "States.Hash($.Data, $.Algorithm)"
                                    << R"("aaff4a450a104cd177d28d18d74485e8cae074b7")";
    QTest::newRow("Hash MD5") << "States.Hash('input data', 'MD5')"
                              << R"("812f45842bc6d66ee14572ce20db8e86")";
    QTest::newRow("Hash SHA-256")
        << "States.Hash('input data', 'SHA-256')"
        << R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")";
    QTest::newRow("Hash SHA-384 length")
        << "States.Format('{}', States.Hash('', 'SHA-384'))"
        << R"("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")";
    QTest::newRow("Hash SHA-512 empty")
        << "States.Hash('', 'SHA-512')"
        << R"("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")";
    // JSON merge (shallow only)
    QTest::newRow("JsonMerge doc") << "States.JsonMerge($.json1, $.json2, false)"
                                   << R"({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3})";
    // Math
    QTest::newRow("MathAdd doc") << "States.MathAdd($.value1, $.step)"
                                 << "110";
    QTest::newRow("MathAdd negative") << "States.MathAdd(-5, 3)"
                                      << "-2";
    QTest::newRow("MathAdd rounds") << "States.MathAdd(1.5, 1.2)"
                                    << "3";
    QTest::newRow("MathAdd context") << "States.MathAdd($$.Map.Item.Index, 1)"
                                     << "3";
    // Strings
    QTest::newRow("StringSplit doc") << "States.StringSplit($.csv, ',')"
                                     << R"(["1","2","3","4","5"])";
    QTest::newRow("StringSplit many delimiters") << "States.StringSplit($.inputString, $.splitter)"
                                                 << R"(["This","is","a","test","string"])";
    QTest::newRow("StringSplit keeps empty") << "States.StringSplit(',a,,b,', ',')"
                                             << R"(["","a","","b",""])";
    QTest::newRow("StringSplit spaces kept") << "States.StringSplit(' , ', ',')"
                                             << R"([" "," "])";
    QTest::newRow("StringSplit unicode") << "States.StringSplit('ä-ö', '-')"
                                         << R"(["ä","ö"])";
    QTest::newRow("StringSplit no delimiter") << "States.StringSplit('abc', ',')"
                                              << R"(["abc"])";
    // Syntax details
    QTest::newRow("spaces") << "  States.ArrayLength(  $.inputArray  )  "
                            << "9";
    QTest::newRow("bracket path with comma") << "States.Array($['name'], $.objects[?(@.a == 2)])"
                                             << R"(["Arnav", [{"a": 2}]])";
    QTest::newRow("numbers") << "States.Array(-1, 2.5, 1e2)"
                             << "[-1, 2.5, 100.0]";
}

void TestIntrinsics::evaluate()
{
    QFETCH(QString, call);
    QFETCH(QString, expected);
    IntrinsicError error;
    const auto result
        = evaluateIntrinsic(call.toStdString(), j(sampleInput), j(sampleContext), &error);
    QVERIFY2(result, (error.error + ": " + error.cause).c_str());
    COMPARE_JSON(*result, j(expected));
    std::string message;
    QVERIFY2(isValidIntrinsic(call.toStdString(), &message), message.c_str());
}

void TestIntrinsics::errors_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("cause");

    const QString failure = "States.IntrinsicFailure";
    QTest::newRow("path missing") << "States.Format('{}', $.nope)"
                                  << "States.Runtime"
                                  << "the path $.nope matched nothing in the input";
    QTest::newRow("context path missing") << "States.ArrayLength($$.Nope)"
                                          << "States.Runtime"
                                          << "matched nothing in the context object";
    QTest::newRow("format too few") << "States.Format('{} {}', 'a')" << failure
                                    << "the template has 2 placeholders {} but 1 value was given";
    QTest::newRow("format too many")
        << "States.Format('{}', 'a', 'b')" << failure << "1 placeholder {} but 2 values were given";
    QTest::newRow("format template not string")
        << "States.Format($.inputArray)" << failure << "first argument must be a string";
    QTest::newRow("StringToJson invalid")
        << "States.StringToJson('{bad')" << failure << "not valid JSON";
    QTest::newRow("StringToJson number")
        << "States.StringToJson(5)" << failure << "must be a string, got a number";
    QTest::newRow("partition size 0")
        << "States.ArrayPartition($.inputArray, 0)" << failure << "positive integer";
    QTest::newRow("partition not array") << "States.ArrayPartition($.name, 2)" << failure
                                         << "first argument must be an array, got a string";
    QTest::newRow("partition float")
        << "States.ArrayPartition($.inputArray, 1.5)" << failure << "must be an integer, got 1.5";
    QTest::newRow("contains not array")
        << "States.ArrayContains($.someJson, 1)" << failure << "must be an array, got an object";
    QTest::newRow("range step 0") << "States.ArrayRange(1, 5, 0)" << failure << "must not be 0";
    QTest::newRow("range over 1000")
        << "States.ArrayRange(1, 1001, 1)" << failure << "the range has 1001 items; at most 1000";
    QTest::newRow("range float") << "States.ArrayRange(1.5, 5, 1)" << failure
                                 << "must be an integer";
    QTest::newRow("range string") << "States.ArrayRange('1', 5, 1)" << failure
                                  << "must be an integer, got a string";
    QTest::newRow("get item out of range") << "States.ArrayGetItem($.inputArray, 9)" << failure
                                           << "index 9 is outside the array of 9 items";
    QTest::newRow("get item negative")
        << "States.ArrayGetItem($.inputArray, -1)" << failure << "index -1 is outside";
    QTest::newRow("length of string") << "States.ArrayLength($.name)" << failure
                                      << "States.ArrayLength: the first argument must be an array";
    QTest::newRow("unique of object")
        << "States.ArrayUnique($.someJson)" << failure << "must be an array";
    QTest::newRow("base64 decode invalid")
        << "States.Base64Decode('not*base64')" << failure << "not valid Base64";
    QTest::newRow("base64 decode binary")
        << "States.Base64Decode('//79')" << failure << "not UTF-8 text";
    QTest::newRow("base64 encode number")
        << "States.Base64Encode(5)" << failure << "must be a string";
    QTest::newRow("hash unknown algorithm")
        << "States.Hash('x', 'SHA256')" << failure << "unknown algorithm 'SHA256'; use MD5, SHA-1";
    QTest::newRow("hash lowercase algorithm")
        << "States.Hash('x', 'md5')" << failure << "unknown algorithm 'md5'";
    QTest::newRow("hash object") << "States.Hash($.someJson, 'MD5')" << failure
                                 << "must be a string";
    QTest::newRow("merge deep") << "States.JsonMerge($.json1, $.json2, true)" << failure
                                << "deep merge is not supported";
    QTest::newRow("merge flag not bool")
        << "States.JsonMerge($.json1, $.json2, 'false')" << failure << "must be false";
    QTest::newRow("merge array") << "States.JsonMerge($.inputArray, $.json2, false)" << failure
                                 << "must be an object, got an array";
    QTest::newRow("math add string")
        << "States.MathAdd('1', 2)" << failure << "must be an integer, got a string";
    QTest::newRow("math add out of range")
        << "States.MathAdd(2147483648, 1)" << failure << "between -2147483648 and 2147483647";
    QTest::newRow("math random reversed")
        << "States.MathRandom(10, 1)" << failure << "greater than the end";
    QTest::newRow("split empty delimiter")
        << "States.StringSplit('a', '')" << failure << "must not be empty";
    QTest::newRow("split not string")
        << "States.StringSplit($.inputArray, ',')" << failure << "must be a string";
    QTest::newRow("nested failure propagates")
        << "States.Format('{}', States.ArrayLength(1))" << failure << "States.ArrayLength:";
    QTest::newRow("syntax error") << "States.Format('x'" << failure << "invalid intrinsic function";
}

void TestIntrinsics::errors()
{
    QFETCH(QString, call);
    QFETCH(QString, error);
    QFETCH(QString, cause);
    IntrinsicError e;
    QVERIFY(!evaluateIntrinsic(call.toStdString(), j(sampleInput), j(sampleContext), &e));
    QCOMPARE(QString::fromStdString(e.error), error);
    QVERIFY2(QString::fromStdString(e.cause).contains(cause), e.cause.c_str());
}

void TestIntrinsics::syntax_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown function") << "States.Fromat('x')"
                                      << "unknown intrinsic function 'States.Fromat', did you mean "
                                         "'States.Format'";
    QTest::newRow("not States") << "Format('x')"
                                << "unknown intrinsic function 'Format'";
    QTest::newRow("no parens") << "States.UUID"
                               << "expected '(' after States.UUID";
    QTest::newRow("unclosed") << "States.Array(1, 2"
                              << "expected ',' or ')'";
    QTest::newRow("trailing text") << "States.UUID() x"
                                   << "unexpected text after the closing ')'";
    QTest::newRow("double quotes") << R"(States.Format("x"))"
                                   << "use single quotes";
    QTest::newRow("unterminated string") << "States.Format('x)"
                                         << "unterminated string";
    QTest::newRow("empty argument") << "States.Array(1, )"
                                    << "expected an argument";
    QTest::newRow("bad path") << "States.ArrayLength($.a[)"
                              << "invalid path '$.a[";
    QTest::newRow("bad number") << "States.MathAdd(1x, 2)"
                                << "'1x' is not a number";
    QTest::newRow("too few") << "States.MathAdd(1)"
                             << "States.MathAdd takes 2 arguments, got 1";
    QTest::newRow("too many") << "States.UUID(1)"
                              << "States.UUID takes 0 arguments, got 1";
    QTest::newRow("format needs template") << "States.Format()"
                                           << "takes at least 1 argument";
    QTest::newRow("random arity") << "States.MathRandom(1)"
                                  << "takes 2 or 3 arguments";
    QTest::newRow("nested unknown") << "States.Array(States.Nope())"
                                    << "unknown intrinsic function";
    QTest::newRow("column") << "States.Array(1, ?)"
                            << "(column 17)";
}

void TestIntrinsics::syntax()
{
    QFETCH(QString, call);
    QFETCH(QString, message);
    std::string m;
    QVERIFY(!isValidIntrinsic(call.toStdString(), &m));
    QVERIFY2(QString::fromStdString(m).contains(message), m.c_str());
}

void TestIntrinsics::mathRandom()
{
    const Json input = j(sampleInput);
    IntrinsicError e;
    for (int i = 0; i < 50; ++i) {
        const auto v = evaluateIntrinsic("States.MathRandom($.start, $.end)", input, {}, &e);
        QVERIFY(v && v->is_number_integer());
        QVERIFY(*v >= 1 && *v <= 999);
    }
    // Both ends are inclusive.
    const auto same = evaluateIntrinsic("States.MathRandom(7, 7)", input, {}, &e);
    QVERIFY(same);
    COMPARE_JSON(*same, Json(7));
    // A seed makes the result repeatable.
    const auto a = evaluateIntrinsic("States.MathRandom(1, 1000000, 42)", input, {}, &e);
    const auto b = evaluateIntrinsic("States.MathRandom(1, 1000000, 42)", input, {}, &e);
    QVERIFY(a && b);
    COMPARE_JSON(*a, *b);
}

void TestIntrinsics::uuid()
{
    IntrinsicError e;
    const auto a = evaluateIntrinsic("States.UUID()", {}, {}, &e);
    const auto b = evaluateIntrinsic("States.UUID()", {}, {}, &e);
    QVERIFY(a && b && a->is_string());
    const QRegularExpression v4(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    QVERIFY2(v4.match(QString::fromStdString(a->get<std::string>())).hasMatch(), a->dump().c_str());
    QVERIFY(*a != *b);
}

void TestIntrinsics::templates_data()
{
    QTest::addColumn<QString>("tmpl");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain copied") << R"({"a": 1, "b": "$.name", "c": [1, {"d": null}]})"
                                  << R"({"a": 1, "b": "$.name", "c": [1, {"d": null}]})";
    QTest::newRow("path") << R"({"who.$": "$.name"})"
                          << R"({"who": "Arnav"})";
    QTest::newRow("root path") << R"({"all.$": "$.json1"})"
                               << R"({"all": {"a": {"a1": 1, "a2": 2}, "b": 2}})";
    QTest::newRow("context") << R"({"id.$": "$$.Execution.Id"})"
                             << R"({"id": "exec-1"})";
    QTest::newRow("intrinsic") << R"J({"greeting.$": "States.Format('Hi {}', $.name)"})J"
                               << R"({"greeting": "Hi Arnav"})";
    QTest::newRow("nested object") << R"({"outer": {"inner.$": "$.lookingFor", "keep": true}})"
                                   << R"({"outer": {"inner": 5, "keep": true}})";
    QTest::newRow("inside array") << R"({"list": [{"v.$": "$.index"}, "x"]})"
                                  << R"({"list": [{"v": 5}, "x"]})";
    QTest::newRow("wildcard path") << R"({"firsts.$": "$.objects[*].a"})"
                                   << R"({"firsts": [1, 1, 2]})";
    QTest::newRow("key order kept") << R"({"z": 1, "a.$": "$.step", "m": 2})"
                                    << R"({"z": 1, "a": -1, "m": 2})";
    QTest::newRow("scalar template") << R"("text")"
                                     << R"("text")";
    QTest::newRow("dollar key alone") << R"({".$x": 1})"
                                      << R"({".$x": 1})";
}

void TestIntrinsics::templates()
{
    QFETCH(QString, tmpl);
    QFETCH(QString, expected);
    IntrinsicError error;
    const auto result = applyTemplate(j(tmpl), j(sampleInput), j(sampleContext), &error);
    QVERIFY2(result, error.cause.c_str());
    COMPARE_JSON(*result, j(expected));
}

void TestIntrinsics::templateErrors_data()
{
    QTest::addColumn<QString>("tmpl");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("cause");

    QTest::newRow("missing path") << R"({"x.$": "$.missing"})"
                                  << "States.Runtime"
                                  << "the path $.missing given for 'x.$' matched nothing";
    QTest::newRow("not a path") << R"({"x.$": "name"})"
                                << "States.Runtime"
                                << "the value of 'x.$' is not a valid path";
    QTest::newRow("not a string") << R"({"x.$": 5})"
                                  << "States.Runtime"
                                  << "must be a path or an intrinsic function";
    QTest::newRow("nested missing") << R"({"a": [{"b.$": "$.nope"}]})"
                                    << "States.Runtime"
                                    << "'b.$'";
    QTest::newRow("failing intrinsic") << R"J({"x.$": "States.ArrayLength($.name)"})J"
                                       << "States.IntrinsicFailure"
                                       << "must be an array";
}

void TestIntrinsics::templateErrors()
{
    QFETCH(QString, tmpl);
    QFETCH(QString, error);
    QFETCH(QString, cause);
    IntrinsicError e;
    QVERIFY(!applyTemplate(j(tmpl), j(sampleInput), j(sampleContext), &e));
    QCOMPARE(QString::fromStdString(e.error), error);
    QVERIFY2(QString::fromStdString(e.cause).contains(cause), e.cause.c_str());
}

void TestIntrinsics::lengthLimits_data()
{
    QTest::addColumn<QString>("call");
    QTest::newRow("Base64Encode") << "States.Base64Encode($.text)";
    QTest::newRow("Base64Decode") << "States.Base64Decode($.text)";
    QTest::newRow("Hash") << "States.Hash($.text, 'MD5')";
}

void TestIntrinsics::lengthLimits()
{
    // Step Functions accepts at most 10,000 characters (not bytes) for these functions.
    QFETCH(QString, call);
    IntrinsicError e;
    const Json atLimit = {{"text", std::string(10000, 'A')}};
    QVERIFY2(evaluateIntrinsic(call.toStdString(), atLimit, {}, &e), e.cause.c_str());
    std::string umlauts;
    for (int i = 0; i < 5000; ++i)
        umlauts += "\u00e4"; // 5000 characters, 10000 bytes
    if (!call.contains("Decode")) {
        const Json multibyte = {{"text", umlauts}};
        QVERIFY2(evaluateIntrinsic(call.toStdString(), multibyte, {}, &e), e.cause.c_str());
    }
    const Json overLimit = {{"text", std::string(10004, 'A')}};
    QVERIFY(!evaluateIntrinsic(call.toStdString(), overLimit, {}, &e));
    QCOMPARE(QString::fromStdString(e.error), QStringLiteral("States.IntrinsicFailure"));
    QVERIFY2(QString::fromStdString(e.cause).contains("longer than 10000 characters"),
             e.cause.c_str());
}

void TestIntrinsics::hostileInput()
{
    // Deeply nested calls are refused with a message, not a stack overflow.
    std::string deep;
    for (int i = 0; i < 1000; ++i)
        deep += "States.Array(";
    deep += std::string(1000, ')');
    std::string message;
    QVERIFY(!isValidIntrinsic(deep, &message));
    QVERIFY(QString::fromStdString(message).contains("nest too deeply"));
    // A huge StringToJson nesting is refused too.
    IntrinsicError e;
    const Json input = {{"s", std::string(100000, '[')}};
    QVERIFY(!evaluateIntrinsic("States.StringToJson($.s)", input, {}, &e));
    QCOMPARE(QString::fromStdString(e.error), QStringLiteral("States.IntrinsicFailure"));
    // Random calls never crash; failures always carry an ASL error name and a cause.
    static const char *tokens[] = {"States.Format(",
                                   "States.Array(",
                                   "States.ArrayRange(",
                                   "States.MathAdd(",
                                   "States.StringSplit(",
                                   "States.JsonMerge(",
                                   "States.Hash(",
                                   "States.ArrayGetItem(",
                                   "States.ArrayPartition(",
                                   "States.Base64Decode(",
                                   ")",
                                   ")",
                                   ",",
                                   ", ",
                                   "'a'",
                                   "'{}'",
                                   "'\\{'",
                                   "1",
                                   "-3",
                                   "2.5",
                                   "0",
                                   "true",
                                   "null",
                                   "$.inputArray",
                                   "$.json1",
                                   "$.name",
                                   "$.nope",
                                   "'SHA-1'",
                                   "'",
                                   " "};
    const int tokenCount = int(sizeof(tokens) / sizeof(tokens[0]));
    QRandomGenerator random(99);
    const Json sample = j(sampleInput);
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        const int length = 1 + int(random.bounded(10));
        for (int k = 0; k < length; ++k)
            text += tokens[random.bounded(tokenCount)];
        if (!evaluateIntrinsic(text, sample, {}, &e)) {
            QVERIFY2(e.error == "States.IntrinsicFailure" || e.error == "States.Runtime",
                     text.c_str());
            QVERIFY2(!e.cause.empty(), text.c_str());
        }
    }
}

QTEST_GUILESS_MAIN(TestIntrinsics)
#include "tst_intrinsics.moc"
