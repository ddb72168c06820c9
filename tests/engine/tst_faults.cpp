// Fault injection against the real store, engine, lock and control socket: a full disk (an SQLite
// VFS shim that fails writes with SQLITE_FULL while a flag is set), read-only files and folders,
// a file cut short, flipped bytes, a write-ahead log removed under a running host, a hard link,
// an unsafe control socket folder, and clients that are slow or many. Each case checks the
// message a person gets and that nothing acknowledged (committed) is lost.
// The binary doubles as a host that runs as another user: `tst_faults --open DB` (used through
// setpriv when the tests run as root, since root writes to read-only files).
#include "enginetesthelpers.h"
#include "faultvfs.h"

#include "signalbox/control.h"
#include "signalbox/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Signalbox;
using namespace EngineTest;
using namespace FaultVfs;

namespace {

constexpr int waitMs = 60000;

// ---- Helpers

const char *passYaml = R"(workflow:
  name: pass
  start_at: a
  states:
    a:
      type: pass
      end: true
)";

const char *waitYaml = R"(workflow:
  name: waits
  start_at: ask
  states:
    ask:
      type: wait_for_event
      event: go
      end: true
)";

std::string startOne(Engine &engine, const char *yaml, const std::string &name = {})
{
    const Definition def = definition(yaml);
    OperationResult r = engine.start(def, yaml, QString(), Json::object(), name);
    return r.ok ? r.executionId : std::string();
}

int countAll(const QString &db)
{
    QString error;
    std::unique_ptr<Store> store = Store::open(db, Store::Mode::ReadOnly, &error);
    if (!store) {
        qWarning("%s", qPrintable(error));
        return -1;
    }
    return store->countExecutions();
}

int sqlExec(const QString &db, const char *sql)
{
    sqlite3 *h = nullptr;
    int rc = sqlite3_open(QFile::encodeName(db).constData(), &h);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, sql, nullptr, nullptr, nullptr);
    sqlite3_close(h);
    return rc;
}

ControlReply sendFromThread(const QString &db, const Json &request)
{
    ControlReply reply;
    std::unique_ptr<QThread> thread(
        QThread::create([&] { reply = ControlClient(db).send(request, waitMs); }));
    thread->start();
    if (!QTest::qWaitFor([&] { return thread->isFinished(); }, waitMs + 10000))
        qWarning("the client thread did not finish in time");
    thread->wait();
    return reply;
}

