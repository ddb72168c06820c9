// Store: opening, validating and migrating the database, and transactions. The data access
// functions live in storeexecutions.cpp and storeside.cpp.
#include "signalbox/store.h"

#include "store/memorybackend.h"
#include "store/migrations.h"
#include "store/statement.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

namespace Signalbox {

namespace {
constexpr int busyTimeoutMs = 5000;

QString sqliteMessage(sqlite3 *db)
{
    return QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory");
}

// Reads one integer (PRAGMA or aggregate); false with `message` when the file is unreadable.
bool queryInt(sqlite3 *db, const char *sql, qint64 *value, QString *message)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            *value = sqlite3_column_int64(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK)
        *message = sqliteMessage(db);
    sqlite3_finalize(stmt);
    return rc == SQLITE_OK;
}

QString hostHint(const QString &path)
{
    return QStringLiteral("signalbox serve --db %1").arg(path);
}
} // namespace

std::unique_ptr<Store> Store::open(const QString &path, Mode mode, QString *error,
                                   bool synchronousFull)
{
    QString dummy;
    if (!error)
        error = &dummy;
    const bool memory = path == QLatin1String(":memory:");
    if (path.isEmpty()) {
        *error = QStringLiteral("no database path given");
        return nullptr;
    }
    if (memory && mode == Mode::ReadOnly) {
        *error = QStringLiteral(":memory: databases cannot be opened read-only");
        return nullptr;
    }
    if (!memory) {
        const QFileInfo info(path);
        if (info.isDir()) {
            *error = QStringLiteral("%1 is a folder, not a Signalbox database").arg(path);
            return nullptr;
        }
        if (mode == Mode::ReadOnly && !info.exists()) {
            *error = QStringLiteral("%1: no such database (a Signalbox host creates it; start one "
                                    "with `%2` or open the app)")
                         .arg(path, hostHint(path));
            return nullptr;
        }
        if (!info.exists() && !info.absoluteDir().exists()) {
            *error = QStringLiteral("%1: the folder %2 does not exist")
                         .arg(path, QDir::toNativeSeparators(info.absolutePath()));
            return nullptr;
        }
    }

    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    store->m_mode = mode;
    if (memory) { // nothing to persist or share: no SQLite at all
        store->m_memory = std::make_unique<MemoryBackend>(*store);
        store->m_dbVersion = schemaVersion;
        return store;
    }
    const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const QByteArray nativePath = memory ? QByteArray(":memory:") : QFile::encodeName(path);
    if (sqlite3_open_v2(nativePath.constData(), &store->m_db, flags, nullptr) != SQLITE_OK) {
        *error = QStringLiteral("%1: cannot open the database: %2")
                     .arg(path, sqliteMessage(store->m_db));
        return nullptr;
    }
    sqlite3_extended_result_codes(store->m_db, 1);
    sqlite3_busy_timeout(store->m_db, busyTimeoutMs);

    // Look before writing anything: a file that is not ours must stay untouched.
    qint64 appId = 0, version = 0, tables = 0;
    QString message;
    if (!queryInt(store->m_db, "PRAGMA application_id", &appId, &message)
        || !queryInt(store->m_db, "PRAGMA user_version", &version, &message)
        || !queryInt(store->m_db, "SELECT count(*) FROM sqlite_master", &tables, &message)) {
        *error = QStringLiteral("%1 is not a readable Signalbox database (%2); the file was left "
                                "unchanged")
                     .arg(path, message);
        return nullptr;
    }
    if (appId != applicationId && (version != 0 || tables != 0)) {
        *error = QStringLiteral("%1 is an SQLite database but not a Signalbox database; the file "
                                "was left unchanged")
                     .arg(path);
        return nullptr;
    }
    if (version > schemaVersion) {
        *error = QStringLiteral("%1 was written by a newer Signalbox (schema %2, this build knows "
                                "%3); upgrade Signalbox")
                     .arg(path)
                     .arg(version)
                     .arg(schemaVersion);
        return nullptr;
    }
    store->m_dbVersion = int(version);

    if (mode == Mode::ReadOnly) {
        if (version < schemaVersion) {
            *error = version == 0
                         ? QStringLiteral("%1 is not a Signalbox database yet (it is empty); "
                                          "run the host once to create it (`%2`)")
                               .arg(path, hostHint(path))
                         : QStringLiteral("%1 uses schema %2 (this build knows %3); run the host "
                                          "once to upgrade it (`%4`)")
                               .arg(path)
                               .arg(version)
                               .arg(schemaVersion)
                               .arg(hostHint(path));
            return nullptr;
        }
        store->exec("PRAGMA query_only = ON");
    } else {
        const char *sync
            = synchronousFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        // A new file gets 16 KiB pages (set before WAL, which fixes the page size): fewer,
        // larger writes for the event rows; existing files keep theirs.
        if (tables == 0 && version == 0 && !store->exec("PRAGMA page_size = 16384")) {
            *error = store->m_lastError;
            return nullptr;
        }
        if (!store->exec("PRAGMA journal_mode = WAL") || !store->exec(sync)
            || !store->exec("PRAGMA foreign_keys = ON")
            // The host's batches can be large (a group commit of thousands of transitions):
            // a page cache that holds them avoids spilling pages to the WAL mid-transaction
            // and writing them again (up to 64 MiB, allocated only as needed).
            || !store->exec("PRAGMA cache_size = -65536")
            // Statement journals (the savepoint of each call, multi-row inserts) are scratch
            // data: in memory, not in a temporary file (durability comes from the WAL).
            || !store->exec("PRAGMA temp_store = MEMORY")) {
            *error = store->m_lastError;
            return nullptr;
        }
        if (!store->migrate(error))
            return nullptr;
    }
    store->m_statements = std::make_unique<StatementCache>(store->m_db);
    return store;
}

