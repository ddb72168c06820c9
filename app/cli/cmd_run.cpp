// `signalbox run FILE` and `signalbox resume EXEC`: host one execution in the foreground until it
// ends, then print one JSON object on stdout (progress goes to stderr).
#include "commands.h"
#include "dbpath.h"
#include "host.h"

#include "signalbox/codecs.h"
#include "signalbox/executionname.h"
#include "signalbox/validator.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace Signalbox::Cli {

namespace {

QCommandLineOption dbOption()
{
    return QCommandLineOption(
        QStringLiteral("db"),
        QStringLiteral("Database file, or :memory: (default: %1).").arg(defaultDatabasePath()),
        QStringLiteral("PATH"));
}

} // namespace

int cmdRun(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Workflow (YAML or ASL); - reads standard input."));
    const QCommandLineOption input(QStringLiteral("input"),
                                   QStringLiteral("Input JSON, @file to read it from a file, or - "
                                                  "to read it from standard input."),
                                   QStringLiteral("JSON"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Execution name: one name, one execution."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption simulate(
        QStringLiteral("simulate"), QStringLiteral("Tasks return their mock; waits take no time."));
    const QCommandLineOption db = dbOption();
    parser.addOptions({input, name, simulate, db});
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("run")), &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("run takes one workflow FILE (see signalbox run --help)"));
        return Usage;
    }
    const QString given = parser.positionalArguments().constFirst();
    const bool fromStdin = given == QLatin1String("-");
    if (fromStdin && parser.value(input) == QLatin1String("-")) {
        printError(QStringLiteral("the workflow and --input cannot both come from standard input"));
        return Usage;
    }
    // Tasks of a workflow read from standard input run in the current folder.
    const QString file = fromStdin ? QString() : QFileInfo(given).absoluteFilePath();
    if (parser.isSet(name)) {
        if (const std::string why = executionNameProblem(parser.value(name).toStdString());
            !why.empty()) {
            printError(QStringLiteral("--name: %1").arg(QString::fromStdString(why)));
            return Invalid;
        }
    }
    Json in = Json::object();
    if (parser.isSet(input)) {
        QString why;
        if (const int c = readJsonArgument(QStringLiteral("input"), parser.value(input), &in, &why);
            c != Ok) {
            printError(why);
            return c;
        }
    }
    std::string source;
    const std::optional<Definition> def
        = loadWorkflow(fromStdin ? given : file, true, &source, &code);
    if (!def)
        return code;

    Host host;
    QString why;
    const QString database = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
    if (!host.open(database, &why)) {
        printError(why);
        return Invalid;
    }
    OperationResult r = host.engine().start(
        *def, source, file, in, parser.value(name).toStdString(), parser.isSet(simulate));
    if (!r.ok) {
        printError(QString::fromStdString(r.error));
        return Invalid;
    }
    QTextStream(stderr) << "signalbox: execution " << printable(r.executionId)
                        << (r.value.value("existing", false) ? " (existing)" : "") << '\n';
    host.showProgress(r.executionId);
    host.engine().flush();
    host.waitFor(r.executionId);
    return printExecutionResult(host.engine(), r.executionId);
}

int cmdResume(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("EXEC"), QStringLiteral("Execution id or name."));
    const QCommandLineOption db = dbOption();
    parser.addOption(db);
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("resume")), &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("resume takes one execution id or name"));
        return Usage;
    }
    const std::string exec = parser.positionalArguments().constFirst().toStdString();
    Host host;
    QString why;
    const QString database = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
    if (database == QLatin1String(":memory:")) {
        printError(QStringLiteral("resume needs a database file (:memory: keeps nothing)"));
        return Usage;
    }
    if (!QFileInfo::exists(database)) {
        printError(QStringLiteral("%1: no such database").arg(database));
        return NotFound;
    }
    if (!host.open(database, &why)) {
        printError(why);
        return Invalid;
    }
    std::optional<ExecutionRecord> rec = host.engine().store()->execution(exec);
    if (!rec) {
        printError(QStringLiteral("%1: no execution with id or name '%2'")
                       .arg(database, printable(exec)));
        return NotFound;
    }
    host.showProgress(rec->id);
    host.waitFor(rec->id);
    return printExecutionResult(host.engine(), rec->id);
}

} // namespace Signalbox::Cli
