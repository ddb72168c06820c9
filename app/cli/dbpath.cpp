#include "dbpath.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <sys/stat.h>

namespace Signalbox::Cli {

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QStringLiteral("Database file (default: %1).")
                                  .arg(QDir::toNativeSeparators(defaultDatabasePath())),
                              QStringLiteral("PATH"));
}

bool makePrivatePath(const QString &dir)
{
    const QString clean = QDir::cleanPath(QDir(dir).absolutePath());
    if (QFileInfo(clean).isDir())
        return true;
    const QString parent = QFileInfo(clean).absolutePath();
    if (parent != clean && !makePrivatePath(parent))
        return false;
    return ::mkdir(QFile::encodeName(clean).constData(), 0700) == 0 || errno == EEXIST;
}

QString defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    makePrivatePath(dir);
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
