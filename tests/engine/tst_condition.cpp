// The condition language behind choice states: expression grammar and its errors, canonical
// rendering, evaluation with ASL semantics, structured (snake_case) rules and ASL Choice rules.
#include "signalbox/condition.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Signalbox;

#define COMPARE_JSON(actual, expected)                                                             \
    QCOMPARE(QString::fromStdString(Json(actual).dump()),                                          \
             QString::fromStdString(Json(expected).dump()))

namespace {
Json j(const QString &text)
{
    return Json::parse(text.toStdString());
}

Condition parseOrFail(const QString &text)
{
    ConditionParseError error;
    auto c = parseConditionExpression(text.toStdString(), &error);
    if (!c)
        qFatal("'%s' did not parse: %s", qPrintable(text), error.message.c_str());
    return *c;
}

const char *sampleInput = R"({
  "amount": 1500, "vip": false, "country": "AT", "sku": "A-100", "coupon": null,
  "paid": 120, "due": 100, "name": "Ada", "tags": ["x"], "empty": [], "obj": {},
  "zero": 0, "blank": "", "flag": true, "ratio": 0.5, "big": 18446744073709551615,
  "when": "2024-03-14T01:59:00Z", "whenOffset": "2024-03-14T03:59:00+02:00",
  "later": "2024-03-14T02:00:00.5Z", "notTime": "2024-13-01T00:00:00Z",
  "nested": {"deep": {"value": 7}}, "items": [{"n": 1}, {"n": 2}],
  "pattern": "A-*", "star": "a*b", "quote": "it\u0027s"
})";

const char *sampleContext = R"({"Execution": {"Id": "exec-42", "Input": {"mode": "fast"}},
                                "State": {"Name": "check", "RetryCount": 2}})";
} // namespace

class TestCondition : public QObject
{
    Q_OBJECT

private slots:
    void canonical_data();
    void canonical();
    void parseErrors_data();
    void parseErrors();
    void inferredTypes_data();
    void inferredTypes();
    void evaluate_data();
    void evaluate();
    void structured_data();
    void structured();
    void structuredErrors_data();
    void structuredErrors();
    void structuredNotList();
    void toAsl_data();
    void toAsl();
    void aslErrors_data();
    void aslErrors();
    void fromAsl_data();
    void fromAsl();
    void aslRoundTripKeepsMeaning_data();
    void aslRoundTripKeepsMeaning();
    void deepNestingIsAnError();
    void randomInputNeverCrashesAndRoundTrips();
};

void TestCondition::canonical_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("bare path") << "$.vip"
                               << "$.vip";
    QTest::newRow("compare number") << "$.amount>1000"
                                    << "$.amount > 1000";
    QTest::newRow("every operator")
        << "$.a == 1 and $.b != 2 and $.c < 3 and $.d <= 4 and $.e > 5 and $.f >= 6"
        << "$.a == 1 and $.b != 2 and $.c < 3 and $.d <= 4 and $.e > 5 and $.f >= 6";
    QTest::newRow("and not") << "$.amount > 1000 and not $.vip"
                             << "$.amount > 1000 and not $.vip";
    QTest::newRow("symbols") << "$.a && !$.b || $.c"
                             << "$.a and not $.b or $.c";
    QTest::newRow("precedence") << "$.a or $.b and $.c"
                                << "$.a or $.b and $.c";
    QTest::newRow("parentheses kept") << "($.a or $.b) and $.c"
                                      << "($.a or $.b) and $.c";
    QTest::newRow("redundant parentheses") << "(($.a))"
                                           << "$.a";
    QTest::newRow("nested and kept") << "$.a and ($.b and $.c)"
                                     << "$.a and ($.b and $.c)";
    QTest::newRow("not of group") << "not ($.a or $.b)"
                                  << "not ($.a or $.b)";
    QTest::newRow("double not") << "not not $.a"
                                << "not not $.a";
    QTest::newRow("in list") << "$.country in ['DE','AT']"
                             << "$.country in ['DE', 'AT']";
    QTest::newRow("in mixed") << "$.x in [1, 'a', true, null]"
                              << "$.x in [1, 'a', true, null]";
    QTest::newRow("in empty") << "$.x in []"
                              << "$.x in []";
    QTest::newRow("not in") << "$.country not in ['DE']"
                            << "not $.country in ['DE']";
    QTest::newRow("double quotes") << R"($.name == "Ada")"
                                   << "$.name == 'Ada'";
    QTest::newRow("escaped quote") << R"($.q == 'it\'s')"
                                   << R"($.q == 'it\'s')";
    QTest::newRow("matches") << "matches($.sku, 'A-*')"
                             << "matches($.sku, 'A-*')";
    QTest::newRow("exists") << "exists($.coupon)"
                            << "exists($.coupon)";
    QTest::newRow("is_present alias") << "is_present($.coupon)"
                                      << "exists($.coupon)";
    QTest::newRow("type tests")
        << "is_null($.a) or is_number($.b) or is_string($.c) or is_boolean($.d) or "
           "is_timestamp($.e)"
        << "is_null($.a) or is_number($.b) or is_string($.c) or is_boolean($.d) or "
           "is_timestamp($.e)";
    QTest::newRow("test == false") << "exists($.x) == false"
                                   << "exists($.x) == false";
    QTest::newRow("test != true") << "is_null($.x) != true"
                                  << "is_null($.x) == false";
    QTest::newRow("test == true") << "is_string($.x) == true"
                                  << "is_string($.x)";
    QTest::newRow("is_truthy false") << "is_truthy($.x) == false"
                                     << "is_truthy($.x) == false";
    QTest::newRow("path both sides") << "$.paid >= $.due"
                                     << "$.paid >= $.due";
    QTest::newRow("literal on left flips") << "1000 < $.amount"
                                           << "$.amount > 1000";
    QTest::newRow("literal on left eq") << "'AT' == $.country"
                                        << "$.country == 'AT'";
    QTest::newRow("null equals") << "$.coupon == null"
                                 << "is_null($.coupon)";
    QTest::newRow("null not equals") << "$.coupon != null"
                                     << "is_null($.coupon) == false";
    QTest::newRow("boolean") << "$.vip == true"
                             << "$.vip == true";
    QTest::newRow("timestamp") << "$.when < '2024-03-14T02:00:00Z'"
                               << "$.when < '2024-03-14T02:00:00Z'";
    QTest::newRow("string cast of timestamp") << "$.when == string('2024-03-14T02:00:00Z')"
                                              << "$.when == string('2024-03-14T02:00:00Z')";
    QTest::newRow("cast on left path") << "number($.paid) >= $.due"
                                       << "$.paid >= number($.due)";
    QTest::newRow("timestamp paths") << "$.a < timestamp($.b)"
                                     << "$.a < timestamp($.b)";
    QTest::newRow("context path") << "$$.Execution.Input.mode == 'fast'"
                                  << "$$.Execution.Input.mode == 'fast'";
    QTest::newRow("bracket path") << "$['odd key'][0] == 1"
                                  << "$['odd key'][0] == 1";
    QTest::newRow("filter path") << "$.items[?(@.n > 1)] == $.x"
                                 << "$.items[?(@.n > 1)] == $.x";
    QTest::newRow("negative and float") << "$.t > -1.5"
                                        << "$.t > -1.5";
    QTest::newRow("exponent") << "$.t < 1e3"
                              << "$.t < 1000.0";
    QTest::newRow("keywords in names") << "$.and == $.or"
                                       << "$.and == $.or";
}

