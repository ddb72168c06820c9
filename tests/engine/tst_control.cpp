// Tests of the local control socket: a real ControlServer and ControlClient in one process (the
// blocking client runs on a worker thread), and hostile input through a raw QLocalSocket.
#include "signalbox/control.h"
#include "signalbox/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <stdexcept>
#include <thread>

using namespace Signalbox;

namespace {
// The deadline of a wait for the server or a client (a loaded machine is slow to schedule the
// other side); a passing test never reaches it.
constexpr int waitMs = 30000;

// Sends one request from a worker thread while this thread keeps serving. The thread is always
// joined before this returns.
ControlReply sendFromThread(const QString &db, const Json &request, int timeoutMs = waitMs)
{
    ControlReply reply;
    std::unique_ptr<QThread> thread(
        QThread::create([&] { reply = ControlClient(db).send(request, timeoutMs); }));
    thread->start();
    if (!QTest::qWaitFor([&] { return thread->isFinished(); }, timeoutMs + 10000)) {
        thread->wait();
        reply.status = ControlReply::Status::ProtocolError;
        reply.error = QStringLiteral("test: client thread did not finish");
    }
    return reply;
}

Json parseLine(const QByteArray &line)
{
    return Json::parse(line.constBegin(), line.constEnd(), nullptr, false);
}

// Reads one reply line from a raw socket (event loop keeps running).
Json readReply(QLocalSocket &socket)
{
    if (!QTest::qWaitFor([&] { return socket.canReadLine(); }, waitMs))
        return Json();
    return parseLine(socket.readLine());
}
} // namespace

