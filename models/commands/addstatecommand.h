// AddStateCommand: inserts one state at a position (palette drop, paste, duplicate).
#pragma once

#include "../workflowdocument.h"

#include <QUndoCommand>

namespace Signalbox {

class AddStateCommand : public QUndoCommand
{
public:
    AddStateCommand(WorkflowDocument *document, int index, State state, const QPointF &position,
                    QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

private:
    WorkflowDocument *m_document;
    int m_index;
    State m_state;
    QPointF m_position;
};

} // namespace Signalbox
