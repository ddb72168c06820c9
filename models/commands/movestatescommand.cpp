#include "movestatescommand.h"

namespace Signalbox {

MoveStatesCommand::MoveStatesCommand(WorkflowDocument *document, QHash<QString, QPointF> before,
                                     QHash<QString, QPointF> after, int gesture)
    : QUndoCommand(after.size() == 1 ? QObject::tr("Move %1").arg(after.begin().key())
                                     : QObject::tr("Move %n states", nullptr, int(after.size())))
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_gesture(gesture)
{}

void MoveStatesCommand::undo()
{
    m_document->setPositions(m_before);
}

void MoveStatesCommand::redo()
{
    m_document->setPositions(m_after);
}

bool MoveStatesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveStatesCommand *>(other);
    if (move->m_gesture != m_gesture || m_gesture < 0)
        return false;
    for (auto it = move->m_after.begin(); it != move->m_after.end(); ++it) {
        if (!m_before.contains(it.key()))
            m_before.insert(it.key(), move->m_before.value(it.key()));
        m_after.insert(it.key(), it.value());
    }
    return true;
}

} // namespace Signalbox
