// SimulationModel: the designer's Simulate. It runs the open workflow as it is on screen (unsaved
// edits included) in simulation mode on a private in-memory engine: tasks return their `mock`
// (default: their input), waits and retry delays take no time, and approvals and events still
// wait for a person (docs/engine.md, "Simulation"). Each state entered becomes one row, in
// order, with how it was reached (the edge taken) and how it ended, so the canvas can light up
// the path step by step (qml/design/SimulationOverlay.qml).
#pragma once

#include "signalbox/definition.h"
#include "signalbox/json.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Signalbox {

class Engine;
class WorkflowDocument;

// Design: a fresh Engine on ":memory:" per simulation, on the GUI thread. Nothing is stored and
// nothing shows in Runs (Run ▸ Run… with "Simulate" ticked records a simulated execution there
// instead). Simulated tasks never start processes, so the engine's work is pure computation;
// the history limit is lowered so a workflow that loops forever stops quickly with an error.
// Rows are built from the engine's committed events only (eventsAppended), like the monitor.
class SimulationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::WorkflowDocument *document READ document WRITE setDocument NOTIFY
                   documentChanged)
    Q_PROPERTY(bool active READ isActive NOTIFY statusChanged)
    // "" (none), "RUNNING", "WAITING", "SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED".
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString output READ output NOTIFY statusChanged)
    Q_PROPERTY(QString error READ error NOTIFY statusChanged)
    Q_PROPERTY(QString cause READ cause NOTIFY statusChanged)
    Q_PROPERTY(QString input READ input NOTIFY statusChanged)
    Q_PROPERTY(int stepCount READ stepCount NOTIFY stepsChanged)
    // How many steps the canvas shows (0..stepCount); the overlay animates it.
    Q_PROPERTY(int shownStep READ shownStep WRITE setShownStep NOTIFY shownStepChanged)
    // name -> [{step, status}] and [{from, to, kind, rule, step}] for the canvas.
    Q_PROPERTY(QVariantMap visits READ visits NOTIFY stepsChanged)
    Q_PROPERTY(QVariantList transitions READ transitions NOTIFY stepsChanged)
    // The wait the simulation stopped at, if any.
    Q_PROPERTY(QVariantMap waiting READ waiting NOTIFY statusChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    enum Role {
        StepRole = Qt::UserRole + 1,
        StateNameRole,
        FrameRole,
        StatusRole, // "running", "succeeded", "failed", "caught", "waiting"
        InputRole,  // JSON text
        OutputRole, // JSON text
        ErrorRole,
        CauseRole,
        FromRole, // the state before it in the same frame, "" for the first
        EdgeKindRole,
        EdgeRuleRole,
    };
    Q_ENUM(Role)

    explicit SimulationModel(QObject *parent = nullptr);
    ~SimulationModel() override;

    WorkflowDocument *document() const { return m_document; }
    void setDocument(WorkflowDocument *document);
    bool isActive() const { return !m_status.isEmpty(); }
    QString status() const { return m_status; }
    QString output() const { return m_output; }
    QString error() const { return m_error; }
    QString cause() const { return m_cause; }
    QString input() const { return m_input; }
    int stepCount() const { return int(m_steps.size()); }
    int shownStep() const { return m_shown; }
    void setShownStep(int step);
    QVariantMap visits() const;
    QVariantList transitions() const;
    QVariantMap waiting() const { return m_waiting; }
    QString message() const { return m_message; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Starts a simulation of the document with `inputJson`; "" or why it could not start.
    Q_INVOKABLE QString start(const QString &inputJson);
    // Decides the approval the simulation waits at (fields: the form's values).
    Q_INVOKABLE QString approve(const QString &comment = {}, const QVariantMap &fields = {});
    Q_INVOKABLE QString reject(const QString &comment = {});
    // Delivers the event the simulation waits for (kind: event).
    Q_INVOKABLE QString sendEvent(const QString &payloadJson);
    // Forgets the simulation; the canvas shows the plain diagram again.
    Q_INVOKABLE void clear();

signals:
    void documentChanged();
    void statusChanged();
    void stepsChanged();
    void shownStepChanged();
    void messageChanged();
    // A simulation began (the overlay starts its animation).
    void started();

private:
    struct Step
    {
        QString state;
        QString frame;
        QString status = QStringLiteral("running");
        Json input;
        Json output;
        QString error;
        QString cause;
        QString from;
        QString edgeKind; // "next", "choice", "default", "catch" or "" (first in its frame)
        int edgeRule = -1;
    };
    struct Pending // how the last state of a frame left it
    {
        QString from;
        QString kind;
        int rule = -1;
    };

    void onEvents(const QString &executionId, const QByteArray &events);
    void apply(const Json &event);
    int lastStep(const QString &frame, const QString &state) const;
    void updateStep(int row, const QList<int> &roles);
    QString finishOperation(bool ok, const std::string &error);
    void setStatus(const QString &status);
    void setMessage(const QString &message);

    QPointer<WorkflowDocument> m_document;
    std::unique_ptr<Engine> m_engine;
    std::string m_executionId;
    Definition m_definition; // what is being simulated
    QList<Step> m_steps;
    QHash<QString, Pending> m_pending; // frame -> how its last state left
    QString m_status;
    QString m_output;
    QString m_error;
    QString m_cause;
    QString m_input;
    QVariantMap m_waiting;
    QString m_message;
    int m_shown = 0;
};

} // namespace Signalbox
