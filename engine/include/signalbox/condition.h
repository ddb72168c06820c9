// The condition model behind choice states. Expression strings ("$.amount > 1000 and not $.vip"),
// structured ASL-style rules ({variable: $.x, numeric_greater_than: 5}) and the seed's `when:`
// short form all parse into one Condition tree. The runtime evaluates the tree; the ASL codec
// exports it.
#pragma once

#include "signalbox/json.h"

#include <optional>
#include <string>
#include <vector>

namespace Signalbox {

struct Condition
{
    enum class Kind {
        And,     // children, all true
        Or,      // children, any true
        Not,     // children[0] false
        Compare, // variable <op> (value | valuePath)
        Test,    // test on variable (type tests, presence, truthiness)
    };
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In, Matches };
    enum class TestKind { Truthy, IsPresent, IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp };
    // The kind of comparison. Expressions infer it from the literal (number → Numeric, string →
    // String, unless the string is an RFC 3339 timestamp → Timestamp, bool → Boolean); structured
    // rules name it (string_equals, timestamp_less_than...). Any = decided at run time from the
    // values (path-to-path comparisons in expressions).
    enum class ValueType { Any, String, Numeric, Boolean, Timestamp };

    Kind kind = Kind::Test;
    std::vector<Condition> children;

    std::string variable; // JSONPath (may start with $$ for the context object)
    Op op = Op::Eq;
    ValueType valueType = ValueType::Any;
    Json value;            // literal operand (for In: an array of literals; Matches: glob string)
    std::string valuePath; // operand path when comparing two paths (empty otherwise)
    TestKind test = TestKind::Truthy;
    bool testExpected = true; // for ASL IsPresent/IsNull...: the boolean the test must equal

    static Condition makeAnd(std::vector<Condition> c);
    static Condition makeOr(std::vector<Condition> c);
    static Condition makeNot(Condition c);
    static Condition makeTruthy(const std::string &path);

    bool operator==(const Condition &) const = default;
};

struct ConditionParseError
{
    int offset = 0; // 0-based character offset into the expression text
    std::string message;
};

// Parses an expression string. Grammar (lowest precedence first):
//   or-expr  := and-expr ('or' and-expr)*          and-expr := not-expr ('and' not-expr)*
//   not-expr := 'not' not-expr | primary
//   primary  := '(' or-expr ')' | func '(' args ')' | operand [op operand] | operand 'in' list
//   op := == != < <= > >=     literals: numbers, 'single' or "double" strings, true false null,
//   [lists] func := exists is_present is_null is_number is_string is_boolean is_timestamp is_truthy
//           matches(path, 'glob*');  a test may be followed by "== false" / "!= true"
//   casts string(x) number(x) boolean(x) timestamp(x) force the comparison type
// A bare path is a truthiness test. On error returns nullopt and fills `error` (the message
// names the column; the offset points at the offending character).
std::optional<Condition> parseConditionExpression(const std::string &text,
                                                  ConditionParseError *error);

// Renders a condition back to expression text (for display, YAML writing and labels).
std::string conditionToExpression(const Condition &c);

// Evaluates a condition against the state input and the context object ($$).
// Never throws; a missing path makes comparisons false (ASL semantics for Is* tests apply).
bool evaluateCondition(const Condition &c, const Json &input, const Json &context);

// The structured (snake_case) spelling of a rule, as written in YAML:
//   {variable: $.x, numeric_greater_than: 5}, {variable: $.a, numeric_equals_path: $.b},
//   {variable: $.x, is_present: true}, {and: [...]}, {or: [...]}, {not: {...}}
// Operators: {string,numeric,timestamp}_{equals,less_than,less_than_equals,greater_than,
// greater_than_equals}[_path], boolean_equals[_path], string_matches, is_present, is_null,
// is_numeric, is_string, is_boolean, is_timestamp, and the Signalbox extension is_truthy.
// "next" and "comment" keys are ignored (they belong to the choice). On error returns nullopt
// and fills `error` with a message naming the offending key.
std::optional<Condition> parseStructuredRule(const Json &rule, std::string *error);

// The structured spelling of a condition (the inverse of parseStructuredRule). Conditions the
// structured form has no operator for are mapped as for ASL (see conditionToAslRule); returns a
// JSON null when even that is impossible (an empty `in` list, a boolean ordered with <).
Json conditionToStructuredRule(const Condition &c);

// Amazon States Language Choice rules (PascalCase: Variable, NumericGreaterThan,
// StringEqualsPath, And/Or/Not, IsPresent...). Mappings that are not one-to-one:
//   a != b        -> Not {a == b}          (ASL's Not is also true on a type mismatch)
//   a in [x, y]   -> Or [a == x, a == y]
//   bare $.x      -> And [IsPresent true, BooleanEquals true]   (only true, not "truthy")
//   $.a < $.b     -> NumericLessThanPath   (untyped path-to-path ordering is exported as numeric)
//   $.a == $.b    -> Or [NumericEqualsPath, StringEqualsPath, BooleanEqualsPath]
// Returns nullopt with a message for conditions ASL cannot express.
std::optional<Json> conditionToAslRule(const Condition &c, std::string *error);
// Reads an ASL Choice rule (a top-level rule's "Next" and "Comment" are ignored).
std::optional<Condition> conditionFromAslRule(const Json &rule, std::string *error);

} // namespace Signalbox
