#include "editstatecommand.h"

namespace Signalbox {

EditStateCommand::EditStateCommand(WorkflowDocument *document, const QString &text, State before,
                                   State after, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    Q_ASSERT(m_before.name == m_after.name);
}

void EditStateCommand::undo()
{
    m_document->replaceState(m_document->indexOf(QString::fromStdString(m_after.name)), m_before);
}

void EditStateCommand::redo()
{
    m_document->replaceState(m_document->indexOf(QString::fromStdString(m_before.name)), m_after);
}

} // namespace Signalbox
