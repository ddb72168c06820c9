#include "executionview.h"

#include "cli.h"
#include "commands.h"
#include "dbpath.h"

#include "signalbox/jsonread.h"

#include <QCommandLineParser>

#include <QDateTime>
#include <QFileInfo>

namespace Signalbox::Cli {

int lookupExecution(const QStringList &args, const char *command, const QString &jsonHelp,
                    ExecutionLookup *out)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("EXEC"), QStringLiteral("Execution id or name."));
    const QCommandLineOption json(QStringLiteral("json"), jsonHelp);
    const QCommandLineOption db = databaseOption();
    parser.addOptions({json, db});
    int code = Ok;
    const QString name = QString::fromLatin1(command);
    if (!parseArguments(parser, args, *findCommand(name), &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("%1 takes one execution id or name (see signalbox %1 --help)")
                       .arg(name));
        return Usage;
    }
    const QString exec = parser.positionalArguments().constFirst();
    QString database;
    out->store = openDatabaseForReading(parser, db, &code, &database);
    if (!out->store)
        return code;
    const std::optional<ExecutionRecord> record = out->store->execution(exec.toStdString());
    if (!record) {
        printError(QStringLiteral("%1: no execution '%2' (see signalbox list)")
                       .arg(database, printable(exec)));
        return NotFound;
    }
    out->record = *record;
    out->json = parser.isSet(json);
    return -1;
}

std::unique_ptr<Store> openDatabaseForReading(const QCommandLineParser &parser,
                                              const QCommandLineOption &option, int *code,
                                              QString *database)
{
    QString error;
    const QString path = resolveDatabase(parser, option, &error);
    if (database)
        *database = path;
    if (path.isEmpty()) {
        printError(error);
        *code = Usage;
        return nullptr;
    }
    std::unique_ptr<Store> store = openForReading(path, &error);
    if (!store) {
        printError(error);
        *code = QFileInfo::exists(path) ? Invalid : NotFound;
    }
    return store;
}

std::unique_ptr<Store> openForReading(const QString &database, QString *error)
{
    if (database == QLatin1String(":memory:")) {
        *error = QStringLiteral(":memory: keeps nothing between commands; use --db FILE");
        return nullptr;
    }
    if (!QFileInfo::exists(database)) {
        *error = QStringLiteral("no database at %1; executions are stored there once a host has "
                                "run (`signalbox serve --db %1`, `signalbox run`, or the app)")
                     .arg(database);
        return nullptr;
    }
    return Store::open(database, Store::Mode::ReadOnly, error);
}

QString rfc3339(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString localTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 1000)
        return QStringLiteral("%1ms").arg(ms);
    if (ms < 60 * 1000)
        return QStringLiteral("%1s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return QStringLiteral("%1h %2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10,
                                                           QLatin1Char('0'));
    return QStringLiteral("%1d %2h").arg(s / 86400).arg((s % 86400) / 3600, 2, 10,
                                                        QLatin1Char('0'));
}

QString positionsText(const Json &positions)
{
    QStringList parts;
    if (!positions.is_array())
        return compactJson(positions);
    for (const Json &p : positions) {
        if (p.is_string()) {
            parts << printable(p.get<std::string>());
        } else if (p.is_object() && p.contains("state") && p["state"].is_string()) {
            const std::string frame = p.value("frame", std::string());
            const std::string state = p["state"].get<std::string>();
            parts << printable(frame.empty() ? state : frame + "/" + state);
        } else {
            parts << compactJson(p);
        }
    }
    return parts.join(QStringLiteral(", "));
}

QString compactJson(const Json &value, int maxChars)
{
    QString text = printable(writeJson(value));
    if (maxChars > 1 && text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

Json executionToJson(const ExecutionRecord &r, qint64 nowMs)
{
    const qint64 end = r.endedAtMs > 0 ? r.endedAtMs : nowMs;
    Json j = Json::object();
    j["id"] = r.id;
    j["name"] = r.name.empty() ? Json(nullptr) : Json(r.name);
    j["workflow"] = r.workflow;
    j["status"] = executionStatusName(r.status);
    j["positions"] = r.positions;
    j["input"] = r.input;
    j["output"] = r.output;
    j["error"] = r.error.empty() ? Json(nullptr) : Json(r.error);
    j["cause"] = r.cause.empty() ? Json(nullptr) : Json(r.cause);
    j["started_at"] = rfc3339(r.startedAtMs).toStdString();
    j["ended_at"] = r.endedAtMs > 0 ? Json(rfc3339(r.endedAtMs).toStdString()) : Json(nullptr);
    j["duration_ms"] = std::max<qint64>(0, end - r.startedAtMs);
    j["definition_hash"] = r.definitionHash;
    j["source_path"] = r.sourcePath;
    j["simulated"] = r.simulated;
    j["last_seq"] = r.lastSeq;
    return j;
}

Json waitToJson(const PendingWait &w)
{
    Json j = Json::object();
    j["frame"] = w.frame;
    j["state"] = w.state;
    j["event"] = w.event;
    j["kind"] = w.kind;
    j["since"] = rfc3339(w.sinceMs).toStdString();
    j["deadline"] = w.deadlineMs > 0 ? Json(rfc3339(w.deadlineMs).toStdString()) : Json(nullptr);
    if (w.data.is_object()) {
        for (const char *key : {"prompt", "form", "assignee"}) {
            if (w.data.contains(key))
                j[key] = w.data[key];
        }
    }
    return j;
}

QString textTable(const QStringList &header, const std::vector<QStringList> &rows)
{
    QList<int> widths;
    for (const QString &h : header)
        widths << h.size();
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], int(row[i].size()));
    }
    auto line = [&](const QStringList &cells) {
        QString out;
        for (int i = 0; i < cells.size() && i < widths.size(); ++i) {
            if (i + 1 < cells.size())
                out += cells[i].leftJustified(widths[i]) + QStringLiteral("  ");
            else
                out += cells[i];
        }
        return out.trimmed() + QLatin1Char('\n');
    };
    QString text = line(header);
    for (const QStringList &row : rows)
        text += line(row);
    return text;
}

} // namespace Signalbox::Cli
