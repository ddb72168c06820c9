#include "processrunner.h"

#include "secrets.h"

#include "signalbox/jsonread.h"

#include <QDateTime>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace Signalbox {

namespace {
// stdout is parsed as the result, so it may be as large as the payload limit allows; what is
// kept for inspection is bounded by Store::maxLogBytes.
constexpr qsizetype maxResultBytes = 4 * 1024 * 1024;

void appendBounded(QByteArray &buf, const QByteArray &chunk, qsizetype limit, bool *truncated)
{
    const qsizetype room = limit - buf.size();
    if (room <= 0) {
        *truncated = *truncated || !chunk.isEmpty();
        return;
    }
    if (chunk.size() > room) {
        buf.append(chunk.left(room));
        *truncated = true;
    } else {
        buf.append(chunk);
    }
}
} // namespace

// Why a process could not start, in the system's words. Qt reports every failed start as
// FailedToStart with a text that can mislead: out of file descriptors, QProcess says "No such file
// or directory" (and prints the real reason only as a warning). `savedErrno` is errno right
// after the failure; a pipe is then tried here, because that is what failed when the host has
// run out of descriptors (EMFILE/ENFILE), whatever errno Qt left behind.
std::string ProcessRunner::startFailureCause(const QString &qtMessage, int savedErrno)
{
    int err = 0;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) == 0) {
        ::close(fds[0]);
        ::close(fds[1]);
    } else {
        err = errno;
    }
    if (err != EMFILE && err != ENFILE
        && (savedErrno == EMFILE || savedErrno == ENFILE || savedErrno == EAGAIN
            || savedErrno == ENOMEM))
        err = savedErrno; // fork() failed (EAGAIN, ENOMEM), or descriptors came back meanwhile
    if (err == EMFILE || err == ENFILE) {
        rlimit rl{};
        std::string limit;
        if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
            limit = " (the limit is " + std::to_string(rl.rlim_cur) + " open files per process)";
        return std::string("cannot start the process: ") + std::strerror(err) + limit;
    }
    if (err == EAGAIN || err == ENOMEM)
        return std::string("cannot start the process: ") + std::strerror(err);
    return qtMessage.toStdString();
}

std::string resolveEnvReferences(const std::string &text)
{
    return TaskSecrets().resolve(text);
}

struct ProcessRunner::Task
{
    QProcess *process = nullptr;
    TaskCallback done;
    TaskLog log;
    QByteArray out;
    QByteArray err;
    bool outTruncated = false;
    bool errTruncated = false;
    QByteArray errLine; // stderr after the last newline, scanned for heartbeats
    int startErrno = 0; // errno when QProcess reported FailedToStart
    TaskSecrets secrets; // what the state's env: ${env:…} resolved to
};

int ProcessRunner::takeHeartbeats(QByteArray &pending)
{
    int beats = 0;
    qsizetype start = 0;
    for (qsizetype nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
        if (pending.sliced(start, nl - start).trimmed() == "::heartbeat")
            ++beats;
        start = nl + 1;
    }
    pending.remove(0, start);
    // A line this long is not a heartbeat: remember only that (a mark no heartbeat matches).
    if (pending.size() > 64)
        pending = QByteArray("#");
    return beats;
}

ProcessRunner::ProcessRunner() = default;

ProcessRunner::~ProcessRunner()
{
    cancelAll();
}

static void killGroup(QProcess *p)
{
    const qint64 pid = p->processId();
    if (pid > 0)
        ::kill(-pid, SIGKILL); // the child called setsid(): its pid is the group id
    p->kill();
}

void ProcessRunner::start(const TaskRequest &request, TaskCallback done)
{
    cancel(request.token); // a re-dispatch replaces a stale run with the same token
    auto task = std::make_unique<Task>();
    task->done = std::move(done);
    task->log.executionId = request.executionId;
    task->log.frame = request.frame;
    task->log.state = request.state;
    task->log.attempt = request.attempt;
    task->log.startedAtMs = QDateTime::currentMSecsSinceEpoch();

    auto *p = new QProcess;
    task->process = p;
    // An explicit environment: the allow-list of the host's variables, the task's own, the
    // state's env: (docs/language.md), never everything the host happens to have.
    QProcessEnvironment env = taskEnvironment(QProcessEnvironment::systemEnvironment());
    env.insert(QStringLiteral("SIGNALBOX_EXECUTION_ID"),
               QString::fromStdString(request.executionId));
    env.insert(QStringLiteral("SIGNALBOX_STATE"), QString::fromStdString(request.state));
    env.insert(QStringLiteral("SIGNALBOX_ATTEMPT"), QString::number(request.attempt));
    env.insert(QStringLiteral("SIGNALBOX_TASK_TOKEN"), QString::fromStdString(request.token));
    for (const auto &[k, v] : request.spec.env)
        env.insert(QString::fromStdString(k), QString::fromStdString(task->secrets.resolve(v)));
    p->setProcessEnvironment(env);
    if (!request.workingDirectory.isEmpty() && QFileInfo(request.workingDirectory).isDir())
        p->setWorkingDirectory(request.workingDirectory);
    // Own session (so a timeout or cancel can kill the whole group), and die with the host: after a
    // crash the task is re-dispatched, so the old run should not linger (its own children may).
    p->setChildProcessModifier([] {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });

    const std::string token = request.token;
    Task *raw = task.get();
    QObject::connect(p, &QProcess::readyReadStandardOutput, p, [raw] {
        appendBounded(raw->out, raw->process->readAllStandardOutput(), maxResultBytes,
                      &raw->outTruncated);
    });
    QObject::connect(p, &QProcess::readyReadStandardError, p, [this, raw, token] {
        const QByteArray chunk = raw->process->readAllStandardError();
        appendBounded(raw->err, chunk, qsizetype(Store::maxLogBytes), &raw->errTruncated);
        raw->errLine.append(chunk);
        const int beats = takeHeartbeats(raw->errLine);
        for (int i = 0; i < beats && m_heartbeat; ++i)
            m_heartbeat(token);
    });
    QObject::connect(p, &QProcess::finished, p, [this, token] { finish(token); });
    QObject::connect(p, &QProcess::errorOccurred, p, [this, token, raw](QProcess::ProcessError e) {
        // Reported from inside start(); the callback must come later.
        if (e == QProcess::FailedToStart) {
            raw->startErrno = errno;
            QTimer::singleShot(0, raw->process, [this, token] { finish(token); });
        }
    });

    QString program;
    QStringList args;
    if (request.spec.kind == Executor::Kind::Shell) {
        program = QStringLiteral("/bin/sh");
        args << QStringLiteral("-c") << QString::fromStdString(request.spec.shell);
    } else {
        for (const std::string &a : request.spec.argv)
            args << QString::fromStdString(a);
        program = args.isEmpty() ? QString() : args.takeFirst();
    }
    m_tasks[token] = std::move(task);
    p->start(program, args);
    if (p->state() != QProcess::NotRunning || p->error() != QProcess::FailedToStart) {
        p->write(QByteArray::fromStdString(request.input.dump()));
        p->closeWriteChannel();
    }
}

