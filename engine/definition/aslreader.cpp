// readAsl() and looksLikeAsl(): the entry points of the ASL import (see docs/asl.md).
#include "aslreader.h"

#include "aslcommon.h"

#include "signalbox/codecs.h"
#include "signalbox/jsonread.h"

#include <cctype>

namespace Signalbox {

namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 5: "; the location is reported separately, so keep only what went wrong.
std::string parseErrorMessage(const std::string &what)
{
    const std::size_t syntax = what.find("syntax error");
    if (syntax != std::string::npos)
        return "invalid JSON: " + what.substr(syntax);
    const std::size_t colon = what.find("]: ");
    return "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 3));
}

std::string nameFromFile(const std::string &file)
{
    std::string base
        = file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
    for (const char *suffix : {".asl.json", ".json"}) {
        const std::string s = suffix;
        if (base.size() > s.size() && base.compare(base.size() - s.size(), s.size(), s) == 0) {
            base.resize(base.size() - s.size());
            break;
        }
    }
    return base.empty() ? std::string("imported") : base;
}

} // namespace

std::optional<Definition> readAsl(const std::string &text, const std::string &file,
                                  Diagnostics &diags, const ReadLimits &limits)
{
    SourceLocation fileLoc;
    fileLoc.file = file;
    if (text.size() > limits.maxBytes) {
        diags.error("too-large", fileLoc,
                    "the definition is " + std::to_string(text.size()) + " bytes; the limit is "
                        + std::to_string(limits.maxBytes));
        return std::nullopt;
    }
    const Asl::JsonLocator locator(text, file);
    if (locator.maxDepth() > limits.maxDepth) {
        diags.error("too-deep", fileLoc,
                    "JSON nesting is deeper than " + std::to_string(limits.maxDepth) + " levels");
        return std::nullopt;
    }
    JsonReadError parseError;
    std::optional<Json> parsed = readJson(text, &parseError, {kJsonMaxDepth, 0});
    if (!parsed) {
        // The diagnostic carries the place; the message need not repeat it.
        std::string message = parseError.message;
        if (const std::size_t at = message.find(" at line "); at != std::string::npos
                                                             && message.find("syntax error") == std::string::npos)
            message.erase(at);
        diags.error("asl-syntax", locator.fromOffset(parseError.offset), parseErrorMessage(message));
        return std::nullopt;
    }
    Json root = std::move(*parsed);
    if (!root.is_object()) {
        diags.error("asl-wrong-type", locator.fromOffset(0),
                    "an ASL state machine must be a JSON object with StartAt and States");
        return std::nullopt;
    }

    const int errorsBefore = diags.errorCount();
    Asl::Reader reader(locator, diags);
    Definition def;
    def.sourceFile = file;
    try {
        reader.machine(root, {}, def.machine, {"TimeoutSeconds", "Version"});
    } catch (const Json::exception &e) {
        // Every field is type-checked before use; this is a safety net, not a code path.
        diags.error("asl-internal", fileLoc, std::string("cannot read this ASL: ") + e.what());
        return std::nullopt;
    }

    std::string comment;
    Json extras = Json::object();
    if (root.contains("Comment") && root["Comment"].is_string())
        Asl::splitComment(root["Comment"].get<std::string>(), &comment, &extras);
    else if (root.contains("Comment"))
        reader.error("asl-wrong-type", "/Comment", "'Comment' must be a string");
    def.description = comment;
    def.name = extras.contains("name") && extras["name"].is_string()
                   ? extras["name"].get<std::string>()
                   : nameFromFile(file);
    if (extras.contains("input_schema"))
        def.inputSchema = extras["input_schema"];
    if (extras.contains("layout"))
        def.layout = extras["layout"];
    if (root.contains("TimeoutSeconds")) {
        const Json &t = root["TimeoutSeconds"];
        if (t.is_number_integer() && t.get<long long>() > 0 && t.get<long long>() < (1LL << 31))
            def.timeoutSeconds = int(t.get<long long>());
        else
            reader.error("asl-wrong-type", "/TimeoutSeconds",
                         "'TimeoutSeconds' must be a positive whole number");
    }
    if (root.contains("Version") && root["Version"] != "1.0")
        reader.error("asl-unsupported", "/Version", "only ASL Version 1.0 is supported");

    if (diags.errorCount() > errorsBefore)
        return std::nullopt;
    return def;
}

bool looksLikeAsl(const std::string &text)
{
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    if (i >= text.size() || text[i] != '{')
        return false;
    const std::optional<Json> j = readJson(text, nullptr, {kJsonMaxDepth, 0});
    if (j)
        return j->is_object() && j->contains("StartAt");
    // Malformed JSON: still ASL if it names StartAt, so the ASL reader reports the syntax error.
    return text.find("\"StartAt\"") != std::string::npos;
}

} // namespace Signalbox
