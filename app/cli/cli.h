// The command line of the signalbox binary. Each command lives in its own file (cmd_*.cpp); this
// header is the dispatcher. The command line is a contract for scripts: the exit codes below are
// documented in docs/cli.md and never reused for something else; results go to stdout, errors to
// stderr as `signalbox: error: <where>: <why>` (workflow diagnostics as
// `file:line:col: error: text`), and text that comes from users is escaped so that it cannot
// move the cursor, recolour the terminal or forge lines.
#pragma once

#include <QStringList>

namespace Signalbox::Cli {

enum ExitCode {
    Ok = 0,
    ExecutionFailed = 1, // run/resume: the execution ended but did not succeed
    Usage = 2,           // unknown command or option, missing or extra argument
    Invalid = 3,         // invalid input, definition or name; the host refused the request
    NotFound = 4,        // no such workflow file, input file, database or execution
    NoHost = 5,          // no host runs for the database (or it did not answer)
    Internal = 6,        // a bug: an unexpected exception or an answer that is not a reply
};

// True when the arguments are for the command line, not the GUI: a command (validate, export,
// ...), --help/--version, or a first argument that is neither an option nor an existing file
// (the command line then says "unknown command" instead of opening a window).
bool isCommandLine(int argc, char **argv);
// Runs the command line; `args` includes the program name first.
int run(const QStringList &args);

} // namespace Signalbox::Cli
