// Hosting the engine from the command line (`run`, `resume`, `serve`): the host lock, the
// control socket, progress lines on stderr, the final JSON object on stdout, and a clean stop on
// SIGINT/SIGTERM (a self-pipe turns the signal into an event-loop quit; in-flight work is
// recovered on the next start). Storage faults are said once on stderr; a damaged database
// stops the host.
#pragma once

#include "signalbox/engine.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace Signalbox {
class ControlServer;
class HostLock;
} // namespace Signalbox

namespace Signalbox::Cli {

// Owns the lock, the engine and the control server for one database.
class Host : public QObject
{
    Q_OBJECT
public:
    explicit Host(QObject *parent = nullptr);
    ~Host() override;

    // Takes the host lock, opens the engine (resuming unfinished executions) and listens on the
    // control socket. False with a message a person can act on.
    bool open(const QString &database, QString *error);
    Engine &engine() { return *m_engine; }
    // Prints one line per state entered (and per failure) of `executionId` to stderr; all
    // executions when empty.
    void showProgress(const std::string &executionId);
    // Runs the event loop until `executionId` finishes (true), or a signal arrives, the
    // database fails or the execution cannot run here (false, with a message on stderr).
    bool waitFor(const std::string &executionId);
    // Runs the event loop until SIGINT/SIGTERM (true), or until the database fails (false).
    bool serveUntilSignal();

signals:
    // The database can no longer be trusted (Engine::storageFailed): the host stops.
    void stopRequested();

private:
    void finishReplies();
    bool m_failed = false;
    std::unique_ptr<QTimer> m_walCheck;
    std::unique_ptr<HostLock> m_lock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ControlServer> m_server;
};

// Prints {"execution_id","status","output"} (or with "error","cause") and returns the exit code:
// 0 only when SUCCEEDED.
int printExecutionResult(Engine &engine, const std::string &executionId);

} // namespace Signalbox::Cli
