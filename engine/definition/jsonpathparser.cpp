#include "jsonpathparser.h"

#include <cctype>
#include <cstring>

namespace Signalbox::JsonPath {

namespace {

constexpr int maxFilterDepth = 32;

std::string describeChar(char c)
{
    if (c == '\0')
        return "the end of the path";
    return std::string("'") + c + "'";
}

class Parser
{
public:
    Parser(const std::string &text, bool referenceOnly)
        : m_text(text)
        , m_referenceOnly(referenceOnly)
    {}

    std::optional<Path> parsePath(char root)
    {
        Path path;
        path.text = m_text;
        path.root = root;
        if (peek() != root)
            return fail(root == '$' ? "a path must start with '$'"
                                    : "a filter path must start with '@'");
        ++m_pos;
        if (root == '$' && peek() == '$') {
            path.context = true;
            ++m_pos;
        }
        while (m_pos < m_end) {
            const char c = peek();
            std::optional<Segment> seg;
            if (c == '.')
                seg = parseDot();
            else if (c == '[')
                seg = parseBracket();
            else if (m_nested)
                break; // the filter parser continues after the path
            else
                return fail("unexpected " + describeChar(c) + " in path; use .name or ['name']");
            if (!seg)
                return std::nullopt;
            seg->endOffset = m_pos;
            path.segments.push_back(std::move(*seg));
        }
        return path;
    }

    size_t position() const { return m_pos; }
    void setEnd(size_t end) { m_end = end; }
    void setNested(size_t pos)
    {
        m_nested = true;
        m_pos = pos;
    }
    const PathError &error() const { return m_error; }

private:
    char peek(size_t ahead = 0) const
    {
        return m_pos + ahead < m_end ? m_text[m_pos + ahead] : '\0';
    }

    std::nullopt_t fail(const std::string &message, std::optional<size_t> at = {})
    {
        if (m_error.message.empty()) {
            m_error.offset = int(at.value_or(m_pos));
            m_error.message = message;
        }
        return std::nullopt;
    }

    std::optional<Segment> notInReference(Segment seg, const char *what, size_t at)
    {
        if (m_referenceOnly)
            return fail(std::string(what)
                            + " is not allowed here; use a reference path "
                              "such as $.a.b or $.a[0]",
                        at);
        return seg;
    }

    void skipSpaces()
    {
        while (m_pos < m_end && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }

    std::optional<std::string> parseName()
    {
        const size_t start = m_pos;
        while (m_pos < m_end && isNameChar(m_text[m_pos]))
            ++m_pos;
        if (m_pos == start)
            return fail("expected a field name after '.', found " + describeChar(peek()));
        return m_text.substr(start, m_pos - start);
    }

    std::optional<Segment> parseDot()
    {
        const size_t at = m_pos;
        ++m_pos; // '.'
        Segment seg;
        if (peek() == '.') {
            ++m_pos;
            if (peek() == '*') {
                ++m_pos;
                seg.kind = Segment::Kind::DeepWildcard;
            } else {
                auto name = parseName();
                if (!name)
                    return std::nullopt;
                seg.kind = Segment::Kind::DeepName;
                seg.name = *name;
            }
            return notInReference(seg, "deep scan '..'", at);
        }
        if (peek() == '*') {
            ++m_pos;
            seg.kind = Segment::Kind::Wildcard;
            return notInReference(seg, "wildcard '.*'", at);
        }
        auto name = parseName();
        if (!name)
            return std::nullopt;
        seg.name = *name;
        return seg;
    }

    std::optional<std::string> parseQuoted()
    {
        const char quote = peek();
        const size_t start = m_pos;
        ++m_pos;
        std::string out;
        while (m_pos < m_end && m_text[m_pos] != quote) {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_end)
                ++m_pos;
            out += m_text[m_pos++];
        }
        if (m_pos >= m_end)
            return fail("unterminated string in path", start);
        ++m_pos;
        return out;
    }

    std::optional<long long> parseInt()
    {
        const size_t start = m_pos;
        if (peek() == '-')
            ++m_pos;
        while (std::isdigit(static_cast<unsigned char>(peek())))
            ++m_pos;
        if (m_pos == start || (m_pos == start + 1 && m_text[start] == '-')) {
            m_pos = start;
            return std::nullopt;
        }
        if (m_pos - start > 15)
            return fail("index is too large", start);
        return std::stoll(m_text.substr(start, m_pos - start));
    }

