#include "jsonpathparser.h"

#include "signalbox/jsonpath.h"

#include <algorithm>

namespace Signalbox {

namespace JsonPath {

namespace {

const char *typeName(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::null:
        return "null";
    default:
        return "a number";
    }
}

struct SelectContext
{
    const Json &input;
    const Json &context;
};

void collect(const Json &node, const Path &path, size_t i, const SelectContext &sc,
             std::vector<const Json *> &out);

std::optional<Json> operandValue(const FilterExpr::Operand &op, const Json &item,
                                 const SelectContext &sc)
{
    if (!op.path)
        return op.literal;
    if (op.path->root == '@') {
        std::vector<const Json *> found;
        collect(item, *op.path, 0, sc, found);
        if (op.path->isDefinite())
            return found.empty() ? std::nullopt : std::optional<Json>(*found.front());
        Json arr = Json::array();
        for (const Json *f : found)
            arr.push_back(*f);
        return arr;
    }
    return select(*op.path, sc.input, sc.context);
}

bool compareValues(const Json &a, const std::string &op, const Json &b)
{
    if (op == "==")
        return a == b;
    if (op == "!=")
        return a != b;
    int cmp = 0;
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        cmp = x < y ? -1 : (x > y ? 1 : 0);
    } else if (a.is_string() && b.is_string()) {
        cmp = a.get_ref<const std::string &>().compare(b.get_ref<const std::string &>());
    } else {
        return false;
    }
    if (op == "<")
        return cmp < 0;
    if (op == "<=")
        return cmp <= 0;
    if (op == ">")
        return cmp > 0;
    return cmp >= 0; // ">="
}

bool matchesFilter(const FilterExpr &e, const Json &item, const SelectContext &sc)
{
    switch (e.kind) {
    case FilterExpr::Kind::Or:
        return matchesFilter(e.children[0], item, sc) || matchesFilter(e.children[1], item, sc);
    case FilterExpr::Kind::And:
        return matchesFilter(e.children[0], item, sc) && matchesFilter(e.children[1], item, sc);
    case FilterExpr::Kind::Not:
        return !matchesFilter(e.children[0], item, sc);
    case FilterExpr::Kind::Exists:
        return operandValue(e.lhs, item, sc).has_value();
    case FilterExpr::Kind::Compare: {
        const auto a = operandValue(e.lhs, item, sc);
        const auto b = operandValue(e.rhs, item, sc);
        return a && b && compareValues(*a, e.op, *b);
    }
    }
    return false;
}

void deepScan(const Json &node, const Path &path, size_t i, const SelectContext &sc,
              std::vector<const Json *> &out)
{
    const Segment &seg = path.segments[i];
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (seg.kind == Segment::Kind::DeepWildcard || it.key() == seg.name)
                collect(*it, path, i + 1, sc, out);
        }
    } else if (node.is_array() && seg.kind == Segment::Kind::DeepWildcard) {
        for (const Json &child : node)
            collect(child, path, i + 1, sc, out);
    }
    if (node.is_object() || node.is_array()) {
        for (const Json &child : node)
            deepScan(child, path, i, sc, out);
    }
}

void collect(const Json &node, const Path &path, size_t i, const SelectContext &sc,
             std::vector<const Json *> &out)
{
    if (i == path.segments.size()) {
        out.push_back(&node);
        return;
    }
    const Segment &seg = path.segments[i];
    switch (seg.kind) {
    case Segment::Kind::Name:
        if (node.is_object()) {
            auto it = node.find(seg.name);
            if (it != node.end())
                collect(*it, path, i + 1, sc, out);
        }
        return;
    case Segment::Kind::Index:
        if (node.is_array()) {
            const long long size = static_cast<long long>(node.size());
            const long long index = seg.index < 0 ? size + seg.index : seg.index;
            if (index >= 0 && index < size)
                collect(node[size_t(index)], path, i + 1, sc, out);
        }
        return;
    case Segment::Kind::Wildcard:
        if (node.is_object() || node.is_array()) {
            for (const Json &child : node)
                collect(child, path, i + 1, sc, out);
        }
        return;
    case Segment::Kind::Slice: {
        if (!node.is_array())
            return;
        const long long size = static_cast<long long>(node.size());
        auto clamp = [size](long long v) {
            if (v < 0)
                v += size;
            return std::max(0LL, std::min(v, size));
        };
        const long long from = seg.start ? clamp(*seg.start) : 0;
        const long long to = seg.end ? clamp(*seg.end) : size;
        for (long long k = from; k < to; k += seg.step)
            collect(node[size_t(k)], path, i + 1, sc, out);
        return;
    }
    case Segment::Kind::Filter:
        if (node.is_array()) {
            for (const Json &child : node) {
                if (matchesFilter(*seg.filter, child, sc))
                    collect(child, path, i + 1, sc, out);
            }
        } else if (node.is_object() && matchesFilter(*seg.filter, node, sc)) {
            collect(node, path, i + 1, sc, out);
        }
        return;
    case Segment::Kind::DeepName:
    case Segment::Kind::DeepWildcard:
        deepScan(node, path, i, sc, out);
        return;
    }
}

} // namespace

std::optional<Json> select(const Path &path, const Json &input, const Json &context)
{
    const SelectContext sc{input, context};
    std::vector<const Json *> found;
    collect(path.context ? context : input, path, 0, sc, found);
    if (path.isDefinite()) {
        if (found.empty())
            return std::nullopt;
        return *found.front();
    }
    Json arr = Json::array();
    for (const Json *f : found)
        arr.push_back(*f);
    return arr;
}

} // namespace JsonPath

bool isValidPath(const std::string &path, bool referenceOnly, PathError *error)
{
    return JsonPath::parse(path, referenceOnly, error).has_value();
}

std::optional<Json> selectPath(const std::string &path, const Json &input, const Json &context)
{
    const auto parsed = JsonPath::parse(path, false, nullptr);
    if (!parsed)
        return std::nullopt;
    return JsonPath::select(*parsed, input, context);
}

bool writePath(Json &target, const std::string &path, const Json &value, std::string *error)
{
    auto fail = [error](const std::string &message) {
        if (error)
            *error = message;
        return false;
    };
    PathError parseError;
    const auto parsed = JsonPath::parse(path, true, &parseError);
    if (!parsed)
        return fail("invalid path '" + path + "': " + parseError.message + " (column "
                    + std::to_string(parseError.offset + 1) + ")");
    if (parsed->context)
        return fail("cannot write to the context object ('" + path + "')");
    Json *node = &target;
    for (size_t i = 0; i < parsed->segments.size(); ++i) {
        const JsonPath::Segment &seg = parsed->segments[i];
        const std::string where = parsed->prefix(i);
        if (seg.kind == JsonPath::Segment::Kind::Name) {
            if (node->is_null())
                *node = Json::object();
            if (!node->is_object())
                return fail("cannot write '" + path + "': " + where + " is "
                            + JsonPath::typeName(*node) + ", not an object");
            node = &(*node)[seg.name];
        } else { // Index: reference paths allow only these two kinds
            if (!node->is_array())
                return fail("cannot write '" + path + "': " + where + " is "
                            + JsonPath::typeName(*node) + ", not an array");
            if (seg.index < 0 || size_t(seg.index) >= node->size())
                return fail("cannot write '" + path + "': index " + std::to_string(seg.index)
                            + " is outside " + where + " (" + std::to_string(node->size())
                            + " items)");
            node = &(*node)[size_t(seg.index)];
        }
    }
    *node = value;
    return true;
}

} // namespace Signalbox