void TestCondition::canonical()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const Condition c = parseOrFail(text);
    QCOMPARE(QString::fromStdString(conditionToExpression(c)), canonical);
    // The canonical text parses back to an equal tree.
    const Condition again = parseOrFail(canonical);
    QVERIFY(again == c);
}

void TestCondition::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << "" << 0 << "expected a condition at column 1";
    QTest::newRow("missing value")
        << "$.amount >  " << 12 << "expected a value after '>' at column 13";
    QTest::newRow("missing value before and")
        << "$.a > and $.b" << 6 << "expected a value after '>' at column 7";
    QTest::newRow("unknown function")
        << "exist($.coupon)" << 0 << "unknown function 'exist', did you mean 'exists' at column 1";
    QTest::newRow("unknown function far")
        << "$.a and is_numbr($.b)" << 8 << "did you mean 'is_number'";
    QTest::newRow("bare word") << "amount > 5" << 0 << "paths start with '$', e.g. $.amount";
    QTest::newRow("single equals") << "$.a = 1" << 4 << "use '==' to compare, not '='";
    QTest::newRow("two literals") << "1 == 2" << 0 << "both sides of '==' are literals";
    QTest::newRow("unclosed paren")
        << "($.a or $.b" << 11 << "expected ')' to close '(' at column 1";
    QTest::newRow("extra paren") << "$.a)" << 3 << "unexpected ')'";
    QTest::newRow("trailing token") << "$.a $.b" << 4 << "expected 'and', 'or' or the end";
    QTest::newRow("dangling and") << "$.a and" << 7 << "expected a condition after 'and'";
    QTest::newRow("leading or") << "or $.a" << 0 << "expected a condition before 'or'";
    QTest::newRow("dangling not") << "not" << 3 << "expected a condition after 'not'";
    QTest::newRow("unterminated string") << "$.a == 'abc" << 7 << "unterminated string";
    QTest::newRow("bad path") << "$.a..== 1" << 5 << "invalid path";
    QTest::newRow("unclosed bracket in path") << "$.a[0 == 1" << 10 << "missing ']'";
    QTest::newRow("in without list") << "$.a in 'x'" << 7 << "expected a list";
    QTest::newRow("in with path item") << "$.a in [$.b]" << 8 << "holds literals only";
    QTest::newRow("in unclosed") << "$.a in [1, 2" << 12 << "expected ',' or ']'";
    QTest::newRow("list elsewhere") << "$.a == [1]" << 7 << "only allowed after 'in'";
    QTest::newRow("null ordering") << "$.a < null" << 4 << "null can only be compared";
    QTest::newRow("boolean ordering") << "$.a > true" << 4 << "true and false can only";
    QTest::newRow("exists without path") << "exists('x')" << 7 << "exists() expects a path";
    QTest::newRow("matches without pattern") << "matches($.a, 5)" << 13 << "quoted pattern";
    QTest::newRow("matches missing comma") << "matches($.a 'x')" << 12 << "expected ','";
    QTest::newRow("test compared with number")
        << "exists($.a) == 1" << 15 << "expected true or false";
    QTest::newRow("bad cast literal")
        << "$.a == timestamp('yesterday')" << 7 << "RFC 3339 timestamp";
    QTest::newRow("conflicting casts") << "string($.a) == number($.b)" << 15 << "different types";
    QTest::newRow("literal alone") << "5" << 1 << "expected a comparison";
    QTest::newRow("at sign") << "@.a == 1" << 0 << "only allowed inside [?(...)] filters";
    QTest::newRow("bad character") << "$.a == 1 # comment" << 9 << "unexpected character '#'";
    QTest::newRow("bad number") << "$.a == 12abc" << 7 << "'12abc' is not a number";
    QTest::newRow("empty parens") << "()" << 1 << "empty parentheses";
    QTest::newRow("columns count characters") << QString::fromUtf8("$.größe == 'ü' and") << 18
                                              << "expected a condition after 'and' at column 19";
}

