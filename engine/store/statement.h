// Private helpers of the store: a cache of prepared statements per connection and a small RAII
// wrapper that binds parameters, steps and reads columns. JSON columns are written with
// invalid UTF-8 replaced (never throws) and read back leniently (unparsable text reads as null).
#pragma once

#include "signalbox/json.h"

#include <QtGlobal>

#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace Signalbox {

class Store;

// Prepared statements keyed by their SQL text, finalized with the connection.
class StatementCache
{
public:
    explicit StatementCache(sqlite3 *db)
        : m_db(db)
    {}
    ~StatementCache();
    // Returns a reset statement with no bindings, or nullptr (see sqlite3_errmsg) on failure.
    sqlite3_stmt *get(const std::string &sql);

private:
    sqlite3 *m_db;
    std::unordered_map<std::string, sqlite3_stmt *> m_statements;
};

// One use of a cached statement. Parameters are 1-based, columns 0-based (as in SQLite).
class StoreStatement
{
public:
    StoreStatement(const Store &store, const std::string &sql);
    ~StoreStatement();
    StoreStatement(const StoreStatement &) = delete;
    StoreStatement &operator=(const StoreStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    void bind(int index, const std::string &text);
    // Binds without copying: `text` must stay unchanged until the statement is reset and
    // rebound or destroyed (hot loops that reuse one statement).
    void bindStatic(int index, const std::string &text);
    void bind(int index, qint64 value);
    void bindJson(int index, const Json &value);
    void bindNull(int index);

    // Reads: true while a row is available; errors set the store's lastError().
    bool next();
    // After next() returned false: true when the rows ran out, false after an error.
    bool exhausted() const { return m_done; }
    // Writes: runs the statement to completion; counts as one write for fault injection.
    bool run();
    // Makes the statement runnable again; the bindings are kept (rebind what changes).
    void reset();
    int changes() const;

    qint64 int64(int column) const;
    std::string text(int column) const;
    Json json(int column) const;
    bool isNull(int column) const;

private:
    bool fail(const char *what);

    const Store &m_store;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_done = false;
};

// Makes one Store call atomic whether or not the caller opened a transaction: a SAVEPOINT that
// is released by release() and rolled back if the scope ends without it.
class WriteScope
{
public:
    // The savepoint statements are prepared once per connection (not re-parsed per call) and
    // do not count as writes for fault injection.
    explicit WriteScope(Store &store);
    ~WriteScope();
    WriteScope(const WriteScope &) = delete;
    WriteScope &operator=(const WriteScope &) = delete;

    bool isValid() const { return m_open; }
    bool release();

private:
    Store &m_store;
    bool m_open = false;
};

std::string dumpJson(const Json &value);
// dumpJson() into `out` (cleared first), reusing its capacity.
void dumpJsonTo(std::string &out, const Json &value);
Json parseJson(const std::string &text);

} // namespace Signalbox
