// Structured rules ({variable: $.x, numeric_greater_than: 5}) and ASL Choice rules
// ({"Variable": "$.x", "NumericGreaterThan": 5}) are the same language in two spellings, so one
// table of operators in PascalCase serves both; the snake_case names are derived from it.
#include "conditionsupport.h"

#include "signalbox/condition.h"
#include "signalbox/diagnostics.h"
#include "signalbox/jsonpath.h"

#include <algorithm>
#include <cctype>

namespace Signalbox {

using namespace ConditionSupport;
using ValueType = Condition::ValueType;
using Op = Condition::Op;
using TestKind = Condition::TestKind;

namespace {

constexpr int maxDepth = 64;

struct RuleError
{
    std::string message;
};

struct CompareOperator
{
    std::string name; // PascalCase, e.g. NumericGreaterThanEqualsPath
    ValueType type;
    Op op;
    bool path;
};

struct TestOperator
{
    const char *name;
    TestKind test;
    bool aslToo; // false for Signalbox extensions
};
constexpr TestOperator testOperators[] = {
    {"IsPresent", TestKind::IsPresent, true}, {"IsNull", TestKind::IsNull, true},
    {"IsNumeric", TestKind::IsNumeric, true}, {"IsString", TestKind::IsString, true},
    {"IsBoolean", TestKind::IsBoolean, true}, {"IsTimestamp", TestKind::IsTimestamp, true},
    {"IsTruthy", TestKind::Truthy, false},
};

const std::vector<CompareOperator> &compareOperators()
{
    static const std::vector<CompareOperator> ops = [] {
        std::vector<CompareOperator> out;
        const std::pair<const char *, ValueType> types[] = {{"String", ValueType::String},
                                                            {"Numeric", ValueType::Numeric},
                                                            {"Timestamp", ValueType::Timestamp}};
        const std::pair<const char *, Op> relations[] = {{"Equals", Op::Eq},
                                                         {"LessThan", Op::Lt},
                                                         {"LessThanEquals", Op::Le},
                                                         {"GreaterThan", Op::Gt},
                                                         {"GreaterThanEquals", Op::Ge}};
        for (const auto &[typeName, type] : types) {
            for (const auto &[relName, op] : relations) {
                out.push_back({std::string(typeName) + relName, type, op, false});
                out.push_back({std::string(typeName) + relName + "Path", type, op, true});
            }
        }
        out.push_back({"BooleanEquals", ValueType::Boolean, Op::Eq, false});
        out.push_back({"BooleanEqualsPath", ValueType::Boolean, Op::Eq, true});
        out.push_back({"StringMatches", ValueType::String, Op::Matches, false});
        return out;
    }();
    return ops;
}

std::string toSnake(const std::string &pascal)
{
    std::string out;
    for (char c : pascal) {
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (!out.empty())
                out += '_';
            out += char(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

std::string keyName(const std::string &pascal, bool asl)
{
    return asl ? pascal : toSnake(pascal);
}

std::vector<std::string> operatorNames(bool asl)
{
    std::vector<std::string> names;
    for (const CompareOperator &op : compareOperators())
        names.push_back(keyName(op.name, asl));
    for (const TestOperator &t : testOperators) {
        if (t.aslToo || !asl)
            names.push_back(keyName(t.name, asl));
    }
    return names;
}

std::string describe(const Json &v)
{
    std::string text = v.dump();
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return text;
}

// --- reading -------------------------------------------------------------------------------

Condition readRule(const Json &rule, bool asl, const std::string &where, int depth);

std::vector<Condition> readList(const Json &list, bool asl, const std::string &where, int depth)
{
    if (!list.is_array() || list.empty())
        throw RuleError{where + " must be a non-empty list of rules"};
    std::vector<Condition> out;
    for (size_t i = 0; i < list.size(); ++i)
        out.push_back(readRule(list[i], asl, where + "[" + std::to_string(i) + "]", depth + 1));
    return out;
}

void checkOperand(const Json &value, const CompareOperator &op, const std::string &key,
                  const std::string &where)
{
    auto fail = [&](const std::string &expected) {
        throw RuleError{where + ": " + key + " expects " + expected + ", got " + describe(value)};
    };
    if (op.path) {
        PathError error;
        if (!value.is_string())
            fail("a path such as $.field");
        if (!isValidPath(value.get<std::string>(), false, &error))
            throw RuleError{where + ": " + key + ": invalid path '" + value.get<std::string>()
                            + "': " + error.message};
        return;
    }
    switch (op.type) {
    case ValueType::String:
        if (!value.is_string())
            fail("a string");
        break;
    case ValueType::Numeric:
        if (!value.is_number())
            fail("a number");
        break;
    case ValueType::Boolean:
        if (!value.is_boolean())
            fail("true or false");
        break;
    case ValueType::Timestamp:
        if (!isTimestamp(value))
            fail("an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\"");
        break;
    case ValueType::Any:
        break;
    }
}

Condition readRule(const Json &rule, bool asl, const std::string &where, int depth)
{
    if (depth > maxDepth)
        throw RuleError{where + ": rules nest too deeply (more than " + std::to_string(maxDepth)
                        + " levels)"};
    if (!rule.is_object())
        throw RuleError{where + " must be an object such as {" + keyName("Variable", asl)
                        + ": $.x, " + keyName("NumericGreaterThan", asl) + ": 5}, got "
                        + describe(rule)};
    const std::string kAnd = keyName("And", asl), kOr = keyName("Or", asl),
                      kNot = keyName("Not", asl), kVariable = keyName("Variable", asl);
    std::vector<std::string> keys;
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        if (it.key() != keyName("Next", asl) && it.key() != keyName("Comment", asl))
            keys.push_back(it.key());
    }
    for (const std::string &combinator : {kAnd, kOr, kNot}) {
        if (!rule.contains(combinator))
            continue;
        if (keys.size() != 1)
            throw RuleError{where + ": '" + combinator + "' cannot be combined with other keys"};
        const std::string inner = where + "." + combinator;
        if (combinator == kNot) {
            // The structured spelling also accepts a one-rule list, like and/or.
            const Json &operand = rule[combinator];
            const bool oneItemList = !asl && operand.is_array() && operand.size() == 1;
            return Condition::makeNot(
                readRule(oneItemList ? operand.front() : operand, asl, inner, depth + 1));
        }
        auto children = readList(rule[combinator], asl, inner, depth);
        return combinator == kAnd ? Condition::makeAnd(std::move(children))
                                  : Condition::makeOr(std::move(children));
    }
    if (!rule.contains(kVariable))
        throw RuleError{where + " needs '" + kVariable + "' (or " + kAnd + ", " + kOr + ", " + kNot
                        + ")"};
    const Json &variable = rule[kVariable];
    PathError pathError;
    if (!variable.is_string())
        throw RuleError{where + ": " + kVariable + " must be a path such as $.field"};
    if (!isValidPath(variable.get<std::string>(), false, &pathError))
        throw RuleError{where + ": invalid " + kVariable + " '" + variable.get<std::string>()
                        + "': " + pathError.message};
    std::vector<std::string> operators;
    for (const std::string &k : keys) {
        if (k != kVariable)
            operators.push_back(k);
    }
    if (operators.empty())
        throw RuleError{where + " needs a comparison such as " + keyName("StringEquals", asl)};
    const std::vector<std::string> known = operatorNames(asl);
    for (const std::string &k : operators) {
        if (std::find(known.begin(), known.end(), k) == known.end()) {
            std::string message = where + ": unknown operator '" + k + "'";
            const std::string suggestion = closestMatch(k, known);
            if (!suggestion.empty())
                message += ", did you mean '" + suggestion + "'";
            throw RuleError{message};
        }
    }
    if (operators.size() > 1)
        throw RuleError{where + " has several comparisons ('" + operators[0] + "', '" + operators[1]
                        + "'); combine them with " + kAnd};
    const std::string &key = operators.front();
    const Json &value = rule[key];
    Condition c;
    c.variable = variable.get<std::string>();
    for (const TestOperator &t : testOperators) {
        if (key == keyName(t.name, asl)) {
            if (!value.is_boolean())
                throw RuleError{where + ": " + key + " expects true or false, got "
                                + describe(value)};
            c.kind = Condition::Kind::Test;
            c.test = t.test;
            c.testExpected = value.get<bool>();
            return c;
        }
    }
    for (const CompareOperator &op : compareOperators()) {
        if (key != keyName(op.name, asl))
            continue;
        checkOperand(value, op, key, where);
        c.kind = Condition::Kind::Compare;
        c.op = op.op;
        c.valueType = op.type;
        if (op.path)
            c.valuePath = value.get<std::string>();
        else
            c.value = value;
        return c;
    }
    throw RuleError{where + ": unknown operator '" + key + "'"};
}

// --- writing -------------------------------------------------------------------------------

Json writeRule(const Condition &c, bool asl, int depth);

Json compareRule(const std::string &variable, const std::string &pascal, const Json &operand,
                 bool asl)
{
    Json rule = Json::object();
    rule[keyName("Variable", asl)] = variable;
    rule[keyName(pascal, asl)] = operand;
    return rule;
}

std::string typePrefix(ValueType type)
{
    switch (type) {
    case ValueType::String:
        return "String";
    case ValueType::Boolean:
        return "Boolean";
    case ValueType::Timestamp:
        return "Timestamp";
    default:
        return "Numeric";
    }
}

std::string relationName(Op op)
{
    switch (op) {
    case Op::Lt:
        return "LessThan";
    case Op::Le:
        return "LessThanEquals";
    case Op::Gt:
        return "GreaterThan";
    case Op::Ge:
        return "GreaterThanEquals";
    default:
        return "Equals";
    }
}

Json equalsLiteral(const std::string &variable, const Json &literal, ValueType type, bool asl)
{
    if (type == ValueType::Any)
        type = inferValueType(literal);
    if (literal.is_null())
        return compareRule(variable, "IsNull", true, asl);
    if (type == ValueType::Any)
        throw RuleError{"cannot compare " + variable + " with " + describe(literal)
                        + ": only strings, numbers, booleans and timestamps can be compared"};
    return compareRule(variable, typePrefix(type) + "Equals", literal, asl);
}

Json writeCompare(const Condition &c, bool asl, int depth)
{
    const std::string kOr = keyName("Or", asl), kNot = keyName("Not", asl);
    switch (c.op) {
    case Op::In: {
        if (!c.value.is_array() || c.value.empty())
            throw RuleError{c.variable + " in []: an empty list cannot be expressed as a rule"};
        Json any = Json::array();
        for (const Json &item : c.value)
            any.push_back(equalsLiteral(c.variable, item, c.valueType, asl));
        return any.size() == 1 ? any.front() : Json{{kOr, any}};
    }
    case Op::Ne: {
        Condition eq = c;
        eq.op = Op::Eq;
        return Json{{kNot, writeRule(eq, asl, depth + 1)}};
    }
    case Op::Matches:
        if (!c.valuePath.empty() || !c.value.is_string())
            throw RuleError{"matches(" + c.variable + ", ...) needs a quoted pattern"};
        return compareRule(c.variable, "StringMatches", c.value, asl);
    default:
        break;
    }
    if (!c.valuePath.empty()) {
        if (c.valueType == ValueType::Any && c.op == Op::Eq) {
            Json any = Json::array();
            for (const char *prefix : {"Numeric", "String", "Boolean"})
                any.push_back(
                    compareRule(c.variable, std::string(prefix) + "EqualsPath", c.valuePath, asl));
            return Json{{kOr, any}};
        }
        if (c.valueType == ValueType::Boolean && c.op != Op::Eq)
            throw RuleError{"booleans can only be compared with == or !="};
        return compareRule(c.variable, typePrefix(c.valueType) + relationName(c.op) + "Path",
                           c.valuePath, asl);
    }
    const ValueType type = c.valueType == ValueType::Any ? inferValueType(c.value) : c.valueType;
    if (c.op == Op::Eq)
        return equalsLiteral(c.variable, c.value, type, asl);
    if (type == ValueType::Any || type == ValueType::Boolean)
        throw RuleError{"cannot order " + c.variable + " against " + describe(c.value)
                        + ": only strings, numbers and timestamps can use < <= > >="};
    return compareRule(c.variable, typePrefix(type) + relationName(c.op), c.value, asl);
}

Json writeRule(const Condition &c, bool asl, int depth)
{
    if (depth > maxDepth)
        throw RuleError{"the condition nests too deeply"};
    switch (c.kind) {
    case Condition::Kind::And:
    case Condition::Kind::Or: {
        const std::string key = keyName(c.kind == Condition::Kind::And ? "And" : "Or", asl);
        if (c.children.empty())
            throw RuleError{"an empty " + key + " cannot be expressed as a rule"};
        Json list = Json::array();
        for (const Condition &child : c.children)
            list.push_back(writeRule(child, asl, depth + 1));
        return Json{{key, list}};
    }
    case Condition::Kind::Not:
        if (c.children.empty())
            throw RuleError{"an empty Not cannot be expressed as a rule"};
        return Json{{keyName("Not", asl), writeRule(c.children.front(), asl, depth + 1)}};
    case Condition::Kind::Test:
        if (c.test == TestKind::Truthy && asl) {
            if (!c.testExpected)
                throw RuleError{"is_truthy(" + c.variable
                                + ") == false has no ASL equivalent; write not " + c.variable};
            return Json{
                {"And", Json::array({compareRule(c.variable, "IsPresent", true, asl),
                                     compareRule(c.variable, "BooleanEquals", true, asl)})}};
        }
        for (const TestOperator &t : testOperators) {
            if (t.test == c.test)
                return compareRule(c.variable, t.name, c.testExpected, asl);
        }
        break;
    case Condition::Kind::Compare:
        return writeCompare(c, asl, depth);
    }
    throw RuleError{"unsupported condition"};
}

} // namespace

std::optional<Condition> parseStructuredRule(const Json &rule, std::string *error)
{
    try {
        return readRule(rule, false, "rule", 0);
    } catch (const RuleError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

Json conditionToStructuredRule(const Condition &c)
{
    try {
        return writeRule(c, false, 0);
    } catch (const RuleError &) {
        return Json();
    }
}

std::optional<Json> conditionToAslRule(const Condition &c, std::string *error)
{
    try {
        return writeRule(c, true, 0);
    } catch (const RuleError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

std::optional<Condition> conditionFromAslRule(const Json &rule, std::string *error)
{
    try {
        return readRule(rule, true, "rule", 0);
    } catch (const RuleError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

} // namespace Signalbox
