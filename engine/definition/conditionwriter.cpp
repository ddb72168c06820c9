// conditionToExpression: canonical expression text for a Condition tree. The text parses back
// to an equal tree: nested and/or get parentheses, and a comparison whose type would be inferred
// differently from its operand is written with a cast such as string('2024-01-01T00:00:00Z') or
// number($.due).
#include "conditionsupport.h"

#include "signalbox/condition.h"

namespace Signalbox {

using namespace ConditionSupport;
using Kind = Condition::Kind;
using ValueType = Condition::ValueType;

namespace {

std::string quote(const std::string &s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

std::string literal(const Json &v)
{
    if (v.is_string())
        return quote(v.get<std::string>());
    if (v.is_array()) {
        std::string out = "[";
        for (size_t i = 0; i < v.size(); ++i)
            out += (i ? ", " : "") + literal(v[i]);
        return out + "]";
    }
    return v.dump();
}

const char *opText(Condition::Op op)
{
    switch (op) {
    case Condition::Op::Eq:
        return "==";
    case Condition::Op::Ne:
        return "!=";
    case Condition::Op::Lt:
        return "<";
    case Condition::Op::Le:
        return "<=";
    case Condition::Op::Gt:
        return ">";
    case Condition::Op::Ge:
        return ">=";
    case Condition::Op::In:
        return "in";
    case Condition::Op::Matches:
        return "matches";
    }
    return "==";
}

const char *testFunction(Condition::TestKind t)
{
    switch (t) {
    case Condition::TestKind::Truthy:
        return "is_truthy";
    case Condition::TestKind::IsPresent:
        return "exists";
    case Condition::TestKind::IsNull:
        return "is_null";
    case Condition::TestKind::IsNumeric:
        return "is_number";
    case Condition::TestKind::IsString:
        return "is_string";
    case Condition::TestKind::IsBoolean:
        return "is_boolean";
    case Condition::TestKind::IsTimestamp:
        return "is_timestamp";
    }
    return "exists";
}

std::string render(const Condition &c);

std::string renderChild(const Condition &child, Kind parent)
{
    const bool wrap = (child.kind == Kind::Or || child.kind == Kind::And)
                      && !(parent == Kind::Or && child.kind == Kind::And);
    return wrap ? "(" + render(child) + ")" : render(child);
}

std::string renderCompare(const Condition &c)
{
    if (c.op == Condition::Op::Matches)
        return "matches(" + c.variable + ", " + literal(c.value) + ")";
    std::string rhs;
    if (!c.valuePath.empty()) {
        rhs = c.valueType == ValueType::Any
                  ? c.valuePath
                  : std::string(valueTypeName(c.valueType)) + "(" + c.valuePath + ")";
    } else if (c.op == Condition::Op::In || c.valueType == inferValueType(c.value)
               || c.valueType == ValueType::Any) {
        rhs = literal(c.value);
    } else {
        rhs = std::string(valueTypeName(c.valueType)) + "(" + literal(c.value) + ")";
    }
    return c.variable + " " + opText(c.op) + " " + rhs;
}

std::string render(const Condition &c)
{
    switch (c.kind) {
    case Kind::And:
    case Kind::Or: {
        if (c.children.empty())
            return c.kind == Kind::And ? "(and)" : "(or)"; // not a valid condition
        std::string out;
        for (size_t i = 0; i < c.children.size(); ++i) {
            if (i)
                out += c.kind == Kind::And ? " and " : " or ";
            out += renderChild(c.children[i], c.kind);
        }
        return out;
    }
    case Kind::Not:
        if (c.children.empty())
            return "not ()";
        return "not " + renderChild(c.children.front(), Kind::Not);
    case Kind::Test:
        if (c.test == Condition::TestKind::Truthy && c.testExpected)
            return c.variable;
        return std::string(testFunction(c.test)) + "(" + c.variable + ")"
               + (c.testExpected ? "" : " == false");
    case Kind::Compare:
        return renderCompare(c);
    }
    return {};
}

} // namespace

std::string conditionToExpression(const Condition &c)
{
    return render(c);
}

} // namespace Signalbox
