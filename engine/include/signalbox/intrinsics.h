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

// Evaluates "States.Xxx(args...)". Arguments may be literals, paths or nested calls.
std::optional<Json> evaluateIntrinsic(const std::string &call, const Json &input, const Json &context,
                                      IntrinsicError *error);

// Syntax check of an intrinsic call without evaluating it (used by the validator).
bool isValidIntrinsic(const std::string &call, std::string *message);

std::optional<Json> applyTemplate(const Json &tmpl, const Json &input, const Json &context,
                                  IntrinsicError *error);

} // namespace Signalbox
