#include "store/statement.h"

#include "store/compactjson.h"

#include "signalbox/jsonread.h"
#include "signalbox/store.h"

#include <sqlite3.h>

namespace Signalbox {

StatementCache::~StatementCache()
{
    for (auto &entry : m_statements)
        sqlite3_finalize(entry.second);
}

sqlite3_stmt *StatementCache::get(const std::string &sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return it->second;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr)
        != SQLITE_OK)
        return nullptr;
    m_statements.emplace(sql, stmt);
    return stmt;
}

StoreStatement::StoreStatement(const Store &store, const std::string &sql)
    : m_store(store)
{
    if (!store.m_db || !store.m_statements) {
        store.m_lastError = QStringLiteral("the database is not open");
        return;
    }
    m_stmt = store.m_statements->get(sql);
    if (!m_stmt)
        fail("prepare");
}

StoreStatement::~StoreStatement()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

void StoreStatement::bind(int index, const std::string &text)
{
    if (m_stmt)
        sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
}

void StoreStatement::bindStatic(int index, const std::string &text)
{
    if (m_stmt)
        sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_STATIC);
}

void StoreStatement::bind(int index, qint64 value)
{
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index, value);
}

void StoreStatement::bindJson(int index, const Json &value)
{
    bind(index, dumpJson(value));
}

void StoreStatement::bindNull(int index)
{
    if (m_stmt)
        sqlite3_bind_null(m_stmt, index);
}

bool StoreStatement::next()
{
    if (!m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    m_done = rc == SQLITE_DONE;
    if (!m_done)
        fail("read");
    return false;
}

bool StoreStatement::run()
{
    if (!m_stmt)
        return false;
    if (!const_cast<Store &>(m_store).checkInjectedFault())
        return false;
    int rc = sqlite3_step(m_stmt);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_DONE)
        return fail("write");
    return true;
}

void StoreStatement::reset()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

int StoreStatement::changes() const
{
    return m_store.m_db ? sqlite3_changes(m_store.m_db) : 0;
}

qint64 StoreStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::string StoreStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return std::string(data, std::size_t(sqlite3_column_bytes(m_stmt, column)));
}

Json StoreStatement::json(int column) const
{
    return parseJson(text(column));
}

bool StoreStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool StoreStatement::fail(const char *what)
{
    m_store.m_lastError = QStringLiteral("%1: database %2 failed: %3")
                              .arg(m_store.m_path, QLatin1String(what),
                                   QString::fromUtf8(sqlite3_errmsg(m_store.m_db)));
    m_store.noteFailure(sqlite3_extended_errcode(m_store.m_db));
    return false;
}

namespace {
// Runs a cached statement that is not a data write (savepoints); false with lastError set.
bool runControl(sqlite3 *db, StatementCache &cache, const char *sql, QString *lastError,
                const QString &path)
{
    sqlite3_stmt *stmt = cache.get(sql);
    int rc = stmt ? sqlite3_step(stmt) : SQLITE_ERROR;
    if (stmt)
        sqlite3_reset(stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    *lastError = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db)));
    return false;
}
} // namespace

WriteScope::WriteScope(Store &store)
    : m_store(store)
{
    if (store.m_mode == Store::Mode::ReadOnly) {
        store.m_lastError = QStringLiteral("%1: opened read-only").arg(store.m_path);
        return;
    }
    if (!store.m_statements) {
        store.m_lastError = QStringLiteral("the database is not open");
        return;
    }
    m_open = runControl(store.m_db, *store.m_statements, "SAVEPOINT store_call", &store.m_lastError,
                        store.m_path);
}

WriteScope::~WriteScope()
{
    if (!m_open)
        return;
    const QString why = m_store.m_lastError; // keep the error that made us roll back
    QString ignored;
    runControl(m_store.m_db, *m_store.m_statements, "ROLLBACK TO store_call", &ignored,
               m_store.m_path);
    runControl(m_store.m_db, *m_store.m_statements, "RELEASE store_call", &ignored, m_store.m_path);
    m_store.m_lastError = why;
}

bool WriteScope::release()
{
    if (!m_open)
        return false;
    m_open = false;
    return runControl(m_store.m_db, *m_store.m_statements, "RELEASE store_call",
                      &m_store.m_lastError, m_store.m_path);
}

std::string dumpJson(const Json &value)
{
    std::string out;
    appendCompactJson(out, value);
    return out;
}

void dumpJsonTo(std::string &out, const Json &value)
{
    out.clear();
    appendCompactJson(out, value);
}

Json parseJson(const std::string &text)
{
    if (text.empty())
        return nullptr;
    // Bounded like every JSON text (a database file is not trusted more than any other file);
    // no size limit: the payload limit bounds what the engine writes.
    std::optional<Json> value = readJson(text, nullptr, {kJsonMaxDepth, 0});
    return value ? std::move(*value) : Json(nullptr);
}

} // namespace Signalbox
