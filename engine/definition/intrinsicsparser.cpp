#include "intrinsicsparser.h"

#include "jsonpathparser.h"

#include "signalbox/diagnostics.h"

#include <cctype>

namespace Signalbox::Intrinsics {

namespace {

constexpr int maxDepth = 32;

struct Failure
{
    ParseError error;
};

class Parser
{
public:
    explicit Parser(const std::string &text)
        : m_text(text)
    {}

    Call parseTop()
    {
        skipSpaces();
        Call call = parseCallAt(0);
        skipSpaces();
        if (m_pos < m_text.size())
            fail("unexpected text after the closing ')'");
        return call;
    }

private:
    [[noreturn]] void fail(const std::string &message, std::optional<size_t> at = {})
    {
        const size_t offset = at.value_or(m_pos);
        throw Failure{{int(offset), message + " (column " + std::to_string(offset + 1) + ")"}};
    }

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    void skipSpaces()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }

    Call parseCallAt(int depth)
    {
        if (depth > maxDepth)
            fail("intrinsic functions nest too deeply");
        const size_t start = m_pos;
        while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '.' || peek() == '_')
            ++m_pos;
        Call call;
        call.name = m_text.substr(start, m_pos - start);
        const FunctionInfo *info = nullptr;
        for (const FunctionInfo &f : functions()) {
            if (call.name == f.name)
                info = &f;
        }
        if (!info) {
            std::vector<std::string> names;
            for (const FunctionInfo &f : functions())
                names.push_back(f.name);
            std::string message = "unknown intrinsic function '" + call.name + "'";
            const std::string suggestion = closestMatch(call.name, names);
            if (!suggestion.empty())
                message += ", did you mean '" + suggestion + "'";
            fail(message, start);
        }
        skipSpaces();
        if (peek() != '(')
            fail("expected '(' after " + call.name);
        ++m_pos;
        skipSpaces();
        if (peek() != ')') {
            while (true) {
                skipSpaces();
                call.args.push_back(parseArgument(depth));
                skipSpaces();
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                if (peek() == ')')
                    break;
                fail("expected ',' or ')' in the arguments of " + call.name);
            }
        }
        ++m_pos; // ')'
        const int count = int(call.args.size());
        if (count < info->minArgs || (info->maxArgs >= 0 && count > info->maxArgs)) {
            std::string expected = std::to_string(info->minArgs);
            if (info->maxArgs < 0)
                expected = "at least " + expected;
            else if (info->maxArgs != info->minArgs)
                expected += " or " + std::to_string(info->maxArgs);
            fail(call.name + " takes " + expected + " argument"
                     + (info->minArgs == 1 && info->maxArgs == 1 ? "" : "s") + ", got "
                     + std::to_string(count),
                 start);
        }
        return call;
    }

    Argument parseArgument(int depth)
    {
        Argument arg;
        const char c = peek();
        if (c == '\'') {
            arg.isStringLiteral = true;
            arg.text = parseRawString();
            arg.value = decodeLiteral(arg.text, false);
            return arg;
        }
        if (c == '$') {
            arg.kind = Argument::Kind::Path;
            arg.text = parsePath();
            return arg;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
            const size_t start = m_pos;
            ++m_pos;
            while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '.'
                   || ((peek() == '+' || peek() == '-')
                       && (m_text[m_pos - 1] == 'e' || m_text[m_pos - 1] == 'E')))
                ++m_pos;
            const std::string number = m_text.substr(start, m_pos - start);
            arg.value = Json::parse(number, nullptr, false);
            if (!arg.value.is_number())
                fail("'" + number + "' is not a number", start);
            return arg;
        }
        for (const char *word : {"true", "false", "null"}) {
            const size_t n = std::char_traits<char>::length(word);
            if (m_text.compare(m_pos, n, word) == 0
                && !std::isalnum(static_cast<unsigned char>(
                    m_pos + n < m_text.size() ? m_text[m_pos + n] : ' '))) {
                m_pos += n;
                arg.value = Json::parse(word);
                return arg;
            }
        }
        if (std::isalpha(static_cast<unsigned char>(c))) {
            arg.kind = Argument::Kind::Call;
            arg.call = std::make_shared<Call>(parseCallAt(depth + 1));
            return arg;
        }
        if (c == '"')
            fail("strings in intrinsic functions use single quotes: 'text'");
        if (c == ')' || c == ',' || c == '\0')
            fail("expected an argument");
        fail(std::string("unexpected character '") + c + "' in an argument");
    }

    std::string parseRawString()
    {
        const size_t start = m_pos++;
        std::string raw;
        while (m_pos < m_text.size() && m_text[m_pos] != '\'') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size())
                raw += m_text[m_pos++];
            raw += m_text[m_pos++];
        }
        if (m_pos >= m_text.size())
            fail("unterminated string; close it with '", start);
        ++m_pos;
        return raw;
    }

    std::string parsePath()
    {
        const size_t start = m_pos;
        int depth = 0;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (depth > 0 && (c == '\'' || c == '"')) {
                ++m_pos;
                while (m_pos < m_text.size() && m_text[m_pos] != c)
                    m_pos += m_text[m_pos] == '\\' ? 2 : 1;
                ++m_pos;
                continue;
            }
            if (c == '[' || (depth > 0 && c == '('))
                ++depth;
            else if (c == ']' || (depth > 0 && c == ')'))
                --depth;
            else if (depth == 0
                     && (c == ',' || c == ')' || std::isspace(static_cast<unsigned char>(c))))
                break;
            ++m_pos;
        }
        const std::string path = m_text.substr(start, m_pos - start);
        PathError error;
        if (!JsonPath::parse(path, false, &error))
            fail("invalid path '" + path + "': " + error.message, start + size_t(error.offset));
        return path;
    }

    const std::string &m_text;
    size_t m_pos = 0;
};

} // namespace

const std::vector<FunctionInfo> &functions()
{
    static const std::vector<FunctionInfo> list = {
        {"States.Format", 1, -1},        {"States.StringToJson", 1, 1},
        {"States.JsonToString", 1, 1},   {"States.Array", 0, -1},
        {"States.ArrayPartition", 2, 2}, {"States.ArrayContains", 2, 2},
        {"States.ArrayRange", 3, 3},     {"States.ArrayGetItem", 2, 2},
        {"States.ArrayLength", 1, 1},    {"States.ArrayUnique", 1, 1},
        {"States.Base64Encode", 1, 1},   {"States.Base64Decode", 1, 1},
        {"States.Hash", 2, 2},           {"States.JsonMerge", 3, 3},
        {"States.MathRandom", 2, 3},     {"States.MathAdd", 2, 2},
        {"States.StringSplit", 2, 2},    {"States.UUID", 0, 0},
    };
    return list;
}

std::optional<Call> parseCall(const std::string &text, ParseError *error)
{
    try {
        Parser parser(text);
        return parser.parseTop();
    } catch (const Failure &f) {
        if (error)
            *error = f.error;
        return std::nullopt;
    }
}

std::string decodeLiteral(const std::string &raw, bool forFormat)
{
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
            out += raw[++i];
        } else if (forFormat && raw[i] == '{' && i + 1 < raw.size() && raw[i + 1] == '}') {
            out += '\0';
            ++i;
        } else {
            out += raw[i];
        }
    }
    return out;
}

} // namespace Signalbox::Intrinsics
