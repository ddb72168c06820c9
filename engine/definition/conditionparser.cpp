// parseConditionExpression: a recursive-descent parser for the expression
// grammar documented in condition.h and docs/expressions.md. Errors carry the offset of the
// offending character and say what was expected, in words.
#include "conditionlexer.h"
#include "conditionsupport.h"

#include "signalbox/condition.h"
#include "signalbox/diagnostics.h"

#include <algorithm>
#include <cctype>

namespace Signalbox {

using namespace ConditionSupport;
using namespace ConditionSyntax;
using ValueType = Condition::ValueType;
using Op = Condition::Op;
using TestKind = Condition::TestKind;

namespace {

constexpr int maxDepth = 64;

struct Function
{
    const char *name;
    TestKind test;
};
constexpr Function testFunctions[] = {
    {"exists", TestKind::IsPresent},         {"is_present", TestKind::IsPresent},
    {"is_null", TestKind::IsNull},           {"is_number", TestKind::IsNumeric},
    {"is_string", TestKind::IsString},       {"is_boolean", TestKind::IsBoolean},
    {"is_timestamp", TestKind::IsTimestamp}, {"is_truthy", TestKind::Truthy},
};

struct Cast
{
    const char *name;
    ValueType type;
};
constexpr Cast casts[] = {{"string", ValueType::String},
                          {"number", ValueType::Numeric},
                          {"boolean", ValueType::Boolean},
                          {"timestamp", ValueType::Timestamp}};

std::vector<std::string> functionNames()
{
    std::vector<std::string> names{"matches"};
    for (const Function &f : testFunctions)
        names.push_back(f.name);
    for (const Cast &c : casts)
        names.push_back(c.name);
    return names;
}

struct Operand
{
    bool isPath = false;
    std::string path;
    Json literal;
    std::optional<ValueType> cast;
    size_t offset = 0;
};

class Parser
{
public:
    explicit Parser(const std::string &text)
        : m_lexer(text)
    {
        advance();
    }

    Condition parse()
    {
        Condition c = parseOr(0);
        if (m_tok.kind != Token::Kind::End)
            fail(m_tok.offset, "unexpected " + describe(m_tok) + " " + column(m_tok.offset)
                                   + "; expected 'and', 'or' or the end of the condition");
        return c;
    }

private:
    static std::string describe(const Token &t)
    {
        if (t.kind == Token::Kind::End)
            return "end of the condition";
        return "'" + t.text + "'";
    }

    bool isKeyword() const
    {
        return isIdent("and") || isIdent("or") || isIdent("not") || isIdent("in");
    }

    bool isIdent(const char *word) const
    {
        return m_tok.kind == Token::Kind::Ident && m_tok.text == word;
    }

    void advance() { m_tok = m_lexer.next(); }

    void enter(int depth)
    {
        if (depth > maxDepth)
            fail(m_tok.offset, "the condition nests too deeply (more than "
                                   + std::to_string(maxDepth) + " levels)");
    }

    void expectOperandAfter(const Token &prev)
    {
        if (m_tok.kind == Token::Kind::End || m_tok.kind == Token::Kind::RParen || isIdent("and")
            || isIdent("or"))
            fail(m_tok.offset,
                 "expected a condition after '" + prev.text + "' " + column(m_tok.offset));
    }

    Condition parseOr(int depth)
    {
        enter(depth);
        std::vector<Condition> items{parseAnd(depth)};
        while (isIdent("or") || m_tok.kind == Token::Kind::OrOp) {
            const Token op = m_tok;
            advance();
            expectOperandAfter(op);
            items.push_back(parseAnd(depth));
        }
        return items.size() == 1 ? std::move(items.front()) : Condition::makeOr(std::move(items));
    }

    Condition parseAnd(int depth)
    {
        std::vector<Condition> items{parseNot(depth)};
        while (isIdent("and") || m_tok.kind == Token::Kind::AndOp) {
            const Token op = m_tok;
            advance();
            expectOperandAfter(op);
            items.push_back(parseNot(depth));
        }
        return items.size() == 1 ? std::move(items.front()) : Condition::makeAnd(std::move(items));
    }

    Condition parseNot(int depth)
    {
        enter(depth);
        if (isIdent("not") || m_tok.kind == Token::Kind::Bang) {
            const Token op = m_tok;
            advance();
            expectOperandAfter(op);
            return Condition::makeNot(parseNot(depth + 1));
        }
        return parsePrimary(depth);
    }

