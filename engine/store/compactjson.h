// Compact JSON text for the store's columns: byte for byte what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes, but written directly into a reused
// string. Why by hand: serializing event data was ~12% of a durable pass-chain run (nlohmann's
// serializer writes through a virtual output adapter and runs its UTF-8 state machine over
// every key and string). The common values (null, booleans, integers, printable-ASCII strings,
// arrays, objects) are appended here; floats and strings that need escaping or hold non-ASCII
// bytes go through nlohmann's serializer, so the output is always the library's own.
// tst_compactjson compares both on a corpus of hostile and ordinary values.
#pragma once

#include "signalbox/json.h"

#include <string>

namespace Signalbox {

// Appends the compact text of `value` to `out`.
void appendCompactJson(std::string &out, const Json &value);

} // namespace Signalbox
