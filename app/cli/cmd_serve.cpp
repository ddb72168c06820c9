// `signalbox serve`: a headless host for one database until SIGINT/SIGTERM.
#include "commands.h"
#include "dbpath.h"
#include "host.h"

#include "signalbox/store.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace Signalbox::Cli {

int cmdServe(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Database file (default: %1).").arg(defaultDatabasePath()),
        QStringLiteral("PATH"));
    parser.addOption(db);
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("serve")), &code))
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("serve takes no arguments besides --db"));
        return Usage;
    }
    const QString database = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
    Host host;
    QString why;
    if (!host.open(database, &why)) {
        printError(why);
        return Invalid;
    }
    host.showProgress({});
    QTextStream(stderr) << "signalbox: serving " << printable(database) << " ("
                        << host.engine().liveExecutions()
                        << " unfinished executions resumed); stop with Ctrl+C\n";
    return host.serveUntilSignal() ? Ok : Invalid;
}

} // namespace Signalbox::Cli