    std::optional<Segment> expectClose(Segment seg, size_t open)
    {
        skipSpaces();
        if (peek() != ']')
            return fail("expected ']' to close '[' at column " + std::to_string(open + 1)
                        + ", found " + describeChar(peek()));
        ++m_pos;
        return seg;
    }

    std::optional<Segment> parseBracket()
    {
        const size_t open = m_pos;
        ++m_pos; // '['
        skipSpaces();
        Segment seg;
        const char c = peek();
        if (c == '\'' || c == '"') {
            auto name = parseQuoted();
            if (!name)
                return std::nullopt;
            seg.name = *name;
            return expectClose(seg, open);
        }
        if (c == '*') {
            ++m_pos;
            seg.kind = Segment::Kind::Wildcard;
            if (!expectClose(seg, open))
                return std::nullopt;
            return notInReference(seg, "wildcard '[*]'", open);
        }
        if (c == '?')
            return parseFilterSegment(open);
        std::optional<long long> first = parseInt();
        if (!m_error.message.empty())
            return std::nullopt;
        if (peek() == ':') {
            seg.kind = Segment::Kind::Slice;
            seg.start = first;
            ++m_pos;
            seg.end = parseInt();
            if (peek() == ':') {
                ++m_pos;
                const size_t stepAt = m_pos;
                if (auto step = parseInt()) {
                    if (*step <= 0)
                        return fail("slice step must be a positive integer", stepAt);
                    seg.step = *step;
                }
            }
            if (!m_error.message.empty() || !expectClose(seg, open))
                return std::nullopt;
            return notInReference(seg, "slice '[a:b]'", open);
        }
        if (!first)
            return fail("expected an index, 'name', * or ?(filter) after '['");
        seg.kind = Segment::Kind::Index;
        seg.index = *first;
        if (*first < 0 && m_referenceOnly)
            return fail("negative index is not allowed in a reference path", open + 1);
        return expectClose(seg, open);
    }

    std::optional<Segment> parseFilterSegment(size_t open)
    {
        const size_t at = m_pos;
        ++m_pos; // '?'
        skipSpaces();
        if (peek() != '(')
            return fail("expected '(' after '?' in filter");
        ++m_pos;
        auto expr = parseOr();
        if (!expr)
            return std::nullopt;
        skipSpaces();
        if (peek() != ')')
            return fail("expected ')' to close the filter, found " + describeChar(peek()));
        ++m_pos;
        Segment seg;
        seg.kind = Segment::Kind::Filter;
        seg.filter = std::make_shared<FilterExpr>(std::move(*expr));
        if (!expectClose(seg, open))
            return std::nullopt;
        return notInReference(seg, "filter '[?(...)]'", at);
    }

    bool consume(const char *token)
    {
        skipSpaces();
        const size_t n = std::strlen(token);
        if (m_text.compare(m_pos, n, token) == 0 && m_pos + n <= m_end) {
            m_pos += n;
            return true;
        }
        return false;
    }

    std::optional<FilterExpr> parseOr()
    {
        auto lhs = parseAnd();
        if (!lhs)
            return std::nullopt;
        while (consume("||")) {
            auto rhs = parseAnd();
            if (!rhs)
                return std::nullopt;
            FilterExpr e;
            e.kind = FilterExpr::Kind::Or;
            e.children = {std::move(*lhs), std::move(*rhs)};
            lhs = std::move(e);
        }
        return lhs;
    }

    std::optional<FilterExpr> parseAnd()
    {
        auto lhs = parseUnary();
        if (!lhs)
            return std::nullopt;
        while (consume("&&")) {
            auto rhs = parseUnary();
            if (!rhs)
                return std::nullopt;
            FilterExpr e;
            e.kind = FilterExpr::Kind::And;
            e.children = {std::move(*lhs), std::move(*rhs)};
            lhs = std::move(e);
        }
        return lhs;
    }

