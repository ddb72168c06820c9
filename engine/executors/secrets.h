// TaskSecrets: what one task attempt's ${env:NAME} references resolved to, so that nothing the
// engine keeps from the task contains them. A task runner resolves every reference through one
// TaskSecrets and, before it reports, redacts the outcome: the error cause, the captured stdout
// and stderr (the response body of an http task), the log's details and the result's strings.
// Each occurrence of a resolved value becomes "***". Values shorter than minLength are not
// redacted: "1" or "yes" are not secrets, and replacing them would corrupt unrelated data.
//
// The environment a process task starts with is explicit too (taskEnvironment): a fixed
// allow-list of the host's variables (documented in docs/language.md), the SIGNALBOX_* task
// variables and what the state declares under `env:`, never the host's whole environment.
#pragma once

#include "signalbox/executor.h"

#include <QProcessEnvironment>

#include <string>
#include <vector>

namespace Signalbox {

class TaskSecrets
{
public:
    static constexpr std::size_t minLength = 4;

    // resolveEnvReferences(), remembering each value it put in.
    std::string resolve(const std::string &text);
    // The same for every string inside a JSON value.
    Json resolve(const Json &value);

    std::string redact(std::string text) const;
    Json redact(const Json &value) const;
    void redact(TaskOutcome &outcome) const;

    bool empty() const { return m_values.empty(); }

private:
    std::vector<std::string> m_values; // longest first, so a value inside another goes second
};

// The host's variables a task inherits: PATH, HOME, USER, LOGNAME, SHELL, LANG, LANGUAGE, LC_*,
// TZ, TMPDIR, the XDG base folders (XDG_RUNTIME_DIR holds the host's control socket, which
// `signalbox heartbeat` needs), the proxy variables and SIGNALBOX_*.
QProcessEnvironment taskEnvironment(const QProcessEnvironment &host);

} // namespace Signalbox
