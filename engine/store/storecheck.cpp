// checkDatabase(): what `signalbox check` reports. SQLite's integrity_check finds damage to the
// file's structure; replaying every execution's history against the row and the cached state
// written with it finds damage inside the rows (a flipped byte in a payload, an edited cell),
// because the history and its projection are written in one transaction and must agree.
#include "signalbox/store.h"

#include "runtime/executionstate.h"

namespace Signalbox {

QStringList checkDatabase(const Store &store, int maxFindings, int *executionsChecked)
{
    QStringList findings = store.integrityCheck(maxFindings);
    for (QString &f : findings)
        f.prepend(QStringLiteral("integrity: "));
    ExecutionFilter all;
    all.limit = 0;
    int checked = 0;
    for (const ExecutionRecord &rec : store.listExecutions(all)) {
        if (findings.size() >= maxFindings)
            break;
        ++checked;
        const QString id = QString::fromStdString(rec.id);
        const std::vector<HistoryEvent> history = store.history(rec.id);
        bool contiguous = true;
        for (std::size_t i = 0; i < history.size(); ++i) {
            if (history[i].seq != qint64(i + 1)) {
                findings.append(QStringLiteral("execution %1: the history jumps to seq %2 after "
                                               "seq %3")
                                    .arg(id)
                                    .arg(history[i].seq)
                                    .arg(qint64(i)));
                contiguous = false;
                break;
            }
        }
        if (!contiguous)
            continue;
        const qint64 lastSeq = history.empty() ? 0 : history.back().seq;
        if (lastSeq != rec.lastSeq) {
            findings.append(QStringLiteral("execution %1: the row says %2 events, the history "
                                           "holds %3")
                                .arg(id)
                                .arg(rec.lastSeq)
                                .arg(lastSeq));
            continue;
        }
        Runtime::ExecutionState replayed;
        try {
            replayed = Runtime::replay(history);
        } catch (const std::exception &e) {
            findings.append(QStringLiteral("execution %1: its history does not replay: %2")
                                .arg(id, QString::fromUtf8(e.what())));
            continue;
        }
        if (replayed.liveStatus() != rec.status) {
            findings.append(QStringLiteral("execution %1: the row says %2, the history %3")
                                .arg(id, QString::fromUtf8(executionStatusName(rec.status)),
                                     QString::fromUtf8(executionStatusName(replayed.liveStatus()))));
            continue;
        }
        if (replayed.input != rec.input || replayed.output != rec.output) {
            findings.append(QStringLiteral("execution %1: its %2 differs from the one in its "
                                           "history")
                                .arg(id, replayed.input != rec.input ? QStringLiteral("input")
                                                                     : QStringLiteral("output")));
            continue;
        }
        if (rec.cache.is_object() && replayed.toJson() != rec.cache)
            findings.append(QStringLiteral("execution %1: its cached state differs from a "
                                           "replay of its history")
                                .arg(id));
    }
    if (executionsChecked)
        *executionsChecked = checked;
    return findings;
}

} // namespace Signalbox
