// Payload templates and the ASL intrinsic functions (States.Format, States.Array, ...).
// applyTemplate() resolves a parameters/result_selector/item_selector object: keys ending in ".$"
// take their value from a path or an intrinsic-function call; other keys are copied (recursively).
#pragma once

#include "signalbox/json.h"

#include <optional>
#include <string>

namespace Signalbox {

struct IntrinsicError
{
    std::string error = "States.Runtime"; // ASL error name, e.g. States.IntrinsicFailure
    std::string cause;
};

// Evaluates "States.Xxx(args...)". Arguments may be literals ('single-quoted' strings with
// \' \{ \} \\ escapes, numbers, true, false, null), paths or nested calls. Errors:
// States.Runtime when a path argument matches nothing, States.IntrinsicFailure for everything
// else (syntax, argument types, limits); the cause names the function. docs/expressions.md lists
// every function with its documented behaviour and limits.
std::optional<Json> evaluateIntrinsic(const std::string &call, const Json &input,
                                      const Json &context, IntrinsicError *error);

// Syntax check of an intrinsic call without evaluating it (used by the validator).
bool isValidIntrinsic(const std::string &call, std::string *message);

// Resolves a payload template. A ".$" path that matches nothing is States.Runtime; failing
// intrinsic functions keep their error. Nested objects and arrays are processed recursively.
std::optional<Json> applyTemplate(const Json &tmpl, const Json &input, const Json &context,
                                  IntrinsicError *error);

} // namespace Signalbox
