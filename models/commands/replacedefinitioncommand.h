// ReplaceDefinitionCommand: swaps the whole document for another snapshot (YAML pane edits,
// renames that touch every reference, auto-layout, paste). Holds before/after snapshots.
#pragma once

#include "../workflowdocument.h"

#include <QUndoCommand>

namespace Signalbox {

class ReplaceDefinitionCommand : public QUndoCommand
{
public:
    ReplaceDefinitionCommand(WorkflowDocument *document, const QString &text,
                             WorkflowDocument::Snapshot before, WorkflowDocument::Snapshot after);

    void undo() override;
    void redo() override;

private:
    WorkflowDocument *m_document;
    WorkflowDocument::Snapshot m_before;
    WorkflowDocument::Snapshot m_after;
};

} // namespace Signalbox