    Condition parsePrimary(int depth)
    {
        if (m_tok.kind == Token::Kind::LParen) {
            const size_t open = m_tok.offset;
            advance();
            if (m_tok.kind == Token::Kind::RParen)
                fail(m_tok.offset, "empty parentheses " + column(m_tok.offset));
            Condition inner = parseOr(depth + 1);
            if (m_tok.kind != Token::Kind::RParen)
                fail(m_tok.offset,
                     "expected ')' to close '(' " + column(open) + ", found " + describe(m_tok));
            advance();
            return inner;
        }
        if (m_tok.kind == Token::Kind::Ident) {
            if (isIdent("and") || isIdent("or") || isIdent("in"))
                fail(m_tok.offset,
                     "expected a condition before '" + m_tok.text + "' " + column(m_tok.offset));
            for (const Function &f : testFunctions) {
                if (isIdent(f.name))
                    return parseTestCall(f);
            }
            if (isIdent("matches"))
                return parseMatches();
            const bool isCastOrLiteral
                = isIdent("true") || isIdent("false") || isIdent("null") || findCast(m_tok.text);
            if (!isCastOrLiteral)
                failOnIdent();
        }
        if (m_tok.kind == Token::Kind::End)
            fail(m_tok.offset, "expected a condition " + column(m_tok.offset));
        return parseComparison();
    }

    [[noreturn]] void failOnIdent()
    {
        const Token ident = m_tok;
        advance();
        if (m_tok.kind == Token::Kind::LParen) {
            std::string message = "unknown function '" + ident.text + "'";
            const std::string suggestion = closestMatch(ident.text, functionNames());
            if (!suggestion.empty())
                message += ", did you mean '" + suggestion + "'";
            fail(ident.offset, message + " " + column(ident.offset));
        }
        fail(ident.offset, "'" + ident.text + "' is not a value " + column(ident.offset)
                               + "; paths start with '$', e.g. $." + ident.text);
    }

    static const Cast *findCast(const std::string &name)
    {
        for (const Cast &c : casts) {
            if (name == c.name)
                return &c;
        }
        return nullptr;
    }

    void expect(Token::Kind kind, const char *what, const std::string &context)
    {
        if (m_tok.kind != kind)
            fail(m_tok.offset, std::string("expected ") + what + " " + context + " "
                                   + column(m_tok.offset) + ", found " + describe(m_tok));
        advance();
    }

    std::string expectPathArgument(const std::string &function)
    {
        if (m_tok.kind != Token::Kind::Path)
            fail(m_tok.offset, function + "() expects a path such as $.field "
                                   + column(m_tok.offset) + ", found " + describe(m_tok));
        const std::string path = m_tok.text;
        advance();
        return path;
    }

    Condition parseTestCall(const Function &f)
    {
        const std::string name = m_tok.text;
        advance();
        expect(Token::Kind::LParen, "'('", "after " + name);
        Condition c;
        c.kind = Condition::Kind::Test;
        c.test = f.test;
        c.variable = expectPathArgument(name);
        expect(Token::Kind::RParen, "')'", "to close " + name + "(");
        // Optional "== true/false" or "!= true/false" after a test.
        if (m_tok.kind == Token::Kind::Compare && (m_tok.text == "==" || m_tok.text == "!=")) {
            const bool negate = m_tok.text == "!=";
            const Token op = m_tok;
            advance();
            if (!isIdent("true") && !isIdent("false"))
                fail(m_tok.offset, "expected true or false after '" + op.text + "' "
                                       + column(m_tok.offset) + "; " + name + "() gives a boolean");
            c.testExpected = isIdent("true") != negate;
            advance();
        }
        return c;
    }

    Condition parseMatches()
    {
        advance();
        expect(Token::Kind::LParen, "'('", "after matches");
        Condition c;
        c.kind = Condition::Kind::Compare;
        c.op = Op::Matches;
        c.valueType = ValueType::String;
        c.variable = expectPathArgument("matches");
        expect(Token::Kind::Comma, "','", "after the path in matches(path, 'pattern')");
        if (m_tok.kind != Token::Kind::String)
            fail(m_tok.offset, "matches() expects a quoted pattern such as 'A-*' "
                                   + column(m_tok.offset) + ", found " + describe(m_tok));
        c.value = m_tok.value;
        advance();
        expect(Token::Kind::RParen, "')'", "to close matches(");
        return c;
    }

