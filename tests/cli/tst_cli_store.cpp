// The store's safety as a user meets it on the command line: `check` (integrity and every
// history replayed against its execution) finds a flipped byte in a payload, `backup` copies a
// database consistently while a host writes to it, a hard link does not give a second host,
// a damaged file is refused with its cause (never "another host"), and `resume` of an execution
// whose stored workflow no longer parses ends with a message instead of waiting forever.
#include "clitesthelpers.h"
#include "engine/enginetesthelpers.h"

#include "cli.h"
#include "engine/faultvfs.h"
#include "host.h"

#include "signalbox/control.h"
#include "signalbox/json.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

using Signalbox::ControlClient;
using Signalbox::Json;
using namespace Signalbox::Cli;

using CliTest::Result;
using CliTest::runCli;

class TestCliStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshDb() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_counter)); }

    QString write(const QString &name, const QByteArray &text)
    {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }
    // Starts `signalbox serve --db db` and waits until it answers a ping.
    static bool startHost(QProcess &host, const QString &db)
    {
        host.start(QStringLiteral(SIGNALBOX_BINARY), {"serve", "--db", db});
        if (!host.waitForStarted(60000))
            return false;
        return QTest::qWaitFor([&] { return ControlClient(db).isHostRunning(1000); }, 60000);
    }
    static void stopHost(QProcess &host)
    {
        host.terminate();
        if (!host.waitForFinished(60000))
            host.kill();
    }

    QString m_pass;
    QString m_wait;

