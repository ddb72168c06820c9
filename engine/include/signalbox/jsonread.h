// The one way JSON text enters Signalbox, and the bounded way values leave as text.
//
// Design: every JSON text that comes from outside the process (command-line arguments and files,
// control-socket requests and replies, ASL files, task outputs, HTTP bodies, the database's
// columns, StringToJson, the simulation panel) is read by readJson(). It never throws and it
// bounds what a hostile text can make the rest of the program do:
//  - nesting depth (512 levels, kJsonMaxDepth): nlohmann's parser is iterative, but copying,
//    comparing, dumping and destroying a value recurse once per level, so a 200 KB text of
//    `[[[[...` crashed any of them; a value that passed readJson() is safe to recurse over;
//  - size (kJsonMaxBytes unless the caller passes its own limit; 0 means no limit);
//  - numbers that do not fit a double (`1e999`): nlohmann throws std::out_of_range for them,
//    which is not a parse_error and escaped every `catch (parse_error)`; here they are a located
//    error, "number out of range at line L, column C".
// Values built in memory (YAML, the GUI, the engine's data flow) are checked with
// jsonDepthExceeds(), which is iterative. writeJson() prints a value with indentation that stops
// growing past a few levels, so printed text stays proportional to the value's size.
#pragma once

#include "signalbox/json.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace Signalbox {

inline constexpr int kJsonMaxDepth = 512;
inline constexpr std::size_t kJsonMaxBytes = 16 * 1024 * 1024;

struct JsonReadLimits
{
    int maxDepth = kJsonMaxDepth;
    std::size_t maxBytes = kJsonMaxBytes; // 0 = no limit
};

struct JsonReadError
{
    // One line for a person: "parse error at line 1, column 7: syntax error while parsing
    // value - ...", "number out of range at line 1, column 7", "nested deeper than 512 levels
    // at line 3, column 12", "the JSON text is 20000000 bytes; the limit is 16777216".
    std::string message;
    std::size_t offset = 0; // byte offset of the problem (0-based)
    std::size_t line = 0;   // 1-based; 0 when the problem has no place (too large)
    std::size_t column = 0; // 1-based, in bytes
};

// Parses one JSON value (RFC 8259, no comments, nothing but whitespace after it). Never throws.
std::optional<Json> readJson(std::string_view text, JsonReadError *error = nullptr,
                             const JsonReadLimits &limits = {});

// True when `value` nests deeper than `maxDepth` levels (a scalar is depth 0, `[]` depth 1).
// Iterative: safe on any value.
bool jsonDepthExceeds(const Json &value, int maxDepth = kJsonMaxDepth);

// Compact (indent < 0) or indented text of `value`; invalid UTF-8 in strings is replaced, as
// everywhere Signalbox writes JSON. Indented text indents the first kJsonIndentLevels levels and
// writes deeper values compactly on one line, so its size stays proportional to the compact
// size whatever the nesting.
inline constexpr int kJsonIndentLevels = 10;
std::string writeJson(const Json &value, int indent = -1);

} // namespace Signalbox