    Operand parseOperand(const std::string &after, bool allowCast = true)
    {
        Operand o;
        o.offset = m_tok.offset;
        switch (m_tok.kind) {
        case Token::Kind::Path:
            o.isPath = true;
            o.path = m_tok.text;
            advance();
            return o;
        case Token::Kind::Number:
        case Token::Kind::String:
            o.literal = m_tok.value;
            advance();
            return o;
        case Token::Kind::Ident:
            if (isKeyword())
                break;
            if (isIdent("true") || isIdent("false") || isIdent("null")) {
                o.literal = Json::parse(m_tok.text);
                advance();
                return o;
            }
            if (const Cast *cast = findCast(m_tok.text); cast && allowCast)
                return parseCast(*cast);
            break;
        case Token::Kind::LBracket:
            fail(m_tok.offset, "a [list] is only allowed after 'in' " + column(m_tok.offset));
        default:
            break;
        }
        if (m_tok.kind == Token::Kind::Ident && !isKeyword())
            failOnIdent();
        fail(m_tok.offset, "expected a value" + after + " " + column(m_tok.offset) + ", found "
                               + describe(m_tok));
    }

    Operand parseCast(const Cast &cast)
    {
        const Token name = m_tok;
        advance();
        expect(Token::Kind::LParen, "'('", "after " + name.text);
        Operand o = parseOperand(" inside " + name.text + "()", false);
        expect(Token::Kind::RParen, "')'", "to close " + name.text + "(");
        o.offset = name.offset;
        o.cast = cast.type;
        if (!o.isPath) {
            const ValueType literalType = inferValueType(o.literal);
            const bool ok
                = literalType == cast.type
                  || (cast.type == ValueType::String && literalType == ValueType::Timestamp);
            if (!ok)
                fail(name.offset, name.text + "() needs a "
                                      + (cast.type == ValueType::Timestamp
                                             ? std::string("RFC 3339 timestamp such as "
                                                           "'2024-01-31T12:00:00Z'")
                                             : std::string(valueTypeName(cast.type)))
                                      + ", got " + o.literal.dump() + " " + column(name.offset));
        }
        return o;
    }

    static Op opFromText(const std::string &t)
    {
        if (t == "==")
            return Op::Eq;
        if (t == "!=")
            return Op::Ne;
        if (t == "<")
            return Op::Lt;
        if (t == "<=")
            return Op::Le;
        if (t == ">")
            return Op::Gt;
        return Op::Ge;
    }

    static Op flip(Op op)
    {
        switch (op) {
        case Op::Lt:
            return Op::Gt;
        case Op::Le:
            return Op::Ge;
        case Op::Gt:
            return Op::Lt;
        case Op::Ge:
            return Op::Le;
        default:
            return op;
        }
    }

    Condition parseComparison()
    {
        Operand lhs = parseOperand(" or a condition");
        if (isIdent("in") || (isIdent("not") && m_lexer.nextWordIs("in"))) {
            const bool negate = isIdent("not");
            if (negate)
                advance();
            Condition c = parseIn(lhs);
            return negate ? Condition::makeNot(std::move(c)) : c;
        }
        if (m_tok.kind != Token::Kind::Compare) {
            if (lhs.isPath && !lhs.cast)
                return Condition::makeTruthy(lhs.path);
            fail(m_tok.offset, "expected a comparison such as == or > after the value "
                                   + column(m_tok.offset) + ", found " + describe(m_tok));
        }
        const Token opToken = m_tok;
        advance();
        Operand rhs = parseOperand(" after '" + opToken.text + "'");
        Op op = opFromText(opToken.text);
        if (!lhs.isPath && !rhs.isPath)
            fail(lhs.offset, "both sides of '" + opToken.text + "' are literals "
                                 + column(lhs.offset)
                                 + "; compare a path such as $.field with a value");
        if (!lhs.isPath) {
            std::swap(lhs, rhs);
            op = flip(op);
        }
        return makeComparison(lhs, op, rhs, opToken);
    }

