#include "store/memorybackend.h"

#include "store/logbounds.h"
#include "store/statement.h"

#include <algorithm>

namespace Signalbox {

namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// SQL `LIKE '%needle%'`: a substring, case-insensitive for ASCII letters only (as SQLite).
bool likeContains(const std::string &haystack, const std::string &needle)
{
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [](char a, char b) { return lower(a) == lower(b); });
    return it != haystack.end();
}

bool newestFirst(const ExecutionRecord &a, const ExecutionRecord &b)
{
    return a.startedAtMs != b.startedAtMs ? a.startedAtMs > b.startedAtMs : a.id < b.id;
}

} // namespace

MemoryBackend::Call::~Call()
{
    if (!m_done)
        m_backend.undoTo(m_mark);
}

bool MemoryBackend::Call::done()
{
    m_done = true;
    if (!m_backend.m_transaction)
        m_backend.m_undo.clear(); // an implicit transaction of its own: committed
    return true;
}

bool MemoryBackend::write()
{
    return m_store.checkInjectedFault();
}

bool MemoryBackend::fail(const QString &message)
{
    m_store.m_lastError = message;
    return false;
}

bool MemoryBackend::foreignKey(const std::string &executionId)
{
    if (m_executions.count(executionId))
        return true;
    return fail(QStringLiteral("%1: database write failed: FOREIGN KEY constraint failed")
                    .arg(m_store.m_path));
}

void MemoryBackend::undoTo(std::size_t mark)
{
    while (m_undo.size() > mark) {
        m_undo.back()();
        m_undo.pop_back();
    }
}

bool MemoryBackend::begin()
{
    if (m_transaction) {
        return fail(QStringLiteral("%1: cannot start a transaction within a transaction")
                        .arg(m_store.m_path));
    }
    m_transaction = true;
    m_undo.clear();
    return true;
}

bool MemoryBackend::commit()
{
    if (!write()) {
        const QString why = m_store.m_lastError;
        rollback();
        m_store.m_lastError = why;
        return false;
    }
    if (!m_transaction)
        return fail(
            QStringLiteral("%1: cannot commit - no transaction is active").arg(m_store.m_path));
    m_transaction = false;
    m_undo.clear();
    return true;
}

void MemoryBackend::rollback()
{
    undoTo(0);
    m_transaction = false;
}

bool MemoryBackend::putDefinition(const StoredDefinition &def)
{
    Call call(*this);
    if (!write())
        return false;
    if (m_definitions.emplace(def.hash, def).second)
        m_undo.push_back([this, hash = def.hash] { m_definitions.erase(hash); });
    return call.done();
}

std::optional<StoredDefinition> MemoryBackend::definition(const std::string &hash) const
{
    auto it = m_definitions.find(hash);
    if (it == m_definitions.end())
        return std::nullopt;
    return it->second;
}

bool MemoryBackend::insertExecution(ExecutionRecord rec)
{
    if (rec.id.empty())
        return fail(QStringLiteral("%1: an execution needs an id").arg(m_store.m_path));
    Call call(*this);
    if (!write())
        return false;
    if (m_executions.count(rec.id)) {
        return fail(QStringLiteral("an execution with id '%1' already exists")
                        .arg(QString::fromStdString(rec.id)));
    }
    if (!rec.name.empty() && m_names.count(rec.name)) {
        return fail(QStringLiteral("an execution named '%1' already exists")
                        .arg(QString::fromStdString(rec.name)));
    }
    if (!rec.name.empty())
        m_names[rec.name] = rec.id;
    m_undo.push_back([this, id = rec.id, name = rec.name] {
        m_executions.erase(id);
        if (!name.empty())
            m_names.erase(name);
    });
    Execution &ex = m_executions[rec.id];
    ex.record = std::move(rec);
    if (!ex.record.positions.is_array())
        ex.record.positions = Json::array();
    return call.done();
}

bool MemoryBackend::updateExecution(const ExecutionRecord &rec)
{
    Call call(*this);
    if (!write())
        return false;
    auto it = m_executions.find(rec.id);
    if (it == m_executions.end())
        return fail(QStringLiteral("no execution '%1'").arg(QString::fromStdString(rec.id)));
    ExecutionRecord &current = it->second.record;
    if (!rec.name.empty() && rec.name != current.name) {
        auto taken = m_names.find(rec.name);
        if (taken != m_names.end() && taken->second != rec.id) {
            return fail(QStringLiteral("an execution named '%1' already exists")
                            .arg(QString::fromStdString(rec.name)));
        }
    }
    if (rec.name != current.name) {
        if (!current.name.empty())
            m_names.erase(current.name);
        if (!rec.name.empty())
            m_names[rec.name] = rec.id;
    }
    ExecutionRecord old = std::move(current);
    current = rec;
    current.lastSeq = std::max(old.lastSeq, rec.lastSeq); // never moves backwards
    if (!current.positions.is_array())
        current.positions = Json::array();
    m_undo.push_back([this, old = std::move(old)]() mutable {
        auto it = m_executions.find(old.id);
        if (it == m_executions.end())
            return;
        if (it->second.record.name != old.name) {
            if (!it->second.record.name.empty())
                m_names.erase(it->second.record.name);
            if (!old.name.empty())
                m_names[old.name] = old.id;
        }
        it->second.record = std::move(old);
    });
    return call.done();
}

