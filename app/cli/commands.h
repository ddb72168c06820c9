// The table of command-line commands. Each command is one function in its own cmd_*.cpp file,
// taking the arguments after the command name and returning an exit code (see cli.h).
#pragma once

#include "cli.h"

#include "signalbox/control.h"
#include "signalbox/definition.h"
#include "signalbox/json.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

class QCommandLineParser;

namespace Signalbox::Cli {

struct Command
{
    const char *name;
    const char *synopsis;                    // arguments after the name, e.g. "FILE... "
    const char *summary;                     // one line
    int (*handler)(const QStringList &args); // args[0] is "signalbox <name>"
};

const std::vector<Command> &commands();

// Shared helpers for command files.
// Both escape what a terminal would interpret (see printable()); newlines are kept.
void printError(const QString &message); // "signalbox: error: message" on stderr
void printOut(const QString &text);      // stdout, no newline added
void printDiagnostics(const std::string &formatted); // Diagnostics::formatAll() on stderr

// `text` with every character a terminal interprets or that hides text (C0 and C1 controls, DEL,
// invisible and direction-changing characters) written as JSON writes an escaped character
// (backslash, u, four hex digits): JSON text stays valid JSON with the same value. With `keepNewlines`, '\n' stays a line break (for text
// that is ours); without it (a name in a table row) it is escaped too.
QString printable(const QString &text, bool keepNewlines = false);
QString printable(const std::string &utf8, bool keepNewlines = false);

// Reads a JSON argument: inline JSON text, `@FILE` or `-` (standard input), bounded by readJson()
// (depth, size, numbers). Returns Ok, or an exit code with `error` set ("--input: number out of
// range at line 1, column 7", "--input: cannot read x.json: No such file or directory").
int readJsonArgument(const QString &option, const QString &value, Json *out, QString *error);

// Reads a workflow file, or standard input when `path` is "-" (diagnostics then name "<stdin>"),
// printing every diagnostic; with `validate`, the validator runs too. Returns the definition
// when it has no errors; `source` receives the text as read and `code` the exit code otherwise
// (NotFound for a missing file, Invalid for a file with errors).
std::optional<Definition> loadWorkflow(const QString &path, bool validate, std::string *source,
                                       int *code, int *warnings = nullptr);

// The exit code for a failed control request (no host, refused: not found or invalid, broken).
int exitCodeFor(const ControlReply &reply);
// Parses `args` with `parser` (which has --help added); prints usage errors; returns false with
// `exitCode` set when the command should stop (help shown or usage error).
bool parseArguments(QCommandLineParser &parser, const QStringList &args, const Command &cmd,
                    int *exitCode);
const Command *findCommand(const QString &name);

int cmdValidate(const QStringList &args);
int cmdExport(const QStringList &args);
int cmdImport(const QStringList &args);
int cmdRun(const QStringList &args);       // cmd_run.cpp
int cmdResume(const QStringList &args);    // cmd_run.cpp
int cmdServe(const QStringList &args);     // cmd_serve.cpp
int cmdList(const QStringList &args);      // cmd_list.cpp
int cmdShow(const QStringList &args);      // cmd_show.cpp
int cmdHistory(const QStringList &args);   // cmd_history.cpp
int cmdStart(const QStringList &args);     // cmd_control.cpp (sent to the host)
int cmdApprove(const QStringList &args);   // cmd_control.cpp
int cmdReject(const QStringList &args);    // cmd_control.cpp
int cmdSendEvent(const QStringList &args); // cmd_control.cpp
int cmdComplete(const QStringList &args);  // cmd_control.cpp
int cmdHeartbeat(const QStringList &args); // cmd_control.cpp
int cmdCancel(const QStringList &args);    // cmd_control.cpp
int cmdRedrive(const QStringList &args);   // cmd_control.cpp
int cmdCheck(const QStringList &args);     // cmd_check.cpp
int cmdBackup(const QStringList &args);    // cmd_backup.cpp

} // namespace Signalbox::Cli
