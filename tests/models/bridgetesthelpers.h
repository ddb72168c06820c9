// Shared by the monitor model tests: a real EngineBridge hosting a database in a temporary
// folder, and starting workflows through it as the Run dialog does.
#pragma once

#include "enginebridge.h"

#include <QFile>
#include <QSignalSpy>

namespace Signalbox::Testing {

// Hosts `dbPath` and waits until the bridge is ready; false on timeout.
inline bool openBridge(EngineBridge &bridge, const QString &dbPath, int timeoutMs = 20000)
{
    bridge.setDatabasePath(dbPath);
    QSignalSpy ready(&bridge, &EngineBridge::readyChanged);
    bridge.open();
    return ready.wait(timeoutMs);
}

// Starts `file` through the bridge and waits for the host's answer: the execution id, or ""
// when the start failed or no answer came.
inline QString startAndWait(EngineBridge &bridge, const QString &file, const QString &input)
{
    QSignalSpy done(&bridge, &EngineBridge::commandFinished);
    const int ticket = bridge.startFile(file, input);
    for (int i = 0; i < 50; ++i) {
        for (const QList<QVariant> &args : std::as_const(done)) {
            if (args.at(0).toInt() == ticket)
                return args.at(2).toBool() ? args.at(4).toString() : QString();
        }
        if (!done.wait(10000))
            break;
    }
    return {};
}

// Writes `yaml` to `path`, then startAndWait().
inline QString startYaml(EngineBridge &bridge, const QString &path, const char *yaml,
                         const QString &input)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(yaml);
    f.close();
    return startAndWait(bridge, path, input);
}

} // namespace Signalbox::Testing