private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(SIGNALBOX_BINARY)));
        m_pass = write("pass.yaml", "workflow:\n  name: pass\n  start_at: a\n  states:\n"
                                    "    a:\n      type: pass\n      end: true\n");
        m_wait = write("wait.yaml", "workflow:\n  name: waits\n  start_at: ask\n  states:\n"
                                    "    ask:\n      type: wait_for_event\n      event: go\n"
                                    "      end: true\n");
    }

    void checkPassesASoundDatabase()
    {
        const QString db = freshDb();
        QCOMPARE(runCli({"run", m_pass, "--db", db}).code, 0);
        const Result r = runCli({"check", "--db", db});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(": ok") && r.out.contains("1 executions"), r.out.constData());
    }

    // A byte flipped inside a payload leaves the file's structure intact (integrity_check and
    // `list` see nothing); the replay of the history against the row finds it.
    void checkFindsAFlippedPayloadByte()
    {
        const QString db = freshDb();
        const Result run = runCli({"run", m_pass, "--input", "{\"customer\":\"QQQQZZZZ\"}",
                                   "--db", db});
        QCOMPARE(run.code, 0);
        QVERIFY(!QFile::exists(db + "-wal")); // the host checkpointed on exit
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray data = f.readAll();
        const qsizetype at = data.indexOf("QQQQZZZZ");
        QVERIFY(at > 0);
        data[at + 4] = 'Y'; // one byte, in whichever row comes first in the file
        QVERIFY(f.seek(0));
        f.write(data);
        f.close();
        QCOMPARE(runCli({"list", "--db", db}).code, 0); // readers cannot tell
        const Result r = runCli({"check", "--db", db});
        QCOMPARE(r.code, int(Invalid));
        QVERIFY2(r.out.contains("execution ") && r.out.contains("differs"), r.out.constData());
        QVERIFY2(r.err.contains("1 problem"), r.err.constData());
    }

    void checkFindsStructuralDamage()
    {
        const QString db = freshDb();
        for (int i = 0; i < 30; ++i)
            QCOMPARE(runCli({"run", m_pass, "--db", db}).code, 0);
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray data = f.readAll();
        const int pageSize = (quint8(data.at(16)) << 8) | quint8(data.at(17));
        for (int page = 1; (page + 1) * pageSize <= data.size(); ++page)
            for (int i = 8; i < 24; ++i)
                data[page * pageSize + i] = char(data.at(page * pageSize + i) ^ 0x5a);
        QVERIFY(f.seek(0));
        f.write(data);
        f.close();
        const Result r = runCli({"check", "--db", db});
        QCOMPARE(r.code, int(Invalid));
        QVERIFY2(r.out.contains("integrity: "), r.out.constData());
        // The host refuses it, naming the cause; it is not "another host".
        const Result serve = runCli({"serve", "--db", db});
        QCOMPARE(serve.code, int(Invalid));
        QVERIFY2(serve.err.contains("damaged") && !serve.err.contains("another"),
                 serve.err.constData());
    }

    // A backup taken while a host runs is a consistent database holding every acknowledged
    // execution, private to the user, and never overwrites a file.
    void backupWhileAHostRuns()
    {
        const QString db = freshDb();
        QProcess host;
        QVERIFY(startHost(host, db));
        QStringList ids;
        for (int i = 0; i < 10; ++i) {
            const Result r = runCli({"start", m_wait, "--db", db});
            QCOMPARE(r.code, 0);
            ids.append(QString::fromUtf8(r.out.trimmed()));
        }
        const QString copy = m_dir.filePath("copy.db");
        const Result r = runCli({"backup", copy, "--db", db});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("10 executions"), r.out.constData());
        const Result again = runCli({"backup", copy, "--db", db});
        QCOMPARE(again.code, int(Invalid));
        QVERIFY2(again.err.contains("already exists"), again.err.constData());
        stopHost(host);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(copy).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        const Result check = runCli({"check", "--db", copy});
        QVERIFY2(check.code == 0, check.out.constData());
        const Result list = runCli({"list", "--db", copy});
        for (const QString &id : ids)
            QVERIFY2(list.out.contains(id.toUtf8()), qPrintable(id));
    }

    // Two paths to one file (a hard link): one host; commands through the link reach it, and
    // what they start is in the file.
    void hardLinkGivesOneHost()
    {
        const QString db = freshDb();
        const QString link = m_dir.filePath("link-to-host.db");
        QProcess host;
        QVERIFY(startHost(host, db));
        QVERIFY(::link(QFile::encodeName(db).constData(), QFile::encodeName(link).constData())
                == 0);
        const Result second = runCli({"serve", "--db", link});
        QCOMPARE(second.code, int(Invalid));
        QVERIFY2(second.err.contains("in use by another Signalbox host")
                     && second.err.contains(QByteArray::number(host.processId())),
                 second.err.constData());
        const Result start = runCli({"start", m_wait, "--db", link});
        QVERIFY2(start.code == 0, start.err.constData());
        stopHost(host);
        const Result list = runCli({"list", "--db", db});
        QVERIFY2(list.out.contains(start.out.trimmed()), list.out.constData());
    }

    // A host says "ok" only for what is durable: while the disk is full (an SQLite VFS shim in
    // this process) a start is answered "not saved yet", and applied once space returns.
    void diskFullIsNotAcknowledged()
    {
        FaultVfs::installShim();
        const QString db = freshDb();
        Host host;
        QString error;
        QVERIFY2(host.open(db, &error), qPrintable(error));
        FaultVfs::diskFull = true;
        Signalbox::ControlReply reply;
        std::unique_ptr<QThread> client(QThread::create([&] {
            reply = ControlClient(db).send(
                {{"command", "start"}, {"file", m_pass.toStdString()}, {"by", "test"}}, 60000);
        }));
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(client->isFinished(), 70000);
        client->wait();
        FaultVfs::diskFull = false;
        QCOMPARE(reply.status, Signalbox::ControlReply::Status::Refused);
        QVERIFY2(reply.error.contains("not saved yet") && reply.error.contains("queued"),
                 qPrintable(reply.error));
        QTRY_VERIFY_WITH_TIMEOUT(host.engine().storageProblem().isEmpty(), 60000);
        QCOMPARE(host.engine().store()->countExecutions(), 1);
    }

    // The write-ahead log removed under an idle host: the host notices by itself, saves what
    // the log held into the database and stops; the acknowledged executions are all there.
    void removedWalStopsAnIdleHost()
    {
        const QString db = freshDb();
        QProcess host;
        QVERIFY(startHost(host, db));
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            const Result r = runCli({"start", m_wait, "--db", db});
            QCOMPARE(r.code, 0);
            ids.append(QString::fromUtf8(r.out.trimmed()));
        }
        QVERIFY(QFile::remove(db + "-wal"));
        QVERIFY(host.waitForFinished(60000)); // stops without any further command
        QCOMPARE(host.exitCode(), int(Invalid));
        const QByteArray err = host.readAllStandardError();
        QVERIFY2(err.contains("write-ahead log") && err.contains("removed")
                     && err.contains("copied into the database"),
                 err.constData());
        const Result list = runCli({"list", "--db", db});
        for (const QString &id : ids)
            QVERIFY2(list.out.contains(id.toUtf8()), qPrintable(id));
    }

    // The stored workflow of a waiting execution no longer parses: resume says why and ends.
    void resumeOfAnUnparsableDefinitionEnds()
    {
        const QString db = freshDb();
        QProcess host;
        QVERIFY(startHost(host, db));
        const Result start = runCli({"start", m_wait, "--db", db});
        QCOMPARE(start.code, 0);
        stopHost(host);
        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(db).constData(), &h), SQLITE_OK);
        QCOMPARE(sqlite3_exec(h, "UPDATE definitions SET source = 'workflow: [unclosed'", nullptr,
                              nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(h);
        const Result r = runCli({"resume", QString::fromUtf8(start.out.trimmed()), "--db", db});
        QCOMPARE(r.code, int(ExecutionFailed)); // -1 would mean it hung until the timeout
        QVERIFY2(r.err.contains("cannot run") && r.err.contains("no longer parses"),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_cli_store.moc"
