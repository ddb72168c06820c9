// Store: opening, validating and migrating the database, and transactions. The data access
// functions live in storeexecutions.cpp and storeside.cpp.
#include "signalbox/store.h"

#include "store/memorybackend.h"
#include "store/migrations.h"
#include "store/statement.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

qint64 fileSize(const QByteArray &nativePath)
{
    struct stat st = {};
    return ::stat(nativePath.constData(), &st) == 0 ? qint64(st.st_size) : -1;
}

// Cheap checks of an SQLite file's size against its header, run before SQLite reads it (SQLite
// itself reads a file cut in the middle of a page as if the page were not there). Only when no
// write-ahead log holds pages (a checkpoint may be between growing and writing the file).
// Returns the problem, or an empty string.
QString truncation(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    if (fileSize(native + "-wal") > 0)
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = f.size();
    const QByteArray header = f.read(100);
    if (size == 0 || !header.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return {};
    if (header.size() < 100)
        return QStringLiteral("the file ends inside its header (%1 bytes)").arg(size);
    const auto u8 = [&header](int i) { return quint32(quint8(header.at(i))); };
    const auto be32 = [&u8](int i) { return u8(i) << 24 | u8(i + 1) << 16 | u8(i + 2) << 8 | u8(i + 3); };
    qint64 pageSize = u8(16) << 8 | u8(17);
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return {}; // not an SQLite header after all: SQLite says so
    if (size % pageSize != 0)
        return QStringLiteral("its size (%1 bytes) is not a whole number of %2-byte pages; the "
                              "file was probably cut short")
            .arg(size)
            .arg(pageSize);
    const qint64 pages = be32(28);
    if (pages > 0 && be32(92) == be32(24) && pages * pageSize > size)
        return QStringLiteral("its header counts %1 pages but the file holds %2; the file was "
                              "probably cut short")
            .arg(pages)
            .arg(size / pageSize);
    return {};
}

// The reason a host cannot write `path` (an existing file), or an empty string.
QString notWritable(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    if (::access(native.constData(), W_OK) != 0) {
        const int e = errno;
        return e == EROFS ? QStringLiteral("%1 is on a read-only file system").arg(path)
                          : QStringLiteral("%1 is read-only (%2)").arg(path, errnoText(e));
    }
    // SQLite creates <file>-wal and <file>-shm next to the database.
    const QString folder = QFileInfo(path).absolutePath();
    if (::access(QFile::encodeName(folder).constData(), W_OK) != 0) {
        const int e = errno;
        if (::access((native + "-wal").constData(), W_OK) != 0
            || ::access((native + "-shm").constData(), W_OK) != 0)
            return QStringLiteral("the folder %1 is read-only (%2); a host creates %3-wal and "
                                  "%3-shm next to the database")
                .arg(folder, errnoText(e), QFileInfo(path).fileName());
    }
    return {};
}
} // namespace

bool makePrivateFolder(const QString &dir)
{
    const QString clean = QDir::cleanPath(QDir(dir).absolutePath());
    if (QFileInfo(clean).isDir())
        return true;
    const QString parent = QFileInfo(clean).absolutePath();
    if (parent != clean && !makePrivateFolder(parent))
        return false;
    return ::mkdir(QFile::encodeName(clean).constData(), 0700) == 0 || errno == EEXIST;
}

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
        if (info.exists()) {
            const QString cut = truncation(path);
            if (!cut.isEmpty()) {
                *error = QStringLiteral("%1 is damaged: %2; the file was left unchanged (restore "
                                        "a backup)")
                             .arg(path, cut);
                return nullptr;
            }
        }
        if (mode == Mode::ReadWrite && info.exists()) {
            const QString why = notWritable(path);
            if (!why.isEmpty()) {
                *error = QStringLiteral("%1 cannot be hosted: %2. A host must write to the "
                                        "database; readers (list, show, history, the app's "
                                        "monitor) still work")
                             .arg(path, why);
                return nullptr;
            }
        }
        if (mode == Mode::ReadWrite && !info.exists()) {
            // Private from the first byte: SQLite gives -wal and -shm the database's mode.
            const int fd = ::open(QFile::encodeName(path).constData(),
                                  O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0 && errno != EEXIST) {
                const int e = errno;
                *error = e == EACCES || e == EROFS
                             ? QStringLiteral("cannot create the database %1: the folder %2 is "
                                              "read-only (%3)")
                                   .arg(path, info.absolutePath(), errnoText(e))
                             : QStringLiteral("cannot create the database %1: %2")
                                   .arg(path, errnoText(e));
                return nullptr;
            }
            if (fd >= 0)
                ::close(fd);
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
    if (message.isEmpty() && tables > 0 && mode == Mode::ReadWrite) {
        // The host checks the structure before it writes anything (it reads every page;
        // `signalbox check` runs the full integrity_check).
        const QStringList findings = store->quickCheck(10);
        if (!findings.isEmpty()) {
            *error = QStringLiteral("%1 is damaged (SQLite quick_check: %2); the file was left "
                                    "unchanged. Restore a backup, or run `signalbox check --db "
                                    "%1` for the details")
                         .arg(path, findings.join(QStringLiteral("; ")));
            return nullptr;
        }
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
    if (mode == Mode::ReadWrite) {
        // Files written by older versions were created with the umask (often world-readable):
        // executions hold inputs and task output, so other users lose read access.
        const QByteArray native = QFile::encodeName(path);
        for (const QByteArray &f : {native, native + "-wal", native + "-shm"}) {
            struct stat st = {};
            if (::stat(f.constData(), &st) == 0 && (st.st_mode & 0007) != 0)
                ::chmod(f.constData(), st.st_mode & 0770);
        }
        store->walIntact(); // remembers the -wal file's identity
    }
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
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    m_lastError = QStringLiteral("%1: %2").arg(m_path, QString::fromUtf8(message));
    sqlite3_free(message);
    noteFailure(sqlite3_extended_errcode(m_db));
    return false;
}

void Store::noteFailure(int rc) const
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
        m_fault = Fault::Full;
        break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        m_fault = Fault::Io;
        break;
    case SQLITE_READONLY:
        m_fault = Fault::ReadOnly;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        m_fault = Fault::Damaged;
        break;
    default:
        m_fault = Fault::Other;
        break;
    }
}

