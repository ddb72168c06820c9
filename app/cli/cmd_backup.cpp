// `signalbox backup DEST`: a consistent copy of the database with SQLite's online backup API,
// read-only from the file (Store::backupTo): the copy is one read transaction, so it is the
// state of one commit even while a host keeps writing (WAL lets both go on). The host is not
// asked over the socket; it needs to know nothing about backups.
#include "cli.h"
#include "commands.h"
#include "dbpath.h"
#include "executionview.h"

#include "signalbox/store.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace Signalbox::Cli {

int cmdBackup(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DEST"),
                                 QStringLiteral("The copy to create (must not exist)."));
    const QCommandLineOption db = databaseOption();
    parser.addOption(db);
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("backup")), &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("backup takes one DEST file (see signalbox backup --help)"));
        return Usage;
    }
    const QString destination = parser.positionalArguments().constFirst();
    if (QFileInfo(destination).exists() || QFileInfo(destination).isSymLink()) {
        printError(QStringLiteral("%1 already exists; backup never overwrites a file")
                       .arg(destination));
        return Invalid;
    }
    QString database;
    std::unique_ptr<Store> store = openDatabaseForReading(parser, db, &code, &database);
    if (!store)
        return code;
    QString why;
    if (!store->backupTo(destination, &why)) {
        printError(why);
        return Invalid;
    }
    std::unique_ptr<Store> copy = Store::open(destination, Store::Mode::ReadOnly, &why);
    if (!copy) {
        printError(QStringLiteral("the copy %1 cannot be read back: %2").arg(destination, why));
        return Invalid;
    }
    printOut(QStringLiteral("%1: %2 executions copied to %3\n")
                 .arg(database)
                 .arg(copy->countExecutions())
                 .arg(destination));
    return Ok;
}

} // namespace Signalbox::Cli
