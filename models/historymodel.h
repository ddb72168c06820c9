// HistoryModel: the selected execution in the Runs place. Rows are its event history (seq, type,
// time, state, data), appended live as the EngineBridge reports new events. Beside the rows it
// keeps what the monitor's flowchart and step inspector need, derived from the same events:
// the execution summary, a status per state (running, succeeded, failed, waiting, retrying,
// cancelled; absent = not reached), visit counts, the transitions taken, and per-state details
// (input, output, error, every attempt with its times, exit code, stdout and stderr).
#pragma once

#include "runframes.h"
#include "signalbox/store.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Signalbox {

class EngineBridge;
Q_MOC_INCLUDE("enginebridge.h") // moc needs the complete type for the property

class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::EngineBridge *bridge READ bridge WRITE setBridge NOTIFY bridgeChanged)
    Q_PROPERTY(QString executionId READ executionId WRITE setExecutionId NOTIFY executionIdChanged)
    Q_PROPERTY(QVariantMap execution READ execution NOTIFY executionChanged)
    Q_PROPERTY(QString status READ status NOTIFY executionChanged)
    Q_PROPERTY(QString definitionSource READ definitionSource NOTIFY definitionChanged)
    Q_PROPERTY(QVariantMap stateStatus READ stateStatus NOTIFY statesChanged)
    Q_PROPERTY(QVariantMap visitCounts READ visitCounts NOTIFY statesChanged)
    Q_PROPERTY(QStringList takenEdges READ takenEdges NOTIFY statesChanged)
    // state -> a short note for the diagram, e.g. "attempt 2 at 16:30:12" while retrying.
    Q_PROPERTY(QVariantMap stateNotes READ stateNotes NOTIFY statesChanged)
    // Nested states (parallel branches, map iterations) are in stateStatus, visitCounts and
    // takenEdges too, summed over iterations (a state running in one iteration is "running"), or
    // only those of the selected iteration (selectIteration). Per parallel / map state:
    // {started, finished, failed} branches or iterations; per nested state: how many iterations
    // passed it successfully (the diagram's "3 of 5 done"). Both follow the selection too.
    Q_PROPERTY(QVariantMap iterations READ iterations NOTIFY statesChanged)
    Q_PROPERTY(QVariantMap doneCounts READ doneCounts NOTIFY statesChanged)
    // container -> the selected iteration or branch index (absent: all of them).
    Q_PROPERTY(QVariantMap selectedIterations READ selectedIterations
                   NOTIFY iterationSelectionChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        TypeRole,
        TimeRole,     // QDateTime (UTC)
        TimeTextRole, // "HH:mm:ss.zzz" (UTC)
        StateRole,
        FrameRole,
        DataTextRole, // the event's data as compact JSON
        SummaryRole,  // one line a person reads ("attempt 2 failed: Task.ExitCode ...")
        CategoryRole, // "success", "error", "wait", "info"
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    EngineBridge *bridge() const { return m_bridge; }
    void setBridge(EngineBridge *bridge);
    QString executionId() const { return m_executionId; }
    void setExecutionId(const QString &id);
    QVariantMap execution() const { return m_execution; }
    QString status() const { return m_execution.value(QStringLiteral("status")).toString(); }
    QString definitionSource() const { return m_definitionSource; }
    QVariantMap stateStatus() const { return m_stateStatus; }
    QVariantMap visitCounts() const { return m_visits; }
    QStringList takenEdges() const { return m_taken; }
    QVariantMap stateNotes() const { return m_notes; }
    QVariantMap iterations() const { return m_iterations; }
    QVariantMap doneCounts() const { return m_frames.doneCounts(); }
    QVariantMap selectedIterations() const { return m_frames.selections(); }
    // The branches and iterations per frame (the IterationsModel lists them).
    const RunFrames &frames() const { return m_frames; }
    // The events read so far, in order (the TimelineModel derives its bars from them).
    const std::vector<HistoryEvent> &events() const { return m_events; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Everything the step inspector shows for `state` (top-level or nested, by name):
    // {state, status, visits, input, output, error, cause, activity (waits for completion),
    //  attempts: [{attempt, scheduled, started, ended, duration, outcome, error, cause,
    //  exitCode, stdout, stderr, truncated}]}; JSON values as pretty text.
    // A nested state's details come from the selected iterations only, with
    //  scope: "each-image #7" naming them.
    Q_INVOKABLE QVariantMap stepDetails(const QString &state) const;
    // Shows only iteration (or branch) `index` of the parallel or map state `container` on the
    // diagram and in stepDetails; -1 shows all again. Selections inside that container are
    // dropped (they belonged to another iteration). Kept while the execution stays selected.
    Q_INVOKABLE void selectIteration(const QString &container, int index);
    Q_INVOKABLE int selectedIteration(const QString &container) const
    {
        return m_frames.selected(container);
    }
    // The iterations or branches of `container` on the selected path:
    // [{index, status, frame, item, firstState, error}] ([] when it did not run there).
    Q_INVOKABLE QVariantList iterationsOf(const QString &container) const;
    // Re-reads the execution and appends events committed since the last read.
    Q_INVOKABLE void refresh();

signals:
    void bridgeChanged();
    void executionIdChanged();
    void executionChanged();
    void definitionChanged();
    void statesChanged();
    void countChanged();
    void iterationSelectionChanged();

private:
    // What setRecord() changed; the signals are emitted once every property holds the new data.
    struct RecordChanges
    {
        bool definition = false;
        bool execution = false;
    };

    bool ensureStore();
    void reload();
    void apply(const HistoryEvent &e); // statuses, visits, edges
    void publish();                    // top level + the nested view into the properties
    // The execution's row. Read BEFORE its history: the engine writes a batch's events and the
    // row in one transaction, and each read is its own snapshot, so a history read after the
    // row holds every event the row's status reflects. Read after the history, the row could
    // be a newer commit's: a final status beside events that lack the batch that carries it
    // (tst_historymodel::statusNeverAheadOfHistory).
    std::optional<ExecutionRecord> readRecord() const;
    RecordChanges setRecord(const std::optional<ExecutionRecord> &rec); // execution, definition
    void emitRecordChanges(RecordChanges changes);

    QPointer<EngineBridge> m_bridge;
    std::unique_ptr<Store> m_store;
    QString m_executionId;
    QString m_loadedId; // the execution the events are of
    std::vector<HistoryEvent> m_events;
    QVariantMap m_execution;
    QString m_definitionHash;
    QString m_definitionSource;
    QSet<QString> m_parallelStates; // of the definition: a branch is "Branch n", not "#i"
    // Top-level states; m_frames holds the nested ones, publish() joins them.
    QVariantMap m_topStatus;
    QVariantMap m_topVisits;
    QStringList m_topTaken;
    RunFrames m_frames;
    QVariantMap m_stateStatus;
    QVariantMap m_visits;
    QStringList m_taken;
    QVariantMap m_notes;
    QString m_lastExited; // top-level state that exited last, for the edge taken next
    QVariantMap m_iterations;
};

} // namespace Signalbox
