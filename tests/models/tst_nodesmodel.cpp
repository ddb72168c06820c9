// NodesModel: rows follow the document with exact, minimal signals; checked by
// QAbstractItemModelTester throughout.
#include "graphcontroller.h"
#include "nodesmodel.h"
#include "seed.h"
#include "workflowdocument.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

class TestNodesModel : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    GraphController *m_controller = nullptr;
    NodesModel *m_model = nullptr;

private slots:
    void init()
    {
        m_doc = new WorkflowDocument(this);
        m_doc->loadText(QString::fromUtf8(seedYaml), {});
        m_controller = new GraphController(this);
        m_controller->setDocument(m_doc);
        m_model = m_controller->nodes();
        new QAbstractItemModelTester(
            m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    }
    void cleanup()
    {
        delete m_controller;
        delete m_doc;
    }

    void rolesOfTheSeed()
    {
        QCOMPARE(m_model->rowCount(), 5);
        const QModelIndex first = m_model->index(0);
        QCOMPARE(first.data(NodesModel::NameRole).toString(), QStringLiteral("validate-order"));
        QCOMPARE(first.data(NodesModel::StateTypeRole).toString(), QStringLiteral("task"));
        QCOMPARE(first.data(NodesModel::IsStartRole).toBool(), true);
        QCOMPARE(first.data(NodesModel::ShapeRole).toString(), QStringLiteral("box"));
        const QModelIndex choice = m_model->index(1);
        QCOMPARE(choice.data(NodesModel::ShapeRole).toString(), QStringLiteral("diamond"));
        QCOMPARE(choice.data(NodesModel::IsStartRole).toBool(), false);
        QCOMPARE(m_model->index(2).data(NodesModel::TypeLabelRole).toString(),
                 QStringLiteral("Approval"));
        QCOMPARE(m_model->index(3).data(NodesModel::RetryCountRole).toInt(), 1);
        QCOMPARE(m_model->index(4).data(NodesModel::IsEndRole).toBool(), true);
        QCOMPARE(m_model->index(0).data(NodesModel::ProblemRole).toString(), QString());
        QVERIFY(m_model->roleNames().values().contains("nodeX"));
    }

    void addingEmitsOneInsert()
    {
        QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
        m_controller->addState("wait", 300, 800);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 5);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(m_model->index(5).data(NodesModel::NameRole).toString(), QStringLiteral("wait"));
        QCOMPARE(m_model->index(5).data(NodesModel::SelectedRole).toBool(), true);
    }

    void movingEmitsOneDataChangedPerStep()
    {
        m_controller->select("needs-review");
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_controller->beginMove();
        m_controller->moveSelection(32, 0);
        m_controller->endMove();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        const auto roles = changed.first().at(2).value<QList<int>>();
        QCOMPARE(roles, (QList<int>{NodesModel::XRole, NodesModel::YRole}));
    }

    void deletingEmitsOneRemovePerState()
    {
        QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
        m_controller->select("wait-for-review");
        m_controller->deleteSelection();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 2);
        QCOMPARE(m_model->rowCount(), 4);
        // The choice now points at a missing state: the validator marks it.
        m_doc->undo();
        QCOMPARE(m_model->rowCount(), 5);
        QCOMPARE(m_model->index(2).data(NodesModel::NameRole).toString(),
                 QStringLiteral("wait-for-review"));
    }

    void selectionSignalsOnlyChangedRows()
    {
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        QSignalSpy selection(m_model, &NodesModel::selectionChanged);
        m_model->setSelection({"validate-order", "charge-payment"});
        QCOMPARE(changed.count(), 2);
        QCOMPARE(selection.count(), 1);
        m_model->setSelection({"validate-order", "charge-payment"});
        QCOMPARE(changed.count(), 2);
        QCOMPARE(selection.count(), 1);
        m_model->setSelection({"charge-payment"});
        QCOMPARE(changed.count(), 3);
        QCOMPARE(m_model->selection(), QStringList{"charge-payment"});
    }

    void problemsAreShownOnTheirNode()
    {
        QString text = QString::fromUtf8(seedYaml);
        text.replace("{type: task, next: needs-review}", "{type: task, next: nowhere}");
        QVERIFY(m_doc->applyYaml(text));
        QVERIFY(m_doc->diagnostics()->errorCount() > 0);
        const QString problem = m_model->index(0).data(NodesModel::ProblemRole).toString();
        QVERIFY2(problem.contains("nowhere"), qPrintable(problem));
        // The rest is unreachable now, and says so.
        int rowsWithProblems = 0;
        for (int row = 0; row < m_model->rowCount(); ++row)
            rowsWithProblems
                += !m_model->index(row).data(NodesModel::ProblemRole).toString().isEmpty();
        QCOMPARE(rowsWithProblems, 5);

        // Fixing it clears every marker with one dataChanged per row that had one.
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        State fixed = *m_doc->state("validate-order");
        fixed.next = "needs-review";
        m_doc->replaceState(0, fixed);
        QCOMPARE(m_model->index(0).data(NodesModel::ProblemRole).toString(), QString());
        QCOMPARE(changed.count(), 1 + rowsWithProblems); // the state's fields, then problems
        QCOMPARE(changed.last().at(2).value<QList<int>>(), QList<int>{NodesModel::ProblemRole});
    }

    void yamlEditResets()
    {
        QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
        QVERIFY(m_doc->applyYaml(QString::fromUtf8(seedYaml).replace("create-shipment", "ship")));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->nameAt(4), QStringLiteral("ship"));
    }

    void nodeAtAndBounds()
    {
        const QRectF r = m_model->nodeRect("charge-payment");
        QCOMPARE(m_model->nodeAt(r.center().x(), r.center().y()), QStringLiteral("charge-payment"));
        QCOMPARE(m_model->nodeAt(-1000, -1000), QString());
        QVERIFY(m_model->bounds().contains(r));
    }
};

QTEST_MAIN(TestNodesModel)
#include "tst_nodesmodel.moc"
