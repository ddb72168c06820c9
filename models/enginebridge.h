// EngineBridge: the one place where the GUI meets the durable engine. It hosts the Engine of one
// database on a worker thread (the app is that database's host, so `signalbox start|approve|...`
// from a terminal reach it over the control socket), forwards commands from QML to it, and turns
// the engine's signals into a few batched notifications that the Runs and Approvals models
// (executionsmodel.h, approvalsmodel.h, historymodel.h) read their data after.
#pragma once

#include "signalbox/json.h"
#include "signalbox/store.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QQmlParserStatus>
#include <QSet>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace Signalbox {

class Engine;
class ControlServer;
class HostLock;

// Design: the Engine lives on m_thread and is only ever touched there (through queued lambdas),
// together with the ControlServer that answers terminal commands. Every GUI command goes through
// the same handleControlRequest() the CLI host uses, so validation, error wording and the flush
// before the answer are identical; the answer comes back as commandFinished(ticket, ...).
// Engine signals are connected directly (they run on the engine thread) and only record what
// changed into m_pending under a mutex; at most one queued call per 50 ms window carries the
// batch to the GUI thread, so a chatty execution costs the UI one update per window however
// many events it writes. Models never get data from the bridge: they open their own read-only
// Store (WAL readers) on databasePath and re-read what a notification names.
// ":memory:" runs an engine without persistence, but the models cannot read it (their own
// connections would see another, empty database): the monitor needs a file.
// When another process already hosts the database, the bridge does not start an engine: it sets
// hostError, stays readOnly, forwards commands to that host over the control socket, and polls
// the database now and then so the lists still move.
class EngineBridge : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(
        QString databasePath READ databasePath WRITE setDatabasePath NOTIFY databasePathChanged)
    Q_PROPERTY(bool autoOpen MEMBER m_autoOpen NOTIFY autoOpenChanged)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(bool readOnly READ isReadOnly NOTIFY readyChanged)
    Q_PROPERTY(QString hostError READ hostError NOTIFY readyChanged)
    Q_PROPERTY(QString operatorName READ operatorName CONSTANT)
    Q_PROPERTY(int batchIntervalMs MEMBER m_batchInterval NOTIFY batchIntervalChanged)
    // The storage fault the engine is living with ("" when none): a full disk or an I/O error
    // it retries (work is kept and continues by itself), or a damaged database it stopped on.
    Q_PROPERTY(QString storageProblem READ storageProblem NOTIFY storageProblemChanged)

