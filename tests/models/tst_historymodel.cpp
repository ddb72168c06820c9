// HistoryModel over a real engine on a temporary database: the history of one execution,
// appended live (rowsInserted only, never a reset), the status and visit count of each state,
// the transitions taken, and the step details (input, output, error, attempts, stdout/stderr).
#include "bridgetesthelpers.h"
#include "enginebridge.h"
#include "historymodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;

namespace {

const char approvalYaml[] = R"(workflow:
  name: history
  start_at: prepare
  states:
    prepare: {type: pass, result: {ready: true}, result_path: $.prep, next: review}
    review: {type: wait_for_event, next: done}
    done: {type: succeed}
)";

const char failingYaml[] = R"(workflow:
  name: failing
  start_at: work
  states:
    work:
      type: task
      run:
        shell: "echo trying >&2; echo partial; exit 3"
      retry: {attempts: 2, interval_seconds: 2, backoff: fixed}
      end: true
)";

} // namespace

class TestHistoryModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void liveHistory();
    void failedStep();

private:
    QString start(const char *yaml, const QString &input);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineBridge> m_bridge;
};

void TestHistoryModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHistoryModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_bridge = std::make_unique<EngineBridge>();
    QVERIFY(Testing::openBridge(*m_bridge, m_dir->filePath(QStringLiteral("test.db"))));
}

void TestHistoryModel::cleanup()
{
    m_bridge.reset();
    m_dir.reset();
}

QString TestHistoryModel::start(const char *yaml, const QString &input)
{
    return Testing::startYaml(*m_bridge, m_dir->filePath(QStringLiteral("wf.yaml")), yaml, input);
}

void TestHistoryModel::liveHistory()
{
    const QString id = start(approvalYaml, QStringLiteral(R"({"orderId":"H-1"})"));
    QVERIFY(!id.isEmpty());
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy definition(&model, &HistoryModel::definitionChanged);
    model.setBridge(m_bridge.get());
    model.setExecutionId(id);
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("WAITING"), 10000);
    QCOMPARE(definition.count(), 1);
    QVERIFY(model.definitionSource().contains(QLatin1String("name: history")));
    QCOMPARE(model.execution().value(QStringLiteral("workflow")).toString(),
             QStringLiteral("history"));
    QTRY_COMPARE(model.stateStatus().value(QStringLiteral("review")).toString(),
                 QStringLiteral("waiting"));
    QCOMPARE(model.stateStatus().value(QStringLiteral("prepare")).toString(),
             QStringLiteral("succeeded"));
    QVERIFY(!model.stateStatus().contains(QStringLiteral("done")));
    QCOMPARE(model.stepDetails(QStringLiteral("done")).value(QStringLiteral("status")),
             QVariant(QStringLiteral("not reached")));
    QCOMPARE(model.takenEdges(), QStringList{QStringLiteral("prepare>review")});
    QCOMPARE(model.index(0).data(HistoryModel::TypeRole).toString(),
             QStringLiteral("ExecutionStarted"));
    QCOMPARE(model.index(0).data(HistoryModel::SeqRole).toLongLong(), 1);
    const int before = model.rowCount();
    const qint64 resetsBefore = reset.count();

    // New events are appended, never reset.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy states(&model, &HistoryModel::statesChanged);
    m_bridge->approve(id, {}, QStringLiteral("fine"));
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("SUCCEEDED"), 10000);
    QTRY_COMPARE(model.stateStatus().value(QStringLiteral("done")).toString(),
                 QStringLiteral("succeeded"));
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(inserted.count(), states.count());
    QCOMPARE(reset.count(), resetsBefore);
    QCOMPARE(inserted.first().at(1).toInt(), before);
    QCOMPARE(model.takenEdges(),
             (QStringList{QStringLiteral("prepare>review"), QStringLiteral("review>done")}));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row).data(HistoryModel::SeqRole).toLongLong(), row + 1);
    bool granted = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(HistoryModel::TypeRole).toString() == "ApprovalGranted") {
            granted = true;
            QVERIFY(model.index(row).data(HistoryModel::SummaryRole).toString().contains("fine"));
            QCOMPARE(model.index(row).data(HistoryModel::CategoryRole).toString(),
                     QStringLiteral("success"));
        }
    }
    QVERIFY(granted);

    const QVariantMap prepare = model.stepDetails(QStringLiteral("prepare"));
    QCOMPARE(prepare.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(prepare.value(QStringLiteral("visits")).toInt(), 1);
    QVERIFY(prepare.value(QStringLiteral("input")).toString().contains(QLatin1String("H-1")));
    QVERIFY(prepare.value(QStringLiteral("output")).toString().contains(QLatin1String("ready")));

    // A refresh with nothing new emits nothing.
    inserted.clear();
    states.clear();
    model.refresh();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(states.count(), 0);

    // Selecting nothing empties the model in one reset.
    reset.clear();
    model.setExecutionId({});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.execution().isEmpty());
}

void TestHistoryModel::failedStep()
{
    const QString id = start(failingYaml, QStringLiteral(R"({"n":1})"));
    QVERIFY(!id.isEmpty());
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(m_bridge.get());
    model.setExecutionId(id);
    // Between the attempts the state is retrying, with the next attempt's number and time.
    QTRY_COMPARE_WITH_TIMEOUT(model.stateStatus().value(QStringLiteral("work")).toString(),
                              QStringLiteral("retrying"), 10000);
    QVERIFY2(model.stateNotes()
                 .value(QStringLiteral("work"))
                 .toString()
                 .startsWith(QLatin1String("attempt 2 at ")),
             qPrintable(model.stateNotes().value(QStringLiteral("work")).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("FAILED"), 20000);
    QVERIFY(model.stateNotes().isEmpty());
    QCOMPARE(model.stateStatus().value(QStringLiteral("work")).toString(),
             QStringLiteral("failed"));
    QCOMPARE(model.execution().value(QStringLiteral("error")).toString(),
             QStringLiteral("Task.ExitCode"));
    const QVariantMap work = model.stepDetails(QStringLiteral("work"));
    QCOMPARE(work.value(QStringLiteral("error")).toString(), QStringLiteral("Task.ExitCode"));
    const QVariantList attempts = work.value(QStringLiteral("attempts")).toList();
    QCOMPARE(attempts.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QVariantMap a = attempts.at(i).toMap();
        QCOMPARE(a.value(QStringLiteral("attempt")).toInt(), i + 1);
        QCOMPARE(a.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
        QCOMPARE(a.value(QStringLiteral("exitCode")).toInt(), 3);
        QCOMPARE(a.value(QStringLiteral("stderr")).toString(), QStringLiteral("trying\n"));
        QCOMPARE(a.value(QStringLiteral("stdout")).toString(), QStringLiteral("partial\n"));
        QVERIFY(!a.value(QStringLiteral("started")).toString().isEmpty());
        QVERIFY(!a.value(QStringLiteral("ended")).toString().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