bool MemoryBackend::appendEvents(const std::string &executionId,
                                 const std::vector<HistoryEvent> &events)
{
    return append(executionId, events, nullptr);
}

bool MemoryBackend::appendEvents(const std::string &executionId, std::vector<HistoryEvent> &&events)
{
    return append(executionId, events, &events);
}

bool MemoryBackend::append(const std::string &executionId, const std::vector<HistoryEvent> &events,
                           std::vector<HistoryEvent> *owned)
{
    if (events.empty())
        return true;
    const auto exec = [&] {
        return QString::fromStdString(executionId);
    };
    Call call(*this);
    auto it = m_executions.find(executionId);
    if (it == m_executions.end())
        return fail(QStringLiteral("no execution '%1'").arg(exec()));
    Execution &ex = it->second;
    const qint64 last = ex.events.empty() ? 0 : ex.events.back().seq;
    qint64 expected = last + 1;
    for (const HistoryEvent &e : events) {
        if (e.seq != expected) {
            return fail(e.seq <= last || e.seq < expected
                            ? QStringLiteral("execution '%1': event seq %2 is a duplicate "
                                             "(expected %3)")
                                  .arg(exec())
                                  .arg(e.seq)
                                  .arg(expected)
                            : QStringLiteral("execution '%1': event seq %2 would leave a gap "
                                             "(expected %3)")
                                  .arg(exec())
                                  .arg(e.seq)
                                  .arg(expected));
        }
        if (!isValidEventType(int(e.type))) {
            return fail(QStringLiteral("execution '%1': event seq %2 has unknown type %3")
                            .arg(exec())
                            .arg(e.seq)
                            .arg(int(e.type)));
        }
        ++expected;
    }
    for (std::size_t i = 0; i <= events.size(); ++i) { // each row, then the last_seq update
        if (!write())
            return false;
    }
    const std::size_t size = ex.events.size();
    const qint64 lastSeq = ex.record.lastSeq;
    if (owned && ex.events.empty())
        ex.events = std::move(*owned);
    else if (owned)
        ex.events.insert(ex.events.end(), std::make_move_iterator(owned->begin()),
                         std::make_move_iterator(owned->end()));
    else
        ex.events.insert(ex.events.end(), events.begin(), events.end());
    ex.record.lastSeq = std::max(lastSeq, expected - 1);
    m_undo.push_back([this, executionId, size, lastSeq] {
        auto it = m_executions.find(executionId);
        if (it == m_executions.end())
            return;
        it->second.events.resize(size);
        it->second.record.lastSeq = lastSeq;
    });
    return call.done();
}

bool MemoryBackend::putTimer(const TimerRecord &t)
{
    Call call(*this);
    if (!write() || !foreignKey(t.executionId))
        return false;
    auto it = m_timers.find(t.id);
    if (it == m_timers.end()) {
        m_timers.emplace(t.id, t);
        m_undo.push_back([this, id = t.id] { m_timers.erase(id); });
    } else {
        m_undo.push_back([this, old = it->second] { m_timers[old.id] = old; });
        it->second = t;
    }
    return call.done();
}

bool MemoryBackend::deleteTimer(const std::string &id)
{
    Call call(*this);
    if (!write())
        return false;
    auto it = m_timers.find(id);
    if (it != m_timers.end()) {
        m_undo.push_back([this, old = std::move(it->second)] { m_timers[old.id] = old; });
        m_timers.erase(it);
    }
    return call.done();
}

std::vector<TimerRecord> MemoryBackend::timers() const
{
    std::vector<TimerRecord> result;
    result.reserve(m_timers.size());
    for (const auto &[id, t] : m_timers)
        result.push_back(t);
    std::stable_sort(result.begin(), result.end(), [](const TimerRecord &a, const TimerRecord &b) {
        return a.dueAtMs < b.dueAtMs; // ties stay by id (the map's order)
    });
    return result;
}

bool MemoryBackend::putWait(const PendingWait &w)
{
    Call call(*this);
    if (!write() || !foreignKey(w.executionId))
        return false;
    const WaitKey key{w.executionId, w.frame, w.state};
    auto it = m_waits.find(key);
    if (it == m_waits.end()) {
        m_waits.emplace(key, w);
        m_undo.push_back([this, key] { m_waits.erase(key); });
    } else {
        m_undo.push_back([this, key, old = it->second] { m_waits[key] = old; });
        it->second = w;
    }
    return call.done();
}

bool MemoryBackend::deleteWait(const std::string &executionId, const std::string &frame,
                               const std::string &state)
{
    Call call(*this);
    if (!write())
        return false;
    const WaitKey key{executionId, frame, state};
    auto it = m_waits.find(key);
    if (it != m_waits.end()) {
        m_undo.push_back([this, key, old = std::move(it->second)] { m_waits[key] = old; });
        m_waits.erase(it);
    }
    return call.done();
}

