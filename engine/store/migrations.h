// Schema migrations: the numbered SQL scripts under engine/store/schema/ (0001_init.sql, ...),
// compiled in as Qt resources under :/signalbox/schema/. The number before the first '_' is the
// schema version the script produces; PRAGMA user_version records the version a database has.
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace Signalbox {

struct Migration
{
    int version = 0;
    QString fileName; // e.g. "0001_init.sql"
    QByteArray sql;
};

// All compiled-in migrations sorted by version. `error` is set (and the list is empty) when the
// scripts are not numbered 1..N without gaps, which is a build mistake, not a user error.
std::vector<Migration> loadMigrations(QString *error);

// PRAGMA application_id of every Signalbox database ("SGBX").
constexpr int applicationId = 0x53474258;

} // namespace Signalbox
