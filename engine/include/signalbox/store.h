// The durable store: one SQLite database per host (WAL, synchronous=FULL by default).
// Truth is the append-only `events` table; the `executions` row (status, positions and the
// runtime's cached state) is a projection written in the same transaction as the events.
// A Store object is one connection: the engine thread owns the only ReadWrite one; readers (UI,
// `list`, `show`, `history`) open their own ReadOnly stores. Not thread-safe; one thread each.
// The store refuses what it cannot keep safe instead of limping on: a read-only file or folder,
// a damaged file (size check on every open, PRAGMA quick_check on the host's open) and a
// write-ahead log removed under a running host; every failed write says which kind of storage
// fault it was (lastFault()) so the engine can retry a full disk and stop on damage.
#pragma once

#include "signalbox/history.h"
#include "signalbox/json.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace Signalbox {

class MemoryBackend;
class StatementCache;
class WriteScope;

struct ExecutionRecord
{
    std::string id;
    std::string name; // optional idempotent name (unique when set)
    std::string workflow;
    std::string definitionHash;
    std::string sourcePath; // workflow file it was started from (working directory of tasks)
    ExecutionStatus status = ExecutionStatus::Running;
    Json input;
    Json output;
    std::string error;
    std::string cause;
    qint64 startedAtMs = 0;
    qint64 endedAtMs = 0;           // 0 while running
    Json positions = Json::array(); // active state names (with frames) for lists
    qint64 lastSeq = 0;
    Json cache; // runtime state, rebuildable by replaying the history
    bool simulated = false;
};

struct StoredDefinition
{
    std::string hash;
    std::string name;
    std::string source; // the text as read (YAML or ASL)
    std::string format; // "yaml" or "asl"
    std::string sourcePath;
};

struct TimerRecord
{
    std::string id; // unique, chosen by the runtime
    std::string executionId;
    qint64 dueAtMs = 0;
    Json payload; // what the runtime needs to act when it fires
};

// One pending wait_for_event (approval or event), for the approvals inbox and `send-event`.
struct PendingWait
{
    std::string executionId;
    std::string frame;
    std::string state;
    std::string event;
    std::string kind; // "approval" | "event"
    qint64 sinceMs = 0;
    qint64 deadlineMs = 0; // 0 = none
    Json data;             // {prompt (rendered), form, assignee, input}
};

struct TaskLog
{
    std::string executionId;
    std::string frame;
    std::string state;
    int attempt = 1;
    int exitCode = 0;
    std::string stdoutText; // bounded (see Store::maxLogBytes)
    std::string stderrText;
    bool truncated = false;
    qint64 startedAtMs = 0;
    qint64 endedAtMs = 0;
    Json extra; // e.g. http request/response summary
};

struct ExecutionFilter
{
    std::optional<ExecutionStatus> status;
    std::string workflow;
    std::string search; // matches id, name or input text
    int limit = 100;
    int offset = 0;
};

class Store
{
public:
    enum class Mode { ReadWrite, ReadOnly };
    // What made the last failed call fail. Full, Io and ReadOnly are storage conditions that
    // can go away (space freed, a remount): the engine retries them. Damaged and WalMissing
    // mean the file cannot be trusted any more: the host stops.
    enum class Fault { None, Full, Io, ReadOnly, Damaged, WalMissing, Other };
    static constexpr int schemaVersion = 2;
    static constexpr std::size_t maxLogBytes = 64 * 1024;

    // Opens (and in ReadWrite mode creates and migrates) the database at `path`; ":memory:" is a
    // private in-memory store (no SQLite: the same contract kept in containers, see
    // docs/store.md). On failure returns nullptr and a message naming the file and
    // the problem (corrupt file, newer schema than this build, not a Signalbox database, ...).
    static std::unique_ptr<Store> open(const QString &path, Mode mode, QString *error,
                                       bool synchronousFull = true);
    ~Store();

    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }
    Fault lastFault() const { return m_fault; }
    static bool isTransient(Fault fault)
    {
        return fault == Fault::Full || fault == Fault::Io || fault == Fault::ReadOnly;
    }
    Mode mode() const { return m_mode; }
    // The schema version the open database has (after migration: schemaVersion).
    int databaseSchemaVersion() const { return m_dbVersion; }

    // Transactions. Writes outside begin()/commit() run in their own implicit transaction.
    bool begin();
    bool commit();
    void rollback();

    bool putDefinition(const StoredDefinition &def);
    std::optional<StoredDefinition> definition(const std::string &hash) const;

    // Fails when the id or the (non-empty) name is taken: "an execution named 'x' already exists".
    bool insertExecution(const ExecutionRecord &rec);
    bool insertExecution(ExecutionRecord &&rec); // the in-memory store keeps it without a copy
    // Rewrites the row with this id ("no execution 'x'" if none); last_seq never moves backwards.
    bool updateExecution(const ExecutionRecord &rec);
    // Appends events whose seq must continue the execution's history without gaps (max + 1,
    // then consecutive); a gap, a duplicate, an unknown type or an unknown execution refuses the
    // whole batch. Also advances executions.last_seq. Atomic on its own.
    bool appendEvents(const std::string &executionId, const std::vector<HistoryEvent> &events);
    // The same, taking the events (the in-memory store keeps them without copies).
    bool appendEvents(const std::string &executionId, std::vector<HistoryEvent> &&events);

    bool putTimer(const TimerRecord &t);     // inserts or replaces by id
    bool deleteTimer(const std::string &id); // true also when there was none
    std::vector<TimerRecord> timers() const; // by due time

    bool putWait(const PendingWait &w); // inserts or replaces by (execution, frame, state)
    bool deleteWait(const std::string &executionId, const std::string &frame,
                    const std::string &state);
    // Oldest first; all executions when executionId is empty.
    std::vector<PendingWait> pendingWaits(const std::string &executionId = {}) const;

    // Bounds stdout/stderr (head and tail kept, `truncated` set); replaces the same
    // (execution, frame, state, attempt).
    bool putTaskLog(const TaskLog &log);
    std::vector<TaskLog> taskLogs(const std::string &executionId) const;

    std::optional<ExecutionRecord> execution(const std::string &idOrName) const; // id wins
    // Newest first (started_at DESC); limit <= 0 means no limit.
    std::vector<ExecutionRecord> listExecutions(const ExecutionFilter &filter = {}) const;
    int countExecutions(const ExecutionFilter &filter = {}) const;
    std::vector<ExecutionRecord> unfinishedExecutions() const;
    std::vector<HistoryEvent> history(const std::string &executionId, qint64 afterSeq = 0) const;

    // PRAGMA integrity_check: empty when the file is sound, else SQLite's findings (at most
    // `maxFindings` lines). Slow on large files (reads every page); the host's open runs the
    // cheaper quick_check.
    QStringList integrityCheck(int maxFindings = 100) const;
    // A consistent copy of the whole database to `destination` (created 0600; must not exist)
    // with SQLite's online backup API, page by page: safe while this or another connection
    // writes (a write restarts the copy of the pages it changed). False with a message.
    bool backupTo(const QString &destination, QString *error) const;

    // False (lastFault() WalMissing, lastError() says what happened) when the -wal file was
    // removed or replaced since this connection last committed; what the removed log held is
    // first copied into the database through the connection's open descriptor. Checked before
    // every transaction; a host also calls it now and then while idle.
    bool walIntact();

    // Fault injection for tests: the Nth write statement from now fails (0 = never). Every
    // INSERT/UPDATE/DELETE statement run and every commit() counts as one write; the failing
    // call returns false with lastError() "injected fault", and the fault fires only once.
    // A failed write inside begin()/commit() leaves the transaction open: call rollback().
    void failAfterWrites(int n) { m_failAfter = n; }

