#include "signalbox/jsonread.h"

#include <utility>
#include <vector>

namespace Signalbox {

namespace {

using DomParser = nlohmann::detail::json_sax_dom_parser<Json>;

// nlohmann's DOM builder with a depth count: the parser stops (returns false) at the first
// container that would nest deeper than the limit, and errors keep their byte position.
class BoundedSax : public DomParser
{
public:
    BoundedSax(Json &result, int maxDepth)
        : DomParser(result, false)
        , m_maxDepth(maxDepth)
    {}

    bool start_object(std::size_t len)
    {
        if (++m_depth > m_maxDepth) {
            m_tooDeep = true;
            return false;
        }
        return DomParser::start_object(len);
    }
    bool end_object()
    {
        --m_depth;
        return DomParser::end_object();
    }
    bool start_array(std::size_t len)
    {
        if (++m_depth > m_maxDepth) {
            m_tooDeep = true;
            return false;
        }
        return DomParser::start_array(len);
    }
    bool end_array()
    {
        --m_depth;
        return DomParser::end_array();
    }
    template<class Exception>
    bool parse_error(std::size_t position, const std::string &lastToken, const Exception &ex)
    {
        m_failed = true;
        m_position = position;
        m_lastToken = lastToken;
        m_id = ex.id;
        m_what = ex.what();
        return false;
    }

    bool m_tooDeep = false;
    bool m_failed = false;
    std::size_t m_position = 0;
    std::string m_lastToken;
    int m_id = 0;
    std::string m_what;

private:
    int m_maxDepth;
    int m_depth = 0;
};

void locate(std::string_view text, std::size_t offset, JsonReadError *error)
{
    if (offset > text.size())
        offset = text.size();
    std::size_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    error->offset = offset;
    error->line = line;
    error->column = offset - lineStart + 1;
}

std::string at(const JsonReadError &e)
{
    return " at line " + std::to_string(e.line) + ", column " + std::to_string(e.column);
}

// The byte offset of the bracket that first nests deeper than `maxDepth` (strings skipped).
std::size_t tooDeepOffset(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return text.size();
}

bool fail(JsonReadError *error, JsonReadError e)
{
    if (error)
        *error = std::move(e);
    return false;
}

} // namespace

std::optional<Json> readJson(std::string_view text, JsonReadError *error,
                             const JsonReadLimits &limits)
{
    if (limits.maxBytes && text.size() > limits.maxBytes) {
        JsonReadError e;
        e.message = "the JSON text is " + std::to_string(text.size()) + " bytes; the limit is "
                    + std::to_string(limits.maxBytes);
        fail(error, std::move(e));
        return std::nullopt;
    }
    Json result;
    BoundedSax sax(result, limits.maxDepth);
    bool ok = false;
    try {
        ok = Json::sax_parse(text.begin(), text.end(), &sax);
    } catch (const Json::exception &e) {
        // Not expected (the DOM builder does not throw without allow_exceptions); kept so that
        // readJson() never throws whatever the library version does.
        JsonReadError err;
        err.message = e.what();
        fail(error, std::move(err));
        return std::nullopt;
    }
    if (ok && !sax.m_failed && !sax.m_tooDeep)
        return result;
    if (!error)
        return std::nullopt;
    JsonReadError e;
    if (sax.m_tooDeep) {
        locate(text, tooDeepOffset(text, limits.maxDepth), &e);
        e.message = "nested deeper than " + std::to_string(limits.maxDepth) + " levels" + at(e);
    } else if (sax.m_id == 406) {
        // The position is just past the number; point at its first character.
        const std::size_t start = sax.m_position >= sax.m_lastToken.size()
                                      ? sax.m_position - sax.m_lastToken.size()
                                      : 0;
        locate(text, start, &e);
        e.message = "number out of range" + at(e);
    } else {
        // nlohmann's position is 1-based (the character it stopped at).
        locate(text, sax.m_position > 0 ? sax.m_position - 1 : 0, &e);
        const std::string &what = sax.m_what;
        const std::size_t bracket = what.find("] ");
        e.message = bracket == std::string::npos ? what : what.substr(bracket + 2);
    }
    *error = std::move(e);
    return std::nullopt;
}

bool jsonDepthExceeds(const Json &value, int maxDepth)
{
    if (!value.is_structured())
        return maxDepth < 0;
    std::vector<std::pair<const Json *, int>> stack{{&value, 1}};
    while (!stack.empty()) {
        const auto [v, depth] = stack.back();
        stack.pop_back();
        if (depth > maxDepth)
            return true;
        if (v->is_array()) {
            for (const Json &item : v->get_ref<const Json::array_t &>()) {
                if (item.is_structured())
                    stack.emplace_back(&item, depth + 1);
            }
        } else {
            for (const auto &member : v->get_ref<const Json::object_t &>()) {
                if (member.second.is_structured())
                    stack.emplace_back(&member.second, depth + 1);
            }
        }
    }
    return false;
}

namespace {

void writeCompact(std::string &out, const Json &value)
{
    out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void writeIndented(std::string &out, const Json &value, int indent, int level)
{
    const bool empty = value.is_structured() && value.empty();
    if (!value.is_structured() || empty || level >= kJsonIndentLevels)
        return writeCompact(out, value);
    const std::string inner(std::size_t(indent) * std::size_t(level + 1), ' ');
    const std::string outer(std::size_t(indent) * std::size_t(level), ' ');
    const bool object = value.is_object();
    out += object ? "{\n" : "[\n";
    bool first = true;
    if (object) {
        for (const auto &member : value.get_ref<const Json::object_t &>()) {
            if (!first)
                out += ",\n";
            first = false;
            out += inner;
            writeCompact(out, Json(member.first));
            out += ": ";
            writeIndented(out, member.second, indent, level + 1);
        }
    } else {
        for (const Json &item : value.get_ref<const Json::array_t &>()) {
            if (!first)
                out += ",\n";
            first = false;
            out += inner;
            writeIndented(out, item, indent, level + 1);
        }
    }
    out += '\n';
    out += outer;
    out += object ? '}' : ']';
}

} // namespace

std::string writeJson(const Json &value, int indent)
{
    std::string out;
    if (indent < 0)
        writeCompact(out, value);
    else
        writeIndented(out, value, indent, 0);
    return out;
}

} // namespace Signalbox
