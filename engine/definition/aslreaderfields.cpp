// Asl::Reader: field checks and typed field access (unknown fields with a did-you-mean, wrong
// types, features Signalbox recognises but does not run), each reported at the key's location.
#include "aslcommon.h"
#include "aslreader.h"

#include <algorithm>

namespace Signalbox::Asl {

namespace {
// Fields Signalbox recognises but cannot run; named so the message says so instead of "unknown".
const std::vector<std::string> unsupportedFields = {"Assign",
                                                    "Output",
                                                    "Arguments",
                                                    "Credentials",
                                                    "TimeoutSecondsPath",
                                                    "HeartbeatSecondsPath",
                                                    "ItemReader",
                                                    "ItemBatcher",
                                                    "ResultWriter",
                                                    "Label",
                                                    "MaxConcurrencyPath",
                                                    "ToleratedFailureCountPath",
                                                    "ToleratedFailurePercentagePath",
                                                    "Variable"};

std::string typeName(const Json &j)
{
    switch (j.type()) {
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "a list";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::null:
        return "null";
    default:
        return "a number";
    }
}

} // namespace

void Reader::error(const std::string &code, const std::string &ptr, const std::string &message,
                   const std::string &state)
{
    m_diags.error(code, m_loc.at(ptr), message, state);
}

void Reader::checkFields(const Json &obj, const std::string &ptr,
                         const std::vector<std::string> &allowed, const std::string &what,
                         const std::string &state)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string &key = it.key();
        const std::string keyPtr = pointerAppend(ptr, key);
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
            if (key == "QueryLanguage" && it.value() != "JSONPath")
                error("asl-unsupported", keyPtr,
                      "QueryLanguage JSONata is not supported; Signalbox runs JSONPath only",
                      state);
            continue;
        }
        if (std::find(unsupportedFields.begin(), unsupportedFields.end(), key)
            != unsupportedFields.end()) {
            error("asl-unsupported", keyPtr,
                  "'" + key + "' in " + what + " is not supported by Signalbox", state);
            continue;
        }
        std::string message = "unknown field '" + key + "' in " + what;
        const std::string hint = closestMatch(key, allowed);
        if (!hint.empty())
            message += " (did you mean '" + hint + "'?)";
        error("asl-unknown-field", keyPtr, message, state);
    }
}

std::optional<std::string> Reader::string(const Json &obj, const char *key, const std::string &ptr,
                                          const std::string &state)
{
    if (!obj.contains(key))
        return std::nullopt;
    const Json &v = obj[key];
    if (!v.is_string()) {
        error("asl-wrong-type", pointerAppend(ptr, key),
              std::string("'") + key + "' must be a string, not " + typeName(v), state);
        return std::nullopt;
    }
    return v.get<std::string>();
}

std::optional<double> Reader::number(const Json &obj, const char *key, const std::string &ptr,
                                     const std::string &state, double minimum)
{
    if (!obj.contains(key))
        return std::nullopt;
    const Json &v = obj[key];
    if (!v.is_number() || v.get<double>() < minimum) {
        error("asl-wrong-type", pointerAppend(ptr, key),
              std::string("'") + key + "' must be a number >= " + Json(minimum).dump() + ", not "
                  + (v.is_number() ? v.dump() : typeName(v)),
              state);
        return std::nullopt;
    }
    return v.get<double>();
}

std::optional<int> Reader::integer(const Json &obj, const char *key, const std::string &ptr,
                                   const std::string &state, int minimum)
{
    if (!obj.contains(key))
        return std::nullopt;
    const Json &v = obj[key];
    if (!v.is_number_integer() || v.get<long long>() < minimum || v.get<long long>() > 1 << 30) {
        error("asl-wrong-type", pointerAppend(ptr, key),
              std::string("'") + key + "' must be a whole number >= " + std::to_string(minimum)
                  + ", not " + (v.is_number() ? v.dump() : typeName(v)),
              state);
        return std::nullopt;
    }
    return int(v.get<long long>());
}

std::optional<Json> Reader::path(const Json &obj, const char *key, const std::string &ptr,
                                 const std::string &state)
{
    if (!obj.contains(key))
        return std::nullopt;
    const Json &v = obj[key];
    if (!v.is_string() && !v.is_null()) {
        error("asl-wrong-type", pointerAppend(ptr, key),
              std::string("'") + key + "' must be a path string or null, not " + typeName(v),
              state);
        return std::nullopt;
    }
    return v;
}

std::vector<std::string> Reader::errorList(const Json &obj, const std::string &ptr,
                                           const std::string &state)
{
    std::vector<std::string> out;
    const Json *errors = obj.contains("ErrorEquals") ? &obj["ErrorEquals"] : nullptr;
    if (!errors || !errors->is_array() || errors->empty()) {
        error(errors ? "asl-wrong-type" : "asl-missing-field", pointerAppend(ptr, "ErrorEquals"),
              "'ErrorEquals' must be a non-empty list of error names", state);
        return out;
    }
    for (const Json &e : *errors) {
        if (e.is_string())
            out.push_back(e.get<std::string>());
        else
            error("asl-wrong-type", pointerAppend(ptr, "ErrorEquals"),
                  "error names in 'ErrorEquals' must be strings", state);
    }
    return out;
}

} // namespace Signalbox::Asl
