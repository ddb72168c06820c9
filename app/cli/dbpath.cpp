#include "dbpath.h"

#include "signalbox/store.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace Signalbox::Cli {

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QStringLiteral("Database file (default: %1).")
                                  .arg(QDir::toNativeSeparators(defaultDatabasePath())),
                              QStringLiteral("PATH"));
}

QString defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    makePrivateFolder(dir);
    return QDir(dir).filePath(QStringLiteral("signalbox.db"));
}

QString resolveDatabase(const QCommandLineParser &parser, const QCommandLineOption &option,
                        QString *error)
{
    if (!parser.isSet(option))
        return defaultDatabasePath();
    const QString value = parser.value(option);
    if (value.trimmed().isEmpty()) {
        *error = QStringLiteral("--db needs a database path");
        return {};
    }
    return value;
}

} // namespace Signalbox::Cli
