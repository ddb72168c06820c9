// Private helpers for reading YAML with yaml-cpp: locations of nodes, conversion of YAML values
// to JSON with YAML 1.2 core-schema scalar typing, and a pre-scan that rejects input yaml-cpp
// cannot safely handle (binary data, nesting deeper than the limit) before it reaches the parser.
#pragma once

#include "signalbox/codecs.h"
#include "signalbox/diagnostics.h"
#include "signalbox/json.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace Signalbox::Yaml {

class Context
{
public:
    Context(std::string file, Diagnostics &diags, const ReadLimits &limits)
        : m_file(std::move(file))
        , m_diags(diags)
        , m_limits(limits)
    {}

    SourceLocation at(const YAML::Node &node) const;
    SourceLocation at(const YAML::Mark &mark) const;
    const std::string &file() const { return m_file; }
    Diagnostics &diags() { return m_diags; }

    void error(const YAML::Node &node, const std::string &code, const std::string &message,
               const std::string &state = {});
    void warning(const YAML::Node &node, const std::string &code, const std::string &message,
                 const std::string &state = {});

    // Converts any YAML value to JSON. Counts nodes against the limit (alias bombs expand here).
    std::optional<Json> toJson(const YAML::Node &node, int depth = 0);
    // Scalar helpers: report "wrong-type" and return nullopt when the node is not of the type.
    std::optional<std::string> string(const YAML::Node &node, const std::string &what,
                                      const std::string &state = {});
    std::optional<double> number(const YAML::Node &node, const std::string &what,
                                 const std::string &state = {});
    std::optional<int> integer(const YAML::Node &node, const std::string &what,
                               const std::string &state = {});
    std::optional<bool> boolean(const YAML::Node &node, const std::string &what,
                                const std::string &state = {});
    bool expectMap(const YAML::Node &node, const std::string &what, const std::string &state = {});
    // Reports every key of `map` that is not in `allowed` (with a did-you-mean) and duplicate keys.
    void checkKeys(const YAML::Node &map, const std::vector<std::string> &allowed,
                   const std::string &where, const std::string &state = {});
    bool overBudget() const { return m_overBudget; }

private:
    std::string m_file;
    Diagnostics &m_diags;
    ReadLimits m_limits;
    std::size_t m_nodes = 0;
    bool m_overBudget = false;
};

// JSON type of a plain scalar per the YAML 1.2 core schema (quoted scalars are strings).
Json scalarToJson(const YAML::Node &node);
const char *yamlTypeName(const YAML::Node &node);

// Rejects binary data, invalid UTF-8, over-long input and nesting deeper than limits.maxDepth,
// reporting where. Returns false when the text must not be parsed.
bool prescan(const std::string &text, const std::string &file, const ReadLimits &limits,
             Diagnostics &diags);

// Parses text with yaml-cpp, turning its exceptions into a located diagnostic.
std::optional<YAML::Node> parse(const std::string &text, const std::string &file,
                                Diagnostics &diags);

} // namespace Signalbox::Yaml
