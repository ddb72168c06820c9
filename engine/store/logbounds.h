// Bounding captured task output: a stream longer than the limit keeps its beginning and its end
// (where errors usually are) around a marker line, cut on UTF-8 character boundaries.
#pragma once

#include <cstddef>
#include <string>

namespace Signalbox {

// Returns `text` if it fits in `maxBytes`, else its head and tail joined by
// "\n[... N bytes truncated ...]\n", at most `maxBytes` long; sets *truncated when it cut.
std::string boundLog(const std::string &text, std::size_t maxBytes, bool *truncated);

} // namespace Signalbox
