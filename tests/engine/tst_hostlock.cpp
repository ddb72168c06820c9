// Tests of the one-host-per-database lock and the control socket name. A second holder is
// refused with a message naming the first (also through a hard link: the lock is on the file);
// a holder that dies (even by SIGKILL) frees the lock.
// The test binary doubles as the lock-holding child: `tst_hostlock --hold-lock DB`.
#include "signalbox/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using namespace Signalbox;

namespace {
// Child mode: take the lock, say so, hold it until stdin closes (or the process is killed).
int holdLock(const QString &path)
{
    HostLock lock(path);
    QString error;
    if (!lock.tryLock(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        in.readAll(); // returns at EOF
    return 0;
}
} // namespace

class TestHostLock : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Starts a child holding the lock on `db`; returns false if it did not report "locked".
    bool startHolder(QProcess &child, const QString &db)
    {
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--hold-lock"), db});
        child.start();
        if (!child.waitForStarted(60000))
            return false;
        while (!child.canReadLine()) {
            if (!child.waitForReadyRead(60000))
                return false;
        }
        return child.readLine().trimmed() == "locked";
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void secondLockInProcessFails()
    {
        const QString db = m_dir.filePath("a.db");
        HostLock first(db);
        QString error;
        QVERIFY2(first.tryLock(&error), qPrintable(error));
        QVERIFY(first.isLocked());
        QVERIFY(QFile::exists(db)); // created (empty, 0600) to hold the lock
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(db).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QVERIFY(first.tryLock(&error)); // already ours

        HostLock second(db);
        QVERIFY(!second.tryLock(&error));
        QVERIFY(!second.isLocked());
        QVERIFY(second.heldByOther());
        QVERIFY2(
            error.contains(db) && error.contains("another Signalbox host")
                && error.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())),
            qPrintable(error));

        first.unlock();
        QVERIFY(!first.isLocked());
        QVERIFY2(second.tryLock(&error), qPrintable(error));
    }

    void memoryAlwaysLocks()
    {
        HostLock a(QStringLiteral(":memory:"));
        HostLock b(QStringLiteral(":memory:"));
        QVERIFY(a.tryLock(nullptr));
        QVERIFY(b.tryLock(nullptr));
        QVERIFY(HostLock::socketName(QStringLiteral(":memory:")).isEmpty());
    }

    void otherProcessHoldsAndReleases()
    {
        const QString db = m_dir.filePath("b.db");
        QProcess child;
        QVERIFY(startHolder(child, db));
        HostLock lock(db);
        QString error;
        QVERIFY(!lock.tryLock(&error));
        QVERIFY2(error.contains(QStringLiteral("pid %1").arg(child.processId())),
                 qPrintable(error));
        child.closeWriteChannel(); // the child exits normally
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitCode(), 0);
        QVERIFY2(lock.tryLock(&error), qPrintable(error));
    }

    void killedHolderReleases()
    {
        const QString db = m_dir.filePath("c.db");
        QProcess child;
        QVERIFY(startHolder(child, db));
        HostLock lock(db);
        QString error;
        QVERIFY(!lock.tryLock(&error));
        child.kill(); // SIGKILL: no destructor runs; the kernel drops the lock
        QVERIFY(child.waitForFinished(60000));
        QVERIFY2(lock.tryLock(&error), qPrintable(error));
    }

    void differentSpellingsShareOneLock()
    {
        QVERIFY(QDir(m_dir.path()).mkpath("real"));
        const QString link = m_dir.filePath("link");
        QVERIFY(QFile::link(m_dir.filePath("real"), link));
        HostLock a(m_dir.filePath("real/d.db"));
        HostLock b(link + "/./d.db");
        QVERIFY(a.tryLock(nullptr));
        QVERIFY(!b.tryLock(nullptr));
    }

    // A hard link is another path to the same file: it must not give a second host (each would
    // keep its own write-ahead log, and executions started through one would be lost).
    void hardLinkSharesTheLock()
    {
        const QString db = m_dir.filePath("linked.db");
        const QString link = m_dir.filePath("linked-too.db");
        QProcess child;
        QVERIFY(startHolder(child, db));
        QVERIFY(::link(QFile::encodeName(db).constData(), QFile::encodeName(link).constData())
                == 0);
        HostLock second(link);
        QString error;
        QVERIFY(!second.tryLock(&error));
        QVERIFY(second.heldByOther());
        QVERIFY2(error.contains(link) && error.contains("another Signalbox host")
                     && error.contains(QStringLiteral("pid %1").arg(child.processId())),
                 qPrintable(error));
        // Commands through the link reach the host of the file.
        QCOMPARE(HostLock::socketName(link), HostLock::socketName(db));
        child.closeWriteChannel();
        QVERIFY(child.waitForFinished(60000));
        QVERIFY2(second.tryLock(&error), qPrintable(error));
    }

    void missingFolderIsNotAnotherHost()
    {
        HostLock lock(m_dir.filePath("no-such-folder/x.db"));
        QString error;
        QVERIFY(!lock.tryLock(&error));
        QVERIFY(!lock.heldByOther());
        QVERIFY2(error.contains("does not exist") && !error.contains("another"),
                 qPrintable(error));
    }

    void socketName_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("same path") << "x.db"
                                   << "x.db" << true;
        QTest::newRow("dot segment") << "x.db"
                                     << "./x.db" << true;
        QTest::newRow("via symlink") << "real/y.db"
                                     << "link2/y.db" << true;
        QTest::newRow("other file") << "x.db"
                                    << "y.db" << false;
        QTest::newRow("other folder") << "x.db"
                                      << "real/x.db" << false;
    }

    void socketName()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QDir(m_dir.path()).mkpath("real");
        QFile::link(m_dir.filePath("real"), m_dir.filePath("link2"));
        QFile::remove(m_dir.filePath(a));
        QFile::remove(m_dir.filePath(b));
        const QString nameA = HostLock::socketName(m_dir.filePath(a));
        const QString nameB = HostLock::socketName(m_dir.filePath(b));
        QCOMPARE(nameA == nameB, same);
        // In the user's private socket folder, never directly in the shared temporary folder.
        QCOMPARE(QFileInfo(nameA).absolutePath(), HostLock::socketDirectory());
        static const QRegularExpression pattern(QStringLiteral("^signalbox-[0-9a-f]{16}$"));
        QVERIFY2(pattern.match(QFileInfo(nameA).fileName()).hasMatch(), qPrintable(nameA));
        // Once the files exist, the same file (its inode) gives the same name.
        for (const QString &name : {a, b}) {
            QFile f(m_dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QCOMPARE(HostLock::socketName(m_dir.filePath(a)) == HostLock::socketName(m_dir.filePath(b)),
                 same);
    }

    void socketNameIsListenable()
    {
        QLocalServer server;
        QVERIFY(HostLock::checkSocketDirectory(true, nullptr));
        const QString name = HostLock::socketName(m_dir.filePath("listen.db"));
        QVERIFY2(server.listen(name), qPrintable(server.errorString()));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--hold-lock") == 0)
        return holdLock(QString::fromLocal8Bit(argv[2]));
    TestHostLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_hostlock.moc"
