// SimulationModel: the designer's Simulate on the seed workflow: the path in order with the
// edges taken, the final output, stopping at an approval and deciding it, a failing run.
#include "seed.h"
#include "simulationmodel.h"
#include "workflowdocument.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

namespace {
// The simulation runs an engine on this thread; its status is the condition to wait for. The
// deadline only ends a hung test (a loaded machine is 10-100x slower than a quiet one).
constexpr int waitMs = 60000;
} // namespace

class TestSimulationModel : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    SimulationModel *m_sim = nullptr;

    QStringList path() const
    {
        QStringList names;
        for (int i = 0; i < m_sim->rowCount(); ++i)
            names.append(m_sim->index(i).data(SimulationModel::StateNameRole).toString());
        return names;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_doc = new WorkflowDocument(this);
        m_doc->loadText(QString::fromUtf8(seedYaml), {});
        m_sim = new SimulationModel(this);
        new QAbstractItemModelTester(m_sim, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_sim);
        m_sim->setDocument(m_doc);
    }
    void cleanup()
    {
        delete m_sim;
        delete m_doc;
    }

    void defaultPath()
    {
        QSignalSpy started(m_sim, &SimulationModel::started);
        QCOMPARE(m_sim->start(R"({"order": 7})"), QString());
        QCOMPARE(started.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->status(), QStringLiteral("SUCCEEDED"), waitMs);
        QCOMPARE(path(), (QStringList{"validate-order", "needs-review", "charge-payment",
                                      "create-shipment"}));
        QCOMPARE(m_sim->stepCount(), 4);
        // Tasks return their input in simulation, so the output is the input.
        QCOMPARE(Json::parse(m_sim->output().toStdString()), Json::parse(R"({"order": 7})"));
        const QVariantList t = m_sim->transitions();
        QCOMPARE(t.size(), 3);
        QCOMPARE(t.at(0).toMap()["kind"].toString(), QStringLiteral("next"));
        QCOMPARE(t.at(1).toMap()["from"].toString(), QStringLiteral("needs-review"));
        QCOMPARE(t.at(1).toMap()["to"].toString(), QStringLiteral("charge-payment"));
        QCOMPARE(t.at(1).toMap()["kind"].toString(), QStringLiteral("default"));
        QCOMPARE(t.at(1).toMap()["step"].toInt(), 3);
        const QVariantMap visits = m_sim->visits();
        QCOMPARE(visits.value("needs-review").toList().at(0).toMap()["step"].toInt(), 2);
        QCOMPARE(visits.value("needs-review").toList().at(0).toMap()["status"].toString(),
                 QStringLiteral("succeeded"));
        QVERIFY(!visits.contains("wait-for-review"));
        // The overlay animates through the steps; clamped to the steps there are.
        m_sim->setShownStep(9);
        QCOMPARE(m_sim->shownStep(), 4);

        m_sim->clear();
        QCOMPARE(m_sim->status(), QString());
        QCOMPARE(m_sim->rowCount(), 0);
        QCOMPARE(m_sim->shownStep(), 0);
    }

    void stopsAtTheApprovalAndContinues()
    {
        QCOMPARE(m_sim->start(R"({"requiresManualReview": true})"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->status(), QStringLiteral("WAITING"), waitMs);
        QCOMPARE(path(), (QStringList{"validate-order", "needs-review", "wait-for-review"}));
        QCOMPARE(m_sim->index(2).data(SimulationModel::StatusRole).toString(),
                 QStringLiteral("waiting"));
        QCOMPARE(m_sim->index(2).data(SimulationModel::EdgeKindRole).toString(),
                 QStringLiteral("choice"));
        QCOMPARE(m_sim->index(2).data(SimulationModel::EdgeRuleRole).toInt(), 0);
        QCOMPARE(m_sim->waiting().value("state").toString(), QStringLiteral("wait-for-review"));
        QCOMPARE(m_sim->waiting().value("kind").toString(), QStringLiteral("approval"));

        QCOMPARE(m_sim->approve("looks fine"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->status(), QStringLiteral("SUCCEEDED"), waitMs);
        QVERIFY(m_sim->waiting().isEmpty());
        QCOMPARE(path(), (QStringList{"validate-order", "needs-review", "wait-for-review",
                                      "charge-payment", "create-shipment"}));
        QCOMPARE(m_sim->index(2).data(SimulationModel::StatusRole).toString(),
                 QStringLiteral("succeeded"));
        QVERIFY(!m_sim->approve().isEmpty()); // nothing waits any more
    }

    void rejectionFails()
    {
        QCOMPARE(m_sim->start(R"({"requiresManualReview": true})"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->status(), QStringLiteral("WAITING"), waitMs);
        QCOMPARE(m_sim->reject("no"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->status(), QStringLiteral("FAILED"), waitMs);
        QCOMPARE(m_sim->error(), QStringLiteral("Approval.Rejected"));
        QCOMPARE(m_sim->index(2).data(SimulationModel::StatusRole).toString(),
                 QStringLiteral("failed"));
    }

    void refusesBadInputAndInvalidWorkflows()
    {
        QVERIFY(m_sim->start("{oops").contains("not valid JSON"));
        QCOMPARE(m_sim->status(), QString());
        m_doc->loadText(QString::fromUtf8(seedYaml).replace("next: needs-review", "next: nowhere"),
                        {});
        QVERIFY(m_sim->start("{}").contains("problem"));
        QCOMPARE(m_sim->isActive(), false);
    }
};

QTEST_MAIN(TestSimulationModel)
#include "tst_simulationmodel.moc"
