// Private: the parsed form of a JSONPath and the parser that produces it. jsonpath.cpp selects and
// writes with it; nothing outside engine/definition includes this header.
//
// Written by hand because Debian 12 packages no JSONPath library for nlohmann::json (apt-cache
// search jsonpath lists only Java, Perl, Python, Ruby and Go implementations), and ASL needs only
// a small, well-defined subset: reference paths plus wildcards, slices, deep scan and filters.
#pragma once

#include "signalbox/json.h"
#include "signalbox/jsonpath.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Signalbox::JsonPath {

struct Path;

// A filter expression inside [?( ... )]: comparisons of @-relative or $-absolute paths with
// literals, combined with && || ! and parentheses. A bare path tests for presence.
struct FilterExpr
{
    enum class Kind { Or, And, Not, Compare, Exists };
    struct Operand
    {
        std::shared_ptr<const Path> path; // null for a literal
        Json literal;
    };
    Kind kind = Kind::Exists;
    std::vector<FilterExpr> children;
    Operand lhs;
    Operand rhs;
    std::string op; // == != < <= > >=
};

struct Segment
{
    enum class Kind { Name, Index, Wildcard, Slice, Filter, DeepName, DeepWildcard };
    Kind kind = Kind::Name;
    std::string name;
    long long index = 0;
    std::optional<long long> start;
    std::optional<long long> end;
    long long step = 1;
    std::shared_ptr<const FilterExpr> filter;
    size_t endOffset = 0; // offset in the text just after this segment (for error messages)
};

struct Path
{
    char root = '$';      // '$' input, '@' current item (filters)
    bool context = false; // "$$": the context object
    std::vector<Segment> segments;
    std::string text;
    // True when the path can match at most one value (no wildcard, slice, filter or deep scan).
    bool isDefinite() const;
    // The text of the path up to and including segment `count` (for error messages).
    std::string prefix(size_t count) const;
};

std::optional<Path> parse(const std::string &text, bool referenceOnly, PathError *error,
                          char root = '$');

// Selects with a parsed path. Definite paths give the value or nullopt; others an array.
std::optional<Json> select(const Path &path, const Json &input, const Json &context);

// Characters allowed in a dot-notation name ($.name): everything but separators, quotes,
// operators and whitespace.
bool isNameChar(char c);

} // namespace Signalbox::JsonPath
