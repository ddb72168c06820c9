// JSONPath as Amazon States Language uses it: reference paths ($.a.b[0], $['key'], $$ for the
// context object) for input_path/result_path/output_path and `.$` parameters, plus the read-only
// extensions ASL allows in InputPath/Parameters (wildcards [*], slices, filters [?(@.x > 1)]).
//
// Implemented by hand (engine/definition/jsonpath*.cpp): Debian 12 packages no JSONPath library
// for nlohmann::json (apt-cache search jsonpath finds only Java, Perl, Python, Ruby and Go ones).
// Syntax: $ $$ .name ['name'] [0] [-1] [*] .* [a:b:step] ..name ..* [?(filter)], where a filter
// compares @-relative or $-absolute paths with literals (== != < <= > >=, && || !, parentheses;
// a bare @.x tests presence). Reference paths allow only .name, ['name'] and [n >= 0].
#pragma once

#include "signalbox/json.h"

#include <optional>
#include <string>
#include <vector>

namespace Signalbox {

struct PathError
{
    int offset = 0;
    std::string message;
};

// Syntax check. `referenceOnly` forbids wildcards, slices and filters (result_path must be a
// reference path in ASL).
bool isValidPath(const std::string &path, bool referenceOnly, PathError *error = nullptr);

// Selects from `input` (a path starting with "$") or from `context` (a path starting with "$$").
// Returns nullopt when the path does not match (ASL: States.Runtime for input_path/parameters)
// or is not valid. A path with a wildcard, slice, deep scan or filter always gives an array (empty
// when nothing matches).
std::optional<Json> selectPath(const std::string &path, const Json &input, const Json &context);

// Writes `value` into `target` at reference path `path` (creating objects as needed), as ASL
// ResultPath does. "$" replaces the whole target. Returns false with a message on a type conflict.
bool writePath(Json &target, const std::string &path, const Json &value, std::string *error);

} // namespace Signalbox
