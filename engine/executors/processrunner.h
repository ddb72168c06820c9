// Runs `command:` (argv) and `shell:` (/bin/sh -c) tasks as local processes: the effective input
// as JSON on stdin, the result as JSON on stdout, the SIGNALBOX_* environment, the workflow
// file's folder as working directory. Each child starts in its own session (setsid), so a timeout
// or a cancel kills the whole process group.
#pragma once

#include "signalbox/executor.h"

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

    // Turns what a finished process produced into an outcome (public for tests).
    static TaskOutcome interpret(int exitCode, bool crashed, const QByteArray &out,
                                 bool outTruncated);

private:
    struct Task;
    void finish(const std::string &token);
    std::map<std::string, std::unique_ptr<Task>> m_tasks;
};

} // namespace Signalbox
