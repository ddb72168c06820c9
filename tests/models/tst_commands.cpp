// Undo commands: one step per gesture (merged drags), deletes that clean up references, renames
// that follow every reference, paste with remapped transitions; undo restores everything.
#include "commands/movestatescommand.h"
#include "commands/removestatescommand.h"
#include "graphcontroller.h"
#include "seed.h"
#include "workflowdocument.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

class TestCommands : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    GraphController *m_controller = nullptr;

private slots:
    void init()
    {
        m_doc = new WorkflowDocument(this);
        m_doc->loadText(QString::fromUtf8(seedYaml), {});
        m_controller = new GraphController(this);
        m_controller->setDocument(m_doc);
    }
    void cleanup()
    {
        delete m_controller;
        delete m_doc;
    }

    void aDragIsOneUndoStep()
    {
        const QPointF start = m_doc->position("needs-review");
        m_controller->select("needs-review");
        m_controller->beginMove();
        for (int i = 1; i <= 10; ++i)
            m_controller->moveSelection(i * 8, i * 3);
        m_controller->endMove();
        QCOMPARE(m_doc->undoStack()->count(), 1);
        // Snapped to the 16-unit grid.
        const QPointF end = m_doc->position("needs-review");
        QCOMPARE(std::fmod(end.x(), 16.0), 0.0);
        QCOMPARE(end, snapToGrid(start + QPointF(80, 30)));
        m_doc->undo();
        QCOMPARE(m_doc->position("needs-review"), start);
        m_doc->redo();
        QCOMPARE(m_doc->position("needs-review"), end);

        // A second drag is a second step.
        m_controller->beginMove();
        m_controller->moveSelection(32, 0);
        m_controller->endMove();
        QCOMPARE(m_doc->undoStack()->count(), 2);
    }

    void movesOfDifferentGesturesDoNotMerge()
    {
        QHash<QString, QPointF> before{{"validate-order", m_doc->position("validate-order")}};
        QHash<QString, QPointF> after{{"validate-order", QPointF(0, 0)}};
        m_doc->undoStack()->push(new MoveStatesCommand(m_doc, before, after, 1));
        m_doc->undoStack()->push(
            new MoveStatesCommand(m_doc, after, {{"validate-order", {16, 0}}}, 2));
        QCOMPARE(m_doc->undoStack()->count(), 2);
        m_doc->undoStack()->push(new MoveStatesCommand(m_doc, {{"validate-order", {16, 0}}},
                                                       {{"validate-order", {32, 0}}}, 2));
        QCOMPARE(m_doc->undoStack()->count(), 2);
        m_doc->undo();
        QCOMPARE(m_doc->position("validate-order"), QPointF(0, 0));
    }

    void deleteRemovesReferencesAndUndoRestoresThem()
    {
        const Definition original = m_doc->definition();
        m_controller->select("charge-payment");
        m_controller->deleteSelection();
        QCOMPARE(m_doc->stateCount(), 4);
        QVERIFY(m_doc->state("needs-review")->defaultNext.empty());
        QVERIFY(m_doc->state("wait-for-review")->next.empty());
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoText(), QStringLiteral("Delete charge-payment"));
        m_doc->undo();
        QVERIFY(m_doc->definition() == original);
    }

    void deletingTheStartMovesTheStart()
    {
        m_controller->select("validate-order");
        m_controller->deleteSelection();
        QCOMPARE(m_doc->startAt(), QStringLiteral("needs-review"));
        m_doc->undo();
        QCOMPARE(m_doc->startAt(), QStringLiteral("validate-order"));
    }

    void renameUpdatesEveryReference()
    {
        m_controller->select("charge-payment");
        QCOMPARE(m_controller->renameState("charge-payment", "charge"), QString());
        QVERIFY(!m_doc->state("charge-payment"));
        QVERIFY(m_doc->state("charge"));
        QCOMPARE(m_doc->state("needs-review")->defaultNext, std::string("charge"));
        QCOMPARE(m_doc->state("wait-for-review")->next, std::string("charge"));
        QVERIFY(m_doc->positions().contains("charge"));
        QCOMPARE(m_controller->currentState(), QStringLiteral("charge"));
        QVERIFY(m_doc->yamlText().contains("charge:"));
        QVERIFY(!m_doc->yamlText().contains("charge-payment"));

        QCOMPARE(m_controller->renameState("validate-order", "validate"), QString());
        QCOMPARE(m_doc->startAt(), QStringLiteral("validate"));

        m_doc->undo();
        m_doc->undo();
        QVERIFY(m_doc->state("charge-payment"));
        QCOMPARE(m_doc->state("needs-review")->defaultNext, std::string("charge-payment"));
        QCOMPARE(m_doc->startAt(), QStringLiteral("validate-order"));
    }

    void renameRejectsBadNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << "";
        QTest::newRow("taken") << "needs-review";
        QTest::newRow("spaces") << "two words";
    }

    void renameRejectsBadNames()
    {
        QFETCH(QString, name);
        QVERIFY(!m_controller->renameState("charge-payment", name).isEmpty());
        QCOMPARE(m_doc->undoStack()->count(), 0);
    }

    void pasteRemapsTransitionsBetweenCopies()
    {
        m_controller->select("charge-payment");
        m_controller->select("create-shipment", true);
        m_controller->copySelection();
        QVERIFY(m_controller->canPaste());
        m_controller->paste();
        QCOMPARE(m_doc->stateCount(), 7);
        QCOMPARE(m_doc->undoStack()->count(), 1); // one macro
        const State *copy = m_doc->state("charge-payment-copy");
        QVERIFY(copy);
        QCOMPARE(copy->next, std::string("create-shipment-copy"));
        QCOMPARE(m_controller->selection(),
                 (QStringList{"charge-payment-copy", "create-shipment-copy"}));
        QCOMPARE(m_doc->position("charge-payment-copy"),
                 snapToGrid(m_doc->position("charge-payment") + QPointF(48, 48)));
        m_doc->undo();
        QCOMPARE(m_doc->stateCount(), 5);
    }

    void duplicateAndSelectAll()
    {
        m_controller->selectAll();
        QCOMPARE(m_controller->selection().size(), 5);
        m_controller->select("validate-order");
        m_controller->duplicateSelection();
        QVERIFY(m_doc->state("validate-order-copy"));
        QCOMPARE(m_doc->state("validate-order-copy")->next, std::string("needs-review"));
    }

    void autoLayoutIsUndoable()
    {
        const auto before = m_doc->positions();
        m_controller->select("create-shipment");
        m_controller->beginMove();
        m_controller->moveSelection(800, 0);
        m_controller->endMove();
        m_controller->autoLayout();
        QCOMPARE(m_doc->positions(), before);
        QCOMPARE(m_controller->selection(), QStringList{"create-shipment"});
        m_doc->undo();
        QVERIFY(m_doc->positions() != before);
    }

    void rubberBandSelects()
    {
        const QRectF a = m_controller->nodes()->nodeRect("validate-order");
        const QRectF b = m_controller->nodes()->nodeRect("needs-review");
        const QRectF band = a.united(b);
        QSignalSpy selection(m_controller, &GraphController::selectionChanged);
        m_controller->selectInRect(band.x(), band.y(), band.width(), band.height(), false);
        QVERIFY(m_controller->selection().contains("validate-order"));
        QVERIFY(m_controller->selection().contains("needs-review"));
        QVERIFY(selection.count() >= 1);
    }
};

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"
