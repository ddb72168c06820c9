// The store's hand-written compact JSON writer must write exactly what nlohmann's dump() writes
// (the same text in the database whichever path wrote it): ordinary values, hostile strings
// (escapes, control characters, non-ASCII, invalid UTF-8), floats, extremes and deep nesting.
#include "store/compactjson.h"
#include "store/statement.h"

#include <QtTest>

#include <limits>
#include <random>

using namespace Signalbox;

namespace {

std::string library(const Json &v)
{
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ours(const Json &v)
{
    std::string out = "prefix:"; // appends, never clears
    appendCompactJson(out, v);
    return out.substr(7);
}

// A random value of every kind, strings from a small alphabet of troublemakers.
Json randomValue(std::mt19937 &rng, int depth)
{
    static const std::vector<std::string> pieces = {"a",
                                                    "Z",
                                                    " ",
                                                    "\"",
                                                    "\\",
                                                    "/",
                                                    "\n",
                                                    "\t",
                                                    "\x01",
                                                    "\x1f",
                                                    "\x7f",
                                                    "é",
                                                    "\xe2\x82\xac",
                                                    "\xf0\x9f\x98\x80",
                                                    "\xff",
                                                    "\xc3",
                                                    "{",
                                                    "}",
                                                    "$.x",
                                                    "0"};
    const int kind = int(rng() % (depth > 3 ? 6 : 8));
    switch (kind) {
    case 0:
        return nullptr;
    case 1:
        return rng() % 2 == 0;
    case 2:
        return std::int64_t(rng()) - std::int64_t(rng()) * 1000;
    case 3:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 4:
    case 5: {
        std::string s;
        for (int i = int(rng() % 6); i > 0; --i)
            s += pieces[rng() % pieces.size()];
        return s;
    }
    case 6: {
        Json a = Json::array();
        for (int i = int(rng() % 4); i > 0; --i)
            a.push_back(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        Json o = Json::object();
        for (int i = int(rng() % 4); i > 0; --i)
            o[library(randomValue(rng, 9)).substr(0, 6) + std::to_string(i)]
                = randomValue(rng, depth + 1);
        return o;
    }
    }
}

} // namespace

class TestCompactJson : public QObject
{
    Q_OBJECT

private slots:
    void matchesTheLibrary_data()
    {
        QTest::addColumn<QByteArray>("text");
        const char *cases[] = {"null",
                               "true",
                               "false",
                               "0",
                               "-1",
                               "9223372036854775807",
                               "-9223372036854775808",
                               "18446744073709551615",
                               "1.5",
                               "-0.0",
                               "1e300",
                               "3.141592653589793",
                               "1.0",
                               "\"\"",
                               "\"plain text\"",
                               "\"quote \\\" and \\\\ backslash\"",
                               "\"tab\\t newline\\n\"",
                               "\"\\u0001\\u001f\"",
                               "\"\\u007f del\"",
                               "\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"",
                               "[]",
                               "{}",
                               "[[],{}]",
                               "{\"input\":{\"i\":5}}",
                               "{\"b\":1,\"a\":2}",
                               "{\"k\\\"ey\":[1,2.5,\"x\",null,true,{\"z\":[]}]}"};
        for (const char *c : cases)
            QTest::newRow(c) << QByteArray(c);
    }
    void matchesTheLibrary()
    {
        QFETCH(QByteArray, text);
        const Json v = Json::parse(text.toStdString());
        QCOMPARE(QByteArray::fromStdString(ours(v)), QByteArray::fromStdString(library(v)));
    }

    void invalidUtf8IsReplacedLikeTheLibrary()
    {
        for (const std::string &s : {std::string("\xff"), std::string("ab\xc3"),
                                     std::string("\xed\xa0\x80"), std::string("x\x80y")}) {
            const Json v = {{"s", s}, {s, 1}};
            QCOMPARE(QByteArray::fromStdString(ours(v)), QByteArray::fromStdString(library(v)));
            QVERIFY(Json::parse(ours(v), nullptr, false).is_object()); // still valid JSON
        }
    }

    void randomValuesMatchTheLibrary()
    {
        std::mt19937 rng(20261126);
        for (int i = 0; i < 3000; ++i) {
            const Json v = randomValue(rng, 0);
            const std::string expected = library(v);
            if (ours(v) != expected)
                QFAIL(qPrintable(
                    QStringLiteral("differs for %1").arg(QString::fromStdString(expected))));
        }
    }

    void deepNestingAndLargeValues()
    {
        Json v = Json::array();
        Json *inner = &v;
        for (int i = 0; i < 200; ++i) {
            inner->push_back(Json::object());
            inner = &(*inner)[0]["n"];
            *inner = Json::array();
        }
        QCOMPARE(ours(v), library(v));
        const Json big
            = {{"text", std::string(1 << 20, 'x')}, {"numbers", Json(std::vector<int>(10000, -7))}};
        QCOMPARE(ours(big), library(big));
    }

    void storeHelpersUseIt()
    {
        const Json v = {{"output", {{"é", 1.25}, {"list", {1, "two", nullptr}}}}};
        QCOMPARE(dumpJson(v), library(v));
        std::string reused = "old content that must go";
        dumpJsonTo(reused, v);
        QCOMPARE(reused, library(v));
    }
};

QTEST_GUILESS_MAIN(TestCompactJson)
#include "tst_compactjson.moc"
