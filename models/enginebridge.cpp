#include "enginebridge.h"

#include "signalbox/control.h"
#include "signalbox/engine.h"
#include "signalbox/executionname.h"
#include "signalbox/jsonread.h"
#include "signalbox/store.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QStandardPaths>
#include <QUrl>

#include <pwd.h>
#include <unistd.h>

#include <exception>

namespace Signalbox {

namespace {

Json toJson(const QVariant &value)
{
    const QJsonDocument doc = QJsonDocument::fromVariant(value);
    if (doc.isNull())
        return Json::object();
    return Json::parse(doc.toJson(QJsonDocument::Compact).toStdString(), nullptr, false);
}

QVariantMap toVariantMap(const Json &value)
{
    if (!value.is_object())
        return {};
    return QJsonDocument::fromJson(QByteArray::fromStdString(value.dump())).object().toVariantMap();
}

// Parses `text` as JSON into `out`; false (with `error` set) when it is not valid.
bool parseJson(const QString &text, Json *out, QString *error)
{
    // Bounded as every JSON text that comes in (readJson: depth, size, 1e999 that nlohmann
    // throws std::out_of_range for, which aborted the app from the Run dialog).
    JsonReadError why;
    std::optional<Json> value = readJson(text.toStdString(), &why);
    if (!value) {
        *error = QStringLiteral("the JSON is not valid (%1)").arg(QString::fromStdString(why.message));
        return false;
    }
    *out = std::move(*value);
    return true;
}

QString localPath(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

} // namespace

EngineBridge::EngineBridge(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("signalbox-engine"));
    m_batchTimer.setSingleShot(true);
    connect(&m_batchTimer, &QTimer::timeout, this, &EngineBridge::deliverBatch);
    m_pollTimer.setInterval(2000);
    connect(&m_pollTimer, &QTimer::timeout, this, &EngineBridge::poll);
}

EngineBridge::~EngineBridge()
{
    close();
}

QString EngineBridge::databasePath() const
{
    return m_databasePath.isEmpty() ? defaultDatabasePath() : m_databasePath;
}

void EngineBridge::setDatabasePath(const QString &path)
{
    const QString local = localPath(path);
    if (local == m_databasePath)
        return;
    if (m_ready || m_opening)
        qWarning("EngineBridge: databasePath changed while open; close() and open() again");
    m_databasePath = local;
    emit databasePathChanged();
}

QString EngineBridge::defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    makePrivateFolder(dir); // 0700: the database holds inputs and task output
    return QDir(dir).filePath(QStringLiteral("signalbox.db"));
}