std::vector<PendingWait> MemoryBackend::pendingWaits(const std::string &executionId) const
{
    std::vector<PendingWait> result;
    for (const auto &[key, w] : m_waits) {
        if (executionId.empty() || w.executionId == executionId)
            result.push_back(w);
    }
    // ORDER BY since, execution_id, frame, state: the map's order breaks the ties.
    std::stable_sort(result.begin(), result.end(), [](const PendingWait &a, const PendingWait &b) {
        return a.sinceMs < b.sinceMs;
    });
    return result;
}

bool MemoryBackend::putTaskLog(const TaskLog &log)
{
    Call call(*this);
    if (!write() || !foreignKey(log.executionId))
        return false;
    TaskLog bounded = log;
    bounded.stdoutText = boundLog(log.stdoutText, Store::maxLogBytes, &bounded.truncated);
    bounded.stderrText = boundLog(log.stderrText, Store::maxLogBytes, &bounded.truncated);
    const LogKey key{log.executionId, log.frame, log.state, log.attempt};
    auto it = m_logs.find(key);
    if (it == m_logs.end()) {
        m_logs.emplace(key, std::move(bounded));
        m_undo.push_back([this, key] { m_logs.erase(key); });
    } else {
        m_undo.push_back([this, key, old = std::move(it->second)] { m_logs[key] = old; });
        it->second = std::move(bounded);
    }
    return call.done();
}

std::vector<TaskLog> MemoryBackend::taskLogs(const std::string &executionId) const
{
    std::vector<TaskLog> result;
    for (const auto &[key, log] : m_logs) {
        if (log.executionId == executionId)
            result.push_back(log);
    }
    // ORDER BY started_at, frame, state, attempt: the map's order breaks the ties.
    std::stable_sort(result.begin(), result.end(), [](const TaskLog &a, const TaskLog &b) {
        return a.startedAtMs < b.startedAtMs;
    });
    return result;
}

std::optional<ExecutionRecord> MemoryBackend::execution(const std::string &idOrName) const
{
    auto it = m_executions.find(idOrName); // an id wins over a name
    if (it == m_executions.end()) {
        auto named = m_names.find(idOrName);
        if (named == m_names.end())
            return std::nullopt;
        it = m_executions.find(named->second);
        if (it == m_executions.end())
            return std::nullopt;
    }
    return it->second.record;
}

std::vector<const MemoryBackend::Execution *>
MemoryBackend::matching(const ExecutionFilter &filter) const
{
    std::vector<const Execution *> result;
    for (const auto &[id, ex] : m_executions) {
        const ExecutionRecord &r = ex.record;
        if (filter.status && r.status != *filter.status)
            continue;
        if (!filter.workflow.empty() && r.workflow != filter.workflow)
            continue;
        if (!filter.search.empty() && !likeContains(r.id, filter.search)
            && !(!r.name.empty() && likeContains(r.name, filter.search))
            && !likeContains(r.workflow, filter.search)
            && !likeContains(dumpJson(r.input), filter.search))
            continue;
        result.push_back(&ex);
    }
    return result;
}

std::vector<ExecutionRecord> MemoryBackend::listExecutions(const ExecutionFilter &filter) const
{
    std::vector<const Execution *> rows = matching(filter);
    std::sort(rows.begin(), rows.end(), [](const Execution *a, const Execution *b) {
        return newestFirst(a->record, b->record);
    });
    const std::size_t offset = std::size_t(std::max(filter.offset, 0));
    std::vector<ExecutionRecord> result;
    for (std::size_t i = offset; i < rows.size(); ++i) {
        if (filter.limit > 0 && result.size() >= std::size_t(filter.limit))
            break;
        result.push_back(rows[i]->record);
    }
    return result;
}

int MemoryBackend::countExecutions(const ExecutionFilter &filter) const
{
    return int(matching(filter).size());
}

std::vector<ExecutionRecord> MemoryBackend::unfinishedExecutions() const
{
    std::vector<ExecutionRecord> result;
    for (const auto &[id, ex] : m_executions) {
        if (!isFinal(ex.record.status))
            result.push_back(ex.record);
    }
    std::sort(result.begin(), result.end(), [](const ExecutionRecord &a, const ExecutionRecord &b) {
        return a.startedAtMs != b.startedAtMs ? a.startedAtMs < b.startedAtMs : a.id < b.id;
    });
    return result;
}

std::vector<HistoryEvent> MemoryBackend::history(const std::string &executionId,
                                                 qint64 afterSeq) const
{
    auto it = m_executions.find(executionId);
    if (it == m_executions.end())
        return {};
    const std::vector<HistoryEvent> &events = it->second.events;
    auto from = std::upper_bound(events.begin(), events.end(), afterSeq,
                                 [](qint64 seq, const HistoryEvent &e) { return seq < e.seq; });
    return std::vector<HistoryEvent>(from, events.end());
}

} // namespace Signalbox
