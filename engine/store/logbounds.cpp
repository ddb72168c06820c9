#include "store/logbounds.h"

namespace Signalbox {

namespace {
bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
} // namespace

std::string boundLog(const std::string &text, std::size_t maxBytes, bool *truncated)
{
    if (text.size() <= maxBytes)
        return text;
    *truncated = true;
    // The marker names the dropped byte count; reserve room for the widest one.
    const std::size_t reserve = 48;
    if (maxBytes <= reserve * 2)
        return text.substr(0, 0);
    const std::size_t budget = maxBytes - reserve;
    std::size_t headEnd = budget / 2;
    while (headEnd > 0 && isContinuationByte(text[headEnd]))
        --headEnd;
    std::size_t tailStart = text.size() - (budget - headEnd);
    while (tailStart < text.size() && isContinuationByte(text[tailStart]))
        ++tailStart;
    const std::string marker
        = "\n[... " + std::to_string(tailStart - headEnd) + " bytes truncated ...]\n";
    return text.substr(0, headEnd) + marker + text.substr(tailStart);
}

} // namespace Signalbox
