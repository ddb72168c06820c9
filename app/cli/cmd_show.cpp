// `signalbox show EXEC`: one execution (by id or name) with its pending waits.
#include "cli.h"
#include "commands.h"
#include "dbpath.h"
#include "executionview.h"

#include "signalbox/jsonread.h"

#include <QCommandLineParser>
#include <QDateTime>

namespace Signalbox::Cli {

namespace {
QString indentedJson(const Json &value)
{
    QString text = QString::fromStdString(writeJson(value, 2));
    text.replace(QLatin1Char('\n'), QStringLiteral("\n  "));
    return QStringLiteral("  ") + text;
}
} // namespace

int cmdShow(const QStringList &args)
{
    ExecutionLookup found;
    const int code = lookupExecution(args, "show", QStringLiteral("Print a JSON object."), &found);
    if (code >= 0)
        return code;
    const ExecutionRecord *record = &found.record;
    const std::vector<PendingWait> waits = found.store->pendingWaits(record->id);
    Json object = executionToJson(*record, QDateTime::currentMSecsSinceEpoch());
    Json waiting = Json::array();
    for (const PendingWait &w : waits)
        waiting.push_back(waitToJson(w));
    object["waiting"] = waiting;

    if (found.json) {
        printOut(QString::fromStdString(writeJson(object, 2)) + QLatin1Char('\n'));
        return Ok;
    }
    auto str = [&](const char *key) {
        const Json &v = object[key];
        // Names, errors, causes and paths come from users: one line each, escaped.
        return v.is_string() ? printable(v.get<std::string>()) : QString();
    };
    QString text;
    text += QStringLiteral("Execution  %1\n").arg(str("id"));
    if (!record->name.empty())
        text += QStringLiteral("Name       %1\n").arg(str("name"));
    text += QStringLiteral("Workflow   %1%2\n")
                .arg(str("workflow"),
                     record->simulated ? QStringLiteral(" (simulated)") : QString());
    text += QStringLiteral("Status     %1\n").arg(str("status"));
    text += QStringLiteral("Started    %1\n").arg(localTime(record->startedAtMs));
    if (record->endedAtMs > 0)
        text += QStringLiteral("Ended      %1\n").arg(localTime(record->endedAtMs));
    text += QStringLiteral("Duration   %1\n")
                .arg(formatDuration(object["duration_ms"].get<qint64>()));
    if (!record->positions.empty())
        text += QStringLiteral("Positions  %1\n").arg(positionsText(record->positions));
    if (!record->error.empty())
        text += QStringLiteral("Error      %1\n").arg(str("error"));
    if (!record->cause.empty())
        text += QStringLiteral("Cause      %1\n").arg(str("cause"));
    if (!record->sourcePath.empty())
        text += QStringLiteral("File       %1\n").arg(str("source_path"));
    for (const PendingWait &w : waits) {
        const QString prompt
            = w.data.is_object() && w.data.contains("prompt") && w.data["prompt"].is_string()
                  ? printable(w.data["prompt"].get<std::string>())
                  : QString();
        text
            += QStringLiteral("Waiting    %1 for %2 '%3' since %4%5\n")
                   .arg(printable(w.frame.empty() ? w.state : w.frame + "/" + w.state),
                        printable(w.kind), printable(w.event),
                        localTime(w.sinceMs),
                        prompt.isEmpty() ? QString() : QStringLiteral(": ") + prompt);
    }
    text += QStringLiteral("Input\n%1\n").arg(indentedJson(record->input));
    if (!record->output.is_null())
        text += QStringLiteral("Output\n%1\n").arg(indentedJson(record->output));
    printOut(text);
    return Ok;
}

} // namespace Signalbox::Cli
