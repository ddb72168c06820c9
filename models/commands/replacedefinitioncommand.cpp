#include "replacedefinitioncommand.h"

namespace Signalbox {

ReplaceDefinitionCommand::ReplaceDefinitionCommand(WorkflowDocument *document, const QString &text,
                                                   WorkflowDocument::Snapshot before,
                                                   WorkflowDocument::Snapshot after)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{}

void ReplaceDefinitionCommand::undo()
{
    m_document->restore(m_before);
}

void ReplaceDefinitionCommand::redo()
{
    m_document->restore(m_after);
}

} // namespace Signalbox
