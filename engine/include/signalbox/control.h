// The local control socket: how `signalbox start|approve|reject|send-event|complete|heartbeat|
// cancel|redrive`
// (and any other process) talk to the one host that runs the engine for a database. The host
// listens with ControlServer on HostLock::socketName(db); clients use ControlClient. The socket
// is in a folder only its user can enter (0700, checked on every start and every connect), and
// both ends check the other's user id (SO_PEERCRED): only the same OS user talks to a host.
//
// Protocol: newline-delimited JSON (UTF-8), one request object per line, one reply line each.
// A request is {"command": NAME, ...arguments, "id"?: any}; the reply is {"ok": true, "result":
// ...} or {"ok": false, "error": "message a person can act on"}, echoing "id" when the request had
// one. Lines longer than ControlServer::maxMessageBytes are refused and the connection closed.
// Commands the host implements (EXEC is an execution id or name; "by" is the OS user name of the
// person at the client and is sent with every command except ping):
//   {"command":"start", "file": ABSOLUTE_PATH, "input": {...}, "name"?: "...", "simulate"?: true}
//        -> result {"execution_id": "...", "existing"?: true}  (existing: the name was taken)
//   {"command":"approve"|"reject", "execution": EXEC, "state"?: NAME, "comment": "...",
//        "fields": {KEY: VALUE}}                 (state may be omitted when one approval waits)
//   {"command":"send-event", "execution": EXEC, "event": NAME, "payload": JSON-or-null}
//   {"command":"complete", "execution": EXEC, "state": NAME, "output": JSON-or-null}
//   {"command":"complete", "execution": EXEC, "state": NAME, "error": NAME, "cause": "..."}
//   {"command":"heartbeat", "execution": EXEC, "state"?: NAME} or {"command":"heartbeat",
//        "token": TASK_TOKEN}  -> result {"execution_id", "state", "deadline": RFC 3339 or null
//        (the task has no heartbeat_seconds), "heartbeats"?: N}  (state may be omitted when
//        one task runs)
//   {"command":"cancel", "execution": EXEC, "reason"?: "..."}
//   {"command":"redrive", "execution": EXEC, "input"?: JSON, "file"?: ABSOLUTE_PATH}
//        (file: continue on that newer version of the workflow)
//   {"command":"ping"}  -> result {"pid": N} (answered by the server itself, handler not called)
// A successful result is an object (usually {"execution_id": ...}); the CLI prints it as one line
// of JSON (start prints only the id). A refusal's "error" is printed as is, so make it a sentence
// a person can act on ("execution X has no pending approval").
#pragma once

#include "signalbox/json.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

class QLocalServer;
class QLocalSocket;

namespace Signalbox {

// Serves control requests for one database. The handler runs on the server's thread; an async
// handler may call `reply` later and from any thread (exactly once; later calls are ignored).
// Bad input from a client (malformed JSON, oversized lines, unknown commands, clients that vanish
// or never read) costs that client its answer or its connection, never the host.
class ControlServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<Json(const Json &request)>;
    using Reply = std::function<void(Json reply)>;
    using AsyncHandler = std::function<void(const Json &request, Reply reply)>;

    static constexpr qint64 maxMessageBytes = 1024 * 1024;
    static constexpr int maxConnections = 64;

    explicit ControlServer(QObject *parent = nullptr);
    ~ControlServer() override;

    // A handler's return value (or an async reply) is sent as is when it is an object with an
    // "ok" member (see okReply/errorReply), else wrapped as {"ok": true, "result": value}. A
    // handler that throws std::exception answers {"ok": false, "error": what()}.
    void setHandler(Handler handler);
    void setAsyncHandler(AsyncHandler handler);

    // Listens on HostLock::socketName(databasePath). Call only while holding the HostLock: a
    // socket file left by a crashed host is removed first. False with a message on failure.
    bool listen(const QString &databasePath, QString *error);
    void close();
    bool isListening() const;
    QString socketName() const;
    int connectionCount() const;
    // Connections without a pending request are closed after this long (default 60 s).
    void setIdleTimeout(int milliseconds) { m_idleTimeoutMs = milliseconds; }
    // A request line must arrive whole within this time from its first byte (default 10 s);
    // the connection is closed otherwise.
    void setMessageTimeout(int milliseconds) { m_messageTimeoutMs = milliseconds; }
    // True when the process at the other end of `socket` runs as this user (SO_PEERCRED).
    static bool peerIsThisUser(QLocalSocket *socket);

    static Json okReply(const Json &result = Json::object());
    static Json errorReply(const QString &message);

signals:
    // After each answered request (for logs and tests).
    void requestHandled(const QString &command, bool ok);

private:
    struct Connection;
    struct Router;
    void acceptConnections();
    void readFrom(quint64 id);
    void handleLine(quint64 id, const QByteArray &line);
    void deliver(quint64 id, const Json &request, Json reply);
    void drop(quint64 id);

    std::unique_ptr<QLocalServer> m_server;
    std::map<quint64, std::unique_ptr<Connection>> m_connections;
    std::shared_ptr<Router> m_router;
    Handler m_handler;
    AsyncHandler m_asyncHandler;
    quint64 m_nextId = 1;
    int m_idleTimeoutMs = 60000;
    int m_messageTimeoutMs = 10000;
};

// The answer to one control request.
struct ControlReply
{
    enum class Status {
        Ok,            // the host answered ok: true; `result` holds its result
        Refused,       // the host answered ok: false; `error` holds its message
        NoHost,        // nothing listens for this database
        Timeout,       // the host did not answer in time
        ProtocolError, // the connection broke or the answer was not a reply
    };
    Status status = Status::ProtocolError;
    Json result;
    QString error;
    bool ok() const { return status == Status::Ok; }
};

// Sends requests to the host of one database. Blocking (waitFor*), so use it from a thread that
// does not also run the ControlServer (the CLI, a worker thread).
class ControlClient
{
public:
    explicit ControlClient(const QString &databasePath);

    ControlReply send(const Json &request, int timeoutMs = 30000) const;
    // True when a host answers a ping for this database.
    bool isHostRunning(int timeoutMs = 2000) const;
    // "no Signalbox host is running for <db>; start one with `signalbox serve --db <db>` or open
    // the app"
    static QString noHostMessage(const QString &databasePath);

private:
    QString m_databasePath;
};

} // namespace Signalbox
