// MoveStatesCommand: moves states on the canvas. All moves of one drag gesture merge into one
// undo step (same gesture id), so undo puts the nodes back where the drag started.
#pragma once

#include "../workflowdocument.h"

#include <QUndoCommand>

namespace Signalbox {

class MoveStatesCommand : public QUndoCommand
{
public:
    enum { Id = 0x5b01 };

    MoveStatesCommand(WorkflowDocument *document, QHash<QString, QPointF> before,
                      QHash<QString, QPointF> after, int gesture);

    void undo() override;
    void redo() override;
    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    WorkflowDocument *m_document;
    QHash<QString, QPointF> m_before;
    QHash<QString, QPointF> m_after;
    int m_gesture;
};

} // namespace Signalbox