void TestCondition::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(int, offset);
    QFETCH(QString, message);
    ConditionParseError error;
    QVERIFY(!parseConditionExpression(text.toStdString(), &error));
    QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
    QCOMPARE(error.offset, offset);
}

void TestCondition::inferredTypes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("valueType");

    QTest::newRow("number") << "$.a == 1" << int(Condition::ValueType::Numeric);
    QTest::newRow("string") << "$.a == 'x'" << int(Condition::ValueType::String);
    QTest::newRow("date only is a string")
        << "$.a == '2024-01-01'" << int(Condition::ValueType::String);
    QTest::newRow("timestamp") << "$.a == '2024-01-01T00:00:00Z'"
                               << int(Condition::ValueType::Timestamp);
    QTest::newRow("timestamp offset")
        << "$.a > '2024-01-01T00:00:00.250-05:30'" << int(Condition::ValueType::Timestamp);
    QTest::newRow("lowercase t is a string")
        << "$.a == '2024-01-01t00:00:00Z'" << int(Condition::ValueType::String);
    QTest::newRow("boolean") << "$.a != false" << int(Condition::ValueType::Boolean);
    QTest::newRow("paths") << "$.a <= $.b" << int(Condition::ValueType::Any);
    QTest::newRow("cast") << "$.a <= string($.b)" << int(Condition::ValueType::String);
}

void TestCondition::inferredTypes()
{
    QFETCH(QString, text);
    QFETCH(int, valueType);
    const Condition c = parseOrFail(text);
    QCOMPARE(c.kind, Condition::Kind::Compare);
    QCOMPARE(int(c.valueType), valueType);
}