TaskOutcome ProcessRunner::interpret(int exitCode, bool crashed, const QByteArray &out,
                                     bool outTruncated)
{
    TaskOutcome o;
    o.exitCode = exitCode;
    const QByteArray trimmed = out.trimmed();
    std::optional<Json> parsed;
    if (trimmed.isEmpty()) {
        parsed = Json();
    } else if (!outTruncated) {
        // Bounded: a task is not trusted to write sane JSON (depth, numbers like 1e999).
        parsed = readJson(std::string_view(trimmed.constData(), std::size_t(trimmed.size())),
                          nullptr, {kJsonMaxDepth, 0});
    }
    if (crashed) {
        o.error = "Task.ExitCode";
        o.cause = "the process was killed by a signal";
        return o;
    }
    if (exitCode != 0) {
        if (parsed && parsed->is_object() && parsed->contains("error")
            && (*parsed)["error"].is_string()) {
            o.error = (*parsed)["error"].get<std::string>();
            const Json &c = (*parsed).value("cause", Json());
            o.cause = c.is_string() ? c.get<std::string>() : (c.is_null() ? "" : c.dump());
        } else {
            o.error = "Task.ExitCode";
            o.cause = "the process exited with code " + std::to_string(exitCode);
        }
        return o;
    }
    if (!parsed) {
        o.error = "Task.InvalidOutput";
        o.cause = outTruncated
                      ? "stdout is larger than " + std::to_string(maxResultBytes) + " bytes"
                      : "stdout is not JSON: " + trimmed.left(1000).toStdString();
        return o;
    }
    o.ok = true;
    o.output = std::move(*parsed);
    return o;
}

void ProcessRunner::finish(const std::string &token)
{
    auto it = m_tasks.find(token);
    if (it == m_tasks.end())
        return;
    std::unique_ptr<Task> task = std::move(it->second);
    m_tasks.erase(it);
    QProcess *p = task->process;
    appendBounded(task->out, p->readAllStandardOutput(), maxResultBytes, &task->outTruncated);
    appendBounded(task->err, p->readAllStandardError(), qsizetype(Store::maxLogBytes),
                  &task->errTruncated);
    TaskOutcome o;
    if (p->error() == QProcess::FailedToStart) {
        o.error = "Task.StartFailed";
        o.cause = startFailureCause(p->errorString(), task->startErrno);
    } else {
        o = interpret(p->exitCode(), p->exitStatus() == QProcess::CrashExit, task->out,
                      task->outTruncated);
    }
    task->log.exitCode = o.exitCode.value_or(-1);
    task->log.stdoutText = task->out.left(qsizetype(Store::maxLogBytes)).toStdString();
    task->log.stderrText = task->err.toStdString();
    task->log.truncated = task->outTruncated || task->errTruncated
                          || task->out.size() > qsizetype(Store::maxLogBytes);
    task->log.endedAtMs = QDateTime::currentMSecsSinceEpoch();
    o.log = task->log;
    // The process knows its secrets and may print them (an error message quoting a token, a
    // result that is not JSON): redacted before anything is stored.
    task->secrets.redact(o);
    p->disconnect();
    p->deleteLater();
    task->done(o);
}

void ProcessRunner::cancel(const std::string &token)
{
    auto it = m_tasks.find(token);
    if (it == m_tasks.end())
        return;
    QProcess *p = it->second->process;
    p->disconnect();
    killGroup(p);
    p->waitForFinished(2000);
    delete p;
    m_tasks.erase(it);
}

void ProcessRunner::cancelAll()
{
    while (!m_tasks.empty())
        cancel(m_tasks.begin()->first);
}

} // namespace Signalbox
