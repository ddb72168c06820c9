// The intrinsic functions, following the Step Functions documentation: argument types are
// checked strictly and every failure is a States.IntrinsicFailure naming the function.
#include "intrinsicsfunctions.h"

#include "signalbox/jsonread.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QString>
#include <QStringDecoder>
#include <QUuid>

#include <algorithm>
#include <climits>
#include <cmath>
#include <random>

namespace Signalbox::Intrinsics {

namespace {

struct Failure
{
    std::string cause;
};

const char *typeName(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::null:
        return "null";
    default:
        return "a number";
    }
}

std::string compact(const Json &v)
{
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

class Args
{
public:
    Args(const Call &call, const std::vector<Json> &values)
        : m_call(call)
        , m_values(values)
    {}

    [[noreturn]] void fail(const std::string &message) const
    {
        throw Failure{m_call.name + ": " + message};
    }

    std::string ordinal(size_t i) const
    {
        static const char *names[] = {"first", "second", "third", "fourth"};
        return i < 4 ? names[i] : "argument " + std::to_string(i + 1);
    }

    const Json &at(size_t i) const { return m_values[i]; }

    const Json &array(size_t i) const
    {
        if (!m_values[i].is_array())
            fail("the " + ordinal(i) + " argument must be an array, got " + typeName(m_values[i]));
        return m_values[i];
    }

    const Json &object(size_t i) const
    {
        if (!m_values[i].is_object())
            fail("the " + ordinal(i) + " argument must be an object, got " + typeName(m_values[i]));
        return m_values[i];
    }

    const std::string &string(size_t i) const
    {
        if (!m_values[i].is_string())
            fail("the " + ordinal(i) + " argument must be a string, got " + typeName(m_values[i]));
        return m_values[i].get_ref<const std::string &>();
    }

    // An integer argument. With `round`, non-integers are rounded half up (as Step Functions
    // does for MathAdd and MathRandom); otherwise they are an error.
    long long integer(size_t i, bool round = false) const
    {
        const Json &v = m_values[i];
        if (!v.is_number())
            fail("the " + ordinal(i) + " argument must be an integer, got " + typeName(v));
        if (v.is_number_unsigned() && v.get<unsigned long long>() > LLONG_MAX)
            fail("the " + ordinal(i) + " argument is too large");
        if (!v.is_number_float())
            return v.get<long long>();
        double d = v.get<double>();
        if (!std::isfinite(d) || std::fabs(d) > 9.0e15)
            fail("the " + ordinal(i) + " argument is too large");
        if (round)
            d = std::floor(d + 0.5);
        else if (d != std::floor(d))
            fail("the " + ordinal(i) + " argument must be an integer, got " + compact(v));
        return static_cast<long long>(d);
    }

    void checkInt32(size_t i, long long v) const
    {
        if (v < INT_MIN || v > INT_MAX)
            fail("the " + ordinal(i) + " argument must be between -2147483648 and 2147483647, got "
                 + std::to_string(v));
    }

    void maxLength(size_t i, const std::string &s) const
    {
        if (QString::fromStdString(s).size() > maxEncodedLength)
            fail("the " + ordinal(i) + " argument is longer than "
                 + std::to_string(maxEncodedLength) + " characters");
    }

private:
    const Call &m_call;
    const std::vector<Json> &m_values;
};

// How Step Functions prints a value into a Format template: strings as they are, other scalars
// as JSON, arrays and objects the way Java prints collections: [1, a] and {k=v, n=1}.
std::string formatValue(const Json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_array() || v.is_object()) {
        std::string out;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!out.empty())
                out += ", ";
            if (v.is_object())
                out += it.key() + "=";
            out += formatValue(it.value());
        }
        return v.is_array() ? "[" + out + "]" : "{" + out + "}";
    }
    return compact(v);
}

