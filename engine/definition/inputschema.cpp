#include "signalbox/inputschema.h"

// valijson reports a schema it cannot use with an exception when VALIJSON_USE_EXCEPTIONS is set
// (without it, it aborts the process).
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <memory>
#include <optional>

namespace Signalbox {

namespace {

using PlainJson = nlohmann::json; // valijson's adapter is written for nlohmann::json

bool startsWith(const std::string &s, const char *prefix)
{
    return s.rfind(prefix, 0) == 0;
}

// The JSON Schema keyword behind one of valijson's descriptions.
std::string ruleOf(const std::string &d)
{
    static const std::pair<const char *, const char *> rules[] = {
        {"Missing required property", "required"},
        {"Value type not permitted", "type"},
        {"Failed to match against any enum", "enum"},
        {"Failed to match expected value set by 'const'", "const"},
        {"Failed to match regex", "pattern"},
        {"Expected number greater than or equal", "minimum"},
        {"Expected number greater than", "exclusiveMinimum"},
        {"Expected number less than or equal", "maximum"},
        {"Expected number less than", "exclusiveMaximum"},
        {"Value should be a multiple", "multipleOf"},
        {"String should be no fewer", "minLength"},
        {"String should be no more", "maxLength"},
        {"String should be a valid", "format"},
        {"Array should contain no fewer", "minItems"},
        {"Array should contain no more", "maxItems"},
        {"Elements at indexes", "uniqueItems"},
        {"Object should have no fewer", "minProperties"},
        {"Object should have no more", "maxProperties"},
        {"Object contains a property", "additionalProperties"},
        {"Failed to validate against additional properties", "additionalProperties"},
        {"Missing dependency", "dependencies"},
        {"Failed to validate against any schemas allowed by anyOf", "anyOf"},
        {"Failed to validate against exactly one", "oneOf"},
        {"Failed to validate against child schema", "allOf"},
        {"Target should not validate", "not"},
        {"Failed to validate against a conditional", "if"},
        {"Failed to any values against subschema in 'contains'", "contains"},
        {"Array contains more items", "items"},
    };
    for (const auto &[prefix, rule] : rules) {
        if (startsWith(d, prefix))
            return rule;
    }
    return "schema";
}

// valijson's context ("<root>", "[name]", "[0]") as a JSONPath.
std::string pathOf(const std::vector<std::string> &context)
{
    std::string out = "$";
    for (const std::string &c : context) {
        if (c == "<root>" || c.size() < 2 || c.front() != '[' || c.back() != ']')
            continue;
        const std::string key = c.substr(1, c.size() - 2);
        const bool index = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
        const bool plain = !key.empty()
                           && key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
                                                    "TUVWXYZ0123456789_-")
                                  == std::string::npos
                           && !index;
        if (index)
            out += "[" + key + "]";
        else if (plain)
            out += "." + key;
        else
            out += "['" + key + "']";
    }
    return out;
}

// Whether the schema uses a regular expression (`pattern`, `patternProperties`) anywhere.
bool usesPatterns(const Json &schema)
{
    std::vector<const Json *> todo{&schema};
    while (!todo.empty()) {
        const Json *v = todo.back();
        todo.pop_back();
        if (v->is_object()) {
            for (auto it = v->begin(); it != v->end(); ++it) {
                if ((it.key() == "pattern" && it.value().is_string())
                    || (it.key() == "patternProperties" && it.value().is_object()
                        && !it.value().empty()))
                    return true;
                todo.push_back(&it.value());
            }
        } else if (v->is_array()) {
            for (const Json &e : *v)
                todo.push_back(&e);
        }
    }
    return false;
}

// The path of the first string value or object key in `input` longer than `limit`, if any.
std::optional<std::string> longString(const Json &input, std::size_t limit)
{
    std::vector<std::pair<const Json *, std::string>> todo{{&input, "$"}};
    while (!todo.empty()) {
        auto [v, path] = todo.back();
        todo.pop_back();
        if (v->is_string() && v->get_ref<const std::string &>().size() > limit)
            return path;
        if (v->is_object()) {
            for (auto it = v->begin(); it != v->end(); ++it) {
                if (it.key().size() > limit)
                    return path;
                todo.emplace_back(&it.value(), pathOf({"[" + it.key() + "]"}).replace(0, 1, path));
            }
        } else if (v->is_array()) {
            for (std::size_t i = 0; i < v->size(); ++i)
                todo.emplace_back(&(*v)[i], path + "[" + std::to_string(i) + "]");
        }
    }
    return std::nullopt;
}

// The compiled form of the last schema used on this thread: a workflow is usually started many
// times with the same schema, and compiling it each time would cost more than validating.
struct Compiled
{
    std::string text;
    std::unique_ptr<valijson::Schema> schema;
    std::string error;
};

const Compiled &compile(const Json &schema)
{
    thread_local Compiled last;
    std::string text = schema.dump();
    if (last.schema && last.text == text)
        return last;
    last.text = std::move(text);
    last.schema = std::make_unique<valijson::Schema>();
    last.error.clear();
    try {
        const PlainJson doc = schema;
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(doc), *last.schema);
    } catch (const std::exception &e) {
        last.error = e.what();
    }
    return last;
}

} // namespace

