// The commands that change executions: start, approve, reject, send-event, complete, heartbeat,
// cancel and redrive. They validate their arguments here, then send one request to the host of the
// database over the control socket (control.h documents the requests) and print its answer.
#include "cli.h"
#include "commands.h"
#include "dbpath.h"

#include "signalbox/control.h"
#include "signalbox/executionname.h"
#include "signalbox/jsonread.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <pwd.h>
#include <unistd.h>

namespace Signalbox::Cli {

namespace {

// Who approves, rejects or cancels: the OS user name.
QString operatorName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty()) {
        if (const passwd *pw = ::getpwuid(::getuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    }
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

// Parses args, resolves --db; false with `code` set when the command should stop.
struct Parsed
{
    QCommandLineParser parser;
    QString database;
};

bool parse(Parsed &p, const QStringList &args, const char *name,
           const QList<QCommandLineOption> &options, qsizetype minArgs, qsizetype maxArgs,
           int *code)
{
    const QCommandLineOption db = databaseOption();
    p.parser.addOptions(options);
    p.parser.addOption(db);
    const Command &cmd = *findCommand(QString::fromLatin1(name));
    if (!parseArguments(p.parser, args, cmd, code))
        return false;
    const qsizetype n = p.parser.positionalArguments().size();
    if (n < minArgs || n > maxArgs) {
        printError(QStringLiteral("usage: signalbox %1 %2 (see signalbox %1 --help)")
                       .arg(QString::fromLatin1(name), QString::fromUtf8(cmd.synopsis)));
        *code = Usage;
        return false;
    }
    QString error;
    p.database = resolveDatabase(p.parser, db, &error);
    if (p.database.isEmpty()) {
        printError(error);
        *code = Usage;
        return false;
    }
    return true;
}

// Sends the request and prints the answer: the execution id for start, else the result as one
// line of JSON (nothing when the result is empty).
int send(const QString &database, const Json &request, bool printIdOnly = false)
{
    const ControlReply reply = ControlClient(database).send(request);
    if (!reply.ok()) {
        printError(reply.error);
        return exitCodeFor(reply);
    }
    if (printIdOnly && reply.result.is_object() && reply.result.contains("execution_id")
        && reply.result["execution_id"].is_string()) {
        printOut(printable(reply.result["execution_id"].get<std::string>()) + QLatin1Char('\n'));
        if (reply.result.value("existing", false))
            QTextStream(stderr) << "signalbox: this name, workflow and input already started "
                                   "this execution, which is still open; this is its id\n";
        return Ok;
    }
    if (!reply.result.is_null() && !(reply.result.is_object() && reply.result.empty()))
        printOut(QString::fromStdString(writeJson(reply.result)) + QLatin1Char('\n'));
    return Ok;
}

QCommandLineOption jsonOption(const char *name, const char *help)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help),
                              QStringLiteral("JSON"));
}

int approveOrReject(const QStringList &args, const char *name)
{
    Parsed p;
    const QCommandLineOption comment(QStringLiteral("comment"),
                                     QStringLiteral("A comment recorded with the decision."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption field(QStringLiteral("field"),
                                   QStringLiteral("A form field; VALUE is JSON when it parses "
                                                  "(42, true, \"x\"), else text. Repeatable."),
                                   QStringLiteral("KEY=VALUE"));
    int code = Ok;
    if (!parse(p, args, name, {comment, field}, 1, 2, &code))
        return code;
    Json fields = Json::object();
    for (const QString &f : p.parser.values(field)) {
        const qsizetype eq = f.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printError(QStringLiteral("--field needs KEY=VALUE, not '%1'").arg(f));
            return Usage;
        }
        const QByteArray value = f.mid(eq + 1).toUtf8();
        std::optional<Json> parsed
            = readJson(std::string_view(value.constData(), std::size_t(value.size())));
        fields[f.left(eq).toStdString()] = parsed ? std::move(*parsed) : Json(value.toStdString());
    }
    const QStringList pos = p.parser.positionalArguments();
    Json request{{"command", name}, {"execution", pos.at(0).toStdString()}};
    if (pos.size() > 1)
        request["state"] = pos.at(1).toStdString();
    request["comment"] = p.parser.value(comment).toStdString();
    request["fields"] = fields;
    request["by"] = operatorName().toStdString();
    return send(p.database, request);
}

} // namespace

