#include "signalbox/control.h"
#include "signalbox/jsonread.h"
#include "signalbox/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMutex>
#include <QPointer>
#include <QTimer>

#include <atomic>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Signalbox {

struct ControlServer::Connection
{
    QLocalSocket *socket = nullptr; // owned; deleted with deleteLater()
    QByteArray buffer;
    int pending = 0; // requests whose reply has not been written yet
    QTimer idle;
    QTimer messageDeadline;   // runs while a request line is incomplete
    QElapsedTimer lastActive; // since the last whole request or reply
    bool closing = false;
};

// Lets async replies find the server from any thread, and find nothing once it is gone.
struct ControlServer::Router
{
    QMutex mutex;
    ControlServer *server = nullptr;
};

namespace {
QByteArray encode(const Json &reply)
{
    return QByteArray::fromStdString(writeJson(reply)) + '\n';
}
} // namespace

ControlServer::ControlServer(QObject *parent)
    : QObject(parent)
    , m_router(std::make_shared<Router>())
{
    m_router->server = this;
}

ControlServer::~ControlServer()
{
    {
        QMutexLocker locker(&m_router->mutex);
        m_router->server = nullptr;
    }
    close();
}

void ControlServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
    m_asyncHandler = nullptr;
}

void ControlServer::setAsyncHandler(AsyncHandler handler)
{
    m_asyncHandler = std::move(handler);
    m_handler = nullptr;
}

bool ControlServer::listen(const QString &databasePath, QString *error)
{
    close();
    const QString name = HostLock::socketName(databasePath);
    if (name.isEmpty()) {
        if (error)
            *error
                = QStringLiteral("%1 has no control socket (in-memory database)").arg(databasePath);
        return false;
    }
    // The socket lives in a private folder of this user (0700, checked on every start): nobody
    // else can bind the name first, connect, or replace the socket.
    QString why;
    if (!HostLock::checkSocketDirectory(true, &why)) {
        if (error)
            *error = QStringLiteral("no control socket for %1: %2").arg(databasePath, why);
        return false;
    }
    {
        // Belt and braces for the host lock: never take the name from a live host.
        QLocalSocket probe;
        probe.connectToServer(name);
        if (probe.waitForConnected(1000)) {
            probe.abort();
            if (error)
                *error = QStringLiteral("another Signalbox host is already answering commands "
                                        "for %1")
                             .arg(databasePath);
            return false;
        }
    }
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(maxConnections);
    QLocalServer::removeServer(name); // left by a crashed host; we hold the host lock
    if (!m_server->listen(name)) {
        if (error)
            *error = QStringLiteral("cannot listen on the control socket %1 for %2: %3")
                         .arg(name, databasePath, m_server->errorString());
        m_server.reset();
        return false;
    }
    ::chmod(QFile::encodeName(m_server->fullServerName()).constData(), 0600);
    connect(m_server.get(), &QLocalServer::newConnection, this, &ControlServer::acceptConnections);
    return true;
}

void ControlServer::close()
{
    for (auto &entry : m_connections) {
        entry.second->socket->disconnect(this);
        entry.second->socket->abort();
        entry.second->socket->deleteLater();
    }
    m_connections.clear();
    if (m_server) {
        m_server->close();
        m_server.reset();
    }
}

bool ControlServer::isListening() const
{
    return m_server && m_server->isListening();
}

QString ControlServer::socketName() const
{
    return m_server ? m_server->serverName() : QString();
}

int ControlServer::connectionCount() const
{
    return int(m_connections.size());
}

Json ControlServer::okReply(const Json &result)
{
    return Json{{"ok", true}, {"result", result}};
}

Json ControlServer::errorReply(const QString &message)
{
    return Json{{"ok", false}, {"error", message.toStdString()}};
}

bool ControlServer::peerIsThisUser(QLocalSocket *socket)
{
    struct ucred cred = {};
    socklen_t length = sizeof(cred);
    return ::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &cred, &length)
               == 0
           && cred.uid == ::getuid();
}

void ControlServer::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (!peerIsThisUser(socket)) { // the folder is private; this is defence in depth
            socket->abort();
            socket->deleteLater();
            emit requestHandled(QString(), false);
            continue;
        }
        if (int(m_connections.size()) >= maxConnections) {
            // Make room by closing the connection that has been quiet longest without a
            // request in progress: slow or stuck clients never lock the others out.
            auto quietest = m_connections.end();
            for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
                if (it->second->pending == 0 && !it->second->closing
                    && (quietest == m_connections.end()
                        || it->second->lastActive < quietest->second->lastActive))
                    quietest = it;
            }
            if (quietest != m_connections.end()) {
                QLocalSocket *old = quietest->second->socket;
                old->disconnect(this);
                old->abort();
                old->deleteLater();
                m_connections.erase(quietest);
            }
        }
        if (int(m_connections.size()) >= maxConnections) {
            socket->write(encode(errorReply(QStringLiteral("the host is busy (too many control "
                                                           "connections); try again"))));
            socket->disconnectFromServer();
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        const quint64 id = m_nextId++;
        auto connection = std::make_unique<Connection>();
        connection->socket = socket;
        connection->idle.setSingleShot(true);
        connection->idle.setInterval(m_idleTimeoutMs);
        connection->messageDeadline.setSingleShot(true);
        connection->messageDeadline.setInterval(m_messageTimeoutMs);
        connection->lastActive.start();
        Connection *c = connection.get();
        connect(&c->idle, &QTimer::timeout, this, [this, id] {
            auto it = m_connections.find(id);
            if (it != m_connections.end() && it->second->pending == 0)
                it->second->socket->disconnectFromServer();
        });
        // A whole request line must arrive within the deadline, counted from its first byte;
        // bytes that trickle in do not extend it.
        connect(&c->messageDeadline, &QTimer::timeout, this, [this, id] {
            auto it = m_connections.find(id);
            if (it == m_connections.end() || it->second->closing)
                return;
            Connection *late = it->second.get();
            late->closing = true;
            late->buffer.clear();
            late->socket->write(encode(errorReply(
                QStringLiteral("request incomplete after %1 s; the connection is closed")
                    .arg(m_messageTimeoutMs / 1000.0))));
            late->socket->disconnectFromServer();
            emit requestHandled(QString(), false);
        });
        connect(socket, &QLocalSocket::readyRead, this, [this, id] { readFrom(id); });
        connect(socket, &QLocalSocket::disconnected, this, [this, id] { drop(id); });
        m_connections.emplace(id, std::move(connection));
        c->idle.start();
        if (socket->bytesAvailable() > 0)
            readFrom(id);
    }
}

