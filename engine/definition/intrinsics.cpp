#include "intrinsicsfunctions.h"

#include "signalbox/intrinsics.h"
#include "signalbox/jsonpath.h"

namespace Signalbox {

namespace {

std::optional<Json> evaluate(const Intrinsics::Call &call, const Json &input, const Json &context,
                             IntrinsicError *error)
{
    std::vector<Json> values;
    values.reserve(call.args.size());
    for (const Intrinsics::Argument &arg : call.args) {
        switch (arg.kind) {
        case Intrinsics::Argument::Kind::Literal:
            values.push_back(arg.value);
            break;
        case Intrinsics::Argument::Kind::Path: {
            std::optional<Json> v = selectPath(arg.text, input, context);
            if (!v) {
                if (error) {
                    error->error = "States.Runtime";
                    error->cause = call.name + ": the path " + arg.text + " matched nothing in the "
                                   + (arg.text.rfind("$$", 0) == 0 ? "context object" : "input");
                }
                return std::nullopt;
            }
            values.push_back(std::move(*v));
            break;
        }
        case Intrinsics::Argument::Kind::Call: {
            std::optional<Json> v = evaluate(*arg.call, input, context, error);
            if (!v)
                return std::nullopt;
            values.push_back(std::move(*v));
            break;
        }
        }
    }
    return Intrinsics::apply(call, values, error);
}

bool isIntrinsicCall(const std::string &text)
{
    return text.rfind("States.", 0) == 0;
}

std::optional<Json> resolveDynamic(const std::string &key, const Json &value, const Json &input,
                                   const Json &context, IntrinsicError *error)
{
    auto fail = [error](const std::string &name, const std::string &cause) {
        if (error) {
            error->error = name;
            error->cause = cause;
        }
        return std::nullopt;
    };
    if (!value.is_string())
        return fail("States.Runtime", "the value of '" + key
                                          + "' must be a path or an intrinsic function, got "
                                          + value.dump());
    const std::string &text = value.get_ref<const std::string &>();
    if (isIntrinsicCall(text))
        return evaluateIntrinsic(text, input, context, error);
    PathError pathError;
    if (!isValidPath(text, false, &pathError))
        return fail("States.Runtime", "the value of '" + key + "' is not a valid path ('" + text
                                          + "': " + pathError.message + ")");
    std::optional<Json> selected = selectPath(text, input, context);
    if (!selected)
        return fail("States.Runtime",
                    "the path " + text + " given for '" + key + "' matched nothing in the "
                        + (text.rfind("$$", 0) == 0 ? "context object" : "input"));
    return selected;
}

std::optional<Json> applyTemplateAt(const Json &tmpl, const Json &input, const Json &context,
                                    IntrinsicError *error, int depth)
{
    if (depth > 64) {
        if (error) {
            error->error = "States.Runtime";
            error->cause = "the payload template nests too deeply";
        }
        return std::nullopt;
    }
    if (tmpl.is_array()) {
        Json out = Json::array();
        for (const Json &item : tmpl) {
            std::optional<Json> v = applyTemplateAt(item, input, context, error, depth + 1);
            if (!v)
                return std::nullopt;
            out.push_back(std::move(*v));
        }
        return out;
    }
    if (!tmpl.is_object())
        return tmpl;
    Json out = Json::object();
    for (auto it = tmpl.begin(); it != tmpl.end(); ++it) {
        const std::string &key = it.key();
        if (key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0) {
            std::optional<Json> v = resolveDynamic(key, it.value(), input, context, error);
            if (!v)
                return std::nullopt;
            out[key.substr(0, key.size() - 2)] = std::move(*v);
        } else {
            std::optional<Json> v = applyTemplateAt(it.value(), input, context, error, depth + 1);
            if (!v)
                return std::nullopt;
            out[key] = std::move(*v);
        }
    }
    return out;
}

} // namespace

std::optional<Json> evaluateIntrinsic(const std::string &call, const Json &input,
                                      const Json &context, IntrinsicError *error)
{
    Intrinsics::ParseError parseError;
    const std::optional<Intrinsics::Call> parsed = Intrinsics::parseCall(call, &parseError);
    if (!parsed) {
        if (error) {
            error->error = "States.IntrinsicFailure";
            error->cause = "invalid intrinsic function '" + call + "': " + parseError.message;
        }
        return std::nullopt;
    }
    return evaluate(*parsed, input, context, error);
}

bool isValidIntrinsic(const std::string &call, std::string *message)
{
    Intrinsics::ParseError parseError;
    if (Intrinsics::parseCall(call, &parseError))
        return true;
    if (message)
        *message = parseError.message;
    return false;
}

std::optional<Json> applyTemplate(const Json &tmpl, const Json &input, const Json &context,
                                  IntrinsicError *error)
{
    return applyTemplateAt(tmpl, input, context, error, 0);
}

} // namespace Signalbox
