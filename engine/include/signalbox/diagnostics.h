// Diagnostics: every problem found in user input (YAML, JSON, ASL, expressions) is collected as a
// Diagnostic with a location and a message a person can act on. Readers never throw on user input.
#pragma once

#include <string>
#include <vector>

namespace Signalbox {

struct SourceLocation
{
    std::string file;
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    bool isValid() const { return line > 0; }
};

struct Diagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string code; // stable identifier, e.g. "unknown-field", "missing-next"
    SourceLocation location;
    std::string message; // one sentence, no trailing period needed
    std::string state;   // state name the diagnostic belongs to, if any

    // "file:line:col: error: message" (omits parts that are unknown).
    std::string format() const;
};

class Diagnostics
{
public:
    void error(const std::string &code, const SourceLocation &loc, const std::string &message,
               const std::string &state = {});
    void warning(const std::string &code, const SourceLocation &loc, const std::string &message,
                 const std::string &state = {});
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void append(const Diagnostics &other);

    const std::vector<Diagnostic> &items() const { return m_items; }
    bool hasErrors() const;
    int errorCount() const;
    int warningCount() const;
    bool empty() const { return m_items.empty(); }
    // All diagnostics, one formatted line each, sorted by location.
    std::string formatAll() const;
    void sortByLocation();

private:
    std::vector<Diagnostic> m_items;
};

// Levenshtein-based suggestion: the closest of `candidates` to `word`, or "" if none is close.
std::string closestMatch(const std::string &word, const std::vector<std::string> &candidates);

} // namespace Signalbox
