#include "editstatecommand.h"

#include "nestedstates.h"

namespace Signalbox {

namespace {

// A top-level state is replaced in place; a nested one through its top-level container.
void apply(WorkflowDocument *document, const State &state)
{
    const int index = document->indexOf(QString::fromStdString(state.name));
    if (index >= 0) {
        document->replaceState(index, state);
        return;
    }
    const int top = Nested::topLevelIndex(document->definition().machine, state.name);
    if (top < 0)
        return;
    State container = document->definition().machine.states[size_t(top)];
    if (Nested::replaceInside(container, state))
        document->replaceState(top, container);
}

} // namespace

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
    apply(m_document, m_before);
}

void EditStateCommand::redo()
{
    apply(m_document, m_after);
}

} // namespace Signalbox
