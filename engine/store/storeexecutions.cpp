// Store: definitions, executions and their histories.
#include "signalbox/store.h"

#include "store/memorybackend.h"
#include "store/statement.h"

#include <QDateTime>

#include <utility>

#include <sqlite3.h>

namespace Signalbox {

namespace {
const char executionColumns[]
    = "id, name, workflow, definition_hash, source_path, status, input, output, error, cause, "
      "started_at, ended_at, positions, last_seq, cache, simulated";

ExecutionRecord readExecution(const StoreStatement &q)
{
    ExecutionRecord r;
    r.id = q.text(0);
    r.name = q.text(1);
    r.workflow = q.text(2);
    r.definitionHash = q.text(3);
    r.sourcePath = q.text(4);
    r.status = executionStatusFromName(q.text(5)).value_or(ExecutionStatus::Running);
    r.input = q.json(6);
    r.output = q.json(7);
    r.error = q.text(8);
    r.cause = q.text(9);
    r.startedAtMs = q.int64(10);
    r.endedAtMs = q.int64(11);
    r.positions = q.json(12);
    if (!r.positions.is_array())
        r.positions = Json::array();
    r.lastSeq = q.int64(13);
    r.cache = q.json(14);
    r.simulated = q.int64(15) != 0;
    return r;
}

constexpr std::size_t eventsPerInsert = 32;

// "INSERT INTO events ... VALUES (?1, ?2, ..., ?7), (?1, ?8, ..., ?13), ..." for `rows` rows.
const std::string &eventsInsertSql(std::size_t rows)
{
    static const std::vector<std::string> sql = [] {
        std::vector<std::string> out(eventsPerInsert + 1);
        for (std::size_t n = 1; n <= eventsPerInsert; ++n) {
            std::string s = "INSERT INTO events (execution_key, seq, type, at, frame, state, data) "
                            "VALUES ";
            for (std::size_t r = 0; r < n; ++r) {
                const int p = 2 + int(r) * 6;
                s += r ? ", (?1" : "(?1";
                for (int i = 0; i < 6; ++i)
                    s += ", ?" + std::to_string(p + i);
                s += ')';
            }
            out[n] = std::move(s);
        }
        return out;
    }();
    return sql[rows];
}

void bindName(StoreStatement &q, int index, const std::string &name)
{
    if (name.empty())
        q.bindNull(index);
    else
        q.bind(index, name);
}

// Binds ?1..?16 in the column order insertExecution and updateExecution both use.
void bindExecution(StoreStatement &q, const ExecutionRecord &rec)
{
    q.bind(1, rec.id);
    bindName(q, 2, rec.name);
    q.bind(3, rec.workflow);
    q.bind(4, rec.definitionHash);
    q.bind(5, rec.sourcePath);
    q.bind(6, std::string(executionStatusName(rec.status)));
    q.bindJson(7, rec.input);
    q.bindJson(8, rec.output);
    q.bind(9, rec.error);
    q.bind(10, rec.cause);
    q.bind(11, rec.startedAtMs);
    q.bind(12, rec.endedAtMs);
    q.bindJson(13, rec.positions);
    q.bind(14, rec.lastSeq);
    q.bindJson(15, rec.cache);
    q.bind(16, qint64(rec.simulated ? 1 : 0));
}

std::string likePattern(const std::string &text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '%';
}

// WHERE clause and its parameters (?1 status, ?2 workflow, ?3 search) for a filter.
std::string filterClause(const ExecutionFilter &f)
{
    std::string where = " WHERE 1";
    if (f.status)
        where += " AND status = ?1";
    if (!f.workflow.empty())
        where += " AND workflow = ?2";
    if (!f.search.empty())
        where += " AND (id LIKE ?3 ESCAPE '\\' OR name LIKE ?3 ESCAPE '\\'"
                 " OR workflow LIKE ?3 ESCAPE '\\' OR input LIKE ?3 ESCAPE '\\')";
    return where;
}

void bindFilter(StoreStatement &q, const ExecutionFilter &f)
{
    if (f.status)
        q.bind(1, std::string(executionStatusName(*f.status)));
    if (!f.workflow.empty())
        q.bind(2, f.workflow);
    if (!f.search.empty())
        q.bind(3, likePattern(f.search));
}
} // namespace

bool Store::putDefinition(const StoredDefinition &def)
{
    if (m_memory)
        return m_memory->putDefinition(def);
    StoreStatement q(*this, "INSERT INTO definitions (hash, name, source, format, source_path, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                            "ON CONFLICT (hash) DO NOTHING");
    q.bind(1, def.hash);
    q.bind(2, def.name);
    q.bind(3, def.source);
    q.bind(4, def.format);
    q.bind(5, def.sourcePath);
    q.bind(6, QDateTime::currentMSecsSinceEpoch());
    return q.run();
}

std::optional<StoredDefinition> Store::definition(const std::string &hash) const
{
    if (m_memory)
        return m_memory->definition(hash);
    StoreStatement q(*this, "SELECT hash, name, source, format, source_path FROM definitions "
                            "WHERE hash = ?1");
    q.bind(1, hash);
    if (!q.next())
        return std::nullopt;
    return StoredDefinition{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)};
}

bool Store::insertExecution(ExecutionRecord &&rec)
{
    if (m_memory)
        return m_memory->insertExecution(std::move(rec));
    return insertExecution(std::as_const(rec));
}

bool Store::insertExecution(const ExecutionRecord &rec)
{
    if (m_memory)
        return m_memory->insertExecution(rec);
    if (rec.id.empty()) {
        m_lastError = QStringLiteral("%1: an execution needs an id").arg(m_path);
        return false;
    }
    StoreStatement q(*this, "INSERT INTO executions (id, name, workflow, definition_hash, "
                            "source_path, status, input, output, error, cause, started_at, "
                            "ended_at, positions, last_seq, cache, simulated, key) VALUES "
                            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                            "?16, (SELECT coalesce(max(key), 0) + 1 FROM executions))");
    bindExecution(q, rec);
    if (q.run())
        return true;
    const int code = sqlite3_extended_errcode(m_db);
    if (code == SQLITE_CONSTRAINT_PRIMARYKEY)
        m_lastError = QStringLiteral("an execution with id '%1' already exists")
                          .arg(QString::fromStdString(rec.id));
    else if (code == SQLITE_CONSTRAINT_UNIQUE)
        m_lastError = QStringLiteral("an execution named '%1' already exists")
                          .arg(QString::fromStdString(rec.name));
    return false;
}

bool Store::updateExecution(const ExecutionRecord &rec)
{
    if (m_memory)
        return m_memory->updateExecution(rec);
    StoreStatement q(*this, "UPDATE executions SET name = ?2, workflow = ?3, "
                            "definition_hash = ?4, source_path = ?5, status = ?6, input = ?7, "
                            "output = ?8, error = ?9, cause = ?10, started_at = ?11, "
                            "ended_at = ?12, positions = ?13, last_seq = max(last_seq, ?14), "
                            "cache = ?15, simulated = ?16 WHERE id = ?1");
    bindExecution(q, rec);
    if (!q.run()) {
        if (sqlite3_extended_errcode(m_db) == SQLITE_CONSTRAINT_UNIQUE)
            m_lastError = QStringLiteral("an execution named '%1' already exists")
                              .arg(QString::fromStdString(rec.name));
        return false;
    }
    if (q.changes() == 0) {
        m_lastError = QStringLiteral("no execution '%1'").arg(QString::fromStdString(rec.id));
        return false;
    }
    return true;
}

bool Store::appendEvents(const std::string &executionId, const std::vector<HistoryEvent> &events)
{
    if (m_memory)
        return m_memory->appendEvents(executionId, events);
    if (events.empty())
        return true;
    const auto exec = [&] {
        return QString::fromStdString(executionId);
    }; // for messages
    WriteScope scope(*this);
    if (!scope.isValid())
        return false;
    qint64 last = 0;
    qint64 key = 0; // executions.key: the events' key (schema 2)
    {
        StoreStatement q(*this, "SELECT key, (SELECT coalesce(max(seq), 0) FROM events "
                                "WHERE execution_key = executions.key) "
                                "FROM executions WHERE id = ?1");
        q.bind(1, executionId);
        if (!q.next()) {
            if (q.exhausted()) // no row: no such execution (events have no foreign key)
                m_lastError = QStringLiteral("no execution '%1'").arg(exec());
            return false;
        }
        key = q.int64(0);
        last = q.int64(1);
    }
    qint64 expected = last + 1;
    for (const HistoryEvent &e : events) {
        if (e.seq != expected) {
            m_lastError = e.seq <= last || e.seq < expected
                              ? QStringLiteral("execution '%1': event seq %2 is a duplicate "
                                               "(expected %3)")
                                    .arg(exec())
                                    .arg(e.seq)
                                    .arg(expected)
                              : QStringLiteral("execution '%1': event seq %2 would leave a gap "
                                               "(expected %3)")
                                    .arg(exec())
                                    .arg(e.seq)
                                    .arg(expected);
            return false;
        }
        if (!isValidEventType(int(e.type))) {
            m_lastError = QStringLiteral("execution '%1': event seq %2 has unknown type %3")
                              .arg(exec())
                              .arg(e.seq)
                              .arg(int(e.type));
            return false;
        }
        ++expected;
    }
    // Multi-row INSERTs of up to eventsPerInsert rows (one statement run per chunk instead of
    // per event); the execution id is bound once, text without copies, JSON into reused
    // buffers. Fault injection still counts one write per event row.
    std::vector<std::string> data(std::min(events.size(), eventsPerInsert));
    for (std::size_t begin = 0; begin < events.size();) {
        const std::size_t rows = std::min(events.size() - begin, eventsPerInsert);
        StoreStatement insert(*this, eventsInsertSql(rows));
        insert.bind(1, key);
        for (std::size_t r = 0; r < rows; ++r) {
            const HistoryEvent &e = events[begin + r];
            const int p = 2 + int(r) * 6;
            dumpJsonTo(data[r], e.data);
            insert.bind(p, e.seq);
            insert.bind(p + 1, qint64(e.type));
            insert.bind(p + 2, e.atMs);
            insert.bindStatic(p + 3, e.frame);
            insert.bindStatic(p + 4, e.state);
            insert.bindStatic(p + 5, data[r]);
        }
        for (std::size_t r = 1; r < rows; ++r) {
            if (!checkInjectedFault())
                return false;
        }
        if (!insert.run()) // the write of the chunk's last row
            return false;
        begin += rows;
    }
    StoreStatement q(*this, "UPDATE executions SET last_seq = max(last_seq, ?2) WHERE id = ?1");
    q.bind(1, executionId);
    q.bind(2, expected - 1);
    if (!q.run())
        return false;
    return scope.release();
}

bool Store::appendEvents(const std::string &executionId, std::vector<HistoryEvent> &&events)
{
    if (m_memory)
        return m_memory->appendEvents(executionId, std::move(events));
    return appendEvents(executionId, std::as_const(events));
}

std::optional<ExecutionRecord> Store::execution(const std::string &idOrName) const
{
    if (m_memory)
        return m_memory->execution(idOrName);
    // An id wins over a name that happens to equal another execution's id.
    StoreStatement q(*this, std::string("SELECT ") + executionColumns
                                + " FROM executions WHERE id = ?1 OR name = ?1 "
                                  "ORDER BY id = ?1 DESC LIMIT 1");
    q.bind(1, idOrName);
    if (!q.next())
        return std::nullopt;
    return readExecution(q);
}

std::vector<ExecutionRecord> Store::listExecutions(const ExecutionFilter &filter) const
{
    if (m_memory)
        return m_memory->listExecutions(filter);
    std::vector<ExecutionRecord> result;
    StoreStatement q(*this, std::string("SELECT ") + executionColumns + " FROM executions"
                                + filterClause(filter)
                                + " ORDER BY started_at DESC, id LIMIT ?4 OFFSET ?5");
    bindFilter(q, filter);
    q.bind(4, qint64(filter.limit > 0 ? filter.limit : -1));
    q.bind(5, qint64(std::max(filter.offset, 0)));
    while (q.next())
        result.push_back(readExecution(q));
    return result;
}

int Store::countExecutions(const ExecutionFilter &filter) const
{
    if (m_memory)
        return m_memory->countExecutions(filter);
    StoreStatement q(*this, "SELECT count(*) FROM executions" + filterClause(filter));
    bindFilter(q, filter);
    return q.next() ? int(q.int64(0)) : 0;
}

std::vector<ExecutionRecord> Store::unfinishedExecutions() const
{
    if (m_memory)
        return m_memory->unfinishedExecutions();
    std::vector<ExecutionRecord> result;
    StoreStatement q(*this, std::string("SELECT ") + executionColumns
                                + " FROM executions WHERE status IN ('RUNNING', 'WAITING') "
                                  "ORDER BY started_at, id");
    while (q.next())
        result.push_back(readExecution(q));
    return result;
}

std::vector<HistoryEvent> Store::history(const std::string &executionId, qint64 afterSeq) const
{
    if (m_memory)
        return m_memory->history(executionId, afterSeq);
    std::vector<HistoryEvent> result;
    StoreStatement q(*this, "SELECT seq, type, at, frame, state, data FROM events "
                            "WHERE execution_key = (SELECT key FROM executions WHERE id = ?1) "
                            "AND seq > ?2 ORDER BY seq");
    q.bind(1, executionId);
    q.bind(2, afterSeq);
    while (q.next()) {
        HistoryEvent e;
        e.seq = q.int64(0);
        e.type = EventType(q.int64(1));
        e.atMs = q.int64(2);
        e.frame = q.text(3);
        e.state = q.text(4);
        e.data = q.json(5);
        result.push_back(std::move(e));
    }
    return result;
}

} // namespace Signalbox
