#include "signalbox/control.h"
#include "signalbox/jsonread.h"
#include "signalbox/store.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QLocalSocket>

namespace Signalbox {

namespace {
constexpr qint64 maxReplyBytes = 64 * 1024 * 1024;

ControlReply failure(ControlReply::Status status, const QString &message)
{
    ControlReply reply;
    reply.status = status;
    reply.error = message;
    return reply;
}
} // namespace

ControlClient::ControlClient(const QString &databasePath)
    : m_databasePath(databasePath)
{}

QString ControlClient::noHostMessage(const QString &databasePath)
{
    return QStringLiteral("no Signalbox host is running for %1; start one with `signalbox serve "
                          "--db %1` or open the app")
        .arg(databasePath);
}

ControlReply ControlClient::send(const Json &request, int timeoutMs) const
{
    const QString name = HostLock::socketName(m_databasePath);
    if (name.isEmpty())
        return failure(ControlReply::Status::NoHost,
                       QStringLiteral("an in-memory database has no host to send commands to"));
    // Never talk to a socket in a folder that is not privately ours: whoever could put it
    // there would read the request (inputs, approvals) and forge the answer.
    QString unsafe;
    if (!HostLock::checkSocketDirectory(false, &unsafe)) {
        if (!QFileInfo::exists(HostLock::socketDirectory()))
            return failure(ControlReply::Status::NoHost, noHostMessage(m_databasePath));
        // No host of ours can be there: the user's own hosts refuse such a folder too.
        return failure(ControlReply::Status::NoHost,
                       QStringLiteral("refusing to send commands for %1: %2")
                           .arg(m_databasePath, unsafe));
    }
    QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(int(qMax<qint64>(1, deadline.remainingTime())))) {
        switch (socket.error()) {
        case QLocalSocket::ServerNotFoundError:
        case QLocalSocket::ConnectionRefusedError:
            return failure(ControlReply::Status::NoHost, noHostMessage(m_databasePath));
        case QLocalSocket::SocketTimeoutError:
            return failure(ControlReply::Status::Timeout,
                           QStringLiteral("the Signalbox host for %1 did not accept the "
                                          "connection in time")
                               .arg(m_databasePath));
        default:
            return failure(
                ControlReply::Status::NoHost,
                QStringLiteral("%1 (%2)").arg(noHostMessage(m_databasePath), socket.errorString()));
        }
    }
    if (!ControlServer::peerIsThisUser(&socket))
        return failure(ControlReply::Status::NoHost,
                       QStringLiteral("refusing to send commands for %1: the control socket %2 "
                                      "is served by another user")
                           .arg(m_databasePath, name));
    socket.write(QByteArray::fromStdString(writeJson(request)) + '\n');
    QByteArray buffer;
    for (;;) {
        while (socket.bytesToWrite() > 0 && socket.state() == QLocalSocket::ConnectedState) {
            if (!socket.waitForBytesWritten(int(qMax<qint64>(1, deadline.remainingTime()))))
                break;
        }
        buffer += socket.readAll();
        const qsizetype eol = buffer.indexOf('\n');
        if (eol >= 0) {
            // Bounded as the server bounds requests: a reply is dumped and copied recursively.
            const std::optional<Json> parsed
                = readJson(std::string_view(buffer.constData(), std::size_t(eol)), nullptr,
                           {kJsonMaxDepth, std::size_t(maxReplyBytes)});
            const Json reply = parsed ? *parsed : Json();
            if (!parsed || !reply.is_object() || !reply.contains("ok")
                || !reply["ok"].is_boolean())
                return failure(ControlReply::Status::ProtocolError,
                               QStringLiteral("the Signalbox host for %1 sent an answer that is "
                                              "not a reply")
                                   .arg(m_databasePath));
            ControlReply result;
            if (reply["ok"] == true) {
                result.status = ControlReply::Status::Ok;
                result.result = reply.contains("result") ? reply["result"] : Json(nullptr);
            } else {
                result.status = ControlReply::Status::Refused;
                const Json &message = reply.contains("error") ? reply["error"] : Json();
                result.error = message.is_string()
                                   ? QString::fromStdString(message.get<std::string>())
                                   : QStringLiteral("the host refused the request");
            }
            return result;
        }
        if (buffer.size() > maxReplyBytes)
            return failure(ControlReply::Status::ProtocolError,
                           QStringLiteral("the answer from the Signalbox host is too large"));
        if (socket.state() != QLocalSocket::ConnectedState && socket.bytesAvailable() == 0)
            return failure(ControlReply::Status::ProtocolError,
                           QStringLiteral("the Signalbox host for %1 closed the connection "
                                          "without answering")
                               .arg(m_databasePath));
        if (deadline.hasExpired())
            return failure(ControlReply::Status::Timeout,
                           QStringLiteral("the Signalbox host for %1 did not answer within %2 s")
                               .arg(m_databasePath)
                               .arg(qMax(1, timeoutMs / 1000)));
        socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
}

bool ControlClient::isHostRunning(int timeoutMs) const
{
    return send(Json{{"command", "ping"}}, timeoutMs).ok();
}

} // namespace Signalbox
