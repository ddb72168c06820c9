#include "conditionsupport.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QTime>

namespace Signalbox::ConditionSupport {

std::optional<Instant> parseTimestamp(const std::string &text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$)"));
    if (text.size() > 64)
        return std::nullopt;
    const QRegularExpressionMatch m = re.match(QString::fromStdString(text));
    if (!m.hasMatch())
        return std::nullopt;
    auto num = [&m](int i) {
        return m.captured(i).toInt();
    };
    const QDate date(num(1), num(2), num(3));
    // 23:59:60 (a leap second) is valid RFC 3339; count it as the next second.
    const int second = num(6);
    const QTime time(num(4), num(5), second == 60 ? 59 : second);
    if (!date.isValid() || !time.isValid() || second > 60)
        return std::nullopt;
    long long secs = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch() + (second == 60 ? 1 : 0);
    if (m.captured(8) != QLatin1String("Z")) {
        const int hours = num(10);
        const int minutes = num(11);
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        const long long offset = hours * 3600LL + minutes * 60LL;
        secs += m.captured(9) == QLatin1String("+") ? -offset : offset;
    }
    QString fraction = m.captured(7);
    fraction = fraction.leftJustified(9, QLatin1Char('0'));
    return Instant{secs, fraction.toLongLong()};
}

bool isTimestamp(const Json &value)
{
    return value.is_string() && parseTimestamp(value.get_ref<const std::string &>()).has_value();
}

bool globMatches(const std::string &pattern, const std::string &text)
{
    // Tokenise the pattern into literal characters and stars, then match greedily with
    // backtracking to the last star (linear in practice, no recursion).
    struct Token
    {
        bool star;
        char c;
    };
    std::vector<Token> tokens;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\' && i + 1 < pattern.size())
            tokens.push_back({false, pattern[++i]});
        else
            tokens.push_back({pattern[i] == '*', pattern[i]});
    }
    size_t t = 0, p = 0;
    size_t starToken = std::string::npos, starText = 0;
    while (t < text.size()) {
        if (p < tokens.size() && !tokens[p].star && tokens[p].c == text[t]) {
            ++p;
            ++t;
        } else if (p < tokens.size() && tokens[p].star) {
            starToken = p++;
            starText = t;
        } else if (starToken != std::string::npos) {
            p = starToken + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < tokens.size() && tokens[p].star)
        ++p;
    return p == tokens.size();
}

bool isTruthy(const std::optional<Json> &value)
{
    if (!value)
        return false;
    const Json &v = *value;
    switch (v.type()) {
    case Json::value_t::null:
        return false;
    case Json::value_t::boolean:
        return v.get<bool>();
    case Json::value_t::string:
        return !v.get_ref<const std::string &>().empty();
    case Json::value_t::array:
    case Json::value_t::object:
        return !v.empty();
    case Json::value_t::number_float:
        return v.get<double>() != 0.0;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return v.get<long long>() != 0;
    default:
        return true;
    }
}

Condition::ValueType inferValueType(const Json &literal)
{
    if (literal.is_number())
        return Condition::ValueType::Numeric;
    if (literal.is_boolean())
        return Condition::ValueType::Boolean;
    if (literal.is_string())
        return isTimestamp(literal) ? Condition::ValueType::Timestamp
                                    : Condition::ValueType::String;
    return Condition::ValueType::Any;
}

const char *valueTypeName(Condition::ValueType type)
{
    switch (type) {
    case Condition::ValueType::String:
        return "string";
    case Condition::ValueType::Numeric:
        return "number";
    case Condition::ValueType::Boolean:
        return "boolean";
    case Condition::ValueType::Timestamp:
        return "timestamp";
    case Condition::ValueType::Any:
        break;
    }
    return "any";
}

} // namespace Signalbox::ConditionSupport
