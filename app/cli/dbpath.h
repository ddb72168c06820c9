// Which database a command works on: `--db PATH` on every command, else the user's data folder
// (QStandardPaths::AppDataLocation)/signalbox.db, whose folder is created on first use, private
// to the user (0700, as is every folder Signalbox creates on the way).
#pragma once

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

namespace Signalbox::Cli {

// The --db option, with the default shown in --help.
QCommandLineOption databaseOption();
// AppDataLocation/signalbox.db (the folder is created with makePrivatePath()).
QString defaultDatabasePath();
// Creates `dir` and each missing folder above it with mode 0700 (existing ones are left as
// they are); true when `dir` exists afterwards.
bool makePrivatePath(const QString &dir);
// The database chosen on the command line (`option` from databaseOption()); an empty --db value
// gives "" and a message in `error`.
QString resolveDatabase(const QCommandLineParser &parser, const QCommandLineOption &option,
                        QString *error);

} // namespace Signalbox::Cli
