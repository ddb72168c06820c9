#include "conditionlexer.h"

#include "jsonpathparser.h"

#include <cctype>

namespace Signalbox::ConditionSyntax {

void fail(size_t offset, const std::string &message)
{
    throw ParseFailure{{int(offset), message}};
}

std::string column(size_t offset)
{
    return "at column " + std::to_string(offset + 1);
}

bool Lexer::nextWordIs(const std::string &word) const
{
    size_t i = m_pos;
    while (i < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[i])))
        ++i;
    const char after = at(i + word.size());
    return m_text.compare(i, word.size(), word) == 0
           && !std::isalnum(static_cast<unsigned char>(after)) && after != '_';
}

Token Lexer::next()
{
    size_t i = m_pos;
    while (i < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[i])))
        ++i;
    Token t;
    t.offset = i;
    const char c = at(i);
    if (i >= m_text.size()) {
        t.kind = Token::Kind::End;
    } else if (c == '$') {
        i = lexPath(i);
        t.kind = Token::Kind::Path;
    } else if (c == '\'' || c == '"') {
        i = lexString(i, t);
    } else if (std::isdigit(static_cast<unsigned char>(c))
               || ((c == '-' || c == '.') && std::isdigit(static_cast<unsigned char>(at(i + 1))))) {
        i = lexNumber(i, t);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        while (std::isalnum(static_cast<unsigned char>(at(i))) || at(i) == '_')
            ++i;
        t.kind = Token::Kind::Ident;
    } else {
        i = lexPunctuation(i, t);
    }
    t.text = m_text.substr(t.offset, i - t.offset);
    m_pos = i;
    return t;
}

size_t Lexer::lexPath(size_t i)
{
    const size_t start = i;
    int depth = 0;
    ++i;
    while (i < m_text.size()) {
        const char c = m_text[i];
        if (depth > 0) {
            if (c == '\'' || c == '"') {
                const size_t close = skipQuoted(i);
                if (close == std::string::npos)
                    fail(i, "unterminated string in path " + column(i));
                i = close;
                continue;
            }
            depth += c == '[' ? 1 : (c == ']' ? -1 : 0);
            ++i;
            continue;
        }
        if (c == '[')
            ++depth;
        else if (c != '.' && c != '*' && c != '$' && !JsonPath::isNameChar(c))
            break;
        ++i;
    }
    if (depth > 0)
        fail(m_text.size(), "missing ']' in path starting " + column(start));
    const std::string path = m_text.substr(start, i - start);
    PathError error;
    if (!JsonPath::parse(path, false, &error))
        fail(start + size_t(error.offset), "invalid path '" + path + "': " + error.message + " "
                                               + column(start + size_t(error.offset)));
    return i;
}

size_t Lexer::skipQuoted(size_t i) const
{
    const char quote = m_text[i++];
    while (i < m_text.size() && m_text[i] != quote)
        i += m_text[i] == '\\' ? 2 : 1;
    return i < m_text.size() ? i + 1 : std::string::npos;
}

size_t Lexer::lexString(size_t i, Token &t)
{
    const size_t start = i;
    const char quote = m_text[i++];
    std::string value;
    while (i < m_text.size() && m_text[i] != quote) {
        char c = m_text[i];
        if (c == '\\' && i + 1 < m_text.size()) {
            // \' \" \\ \n \t are escapes; any other backslash is kept, so a glob such as
            // 'a\*b' reaches matches() with its ASL escape intact.
            c = m_text[++i];
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
            else if (c != '\'' && c != '"' && c != '\\')
                value += '\\';
        }
        value += c;
        ++i;
    }
    if (i >= m_text.size())
        fail(start, std::string("unterminated string starting ") + column(start)
                        + "; close it with " + quote);
    t.kind = Token::Kind::String;
    t.value = value;
    return i + 1;
}

size_t Lexer::lexNumber(size_t i, Token &t)
{
    const size_t start = i;
    if (at(i) == '-')
        ++i;
    while (std::isalnum(static_cast<unsigned char>(at(i))) || at(i) == '.'
           || ((at(i) == '+' || at(i) == '-') && (at(i - 1) == 'e' || at(i - 1) == 'E')))
        ++i;
    const std::string text = m_text.substr(start, i - start);
    t.value = Json::parse(text, nullptr, false);
    if (!t.value.is_number()) {
        std::string fixed = text;
        if (fixed.front() == '.' || (fixed.size() > 1 && fixed[0] == '-' && fixed[1] == '.'))
            fixed.insert(fixed.find('.'), "0");
        t.value = Json::parse(fixed, nullptr, false);
        if (!t.value.is_number())
            fail(start, "'" + text + "' is not a number " + column(start));
    }
    t.kind = Token::Kind::Number;
    return i;
}

size_t Lexer::lexPunctuation(size_t i, Token &t)
{
    const char c = at(i);
    const char n = at(i + 1);
    auto two = [&](const char *s) {
        return c == s[0] && n == s[1];
    };
    if (two("==") || two("!=") || two("<=") || two(">=")) {
        t.kind = Token::Kind::Compare;
        return i + 2;
    }
    if (two("&&") || two("||")) {
        t.kind = c == '&' ? Token::Kind::AndOp : Token::Kind::OrOp;
        return i + 2;
    }
    switch (c) {
    case '<':
    case '>':
        t.kind = Token::Kind::Compare;
        return i + 1;
    case '!':
        t.kind = Token::Kind::Bang;
        return i + 1;
    case '(':
        t.kind = Token::Kind::LParen;
        return i + 1;
    case ')':
        t.kind = Token::Kind::RParen;
        return i + 1;
    case '[':
        t.kind = Token::Kind::LBracket;
        return i + 1;
    case ']':
        t.kind = Token::Kind::RBracket;
        return i + 1;
    case ',':
        t.kind = Token::Kind::Comma;
        return i + 1;
    case '=':
        fail(i, "use '==' to compare, not '=' " + column(i));
    case '@':
        fail(i, "'@' paths are only allowed inside [?(...)] filters; use '$' " + column(i));
    default:
        break;
    }
    fail(i, std::string("unexpected character '") + c + "' " + column(i));
}

} // namespace Signalbox::ConditionSyntax