void TestCondition::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");

    // Numbers.
    QTest::newRow("gt true") << "$.amount > 1000" << true;
    QTest::newRow("gt false") << "$.amount > 1500" << false;
    QTest::newRow("ge equal") << "$.amount >= 1500" << true;
    QTest::newRow("le") << "$.amount <= 1500.0" << true;
    QTest::newRow("lt float") << "$.ratio < 0.75" << true;
    QTest::newRow("int equals float") << "$.amount == 1500.0" << true;
    QTest::newRow("ne") << "$.amount != 1" << true;
    QTest::newRow("huge unsigned") << "$.big > 1e19" << true;
    // Strings.
    QTest::newRow("string eq") << "$.country == 'AT'" << true;
    QTest::newRow("string order") << "$.name < 'Bob'" << true;
    QTest::newRow("string ne") << "$.country != 'DE'" << true;
    QTest::newRow("escaped quote") << R"($.quote == 'it\'s')" << true;
    // Type mismatch and missing variables are false, != included.
    QTest::newRow("number vs string") << "$.amount == '1500'" << false;
    QTest::newRow("ne type mismatch") << "$.amount != 'x'" << false;
    QTest::newRow("missing compare") << "$.missing > 1" << false;
    QTest::newRow("missing ne") << "$.missing != 1" << false;
    QTest::newRow("missing rhs path") << "$.amount == $.missing" << false;
    // Booleans.
    QTest::newRow("bool eq") << "$.vip == false" << true;
    QTest::newRow("bool ne") << "$.flag != false" << true;
    QTest::newRow("bool vs number") << "$.zero == false" << false;
    // Truthiness.
    QTest::newRow("truthy true") << "$.flag" << true;
    QTest::newRow("truthy number") << "$.amount" << true;
    QTest::newRow("truthy string") << "$.name" << true;
    QTest::newRow("truthy array") << "$.tags" << true;
    QTest::newRow("falsy false") << "$.vip" << false;
    QTest::newRow("falsy zero") << "$.zero" << false;
    QTest::newRow("falsy empty string") << "$.blank" << false;
    QTest::newRow("falsy empty array") << "$.empty" << false;
    QTest::newRow("falsy empty object") << "$.obj" << false;
    QTest::newRow("falsy null") << "$.coupon" << false;
    QTest::newRow("falsy missing") << "$.missing" << false;
    QTest::newRow("not missing") << "not $.missing" << true;
    QTest::newRow("is_truthy == false") << "is_truthy($.vip) == false" << true;
    // Logic.
    QTest::newRow("design example") << "$.amount > 1000 and not $.vip" << true;
    QTest::newRow("or") << "$.vip or $.flag" << true;
    QTest::newRow("and short") << "$.vip and $.flag" << false;
    QTest::newRow("grouping") << "($.vip or $.flag) and $.zero" << false;
    // in.
    QTest::newRow("in true") << "$.country in ['DE','AT']" << true;
    QTest::newRow("in false") << "$.country in ['DE','CH']" << false;
    QTest::newRow("in number") << "$.amount in [1, 1500]" << true;
    QTest::newRow("in mixed types") << "$.amount in ['1500']" << false;
    QTest::newRow("in null") << "$.coupon in [null]" << true;
    QTest::newRow("in empty") << "$.country in []" << false;
    QTest::newRow("not in") << "$.country not in ['DE']" << true;
    QTest::newRow("in missing") << "$.missing in [null]" << false;
    // matches.
    QTest::newRow("matches prefix") << "matches($.sku, 'A-*')" << true;
    QTest::newRow("matches no") << "matches($.sku, 'B-*')" << false;
    QTest::newRow("matches middle") << "matches($.sku, 'A*0')" << true;
    QTest::newRow("matches exact") << "matches($.sku, 'A-100')" << true;
    QTest::newRow("matches star only") << "matches($.blank, '*')" << true;
    QTest::newRow("matches escaped star") << R"(matches($.star, 'a\\*b'))" << true;
    QTest::newRow("matches escaped star no") << R"(matches($.sku, 'A-\\*'))" << false;
    QTest::newRow("matches single backslash star") << R"(matches($.star, 'a\*b'))" << true;
    QTest::newRow("matches single backslash no") << R"(matches($.sku, 'A-\*'))" << false;
    QTest::newRow("matches non string") << "matches($.amount, '*')" << false;
    // Functions.
    QTest::newRow("exists null") << "exists($.coupon)" << true;
    QTest::newRow("exists missing") << "exists($.missing)" << false;
    QTest::newRow("exists false missing") << "exists($.missing) == false" << true;
    QTest::newRow("is_null") << "is_null($.coupon)" << true;
    QTest::newRow("is_null missing") << "is_null($.missing)" << false;
    QTest::newRow("is_null false missing") << "is_null($.missing) == false" << false;
    QTest::newRow("not null") << "$.amount != null" << true;
    QTest::newRow("is_number") << "is_number($.ratio)" << true;
    QTest::newRow("is_number string") << "is_number($.name)" << false;
    QTest::newRow("is_string") << "is_string($.name)" << true;
    QTest::newRow("is_boolean") << "is_boolean($.vip)" << true;
    QTest::newRow("is_timestamp") << "is_timestamp($.when)" << true;
    QTest::newRow("is_timestamp invalid month") << "is_timestamp($.notTime)" << false;
    QTest::newRow("is_timestamp string") << "is_timestamp($.name)" << false;
    // Timestamps compare as instants.
    QTest::newRow("ts lt") << "$.when < '2024-03-14T02:00:00Z'" << true;
    QTest::newRow("ts offset equal instant") << "$.whenOffset == '2024-03-14T01:59:00Z'" << true;
    QTest::newRow("ts fraction") << "$.later > '2024-03-14T02:00:00Z'" << true;
    QTest::newRow("ts paths any") << "$.when == $.whenOffset" << true;
    QTest::newRow("ts as string") << "$.whenOffset == string('2024-03-14T01:59:00Z')" << false;
    QTest::newRow("ts vs non ts") << "$.name < '2024-03-14T02:00:00Z'" << false;
    QTest::newRow("ts invalid value") << "$.notTime < '2030-01-01T00:00:00Z'" << false;
    // Paths on both sides.
    QTest::newRow("paid >= due") << "$.paid >= $.due" << true;
    QTest::newRow("due >= paid") << "$.due >= $.paid" << false;
    QTest::newRow("path string compare") << "$.name < $.country" << false;
    QTest::newRow("path number vs string") << "$.paid == $.name" << false;
    QTest::newRow("path objects equal") << "$.obj == $.obj" << true;
    QTest::newRow("path numeric cast") << "$.paid > number($.due)" << true;
    QTest::newRow("path numeric cast mismatch") << "$.name > number($.due)" << false;
    // Nested and indexed paths, filters and the context object.
    QTest::newRow("nested") << "$.nested.deep.value == 7" << true;
    QTest::newRow("index") << "$.items[1].n == 2" << true;
    QTest::newRow("context") << "$$.Execution.Input.mode == 'fast'" << true;
    QTest::newRow("context retry") << "$$.State.RetryCount >= 2" << true;
    QTest::newRow("filter truthy") << "$.items[?(@.n > 1)]" << true;
    QTest::newRow("filter empty falsy") << "$.items[?(@.n > 5)]" << false;
}

