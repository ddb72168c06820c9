// The ASL reader's per-document state: walks a parsed Amazon States Language document and builds
// the Definition, reporting unknown fields (with a did-you-mean), wrong types and features
// Signalbox does not run (JSONata, distributed maps...) at the line and column of the offending
// key. readAsl() in aslreader.cpp wraps it with the size, depth and JSON syntax checks.
#pragma once

#include "asllocator.h"

#include "signalbox/definition.h"

#include <initializer_list>

namespace Signalbox::Asl {

class Reader
{
public:
    Reader(const JsonLocator &locator, Diagnostics &diags)
        : m_loc(locator)
        , m_diags(diags)
    {}

    // Reads StartAt/States of `j` (the document, a branch or an item processor) into `out`.
    void machine(const Json &j, const std::string &ptr, StateMachine &out,
                 std::initializer_list<const char *> extraFields);

    void error(const std::string &code, const std::string &ptr, const std::string &message,
               const std::string &state = {});
    SourceLocation at(const std::string &ptr) const { return m_loc.at(ptr); }

private:
    std::optional<State> state(const std::string &name, const Json &j, const std::string &ptr);
    void task(State &s, const Json &j, const std::string &ptr, const Json &extras);
    void waitForEvent(State &s, const Json &parameters, const std::string &ptr);
    void choice(State &s, const Json &j, const std::string &ptr, const Json &extras);
    void wait(State &s, const Json &j, const std::string &ptr, const Json &extras);
    void parallel(State &s, const Json &j, const std::string &ptr);
    void map(State &s, const Json &j, const std::string &ptr, const Json &extras);
    void fail(State &s, const Json &j, const std::string &ptr);
    void dataFlow(State &s, const Json &j, const std::string &ptr);
    void retry(State &s, const Json &j, const std::string &ptr, const Json &extras);
    void catchRules(State &s, const Json &j, const std::string &ptr);
    void transition(State &s, const Json &j, const std::string &ptr);

    // Reports keys outside `allowed` (unknown, or known but unsupported by Signalbox).
    void checkFields(const Json &obj, const std::string &ptr,
                     const std::vector<std::string> &allowed, const std::string &what,
                     const std::string &state);
    // Typed field access: nullptr / nullopt (with an error) when present with the wrong type.
    std::optional<std::string> string(const Json &obj, const char *key, const std::string &ptr,
                                      const std::string &state);
    std::optional<int> integer(const Json &obj, const char *key, const std::string &ptr,
                               const std::string &state, int minimum);
    std::optional<double> number(const Json &obj, const char *key, const std::string &ptr,
                                 const std::string &state, double minimum);
    std::optional<Json> path(const Json &obj, const char *key, const std::string &ptr,
                             const std::string &state);
    std::vector<std::string> errorList(const Json &obj, const std::string &ptr,
                                       const std::string &state);

    const JsonLocator &m_loc;
    Diagnostics &m_diags;
};

} // namespace Signalbox::Asl
