// The data-flow steps of one state as the runtime applies them (ASL order): input_path and
// parameters on the way in; result_selector, result_path and output_path on the way out. Thin
// glue over dataflow.h (ASL semantics live there); a failed step is an ASL
// error (States.Runtime, States.IntrinsicFailure...) that the caller turns into StateFailed.
#pragma once

#include "signalbox/definition.h"
#include "signalbox/json.h"

#include <optional>
#include <string>

namespace Signalbox::Runtime {

// Iterations a map runs at once when its max_concurrency is 0 (or absent): Step Functions'
// inline map runs at most 40 iterations at once, and an unbounded map over a long array would
// start a process per item (docs/language.md). An explicit max_concurrency may go higher.
constexpr int kDefaultMapConcurrency = 40;

struct FlowError
{
    std::string error = "States.Runtime";
    std::string cause;
};

// input_path, then (when `withParameters`) parameters.
std::optional<Json> effectiveInput(const State &s, const Json &raw, const Json &ctx,
                                   bool withParameters, FlowError *err);
// (when `withSelector`) result_selector on `result`, result_path onto `raw`, then output_path.
std::optional<Json> stateOutput(const State &s, const Json &raw, const Json &result,
                                const Json &ctx, bool withSelector, FlowError *err);
// output_path alone (choice, wait, succeed: their output is the effective input).
std::optional<Json> outputOnly(const State &s, const Json &effective, const Json &ctx,
                               FlowError *err);
// ASL result_path with an explicit path (catch rules): error object onto the raw input.
std::optional<Json> applyResultPathValue(const std::optional<Json> &resultPath, const Json &raw,
                                         const Json &result, FlowError *err);
// A JSON template (item_selector) against an input and a context.
std::optional<Json> applyTemplateValue(const Json &tmpl, const Json &input, const Json &ctx,
                                       FlowError *err);
// A path on the input or ($$) the context; nullopt with States.Runtime when it does not match.
std::optional<Json> selectValue(const std::string &path, const Json &input, const Json &ctx,
                                FlowError *err);

} // namespace Signalbox::Runtime
