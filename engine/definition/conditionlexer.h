// Private: the tokenizer of the condition expression language (conditionparser.cpp is the
// grammar). Paths are lexed whole, brackets and filters included, and checked with the JSONPath
// parser so a bad path is reported at its offending character.
#pragma once

#include "signalbox/condition.h"

#include <string>

namespace Signalbox::ConditionSyntax {

struct Token
{
    enum class Kind {
        End,
        Path,
        Number,
        String,
        Ident,
        LParen,
        RParen,
        LBracket,
        RBracket,
        Comma,
        Compare,
        AndOp,
        OrOp,
        Bang
    };
    Kind kind = Kind::End;
    size_t offset = 0;
    std::string text; // as written
    Json value;       // Number, String
};

// Thrown by the lexer and the parser, caught at the API boundary (parseConditionExpression).
struct ParseFailure
{
    ConditionParseError error;
};
[[noreturn]] void fail(size_t offset, const std::string &message);
std::string column(size_t offset); // "at column N" (1-based)

class Lexer
{
public:
    explicit Lexer(const std::string &text)
        : m_text(text)
    {}

    Token next(); // the token after the previous one; Kind::End at the end
    // True if the next word in the text (after spaces) is `word`, without consuming it.
    bool nextWordIs(const std::string &word) const;

private:
    char at(size_t i) const { return i < m_text.size() ? m_text[i] : '\0'; }
    size_t lexPath(size_t i);
    size_t skipQuoted(size_t i) const;
    size_t lexString(size_t i, Token &t);
    size_t lexNumber(size_t i, Token &t);
    size_t lexPunctuation(size_t i, Token &t);

    const std::string &m_text;
    size_t m_pos = 0;
};

} // namespace Signalbox::ConditionSyntax
