#include "flow.h"

#include "signalbox/dataflow.h"
#include "signalbox/jsonpath.h"

namespace Signalbox::Runtime {

namespace {
FlowError convert(const DataflowError &e)
{
    return FlowError{e.error.empty() ? std::string("States.Runtime") : e.error, e.cause};
}
} // namespace

std::optional<Json> selectValue(const std::string &path, const Json &input, const Json &ctx,
                                FlowError *err)
{
    std::optional<Json> v = selectPath(path, input, ctx);
    if (!v) {
        err->error = "States.Runtime";
        err->cause = "the path '" + path + "' did not match anything in the input";
    }
    return v;
}

std::optional<Json> applyTemplateValue(const Json &tmpl, const Json &input, const Json &ctx,
                                       FlowError *err)
{
    DataflowError de;
    std::optional<Json> v = applyParameters(tmpl, input, ctx, &de);
    if (!v)
        *err = convert(de);
    return v;
}

std::optional<Json> effectiveInput(const State &s, const Json &raw, const Json &ctx,
                                   bool withParameters, FlowError *err)
{
    DataflowError de;
    std::optional<Json> v = applyInputPath(s.inputPath, raw, ctx, &de);
    if (v && withParameters)
        v = applyParameters(s.parameters, *v, ctx, &de);
    if (!v)
        *err = convert(de);
    return v;
}

std::optional<Json> applyResultPathValue(const std::optional<Json> &resultPath, const Json &raw,
                                         const Json &result, FlowError *err)
{
    DataflowError de;
    std::optional<Json> v = applyResultPath(raw, result, resultPath, &de);
    if (!v)
        *err = convert(de);
    return v;
}

std::optional<Json> stateOutput(const State &s, const Json &raw, const Json &result,
                                const Json &ctx, bool withSelector, FlowError *err)
{
    DataflowError de;
    std::optional<Json> v = withSelector ? applyResultSelector(s.resultSelector, result, ctx, &de)
                                         : std::optional<Json>(result);
    if (v)
        v = applyResultPath(raw, *v, s.resultPath, &de);
    if (v)
        v = applyOutputPath(s.outputPath, *v, ctx, &de);
    if (!v)
        *err = convert(de);
    return v;
}

std::optional<Json> outputOnly(const State &s, const Json &effective, const Json &ctx,
                               FlowError *err)
{
    DataflowError de;
    std::optional<Json> v = applyOutputPath(s.outputPath, effective, ctx, &de);
    if (!v)
        *err = convert(de);
    return v;
}

} // namespace Signalbox::Runtime
