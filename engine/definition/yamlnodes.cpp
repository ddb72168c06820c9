#include "yamlnodes.h"

#include <cmath>
#include <regex>
#include <sstream>

namespace Signalbox::Yaml {

SourceLocation Context::at(const YAML::Mark &mark) const
{
    if (mark.is_null())
        return {m_file, 0, 0};
    return {m_file, mark.line + 1, mark.column + 1};
}

SourceLocation Context::at(const YAML::Node &node) const
{
    if (!node.IsDefined())
        return {m_file, 0, 0};
    return at(node.Mark());
}

void Context::error(const YAML::Node &node, const std::string &code, const std::string &message,
                    const std::string &state)
{
    m_diags.error(code, at(node), message, state);
}

void Context::warning(const YAML::Node &node, const std::string &code, const std::string &message,
                      const std::string &state)
{
    m_diags.warning(code, at(node), message, state);
}

const char *yamlTypeName(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Null:
        return "empty";
    case YAML::NodeType::Scalar: {
        const Json j = scalarToJson(node);
        if (j.is_boolean())
            return "a boolean";
        if (j.is_number())
            return "a number";
        if (j.is_null())
            return "null";
        return "a string";
    }
    default:
        return "undefined";
    }
}

Json scalarToJson(const YAML::Node &node)
{
    if (node.IsNull())
        return nullptr;
    const std::string &s = node.Scalar();
    const std::string &tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str")
        return s; // quoted or explicitly a string
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return nullptr;
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    static const std::regex intRe("[-+]?[0-9]+");
    static const std::regex floatRe("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    if (s.size() < 40 && std::regex_match(s, intRe)) {
        try {
            size_t used = 0;
            const long long v = std::stoll(s, &used);
            if (used == s.size())
                return v;
        } catch (...) {
            // out of range: fall through to a double
        }
    }
    if (s.size() < 400 && std::regex_match(s, floatRe)) {
        try {
            const double v = std::stod(s);
            if (std::isfinite(v))
                return v;
        } catch (...) {
        }
    }
    return s;
}

std::optional<Json> Context::toJson(const YAML::Node &node, int depth)
{
    if (++m_nodes > m_limits.maxNodes) {
        if (!m_overBudget) {
            error(node, "too-large",
                  "the document expands to more than " + std::to_string(m_limits.maxNodes)
                      + " values (aliases?); refusing to read it");
        }
        m_overBudget = true;
        return std::nullopt;
    }
    if (depth > m_limits.maxDepth) {
        error(node, "too-deep",
              "values are nested deeper than " + std::to_string(m_limits.maxDepth) + " levels");
        m_overBudget = true;
        return std::nullopt;
    }
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        Json obj = Json::object();
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) {
                error(it->first, "wrong-type", "mapping keys must be strings");
                return std::nullopt;
            }
            auto value = toJson(it->second, depth + 1);
            if (!value)
                return std::nullopt;
            obj[it->first.Scalar()] = std::move(*value);
        }
        return obj;
    }
    case YAML::NodeType::Sequence: {
        Json arr = Json::array();
        for (const YAML::Node &item : node) {
            auto value = toJson(item, depth + 1);
            if (!value)
                return std::nullopt;
            arr.push_back(std::move(*value));
        }
        return arr;
    }
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    default:
        return Json(nullptr);
    }
}

std::optional<std::string> Context::string(const YAML::Node &node, const std::string &what,
                                           const std::string &state)
{
    if (node.IsScalar()) {
        const Json j = scalarToJson(node);
        if (j.is_string())
            return j.get<std::string>();
        // Numbers and booleans written without quotes are still fine as names/text.
        if (!j.is_null())
            return node.Scalar();
    }
    error(node, "wrong-type", "'" + what + "' must be a string, not " + yamlTypeName(node), state);
    return std::nullopt;
}

std::optional<double> Context::number(const YAML::Node &node, const std::string &what,
                                      const std::string &state)
{
    if (node.IsScalar()) {
        const Json j = scalarToJson(node);
        if (j.is_number())
            return j.get<double>();
    }
    error(node, "wrong-type", "'" + what + "' must be a number, not " + yamlTypeName(node), state);
    return std::nullopt;
}

std::optional<int> Context::integer(const YAML::Node &node, const std::string &what,
                                    const std::string &state)
{
    if (node.IsScalar()) {
        const Json j = scalarToJson(node);
        if (j.is_number_integer()) {
            const long long v = j.get<long long>();
            if (v >= -2147483647LL && v <= 2147483647LL)
                return int(v);
            error(node, "out-of-range", "'" + what + "' is out of range", state);
            return std::nullopt;
        }
    }
    error(node, "wrong-type", "'" + what + "' must be a whole number, not " + yamlTypeName(node),
          state);
    return std::nullopt;
}

std::optional<bool> Context::boolean(const YAML::Node &node, const std::string &what,
                                     const std::string &state)
{
    if (node.IsScalar()) {
        const Json j = scalarToJson(node);
        if (j.is_boolean())
            return j.get<bool>();
    }
    error(node, "wrong-type", "'" + what + "' must be true or false, not " + yamlTypeName(node),
          state);
    return std::nullopt;
}

