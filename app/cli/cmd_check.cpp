// `signalbox check`: is the database sound? SQLite's full integrity_check, then every
// execution's history replayed and compared with what the database says about it
// (checkDatabase(), store.h). Reads only, so it runs beside a host; exit 1 with the findings.
#include "cli.h"
#include "commands.h"
#include "dbpath.h"
#include "executionview.h"

#include "signalbox/store.h"

#include <QCommandLineParser>

namespace Signalbox::Cli {

int cmdCheck(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption db = databaseOption();
    const QCommandLineOption max(QStringLiteral("max"),
                                 QStringLiteral("Stop after N findings (default 100)."),
                                 QStringLiteral("N"), QStringLiteral("100"));
    parser.addOptions({db, max});
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("check")), &code))
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("check takes no arguments besides --db and --max"));
        return Usage;
    }
    bool numeric = false;
    const int maxFindings = parser.value(max).toInt(&numeric);
    if (!numeric || maxFindings < 1) {
        printError(QStringLiteral("--max needs a positive number"));
        return Usage;
    }
    QString database;
    std::unique_ptr<Store> store = openDatabaseForReading(parser, db, &code, &database);
    if (!store)
        return code;
    int checked = 0;
    const QStringList findings = checkDatabase(*store, maxFindings, &checked);
    if (findings.isEmpty()) {
        printOut(QStringLiteral("%1: ok (integrity check passed; %2 executions replayed and "
                                "matching)\n")
                     .arg(database)
                     .arg(checked));
        return Ok;
    }
    QString text;
    for (const QString &f : findings)
        text += QStringLiteral("%1: %2\n").arg(database, f);
    printOut(text);
    printError(QStringLiteral("%1 has %2 problem(s); restore a backup (`signalbox backup` makes "
                              "one) or keep this file for investigation")
                   .arg(database)
                   .arg(findings.size()));
    return Invalid;
}

} // namespace Signalbox::Cli
