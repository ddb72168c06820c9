#include "asllocator.h"

#include "aslcommon.h"

#include <algorithm>
#include <vector>

namespace Signalbox::Asl {

namespace {
struct Frame
{
    bool object = false;
    std::string pointer;
    std::string key; // object: the key whose value comes next
    bool expectKey = true;
    int index = 0; // array: index of the current element
    bool elementSeen = false;
};
} // namespace

JsonLocator::JsonLocator(const std::string &text, const std::string &file)
    : m_file(file)
    , m_text(text)
{
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n')
            m_lineStarts.push_back(i + 1);
    }
    scan(text);
}

void JsonLocator::scan(const std::string &text)
{
    std::vector<Frame> stack;
    // Records the start of a value inside an array and returns the value's pointer.
    auto valueStart = [&](std::size_t offset) -> std::string {
        if (stack.empty())
            return {};
        Frame &top = stack.back();
        if (top.object)
            return pointerAppend(top.pointer, top.key);
        const std::string p = pointerAppend(top.pointer, std::to_string(top.index));
        top.elementSeen = true;
        m_offsets.emplace(p, offset);
        return p;
    };
    constexpr std::size_t trackedDepth = 256;
    std::size_t untracked = 0;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = i;
            std::string value;
            ++i;
            while (i < n && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < n) {
                    const char e = text[i + 1];
                    value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                    i += 2;
                    continue;
                }
                value += text[i++];
            }
            ++i; // closing quote
            if (!stack.empty() && stack.back().object && stack.back().expectKey) {
                Frame &top = stack.back();
                top.key = value;
                top.expectKey = false;
                m_offsets.emplace(pointerAppend(top.pointer, value), start);
            } else {
                valueStart(start);
            }
            continue;
        }
        if ((c == '{' || c == '[') && (untracked > 0 || stack.size() >= trackedDepth)) {
            // Deeper than any sane document: only count, so a bracket bomb stays linear.
            ++untracked;
            m_maxDepth = std::max(m_maxDepth, int(stack.size() + untracked));
        } else if ((c == '}' || c == ']') && untracked > 0) {
            --untracked;
        } else if (c == '{' || c == '[') {
            Frame f;
            f.object = c == '{';
            f.pointer = valueStart(i);
            stack.push_back(f);
            m_maxDepth = std::max(m_maxDepth, int(stack.size()));
        } else if (c == '}' || c == ']') {
            if (!stack.empty())
                stack.pop_back();
        } else if (c == ',') {
            if (!stack.empty()) {
                if (stack.back().object)
                    stack.back().expectKey = true;
                else
                    ++stack.back().index;
            }
        } else if (c != ':' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            // number or literal
            valueStart(i);
            while (i < n && text[i] != ',' && text[i] != '}' && text[i] != ']' && text[i] != ' '
                   && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
                ++i;
            continue;
        }
        ++i;
    }
}

SourceLocation JsonLocator::fromOffset(std::size_t offset) const
{
    offset = std::min(offset, m_text.size());
    const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const std::size_t lineStart = *(next - 1);
    SourceLocation loc;
    loc.file = m_file;
    loc.line = int(next - m_lineStarts.begin());
    loc.column = 1;
    for (std::size_t i = lineStart; i < offset; ++i) {
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80)
            ++loc.column; // count code points, not UTF-8 continuation bytes
    }
    return loc;
}

SourceLocation JsonLocator::at(const std::string &pointer) const
{
    std::string p = pointer;
    while (!p.empty()) {
        const auto it = m_offsets.find(p);
        if (it != m_offsets.end())
            return fromOffset(it->second);
        p.erase(p.rfind('/'));
    }
    SourceLocation loc;
    loc.file = m_file;
    return loc;
}

} // namespace Signalbox::Asl