void TestCondition::evaluate()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    const Condition c = parseOrFail(text);
    QCOMPARE(evaluateCondition(c, Json::parse(sampleInput), Json::parse(sampleContext)), expected);
}

void TestCondition::structured_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("expression");

    QTest::newRow("numeric_greater_than") << R"({"variable": "$.x", "numeric_greater_than": 5})"
                                          << "$.x > 5";
    QTest::newRow("numeric_less_than_equals")
        << R"({"variable": "$.x", "numeric_less_than_equals": 5.5})"
        << "$.x <= 5.5";
    QTest::newRow("numeric_equals_path") << R"({"variable": "$.a", "numeric_equals_path": "$.b"})"
                                         << "$.a == number($.b)";
    QTest::newRow("string_equals") << R"({"variable": "$.s", "string_equals": "x"})"
                                   << "$.s == 'x'";
    QTest::newRow("string_equals timestamp text")
        << R"({"variable": "$.s", "string_equals": "2024-01-01T00:00:00Z"})"
        << "$.s == string('2024-01-01T00:00:00Z')";
    QTest::newRow("string_greater_than_path")
        << R"({"variable": "$.s", "string_greater_than_path": "$.t"})"
        << "$.s > string($.t)";
    QTest::newRow("string_matches") << R"({"variable": "$.s", "string_matches": "log-*.txt"})"
                                    << "matches($.s, 'log-*.txt')";
    QTest::newRow("boolean_equals") << R"({"variable": "$.b", "boolean_equals": true})"
                                    << "$.b == true";
    QTest::newRow("boolean_equals_path") << R"({"variable": "$.b", "boolean_equals_path": "$.c"})"
                                         << "$.b == boolean($.c)";
    QTest::newRow("timestamp_less_than")
        << R"({"variable": "$.t", "timestamp_less_than": "2024-01-01T00:00:00Z"})"
        << "$.t < '2024-01-01T00:00:00Z'";
    QTest::newRow("timestamp_greater_than_equals_path")
        << R"({"variable": "$.t", "timestamp_greater_than_equals_path": "$.u"})"
        << "$.t >= timestamp($.u)";
    QTest::newRow("is_present") << R"({"variable": "$.x", "is_present": true})"
                                << "exists($.x)";
    QTest::newRow("is_present false") << R"({"variable": "$.x", "is_present": false})"
                                      << "exists($.x) == false";
    QTest::newRow("is_null") << R"({"variable": "$.x", "is_null": true})"
                             << "is_null($.x)";
    QTest::newRow("is_numeric") << R"({"variable": "$.x", "is_numeric": true})"
                                << "is_number($.x)";
    QTest::newRow("is_string") << R"({"variable": "$.x", "is_string": true})"
                               << "is_string($.x)";
    QTest::newRow("is_boolean") << R"({"variable": "$.x", "is_boolean": false})"
                                << "is_boolean($.x) == false";
    QTest::newRow("is_timestamp") << R"({"variable": "$.x", "is_timestamp": true})"
                                  << "is_timestamp($.x)";
    QTest::newRow("is_truthy") << R"({"variable": "$.x", "is_truthy": true})"
                               << "$.x";
    QTest::newRow("and") << R"({"and": [{"variable": "$.a", "numeric_greater_than": 1},
                                        {"variable": "$.b", "string_equals": "y"}]})"
                         << "$.a > 1 and $.b == 'y'";
    QTest::newRow("or with not") << R"({"or": [{"not": {"variable": "$.a", "is_present": true}},
                      {"variable": "$.a", "numeric_equals": 0}]})"
                                 << "not exists($.a) or $.a == 0";
    QTest::newRow("next and comment ignored")
        << R"({"variable": "$.x", "numeric_equals": 1, "next": "s", "comment": "c"})"
        << "$.x == 1";
    QTest::newRow("context variable")
        << R"({"variable": "$$.State.RetryCount", "numeric_less_than": 3})"
        << "$$.State.RetryCount < 3";
}

void TestCondition::structured()
{
    QFETCH(QString, rule);
    QFETCH(QString, expression);
    std::string error;
    const auto c = parseStructuredRule(j(rule), &error);
    QVERIFY2(c, error.c_str());
    QCOMPARE(QString::fromStdString(conditionToExpression(*c)), expression);
    // The expression spelling parses to the same tree.
    QVERIFY(parseOrFail(expression) == *c);
    // And the structured writer gives the rule back (without next/comment).
    Json expected = j(rule);
    expected.erase("next");
    expected.erase("comment");
    COMPARE_JSON(conditionToStructuredRule(*c), expected);
}

