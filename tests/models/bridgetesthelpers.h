// Shared by the monitor model tests: a real EngineBridge hosting a database in a temporary
// folder, and starting workflows through it as the Run dialog does.
// Waiting (docs/engine.md, "Testing the engine"): the engine runs on the bridge's thread, and
// everything reaches the test on the GUI thread (commandFinished, the batched notifications), so
// QSignalSpy on the bridge and QTRY_* on a model's value are safe. Wait for the value or the
// notification that carries the result, never for a time; the deadlines only end a test that
// hangs.
#pragma once

#include "enginebridge.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace Signalbox::Testing {

// The deadline of every wait for something the engine does (a run, a command's answer, a batch).
// A loaded machine is 10-100x slower than a quiet one; a passing test never reaches it.
constexpr int waitMs = 60000;

// Hosts `dbPath` (or shows it read-only when another host holds it) and waits until the bridge
// says whether it is ready; false when it is not. A read-only bridge is ready within open(), so
// the signal may come before any wait starts: the spy's count is looked at, not a wait's result.
inline bool openBridge(EngineBridge &bridge, const QString &dbPath, int timeoutMs = waitMs)
{
    bridge.setDatabasePath(dbPath);
    QSignalSpy ready(&bridge, &EngineBridge::readyChanged);
    bridge.open();
    return QTest::qWaitFor([&ready] { return !ready.isEmpty(); }, timeoutMs) && bridge.isReady();
}

// Waits for commandFinished(ticket) in `spy` (a spy on the bridge's commandFinished created before
// the command was given) and returns its arguments; empty on timeout.
inline QList<QVariant> waitForCommand(QSignalSpy &spy, int ticket, int timeoutMs = waitMs)
{
    QList<QVariant> found;
    [[maybe_unused]] const bool answered = QTest::qWaitFor(
        [&] {
            for (const QList<QVariant> &args : std::as_const(spy)) {
                if (args.at(0).toInt() == ticket) {
                    found = args;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

// Starts `file` through the bridge and waits for the host's answer: the execution id, or ""
// when the start failed or no answer came.
inline QString startAndWait(EngineBridge &bridge, const QString &file, const QString &input)
{
    QSignalSpy done(&bridge, &EngineBridge::commandFinished);
    const QList<QVariant> args = waitForCommand(done, bridge.startFile(file, input));
    return !args.isEmpty() && args.at(2).toBool() ? args.at(4).toString() : QString();
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

// Waits until the bridge has delivered executionsFinished for `id`. `finished` is a spy on the
// bridge's executionsFinished created before the execution could end (e.g. when the bridge
// opened), so no delivery is missed. The engine notifies an execution's end after its other
// changes of that commit, and a batch announces its updates before its ends, so once this
// returns every executionsUpdated naming `id` has reached the models and none will follow.
inline bool waitDelivered(QSignalSpy &finished, const QString &id, int timeoutMs = waitMs)
{
    return QTest::qWaitFor(
        [&] {
            for (const QList<QVariant> &args : std::as_const(finished)) {
                if (args.at(0).toStringList().contains(id))
                    return true;
            }
            return false;
        },
        timeoutMs);
}

} // namespace Signalbox::Testing
