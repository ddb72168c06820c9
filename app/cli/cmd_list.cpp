// `signalbox list`: the executions in a database, newest first, as a table or a JSON array.
#include "cli.h"
#include "commands.h"
#include "dbpath.h"
#include "executionview.h"

#include <QCommandLineParser>
#include "signalbox/jsonread.h"

#include <QDateTime>
#include <QFileInfo>

namespace Signalbox::Cli {

namespace {
QString elide(const QString &text, int max)
{
    return text.size() > max ? text.left(max - 1) + QChar(0x2026) : text;
}

bool readCount(const QCommandLineParser &parser, const QCommandLineOption &option, int *value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    *value = parser.value(option).toInt(&ok);
    if (!ok || *value < 0) {
        printError(QStringLiteral("--%1 needs a whole number of 0 or more, not '%2'")
                       .arg(option.names().constFirst(), parser.value(option)));
        return false;
    }
    return true;
}
} // namespace

int cmdList(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("Only executions with this status (RUNNING, "
                                                   "WAITING, SUCCEEDED, FAILED, CANCELLED, "
                                                   "TIMED_OUT)."),
                                    QStringLiteral("S"));
    const QCommandLineOption workflow(QStringLiteral("workflow"),
                                      QStringLiteral("Only executions of this workflow."),
                                      QStringLiteral("W"));
    const QCommandLineOption search(QStringLiteral("search"),
                                    QStringLiteral("Only executions whose id, name, workflow or "
                                                   "input contains TEXT."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("At most N executions (default 100, 0 = all)."),
                                   QStringLiteral("N"));
    const QCommandLineOption offset(QStringLiteral("offset"),
                                    QStringLiteral("Skip the N newest matches."),
                                    QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    const QCommandLineOption db = databaseOption();
    parser.addOptions({status, workflow, search, limit, offset, json, db});
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("list")), &code))
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("list takes no arguments; filter with --status, --workflow or "
                                  "--search"));
        return Usage;
    }
    ExecutionFilter filter;
    if (parser.isSet(status)) {
        filter.status = executionStatusFromName(parser.value(status).toStdString());
        if (!filter.status) {
            printError(QStringLiteral("unknown status '%1' (use RUNNING, WAITING, SUCCEEDED, "
                                      "FAILED, CANCELLED or TIMED_OUT)")
                           .arg(parser.value(status)));
            return Usage;
        }
    }
    filter.workflow = parser.value(workflow).toStdString();
    filter.search = parser.value(search).toStdString();
    if (!readCount(parser, limit, &filter.limit) || !readCount(parser, offset, &filter.offset))
        return Usage;

    const std::unique_ptr<Store> store = openDatabaseForReading(parser, db, &code);
    if (!store)
        return code;
    const std::vector<ExecutionRecord> records = store->listExecutions(filter);
    if (!store->lastError().isEmpty()) {
        printError(store->lastError());
        return Invalid;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(json)) {
        Json array = Json::array();
        for (const ExecutionRecord &r : records)
            array.push_back(executionToJson(r, now));
        printOut(QString::fromStdString(writeJson(array, 2)) + QLatin1Char('\n'));
        return Ok;
    }
    if (records.empty()) {
        printOut(QStringLiteral("No executions.\n"));
        return Ok;
    }
    std::vector<QStringList> rows;
    for (const ExecutionRecord &r : records) {
        const qint64 end = r.endedAtMs > 0 ? r.endedAtMs : now;
        // Names and workflow names come from users: escaped, so a row stays one row.
        rows.push_back({printable(r.id), elide(printable(r.name), 32),
                        elide(printable(r.workflow), 32),
                        QString::fromLatin1(executionStatusName(r.status)),
                        localTime(r.startedAtMs), formatDuration(end - r.startedAtMs),
                        elide(positionsText(r.positions), 60)});
    }
    QString text
        = textTable({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("WORKFLOW"),
                     QStringLiteral("STATUS"), QStringLiteral("STARTED"),
                     QStringLiteral("DURATION"), QStringLiteral("POSITIONS")},
                    rows);
    const int total = store->countExecutions(filter);
    const int shown = filter.offset + int(records.size());
    if (total > shown)
        text += QStringLiteral("(%1 more; use --limit or --offset)\n").arg(total - shown);
    printOut(text);
    return Ok;
}

} // namespace Signalbox::Cli
