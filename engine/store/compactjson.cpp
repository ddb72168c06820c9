#include "store/compactjson.h"

#include <charconv>

namespace Signalbox {

namespace {

bool plainAscii(const std::string &s)
{
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
            return false;
    }
    return true;
}

// nlohmann's own serializer for one value (floats, strings that need escaping).
void appendByLibrary(std::string &out, const Json &value)
{
    nlohmann::detail::serializer<Json> s(nlohmann::detail::output_adapter<char>(out), ' ',
                                         Json::error_handler_t::replace);
    s.dump(value, false, false, 0);
}

void appendString(std::string &out, const std::string &s)
{
    if (!plainAscii(s))
        return appendByLibrary(out, Json(s));
    out += '"';
    out += s;
    out += '"';
}

template<typename Int>
void appendInteger(std::string &out, Int value)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

} // namespace

void appendCompactJson(std::string &out, const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        out += "null";
        return;
    case Json::value_t::boolean:
        out += value.get<bool>() ? "true" : "false";
        return;
    case Json::value_t::number_integer:
        return appendInteger(out, value.get<Json::number_integer_t>());
    case Json::value_t::number_unsigned:
        return appendInteger(out, value.get<Json::number_unsigned_t>());
    case Json::value_t::string:
        return appendString(out, value.get_ref<const std::string &>());
    case Json::value_t::array: {
        out += '[';
        bool first = true;
        for (const Json &item : value.get_ref<const Json::array_t &>()) {
            if (!first)
                out += ',';
            first = false;
            appendCompactJson(out, item);
        }
        out += ']';
        return;
    }
    case Json::value_t::object: {
        out += '{';
        bool first = true;
        for (const auto &[key, item] : value.get_ref<const Json::object_t &>()) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, key);
            out += ':';
            appendCompactJson(out, item);
        }
        out += '}';
        return;
    }
    default: // floats, binary, discarded
        return appendByLibrary(out, value);
    }
}

} // namespace Signalbox
