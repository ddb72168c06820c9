// Checks an execution's input against its workflow's `input_schema` (JSON Schema draft-07, with
// valijson) at the door: Engine::start, run and redrive with a new input refuse an input that does
// not conform, and the app's Run form (models/inputform.*) asks the same function, so the form and
// the engine cannot disagree. Each problem names where (a JSONPath into the input, `$` for the
// whole), the rule (the JSON Schema keyword: required, type, enum, minimum, pattern, ...) and
// valijson's words. A schema that cannot be compiled (a remote `$ref`, a malformed keyword) is a
// problem at `$` with the rule `schema`: an input cannot be judged against it.
#pragma once

#include "signalbox/json.h"

#include <cstddef>
#include <string>
#include <vector>

namespace Signalbox {

// The error name of a refused input. ASL has no state error for this (the input is checked before
// any state runs); the name is Step Functions' StartExecution error for an input it cannot take.
inline constexpr const char *kInvalidExecutionInput = "InvalidExecutionInput";

// The longest text (string value or object key) checked against a schema that has a `pattern` or
// `patternProperties`: longer ones are refused with the rule `pattern`, because std::regex (which
// valijson uses) recurses per character and a long text would overflow the stack.
inline constexpr std::size_t kPatternTextLimit = 256;

struct InputProblem
{
    std::string path;    // JSONPath into the input: $, $.order.amount, $.items[2]
    std::string rule;    // the JSON Schema keyword that failed
    std::string message; // valijson's description
};

// The problems of `input` against `schema`; empty when it conforms or when `schema` is not an
// object (no schema). Never throws.
std::vector<InputProblem> validateInput(const Json &schema, const Json &input);

// "$.amount: minimum: Expected number greater than or equal to 1; ..." (the first `max` problems,
// then how many more).
std::string describeInputProblems(const std::vector<InputProblem> &problems, std::size_t max = 5);

} // namespace Signalbox