bool Context::expectMap(const YAML::Node &node, const std::string &what, const std::string &state)
{
    if (node.IsMap())
        return true;
    error(node, "wrong-type", "'" + what + "' must be a mapping, not " + yamlTypeName(node), state);
    return false;
}

void Context::checkKeys(const YAML::Node &map, const std::vector<std::string> &allowed,
                        const std::string &where, const std::string &state)
{
    std::vector<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar()) {
            error(it->first, "wrong-type", "keys in " + where + " must be strings", state);
            continue;
        }
        const std::string key = it->first.Scalar();
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            error(it->first, "duplicate-key", "'" + key + "' appears twice in " + where, state);
            continue;
        }
        seen.push_back(key);
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
            continue;
        std::string message = "unknown field '" + key + "' in " + where;
        const std::string suggestion = closestMatch(key, allowed);
        if (!suggestion.empty())
            message += "; did you mean '" + suggestion + "'?";
        error(it->first, "unknown-field", message, state);
    }
}

namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t invalidUtf8Offset(const std::string &s)
{
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = 0;
        if (c < 0x80)
            extra = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
            extra = 1;
        else if ((c & 0xF0) == 0xE0)
            extra = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
            extra = 3;
        else
            return i;
        if (extra > 0 && i + extra >= s.size())
            return i;
        for (int k = 1; k <= extra; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return i;
        }
        i += extra + 1;
    }
    return std::string::npos;
}

SourceLocation locationOfOffset(const std::string &text, size_t offset, const std::string &file)
{
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {file, line, column};
}

} // namespace

bool prescan(const std::string &text, const std::string &file, const ReadLimits &limits,
             Diagnostics &diags)
{
    if (text.size() > limits.maxBytes) {
        diags.error("too-large", {file, 0, 0},
                    "the file is " + std::to_string(text.size() / 1024)
                        + " KiB; workflow definitions are limited to "
                        + std::to_string(limits.maxBytes / 1024) + " KiB");
        return false;
    }
    const size_t nul = text.find('\0');
    if (nul != std::string::npos) {
        diags.error("binary", locationOfOffset(text, nul, file),
                    "the file contains binary data (a NUL byte); is it really a workflow?");
        return false;
    }
    const size_t bad = invalidUtf8Offset(text);
    if (bad != std::string::npos) {
        diags.error("encoding", locationOfOffset(text, bad, file),
                    "the file is not valid UTF-8 text");
        return false;
    }
    // Nesting depth: block indentation levels plus flow brackets, ignoring quoted text/comments.
    std::vector<int> indents;
    int flow = 0;
    int line = 0;
    std::istringstream in(text);
    std::string row;
    while (std::getline(in, row)) {
        ++line;
        size_t i = 0;
        while (i < row.size() && row[i] == ' ')
            ++i;
        if (i == row.size() || row[i] == '#')
            continue;
        if (flow == 0) {
            int indent = int(i);
            while (!indents.empty() && indents.back() >= indent)
                indents.pop_back();
            indents.push_back(indent);
            // "- - - x" opens one sequence level per dash.
            while (i + 1 < row.size() && row[i] == '-' && row[i + 1] == ' ') {
                i += 2;
                while (i < row.size() && row[i] == ' ')
                    ++i;
                indents.push_back(int(i));
            }
        }
        char quote = 0;
        for (size_t k = i; k < row.size(); ++k) {
            const char c = row[k];
            if (quote) {
                if (c == quote)
                    quote = 0;
                continue;
            }
            if ((c == '"' || c == '\'') && (k == 0 || row[k - 1] != '\\'))
                quote = c;
            else if (c == '#' && k > 0 && row[k - 1] == ' ')
                break;
            else if (c == '[' || c == '{')
                ++flow;
            else if ((c == ']' || c == '}') && flow > 0)
                --flow;
            if (int(indents.size()) + flow > limits.maxDepth) {
                diags.error("too-deep", {file, line, int(k) + 1},
                            "the document is nested deeper than " + std::to_string(limits.maxDepth)
                                + " levels");
                return false;
            }
        }
        if (int(indents.size()) + flow > limits.maxDepth) {
            diags.error("too-deep", {file, line, int(i) + 1},
                        "the document is nested deeper than " + std::to_string(limits.maxDepth)
                            + " levels");
            return false;
        }
    }
    return true;
}

std::optional<YAML::Node> parse(const std::string &text, const std::string &file,
                                Diagnostics &diags)
{
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception &e) {
        SourceLocation loc{file, 0, 0};
        if (!e.mark.is_null())
            loc = {file, e.mark.line + 1, e.mark.column + 1};
        std::string msg = e.msg;
        diags.error("yaml-syntax", loc, "YAML syntax error: " + msg);
    } catch (const std::exception &e) {
        diags.error("yaml-syntax", {file, 0, 0}, std::string("cannot read YAML: ") + e.what());
    }
    return std::nullopt;
}

} // namespace Signalbox::Yaml
