// `signalbox run FILE` and `signalbox resume EXEC`: host one execution in the foreground until it
// ends, then print one JSON object on stdout (progress goes to stderr).
#include "commands.h"
#include "dbpath.h"
#include "host.h"

#include "signalbox/codecs.h"
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

// JSON text or @file; false with a message.
bool readInput(const QString &value, Json *out, QString *error)
{
    QByteArray text = value.toUtf8();
    if (value.startsWith(QLatin1Char('@'))) {
        QFile f(value.mid(1));
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read input file %1: %2")
                         .arg(value.mid(1), f.errorString());
            return false;
        }
        text = f.readAll();
    }
    try {
        *out = Json::parse(text.toStdString());
    } catch (const Json::parse_error &e) {
        *error = QStringLiteral("--input is not valid JSON (byte %1): %2")
                     .arg(qulonglong(e.byte))
                     .arg(QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

} // namespace

int cmdRun(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Workflow (YAML or ASL)."));
    const QCommandLineOption input(QStringLiteral("input"),
                                   QStringLiteral("Input JSON, or @file to read it from a file."),
                                   QStringLiteral("JSON"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Idempotent execution name."),
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
    const QString file = QFileInfo(parser.positionalArguments().constFirst()).absoluteFilePath();
    Json in = Json::object();
    if (parser.isSet(input)) {
        QString why;
        if (!readInput(parser.value(input), &in, &why)) {
            printError(why);
            return Invalid;
        }
    }
    Diagnostics diags;
    std::optional<Definition> def = loadDefinitionFile(file.toStdString(), diags);
    if (def)
        validateDefinition(*def, diags);
    if (!def || diags.hasErrors()) {
        QTextStream(stderr) << QString::fromStdString(diags.formatAll());
        return Invalid;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
        return Invalid;
    }
    const std::string source = f.readAll().toStdString();

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
    QTextStream(stderr) << "signalbox: execution " << QString::fromStdString(r.executionId)
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
        printError(QStringLiteral("no database at %1").arg(database));
        return Invalid;
    }
    if (!host.open(database, &why)) {
        printError(why);
        return Invalid;
    }
    std::optional<ExecutionRecord> rec = host.engine().store()->execution(exec);
    if (!rec) {
        printError(QStringLiteral("no execution with id or name '%1' in %2")
                       .arg(QString::fromStdString(exec), database));
        return Invalid;
    }
    host.showProgress(rec->id);
    host.waitFor(rec->id);
    return printExecutionResult(host.engine(), rec->id);
}

} // namespace Signalbox::Cli