    Condition makeComparison(const Operand &lhs, Op op, const Operand &rhs, const Token &opToken)
    {
        Condition c;
        c.kind = Condition::Kind::Compare;
        c.variable = lhs.path;
        c.op = op;
        if (lhs.cast && rhs.cast && *lhs.cast != *rhs.cast)
            fail(rhs.offset, std::string("both sides of '") + opToken.text
                                 + "' are cast, to different types " + column(rhs.offset));
        const std::optional<ValueType> cast = lhs.cast ? lhs.cast : rhs.cast;
        if (rhs.isPath) {
            c.valuePath = rhs.path;
            c.valueType = cast.value_or(ValueType::Any);
            if (c.valueType == ValueType::Boolean && op != Op::Eq && op != Op::Ne)
                fail(opToken.offset,
                     "booleans can only be compared with == or != " + column(opToken.offset));
            return c;
        }
        if (rhs.literal.is_null()) {
            if (op != Op::Eq && op != Op::Ne)
                fail(opToken.offset, "null can only be compared with == or != "
                                         + column(opToken.offset) + "; use is_null(path)");
            if (cast)
                fail(lhs.offset, "a cast cannot be compared with null " + column(lhs.offset));
            c.kind = Condition::Kind::Test;
            c.op = Op::Eq; // unused by tests; keep the default so trees compare equal
            c.test = TestKind::IsNull;
            c.testExpected = op == Op::Eq;
            return c;
        }
        const ValueType literalType = inferValueType(rhs.literal);
        c.valueType = cast.value_or(literalType);
        c.value = rhs.literal;
        const bool compatible
            = c.valueType == literalType
              || (c.valueType == ValueType::String && literalType == ValueType::Timestamp);
        if (!compatible)
            fail(rhs.offset, std::string("cannot compare a ") + valueTypeName(c.valueType)
                                 + " with " + rhs.literal.dump() + " " + column(rhs.offset));
        if (c.valueType == ValueType::Boolean && op != Op::Eq && op != Op::Ne)
            fail(opToken.offset,
                 "true and false can only be compared with == or != " + column(opToken.offset));
        return c;
    }

    Condition parseIn(const Operand &lhs)
    {
        const Token inToken = m_tok;
        advance();
        if (!lhs.isPath || lhs.cast)
            fail(lhs.offset,
                 "the left side of 'in' must be a path such as $.country " + column(lhs.offset));
        if (m_tok.kind != Token::Kind::LBracket)
            fail(m_tok.offset, "expected a list such as ['DE', 'AT'] after 'in' "
                                   + column(m_tok.offset) + ", found " + describe(m_tok));
        const size_t open = m_tok.offset;
        advance();
        Json items = Json::array();
        while (m_tok.kind != Token::Kind::RBracket) {
            if (!items.empty())
                expect(Token::Kind::Comma, "',' or ']'", "in the list opened " + column(open));
            if (m_tok.kind == Token::Kind::Number || m_tok.kind == Token::Kind::String)
                items.push_back(m_tok.value);
            else if (isIdent("true") || isIdent("false") || isIdent("null"))
                items.push_back(Json::parse(m_tok.text));
            else
                fail(m_tok.offset, "a list after 'in' holds literals only (numbers, 'strings', "
                                   "true, false, null) "
                                       + column(m_tok.offset) + ", found " + describe(m_tok));
            advance();
        }
        advance();
        (void)inToken;
        Condition c;
        c.kind = Condition::Kind::Compare;
        c.variable = lhs.path;
        c.op = Op::In;
        c.value = std::move(items);
        return c;
    }

    Lexer m_lexer;
    Token m_tok;
};

} // namespace

namespace {

// The parser works in bytes; people count characters. Converts a byte offset into UTF-8 text to
// a character offset, and every "column N" in a message with it.
int characterOffset(const std::string &text, int byteOffset)
{
    int chars = 0;
    for (int i = 0; i < byteOffset && i < int(text.size()); ++i) {
        if ((static_cast<unsigned char>(text[size_t(i)]) & 0xC0) != 0x80)
            ++chars;
    }
    return chars + std::max(0, byteOffset - int(text.size()));
}

ConditionParseError toCharacters(const std::string &text, ConditionParseError error)
{
    error.offset = characterOffset(text, error.offset);
    static const std::string marker = "column ";
    const std::string &m = error.message;
    std::string out;
    size_t pos = 0;
    for (size_t at = m.find(marker); at != std::string::npos; at = m.find(marker, pos)) {
        const size_t digitsAt = at + marker.size();
        size_t end = digitsAt;
        while (end < m.size() && std::isdigit(static_cast<unsigned char>(m[end])))
            ++end;
        const std::string digits = m.substr(digitsAt, end - digitsAt);
        out += m.substr(pos, digitsAt - pos);
        out += digits.empty() || digits.size() > 9
                   ? digits
                   : std::to_string(characterOffset(text, std::stoi(digits) - 1) + 1);
        pos = end;
    }
    error.message = out + m.substr(pos);
    return error;
}

} // namespace

std::optional<Condition> parseConditionExpression(const std::string &text,
                                                  ConditionParseError *error)
{
    try {
        Parser parser(text);
        return parser.parse();
    } catch (const ParseFailure &f) {
        if (error)
            *error = toCharacters(text, f.error);
        return std::nullopt;
    }
}

} // namespace Signalbox