class TestControl : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshDb() { return m_dir.filePath(QStringLiteral("db%1.db").arg(++m_counter)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void requestAndReply()
    {
        const QString db = freshDb();
        ControlServer server;
        Json seen;
        server.setHandler([&](const Json &request) {
            seen = request;
            return Json{{"execution_id", "e-1"}};
        });
        QString error;
        QVERIFY2(server.listen(db, &error), qPrintable(error));
        QVERIFY(server.isListening());
        QCOMPARE(server.socketName(), HostLock::socketName(db));
        QSignalSpy handled(&server, &ControlServer::requestHandled);

        const Json request{{"command", "start"},
                           {"file", "/w/order.yaml"},
                           {"input", {{"amount", 5}}},
                           {"name", "order-1"}};
        const ControlReply reply = sendFromThread(db, request);
        QVERIFY2(reply.ok(), qPrintable(reply.error));
        QVERIFY(reply.result == Json({{"execution_id", "e-1"}}));
        QVERIFY(seen == request);
        QCOMPARE(handled.count(), 1);
        QCOMPARE(handled.at(0).at(0).toString(), QStringLiteral("start"));
        QCOMPARE(handled.at(0).at(1).toBool(), true);
    }

    void refusals_data()
    {
        QTest::addColumn<int>("mode"); // 0 errorReply, 1 throws, 2 no handler
        QTest::addColumn<QString>("message");
        QTest::newRow("error reply") << 0 << "no execution 'x'";
        QTest::newRow("handler throws") << 1 << "unknown command 'frobnicate'";
        QTest::newRow("no handler yet") << 2 << "the host is starting";
    }

    void refusals()
    {
        QFETCH(int, mode);
        QFETCH(QString, message);
        const QString db = freshDb();
        ControlServer server;
        if (mode == 0)
            server.setHandler([](const Json &) {
                return ControlServer::errorReply(QStringLiteral("no execution 'x'"));
            });
        else if (mode == 1)
            server.setHandler([](const Json &) -> Json {
                throw std::runtime_error("unknown command 'frobnicate'");
            });
        QVERIFY(server.listen(db, nullptr));
        const ControlReply reply = sendFromThread(db, {{"command", "frobnicate"}});
        QCOMPARE(reply.status, ControlReply::Status::Refused);
        QVERIFY2(reply.error.contains(message), qPrintable(reply.error));
        // The host is still there.
        QCOMPARE(sendFromThread(db, {{"command", "ping"}}).status, ControlReply::Status::Ok);
    }

    void pingIsAnsweredByTheServer()
    {
        const QString db = freshDb();
        ControlServer server;
        bool called = false;
        server.setHandler([&](const Json &) {
            called = true;
            return Json();
        });
        QVERIFY(server.listen(db, nullptr));
        const ControlReply reply = sendFromThread(db, {{"command", "ping"}});
        QVERIFY(reply.ok());
        QCOMPARE(reply.result["pid"].get<qint64>(), QCoreApplication::applicationPid());
        QVERIFY(!called);
    }

    void asyncReplyFromAnotherThread()
    {
        const QString db = freshDb();
        ControlServer server;
        std::thread worker;
        // Joined however this function returns (a joinable std::thread destroyed terminates).
        const auto join = qScopeGuard([&worker] {
            if (worker.joinable())
                worker.join();
        });
        server.setAsyncHandler([&](const Json &request, ControlServer::Reply reply) {
            worker = std::thread([request, reply] {
                reply(Json{{"execution_id", request["execution"]}});
                reply(ControlServer::errorReply(QStringLiteral("second reply is ignored")));
            });
        });
        QVERIFY(server.listen(db, nullptr));
        const ControlReply reply = sendFromThread(db, {{"command", "cancel"}, {"execution", "e9"}});
        QVERIFY(worker.joinable());
        worker.join();
        QVERIFY2(reply.ok(), qPrintable(reply.error));
        QVERIFY(reply.result == Json({{"execution_id", "e9"}}));
    }

    void asyncReplyAfterServerIsGone()
    {
        const QString db = freshDb();
        ControlServer::Reply late;
        {
            ControlServer server;
            server.setAsyncHandler(
                [&](const Json &, ControlServer::Reply reply) { late = std::move(reply); });
            QVERIFY(server.listen(db, nullptr));
            QLocalSocket socket;
            socket.connectToServer(HostLock::socketName(db));
            QVERIFY(socket.waitForConnected(5000));
            socket.write("{\"command\":\"approve\"}\n");
            QTRY_VERIFY_WITH_TIMEOUT(bool(late), waitMs);
        }
        late(Json{{"ok", true}}); // the server is destroyed: nothing happens, nothing crashes
        QCoreApplication::processEvents();
    }

    void clientTimesOut()
    {
        const QString db = freshDb();
        ControlServer server;
        ControlServer::Reply never;
        server.setAsyncHandler([&](const Json &, ControlServer::Reply r) { never = r; });
        QVERIFY(server.listen(db, nullptr));
        const ControlReply reply = sendFromThread(db, {{"command", "start"}}, 300);
        QCOMPARE(reply.status, ControlReply::Status::Timeout);
        QVERIFY2(reply.error.contains("did not answer"), qPrintable(reply.error));
        never(Json{{"late", true}}); // answering a client that gave up is harmless
        QCOMPARE(sendFromThread(db, {{"command", "ping"}}).status, ControlReply::Status::Ok);
    }

    void noHostRunning()
    {
        const QString db = freshDb();
        const ControlReply reply = ControlClient(db).send({{"command", "cancel"}}, 2000);
        QCOMPARE(reply.status, ControlReply::Status::NoHost);
        QCOMPARE(reply.error, QStringLiteral("no Signalbox host is running for %1; start one "
                                             "with `signalbox serve --db %1` or open the app")
                                  .arg(db));
        QVERIFY(!ControlClient(db).isHostRunning());
    }

    void staleSocketFileIsReplaced()
    {
        const QString db = freshDb();
        const QString stale = HostLock::socketName(db);
        QVERIFY(HostLock::checkSocketDirectory(true, nullptr));
        {
            QFile f(stale);
            QVERIFY(f.open(QIODevice::WriteOnly)); // left behind by a crashed host
        }
        QCOMPARE(ControlClient(db).send({{"command", "ping"}}, 2000).status,
                 ControlReply::Status::NoHost);
        ControlServer server;
        QString error;
        QVERIFY2(server.listen(db, &error), qPrintable(error));
        QCOMPARE(sendFromThread(db, {{"command", "ping"}}).status, ControlReply::Status::Ok);
    }

    void secondServerDoesNotStealTheName()
    {
        const QString db = freshDb();
        ControlServer first;
        first.setHandler([](const Json &) { return Json{{"who", "first"}}; });
        QVERIFY(first.listen(db, nullptr));
        ControlServer second;
        QString error;
        QVERIFY(!second.listen(db, &error));
        QVERIFY2(error.contains("already answering commands"), qPrintable(error));
        const ControlReply reply = sendFromThread(db, {{"command", "status"}});
        QVERIFY(reply.ok() && reply.result == Json({{"who", "first"}}));
    }

    // Something that is not a Signalbox host answers on the socket.
    void clientSurvivesBadHosts_data()
    {
        QTest::addColumn<QByteArray>("answer"); // empty: close without answering
        QTest::addColumn<QString>("message");
        QTest::newRow("garbage") << QByteArray("HTTP/1.1 400 Bad Request\n")
                                 << "an answer that is not a reply";
        QTest::newRow("json but no ok")
            << QByteArray("{\"result\": 1}\n") << "an answer that is not a reply";
        QTest::newRow("hang up") << QByteArray() << "closed the connection without answering";
    }

    void clientSurvivesBadHosts()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, message);
        const QString db = freshDb();
        QLocalServer impostor;
        QVERIFY(HostLock::checkSocketDirectory(true, nullptr));
        QVERIFY(impostor.listen(HostLock::socketName(db)));
        connect(&impostor, &QLocalServer::newConnection, this, [&] {
            QLocalSocket *s = impostor.nextPendingConnection();
            connect(s, &QLocalSocket::readyRead, s, [s, answer] {
                s->readAll();
                if (!answer.isEmpty())
                    s->write(answer);
                s->disconnectFromServer();
            });
        });
        const ControlReply reply = sendFromThread(db, {{"command", "cancel"}});
        QCOMPARE(reply.status, ControlReply::Status::ProtocolError);
        QVERIFY2(reply.error.contains(message), qPrintable(reply.error));
    }

    void memoryDatabaseHasNoSocket()
    {
        ControlServer server;
        QString error;
        QVERIFY(!server.listen(QStringLiteral(":memory:"), &error));
        QVERIFY(error.contains("in-memory"));
        QCOMPARE(ControlClient(QStringLiteral(":memory:")).send({{"command", "ping"}}).status,
                 ControlReply::Status::NoHost);
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("hello there") << "not valid JSON";
        QTest::newRow("truncated json") << QByteArray("{\"command\": \"st") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << "expected a JSON object";
        QTest::newRow("no command")
            << QByteArray("{\"execution\": \"e1\"}") << "expected a JSON object";
        QTest::newRow("command not a string")
            << QByteArray("{\"command\": 42}") << "expected a JSON object";
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4) << "not valid JSON";
    }

    void malformedInput()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        const QString db = freshDb();
        ControlServer server;
        int calls = 0;
        server.setHandler([&](const Json &) {
            ++calls;
            return Json{{"fine", true}};
        });
        QVERIFY(server.listen(db, nullptr));
        QLocalSocket socket;
        socket.connectToServer(HostLock::socketName(db));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(line + "\n");
        const Json bad = readReply(socket);
        QVERIFY2(bad.is_object() && bad["ok"] == false, bad.dump().c_str());
        QVERIFY2(QString::fromStdString(bad["error"].get<std::string>()).contains(message),
                 bad.dump().c_str());
        QCOMPARE(calls, 0);
        // The same connection still works, and replies echo the request id.
        socket.write("{\"command\": \"list\", \"id\": 7}\r\n");
        const Json good = readReply(socket);
        QVERIFY2(good == Json({{"ok", true}, {"result", {{"fine", true}}}, {"id", 7}}),
                 good.dump().c_str());
        QCOMPARE(calls, 1);
    }

    void oversizedRequestClosesOnlyThatConnection()
    {
        const QString db = freshDb();
        ControlServer server;
        server.setHandler([](const Json &) { return Json(); });
        QVERIFY(server.listen(db, nullptr));
        QLocalSocket socket;
        socket.connectToServer(HostLock::socketName(db));
        QVERIFY(socket.waitForConnected(5000));
        QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
        const QByteArray huge = "{\"command\":\"start\",\"input\":\""
                                + QByteArray(int(ControlServer::maxMessageBytes), 'x');
        socket.write(huge);
        const Json reply = readReply(socket);
        QVERIFY2(reply.is_object() && reply["ok"] == false, reply.dump().c_str());
        QVERIFY(reply["error"].get<std::string>().find("too large") != std::string::npos);
        QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, waitMs);
        QCOMPARE(sendFromThread(db, {{"command", "ping"}}).status, ControlReply::Status::Ok);
    }

    void vanishingClientsAreHarmless()
    {
        const QString db = freshDb();
        ControlServer server;
        server.setHandler([](const Json &) { return Json{{"big", std::string(100000, 'y')}}; });
        QVERIFY(server.listen(db, nullptr));
        QSignalSpy handled(&server, &ControlServer::requestHandled);
        for (int i = 0; i < 5; ++i) {
            QLocalSocket socket;
            socket.connectToServer(HostLock::socketName(db));
            QVERIFY(socket.waitForConnected(5000));
            socket.write("{\"command\":\"show\"}\n");
            socket.flush();
            socket.abort(); // gone before the answer
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, waitMs);
        QCOMPARE(sendFromThread(db, {{"command", "ping"}}).status, ControlReply::Status::Ok);
    }

    void idleConnectionsAreClosed()
    {
        const QString db = freshDb();
        ControlServer server;
        server.setIdleTimeout(100);
        QVERIFY(server.listen(db, nullptr));
        QLocalSocket socket;
        QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
        socket.connectToServer(HostLock::socketName(db));
        QVERIFY(socket.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, waitMs); // it never sent anything
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, waitMs);
    }
};

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
