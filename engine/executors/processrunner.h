// Runs `command:` (argv) and `shell:` (/bin/sh -c) tasks as local processes: the effective input
// as JSON on stdin, the result as JSON on stdout, the SIGNALBOX_* environment, the workflow
// file's folder as working directory. Each child starts in its own session (setsid), so a timeout
// or a cancel kills the whole process group. A line `::heartbeat` on stderr is a heartbeat.
#pragma once

#include "signalbox/executor.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <map>
#include <memory>

class QProcess;

namespace Signalbox {

class ProcessRunner : public TaskRunner
{
public:
    ProcessRunner();
    ~ProcessRunner() override;
    void start(const TaskRequest &request, TaskCallback done) override;
    void cancel(const std::string &token) override;
    void cancelAll() override;
    int running() const override { return int(m_tasks.size()); }

    // Called (on the runner's thread) with the task's token each time a running process writes
    // the line `::heartbeat` on stderr (heartbeat_seconds; the line stays in the stderr log).
    void setHeartbeatHandler(std::function<void(const std::string &token)> handler)
    {
        m_heartbeat = std::move(handler);
    }
    // Complete lines taken from the front of `pending` (stderr read so far, not yet split) that
    // are heartbeats; what follows the last newline stays in `pending` (public for tests).
    static int takeHeartbeats(QByteArray &pending);

    // Turns what a finished process produced into an outcome (public for tests).
    static TaskOutcome interpret(int exitCode, bool crashed, const QByteArray &out,
                                 bool outTruncated);
    // The cause of Task.StartFailed: the system's reason when the host ran out of file
    // descriptors or processes (errno, checked again with a pipe), else Qt's message.
    static std::string startFailureCause(const QString &qtMessage, int savedErrno);

private:
    struct Task;
    void finish(const std::string &token);
    std::map<std::string, std::unique_ptr<Task>> m_tasks;
    std::function<void(const std::string &token)> m_heartbeat;
};

} // namespace Signalbox
