#include "flow.h"

#include "signalbox/intrinsics.h"
#include "signalbox/jsonpath.h"

namespace Signalbox::Runtime {

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
    IntrinsicError ie;
    std::optional<Json> v = applyTemplate(tmpl, input, ctx, &ie);
    if (!v) {
        err->error = ie.error.empty() ? "States.Runtime" : ie.error;
        err->cause = ie.cause;
    }
    return v;
}

static std::optional<Json> applyPathField(const std::optional<Json> &field, const Json &value,
                                          const Json &ctx, const char *what, FlowError *err)
{
    if (!field)
        return value;
    if (field->is_null())
        return Json::object();
    if (!field->is_string()) {
        err->cause = std::string(what) + " must be a path or null";
        return std::nullopt;
    }
    std::optional<Json> v = selectValue(field->get<std::string>(), value, ctx, err);
    if (!v)
        err->cause = std::string(what) + ": " + err->cause;
    return v;
}

std::optional<Json> effectiveInput(const State &s, const Json &raw, const Json &ctx,
                                   bool withParameters, FlowError *err)
{
    std::optional<Json> v = applyPathField(s.inputPath, raw, ctx, "input_path", err);
    if (!v || !withParameters || !s.parameters)
        return v;
    std::optional<Json> p = applyTemplateValue(*s.parameters, *v, ctx, err);
    if (!p && err->cause.rfind("parameters", 0) != 0)
        err->cause = "parameters: " + err->cause;
    return p;
}

std::optional<Json> applyResultPathValue(const std::optional<Json> &resultPath, const Json &raw,
                                         const Json &result, FlowError *err)
{
    if (!resultPath)
        return result;
    if (resultPath->is_null())
        return raw;
    if (!resultPath->is_string()) {
        err->cause = "result_path must be a path or null";
        return std::nullopt;
    }
    const std::string path = resultPath->get<std::string>();
    if (path == "$")
        return result;
    Json target = raw;
    std::string message;
    if (!writePath(target, path, result, &message)) {
        err->error = "States.Runtime";
        err->cause = "result_path '" + path + "': " + message;
        return std::nullopt;
    }
    return target;
}

std::optional<Json> stateOutput(const State &s, const Json &raw, const Json &result,
                                const Json &ctx, bool withSelector, FlowError *err)
{
    Json selected = result;
    if (withSelector && s.resultSelector) {
        std::optional<Json> v = applyTemplateValue(*s.resultSelector, result, ctx, err);
        if (!v) {
            err->cause = "result_selector: " + err->cause;
            return std::nullopt;
        }
        selected = std::move(*v);
    }
    std::optional<Json> merged = applyResultPathValue(s.resultPath, raw, selected, err);
    if (!merged)
        return std::nullopt;
    return applyPathField(s.outputPath, *merged, ctx, "output_path", err);
}

std::optional<Json> outputOnly(const State &s, const Json &effective, const Json &ctx,
                               FlowError *err)
{
    return applyPathField(s.outputPath, effective, ctx, "output_path", err);
}

} // namespace Signalbox::Runtime
