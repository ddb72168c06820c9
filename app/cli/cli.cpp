#include "cli.h"
#include "commands.h"

#include "signalbox/codecs.h"
#include "signalbox/jsonread.h"
#include "signalbox/validator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <exception>
#include <sys/stat.h>

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
        {"check", "[--max N] [--db PATH]",
         "check the database: integrity, and every history against its execution", cmdCheck},
        {"backup", "DEST [--db PATH]", "copy the database consistently, even while a host runs",
         cmdBackup},
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

namespace {

bool escaped(char32_t c, bool keepNewlines)
{
    if (c == '\n')
        return !keepNewlines;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F)
           || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064)
           || (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF;
}

} // namespace

QString printable(const QString &text, bool keepNewlines)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (escaped(c, keepNewlines))
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            out += ch;
    }
    return out;
}

QString printable(const std::string &utf8, bool keepNewlines)
{
    return printable(QString::fromStdString(utf8), keepNewlines);
}

void printError(const QString &message)
{
    QTextStream err(stderr);
    err << "signalbox: error: " << printable(message, true) << '\n';
}

void printOut(const QString &text)
{
    QTextStream out(stdout);
    out << printable(text, true);
}

void printDiagnostics(const std::string &formatted)
{
    QTextStream(stderr) << printable(formatted, true);
}

namespace {

// At most `limit` bytes of `device` (limit + 1 read, so that "too large" can be told).
QByteArray readBounded(QIODevice &device, qint64 limit)
{
    QByteArray data;
    while (data.size() <= limit) {
        // QFile on a FILE* reads with fread: it blocks until data or the end of the input.
        const QByteArray chunk = device.read(qMin<qint64>(1 << 20, limit + 1 - data.size()));
        if (chunk.isEmpty())
            break;
        data += chunk;
    }
    return data;
}

// Standard input, bounded; false when it is larger than `limit`.
bool readStdin(QByteArray *out, qint64 limit)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return false;
    *out = readBounded(in, limit);
    return out->size() <= limit;
}

} // namespace

int readJsonArgument(const QString &option, const QString &value, Json *out, QString *error)
{
    const qint64 limit = qint64(kJsonMaxBytes);
    QByteArray text;
    QString where = QStringLiteral("--%1").arg(option);
    if (value == QLatin1String("-")) {
        where += QStringLiteral(" (standard input)");
        if (!readStdin(&text, limit)) {
            *error = QStringLiteral("%1: larger than %2 bytes").arg(where).arg(limit);
            return Invalid;
        }
    } else if (value.startsWith(QLatin1Char('@'))) {
        const QString path = value.mid(1);
        where += QLatin1Char(' ') + path;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read it: %2").arg(where, f.errorString());
            return f.exists() ? Invalid : NotFound;
        }
        text = f.read(limit + 1);
        if (text.size() > limit) {
            *error = QStringLiteral("%1: larger than %2 bytes").arg(where).arg(limit);
            return Invalid;
        }
    } else {
        text = value.toUtf8();
    }
    JsonReadError why;
    std::optional<Json> parsed
        = readJson(std::string_view(text.constData(), std::size_t(text.size())), &why);
    if (!parsed) {
        *error = QStringLiteral("%1: not valid JSON: %2")
                     .arg(where, QString::fromStdString(why.message));
        return Invalid;
    }
    *out = std::move(*parsed);
    return Ok;
}

std::optional<Definition> loadWorkflow(const QString &path, bool validate, std::string *source,
                                       int *code, int *warnings)
{
    Diagnostics diags;
    std::optional<Definition> def;
    const ReadLimits limits;
    std::string text;
    if (path == QLatin1String("-")) {
        QByteArray bytes;
        if (!readStdin(&bytes, qint64(limits.maxBytes))) {
            diags.error("too-large", {"<stdin>", 0, 0},
                        "workflow definitions are limited to "
                            + std::to_string(limits.maxBytes / 1024) + " KiB");
        } else {
            text = bytes.toStdString();
            def = looksLikeAsl(text) ? readAsl(text, "<stdin>", diags, limits)
                                     : readYaml(text, "<stdin>", diags, limits);
        }
    } else {
        def = loadDefinitionFile(path.toStdString(), diags); // "FILE: error: no such file"
        if (def && source) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                printError(QStringLiteral("%1: cannot read it: %2").arg(path, f.errorString()));
                *code = Invalid;
                return std::nullopt;
            }
            text = f.read(qint64(limits.maxBytes) + 1).toStdString();
        }
    }
    if (def && validate)
        validateDefinition(*def, diags);
    printDiagnostics(diags.formatAll());
    if (warnings)
        *warnings = diags.warningCount();
    if (!def || diags.hasErrors()) {
        *code = path != QLatin1String("-") && !QFileInfo::exists(path) ? NotFound : Invalid;
        return std::nullopt;
    }
    if (source)
        *source = std::move(text);
    *code = Ok;
    return def;
}

int exitCodeFor(const ControlReply &reply)
{
    switch (reply.status) {
    case ControlReply::Status::Ok:
        return Ok;
    case ControlReply::Status::NoHost:
    case ControlReply::Status::Timeout:
        return NoHost;
    case ControlReply::Status::ProtocolError:
        return Internal;
    case ControlReply::Status::Refused:
        break;
    }
    // The engine's words for a missing execution (Engine operations, docs/engine.md).
    if (reply.error.startsWith(QLatin1String("no execution with id or name"))
        || reply.error.startsWith(QLatin1String("ExecutionDoesNotExist")))
        return NotFound;
    return Invalid;
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
    if (findCommand(QString::fromLocal8Bit(first)))
        return true;
    // A file to open in the GUI must exist; anything else is a mistyped command, which the
    // command line reports (a GUI start would fail without a display, or open a blank window).
    struct stat st;
    return ::stat(first, &st) != 0;
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
        printError(QStringLiteral("unknown command '%1' (see signalbox --help); to open a file "
                                  "in the app, name a file that exists")
                       .arg(name));
        return Usage;
    }
    QStringList rest = args.mid(2);
    rest.prepend(QStringLiteral("signalbox ") + name);
    try {
        return cmd->handler(rest);
    } catch (const std::exception &e) {
        printError(QStringLiteral("internal error: %1 (please report it)")
                       .arg(QString::fromUtf8(e.what())));
        return Internal;
    }
}

} // namespace Signalbox::Cli
