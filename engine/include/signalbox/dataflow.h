// ASL input and output processing as pure functions, in the order a state applies them:
//
//   raw input -> input_path -> parameters   = the effective input (what a task receives)
//   result    -> result_selector -> result_path (merged into the raw input) -> output_path
//
// Each step takes the definition's optional field as stored in State (nullopt = absent, a JSON
// null = ASL null, a string = a path, an object = a payload template) and returns the new value,
// or nullopt with an ASL error (States.Runtime for paths that match nothing or cannot be written,
// States.IntrinsicFailure for failing intrinsic functions) and a cause naming the field and path.
// The runtime builds the context object ($$) and passes it in; nothing here does I/O.
#pragma once

#include "signalbox/json.h"

#include <optional>
#include <string>

namespace Signalbox {

struct DataflowError
{
    std::string error = "States.Runtime";
    std::string cause;
    Json toJson() const { return Json{{"error", error}, {"cause", cause}}; }
};

// input_path: absent -> input; null -> {}; "$.x" -> the selected value.
std::optional<Json> applyInputPath(const std::optional<Json> &path, const Json &input,
                                   const Json &context, DataflowError *error);

// parameters (also item_selector): absent -> input; a template -> the template applied to input.
std::optional<Json> applyParameters(const std::optional<Json> &parameters, const Json &input,
                                    const Json &context, DataflowError *error);

// result_selector: absent -> result; a template -> the template applied to the result.
std::optional<Json> applyResultSelector(const std::optional<Json> &selector, const Json &result,
                                        const Json &context, DataflowError *error);

// result_path: absent or "$" -> result; null -> input unchanged; "$.a.b" -> a copy of input with
// the result written at $.a.b (objects created as needed).
std::optional<Json> applyResultPath(const Json &input, const Json &result,
                                    const std::optional<Json> &path, DataflowError *error);

// output_path: absent -> value; null -> {}; "$.x" -> the selected value.
std::optional<Json> applyOutputPath(const std::optional<Json> &path, const Json &value,
                                    const Json &context, DataflowError *error);

// The two halves combined, for states that use every field (task, parallel, map; pass uses
// `result` in place of the task result).
struct DataflowFields
{
    std::optional<Json> inputPath;
    std::optional<Json> parameters;
    std::optional<Json> resultSelector;
    std::optional<Json> resultPath;
    std::optional<Json> outputPath;
};
std::optional<Json> effectiveInput(const DataflowFields &fields, const Json &rawInput,
                                   const Json &context, DataflowError *error);
std::optional<Json> stateOutput(const DataflowFields &fields, const Json &rawInput,
                                const Json &result, const Json &context, DataflowError *error);

} // namespace Signalbox
