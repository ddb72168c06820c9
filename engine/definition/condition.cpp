#include "conditionsupport.h"

#include "signalbox/condition.h"
#include "signalbox/jsonpath.h"

namespace Signalbox {

using namespace ConditionSupport;
using ValueType = Condition::ValueType;
using Op = Condition::Op;

Condition Condition::makeAnd(std::vector<Condition> c)
{
    Condition out;
    out.kind = Kind::And;
    out.children = std::move(c);
    return out;
}

Condition Condition::makeOr(std::vector<Condition> c)
{
    Condition out;
    out.kind = Kind::Or;
    out.children = std::move(c);
    return out;
}

Condition Condition::makeNot(Condition c)
{
    Condition out;
    out.kind = Kind::Not;
    out.children.push_back(std::move(c));
    return out;
}

Condition Condition::makeTruthy(const std::string &path)
{
    Condition out;
    out.kind = Kind::Test;
    out.test = TestKind::Truthy;
    out.variable = path;
    return out;
}

namespace {

bool applyOrder(int cmp, Op op)
{
    switch (op) {
    case Op::Eq:
        return cmp == 0;
    case Op::Ne:
        return cmp != 0;
    case Op::Lt:
        return cmp < 0;
    case Op::Le:
        return cmp <= 0;
    case Op::Gt:
        return cmp > 0;
    case Op::Ge:
        return cmp >= 0;
    default:
        return false;
    }
}

template<typename T>
int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Type mismatch is false for every operator, != included (ASL semantics).
bool compareTyped(const Json &a, Op op, const Json &b, ValueType type)
{
    if (type == ValueType::Any) {
        if (a.is_number() && b.is_number())
            type = ValueType::Numeric;
        else if (isTimestamp(a) && isTimestamp(b))
            type = ValueType::Timestamp;
        else if (a.is_string() && b.is_string())
            type = ValueType::String;
        else if (a.is_boolean() && b.is_boolean())
            type = ValueType::Boolean;
        else if (a.type() == b.type() && (op == Op::Eq || op == Op::Ne))
            return (a == b) == (op == Op::Eq);
        else
            return false;
    }
    switch (type) {
    case ValueType::Numeric:
        if (!a.is_number() || !b.is_number())
            return false;
        if (a.is_number_float() || b.is_number_float())
            return applyOrder(threeWay(a.get<double>(), b.get<double>()), op);
        return applyOrder(threeWay(a, b), op); // nlohmann orders mixed integers exactly
    case ValueType::String:
        if (!a.is_string() || !b.is_string())
            return false;
        return applyOrder(
            threeWay(a.get_ref<const std::string &>(), b.get_ref<const std::string &>()), op);
    case ValueType::Boolean:
        if (!a.is_boolean() || !b.is_boolean() || (op != Op::Eq && op != Op::Ne))
            return false;
        return (a == b) == (op == Op::Eq);
    case ValueType::Timestamp: {
        if (!a.is_string() || !b.is_string())
            return false;
        const auto x = parseTimestamp(a.get_ref<const std::string &>());
        const auto y = parseTimestamp(b.get_ref<const std::string &>());
        if (!x || !y)
            return false;
        const Instant ix = x.value();
        const Instant iy = y.value();
        return applyOrder(ix < iy ? -1 : (iy < ix ? 1 : 0), op);
    }
    case ValueType::Any:
        break;
    }
    return false;
}

bool evaluateTest(const Condition &c, const Json &input, const Json &context)
{
    const std::optional<Json> value = selectPath(c.variable, input, context);
    using TestKind = Condition::TestKind;
    if (c.test == TestKind::IsPresent)
        return value.has_value() == c.testExpected;
    if (c.test == TestKind::Truthy)
        return isTruthy(value) == c.testExpected;
    if (!value)
        return false; // Is* on a missing variable: false whatever the expected value
    bool result = false;
    switch (c.test) {
    case TestKind::IsNull:
        result = value->is_null();
        break;
    case TestKind::IsNumeric:
        result = value->is_number();
        break;
    case TestKind::IsString:
        result = value->is_string();
        break;
    case TestKind::IsBoolean:
        result = value->is_boolean();
        break;
    case TestKind::IsTimestamp:
        result = isTimestamp(*value);
        break;
    default:
        break;
    }
    return result == c.testExpected;
}

bool evaluateCompare(const Condition &c, const Json &input, const Json &context)
{
    const std::optional<Json> lhs = selectPath(c.variable, input, context);
    if (!lhs)
        return false;
    std::optional<Json> rhs = c.value;
    if (!c.valuePath.empty())
        rhs = selectPath(c.valuePath, input, context);
    if (!rhs)
        return false;
    switch (c.op) {
    case Op::In:
        if (!rhs->is_array())
            return false;
        for (const Json &item : *rhs) {
            const ValueType t = c.valueType == ValueType::Any ? inferValueType(item) : c.valueType;
            if (compareTyped(*lhs, Op::Eq, item, t))
                return true;
        }
        return false;
    case Op::Matches:
        return lhs->is_string() && rhs->is_string()
               && globMatches(rhs->get<std::string>(), lhs->get<std::string>());
    default:
        return compareTyped(*lhs, c.op, *rhs, c.valueType);
    }
}

} // namespace

bool evaluateCondition(const Condition &c, const Json &input, const Json &context)
{
    switch (c.kind) {
    case Condition::Kind::And:
        for (const Condition &child : c.children) {
            if (!evaluateCondition(child, input, context))
                return false;
        }
        return !c.children.empty();
    case Condition::Kind::Or:
        for (const Condition &child : c.children) {
            if (evaluateCondition(child, input, context))
                return true;
        }
        return false;
    case Condition::Kind::Not:
        return !c.children.empty() && !evaluateCondition(c.children.front(), input, context);
    case Condition::Kind::Test:
        return evaluateTest(c, input, context);
    case Condition::Kind::Compare:
        return evaluateCompare(c, input, context);
    }
    return false;
}

} // namespace Signalbox