std::vector<InputProblem> validateInput(const Json &schema, const Json &input)
{
    std::vector<InputProblem> problems;
    if (!schema.is_object())
        return problems;
    const Compiled &c = compile(schema);
    if (!c.error.empty()) {
        problems.push_back({"$", "schema", "the input_schema cannot be used: " + c.error});
        return problems;
    }
    // valijson matches `pattern` with std::regex, which recurses once per character in libstdc++
    // and overflows the stack on a long string (a 200 KiB one crashed the host). Such a string is
    // refused when the schema has any pattern, rather than matched.
    if (usesPatterns(schema)) {
        if (std::optional<std::string> at = longString(input, kPatternTextLimit)) {
            problems.push_back({*at, "pattern",
                                "a text longer than " + std::to_string(kPatternTextLimit)
                                    + " characters cannot be checked against the schema's "
                                      "patterns"});
            return problems;
        }
    }
    try {
        const PlainJson doc = input;
        valijson::Validator validator;
        valijson::ValidationResults results;
        if (validator.validate(*c.schema, valijson::adapters::NlohmannJsonAdapter(doc), &results))
            return problems;
        valijson::ValidationResults::Error e;
        std::vector<InputProblem> wrappers; // "failed to validate property x": said by a nested one
        while (results.popError(e)) {
            InputProblem p{pathOf(e.context), ruleOf(e.description), e.description};
            const bool wrapper = startsWith(e.description, "Failed to validate against schema "
                                                           "associated with property name")
                                 || startsWith(e.description, "Failed to validate item #")
                                 || startsWith(e.description, "Failed to validate against schema "
                                                              "associated with pattern");
            (wrapper ? wrappers : problems).push_back(std::move(p));
        }
        if (problems.empty())
            problems = std::move(wrappers);
        if (problems.empty())
            problems.push_back({"$", "schema", "the input does not match the input_schema"});
    } catch (const std::exception &e) {
        problems.push_back({"$", "schema", std::string("the input cannot be checked: ") + e.what()});
    }
    return problems;
}

std::string describeInputProblems(const std::vector<InputProblem> &problems, std::size_t max)
{
    std::string out;
    for (std::size_t i = 0; i < problems.size() && i < max; ++i) {
        if (i)
            out += "; ";
        out += problems[i].path + ": " + problems[i].rule + ": " + problems[i].message;
    }
    if (problems.size() > max)
        out += "; and " + std::to_string(problems.size() - max) + " more";
    return out;
}

} // namespace Signalbox