void ControlServer::readFrom(quint64 id)
{
    auto it = m_connections.find(id);
    if (it == m_connections.end() || it->second->closing)
        return;
    Connection *c = it->second.get();
    const bool wasEmpty = c->buffer.isEmpty();
    c->buffer += c->socket->readAll();
    if (wasEmpty && !c->buffer.isEmpty())
        c->messageDeadline.start(); // the first byte of a request
    for (;;) {
        const qsizetype eol = c->buffer.indexOf('\n');
        if (eol < 0 || eol > maxMessageBytes)
            break;
        QByteArray line = c->buffer.left(eol);
        c->buffer.remove(0, eol + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        c->idle.start(); // a whole line: the client is active
        c->lastActive.start();
        if (c->buffer.isEmpty())
            c->messageDeadline.stop();
        else
            c->messageDeadline.start(); // the next request has begun
        if (line.trimmed().isEmpty())
            continue;
        handleLine(id, line);
        // The handler may have run an event loop in which the client went away.
        it = m_connections.find(id);
        if (it == m_connections.end() || it->second->closing)
            return;
        c = it->second.get();
    }
    if (c->buffer.size() > maxMessageBytes) {
        c->closing = true;
        c->buffer.clear();
        c->socket->write(encode(errorReply(
            QStringLiteral("request too large (more than %1 bytes); the connection is closed")
                .arg(maxMessageBytes))));
        c->socket->disconnectFromServer();
        emit requestHandled(QString(), false);
    }
}

void ControlServer::handleLine(quint64 id, const QByteArray &line)
{
    // Bounded (depth, size, numbers): the request, and its "id" echoed in the reply, is copied
    // and dumped recursively below.
    JsonReadError parseError;
    const std::optional<Json> parsed
        = readJson(std::string_view(line.constData(), std::size_t(line.size())), &parseError,
                   {kJsonMaxDepth, std::size_t(maxMessageBytes)});
    ++m_connections.at(id)->pending;
    if (!parsed) {
        deliver(id, Json::object(),
                errorReply(QStringLiteral("malformed request: not valid JSON (%1); send one "
                                          "JSON object per line")
                               .arg(QString::fromStdString(parseError.message))));
        return;
    }
    const Json &request = *parsed;
    if (!request.is_object() || !request.contains("command") || !request["command"].is_string()) {
        deliver(id, request.is_object() ? request : Json::object(),
                errorReply(QStringLiteral("malformed request: expected a JSON object with a "
                                          "\"command\" string")));
        return;
    }
    if (request["command"] == "ping") {
        deliver(id, request, okReply({{"pid", QCoreApplication::applicationPid()}}));
        return;
    }
    if (m_asyncHandler) {
        auto done = std::make_shared<std::atomic_bool>(false);
        std::shared_ptr<Router> router = m_router;
        Reply reply = [router, done, id, request](Json answer) {
            if (done->exchange(true))
                return;
            QMutexLocker locker(&router->mutex);
            if (ControlServer *server = router->server) {
                QMetaObject::invokeMethod(
                    server,
                    [server, id, request, answer = std::move(answer)] {
                        server->deliver(id, request, answer);
                    },
                    Qt::QueuedConnection);
            }
        };
        try {
            m_asyncHandler(request, reply);
        } catch (const std::exception &e) {
            reply(errorReply(QString::fromUtf8(e.what())));
        }
        return;
    }
    Json answer;
    if (!m_handler) {
        answer = errorReply(QStringLiteral("the host is starting; try again in a moment"));
    } else {
        try {
            answer = m_handler(request);
        } catch (const std::exception &e) {
            answer = errorReply(QString::fromUtf8(e.what()));
        }
    }
    deliver(id, request, std::move(answer));
}

void ControlServer::deliver(quint64 id, const Json &request, Json reply)
{
    if (!reply.is_object() || !reply.contains("ok") || !reply["ok"].is_boolean())
        reply = okReply(reply);
    if (reply["ok"] == false && !reply.contains("error"))
        reply["error"] = "the host refused the request";
    if (request.is_object() && request.contains("id"))
        reply["id"] = request["id"];
    const bool ok = reply["ok"] == true;
    const QString command
        = request.is_object() && request.contains("command") && request["command"].is_string()
              ? QString::fromStdString(request["command"].get<std::string>())
              : QString();
    auto it = m_connections.find(id);
    if (it != m_connections.end()) {
        Connection *c = it->second.get();
        c->pending = std::max(0, c->pending - 1);
        if (!c->closing && c->socket->state() == QLocalSocket::ConnectedState)
            c->socket->write(encode(reply));
        c->idle.start();
        c->lastActive.start();
    }
    emit requestHandled(command, ok);
}

void ControlServer::drop(quint64 id)
{
    auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    it->second->socket->disconnect(this);
    it->second->socket->deleteLater();
    m_connections.erase(it);
}

} // namespace Signalbox
