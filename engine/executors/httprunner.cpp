#include "httprunner.h"

#include "signalbox/jsonread.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace Signalbox {

namespace {
constexpr qint64 maxResponseBytes = 4 * 1024 * 1024;

} // namespace

HttpRunner::HttpRunner()
    : m_nam(std::make_unique<QNetworkAccessManager>())
{}

HttpRunner::~HttpRunner()
{
    cancelAll();
}

void HttpRunner::start(const TaskRequest &request, TaskCallback done)
{
    cancel(request.token);
    const Executor::Http &h = request.spec.http;
    TaskSecrets secrets;
    const QUrl url(QString::fromStdString(secrets.resolve(h.url)));
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);
    bool hasContentType = false;
    for (const auto &[name, value] : h.headers) {
        req.setRawHeader(QByteArray::fromStdString(name),
                         QByteArray::fromStdString(secrets.resolve(value)));
        hasContentType
            = hasContentType || QByteArray::fromStdString(name).toLower() == "content-type";
    }
    req.setRawHeader("X-Signalbox-Task-Token", QByteArray::fromStdString(request.token));
    // The body: the `body` field when given, else the effective input for methods with a body.
    const std::string method = h.method.empty() ? std::string("GET") : h.method;
    QByteArray body;
    const bool sendsBody
        = h.body.has_value() || (method != "GET" && method != "HEAD" && method != "DELETE");
    if (sendsBody) {
        const Json b = h.body ? secrets.resolve(*h.body) : request.input;
        body = b.is_string() ? QByteArray::fromStdString(b.get<std::string>())
                             : QByteArray::fromStdString(b.dump());
        if (!hasContentType)
            req.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    }

    Task task;
    task.done = std::move(done);
    task.secrets = std::move(secrets);
    task.log.executionId = request.executionId;
    task.log.frame = request.frame;
    task.log.state = request.state;
    task.log.attempt = request.attempt;
    task.log.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    // Only the unresolved URL goes to the log: resolved values may be secrets.
    task.log.extra
        = {{"request", {{"method", method}, {"url", h.url}, {"body_bytes", body.size()}}}};
    task.reply = m_nam->sendCustomRequest(req, QByteArray::fromStdString(method), body);
    const std::string token = request.token;
    QObject::connect(task.reply, &QNetworkReply::finished, task.reply,
                     [this, token] { finish(token); });
    m_tasks[token] = std::move(task);
}

void HttpRunner::finish(const std::string &token)
{
    auto it = m_tasks.find(token);
    if (it == m_tasks.end())
        return;
    Task task = std::move(it->second);
    m_tasks.erase(it);
    QNetworkReply *reply = task.reply;
    reply->deleteLater();
    const QByteArray data = reply->read(maxResponseBytes);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    TaskOutcome o;
    o.exitCode = status;
    task.log.exitCode = status;
    task.log.stdoutText = data.left(qsizetype(Store::maxLogBytes)).toStdString();
    task.log.truncated = data.size() > qsizetype(Store::maxLogBytes) || reply->bytesAvailable() > 0;
    task.log.endedAtMs = QDateTime::currentMSecsSinceEpoch();
    task.log.extra["response"]
        = {{"status", status},
           {"bytes", data.size()},
           {"content_type",
            reply->header(QNetworkRequest::ContentTypeHeader).toString().toStdString()}};
    if (status == 0) {
        o.error = "Http.NetworkError";
        o.cause = reply->errorString().toStdString();
        task.log.stderrText = o.cause;
    } else if (status >= 400) {
        o.error = "Http." + std::to_string(status);
        o.cause = data.left(1000).toStdString();
    } else {
        o.ok = true;
        const QByteArray trimmed = data.trimmed();
        if (trimmed.isEmpty()) {
            o.output = Json();
        } else {
            // Bounded (depth, numbers); a body that is not JSON is the output as text.
            std::optional<Json> parsed = readJson(
                std::string_view(trimmed.constData(), std::size_t(trimmed.size())), nullptr,
                {kJsonMaxDepth, 0});
            o.output = parsed ? std::move(*parsed) : Json(trimmed.toStdString());
        }
    }
    o.log = task.log;
    // A server may echo what it was sent (an Authorization header in an error page), and Qt's
    // messages quote the URL: none of it may carry a resolved secret into the history.
    task.secrets.redact(o);
    task.done(o);
}

void HttpRunner::cancel(const std::string &token)
{
    auto it = m_tasks.find(token);
    if (it == m_tasks.end())
        return;
    QNetworkReply *reply = it->second.reply;
    m_tasks.erase(it);
    reply->disconnect();
    reply->abort();
    reply->deleteLater();
}

void HttpRunner::cancelAll()
{
    while (!m_tasks.empty())
        cancel(m_tasks.begin()->first);
}

} // namespace Signalbox
