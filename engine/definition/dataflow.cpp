#include "signalbox/dataflow.h"

#include "signalbox/intrinsics.h"
#include "signalbox/jsonpath.h"

namespace Signalbox {

namespace {

std::nullopt_t fail(DataflowError *error, const std::string &cause,
                    const std::string &name = "States.Runtime")
{
    if (error) {
        error->error = name;
        error->cause = cause;
    }
    return std::nullopt;
}

std::optional<Json> selectField(const char *field, const std::optional<Json> &path,
                                const Json &value, const Json &context, DataflowError *error)
{
    if (!path)
        return value;
    if (path->is_null())
        return Json::object();
    if (!path->is_string())
        return fail(error, std::string(field) + " must be a path or null, got " + path->dump());
    const std::string &text = path->get_ref<const std::string &>();
    PathError pathError;
    if (!isValidPath(text, false, &pathError))
        return fail(error, std::string(field) + " '" + text
                               + "' is not a valid path: " + pathError.message);
    std::optional<Json> selected = selectPath(text, value, context);
    if (!selected)
        return fail(error, std::string(field) + " '" + text + "' matched nothing in the "
                               + (text.rfind("$$", 0) == 0 ? "context object" : "state data"));
    return selected;
}

std::optional<Json> applyTemplateField(const char *field, const std::optional<Json> &tmpl,
                                       const Json &value, const Json &context, DataflowError *error)
{
    if (!tmpl)
        return value;
    IntrinsicError intrinsicError;
    std::optional<Json> out = applyTemplate(*tmpl, value, context, &intrinsicError);
    if (!out)
        return fail(error, std::string(field) + ": " + intrinsicError.cause, intrinsicError.error);
    return out;
}

} // namespace

std::optional<Json> applyInputPath(const std::optional<Json> &path, const Json &input,
                                   const Json &context, DataflowError *error)
{
    return selectField("input_path", path, input, context, error);
}

std::optional<Json> applyParameters(const std::optional<Json> &parameters, const Json &input,
                                    const Json &context, DataflowError *error)
{
    return applyTemplateField("parameters", parameters, input, context, error);
}

std::optional<Json> applyResultSelector(const std::optional<Json> &selector, const Json &result,
                                        const Json &context, DataflowError *error)
{
    return applyTemplateField("result_selector", selector, result, context, error);
}

std::optional<Json> applyResultPath(const Json &input, const Json &result,
                                    const std::optional<Json> &path, DataflowError *error)
{
    if (!path)
        return result;
    if (path->is_null())
        return input;
    if (!path->is_string())
        return fail(error, "result_path must be a path or null, got " + path->dump());
    Json out = input;
    std::string message;
    if (!writePath(out, path->get<std::string>(), result, &message))
        return fail(error, "result_path: " + message);
    return out;
}

std::optional<Json> applyOutputPath(const std::optional<Json> &path, const Json &value,
                                    const Json &context, DataflowError *error)
{
    return selectField("output_path", path, value, context, error);
}

std::optional<Json> effectiveInput(const DataflowFields &fields, const Json &rawInput,
                                   const Json &context, DataflowError *error)
{
    std::optional<Json> selected = applyInputPath(fields.inputPath, rawInput, context, error);
    if (!selected)
        return std::nullopt;
    return applyParameters(fields.parameters, *selected, context, error);
}

std::optional<Json> stateOutput(const DataflowFields &fields, const Json &rawInput,
                                const Json &result, const Json &context, DataflowError *error)
{
    std::optional<Json> selected
        = applyResultSelector(fields.resultSelector, result, context, error);
    if (!selected)
        return std::nullopt;
    std::optional<Json> merged = applyResultPath(rawInput, *selected, fields.resultPath, error);
    if (!merged)
        return std::nullopt;
    return applyOutputPath(fields.outputPath, *merged, context, error);
}

} // namespace Signalbox
