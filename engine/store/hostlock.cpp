#include "signalbox/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>

#include <unistd.h>

namespace Signalbox {

struct HostLock::Private
{
    QString databasePath;
    std::unique_ptr<QLockFile> lockFile;
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
    if (m_locked)
        return true;
    if (d->databasePath == QLatin1String(":memory:")) {
        m_locked = true; // private to this process; nobody else can reach it
        return true;
    }
    const QString lockPath = canonicalPath(d->databasePath) + QStringLiteral(".lock");
    d->lockFile = std::make_unique<QLockFile>(lockPath);
    // Held for the life of the host: never stale by age, only when the holder is gone (QLockFile
    // checks the recorded pid on this host).
    d->lockFile->setStaleLockTime(0);
    if (d->lockFile->tryLock(0)) {
        m_locked = true;
        return true;
    }
    QString message;
    switch (d->lockFile->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host, app;
        if (d->lockFile->getLockInfo(&pid, &host, &app)) {
            message = QStringLiteral("%1 is in use by another Signalbox host (%2, pid %3 on %4); "
                                     "send it commands instead, or stop it first")
                          .arg(d->databasePath, app.isEmpty() ? QStringLiteral("signalbox") : app)
                          .arg(pid)
                          .arg(host.isEmpty() ? QStringLiteral("this machine") : host);
        } else {
            message = QStringLiteral("%1 is in use by another Signalbox host (lock file %2)")
                          .arg(d->databasePath, lockPath);
        }
        break;
    }
    case QLockFile::PermissionError:
        message = QStringLiteral("cannot create the lock file %1: permission denied").arg(lockPath);
        break;
    default:
        message = QStringLiteral("cannot create the lock file %1").arg(lockPath);
        break;
    }
    d->lockFile.reset();
    if (error)
        *error = message;
    return false;
}

void HostLock::unlock()
{
    if (d && d->lockFile)
        d->lockFile->unlock();
    if (d)
        d->lockFile.reset();
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

QString HostLock::socketName(const QString &databasePath)
{
    if (databasePath == QLatin1String(":memory:"))
        return {};
    const QByteArray digest = QCryptographicHash::hash(canonicalPath(databasePath).toUtf8(),
                                                       QCryptographicHash::Sha256);
    return QStringLiteral("signalbox-%1-%2")
        .arg(QString::fromLatin1(digest.toHex().left(16)))
        .arg(uint(::getuid()));
}

} // namespace Signalbox
