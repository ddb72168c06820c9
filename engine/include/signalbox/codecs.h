// Codecs: the textual forms of a Definition. YAML is the native form; ASL (Amazon States Language
// JSON) and Mermaid are exports, ASL also an import. Readers collect diagnostics and never throw.
#pragma once

#include "signalbox/definition.h"
#include "signalbox/diagnostics.h"

#include <optional>
#include <string>

namespace Signalbox {

struct ReadLimits
{
    std::size_t maxBytes = 1024 * 1024; // definitions are limited to 1 MiB
    int maxDepth = 64;                  // nesting of mappings/sequences
    std::size_t maxNodes = 200000;      // alias expansion bombs
};

// YAML (also accepts JSON, which is YAML). `file` is used for diagnostics only.
std::optional<Definition> readYaml(const std::string &text, const std::string &file,
                                   Diagnostics &diags, const ReadLimits &limits = {});
std::string writeYaml(const Definition &def);

// ASL JSON. The reader maps PascalCase ASL onto the model; the writer produces ASL that passes
// asl-validator. Conditions ASL cannot express become errors naming the state.
std::optional<Definition> readAsl(const std::string &text, const std::string &file,
                                  Diagnostics &diags, const ReadLimits &limits = {});
std::optional<std::string> writeAsl(const Definition &def, Diagnostics &diags);

// Mermaid flowchart text.
std::string writeMermaid(const Definition &def);

// True if the text looks like ASL JSON (a JSON object with "StartAt").
bool looksLikeAsl(const std::string &text);

// Reads a file of either form, checking size first. Returns nullopt with diagnostics on failure.
std::optional<Definition> loadDefinitionFile(const std::string &path, Diagnostics &diags,
                                             const ReadLimits &limits = {});

} // namespace Signalbox