int cmdStart(const QStringList &args)
{
    Parsed p;
    p.parser.addPositionalArgument(QStringLiteral("FILE"),
                                   QStringLiteral("Workflow (YAML or ASL)."));
    const QCommandLineOption input = jsonOption("input", "Input JSON, @file, or - for standard "
                                                         "input.");
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Execution name: one name, one execution."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption simulate(QStringLiteral("simulate"),
                                      QStringLiteral("Tasks return their mock; waits take no "
                                                     "time."));
    int code = Ok;
    if (!parse(p, args, "start", {input, name, simulate}, 1, 1, &code))
        return code;
    if (p.parser.positionalArguments().constFirst() == QLatin1String("-")) {
        printError(QStringLiteral("start sends the host a file to read; - (standard input) works "
                                  "with run, not start"));
        return Usage;
    }
    const QFileInfo file(p.parser.positionalArguments().constFirst());
    if (!file.isFile() || !file.isReadable()) {
        printError(QStringLiteral("%1: no such readable workflow file").arg(file.filePath()));
        return file.exists() ? Invalid : NotFound;
    }
    const std::string executionName = p.parser.value(name).toStdString();
    if (p.parser.isSet(name)) {
        if (const std::string why = executionNameProblem(executionName); !why.empty()) {
            printError(QStringLiteral("--name: %1").arg(QString::fromStdString(why)));
            return Invalid;
        }
    }
    Json request{{"command", "start"}, {"file", file.absoluteFilePath().toStdString()}};
    Json in = Json::object();
    QString error;
    if (p.parser.isSet(input)) {
        if (const int c = readJsonArgument(QStringLiteral("input"), p.parser.value(input), &in,
                                           &error);
            c != Ok) {
            printError(error);
            return c;
        }
    }
    request["input"] = in;
    if (p.parser.isSet(name))
        request["name"] = executionName;
    if (p.parser.isSet(simulate))
        request["simulate"] = true;
    request["by"] = operatorName().toStdString();
    return send(p.database, request, true);
}

int cmdApprove(const QStringList &args)
{
    return approveOrReject(args, "approve");
}

int cmdReject(const QStringList &args)
{
    return approveOrReject(args, "reject");
}

int cmdSendEvent(const QStringList &args)
{
    Parsed p;
    const QCommandLineOption payload = jsonOption("payload", "Event payload JSON, @file, or - for "
                                                             "standard input.");
    int code = Ok;
    if (!parse(p, args, "send-event", {payload}, 2, 2, &code))
        return code;
    Json value; // null when absent
    QString error;
    if (p.parser.isSet(payload)) {
        if (const int c = readJsonArgument(QStringLiteral("payload"), p.parser.value(payload),
                                           &value, &error);
            c != Ok) {
            printError(error);
            return c;
        }
    }
    const QStringList pos = p.parser.positionalArguments();
    return send(p.database, {{"command", "send-event"},
                             {"execution", pos.at(0).toStdString()},
                             {"event", pos.at(1).toStdString()},
                             {"payload", value},
                             {"by", operatorName().toStdString()}});
}

