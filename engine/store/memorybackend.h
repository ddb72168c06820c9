// The store of a ":memory:" database: the same contract as the SQLite tables (store.h,
// docs/store.md), kept in plain containers. Nothing outlives the process, so there is nothing to
// serialize: events, records and payloads are kept as values. Transactions and the atomicity of
// each call are an undo log (begin() ... commit() or rollback(); a failed call undoes its own
// changes); fault injection counts the same writes as the SQLite store.
#pragma once

#include "signalbox/store.h"

#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>

namespace Signalbox {

class MemoryBackend
{
public:
    explicit MemoryBackend(Store &store)
        : m_store(store)
    {}

    bool begin();
    bool commit();
    void rollback();

    bool putDefinition(const StoredDefinition &def);
    std::optional<StoredDefinition> definition(const std::string &hash) const;
    bool insertExecution(ExecutionRecord rec);
    bool updateExecution(const ExecutionRecord &rec);
    bool appendEvents(const std::string &executionId, const std::vector<HistoryEvent> &events);
    bool appendEvents(const std::string &executionId, std::vector<HistoryEvent> &&events);
    bool putTimer(const TimerRecord &t);
    bool deleteTimer(const std::string &id);
    std::vector<TimerRecord> timers() const;
    bool putWait(const PendingWait &w);
    bool deleteWait(const std::string &executionId, const std::string &frame,
                    const std::string &state);
    std::vector<PendingWait> pendingWaits(const std::string &executionId) const;
    bool putTaskLog(const TaskLog &log);
    std::vector<TaskLog> taskLogs(const std::string &executionId) const;
    std::optional<ExecutionRecord> execution(const std::string &idOrName) const;
    std::vector<ExecutionRecord> listExecutions(const ExecutionFilter &filter) const;
    int countExecutions(const ExecutionFilter &filter) const;
    std::vector<ExecutionRecord> unfinishedExecutions() const;
    std::vector<HistoryEvent> history(const std::string &executionId, qint64 afterSeq) const;

private:
    struct Execution
    {
        ExecutionRecord record;
        std::vector<HistoryEvent> events; // by seq, contiguous from 1
    };
    using WaitKey = std::tuple<std::string, std::string, std::string>;
    using LogKey = std::tuple<std::string, std::string, std::string, int>;

    // One call's changes: undone unless done() is called (a call is atomic on its own).
    class Call
    {
    public:
        explicit Call(MemoryBackend &m)
            : m_backend(m)
            , m_mark(m.m_undo.size())
        {}
        ~Call();
        bool done();

    private:
        MemoryBackend &m_backend;
        std::size_t m_mark;
        bool m_done = false;
    };

    // Both appendEvents(): moves from `owned` when given (it is `events`).
    bool append(const std::string &executionId, const std::vector<HistoryEvent> &events,
                std::vector<HistoryEvent> *owned);
    bool write(); // counts one write (fault injection)
    bool fail(const QString &message);
    bool foreignKey(const std::string &executionId);
    void undoTo(std::size_t mark);
    std::vector<const Execution *> matching(const ExecutionFilter &filter) const;

    Store &m_store;
    bool m_transaction = false;
    std::vector<std::function<void()>> m_undo;
    std::unordered_map<std::string, Execution> m_executions;
    std::unordered_map<std::string, std::string> m_names; // name -> id
    std::map<std::string, StoredDefinition> m_definitions;
    std::map<std::string, TimerRecord> m_timers;
    std::map<WaitKey, PendingWait> m_waits;
    std::map<LogKey, TaskLog> m_logs;
};

} // namespace Signalbox
