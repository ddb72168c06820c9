// `signalbox history EXEC`: the event history of one execution, one line per event or JSON.
#include "cli.h"
#include "commands.h"
#include "dbpath.h"
#include "executionview.h"

#include "signalbox/jsonread.h"

#include <QCommandLineParser>

namespace Signalbox::Cli {

int cmdHistory(const QStringList &args)
{
    ExecutionLookup found;
    const int code
        = lookupExecution(args, "history", QStringLiteral("Print a JSON array of events."), &found);
    if (code >= 0)
        return code;
    const std::vector<HistoryEvent> events = found.store->history(found.record.id);
    if (found.json) {
        Json array = Json::array();
        for (const HistoryEvent &e : events)
            array.push_back(eventToJson(e));
        printOut(QString::fromStdString(writeJson(array, 2)) + QLatin1Char('\n'));
        return Ok;
    }
    // seq, time, type, where, data: one line each, data elided so lines stay readable.
    QString text;
    const int seqWidth = int(QString::number(events.empty() ? 0 : events.back().seq).size());
    for (const HistoryEvent &e : events) {
        const std::string where = e.frame.empty()   ? e.state
                                  : e.state.empty() ? e.frame
                                                    : e.frame + "/" + e.state;
        QString line = QStringLiteral("%1  %2  %3")
                           .arg(e.seq, seqWidth)
                           .arg(rfc3339(e.atMs))
                           .arg(QString::fromLatin1(eventTypeName(e.type)), -18);
        if (!where.empty())
            line += QStringLiteral("  ") + printable(where);
        if (!e.data.is_null() && !(e.data.is_object() && e.data.empty()))
            line += QStringLiteral("  ") + compactJson(e.data, 160);
        text += line.trimmed() + QLatin1Char('\n');
    }
    printOut(text);
    return Ok;
}

} // namespace Signalbox::Cli
