#include "signalbox/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace Signalbox {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The process holding a flock() on (device, inode), from /proc/locks (Linux); 0 when unknown.
qint64 flockHolder(dev_t device, ino_t inode)
{
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    // "1: FLOCK  ADVISORY  WRITE 27543 fe:00:10953041 0 EOF" (major:minor in hex, inode decimal)
    const QByteArray wanted = QByteArray::number(major(device), 16).rightJustified(2, '0') + ':'
                              + QByteArray::number(minor(device), 16).rightJustified(2, '0') + ':'
                              + QByteArray::number(qulonglong(inode));
    const QByteArray wantedInode = ':' + QByteArray::number(qulonglong(inode));
    qint64 byInode = 0;
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 6 || f.at(1) != "FLOCK" || f.at(3) != "WRITE")
            continue;
        if (f.at(5) == wanted)
            return f.at(4).toLongLong();
        if (f.at(5).endsWith(wantedInode)) // overlay file systems may report another device
            byInode = f.at(4).toLongLong();
    }
    return byInode;
}

QString programOf(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(comm.readAll().trimmed());
}

} // namespace

struct HostLock::Private
{
    QString databasePath;
    int fd = -1;
};

HostLock::HostLock(const QString &databasePath)
    : d(std::make_unique<Private>())
{
    d->databasePath = databasePath;
}

HostLock::~HostLock()
{
    unlock();
}

bool HostLock::tryLock(QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    m_heldByOther = false;
    if (m_locked)
        return true;
    if (d->databasePath == QLatin1String(":memory:")) {
        m_locked = true; // private to this process; nobody else can reach it
        return true;
    }
    const QString path = canonicalPath(d->databasePath);
    const QByteArray native = QFile::encodeName(path);
    const QString folder = QFileInfo(path).absolutePath();
    struct stat st = {};
    const bool exists = ::stat(native.constData(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("%1 is a folder, not a Signalbox database").arg(d->databasePath);
        return false;
    }
    if (!exists && !QFileInfo(folder).isDir()) {
        *error = QStringLiteral("%1: the folder %2 does not exist").arg(d->databasePath, folder);
        return false;
    }
    // Read-write when possible; a read-only file is still locked (the store then refuses it
    // with the real reason), so the message below is never "in use" unless it is.
    int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    int openError = errno;
    if (fd < 0 && exists)
        fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (!exists && (openError == EACCES || openError == EROFS))
            *error = QStringLiteral("cannot create the database %1: the folder %2 is read-only "
                                    "(%3)")
                         .arg(d->databasePath, folder, errnoText(openError));
        else if (!exists && (openError == ENOSPC || openError == EDQUOT))
            *error = QStringLiteral("cannot create the database %1: no space left on the device "
                                    "(%2)")
                         .arg(d->databasePath, errnoText(openError));
        else
            *error = QStringLiteral("cannot open the database %1: %2")
                         .arg(d->databasePath, errnoText(errno));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        d->fd = fd;
        m_locked = true;
        return true;
    }
    const int lockError = errno;
    struct stat held = {};
    ::fstat(fd, &held);
    ::close(fd);
    if (lockError != EWOULDBLOCK) {
        *error = QStringLiteral("cannot lock the database %1: %2")
                     .arg(d->databasePath, errnoText(lockError));
        return false;
    }
    m_heldByOther = true;
    const qint64 pid = flockHolder(held.st_dev, held.st_ino);
    if (pid > 0) {
        const QString app = programOf(pid);
        *error = QStringLiteral("%1 is in use by another Signalbox host (%2, pid %3 on this "
                                "machine); send it commands instead, or stop it first")
                     .arg(d->databasePath, app.isEmpty() ? QStringLiteral("signalbox") : app)
                     .arg(pid);
    } else {
        *error = QStringLiteral("%1 is in use by another Signalbox host (another process holds "
                                "its lock); send it commands instead, or stop it first")
                     .arg(d->databasePath);
    }
    return false;
}

void HostLock::unlock()
{
    if (d && d->fd >= 0) {
        ::flock(d->fd, LOCK_UN);
        ::close(d->fd);
        d->fd = -1;
    }
    m_locked = false;
}

QString HostLock::canonicalPath(const QString &databasePath)
{
    if (databasePath == QLatin1String(":memory:"))
        return databasePath;
    const QFileInfo info(databasePath);
    if (info.exists())
        return info.canonicalFilePath();
    const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
    if (!dir.isEmpty())
        return QDir(dir).filePath(info.fileName());
    return QDir::cleanPath(info.absoluteFilePath());
}

QString HostLock::socketDirectory()
{
    // $XDG_RUNTIME_DIR is private to the user by specification (0700, owned by them); use it
    // only when it really is, else a folder of our own in the temporary folder.
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    struct stat st = {};
    if (!runtime.isEmpty() && runtime.startsWith('/') && ::lstat(runtime.constData(), &st) == 0
        && S_ISDIR(st.st_mode) && st.st_uid == ::getuid() && (st.st_mode & 0077) == 0)
        return QDir(QFile::decodeName(runtime)).filePath(QStringLiteral("signalbox"));
    return QDir(QDir::tempPath()).filePath(QStringLiteral("signalbox-%1").arg(uint(::getuid())));
}

bool HostLock::checkSocketDirectory(bool create, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    const QString dir = socketDirectory();
    const QByteArray native = QFile::encodeName(dir);
    if (create && ::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("cannot create the control socket folder %1: %2")
                     .arg(dir, errnoText(errno));
        return false;
    }
    struct stat st = {};
    if (::lstat(native.constData(), &st) != 0) {
        *error = QStringLiteral("the control socket folder %1 does not exist").arg(dir);
        return false;
    }
    const QString fix = QStringLiteral("; Signalbox uses only a private folder of your own for "
                                       "its control sockets: remove %1 or set XDG_RUNTIME_DIR")
                            .arg(dir);
    if (S_ISLNK(st.st_mode)) {
        *error = QStringLiteral("the control socket folder %1 is a symbolic link").arg(dir) + fix;
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("the control socket folder %1 is not a folder").arg(dir) + fix;
        return false;
    }
    if (st.st_uid != ::getuid()) {
        *error = QStringLiteral("the control socket folder %1 belongs to another user (uid %2)")
                     .arg(dir)
                     .arg(uint(st.st_uid))
                 + fix;
        return false;
    }
    if ((st.st_mode & 0777) != 0700) {
        *error = QStringLiteral("the control socket folder %1 has mode %2, not 0700")
                     .arg(dir, QString::number(st.st_mode & 0777, 8).rightJustified(4, u'0'))
                 + fix;
        return false;
    }
    return true;
}

QString HostLock::socketName(const QString &databasePath)
{
    if (databasePath == QLatin1String(":memory:"))
        return {};
    // Keyed by the file's identity (device and inode) once it exists, so that every path to
    // it, hard links and bind mounts included, reaches the one host; by its path before.
    QByteArray key = canonicalPath(databasePath).toUtf8();
    struct stat st = {};
    if (::stat(QFile::encodeName(databasePath).constData(), &st) == 0 && S_ISREG(st.st_mode))
        key = "inode:" + QByteArray::number(qulonglong(st.st_dev)) + ':'
              + QByteArray::number(qulonglong(st.st_ino));
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    return QDir(socketDirectory())
        .filePath(QStringLiteral("signalbox-%1").arg(QString::fromLatin1(digest.toHex().left(16))));
}

} // namespace Signalbox
