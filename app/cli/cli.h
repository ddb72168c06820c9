// The command line of the signalbox binary. Each command lives in its own
// file (cmd_*.cpp); this header is the dispatcher. Exit codes: 0 success, 1 invalid input or a
// failed execution, 2 usage error; messages go to stderr as `file:line:col: error: text`.
#pragma once

#include <QStringList>

namespace Signalbox::Cli {

enum ExitCode { Ok = 0, Invalid = 1, Usage = 2 };

// True when argv names a command (validate, export, ...) or --help/--version, i.e. no GUI.
bool isCommandLine(int argc, char **argv);
// Runs the command line; `args` includes the program name first.
int run(const QStringList &args);

} // namespace Signalbox::Cli
