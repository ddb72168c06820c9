// Store: timers, pending waits and task logs (the runtime's side tables).
#include "signalbox/store.h"

#include "store/logbounds.h"
#include "store/memorybackend.h"
#include "store/statement.h"

namespace Signalbox {

bool Store::putTimer(const TimerRecord &t)
{
    if (m_memory)
        return m_memory->putTimer(t);
    StoreStatement q(*this, "INSERT INTO timers (id, execution_id, due_at, payload) "
                            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET "
                            "execution_id = ?2, due_at = ?3, payload = ?4");
    q.bind(1, t.id);
    q.bind(2, t.executionId);
    q.bind(3, t.dueAtMs);
    q.bindJson(4, t.payload);
    return q.run();
}

bool Store::deleteTimer(const std::string &id)
{
    if (m_memory)
        return m_memory->deleteTimer(id);
    StoreStatement q(*this, "DELETE FROM timers WHERE id = ?1");
    q.bind(1, id);
    return q.run();
}

std::vector<TimerRecord> Store::timers() const
{
    if (m_memory)
        return m_memory->timers();
    std::vector<TimerRecord> result;
    StoreStatement q(*this, "SELECT id, execution_id, due_at, payload FROM timers "
                            "ORDER BY due_at, id");
    while (q.next())
        result.push_back({q.text(0), q.text(1), q.int64(2), q.json(3)});
    return result;
}

bool Store::putWait(const PendingWait &w)
{
    if (m_memory)
        return m_memory->putWait(w);
    StoreStatement q(*this, "INSERT INTO waits (execution_id, frame, state, event, kind, since, "
                            "deadline, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                            "ON CONFLICT (execution_id, frame, state) DO UPDATE SET event = ?4, "
                            "kind = ?5, since = ?6, deadline = ?7, data = ?8");
    q.bind(1, w.executionId);
    q.bind(2, w.frame);
    q.bind(3, w.state);
    q.bind(4, w.event);
    q.bind(5, w.kind);
    q.bind(6, w.sinceMs);
    q.bind(7, w.deadlineMs);
    q.bindJson(8, w.data);
    return q.run();
}

bool Store::deleteWait(const std::string &executionId, const std::string &frame,
                       const std::string &state)
{
    if (m_memory)
        return m_memory->deleteWait(executionId, frame, state);
    StoreStatement q(*this, "DELETE FROM waits WHERE execution_id = ?1 AND frame = ?2 "
                            "AND state = ?3");
    q.bind(1, executionId);
    q.bind(2, frame);
    q.bind(3, state);
    return q.run();
}

std::vector<PendingWait> Store::pendingWaits(const std::string &executionId) const
{
    if (m_memory)
        return m_memory->pendingWaits(executionId);
    std::vector<PendingWait> result;
    StoreStatement q(*this, "SELECT execution_id, frame, state, event, kind, since, deadline, "
                            "data FROM waits WHERE ?1 = '' OR execution_id = ?1 "
                            "ORDER BY since, execution_id, frame, state");
    q.bind(1, executionId);
    while (q.next()) {
        result.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5),
                          q.int64(6), q.json(7)});
    }
    return result;
}

bool Store::putTaskLog(const TaskLog &log)
{
    if (m_memory)
        return m_memory->putTaskLog(log);
    bool truncated = log.truncated;
    const std::string out = boundLog(log.stdoutText, maxLogBytes, &truncated);
    const std::string err = boundLog(log.stderrText, maxLogBytes, &truncated);
    StoreStatement q(*this, "INSERT OR REPLACE INTO task_logs (execution_id, frame, state, "
                            "attempt, exit_code, stdout, stderr, truncated, started_at, ended_at, "
                            "extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q.bind(1, log.executionId);
    q.bind(2, log.frame);
    q.bind(3, log.state);
    q.bind(4, qint64(log.attempt));
    q.bind(5, qint64(log.exitCode));
    q.bind(6, out);
    q.bind(7, err);
    q.bind(8, qint64(truncated ? 1 : 0));
    q.bind(9, log.startedAtMs);
    q.bind(10, log.endedAtMs);
    q.bindJson(11, log.extra);
    return q.run();
}

std::vector<TaskLog> Store::taskLogs(const std::string &executionId) const
{
    if (m_memory)
        return m_memory->taskLogs(executionId);
    std::vector<TaskLog> result;
    StoreStatement q(*this, "SELECT execution_id, frame, state, attempt, exit_code, stdout, "
                            "stderr, truncated, started_at, ended_at, extra FROM task_logs "
                            "WHERE execution_id = ?1 ORDER BY started_at, frame, state, attempt");
    q.bind(1, executionId);
    while (q.next()) {
        TaskLog log;
        log.executionId = q.text(0);
        log.frame = q.text(1);
        log.state = q.text(2);
        log.attempt = int(q.int64(3));
        log.exitCode = int(q.int64(4));
        log.stdoutText = q.text(5);
        log.stderrText = q.text(6);
        log.truncated = q.int64(7) != 0;
        log.startedAtMs = q.int64(8);
        log.endedAtMs = q.int64(9);
        log.extra = q.json(10);
        result.push_back(std::move(log));
    }
    return result;
}

} // namespace Signalbox
