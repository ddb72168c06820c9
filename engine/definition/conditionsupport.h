// Private helpers shared by the condition parser, evaluator and rule converters: RFC 3339
// timestamps as ASL defines them, StringMatches globs, truthiness and the inference of a
// comparison's ValueType from a literal.
#pragma once

#include "signalbox/condition.h"

#include <optional>
#include <string>
#include <utility>

namespace Signalbox::ConditionSupport {

// An instant: seconds since the epoch and nanoseconds within the second, comparable as a pair.
using Instant = std::pair<long long, long long>;

// ASL timestamps: RFC 3339 with an uppercase 'T' and 'Z' or a numeric offset, e.g.
// 2016-03-14T01:59:00Z, 2016-03-14T01:59:00.123+02:00. Returns nullopt for anything else.
std::optional<Instant> parseTimestamp(const std::string &text);
bool isTimestamp(const Json &value);

// ASL StringMatches: '*' matches any run of characters, "\*" a literal star, "\\" a backslash.
bool globMatches(const std::string &pattern, const std::string &text);

// missing, null, false, 0, "", [] and {} are false; everything else is true.
bool isTruthy(const std::optional<Json> &value);

// Numeric for numbers, Boolean for booleans, Timestamp for RFC 3339 strings, String for other
// strings, Any for null, arrays and objects.
Condition::ValueType inferValueType(const Json &literal);

const char *valueTypeName(Condition::ValueType type); // "string", "number", ...

} // namespace Signalbox::ConditionSupport
