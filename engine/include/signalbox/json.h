// The JSON value type used for every payload, parameter and document in the engine.
// ordered_json keeps key order, so exports and histories read the way they were written.
#pragma once

#include <nlohmann/json.hpp>

namespace Signalbox {
using Json = nlohmann::ordered_json;
}
