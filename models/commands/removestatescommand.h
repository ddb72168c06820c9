// RemoveStatesCommand: deletes states and every transition that pointed at them (next, choice
// rules, default, catch rules, start_at), as one undo step.
#pragma once

#include "../workflowdocument.h"

#include <QUndoCommand>

namespace Signalbox {

class RemoveStatesCommand : public QUndoCommand
{
public:
    RemoveStatesCommand(WorkflowDocument *document, const QStringList &names);

    void undo() override;
    void redo() override;
    bool isEmpty() const { return m_removed.empty(); }

    // `state` with every transition into one of `names` removed.
    static State withoutReferences(const State &state, const QStringList &names);

private:
    struct Removed
    {
        int index;
        State state;
        QPointF position;
    };
    WorkflowDocument *m_document;
    std::vector<Removed> m_removed;               // ascending index
    std::vector<std::pair<State, State>> m_edits; // referencing states: before, after
    QString m_startBefore;
    QString m_startAfter;
};

} // namespace Signalbox