Json format(const Call &call, const Args &a)
{
    std::string tmpl;
    if (call.args.front().isStringLiteral) {
        tmpl = decodeLiteral(call.args.front().text, true);
    } else {
        for (size_t i = 0, n = a.string(0).size(); i < n; ++i) {
            const std::string &s = a.string(0);
            if (s[i] == '{' && i + 1 < n && s[i + 1] == '}') {
                tmpl += '\0';
                ++i;
            } else {
                tmpl += s[i];
            }
        }
    }
    size_t placeholders = 0;
    for (char c : tmpl)
        placeholders += c == '\0' ? 1 : 0;
    const size_t given = call.args.size() - 1;
    if (placeholders != given)
        a.fail("the template has " + std::to_string(placeholders) + " placeholder"
               + (placeholders == 1 ? "" : "s") + " {} but " + std::to_string(given) + " value"
               + (given == 1 ? " was" : "s were") + " given");
    std::string out;
    size_t next = 1;
    for (char c : tmpl) {
        if (c != '\0') {
            out += c;
            continue;
        }
        out += formatValue(a.at(next));
        ++next;
    }
    return out;
}

Json stringToJson(const Args &a)
{
    const std::string &text = a.string(0);
    JsonReadError error;
    std::optional<Json> parsed = readJson(text, &error);
    if (!parsed)
        a.fail("the argument is not valid JSON text (" + error.message + ")");
    return std::move(*parsed);
}

Json arrayPartition(const Args &a)
{
    const Json &array = a.array(0);
    const long long size = a.integer(1);
    if (size <= 0)
        a.fail("the chunk size must be a positive integer, got " + std::to_string(size));
    Json out = Json::array();
    for (size_t i = 0; i < array.size(); i += size_t(size)) {
        Json chunk = Json::array();
        for (size_t k = i; k < array.size() && k < i + size_t(size); ++k)
            chunk.push_back(array[k]);
        out.push_back(std::move(chunk));
    }
    return out;
}

Json arrayRange(const Args &a)
{
    const long long start = a.integer(0);
    const long long end = a.integer(1);
    const long long step = a.integer(2);
    a.checkInt32(0, start);
    a.checkInt32(1, end);
    a.checkInt32(2, step);
    if (step == 0)
        a.fail("the step (third argument) must not be 0");
    long long count = 0;
    if ((step > 0 && start <= end) || (step < 0 && start >= end))
        count = (end - start) / step + 1;
    if (count > maxArrayRangeItems)
        a.fail("the range has " + std::to_string(count) + " items; at most "
               + std::to_string(maxArrayRangeItems) + " are allowed");
    Json out = Json::array();
    for (long long i = 0; i < count; ++i)
        out.push_back(start + i * step);
    return out;
}

Json arrayGetItem(const Args &a)
{
    const Json &array = a.array(0);
    const long long index = a.integer(1);
    if (index < 0 || size_t(index) >= array.size())
        a.fail("index " + std::to_string(index) + " is outside the array of "
               + std::to_string(array.size()) + " items");
    return array[size_t(index)];
}

Json arrayUnique(const Args &a)
{
    Json out = Json::array();
    for (const Json &item : a.array(0)) {
        if (std::find(out.begin(), out.end(), item) == out.end())
            out.push_back(item);
    }
    return out;
}

Json base64Decode(const Args &a)
{
    const std::string &text = a.string(0);
    a.maxLength(0, text);
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(text),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        a.fail("the argument is not valid Base64");
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString result = utf8(*decoded);
    if (utf8.hasError())
        a.fail("the decoded data is not UTF-8 text");
    return result.toStdString();
}