void TestCondition::structuredErrors_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("message");

    QTest::newRow("not an object") << R"("$.x > 1")"
                                   << "rule must be an object";
    QTest::newRow("no variable") << R"({"numeric_equals": 1})"
                                 << "needs 'variable'";
    QTest::newRow("variable not path") << R"({"variable": "x", "numeric_equals": 1})"
                                       << "invalid variable 'x'";
    QTest::newRow("variable not string") << R"({"variable": 5, "numeric_equals": 1})"
                                         << "variable must be a path";
    QTest::newRow("no operator") << R"({"variable": "$.x"})"
                                 << "needs a comparison";
    QTest::newRow("unknown operator")
        << R"({"variable": "$.x", "numeric_greater": 1})"
        << "unknown operator 'numeric_greater', did you mean 'numeric_greater_than'";
    QTest::newRow("pascal in snake") << R"({"variable": "$.x", "NumericEquals": 1})"
                                     << "did you mean 'numeric_equals'";
    QTest::newRow("two operators")
        << R"({"variable": "$.x", "numeric_equals": 1, "numeric_less_than": 2})"
        << "several comparisons";
    QTest::newRow("wrong operand type") << R"({"variable": "$.x", "numeric_equals": "1"})"
                                        << "numeric_equals expects a number, got \"1\"";
    QTest::newRow("string operand") << R"({"variable": "$.x", "string_equals": 1})"
                                    << "expects a string";
    QTest::newRow("boolean operand") << R"({"variable": "$.x", "boolean_equals": "true"})"
                                     << "expects true or false";
    QTest::newRow("bad timestamp") << R"({"variable": "$.x", "timestamp_equals": "2024-01-01"})"
                                   << "RFC 3339 timestamp";
    QTest::newRow("bad path operand") << R"({"variable": "$.x", "numeric_equals_path": "$.a["})"
                                      << "invalid path '$.a['";
    QTest::newRow("test not boolean") << R"({"variable": "$.x", "is_present": 1})"
                                      << "is_present expects true or false";
    QTest::newRow("and not list") << R"({"and": {"variable": "$.x", "is_null": true}})"
                                  << "rule.and must be a non-empty list";
    QTest::newRow("and empty") << R"({"and": []})"
                               << "non-empty list";
    QTest::newRow("and with variable") << R"({"and": [], "variable": "$.x"})"
                                       << "cannot be combined";
    QTest::newRow("nested error location")
        << R"({"or": [{"variable": "$.x", "is_null": true}, {"not": {"variable": "$.y"}}]})"
        << "rule.or[1].not needs a comparison";
}

void TestCondition::structuredErrors()
{
    QFETCH(QString, rule);
    QFETCH(QString, message);
    std::string error;
    QVERIFY(!parseStructuredRule(j(rule), &error));
    QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
}

void TestCondition::structuredNotList()
{
    // `not` takes one rule; in the structured spelling a one-rule list works too, like and/or.
    std::string error;
    const auto c
        = parseStructuredRule(j(R"({"not": [{"variable": "$.x", "is_null": true}]})"), &error);
    QVERIFY2(c, error.c_str());
    QCOMPARE(QString::fromStdString(conditionToExpression(*c)), QStringLiteral("not is_null($.x)"));
    QVERIFY(!parseStructuredRule(j(R"({"not": [{"variable": "$.x", "is_null": true},
                                                {"variable": "$.y", "is_null": true}]})"),
                                 &error));
    QVERIFY(!conditionFromAslRule(j(R"({"Not": [{"Variable": "$.x", "IsNull": true}]})"), &error));
}

void TestCondition::toAsl_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("asl");

    QTest::newRow("numeric") << "$.x > 5"
                             << R"({"Variable": "$.x", "NumericGreaterThan": 5})";
    QTest::newRow("string") << "$.s <= 'm'"
                            << R"({"Variable": "$.s", "StringLessThanEquals": "m"})";
    QTest::newRow("timestamp") << "$.t >= '2024-01-01T00:00:00Z'"
                               << R"({"Variable": "$.t",
                                      "TimestampGreaterThanEquals": "2024-01-01T00:00:00Z"})";
    QTest::newRow("boolean") << "$.b == false"
                             << R"({"Variable": "$.b", "BooleanEquals": false})";
    QTest::newRow("matches") << "matches($.s, 'a*')"
                             << R"({"Variable": "$.s", "StringMatches": "a*"})";
    QTest::newRow("typed path") << "$.a < number($.b)"
                                << R"({"Variable": "$.a", "NumericLessThanPath": "$.b"})";
    QTest::newRow("untyped ordering is numeric")
        << "$.paid >= $.due"
        << R"({"Variable": "$.paid", "NumericGreaterThanEqualsPath": "$.due"})";
    QTest::newRow("untyped equality") << "$.a == $.b"
                                      << R"({"Or": [{"Variable": "$.a", "NumericEqualsPath": "$.b"},
                      {"Variable": "$.a", "StringEqualsPath": "$.b"},
                      {"Variable": "$.a", "BooleanEqualsPath": "$.b"}]})";
    QTest::newRow("not equals") << "$.x != 1"
                                << R"({"Not": {"Variable": "$.x", "NumericEquals": 1}})";
    QTest::newRow("in") << "$.c in ['DE', 'AT']"
                        << R"({"Or": [{"Variable": "$.c", "StringEquals": "DE"},
                                      {"Variable": "$.c", "StringEquals": "AT"}]})";
    QTest::newRow("in single") << "$.c in [1]"
                               << R"({"Variable": "$.c", "NumericEquals": 1})";
    QTest::newRow("in with null") << "$.c in [null]"
                                  << R"({"Variable": "$.c", "IsNull": true})";
    QTest::newRow("truthy") << "$.vip"
                            << R"({"And": [{"Variable": "$.vip", "IsPresent": true},
                                           {"Variable": "$.vip", "BooleanEquals": true}]})";
    QTest::newRow("tests") << "exists($.a) and is_number($.b) == false"
                           << R"({"And": [{"Variable": "$.a", "IsPresent": true},
                                          {"Variable": "$.b", "IsNumeric": false}]})";
    QTest::newRow("null") << "$.a == null"
                          << R"({"Variable": "$.a", "IsNull": true})";
    QTest::newRow("or not") << "not ($.a > 1 or $.b < 2)"
                            << R"({"Not": {"Or": [{"Variable": "$.a", "NumericGreaterThan": 1},
                                                  {"Variable": "$.b", "NumericLessThan": 2}]}})";
}

