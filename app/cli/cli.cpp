#include "cli.h"
#include "commands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <cstring>

namespace Signalbox::Cli {

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        {"validate", "FILE...", "check workflow files; diagnostics as file:line:col: message",
         cmdValidate},
        {"export", "FILE --to yaml|asl|mermaid|svg|png [-o OUT]",
         "write a workflow in another format", cmdExport},
        {"import", "FILE.asl.json [-o OUT.yaml]", "convert Amazon States Language to YAML",
         cmdImport},
        {"run", "FILE [--input JSON|@file] [--name NAME] [--simulate] [--db PATH|:memory:]",
         "run a workflow in the foreground until it ends; prints one JSON object", cmdRun},
        {"resume", "EXEC [--db PATH]", "host an interrupted execution until it ends", cmdResume},
        {"serve", "[--db PATH]", "headless host: runs executions and answers commands", cmdServe},
        {"start", "FILE [--input JSON|@file] [--name NAME] [--simulate] [--db PATH]",
         "start an execution on the running host; prints its id", cmdStart},
        {"approve", "EXEC [STATE] [--comment TEXT] [--field KEY=VALUE ...] [--db PATH]",
         "approve a pending approval", cmdApprove},
        {"reject", "EXEC [STATE] [--comment TEXT] [--field KEY=VALUE ...] [--db PATH]",
         "reject a pending approval", cmdReject},
        {"send-event", "EXEC EVENT [--payload JSON|@file] [--db PATH]",
         "deliver an event to a waiting execution", cmdSendEvent},
        {"complete", "EXEC STATE [--output JSON|@file | --error NAME [--cause TEXT]] [--db PATH]",
         "complete an activity (a task without run:)", cmdComplete},
        {"heartbeat", "EXEC [STATE] | --token TOKEN [--db PATH]",
         "tell a running task's heartbeat_seconds deadline that its worker is alive", cmdHeartbeat},
        {"cancel", "EXEC [--reason TEXT] [--db PATH]", "cancel an execution", cmdCancel},
        {"redrive", "EXEC [--input JSON|@file] [--file FILE] [--db PATH]",
         "resume a failed execution from the state that failed", cmdRedrive},
        {"list", "[--status S] [--workflow W] [--search TEXT] [--json] [--db PATH]",
         "list executions, newest first", cmdList},
        {"show", "EXEC [--json] [--db PATH]", "show one execution", cmdShow},
        {"history", "EXEC [--json] [--db PATH]", "show the event history of an execution",
         cmdHistory},
    };
    return table;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

void printError(const QString &message)
{
    QTextStream err(stderr);
    err << "signalbox: error: " << message << '\n';
}

void printOut(const QString &text)
{
    QTextStream out(stdout);
    out << text;
}

bool parseArguments(QCommandLineParser &parser, const QStringList &args, const Command &cmd,
                    int *exitCode)
{
    parser.setApplicationDescription(QString::fromUtf8(cmd.summary));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    if (!parser.parse(args)) {
        printError(parser.errorText()
                   + QStringLiteral(" (see signalbox %1 --help)").arg(QString::fromUtf8(cmd.name)));
        *exitCode = Usage;
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser prints the program name only; show the command too.
        const QString usagePrefix = QStringLiteral("Usage: ");
        const int eol = text.indexOf(QLatin1Char('\n'));
        text = usagePrefix
               + QStringLiteral("signalbox %1 %2")
                     .arg(QString::fromUtf8(cmd.name), QString::fromUtf8(cmd.synopsis))
               + text.mid(eol);
        printOut(text);
        *exitCode = Ok;
        return false;
    }
    return true;
}

static QString generalHelp()
{
    QString text = QStringLiteral(
        "Usage: signalbox [FILE]            open the designer (optionally with FILE)\n"
        "       signalbox COMMAND [ARGS]    run a command\n\nCommands:\n");
    for (const Command &c : commands())
        text += QStringLiteral("  %1 %2\n      %3\n")
                    .arg(QString::fromUtf8(c.name), QString::fromUtf8(c.synopsis),
                         QString::fromUtf8(c.summary));
    text += QStringLiteral("\nEvery command takes --help. See man signalbox, or docs/cli.md in the sources.\n");
    return text;
}

bool isCommandLine(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    if (!std::strcmp(first, "--help") || !std::strcmp(first, "-h")
        || !std::strcmp(first, "--version") || !std::strcmp(first, "help"))
        return true;
    if (first[0] == '-')
        return false; // Qt/GUI options such as -platform
    return findCommand(QString::fromLocal8Bit(first)) != nullptr;
}

int run(const QStringList &args)
{
    if (args.size() < 2) {
        printOut(generalHelp());
        return Usage;
    }
    const QString name = args.at(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h")
        || name == QLatin1String("help")) {
        printOut(generalHelp());
        return Ok;
    }
    if (name == QLatin1String("--version")) {
        printOut(QStringLiteral("signalbox %1\n").arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    const Command *cmd = findCommand(name);
    if (!cmd) {
        printError(QStringLiteral("unknown command '%1' (see signalbox --help)").arg(name));
        return Usage;
    }
    QStringList rest = args.mid(2);
    rest.prepend(QStringLiteral("signalbox ") + name);
    return cmd->handler(rest);
}

} // namespace Signalbox::Cli
