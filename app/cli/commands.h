// The table of command-line commands. Each command is one function in its own cmd_*.cpp file,
// taking the arguments after the command name and returning an exit code (see cli.h).
#pragma once

#include "cli.h"

#include <QString>
#include <QStringList>

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
void printError(const QString &message); // "signalbox: error: message" on stderr
void printOut(const QString &text);      // stdout, no newline added
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

} // namespace Signalbox::Cli