bool Store::walIntact()
{
    if (m_memory || !m_db || m_mode == Mode::ReadOnly)
        return true;
    const QByteArray wal = QFile::encodeName(m_path) + "-wal";
    struct stat st = {};
    const bool exists = ::stat(wal.constData(), &st) == 0;
    if (m_walInode == 0) { // not seen yet: remember it
        if (exists) {
            m_walDevice = quint64(st.st_dev);
            m_walInode = quint64(st.st_ino);
        }
        return true;
    }
    if (exists && quint64(st.st_dev) == m_walDevice && quint64(st.st_ino) == m_walInode)
        return true;
    // Our connection still has the removed log open: copy what it holds (committed and
    // acknowledged transactions) into the database file before anything else happens.
    int logFrames = -1, copied = -1;
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames,
                                             &copied);
    m_fault = Fault::WalMissing;
    m_lastError = QStringLiteral("the write-ahead log %1-wal was %2 while the host ran; %3. The "
                                 "host stops; start it again")
                      .arg(m_path, exists ? QStringLiteral("replaced") : QStringLiteral("removed"),
                           rc == SQLITE_OK
                               ? QStringLiteral("every committed transaction it held was copied "
                                                "into the database first")
                               : QStringLiteral("copying its transactions into the database "
                                                "failed (%1), so the latest ones may be lost")
                                     .arg(QString::fromUtf8(sqlite3_errstr(rc))));
    return false;
}

QStringList Store::quickCheck(int maxFindings) const
{
    return pragmaCheck(QStringLiteral("quick_check"), maxFindings);
}

QStringList Store::integrityCheck(int maxFindings) const
{
    if (m_memory)
        return {};
    return pragmaCheck(QStringLiteral("integrity_check"), maxFindings);
}

QStringList Store::pragmaCheck(const QString &pragma, int maxFindings) const
{
    QStringList findings;
    const QByteArray sql = QStringLiteral("PRAGMA %1(%2)").arg(pragma).arg(maxFindings).toUtf8();
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const QString line = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
            if (line != QLatin1String("ok"))
                findings.append(line);
        }
    }
    if (rc != SQLITE_DONE)
        findings.append(sqliteMessage(m_db));
    sqlite3_finalize(stmt);
    return findings;
}

bool Store::backupTo(const QString &destination, QString *error) const
{
    if (m_memory) {
        *error = QStringLiteral("an in-memory database cannot be backed up");
        return false;
    }
    const QByteArray native = QFile::encodeName(destination);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(destination, errnoText(errno));
        return false;
    }
    ::close(fd);
    sqlite3 *dest = nullptr;
    int rc = sqlite3_open_v2(native.constData(), &dest, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_backup *backup
        = rc == SQLITE_OK ? sqlite3_backup_init(dest, "main", m_db, "main") : nullptr;
    if (backup) {
        // One step: the copy is one read transaction, a snapshot of the last commit. In WAL
        // mode the host keeps committing meanwhile (steps with commits from another connection
        // in between would restart the copy, maybe forever on a busy host).
        do {
            rc = sqlite3_backup_step(backup, -1);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep(20);
        } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(backup);
    }
    const QString why = QString::fromUtf8(sqlite3_errmsg(dest));
    if (rc == SQLITE_DONE)
        rc = sqlite3_exec(dest, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    sqlite3_close_v2(dest);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("backing up %1 to %2 failed: %3 (%4)")
                     .arg(m_path, destination, QString::fromUtf8(sqlite3_errstr(rc)), why);
        QFile::remove(destination);
        return false;
    }
    return true;
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
    m_fault = Fault::Other;
    return false;
}

bool Store::begin()
{
    m_fault = Fault::None;
    if (m_memory)
        return m_memory->begin();
    if (!walIntact())
        return false;
    return exec("BEGIN IMMEDIATE");
}

bool Store::commit()
{
    if (m_memory)
        return m_memory->commit();
    if (checkInjectedFault() && exec("COMMIT")) {
        walIntact();
        return true;
    }
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
