// GraphController: what the canvas can do to a workflow. QML calls it for every gesture (select,
// drag, connect, drop from the palette, delete, copy/paste, rename, auto-layout); it turns each
// gesture into one undo command on the document. It owns the canvas models.
#pragma once

#include "edgesmodel.h"
#include "nodesmodel.h"
#include "signalbox/definition.h"
#include "workflowdocument.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

// Design: the controller holds no workflow data of its own, only view state (selection, the
// move gesture in progress, the clipboard) and references states by name. Every mutation goes
// through a command pushed on the document's QUndoStack, one per gesture: a drag pushes one
// MoveStatesCommand per mouse move and they merge (same gesture id) into a single undo step;
// a paste is a macro of AddStateCommands. Positions are snapped to the grid here, not in QML.
class GraphController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Signalbox::WorkflowDocument *document READ document WRITE setDocument NOTIFY
                   documentChanged)
    Q_PROPERTY(Signalbox::NodesModel *nodes READ nodes CONSTANT)
    Q_PROPERTY(Signalbox::EdgesModel *edges READ edges CONSTANT)
    Q_PROPERTY(QStringList selection READ selection NOTIFY selectionChanged)
    Q_PROPERTY(QString currentState READ currentState NOTIFY selectionChanged)
    Q_PROPERTY(bool snapToGrid READ snapToGrid WRITE setSnapToGrid NOTIFY snapToGridChanged)
    Q_PROPERTY(bool canPaste READ canPaste NOTIFY clipboardChanged)
    // Containers (parallel / map) drawn as a summary node instead of with their content.
    Q_PROPERTY(QStringList collapsed READ collapsed NOTIFY collapsedChanged)

public:
    explicit GraphController(QObject *parent = nullptr);

    WorkflowDocument *document() const { return m_document; }
    void setDocument(WorkflowDocument *document);
    NodesModel *nodes() const { return m_nodes; }
    EdgesModel *edges() const { return m_edges; }
    QStringList selection() const { return m_nodes->selection(); }
    QString currentState() const;
    bool snapToGrid() const { return m_snap; }
    void setSnapToGrid(bool snap);
    bool canPaste() const { return !m_clipboard.isEmpty(); }
    QStringList collapsed() const;
    Q_INVOKABLE void setCollapsed(const QString &name, bool collapsed);

    Q_INVOKABLE void select(const QString &name, bool additive = false);
    // Keyboard navigation: selects the state `step` places after (or before, when negative) the
    // current one in drawing order, wrapping around; the first state when none is selected.
    // Returns its name ("" on an empty diagram).
    Q_INVOKABLE QString selectNext(int step = 1);
    // The states the current state can be connected to (every other state of its machine,
    // drawing order), for connecting from the keyboard.
    Q_INVOKABLE QStringList connectionTargets() const;
    Q_INVOKABLE void selectEdge(int row);
    Q_INVOKABLE void clearSelection();
    Q_INVOKABLE void selectAll();
    Q_INVOKABLE void selectInRect(qreal x, qreal y, qreal width, qreal height, bool additive);

    // Adds a state of `type` ("task", "choice"...) centred on the scene point; returns its name.
    // Dropped on a lane of a parallel or map container, it is added to that branch / processor.
    Q_INVOKABLE QString addState(const QString &type, qreal x, qreal y);
    // Connects `from` to `to`. kind "" picks by type (next; for a choice the default, then a new
    // rule); "catch" adds a catch rule. Returns false when the connection is not possible.
    // Transitions stay inside one machine: a target in another branch or container is replaced
    // by its container in the source's machine, if any.
    Q_INVOKABLE bool connectStates(const QString &from, const QString &to,
                                   const QString &kind = {});
    Q_INVOKABLE bool removeEdge(int row);
    Q_INVOKABLE void deleteSelection();

    Q_INVOKABLE void beginMove();
    Q_INVOKABLE void moveSelection(qreal dx, qreal dy); // total offset since beginMove
    Q_INVOKABLE void endMove();
    Q_INVOKABLE void nudgeSelection(qreal dx, qreal dy);

    Q_INVOKABLE void copySelection();
    Q_INVOKABLE void paste();
    Q_INVOKABLE void duplicateSelection();

    // Renames a state and every reference to it; returns "" or an error message.
    Q_INVOKABLE QString renameState(const QString &from, const QString &to);
    Q_INVOKABLE void setStartAt(const QString &name);
    Q_INVOKABLE void autoLayout();
    Q_INVOKABLE QString uniqueName(const QString &base) const;

signals:
    void collapsedChanged();
    void documentChanged();
    void selectionChanged();
    void snapToGridChanged();
    void clipboardChanged();

private:
    const State *findState(const QString &name) const;
    QStringList topLevel(const QStringList &names) const;
    QStringList copyRoots() const;
    QPointF scenePosition(const QString &name) const;
    QString freshCopyName(const QString &old, QStringList &taken) const;
    void renameInside(State &copy, QStringList &taken) const;
    QList<QPair<State, State>> nestedRemovals(const QStringList &selected,
                                              const QStringList &topLevelNames) const;
    // One undo step replacing `before` with `after`, at the top level or inside a container.
    void pushEdit(const QString &text, const State &before, const State &after);
    void setNodeSelection(const QStringList &names);
    void pasteStates(const QList<State> &states, const QHash<QString, QPointF> &positions,
                     const QPointF &offset, const QString &text);

    QPointer<WorkflowDocument> m_document;
    NodesModel *m_nodes;
    EdgesModel *m_edges;
    QString m_current;
    bool m_snap = true;
    int m_gesture = 0;
    bool m_moving = false;
    bool m_selecting = false;
    QHash<QString, QPointF> m_moveStart;
    QSet<QString> m_collapsed;
    QList<State> m_clipboard;
    QHash<QString, QPointF> m_clipboardPositions;
};

} // namespace Signalbox
