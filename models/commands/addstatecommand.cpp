#include "addstatecommand.h"

namespace Signalbox {

AddStateCommand::AddStateCommand(WorkflowDocument *document, int index, State state,
                                 const QPointF &position, QUndoCommand *parent)
    : QUndoCommand(QObject::tr("Add %1").arg(QString::fromStdString(state.name)), parent)
    , m_document(document)
    , m_index(index)
    , m_state(std::move(state))
    , m_position(position)
{}

void AddStateCommand::undo()
{
    m_document->removeStateAt(m_document->indexOf(QString::fromStdString(m_state.name)));
}

void AddStateCommand::redo()
{
    m_document->insertState(m_index, m_state, m_position);
}

} // namespace Signalbox