public:
    explicit EngineBridge(QObject *parent = nullptr);
    ~EngineBridge() override;

    // The database; empty means the default (AppDataLocation/signalbox.db, as the CLI uses).
    QString databasePath() const;
    void setDatabasePath(const QString &path);
    static QString defaultDatabasePath();

    bool isReady() const { return m_ready; }
    // A read-only connection to the database for a model on the UI thread (WAL readers do not
    // block the engine). nullptr while not ready or when the file cannot be read (logged, with
    // `who` naming the caller).
    std::unique_ptr<Store> openReader(const char *who) const;
    // For the monitor models: points `model`'s `bridge` at `next`, dropping the old bridge's
    // connections and the model's `reader`; whenever the host (re)opens the database the reader
    // is dropped and `reopened` runs. Returns false when `next` already is the bridge.
    static bool rebind(QObject *model, QPointer<EngineBridge> &bridge,
                       std::unique_ptr<Store> &reader, EngineBridge *next,
                       const std::function<void()> &reopened);
    bool isReadOnly() const { return m_readOnly; }
    QString hostError() const { return m_hostError; }
    QString storageProblem() const { return m_storageProblem; }
    static QString operatorName();

    // Takes the host lock, opens the engine on its thread (resuming unfinished executions) and
    // listens on the control socket; readyChanged follows. Called by componentComplete when
    // autoOpen is set. Idempotent.
    Q_INVOKABLE void open();
    // Stops the engine (running tasks resume on the next start) and releases the lock.
    Q_INVOKABLE void close();

    // Commands. Each returns a ticket at once; commandFinished(ticket, ...) reports the outcome.
    // JSON arguments are text (as typed in a dialog); invalid JSON fails the command.
    Q_INVOKABLE int startFile(const QString &pathOrUrl, const QString &inputJson,
                              const QString &name = {}, bool simulate = false);
    Q_INVOKABLE int approve(const QString &execution, const QString &state, const QString &comment,
                            const QVariantMap &fields = {});
    Q_INVOKABLE int reject(const QString &execution, const QString &state, const QString &comment,
                           const QVariantMap &fields = {});
    Q_INVOKABLE int cancel(const QString &execution, const QString &reason = {});
    // inputJson empty: resume with the failed state's input.
    Q_INVOKABLE int redrive(const QString &execution, const QString &inputJson = {});
    Q_INVOKABLE int complete(const QString &execution, const QString &state,
                             const QString &outputJson);
    Q_INVOKABLE int fail(const QString &execution, const QString &state, const QString &error,
                         const QString &cause);
    Q_INVOKABLE int sendEvent(const QString &execution, const QString &event,
                              const QString &payloadJson);
    // Runs a control request (control.h format) as is.
    int request(const Json &request);

    // "" when `text` is valid JSON (or empty and allowEmpty), else a message with the position.
    Q_INVOKABLE static QString jsonError(const QString &text, bool allowEmpty = false);
    // "" when `name` may name an execution (or is empty: a fresh name is made), else why not:
    // the engine's own rule (executionNameProblem, Step Functions' StartExecution rules).
    Q_INVOKABLE static QString nameError(const QString &name);

    void classBegin() override {}
    void componentComplete() override;

signals:
    void databasePathChanged();
    void autoOpenChanged();
    void readyChanged();
    void batchIntervalChanged();
    // Batched: the executions whose row, status or history changed since the last batch.
    void executionsUpdated(const QStringList &executionIds);
    // Batched: at least one pending wait appeared or went away.
    void approvalsChanged();
    // Batched: executions that reached a final status, with that status ("SUCCEEDED", ...).
    void executionsFinished(const QStringList &executionIds, const QStringList &statuses);
    // Batched: a new approval became pending (for a desktop notification).
    void approvalArrived(const QString &executionId, const QString &state);
    // The outcome of a command. `result` is the host's result object as a map.
    void commandFinished(int ticket, const QString &command, bool ok, const QString &message,
                         const QString &executionId, const QVariantMap &result);
    void warning(const QString &message);
    void storageProblemChanged();

private:
    struct Pending
    {
        QStringList updated; // in arrival order, unique
        QSet<QString> updatedSet;
        QStringList finished;
        QStringList finishedStatus;
        QList<std::pair<QString, QString>> arrivals;
        bool approvals = false;
    };

    int refuse(const QString &command, const QString &message);
    void connectEngine();
    void record(const std::function<void(Pending &)> &change);
    void deliverBatch();
    void setReady(bool ready, bool readOnly, const QString &hostError);
    void runOnEngineThread(std::function<void()> job);
    void poll();

    QString m_databasePath;
    bool m_autoOpen = true;
    bool m_opening = false;
    bool m_ready = false;
    bool m_readOnly = true;
    QString m_hostError;
    QString m_storageProblem;
    int m_batchInterval = 50;
    int m_nextTicket = 1;

    QThread m_thread;
    Engine *m_engine = nullptr;        // lives on m_thread
    ControlServer *m_server = nullptr; // lives on m_thread
    HostLock *m_lock = nullptr;        // GUI thread

    QMutex m_mutex;
    Pending m_pending;     // guarded by m_mutex
    bool m_posted = false; // guarded by m_mutex: a delivery is queued or the timer runs
    QTimer m_batchTimer;
    QTimer m_pollTimer; // read-only mode only
    qint64 m_pollMark = -1;
};

} // namespace Signalbox
