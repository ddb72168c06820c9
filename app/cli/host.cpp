#include "host.h"

#include "commands.h"

#include "signalbox/control.h"
#include "signalbox/jsonread.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>
#include <QTime>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Signalbox::Cli {

namespace {

int signalFds[2] = {-1, -1};

void onSignal(int sig)
{
    const char c = char(sig);
    [[maybe_unused]] ssize_t n = ::write(signalFds[0], &c, 1); // async-signal-safe
}

// Turns SIGINT/SIGTERM into `quit` of `loop` for as long as it lives.
class SignalQuit
{
public:
    explicit SignalQuit(QEventLoop *loop)
    {
        if (signalFds[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, signalFds) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(signalFds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, loop, [loop] {
            char c;
            [[maybe_unused]] ssize_t n = ::read(signalFds[1], &c, 1);
            QTextStream(stderr) << "signalbox: stopping (signal " << int(c)
                                << "); unfinished work resumes on the next start\n";
            loop->exit(1);
        });
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, &m_oldInt);
        ::sigaction(SIGTERM, &sa, &m_oldTerm);
    }
    ~SignalQuit()
    {
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
    }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

QString shortTime()
{
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace

Host::Host(QObject *parent)
    : QObject(parent)
{}

Host::~Host()
{
    m_walCheck.reset();
    if (m_server)
        m_server->close();
    if (m_engine)
        m_engine->close();
}

bool Host::open(const QString &database, QString *error)
{
    const bool memory = database == QLatin1String(":memory:");
    if (!memory) {
        m_lock = std::make_unique<HostLock>(database);
        QString why;
        if (!m_lock->tryLock(&why)) {
            // The lock names the holder when another process has it, and says what is wrong
            // otherwise (a read-only folder, a full disk): never "in use" unless it is.
            *error = why;
            return false;
        }
    }
    m_engine = std::make_unique<Engine>();
    connect(m_engine.get(), &Engine::warning, this, [](const QString &message) {
        QTextStream(stderr) << "signalbox: warning: " << printable(message, true) << '\n';
    });
    connect(m_engine.get(), &Engine::storageFault, this, [](const QString &message) {
        QTextStream(stderr) << "signalbox: warning: " << printable(message, true) << '\n';
    });
    connect(m_engine.get(), &Engine::storageRecovered, this, [] {
        QTextStream(stderr) << "signalbox: the database can be written again; continuing\n";
    });
    connect(m_engine.get(), &Engine::storageFailed, this, [this](const QString &message) {
        if (m_failed)
            return; // said already (the idle check below found it first)
        QTextStream(stderr) << "signalbox: error: " << printable(message, true) << '\n';
        m_failed = true;
        emit stopRequested();
    });
    if (!m_engine->open(database, error))
        return false;
    if (!memory) {
        m_server = std::make_unique<ControlServer>();
        Engine *engine = m_engine.get();
        m_server->setHandler([engine](const Json &request) {
            Json result = handleControlRequest(*engine, request);
            // Acknowledge only what is durable: while the disk is full the operation waits in
            // memory, and the client hears so instead of "ok".
            const QString problem = engine->storageProblem();
            if (!problem.isEmpty())
                return ControlServer::errorReply(
                    QStringLiteral("not saved yet: %1. The request is queued and is applied "
                                   "when the database can be written again, unless the host "
                                   "stops first")
                        .arg(problem));
            return result;
        });
        QString why;
        if (!m_server->listen(database, &why)) {
            *error = why; // a host nobody can send commands to is not a host
            return false;
        }
        // Each transaction checks the write-ahead log first; an idle host looks every 2 s, so
        // a log removed meanwhile is saved before a crash or kill could lose what it holds.
        m_walCheck = std::make_unique<QTimer>();
        connect(m_walCheck.get(), &QTimer::timeout, this, [this] {
            Store *store = m_engine->store();
            if (m_failed || !store || store->walIntact())
                return;
            m_walCheck->stop();
            QTextStream(stderr) << "signalbox: error: " << printable(store->lastError(), true)
                                << '\n';
            m_failed = true;
            emit stopRequested();
        });
        m_walCheck->start(2000);
    }
    return true;
}

void Host::showProgress(const std::string &executionId)
{
    const QString only = QString::fromStdString(executionId);
    connect(m_engine.get(), &Engine::eventsAppended, this,
            [only](const QString &id, const QByteArray &events) {
                if (!only.isEmpty() && id != only)
                    return;
                QTextStream err(stderr);
                const std::optional<Json> parsed = readJson(
                    std::string_view(events.constData(), std::size_t(events.size())), nullptr,
                    {kJsonMaxDepth, 0});
                if (!parsed || !parsed->is_array())
                    return;
                const Json &list = *parsed;
                for (const Json &e : list) {
                    const std::string type = e.value("type", "");
                    std::string where = e.value("frame", "");
                    const std::string state = e.value("state", "");
                    where = where.empty() ? state : where + "/" + state;
                    const Json &data = e.value("data", Json::object());
                    QString line;
                    if (type == "StateEntered") {
                        line = QStringLiteral("-> %1").arg(QString::fromStdString(where));
                    } else if (type == "TaskFailed" || type == "StateFailed"
                               || type == "TaskTimedOut") {
                        line = QStringLiteral("   %1 %2: %3 %4")
                                   .arg(QString::fromStdString(type), QString::fromStdString(where),
                                        QString::fromStdString(data.value("error", "")),
                                        QString::fromStdString(data.value("cause", "")));
                    } else if (type == "RetryScheduled") {
                        line = QStringLiteral("   retry %1 in %2 s")
                                   .arg(QString::fromStdString(where))
                                   .arg(data.value("delay_seconds", 0.0));
                    } else if (type == "EventAwaited") {
                        line = QStringLiteral("   %1 waits for %2 '%3' (signalbox %4 %5 %1)")
                                   .arg(QString::fromStdString(where),
                                        QString::fromStdString(data.value("kind", "")),
                                        QString::fromStdString(data.value("event", "")),
                                        data.value("kind", "") == "approval"
                                            ? QStringLiteral("approve")
                                            : QStringLiteral("send-event"),
                                        id);
                    } else if (type == "TaskScheduled" && data.value("activity", false)) {
                        line = QStringLiteral("   %1 waits for `signalbox complete %2 %1`")
                                   .arg(QString::fromStdString(where), id);
                    }
                    // State names, errors and causes come from users: escaped, one line.
                    if (!line.isEmpty())
                        err << shortTime() << ' ' << printable(line) << '\n';
                }
            });
}

bool Host::waitFor(const std::string &executionId)
{
    std::optional<ExecutionStatus> s = m_engine->status(executionId);
    if (s && isFinal(*s))
        return true;
    const QString problem = m_engine->resumeProblem(executionId);
    if (!problem.isEmpty()) { // nothing would ever move it on
        QTextStream(stderr) << "signalbox: error: execution " << printable(executionId)
                            << " cannot run in this host: " << printable(problem, true) << '\n';
        return false;
    }
    if (m_failed)
        return false;
    QEventLoop loop;
    SignalQuit quit(&loop);
    connect(this, &Host::stopRequested, &loop, [&loop] { loop.exit(2); });
    const QString id = QString::fromStdString(executionId);
    // Queued: the command that finished the execution gets its reply out first.
    connect(
        m_engine.get(), &Engine::executionFinished, &loop,
        [&loop, id](const QString &finished) {
            if (finished == id)
                loop.exit(0);
        },
        Qt::QueuedConnection);
    const bool finished = loop.exec() == 0;
    finishReplies();
    return finished;
}

void Host::finishReplies()
{
    // The last command (the one that ended the execution) may still have its reply in a socket
    // buffer: give clients a moment to read it before the process exits.
    if (!m_server || m_server->connectionCount() == 0)
        return;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (m_server->connectionCount() == 0)
            loop.quit();
    });
    deadline.start(1000);
    poll.start(10);
    loop.exec();
}

bool Host::serveUntilSignal()
{
    if (m_failed)
        return false;
    QEventLoop loop;
    SignalQuit quit(&loop);
    connect(this, &Host::stopRequested, &loop, [&loop] { loop.exit(2); });
    loop.exec();
    return !m_failed;
}

int printExecutionResult(Engine &engine, const std::string &executionId)
{
    engine.flush();
    std::optional<ExecutionRecord> rec = engine.store()->execution(executionId);
    Json out = {{"execution_id", executionId}};
    if (!rec) {
        out["status"] = "UNKNOWN";
        printOut(QString::fromStdString(writeJson(out)) + QLatin1Char('\n'));
        return Internal;
    }
    out["status"] = executionStatusName(rec->status);
    if (rec->status == ExecutionStatus::Succeeded) {
        out["output"] = rec->output;
    } else if (isFinal(rec->status)) {
        out["error"] = rec->error;
        out["cause"] = rec->cause;
    } else {
        out["positions"] = rec->positions;
    }
    printOut(QString::fromStdString(writeJson(out)) + QLatin1Char('\n'));
    return rec->status == ExecutionStatus::Succeeded ? Ok : ExecutionFailed;
}

} // namespace Signalbox::Cli