void TestCondition::toAsl()
{
    QFETCH(QString, expression);
    QFETCH(QString, asl);
    std::string error;
    const auto rule = conditionToAslRule(parseOrFail(expression), &error);
    QVERIFY2(rule, error.c_str());
    COMPARE_JSON(*rule, j(asl));
}

void TestCondition::aslErrors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty in") << "$.c in []"
                              << "empty list";
    QTest::newRow("not truthy") << "is_truthy($.x) == false"
                                << "no ASL equivalent";
    QTest::newRow("boolean path ordering") << "$.a < boolean($.b)"
                                           << "booleans can only";
}

void TestCondition::aslErrors()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    std::string error;
    ConditionParseError parseError;
    auto c = parseConditionExpression(expression.toStdString(), &parseError);
    if (!c) {
        // Some inexpressible trees cannot be typed as expressions; build them by hand.
        QCOMPARE(expression, QStringLiteral("$.a < boolean($.b)"));
        Condition manual;
        manual.kind = Condition::Kind::Compare;
        manual.variable = "$.a";
        manual.op = Condition::Op::Lt;
        manual.valueType = Condition::ValueType::Boolean;
        manual.valuePath = "$.b";
        c = manual;
    }
    QVERIFY(!conditionToAslRule(*c, &error));
    QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
}

