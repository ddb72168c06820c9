// Private: the parsed form of an intrinsic-function call, States.Name(arg, ...), with arguments
// as the ASL specification defines them: 'single-quoted strings' (escapes \' \{ \} \\), numbers,
// true, false, null, JSONPaths ($.x, $$.Execution.Id) and nested calls. The parser also checks
// the function name and its number of arguments, so the validator catches both before a run.
#pragma once

#include "signalbox/json.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Signalbox::Intrinsics {

struct Call;

struct Argument
{
    enum class Kind { Literal, Path, Call };
    Kind kind = Kind::Literal;
    Json value;       // Literal
    std::string text; // Path: the path; Literal string: the raw text between quotes
    bool isStringLiteral = false;
    std::shared_ptr<const Call> call; // Call
};

struct Call
{
    std::string name; // "States.Format"
    std::vector<Argument> args;
};

struct FunctionInfo
{
    const char *name;
    int minArgs;
    int maxArgs; // -1: unlimited
};
const std::vector<FunctionInfo> &functions();

struct ParseError
{
    int offset = 0;
    std::string message;
};

std::optional<Call> parseCall(const std::string &text, ParseError *error);

// Decodes the escapes of a string literal's raw text (\' \{ \} \\); with `forFormat`, an
// unescaped "{}" becomes the placeholder character U+0000 so escaped braces stay literal.
std::string decodeLiteral(const std::string &raw, bool forFormat);

} // namespace Signalbox::Intrinsics
