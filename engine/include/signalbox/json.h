// The JSON value type used for every payload, parameter and document in the engine.
// ordered_json keeps key order, so exports and histories read the way they were written.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <utility>

namespace Signalbox {
using Json = nlohmann::ordered_json;

// A JSON object built by appending members whose keys are known to be unique: much cheaper than
// a nested initializer list, which builds a temporary array per member (the hot paths: event
// data, the cached execution state written on every commit).
class ObjectBuilder
{
public:
    explicit ObjectBuilder(std::size_t members) { m_object.reserve(members); }
    template<typename T>
    ObjectBuilder &add(const char *key, T &&value)
    {
        m_object.emplace_back(key, Json(std::forward<T>(value)));
        return *this;
    }
    Json take() { return Json(std::move(m_object)); }

private:
    Json::object_t m_object;
};
} // namespace Signalbox