private:
    Store(); // defined in store.cpp (StatementCache is incomplete here)
    bool exec(const char *sql);
    bool migrate(QString *error);
    bool checkInjectedFault();
    // Records what a failed SQLite call (extended result code `rc`) means for the caller.
    void noteFailure(int rc) const;
    QStringList quickCheck(int maxFindings) const;
    QStringList pragmaCheck(const QString &pragma, int maxFindings) const;

    sqlite3 *m_db = nullptr;
    QString m_path;
    mutable QString m_lastError;
    Mode m_mode = Mode::ReadWrite;
    int m_failAfter = 0;
    int m_dbVersion = 0;
    mutable Fault m_fault = Fault::None;
    quint64 m_walDevice = 0; // identity of the -wal file seen after the last commit (0: none yet)
    quint64 m_walInode = 0;
    mutable std::unique_ptr<StatementCache> m_statements;
    std::unique_ptr<MemoryBackend> m_memory; // ":memory:" only (then m_db is null)
    friend class StoreStatement;
    friend class WriteScope;
    friend class MemoryBackend;
};

// Creates `dir` and each missing folder above it with mode 0700, private to the user (folders
// that exist are left as they are); true when `dir` exists afterwards. For the folders that
// hold databases.
bool makePrivateFolder(const QString &dir);

// What `signalbox check` reports, one line per finding (empty: the database is sound): SQLite's
// integrity_check, then every execution's history (seq contiguous from 1) replayed and compared
// with its row (last_seq, status) and its cached state. Reads only; works beside a running host.
QStringList checkDatabase(const Store &store, int maxFindings = 100,
                          int *executionsChecked = nullptr);

// The host lock: exactly one process per database FILE runs the engine. It is an exclusive
// flock() on the database file itself, so every path to that file (symlinks, hard links, bind
// mounts) meets the same lock; the kernel releases it when the holder exits or crashes. A
// missing database file is created empty (0600) to have something to lock. Destroy the Store
// before the lock: closing the locked descriptor also drops SQLite's own locks on the file.
class HostLock
{
public:
    explicit HostLock(const QString &databasePath);
    ~HostLock();
    // False with a message naming the path and the cause: the holder (pid and program) when
    // another process holds the lock, else why the file cannot be opened.
    bool tryLock(QString *error);
    bool isLocked() const { return m_locked; }
    // After a failed tryLock(): true only when another process holds the lock.
    bool heldByOther() const { return m_heldByOther; }
    void unlock();
    // The local socket the host listens on for this database: socketDirectory() + "/signalbox-"
    // + 16 hex digits of a SHA-256: of the file's device and inode once the file exists (every
    // path to one file, hard links included, reaches its host), of the canonical path before.
    // ":memory:" has none ("").
    static QString socketName(const QString &databasePath);
    // The private folder of this user's control sockets: $XDG_RUNTIME_DIR/signalbox, or
    // <temp>/signalbox-<uid> when XDG_RUNTIME_DIR is not set (or not this user's folder).
    static QString socketDirectory();
    // Checks socketDirectory() with lstat: a real folder (not a symlink), owned by this user,
    // mode 0700. With `create`, a missing folder is created 0700 first. False with a message
    // naming the folder and what is wrong with it (another user's folder is never used).
    static bool checkSocketDirectory(bool create, QString *error);
    // The absolute path with symlinks resolved (as far as the file or its folder exists), so
    // that two spellings of one database share a socket.
    static QString canonicalPath(const QString &databasePath);

private:
    struct Private;
    std::unique_ptr<Private> d;
    bool m_locked = false;
    bool m_heldByOther = false;
};

} // namespace Signalbox
