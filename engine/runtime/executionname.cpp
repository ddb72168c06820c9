#include "signalbox/executionname.h"

#include <cstdio>
#include <string_view>

namespace Signalbox {

namespace {

// Decodes one UTF-8 sequence at `i` (strict: no overlong forms, surrogates or values past
// U+10FFFF); returns the code point and advances `i`, or -1 for invalid bytes.
long nextCodePoint(const std::string &s, std::size_t &i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    int extra = 0;
    long cp = 0;
    if (c < 0x80) {
        ++i;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        extra = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        extra = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return -1;
    }
    if (i + std::size_t(extra) >= s.size())
        return -1;
    for (int k = 1; k <= extra; ++k) {
        const unsigned char cc = byte(i + std::size_t(k));
        if ((cc & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    i += std::size_t(extra) + 1;
    return cp;
}

bool isUnicodeSpace(long cp)
{
    return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
           || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
           || cp == 0x205F || cp == 0x3000;
}

// Invisible characters and the ones that change the direction of the text around them: a name
// holding them prints as a different name.
bool isInvisibleOrBidi(long cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
           || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF;
}

std::string codePointText(long cp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04lX", cp);
    if (cp > 0x20 && cp < 0x7F)
        return std::string("'") + char(cp) + "' (" + buf + ")";
    return buf;
}

} // namespace

std::string executionNameProblem(const std::string &name)
{
    static constexpr std::string_view forbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";
    if (name.empty())
        return "an execution name cannot be empty";
    std::size_t count = 0;
    for (std::size_t i = 0; i < name.size();) {
        const long cp = nextCodePoint(name, i);
        if (cp < 0)
            return "an execution name must be valid UTF-8";
        ++count;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return "an execution name cannot contain control characters (" + codePointText(cp)
                   + ")";
        if (isUnicodeSpace(cp))
            return "an execution name cannot contain whitespace (" + codePointText(cp) + ")";
        if (cp < 0x80 && forbidden.find(char(cp)) != std::string_view::npos)
            return "an execution name cannot contain " + codePointText(cp)
                   + " (nor any of < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /)";
        if (isInvisibleOrBidi(cp))
            return "an execution name cannot contain invisible or direction-changing characters ("
                   + codePointText(cp) + ")";
        if (cp == 0xFFFD)
            return "an execution name cannot contain U+FFFD, which stands for bytes that were "
                   "not valid UTF-8";
    }
    if (count > 80)
        return "an execution name is at most 80 characters (this one has " + std::to_string(count)
               + ")";
    return {};
}

} // namespace Signalbox