QString EngineBridge::operatorName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty()) {
        if (const passwd *pw = ::getpwuid(::getuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    }
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

void EngineBridge::componentComplete()
{
    if (m_autoOpen)
        open();
}

void EngineBridge::open()
{
    if (m_ready || m_opening)
        return;
    const QString path = databasePath();
    const bool memory = path == QLatin1String(":memory:");
    m_opening = true;
    if (!memory) {
        m_lock = new HostLock(path);
        QString why;
        if (!m_lock->tryLock(&why)) {
            const bool otherHost = m_lock->heldByOther();
            delete m_lock;
            m_lock = nullptr;
            m_opening = false;
            if (!otherHost) { // a missing or read-only folder, a full disk: say what it is
                setReady(false, true, tr("The database could not be opened: %1").arg(why));
                return;
            }
            m_thread.start();
            m_pollMark = -1;
            poll(); // the baseline: changes from now on are notified
            m_pollTimer.start();
            setReady(true, true,
                     tr("Another Signalbox host is running for %1 (%2). This window shows its "
                        "executions read-only and sends your commands to that host.")
                         .arg(QDir::toNativeSeparators(path), why));
            return;
        }
    }
    m_thread.start();
    runOnEngineThread([this, path, memory] {
        auto *engine = new Engine();
        QString error;
        if (!engine->open(path, &error)) {
            delete engine;
            QMetaObject::invokeMethod(this, [this, error] {
                m_opening = false;
                delete m_lock;
                m_lock = nullptr;
                setReady(false, true, tr("The database could not be opened: %1").arg(error));
            });
            return;
        }
        m_engine = engine;
        connectEngine();
        QString serverError;
        if (!memory) {
            m_server = new ControlServer();
            m_server->setHandler(
                [engine](const Json &request) { return handleControlRequest(*engine, request); });
            if (!m_server->listen(path, &serverError))
                serverError = tr("Terminal commands cannot reach this window: %1").arg(serverError);
        }
        QMetaObject::invokeMethod(this, [this, serverError] {
            m_opening = false;
            setReady(true, false, {});
            if (!serverError.isEmpty())
                emit warning(serverError);
        });
    });
}

void EngineBridge::close()
{
    m_pollTimer.stop();
    if (m_thread.isRunning()) {
        QObject context;
        context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &context,
            [this] {
                delete m_server;
                m_server = nullptr;
                if (m_engine)
                    m_engine->close();
                delete m_engine;
                m_engine = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_lock;
    m_lock = nullptr;
    m_opening = false;
    if (!m_storageProblem.isEmpty()) {
        m_storageProblem.clear();
        emit storageProblemChanged();
    }
    if (m_ready)
        setReady(false, true, m_hostError);
}

void EngineBridge::runOnEngineThread(std::function<void()> job)
{
    // m_thread (the QThread object) lives on the GUI thread; a context object that lives on the
    // worker is needed for the job to run there.
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(context, [context, job = std::move(job)] {
        job();
        delete context;
    });
}

void EngineBridge::setReady(bool ready, bool readOnly, const QString &hostError)
{
    m_ready = ready;
    m_readOnly = readOnly;
    m_hostError = hostError;
    emit readyChanged();
}

void EngineBridge::connectEngine()
{
    // Storage faults are rare and go straight to the GUI thread (queued), for the banner.
    const auto setStorageProblem = [this](const QString &problem) {
        if (problem == m_storageProblem)
            return;
        m_storageProblem = problem;
        emit storageProblemChanged();
    };
    connect(m_engine, &Engine::storageFault, this, setStorageProblem, Qt::QueuedConnection);
    connect(m_engine, &Engine::storageFailed, this, setStorageProblem, Qt::QueuedConnection);
    connect(
        m_engine, &Engine::storageRecovered, this, [setStorageProblem] { setStorageProblem({}); },
        Qt::QueuedConnection);
    // Runs on the engine thread; the lambdas run there too (direct) and only record.
    connect(
        m_engine, &Engine::executionChanged, m_engine,
        [this](const QString &id, const QString &) {
            record([&id](Pending &p) {
                if (!p.updatedSet.contains(id)) {
                    p.updatedSet.insert(id);
                    p.updated.append(id);
                }
            });
        },
        Qt::DirectConnection);
    connect(
        m_engine, &Engine::eventsAppended, m_engine,
        [this](const QString &id, const QByteArray &events) {
            QList<std::pair<QString, QString>> arrivals;
            if (events.contains("\"EventAwaited\"")) {
                const Json list = Json::parse(events.toStdString(), nullptr, false);
                for (const Json &e : list.is_array() ? list : Json::array()) {
                    if (e.value("type", "") == "EventAwaited"
                        && e.value("data", Json::object()).value("kind", "") == "approval")
                        arrivals.append({id, QString::fromStdString(e.value("state", ""))});
                }
            }
            record([&id, &arrivals](Pending &p) {
                if (!p.updatedSet.contains(id)) {
                    p.updatedSet.insert(id);
                    p.updated.append(id);
                }
                p.arrivals.append(arrivals);
                // The engine's approvalsChanged for this commit comes after its events and may
                // fall into the next batch; approvalArrived must not come before the
                // approvalsChanged that lets the Approvals model show the new approval.
                if (!arrivals.isEmpty())
                    p.approvals = true;
            });
        },
        Qt::DirectConnection);
    connect(
        m_engine, &Engine::approvalsChanged, m_engine,
        [this] { record([](Pending &p) { p.approvals = true; }); }, Qt::DirectConnection);
    connect(
        m_engine, &Engine::executionFinished, m_engine,
        [this](const QString &id, const QString &status) {
            record([&](Pending &p) {
                p.finished.append(id);
                p.finishedStatus.append(status);
            });
        },
        Qt::DirectConnection);
    connect(
        m_engine, &Engine::warning, m_engine,
        [this](const QString &message) {
            QMetaObject::invokeMethod(this, [this, message] { emit warning(message); });
        },
        Qt::DirectConnection);
}

void EngineBridge::record(const std::function<void(Pending &)> &change)
{
    QMutexLocker lock(&m_mutex);
    change(m_pending);
    if (m_posted)
        return;
    m_posted = true;
    QMetaObject::invokeMethod(this, [this] { m_batchTimer.start(m_batchInterval); });
}

void EngineBridge::deliverBatch()
{
    Pending batch;
    {
        QMutexLocker lock(&m_mutex);
        std::swap(batch, m_pending);
        m_posted = false;
    }
    if (!batch.updated.isEmpty())
        emit executionsUpdated(batch.updated);
    if (batch.approvals)
        emit approvalsChanged();
    for (const auto &[id, state] : std::as_const(batch.arrivals))
        emit approvalArrived(id, state);
    if (!batch.finished.isEmpty())
        emit executionsFinished(batch.finished, batch.finishedStatus);
}

void EngineBridge::poll()
{
    // Read-only mode: another process hosts the database. A cheap fingerprint of the newest
    // executions and the pending waits tells when to notify the models.
    QString error;
    std::unique_ptr<Store> store = Store::open(databasePath(), Store::Mode::ReadOnly, &error);
    if (!store)
        return;
    ExecutionFilter filter;
    filter.limit = 200;
    qint64 mark = store->countExecutions();
    QStringList changed;
    for (const ExecutionRecord &r : store->listExecutions(filter)) {
        mark = mark * 31 + r.lastSeq + int(r.status);
        changed.append(QString::fromStdString(r.id));
    }
    mark = mark * 31 + qint64(store->pendingWaits().size());
    if (mark == m_pollMark)
        return;
    const bool first = m_pollMark == -1;
    m_pollMark = mark;
    if (first)
        return;
    emit executionsUpdated(changed);
    emit approvalsChanged();
}

int EngineBridge::refuse(const QString &command, const QString &message)
{
    const int ticket = m_nextTicket++;
    QMetaObject::invokeMethod(
        this, [=, this] { emit commandFinished(ticket, command, false, message, {}, {}); },
        Qt::QueuedConnection);
    return ticket;
}

int EngineBridge::request(const Json &req)
{
    const int ticket = m_nextTicket++;
    const QString command = QString::fromStdString(req.value("command", ""));
    auto finish = [this, ticket, command](bool ok, const QString &message, const Json &result) {
        const QString id = QString::fromStdString(
            result.is_object() ? result.value("execution_id", std::string()) : std::string());
        const QVariantMap map = toVariantMap(result);
        QMetaObject::invokeMethod(
            this, [=, this] { emit commandFinished(ticket, command, ok, message, id, map); },
            Qt::QueuedConnection);
    };
    if (!m_ready) {
        QMetaObject::invokeMethod(
            this,
            [=, this] {
                emit commandFinished(
                    ticket, command, false,
                    m_hostError.isEmpty() ? tr("The engine is not running.") : m_hostError, {}, {});
            },
            Qt::QueuedConnection);
        return ticket;
    }
    if (m_readOnly) {
        const QString path = databasePath();
        runOnEngineThread([req, path, finish] {
            const ControlReply reply = ControlClient(path).send(req);
            finish(reply.ok(), reply.error, reply.result);
        });
        return ticket;
    }
    runOnEngineThread([this, req, finish] {
        try {
            const Json result = handleControlRequest(*m_engine, req);
            finish(true, {}, result);
        } catch (const std::exception &e) {
            finish(false, QString::fromStdString(e.what()), Json::object());
        }
    });
    return ticket;
}

int EngineBridge::startFile(const QString &pathOrUrl, const QString &inputJson, const QString &name,
                            bool simulate)
{
    Json input = Json::object();
    QString error;
    if (!inputJson.trimmed().isEmpty() && !parseJson(inputJson, &input, &error))
        return refuse(QStringLiteral("start"), tr("The input is not valid: %1").arg(error));
    Json req = {{"command", "start"},
                {"file", QDir(localPath(pathOrUrl)).absolutePath().toStdString()},
                {"input", input},
                {"by", operatorName().toStdString()}};
    if (!name.isEmpty())
        req["name"] = name.toStdString();
    if (simulate)
        req["simulate"] = true;
    return request(req);
}

int EngineBridge::approve(const QString &execution, const QString &state, const QString &comment,
                          const QVariantMap &fields)
{
    return request({{"command", "approve"},
                    {"execution", execution.toStdString()},
                    {"state", state.toStdString()},
                    {"comment", comment.toStdString()},
                    {"fields", toJson(fields)},
                    {"by", operatorName().toStdString()}});
}

int EngineBridge::reject(const QString &execution, const QString &state, const QString &comment,
                         const QVariantMap &fields)
{
    return request({{"command", "reject"},
                    {"execution", execution.toStdString()},
                    {"state", state.toStdString()},
                    {"comment", comment.toStdString()},
                    {"fields", toJson(fields)},
                    {"by", operatorName().toStdString()}});
}

int EngineBridge::cancel(const QString &execution, const QString &reason)
{
    return request({{"command", "cancel"},
                    {"execution", execution.toStdString()},
                    {"reason", reason.toStdString()},
                    {"by", operatorName().toStdString()}});
}

int EngineBridge::redrive(const QString &execution, const QString &inputJson)
{
    Json req = {{"command", "redrive"},
                {"execution", execution.toStdString()},
                {"by", operatorName().toStdString()}};
    if (!inputJson.trimmed().isEmpty()) {
        Json input;
        QString error;
        if (!parseJson(inputJson, &input, &error))
            return refuse(QStringLiteral("redrive"), tr("The input is not valid: %1").arg(error));
        req["input"] = input;
    }
    return request(req);
}

int EngineBridge::complete(const QString &execution, const QString &state,
                           const QString &outputJson)
{
    Json output;
    QString error;
    if (!outputJson.trimmed().isEmpty() && !parseJson(outputJson, &output, &error))
        return refuse(QStringLiteral("complete"), tr("The output is not valid: %1").arg(error));
    return request({{"command", "complete"},
                    {"execution", execution.toStdString()},
                    {"state", state.toStdString()},
                    {"output", output},
                    {"by", operatorName().toStdString()}});
}

int EngineBridge::fail(const QString &execution, const QString &state, const QString &error,
                       const QString &cause)
{
    return request({{"command", "complete"},
                    {"execution", execution.toStdString()},
                    {"state", state.toStdString()},
                    {"error", error.toStdString()},
                    {"cause", cause.toStdString()},
                    {"by", operatorName().toStdString()}});
}

int EngineBridge::sendEvent(const QString &execution, const QString &event,
                            const QString &payloadJson)
{
    Json payload;
    QString error;
    if (!payloadJson.trimmed().isEmpty() && !parseJson(payloadJson, &payload, &error))
        return refuse(QStringLiteral("send-event"), tr("The payload is not valid: %1").arg(error));
    return request({{"command", "send-event"},
                    {"execution", execution.toStdString()},
                    {"event", event.toStdString()},
                    {"payload", payload},
                    {"by", operatorName().toStdString()}});
}

QString EngineBridge::jsonError(const QString &text, bool allowEmpty)
{
    if (text.trimmed().isEmpty())
        return allowEmpty ? QString() : tr("Enter a JSON value, e.g. {}");
    Json value;
    QString error;
    return parseJson(text, &value, &error) ? QString() : error;
}

QString EngineBridge::nameError(const QString &name)
{
    if (name.isEmpty())
        return {};
    const std::string why = executionNameProblem(name.toStdString());
    if (why.empty())
        return {};
    QString text = QString::fromStdString(why);
    text[0] = text[0].toUpper(); // "An execution name cannot ..." as a sentence
    return text;
}

std::unique_ptr<Store> EngineBridge::openReader(const char *who) const
{
    if (!isReady())
        return nullptr;
    QString error;
    std::unique_ptr<Store> store = Store::open(databasePath(), Store::Mode::ReadOnly, &error);
    if (!store)
        qWarning("%s: %s", who, qPrintable(error));
    return store;
}

bool EngineBridge::rebind(QObject *model, QPointer<EngineBridge> &bridge,
                          std::unique_ptr<Store> &reader, EngineBridge *next,
                          const std::function<void()> &reopened)
{
    if (bridge == next)
        return false;
    if (bridge)
        disconnect(bridge, nullptr, model, nullptr);
    bridge = next;
    reader.reset();
    if (bridge)
        connect(bridge, &EngineBridge::readyChanged, model, [&reader, reopened] {
            reader.reset();
            reopened();
        });
    return true;
}

} // namespace Signalbox
