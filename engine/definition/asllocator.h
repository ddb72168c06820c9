// Source locations for JSON documents. nlohmann::json keeps no positions, so the ASL reader scans
// the (already well-formed) text once and records where every object key and array element
// starts, addressed by JSON Pointer ("/States/charge-payment/Retry/0"). Diagnostics then point at
// the line and column a person has to edit.
#pragma once

#include "signalbox/diagnostics.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace Signalbox::Asl {

class JsonLocator
{
public:
    JsonLocator(const std::string &text, const std::string &file);

    // Location of the key (or array element) at `pointer`; the nearest located ancestor when the
    // pointer itself is unknown; line 0 when nothing matches.
    SourceLocation at(const std::string &pointer) const;
    // 1-based line and column of a byte offset.
    SourceLocation fromOffset(std::size_t offset) const;
    // Deepest nesting of objects and arrays (strings are skipped).
    int maxDepth() const { return m_maxDepth; }

private:
    void scan(const std::string &text);

    std::string m_file;
    std::string m_text;
    std::vector<std::size_t> m_lineStarts;
    std::unordered_map<std::string, std::size_t> m_offsets;
    int m_maxDepth = 0;
};

} // namespace Signalbox::Asl