Json hash(const Args &a)
{
    const std::string &data = a.string(0);
    a.maxLength(0, data);
    const std::string &algorithm = a.string(1);
    static const std::pair<const char *, QCryptographicHash::Algorithm> algorithms[] = {
        {"MD5", QCryptographicHash::Md5},        {"SHA-1", QCryptographicHash::Sha1},
        {"SHA-256", QCryptographicHash::Sha256}, {"SHA-384", QCryptographicHash::Sha384},
        {"SHA-512", QCryptographicHash::Sha512},
    };
    for (const auto &[name, algo] : algorithms) {
        if (algorithm == name)
            return QCryptographicHash::hash(QByteArray::fromStdString(data), algo)
                .toHex()
                .toStdString();
    }
    a.fail("unknown algorithm '" + algorithm + "'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
}

Json jsonMerge(const Args &a)
{
    Json out = a.object(0);
    const Json &other = a.object(1);
    if (!a.at(2).is_boolean())
        a.fail("the third argument (deep merge) must be false");
    if (a.at(2).get<bool>())
        a.fail("deep merge is not supported; the third argument must be false");
    for (auto it = other.begin(); it != other.end(); ++it)
        out[it.key()] = it.value();
    return out;
}

Json mathRandom(const Call &call, const Args &a)
{
    const long long start = a.integer(0, true);
    const long long end = a.integer(1, true);
    a.checkInt32(0, start);
    a.checkInt32(1, end);
    if (start > end)
        a.fail("the start (" + std::to_string(start) + ") is greater than the end ("
               + std::to_string(end) + ")");
    if (call.args.size() == 3) {
        std::mt19937_64 engine(static_cast<unsigned long long>(a.integer(2, true)));
        return std::uniform_int_distribution<long long>(start, end)(engine);
    }
    return QRandomGenerator::global()->bounded(qint64(start), qint64(end) + 1);
}

Json mathAdd(const Args &a)
{
    const long long x = a.integer(0, true);
    const long long y = a.integer(1, true);
    a.checkInt32(0, x);
    a.checkInt32(1, y);
    return x + y;
}

Json stringSplit(const Args &a)
{
    const QString text = QString::fromStdString(a.string(0));
    const QString delimiters = QString::fromStdString(a.string(1));
    if (delimiters.isEmpty())
        a.fail("the delimiter (second argument) must not be empty");
    // Every delimiter character ends a piece, and empty pieces are kept (",a," gives
    // ["", "a", ""]), as Step Functions does.
    Json out = Json::array();
    QString part;
    for (const QChar c : text) {
        if (delimiters.contains(c)) {
            out.push_back(part.toStdString());
            part.clear();
        } else {
            part += c;
        }
    }
    out.push_back(part.toStdString());
    return out;
}

Json dispatch(const Call &call, const Args &a)
{
    const std::string &n = call.name;
    if (n == "States.Format")
        return format(call, a);
    if (n == "States.StringToJson")
        return stringToJson(a);
    if (n == "States.JsonToString")
        return compact(a.at(0));
    if (n == "States.Array") {
        Json out = Json::array();
        for (size_t i = 0; i < call.args.size(); ++i)
            out.push_back(a.at(i));
        return out;
    }
    if (n == "States.ArrayPartition")
        return arrayPartition(a);
    if (n == "States.ArrayContains") {
        const Json &array = a.array(0);
        return std::find(array.begin(), array.end(), a.at(1)) != array.end();
    }
    if (n == "States.ArrayRange")
        return arrayRange(a);
    if (n == "States.ArrayGetItem")
        return arrayGetItem(a);
    if (n == "States.ArrayLength")
        return a.array(0).size();
    if (n == "States.ArrayUnique")
        return arrayUnique(a);
    if (n == "States.Base64Encode") {
        a.maxLength(0, a.string(0));
        return QByteArray::fromStdString(a.string(0)).toBase64().toStdString();
    }
    if (n == "States.Base64Decode")
        return base64Decode(a);
    if (n == "States.Hash")
        return hash(a);
    if (n == "States.JsonMerge")
        return jsonMerge(a);
    if (n == "States.MathRandom")
        return mathRandom(call, a);
    if (n == "States.MathAdd")
        return mathAdd(a);
    if (n == "States.StringSplit")
        return stringSplit(a);
    if (n == "States.UUID")
        return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    a.fail("is not a known intrinsic function");
}

} // namespace

std::optional<Json> apply(const Call &call, const std::vector<Json> &args, IntrinsicError *error)
{
    try {
        return dispatch(call, Args(call, args));
    } catch (const Failure &f) {
        if (error) {
            error->error = "States.IntrinsicFailure";
            error->cause = f.cause;
        }
        return std::nullopt;
    }
}

} // namespace Signalbox::Intrinsics