// Child mode: what a host's Store::open says about DB (exit 0 when it opened).
int openAndReport(const QString &db)
{
    QString error;
    std::unique_ptr<Store> store = Store::open(db, Store::Mode::ReadWrite, &error);
    std::fprintf(stderr, "%s\n", qPrintable(store ? QStringLiteral("opened") : error));
    return store ? 0 : 1;
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshDb() { return m_dir.filePath(QStringLiteral("f%1.db").arg(++m_counter)); }

    // Opens `db` read-write as a user for whom file modes count: this process when it is not
    // root, else this binary in child mode under setpriv as nobody. Returns the message.
    QString openAsUser(const QString &db, bool *opened)
    {
        if (::geteuid() != 0) {
            QString error;
            *opened = Store::open(db, Store::Mode::ReadWrite, &error) != nullptr;
            return error;
        }
        QProcess child;
        child.start(QStringLiteral("setpriv"),
                    {"--reuid=65534", "--regid=65534", "--clear-groups",
                     QCoreApplication::applicationFilePath(), "--open", db});
        if (!child.waitForFinished(waitMs)) {
            *opened = false;
            return QStringLiteral("child did not finish");
        }
        *opened = child.exitCode() == 0;
        return QString::fromLocal8Bit(child.readAllStandardError()).trimmed();
    }

    bool canRunAsOtherUser()
    {
        if (::geteuid() != 0)
            return true;
        QProcess probe;
        probe.start(QStringLiteral("setpriv"), {"--reuid=65534", "--regid=65534",
                                                "--clear-groups",
                                                QCoreApplication::applicationFilePath(),
                                                "--open", "/nonexistent-folder/x.db"});
        return probe.waitForFinished(waitMs) && probe.exitStatus() == QProcess::NormalExit
               && probe.exitCode() == 1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        installShim();
    }

    void cleanup() { diskFull = false; }

    // A full disk: the engine retries with backoff, says so once, and continues by itself when
    // space returns; what was committed before stays and what was queued meanwhile is applied.
    void diskFullIsRetriedUntilSpaceReturns()
    {
        const QString db = freshDb();
        std::string before, during;
        {
            Engine engine;
            QString error;
            QVERIFY2(engine.open(db, &error), qPrintable(error));
            QSignalSpy fault(&engine, &Engine::storageFault);
            QSignalSpy recovered(&engine, &Engine::storageRecovered);
            QSignalSpy warnings(&engine, &Engine::warning);
            before = startOne(engine, passYaml);
            engine.flush();
            QCOMPARE(engine.status(before), ExecutionStatus::Succeeded);

            diskFull = true;
            const int failedBefore = failedWrites;
            during = startOne(engine, passYaml);
            QVERIFY(!during.empty());
            engine.flush();
            QCOMPARE(fault.count(), 1);
            QVERIFY2(fault.at(0).at(0).toString().contains("full"),
                     qPrintable(fault.at(0).at(0).toString()));
            QVERIFY(!engine.storageProblem().isEmpty());
            // Several retries fail, and the person is told once, not once per retry.
            QTRY_VERIFY_WITH_TIMEOUT(failedWrites > failedBefore + 3, waitMs);
            QCOMPARE(fault.count(), 1);
            QCOMPARE(warnings.count(), 0);
            QVERIFY(engine.status(during) != ExecutionStatus::Succeeded);

            diskFull = false; // space returns
            QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, waitMs);
            QTRY_COMPARE_WITH_TIMEOUT(engine.status(during), ExecutionStatus::Succeeded, waitMs);
            QVERIFY(engine.storageProblem().isEmpty());
        }
        QString error;
        std::unique_ptr<Store> store = Store::open(db, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->execution(before)->status, ExecutionStatus::Succeeded);
        QCOMPARE(store->execution(during)->status, ExecutionStatus::Succeeded);
        QVERIFY(store->integrityCheck().isEmpty());
    }

    void readOnlyFileIsRefused()
    {
        if (!canRunAsOtherUser())
            QSKIP("runs as root without setpriv: root writes to read-only files");
        QDir dir(m_dir.filePath("ro-file"));
        QVERIFY(dir.mkpath("."));
        const QString db = dir.filePath("ro.db");
        {
            Engine engine;
            QVERIFY(engine.open(db, nullptr));
            startOne(engine, passYaml);
            engine.flush();
        }
        const QByteArray content = [&] {
            QFile f(db);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);
        ::chmod(QFile::encodeName(dir.path()).constData(), 0777);
        ::chmod(QFile::encodeName(db).constData(), 0444);
        if (::geteuid() == 0)
            QVERIFY(::chown(QFile::encodeName(db).constData(), 65534, 65534) == 0);
        bool opened = true;
        const QString message = openAsUser(db, &opened);
        QVERIFY(!opened);
        QVERIFY2(message.contains(db) && message.contains("read-only")
                     && !message.contains("another"),
                 qPrintable(message));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void readOnlyFolderIsRefused()
    {
        if (!canRunAsOtherUser())
            QSKIP("runs as root without setpriv: root writes to read-only folders");
        QDir dir(m_dir.filePath("ro-folder"));
        QVERIFY(dir.mkpath("."));
        const QString db = dir.filePath("new.db");
        ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);
        ::chmod(QFile::encodeName(dir.path()).constData(), 0555);
        bool opened = true;
        const QString message = openAsUser(db, &opened);
        QVERIFY(!opened);
        QVERIFY2(message.contains(db) && message.contains("read-only")
                     && message.contains(dir.path()) && !message.contains("another"),
                 qPrintable(message));
        QVERIFY(!QFile::exists(db));
    }

    // A file cut short by one byte is refused by hosts and readers alike, and left unchanged.
    void truncatedFileIsRefused()
    {
        const QString db = freshDb();
        {
            Engine engine;
            QVERIFY(engine.open(db, nullptr));
            for (int i = 0; i < 20; ++i)
                startOne(engine, passYaml);
            engine.flush();
        }
        QVERIFY(!QFile::exists(db + "-wal") || QFileInfo(db + "-wal").size() == 0);
        const qint64 size = QFileInfo(db).size();
        QVERIFY(::truncate(QFile::encodeName(db).constData(), size - 1) == 0);
        for (Store::Mode mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
            QString error;
            QVERIFY(!Store::open(db, mode, &error));
            QVERIFY2(error.contains(db) && error.contains("damaged")
                         && error.contains("cut short"),
                     qPrintable(error));
        }
        QCOMPARE(QFileInfo(db).size(), size - 1);
    }

    // Flipped bytes in the b-tree structure: the host's quick_check refuses the file.
    void flippedBytesAreRefused()
    {
        const QString db = freshDb();
        {
            Engine engine;
            QVERIFY(engine.open(db, nullptr));
            for (int i = 0; i < 50; ++i)
                startOne(engine, waitYaml);
            engine.flush();
        }
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray data = f.readAll();
        const int pageSize = (quint8(data.at(16)) << 8) | quint8(data.at(17));
        // Every b-tree page after the first: scramble its cell pointer array.
        for (int page = 1; (page + 1) * pageSize <= data.size(); ++page) {
            for (int i = 8; i < 24; ++i)
                data[page * pageSize + i] = char(data.at(page * pageSize + i) ^ 0x5a);
        }
        QVERIFY(f.seek(0));
        QCOMPARE(f.write(data), qint64(data.size()));
        f.close();
        QString error;
        QVERIFY(!Store::open(db, Store::Mode::ReadWrite, &error));
        QVERIFY2(error.contains(db) && error.contains("damaged") && error.contains("quick_check"),
                 qPrintable(error));
        QVERIFY(!QFile::exists(db + "-wal") || QFileInfo(db + "-wal").size() == 0);
    }

    // The write-ahead log removed under a running host: the next commit notices, copies what
    // the removed log held into the database, and the engine stops with a clear message.
    void removedWalStopsTheHost()
    {
        const QString db = freshDb();
        std::vector<std::string> acknowledged;
        {
            Engine engine;
            QVERIFY(engine.open(db, nullptr));
            QSignalSpy failed(&engine, &Engine::storageFailed);
            for (int i = 0; i < 5; ++i) {
                acknowledged.push_back(startOne(engine, waitYaml));
                engine.flush();
            }
            QVERIFY(QFile::exists(db + "-wal"));
            QVERIFY(QFile::remove(db + "-wal"));
            startOne(engine, passYaml);
            engine.flush();
            QCOMPARE(failed.count(), 1);
            const QString message = failed.at(0).at(0).toString();
            QVERIFY2(message.contains(db + "-wal") && message.contains("removed")
                         && message.contains("copied into the database"),
                     qPrintable(message));
            QVERIFY(!engine.storageProblem().isEmpty());
        }
        QString error;
        std::unique_ptr<Store> store = Store::open(db, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        for (const std::string &id : acknowledged) {
            QVERIFY2(store->execution(id), id.c_str());
            QCOMPARE(store->execution(id)->status, ExecutionStatus::Waiting);
        }
        QVERIFY(store->integrityCheck().isEmpty());
    }

    // A hard link is the same file: the host's lock is on the file, so a second host through
    // the link is refused and its commands reach the first.
    void hardLinkGivesOneHost()
    {
        const QString db = freshDb();
        const QString link = m_dir.filePath("hard-link.db");
        HostLock first(db);
        QVERIFY(first.tryLock(nullptr));
        QVERIFY(::link(QFile::encodeName(db).constData(), QFile::encodeName(link).constData())
                == 0);
        HostLock second(link);
        QString error;
        QVERIFY(!second.tryLock(&error));
        QVERIFY2(error.contains("another Signalbox host")
                     && error.contains(QString::number(QCoreApplication::applicationPid())),
                 qPrintable(error));
        ControlServer server;
        server.setHandler([](const Json &) { return Json{{"who", "first"}}; });
        QVERIFY2(server.listen(db, &error), qPrintable(error));
        const ControlReply reply = sendFromThread(link, {{"command", "status"}});
        QVERIFY2(reply.ok() && reply.result == Json({{"who", "first"}}), qPrintable(reply.error));
    }

    void unsafeSocketFolderIsRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("mode 0755") << "mode"
                                   << "has mode 0755, not 0700";
        QTest::newRow("symlink") << "symlink"
                                 << "is a symbolic link";
        QTest::newRow("another user's") << "owner"
                                        << "belongs to another user";
    }

    // Another user (or a mistake) put the socket folder there first: the host refuses to listen
    // and clients refuse to send, both naming the folder.
    void unsafeSocketFolderIsRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        if (kind == "owner" && ::geteuid() != 0)
            QSKIP("needs root to create a folder owned by another user");
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        auto restore = qScopeGuard([&] {
            if (saved.isEmpty())
                qunsetenv("XDG_RUNTIME_DIR");
            else
                qputenv("XDG_RUNTIME_DIR", saved);
        });
        const QString folder = runtime.filePath("signalbox");
        QCOMPARE(HostLock::socketDirectory(), folder);
        if (kind == "mode") {
            QVERIFY(QDir().mkdir(folder));
            ::chmod(QFile::encodeName(folder).constData(), 0755);
        } else if (kind == "symlink") {
            QVERIFY(QDir().mkdir(runtime.filePath("elsewhere")));
            QVERIFY(QFile::link(runtime.filePath("elsewhere"), folder));
        } else {
            QVERIFY(QDir().mkdir(folder));
            ::chmod(QFile::encodeName(folder).constData(), 0700);
            QVERIFY(::chown(QFile::encodeName(folder).constData(), 65534, 65534) == 0);
        }
        const QString db = freshDb();
        ControlServer server;
        QString error;
        QVERIFY(!server.listen(db, &error));
        QVERIFY2(error.contains(folder) && error.contains(message), qPrintable(error));
        const ControlReply reply = ControlClient(db).send({{"command", "ping"}}, 2000);
        QCOMPARE(reply.status, ControlReply::Status::NoHost); // none of ours can be there
        QVERIFY2(reply.error.contains(folder) && reply.error.contains(message),
                 qPrintable(reply.error));
    }

    void socketFolderIsPrivate()
    {
        const QString db = freshDb();
        ControlServer server;
        QVERIFY(server.listen(db, nullptr));
        struct stat st = {};
        QCOMPARE(::lstat(QFile::encodeName(HostLock::socketDirectory()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u);
        QCOMPARE(st.st_uid, ::getuid());
        QVERIFY(server.socketName().startsWith(HostLock::socketDirectory() + '/'));
    }

    // Databases, their -wal and -shm, are private to the user.
    void databaseIsPrivate()
    {
        const QString db = freshDb();
        Engine engine;
        QVERIFY(engine.open(db, nullptr));
        startOne(engine, passYaml);
        engine.flush();
        for (const QString &f : {db, db + "-wal", db + "-shm"}) {
            struct stat st = {};
            QCOMPARE(::stat(QFile::encodeName(f).constData(), &st), 0);
            QVERIFY2((st.st_mode & 0777) == 0600, qPrintable(f));
        }
    }

    // Folders made for databases are private; existing ones are left alone.
    void databaseFoldersArePrivate()
    {
        const QString top = m_dir.filePath("home-like");
        QVERIFY(QDir().mkpath(top));
        ::chmod(QFile::encodeName(top).constData(), 0755);
        const QString deep = top + "/share/Signalbox/signalbox";
        QVERIFY(makePrivateFolder(deep));
        for (const QString &f : {top + "/share", top + "/share/Signalbox", deep}) {
            struct stat st = {};
            QCOMPARE(::stat(QFile::encodeName(f).constData(), &st), 0);
            QVERIFY2((st.st_mode & 0777) == 0700, qPrintable(f));
        }
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(top).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0755u);
    }

    // A client that trickles a byte at a time cannot hold a connection open: the deadline is for
    // the whole request, from its first byte.
    void tricklingClientIsCut()
    {
        const QString db = freshDb();
        ControlServer server;
        server.setMessageTimeout(300);
        server.setIdleTimeout(600000);
        QVERIFY(server.listen(db, nullptr));
        QLocalSocket socket;
        socket.connectToServer(HostLock::socketName(db));
        QVERIFY(socket.waitForConnected(waitMs));
        QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
        QSignalSpy refused(&server, &ControlServer::requestHandled);
        QByteArray received;
        connect(&socket, &QLocalSocket::readyRead, &socket,
                [&] { received += socket.readAll(); });
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, &socket, [&socket] {
            if (socket.state() == QLocalSocket::ConnectedState)
                socket.write(" ");
        });
        socket.write("{");
        trickle.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, waitMs);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, waitMs);
        QCOMPARE(refused.count(), 1); // the server cut it (not the client going away)
        QCOMPARE(refused.at(0).at(1).toBool(), false);
        // The reason is sent first; the client usually reads it before its next write fails.
        QVERIFY2(received.isEmpty() || received.contains("request incomplete"),
                 received.constData());
    }

    // Many idle connections do not lock out a new command: the quietest one makes room.
    void manyIdleClientsDoNotLockOut()
    {
        const QString db = freshDb();
        ControlServer server;
        server.setHandler([](const Json &) { return Json{{"served", true}}; });
        QVERIFY(server.listen(db, nullptr));
        std::vector<std::unique_ptr<QLocalSocket>> idle;
        for (int i = 0; i < ControlServer::maxConnections + 6; ++i) {
            auto s = std::make_unique<QLocalSocket>();
            s->connectToServer(HostLock::socketName(db));
            QVERIFY(s->waitForConnected(waitMs));
            s->write("{\"command\":"); // half a request, then nothing
            s->flush();
            idle.push_back(std::move(s));
            QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(),
                                      std::min(i + 1, ControlServer::maxConnections), waitMs);
        }
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() == ControlServer::maxConnections,
                                 waitMs);
        const ControlReply reply = sendFromThread(db, {{"command", "status"}});
        QVERIFY2(reply.ok() && reply.result == Json({{"served", true}}), qPrintable(reply.error));
    }

    // An execution whose stored definition no longer parses is reported, not waited on.
    void unparsableDefinitionIsReported()
    {
        const QString db = freshDb();
        std::string id;
        {
            Engine engine;
            QVERIFY(engine.open(db, nullptr));
            id = startOne(engine, waitYaml);
            engine.flush();
        }
        QCOMPARE(sqlExec(db, "UPDATE definitions SET source = 'workflow: [unclosed'"), SQLITE_OK);
        Engine engine;
        QVERIFY(engine.open(db, nullptr));
        const QString problem = engine.resumeProblem(id);
        QVERIFY2(problem.contains("no longer parses"), qPrintable(problem));
        QCOMPARE(countAll(db), 1);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--open") == 0)
        return openAndReport(QString::fromLocal8Bit(argv[2]));
    TestFaults test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_faults.moc"
