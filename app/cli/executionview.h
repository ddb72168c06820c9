// How the read-only commands (list, show, history) present the store: opening it read-only with
// messages a person can act on, executions as JSON objects, times, durations and text tables.
#pragma once

#include "signalbox/store.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QCommandLineOption;
class QCommandLineParser;

namespace Signalbox::Cli {

// Opens `database` read-only (works while a host writes to it). nullptr with a message when the
// file is missing, corrupt, not ours, newer or older than this build.
std::unique_ptr<Store> openForReading(const QString &database, QString *error);
// The --db option resolved and opened with openForReading(); on failure prints why and sets
// *code (Usage for a bad --db, NotFound for a missing file, Invalid for one that cannot be
// read). `database` receives the resolved path when given.
std::unique_ptr<Store> openDatabaseForReading(const QCommandLineParser &parser,
                                              const QCommandLineOption &option, int *code,
                                              QString *database = nullptr);

// What `show` and `history` share: `signalbox NAME EXEC [--json] [--db PATH]` parsed, the
// database opened read-only and EXEC (id or name) found in it.
struct ExecutionLookup
{
    std::unique_ptr<Store> store;
    ExecutionRecord record;
    bool json = false;
};
// Returns -1 when `out` is ready, else the exit code to return (help shown, usage error, missing
// database or execution; the message is printed).
int lookupExecution(const QStringList &args, const char *command, const QString &jsonHelp,
                    ExecutionLookup *out);

// {id, name, workflow, status, positions, input, output, error, cause, started_at, ended_at,
//  duration_ms, definition_hash, source_path, simulated, last_seq}; times RFC 3339 (UTC, ms),
// ended_at null while running, name null when unnamed.
Json executionToJson(const ExecutionRecord &record, qint64 nowMs);
// One pending wait as JSON: {frame, state, event, kind, since, deadline, prompt, form, assignee}.
Json waitToJson(const PendingWait &wait);

QString rfc3339(qint64 msSinceEpoch);         // "2026-11-25T14:42:18.123Z"
QString localTime(qint64 msSinceEpoch);       // "2026-11-25 15:42:18" in the local time zone
QString formatDuration(qint64 ms);            // "850ms", "12.3s", "4m 05s", "2h 03m", "3d 04h"
QString positionsText(const Json &positions); // "review, fan-out[1]/charge"
QString compactJson(const Json &value, int maxChars = 0); // one line, elided past maxChars

// A plain text table: a header row, then rows; columns separated by two spaces, padded.
QString textTable(const QStringList &header, const std::vector<QStringList> &rows);

} // namespace Signalbox::Cli
