// RunFrames: what happened inside the parallel branches and map iterations of one execution, kept
// per frame, and the part of it the monitor shows. The engine names the frame of a branch or an
// iteration after its container and index ("each[7]", nested "outer[2]/inner[0]"), and opens and
// closes it with BranchStarted / BranchFinished (frame = the container's frame, state = the
// container). Each container can have one iteration (or branch) selected, as in the Step
// Functions console's map run view: the nested states' status, visit counts, taken edges and
// "n of m done" then count only the frames on the selected path; with nothing selected they sum
// over every iteration. Events update the counts incrementally; a selection change recounts.
#pragma once

#include "signalbox/history.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace Signalbox {

class RunFrames
{
public:
    struct Iteration
    {
        QString status = QStringLiteral("pending"); // running, succeeded, failed, cancelled
        QString item;       // the map item, short ("image: a.png"); "" for parallel branches
        QString firstState; // the first state entered in it (a parallel branch's start)
        QString error;      // "Error.Name: cause" of a failed iteration
        qint64 startedMs = 0;
        qint64 endedMs = 0;
        bool operator==(const Iteration &) const = default;
    };
    // One run of a container in one frame: a top-level map has one, a map inside a map has one
    // per outer iteration.
    struct Instance
    {
        QString container;
        QString parentFrame;    // the frame the container ran in, "" at the top level
        QList<Iteration> items; // by index; as many as the map's items or the parallel's branches
        QString frameOf(int index) const;
    };

    void clear(bool keepSelections = false);
    // Any event of the execution; returns true when the nested view changed.
    bool apply(const HistoryEvent &e);
    // The execution ended: what was still active in a frame becomes `status`.
    void stopActive(const QString &status);

    // -1 shows every iteration. Selecting in a container clears the selections inside it.
    bool select(const QString &container, int index);
    int selected(const QString &container) const { return m_selected.value(container, -1); }
    QVariantMap selections() const;
    void clearSelections();
    // True when every "container[index]" step of `frame` is on the selected path.
    bool matches(QStringView frame) const;
    // The run of `container` on the selected path; nullptr when it did not run there, or when it
    // ran in several frames and `*blockedBy` (the enclosing container to pick first) decides.
    const Instance *instance(const QString &container, QString *blockedBy = nullptr) const;
    QString parentContainer(const QString &state) const { return m_parent.value(state); }
    bool isNested(const QString &state) const { return m_parent.contains(state); }

    // The view on the selected path, for nested states (by name).
    const QHash<QString, QString> &status() const { return m_status; }
    const QHash<QString, int> &visits() const { return m_visits; }
    const QStringList &taken() const { return m_taken; }
    int done(const QString &state) const;
    QVariantMap doneCounts() const;
    // container -> {started, finished, failed} over its iterations on the selected path.
    QVariantMap iterationCounts() const;

private:
    struct Cell // one state in one frame
    {
        QString frame;
        QString state;
        QString status;
        int visits = 0;
    };
    void countCell(const Cell &c, int sign);
    void setCellStatus(Cell &c, const QString &status);
    void deriveStatus(const QString &state);
    void countEdge(const QString &edge);
    void recount();
    bool stopChildren(const QString &instanceKey, const QString &status);
    bool applyBranch(const HistoryEvent &e);

    QHash<QString, Cell> m_cells;                // "frame/state"
    QHash<QString, QStringList> m_frameEdges;    // frame -> "a>b" taken in it
    QHash<QString, QString> m_frameLastExited;   // frame -> state exited last
    QHash<QString, Instance> m_instances;        // "parentFrame/container" -> its run
    QHash<QString, QStringList> m_instancesOf;   // container -> instance keys, first seen first
    QHash<QString, QString> m_parent;            // nested state -> its container
    QHash<QString, int> m_selected;              // container -> index
    // The view on the selected path.
    QHash<QString, QHash<QString, int>> m_counts; // state -> status -> frames
    QHash<QString, QString> m_status;
    QHash<QString, int> m_visits;
    QHash<QString, int> m_edgeCounts;
    QStringList m_taken;
};

} // namespace Signalbox
