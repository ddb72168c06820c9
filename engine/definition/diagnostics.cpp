#include "signalbox/diagnostics.h"

#include <algorithm>
#include <sstream>

namespace Signalbox {

std::string Diagnostic::format() const
{
    std::ostringstream out;
    if (!location.file.empty())
        out << location.file << ':';
    if (location.line > 0) {
        out << location.line << ':';
        if (location.column > 0)
            out << location.column << ':';
    }
    if (out.tellp() > 0)
        out << ' ';
    out << (severity == Severity::Error ? "error: " : "warning: ") << message;
    return out.str();
}

void Diagnostics::error(const std::string &code, const SourceLocation &loc,
                        const std::string &message, const std::string &state)
{
    m_items.push_back({Diagnostic::Severity::Error, code, loc, message, state});
}

void Diagnostics::warning(const std::string &code, const SourceLocation &loc,
                          const std::string &message, const std::string &state)
{
    m_items.push_back({Diagnostic::Severity::Warning, code, loc, message, state});
}

void Diagnostics::append(const Diagnostics &other)
{
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::hasErrors() const
{
    return errorCount() > 0;
}

int Diagnostics::errorCount() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic &d) {
        return d.severity == Diagnostic::Severity::Error;
    }));
}

int Diagnostics::warningCount() const
{
    return int(m_items.size()) - errorCount();
}

void Diagnostics::sortByLocation()
{
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic &a, const Diagnostic &b) {
        if (a.location.file != b.location.file)
            return a.location.file < b.location.file;
        if (a.location.line != b.location.line)
            return a.location.line < b.location.line;
        return a.location.column < b.location.column;
    });
}

std::string Diagnostics::formatAll() const
{
    Diagnostics sorted = *this;
    sorted.sortByLocation();
    std::string out;
    for (const Diagnostic &d : sorted.m_items)
        out += d.format() + '\n';
    return out;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("frist").
static int editDistance(const std::string &a, const std::string &b)
{
    const size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (size_t i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (size_t j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (size_t i = 1; i <= n; ++i) {
        for (size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

std::string closestMatch(const std::string &word, const std::vector<std::string> &candidates)
{
    std::string best;
    int bestDistance = 1 << 30;
    for (const std::string &c : candidates) {
        const int d = editDistance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    // Close enough: at most a third of the word's length (and at least one edit allowed).
    const int allowed = std::max<int>(1, int(word.size()) / 3);
    return bestDistance <= allowed ? best : std::string();
}

} // namespace Signalbox
