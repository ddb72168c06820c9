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
// AppDataLocation/signalbox.db (the folder is created with makePrivateFolder(), store.h).
QString defaultDatabasePath();
// The database chosen on the command line (`option` from databaseOption()); an empty --db value
// gives "" and a message in `error`.
QString resolveDatabase(const QCommandLineParser &parser, const QCommandLineOption &option,
                        QString *error);

} // namespace Signalbox::Cli