void TestCondition::fromAsl_data()
{
    QTest::addColumn<QString>("asl");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("error");

    QTest::newRow("spec example")
        << R"({"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"})"
        << "not $.type == 'Private'"
        << "";
    QTest::newRow("spec and")
        << R"({"And": [{"Variable": "$.value", "IsPresent": true},
                       {"Variable": "$.value", "IsNumeric": true},
                       {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                       {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"})"
        << "exists($.value) and is_number($.value) and $.value >= 20 and $.value < 30"
        << "";
    QTest::newRow("timestamp path") << R"({"Variable": "$.a", "TimestampLessThanPath": "$.b"})"
                                    << "$.a < timestamp($.b)"
                                    << "";
    QTest::newRow("string matches") << R"({"Variable": "$.f", "StringMatches": "*.log"})"
                                    << "matches($.f, '*.log')"
                                    << "";
    QTest::newRow("comment ignored") << R"({"Variable": "$.x", "IsNull": false, "Comment": "c"})"
                                     << "is_null($.x) == false"
                                     << "";
    QTest::newRow("snake in asl") << R"({"Variable": "$.x", "numeric_equals": 1})"
                                  << ""
                                  << "did you mean 'NumericEquals'";
    QTest::newRow("truthy is not ASL") << R"({"Variable": "$.x", "IsTruthy": true})"
                                       << ""
                                       << "unknown operator 'IsTruthy'";
    QTest::newRow("missing variable") << R"({"NumericEquals": 1})"
                                      << ""
                                      << "needs 'Variable'";
    QTest::newRow("bad not") << R"({"Not": [{"Variable": "$.x", "IsNull": true}]})"
                             << ""
                             << "rule.Not must be an object";
}

void TestCondition::fromAsl()
{
    QFETCH(QString, asl);
    QFETCH(QString, expression);
    QFETCH(QString, error);
    std::string message;
    const auto c = conditionFromAslRule(j(asl), &message);
    if (!error.isEmpty()) {
        QVERIFY(!c);
        QVERIFY2(QString::fromStdString(message).contains(error), message.c_str());
        return;
    }
    QVERIFY2(c, message.c_str());
    QCOMPARE(QString::fromStdString(conditionToExpression(*c)), expression);
}

void TestCondition::aslRoundTripKeepsMeaning_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("numbers") << "$.amount > 1000 and $.paid >= $.due";
    QTest::newRow("in") << "$.country in ['DE', 'AT'] or $.amount in [1, 2]";
    QTest::newRow("timestamps")
        << "$.when < '2024-03-14T02:00:00Z' and $.later > timestamp($.when)";
    QTest::newRow("tests") << "exists($.coupon) and is_null($.coupon) and not is_string($.amount)";
    QTest::newRow("matches") << "matches($.sku, 'A-*') or matches($.sku, '*9')";
    QTest::newRow("booleans") << "$.flag and $.vip == false";
    QTest::newRow("context") << "$$.State.RetryCount < 3";
}

void TestCondition::aslRoundTripKeepsMeaning()
{
    // Exported to ASL and read back, a condition gives the same answer on the sample data and on
    // variations of it (for the documented exceptions see docs/expressions.md).
    QFETCH(QString, expression);
    const Condition original = parseOrFail(expression);
    std::string error;
    const auto asl = conditionToAslRule(original, &error);
    QVERIFY2(asl, error.c_str());
    const auto back = conditionFromAslRule(*asl, &error);
    QVERIFY2(back, error.c_str());
    const Json context = Json::parse(sampleContext);
    Json input = Json::parse(sampleInput);
    const Json variations[] = {input, Json::object(), j(R"({"country": "DE", "amount": 2})"),
                               j(R"({"flag": true, "vip": false, "coupon": null})")};
    for (const Json &v : variations) {
        QCOMPARE(evaluateCondition(*back, v, context), evaluateCondition(original, v, context));
    }
}

void TestCondition::deepNestingIsAnError()
{
    const std::string deepParens = std::string(5000, '(') + "$.a" + std::string(5000, ')');
    ConditionParseError error;
    QVERIFY(!parseConditionExpression(deepParens, &error));
    QVERIFY(QString::fromStdString(error.message).contains("nests too deeply"));

    std::string deepNot;
    for (int i = 0; i < 5000; ++i)
        deepNot += "not ";
    QVERIFY(!parseConditionExpression(deepNot + "$.a", &error));

    Json rule = {{"variable", "$.a"}, {"is_null", true}};
    for (int i = 0; i < 200; ++i)
        rule = Json{{"not", rule}};
    std::string message;
    QVERIFY(!parseStructuredRule(rule, &message));
    QVERIFY(QString::fromStdString(message).contains("nest too deeply"));
}

void TestCondition::randomInputNeverCrashesAndRoundTrips()
{
    // Token soup from the grammar's own vocabulary: whatever parses must render to text that
    // parses back to an equal tree and converts to rules without crashing; whatever does not
    // parse must say where.
    static const char *tokens[] = {"$",
                                   "$$",
                                   ".a",
                                   ".b",
                                   "[0]",
                                   "['k']",
                                   "[*]",
                                   "[?(@.n > 1)]",
                                   "(",
                                   ")",
                                   "[",
                                   "]",
                                   "'x'",
                                   "'2024-01-01T00:00:00Z'",
                                   "\"q\"",
                                   "1",
                                   "-2.5",
                                   "true",
                                   "false",
                                   "null",
                                   "==",
                                   "!=",
                                   "<",
                                   "<=",
                                   ">",
                                   ">=",
                                   "and",
                                   "or",
                                   "not",
                                   "in",
                                   "&&",
                                   "||",
                                   "!",
                                   ",",
                                   "exists",
                                   "is_null",
                                   "is_number",
                                   "matches",
                                   "is_truthy",
                                   "number",
                                   "string",
                                   "timestamp",
                                   "boolean",
                                   " ",
                                   " ",
                                   " ",
                                   "$.a",
                                   "$.b",
                                   "$$.State.Name",
                                   "@",
                                   "=",
                                   "\\",
                                   "'"};
    const int tokenCount = int(sizeof(tokens) / sizeof(tokens[0]));
    QRandomGenerator random(20240131);
    const Json input = Json::parse(sampleInput);
    const Json context = Json::parse(sampleContext);
    int parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        const int length = 1 + int(random.bounded(12));
        for (int k = 0; k < length; ++k)
            text += tokens[random.bounded(tokenCount)];
        ConditionParseError error;
        const auto c = parseConditionExpression(text, &error);
        if (!c) {
            QVERIFY2(!error.message.empty(), text.c_str());
            QVERIFY2(error.offset >= 0 && error.offset <= int(text.size()), text.c_str());
            continue;
        }
        ++parsed;
        const std::string canonical = conditionToExpression(*c);
        const auto again = parseConditionExpression(canonical, &error);
        QVERIFY2(again, (text + " -> " + canonical + ": " + error.message).c_str());
        QVERIFY2(*again == *c, (text + " -> " + canonical).c_str());
        evaluateCondition(*c, input, context);
        std::string message;
        if (conditionToAslRule(*c, &message))
            QVERIFY(conditionFromAslRule(*conditionToAslRule(*c, &message), &message));
        const Json structured = conditionToStructuredRule(*c);
        if (!structured.is_null())
            QVERIFY2(parseStructuredRule(structured, &message), message.c_str());
    }
    QVERIFY(parsed > 100); // the soup is not all noise
}

QTEST_GUILESS_MAIN(TestCondition)
#include "tst_condition.moc"
