// Running the real `signalbox` binary from the CLI tests: its exit code, stdout and stderr.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace CliTest {

struct Result
{
    int code = -1; // -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;
};

inline Result runCli(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(QStringLiteral(SIGNALBOX_BINARY), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace CliTest
