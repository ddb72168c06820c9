// StateEditor: inspector fields per type, one undo step per edit, retry preview, expressions.
#include "graphcontroller.h"
#include "seed.h"
#include "stateeditor.h"
#include "workflowdocument.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

class TestStateEditor : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    GraphController *m_controller = nullptr;
    StateEditor *m_editor = nullptr;

private slots:
    void init()
    {
        m_doc = new WorkflowDocument(this);
        m_doc->loadText(QString::fromUtf8(seedYaml), {});
        m_controller = new GraphController(this);
        m_controller->setDocument(m_doc);
        m_editor = new StateEditor(this);
        m_editor->setController(m_controller);
    }
    void cleanup()
    {
        delete m_editor;
        delete m_controller;
        delete m_doc;
    }

    void followsTheSelection()
    {
        QSignalSpy fields(m_editor, &StateEditor::fieldsChanged);
        QVERIFY(m_editor->fields().isEmpty());
        m_controller->select("charge-payment");
        QCOMPARE(fields.count(), 1);
        QCOMPARE(m_editor->stateName(), QStringLiteral("charge-payment"));
        const QVariantMap f = m_editor->fields();
        QCOMPARE(f["type"].toString(), QStringLiteral("task"));
        QCOMPARE(f["next"].toString(), QStringLiteral("create-shipment"));
        QCOMPARE(f["hasRetry"].toBool(), true);
        QCOMPARE(f["attempts"].toInt(), 3);
        QCOMPARE(f["backoff"].toString(), QStringLiteral("exponential"));
    }

    void retryPreview()
    {
        m_controller->select("charge-payment");
        QCOMPARE(m_editor->retryPreview(),
                 QStringLiteral("Attempt 1 at once, attempt 2 after 1 s, attempt 3 after 2 s; "
                                "at most 3 s of waiting"));
        QCOMPARE(m_editor->setField("attempts", 4), QString());
        QCOMPARE(m_editor->retryPreview(),
                 QStringLiteral("Attempt 1 at once, attempt 2 after 1 s, attempt 3 after 2 s, "
                                "attempt 4 after 4 s; at most 7 s of waiting"));
        QCOMPARE(m_doc->undoStack()->count(), 1);
        m_doc->undo();
        QCOMPARE(m_editor->fields()["attempts"].toInt(), 3);
    }

    void editsAreUndoSteps()
    {
        m_controller->select("validate-order");
        QCOMPARE(m_editor->setField("comment", "Check the order"), QString());
        QCOMPARE(m_editor->setField("command", "sh scripts/validate.sh --strict"), QString());
        QCOMPARE(m_editor->setField("timeoutSeconds", "30"), QString());
        QCOMPARE(m_doc->undoStack()->count(), 3);
        const State *s = m_doc->state("validate-order");
        QCOMPARE(s->comment, std::string("Check the order"));
        QCOMPARE(s->run.kind, Executor::Kind::Command);
        QCOMPARE(s->run.argv, (std::vector<std::string>{"sh", "scripts/validate.sh", "--strict"}));
        QCOMPARE(s->timeoutSeconds, std::optional<int>(30));
        QCOMPARE(m_editor->fields()["command"].toString(),
                 QStringLiteral("sh scripts/validate.sh --strict"));
        // Setting the same value again is not an edit.
        QCOMPARE(m_editor->setField("comment", "Check the order"), QString());
        QCOMPARE(m_doc->undoStack()->count(), 3);
        QVERIFY(!m_editor->setField("next", "nowhere").isEmpty());
    }

    void nextAndEnd()
    {
        m_controller->select("create-shipment");
        QCOMPARE(m_editor->setField("next", "validate-order"), QString());
        QCOMPARE(m_doc->state("create-shipment")->end, false);
        QCOMPARE(m_editor->setField("next", ""), QString());
        QCOMPARE(m_doc->state("create-shipment")->end, true);
        QVERIFY(m_doc->state("create-shipment")->next.empty());
    }

    void renameThroughTheInspector()
    {
        m_controller->select("wait-for-review");
        QCOMPARE(m_editor->setField("name", "review"), QString());
        QCOMPARE(m_editor->stateName(), QStringLiteral("review"));
        QCOMPARE(m_doc->state("needs-review")->choices.at(0).next, std::string("review"));
    }

    void choiceRules()
    {
        m_controller->select("needs-review");
        QCOMPARE(m_editor->fields()["choices"].toList().size(), 1);
        QVERIFY(!m_editor->checkExpression("$.amount >").isEmpty());
        QCOMPARE(m_editor->checkExpression("$.amount > 1000 and not $.vip"), QString());
        QVERIFY(!m_editor->setChoiceRule(0, "$.amount >", "wait-for-review").isEmpty());
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QCOMPARE(m_editor->setChoiceRule(0, "$.amount > 1000", "wait-for-review"), QString());
        QCOMPARE(m_doc->state("needs-review")->choices.at(0).text, std::string("$.amount > 1000"));
        m_editor->addChoiceRule();
        QCOMPARE(m_doc->state("needs-review")->choices.size(), size_t(2));
        m_editor->removeChoiceRule(1);
        QCOMPARE(m_doc->state("needs-review")->choices.size(), size_t(1));
        QCOMPARE(m_doc->undoStack()->count(), 3);
    }

    void waitAndApprovalFields()
    {
        m_controller->select("wait-for-review");
        QCOMPARE(m_editor->setField("prompt", "Approve order {{$.id}}?"), QString());
        QCOMPARE(m_doc->state("wait-for-review")->prompt, std::string("Approve order {{$.id}}?"));
        const QString wait = m_controller->addState("wait", 0, 0);
        QCOMPARE(m_editor->stateName(), wait);
        QVERIFY(!m_editor->setField("seconds", "soon").isEmpty());
        QCOMPARE(m_editor->setField("seconds", "90"), QString());
        QCOMPARE(m_doc->state(wait)->seconds, std::optional<double>(90));
    }
};

QTEST_MAIN(TestStateEditor)
#include "tst_stateeditor.moc"