int cmdComplete(const QStringList &args)
{
    Parsed p;
    const QCommandLineOption output = jsonOption("output", "The activity's result JSON, @file, or "
                                                           "- for standard input.");
    const QCommandLineOption errorName(QStringLiteral("error"),
                                       QStringLiteral("Fail the activity with this error name."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption cause(QStringLiteral("cause"),
                                   QStringLiteral("Why it failed (with --error)."),
                                   QStringLiteral("TEXT"));
    int code = Ok;
    if (!parse(p, args, "complete", {output, errorName, cause}, 2, 2, &code))
        return code;
    if (p.parser.isSet(output) && p.parser.isSet(errorName)) {
        printError(QStringLiteral("complete takes --output or --error, not both"));
        return Usage;
    }
    if (p.parser.isSet(cause) && !p.parser.isSet(errorName)) {
        printError(QStringLiteral("--cause goes with --error NAME"));
        return Usage;
    }
    const QStringList pos = p.parser.positionalArguments();
    Json request{{"command", "complete"},
                 {"execution", pos.at(0).toStdString()},
                 {"state", pos.at(1).toStdString()}};
    if (p.parser.isSet(errorName)) {
        if (p.parser.value(errorName).trimmed().isEmpty()) {
            printError(QStringLiteral("--error needs an error name, e.g. Payment.Declined"));
            return Usage;
        }
        request["error"] = p.parser.value(errorName).toStdString();
        request["cause"] = p.parser.value(cause).toStdString();
    } else {
        Json value;
        QString error;
        if (p.parser.isSet(output)) {
            if (const int c = readJsonArgument(QStringLiteral("output"), p.parser.value(output),
                                               &value, &error);
                c != Ok) {
                printError(error);
                return c;
            }
        }
        request["output"] = value;
    }
    request["by"] = operatorName().toStdString();
    return send(p.database, request);
}

int cmdHeartbeat(const QStringList &args)
{
    Parsed p;
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("Name the task by its token "
                                                  "(SIGNALBOX_TASK_TOKEN) instead of EXEC STATE."),
                                   QStringLiteral("TOKEN"));
    int code = Ok;
    if (!parse(p, args, "heartbeat", {token}, 0, 2, &code))
        return code;
    const QStringList pos = p.parser.positionalArguments();
    Json request{{"command", "heartbeat"}, {"by", operatorName().toStdString()}};
    if (p.parser.isSet(token)) {
        if (!pos.isEmpty()) {
            printError(QStringLiteral("heartbeat takes EXEC [STATE] or --token TOKEN, not both"));
            return Usage;
        }
        if (p.parser.value(token).trimmed().isEmpty()) {
            printError(QStringLiteral("--token needs a task token"));
            return Usage;
        }
        request["token"] = p.parser.value(token).toStdString();
    } else {
        if (pos.isEmpty()) {
            printError(QStringLiteral("heartbeat needs EXEC [STATE] or --token TOKEN "
                                      "(see signalbox heartbeat --help)"));
            return Usage;
        }
        request["execution"] = pos.at(0).toStdString();
        if (pos.size() > 1)
            request["state"] = pos.at(1).toStdString();
    }
    return send(p.database, request);
}

int cmdCancel(const QStringList &args)
{
    Parsed p;
    const QCommandLineOption reason(QStringLiteral("reason"),
                                    QStringLiteral("Why it is cancelled (recorded)."),
                                    QStringLiteral("TEXT"));
    int code = Ok;
    if (!parse(p, args, "cancel", {reason}, 1, 1, &code))
        return code;
    Json request{{"command", "cancel"},
                 {"execution", p.parser.positionalArguments().constFirst().toStdString()},
                 {"by", operatorName().toStdString()}};
    if (p.parser.isSet(reason))
        request["reason"] = p.parser.value(reason).toStdString();
    return send(p.database, request);
}

int cmdRedrive(const QStringList &args)
{
    Parsed p;
    const QCommandLineOption input = jsonOption("input", "Patched input JSON, @file, or - for "
                                                         "standard input.");
    const QCommandLineOption file(QStringLiteral("file"),
                                  QStringLiteral("Continue on this (newer) version of the "
                                                 "workflow."),
                                  QStringLiteral("FILE"));
    int code = Ok;
    if (!parse(p, args, "redrive", {input, file}, 1, 1, &code))
        return code;
    Json request{{"command", "redrive"},
                 {"execution", p.parser.positionalArguments().constFirst().toStdString()},
                 {"by", operatorName().toStdString()}};
    if (p.parser.isSet(input)) {
        Json value;
        QString error;
        if (const int c = readJsonArgument(QStringLiteral("input"), p.parser.value(input), &value,
                                           &error);
            c != Ok) {
            printError(error);
            return c;
        }
        request["input"] = value;
    }
    if (p.parser.isSet(file)) {
        const QFileInfo info(p.parser.value(file));
        if (!info.isFile() || !info.isReadable()) {
            printError(QStringLiteral("%1: no such readable workflow file").arg(info.filePath()));
            return info.exists() ? Invalid : NotFound;
        }
        request["file"] = info.absoluteFilePath().toStdString();
    }
    return send(p.database, request);
}

} // namespace Signalbox::Cli