    std::optional<FilterExpr> parseUnary()
    {
        skipSpaces();
        if (++m_depth > maxFilterDepth)
            return fail("the filter nests too deeply");
        struct Leave
        {
            int &depth;
            ~Leave() { --depth; }
        } leave{m_depth};
        if (peek() == '!' && peek(1) != '=') {
            ++m_pos;
            auto inner = parseUnary();
            if (!inner)
                return std::nullopt;
            FilterExpr e;
            e.kind = FilterExpr::Kind::Not;
            e.children = {std::move(*inner)};
            return e;
        }
        if (peek() == '(') {
            ++m_pos;
            auto inner = parseOr();
            if (!inner)
                return std::nullopt;
            if (!consume(")"))
                return fail("expected ')' in filter, found " + describeChar(peek()));
            return inner;
        }
        auto lhs = parseOperand();
        if (!lhs)
            return std::nullopt;
        FilterExpr e;
        e.lhs = std::move(*lhs);
        static const char *ops[] = {"==", "!=", "<=", ">=", "<", ">"};
        for (const char *op : ops) {
            if (consume(op)) {
                e.op = op;
                break;
            }
        }
        if (e.op.empty()) {
            if (!e.lhs.path)
                return fail("expected a comparison after the value in filter");
            e.kind = FilterExpr::Kind::Exists;
            return e;
        }
        skipSpaces();
        auto rhs = parseOperand();
        if (!rhs)
            return std::nullopt;
        e.kind = FilterExpr::Kind::Compare;
        e.rhs = std::move(*rhs);
        return e;
    }

    std::optional<FilterExpr::Operand> parseOperand()
    {
        skipSpaces();
        const char c = peek();
        FilterExpr::Operand operand;
        if (c == '@' || c == '$') {
            Parser sub(m_text, false);
            sub.m_depth = m_depth;
            sub.setEnd(m_end);
            sub.setNested(m_pos);
            auto path = sub.parsePath(c);
            if (!path) {
                m_error = sub.error();
                return std::nullopt;
            }
            path->text = m_text.substr(m_pos, sub.position() - m_pos);
            m_pos = sub.position();
            operand.path = std::make_shared<Path>(std::move(*path));
            return operand;
        }
        if (c == '\'' || c == '"') {
            auto s = parseQuoted();
            if (!s)
                return std::nullopt;
            operand.literal = *s;
            return operand;
        }
        for (const char *word : {"true", "false", "null"}) {
            if (consume(word)) {
                operand.literal = Json::parse(word);
                return operand;
            }
        }
        const size_t start = m_pos;
        if (peek() == '-')
            ++m_pos;
        while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '.' || peek() == 'e'
               || peek() == 'E' || ((peek() == '+' || peek() == '-') && m_pos > start))
            ++m_pos;
        const std::string number = m_text.substr(start, m_pos - start);
        Json parsed = Json::parse(number, nullptr, false);
        if (number.empty() || !parsed.is_number())
            return fail("expected @.path, $.path, a number, a 'string', true, false or null in "
                        "filter",
                        start);
        operand.literal = parsed;
        return operand;
    }

    const std::string &m_text;
    bool m_referenceOnly;
    size_t m_pos = 0;
    size_t m_end = m_text.size();
    bool m_nested = false;
    int m_depth = 0; // filter nesting, including filters inside filter paths
    PathError m_error;
};

} // namespace

bool isNameChar(char c)
{
    static const char *excluded = ".[]()'\",=!<>&|*@$?";
    if (std::isspace(static_cast<unsigned char>(c)) || c == '\0')
        return false;
    return std::strchr(excluded, c) == nullptr;
}

bool Path::isDefinite() const
{
    for (const Segment &s : segments) {
        if (s.kind != Segment::Kind::Name && s.kind != Segment::Kind::Index)
            return false;
    }
    return true;
}

std::string Path::prefix(size_t count) const
{
    if (count == 0)
        return context ? "$$" : std::string(1, root);
    return text.substr(0, segments[count - 1].endOffset);
}

std::optional<Path> parse(const std::string &text, bool referenceOnly, PathError *error, char root)
{
    Parser parser(text, referenceOnly);
    auto path = parser.parsePath(root);
    if (!path && error)
        *error = parser.error();
    return path;
}

} // namespace Signalbox::JsonPath