Store::Store() = default;

Store::~Store()
{
    m_memory.reset();
    m_statements.reset(); // finalize statements before closing
    if (m_db) {
        if (!sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close_v2(m_db);
    }
}

bool Store::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    m_lastError = QStringLiteral("%1: %2").arg(m_path, QString::fromUtf8(message));
    sqlite3_free(message);
    return false;
}

bool Store::migrate(QString *error)
{
    QString loadError;
    const std::vector<Migration> migrations = loadMigrations(&loadError);
    if (!loadError.isEmpty() || int(migrations.size()) != schemaVersion) {
        *error = QStringLiteral("%1: this build's schema is broken: %2")
                     .arg(m_path, loadError.isEmpty() ? QStringLiteral("wrong migration count")
                                                      : loadError);
        return false;
    }
    for (const Migration &m : migrations) {
        if (m.version <= m_dbVersion)
            continue;
        // One transaction per step; re-read the version under the write lock in case another
        // process upgraded the file meanwhile.
        if (!exec("BEGIN IMMEDIATE")) {
            *error = m_lastError;
            return false;
        }
        qint64 current = 0;
        QString message;
        if (!queryInt(m_db, "PRAGMA user_version", &current, &message)) {
            rollback();
            *error = QStringLiteral("%1: %2").arg(m_path, message);
            return false;
        }
        if (current >= m.version) {
            rollback();
            m_dbVersion = int(current);
            continue;
        }
        const QByteArray pragmas = QStringLiteral("PRAGMA application_id = %1; "
                                                  "PRAGMA user_version = %2;")
                                       .arg(applicationId)
                                       .arg(m.version)
                                       .toUtf8();
        if (!exec(m.sql.constData()) || !exec(pragmas.constData()) || !exec("COMMIT")) {
            const QString why = m_lastError;
            rollback();
            *error = QStringLiteral("%1: upgrading to schema %2 (%3) failed; the database was "
                                    "left at schema %4: %5")
                         .arg(m_path)
                         .arg(m.version)
                         .arg(m.fileName)
                         .arg(m_dbVersion)
                         .arg(why);
            return false;
        }
        m_dbVersion = m.version;
    }
    return true;
}

bool Store::checkInjectedFault()
{
    if (m_failAfter <= 0)
        return true;
    if (--m_failAfter > 0)
        return true;
    m_lastError = QStringLiteral("%1: injected fault").arg(m_path);
    return false;
}

bool Store::begin()
{
    if (m_memory)
        return m_memory->begin();
    return exec("BEGIN IMMEDIATE");
}

bool Store::commit()
{
    if (m_memory)
        return m_memory->commit();
    if (checkInjectedFault() && exec("COMMIT"))
        return true;
    // A failed commit never leaves a half-open transaction behind: nothing was persisted.
    const QString why = m_lastError;
    rollback();
    m_lastError = why;
    return false;
}

void Store::rollback()
{
    if (m_memory)
        return m_memory->rollback();
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace Signalbox
