// EditStateCommand: replaces one state's fields (inspector edits, connecting or disconnecting
// an edge). Holds the state's name and its before/after values; the name itself never changes
// here (renames go through ReplaceDefinitionCommand because they touch every reference).
#pragma once

#include "../workflowdocument.h"

#include <QUndoCommand>

namespace Signalbox {

class EditStateCommand : public QUndoCommand
{
public:
    EditStateCommand(WorkflowDocument *document, const QString &text, State before, State after,
                     QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

private:
    WorkflowDocument *m_document;
    State m_before;
    State m_after;
};

} // namespace Signalbox
