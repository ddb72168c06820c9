// ExecutionsModel over a real engine on a temporary database: pages, newest first, filters, live
// inserts and single-row updates, and a 10,000-execution database loaded page by page.
#include "bridgetesthelpers.h"
#include "enginebridge.h"
#include "executionsmodel.h"

#include "signalbox/store.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;
using Signalbox::Testing::waitMs;

namespace {

const char chainYaml[] = R"(workflow:
  name: chain
  start_at: a
  states:
    a: {type: pass, next: b}
    b: {type: pass, end: true}
)";

const char approvalYaml[] = R"(workflow:
  name: approval
  start_at: review
  states:
    review: {type: wait_for_event, next: done}
    done: {type: succeed}
)";

} // namespace

class TestExecutionsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pagesNewestFirst();
    void liveInsertAndUpdate();
    void filters();
    void leavesStatusFilter();
    void tenThousand();
    void burstOfNewExecutions();

private:
    QString writeFile(const char *name, const char *text);
    QString start(const QString &file, const QString &input = QStringLiteral("{}"));
    bool waitFinished(const QString &id);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineBridge> m_bridge;
    // Every executionsFinished since the bridge opened (waitFinished() looks here: the end of a
    // short execution is often delivered before start() returns).
    std::unique_ptr<QSignalSpy> m_finished;
};

void TestExecutionsModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestExecutionsModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_bridge = std::make_unique<EngineBridge>();
    m_finished = std::make_unique<QSignalSpy>(m_bridge.get(), &EngineBridge::executionsFinished);
    QVERIFY(Testing::openBridge(*m_bridge, m_dir->filePath(QStringLiteral("test.db"))));
}

void TestExecutionsModel::cleanup()
{
    m_finished.reset();
    m_bridge.reset();
    m_dir.reset();
}

QString TestExecutionsModel::writeFile(const char *name, const char *text)
{
    const QString path = m_dir->filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
}

QString TestExecutionsModel::start(const QString &file, const QString &input)
{
    return Testing::startAndWait(*m_bridge, file, input);
}

// Waits until the bridge has delivered the batch that carries the end of `id`: no notification
// about it will come after (a late one would touch a model created afterwards).
bool TestExecutionsModel::waitFinished(const QString &id)
{
    return Testing::waitDelivered(*m_finished, id);
}

void TestExecutionsModel::pagesNewestFirst()
{
    const QString file = writeFile("chain.yaml", chainYaml);
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        ids.prepend(start(file, QStringLiteral(R"({"n":%1})").arg(i)));
        QVERIFY(!ids.first().isEmpty());
        QVERIFY(waitFinished(ids.first()));
    }
    ExecutionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProperty("pageSize", 2);
    model.setBridge(m_bridge.get());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalCount(), 5);
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(inserted.count(), 1);
    model.fetchMore({});
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(!model.canFetchMore({}));
    for (int row = 0; row < 5; ++row)
        QCOMPARE(model.idAt(row), ids.at(row));
    const QModelIndex first = model.index(0);
    QCOMPARE(first.data(ExecutionsModel::StatusRole).toString(), QStringLiteral("SUCCEEDED"));
    QCOMPARE(first.data(ExecutionsModel::WorkflowRole).toString(), QStringLiteral("chain"));
    QVERIFY(first.data(ExecutionsModel::StartedRole).toDateTime().isValid());
    QVERIFY(first.data(ExecutionsModel::EndedRole).toDateTime().isValid());
    QVERIFY(!first.data(ExecutionsModel::DurationTextRole).toString().isEmpty());
    QCOMPARE(model.workflows(), QStringList{QStringLiteral("chain")});
    QCOMPARE(ExecutionsModel::formatDuration(850), QStringLiteral("850 ms"));
    QCOMPARE(ExecutionsModel::formatDuration(4200), QStringLiteral("4.2 s"));
    QCOMPARE(ExecutionsModel::formatDuration(185000), QStringLiteral("3 min 5 s"));
}

void TestExecutionsModel::liveInsertAndUpdate()
{
    const QString file = writeFile("approval.yaml", approvalYaml);
    const QString older = start(writeFile("chain.yaml", chainYaml));
    QVERIFY(waitFinished(older));
    ExecutionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(m_bridge.get());
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    const QString id = start(file);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, waitMs);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0); // on top
    QCOMPARE(model.idAt(0), id);
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0).data(ExecutionsModel::StatusRole).toString(),
                              QStringLiteral("WAITING"), waitMs);
    QCOMPARE(model.index(0).data(ExecutionsModel::PositionsRole).toString(),
             QStringLiteral("review"));

    QSignalSpy done(m_bridge.get(), &EngineBridge::commandFinished);
    const int approve = m_bridge->approve(id, {}, QStringLiteral("ok"));
    const QList<QVariant> answer = Testing::waitForCommand(done, approve);
    QVERIFY(!answer.isEmpty());
    QVERIFY2(answer.at(2).toBool(), qPrintable(answer.at(3).toString()));
    QVERIFY(waitFinished(id));
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0).data(ExecutionsModel::StatusRole).toString(),
                              QStringLiteral("SUCCEEDED"), waitMs);
    // Live updates touched only that row; the list was never reset.
    for (const QList<QVariant> &args : std::as_const(changed)) {
        QCOMPARE(args.at(0).toModelIndex().row(), 0);
        QCOMPARE(args.at(1).toModelIndex().row(), 0);
    }
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);

    // An explicit refresh of one known row: exactly one dataChanged, nothing else.
    inserted.clear();
    changed.clear();
    model.refresh({id});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.indexOf(id), 0);
    QCOMPARE(model.indexOf(older), 1);
}

void TestExecutionsModel::filters()
{
    const QString chain
        = start(writeFile("chain.yaml", chainYaml), QStringLiteral(R"({"sku":"X-77"})"));
    QVERIFY(waitFinished(chain));
    const QString waiting = start(writeFile("approval.yaml", approvalYaml));
    QVERIFY(!waiting.isEmpty());
    ExecutionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(m_bridge.get());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, waitMs);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy filter(&model, &ExecutionsModel::filterChanged);
    model.setStatusFilter(QStringLiteral("WAITING"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(filter.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, waitMs);
    QCOMPARE(model.idAt(0), waiting);

    model.setStatusFilter({});
    model.setWorkflowFilter(QStringLiteral("chain"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), chain);
    model.setWorkflowFilter({});
    QCOMPARE(model.rowCount(), 2);

    // Search matches the input text; typing reloads once after a pause.
    reset.clear();
    model.setSearchText(QStringLiteral("X-7"));
    model.setSearchText(QStringLiteral("X-77"));
    QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 1, waitMs);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), chain);
    model.setSearchText(waiting.left(8));
    QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 2, waitMs);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), waiting);
}

void TestExecutionsModel::leavesStatusFilter()
{
    const QString id = start(writeFile("approval.yaml", approvalYaml));
    ExecutionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(m_bridge.get());
    model.setStatusFilter(QStringLiteral("WAITING"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, waitMs);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    m_bridge->approve(id, {}, QStringLiteral("ok"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, waitMs);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.totalCount(), 0);
}

void TestExecutionsModel::tenThousand()
{
    // A database with 10,000 finished executions, written directly (no host yet).
    const QString path = m_dir->filePath(QStringLiteral("big.db"));
    {
        QString error;
        std::unique_ptr<Store> store = Store::open(path, Store::Mode::ReadWrite, &error, false);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->begin());
        for (int i = 0; i < 10000; ++i) {
            ExecutionRecord rec;
            rec.id = QStringLiteral("exec-%1").arg(i, 5, 10, QLatin1Char('0')).toStdString();
            rec.workflow = i % 2 ? "odd" : "even";
            rec.definitionHash = "sha256:none";
            rec.status = i % 10 == 0 ? ExecutionStatus::Failed : ExecutionStatus::Succeeded;
            rec.input = {{"n", i}};
            rec.startedAtMs = 1700000000000 + i * 1000;
            rec.endedAtMs = rec.startedAtMs + 500;
            QVERIFY(store->insertExecution(rec));
        }
        QVERIFY(store->commit());
    }
    EngineBridge bridge;
    QVERIFY(Testing::openBridge(bridge, path));
    ExecutionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(&bridge);
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.totalCount(), 10000);
    QCOMPARE(model.idAt(0), QStringLiteral("exec-09999"));
    for (int i = 0; i < 4; ++i)
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.idAt(999), QStringLiteral("exec-09000"));
    model.setStatusFilter(QStringLiteral("FAILED"));
    QCOMPARE(model.totalCount(), 1000);
    QCOMPARE(model.idAt(0), QStringLiteral("exec-09990"));
    QCOMPARE(model.index(0).data(ExecutionsModel::DurationTextRole).toString(),
             QStringLiteral("500 ms"));
}

void TestExecutionsModel::burstOfNewExecutions()
{
    const QString file = writeFile("chain.yaml", chainYaml);
    ExecutionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(m_bridge.get());
    m_bridge->setProperty("batchIntervalMs", 300); // large batches: one query for the newest
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const int n = 40;
    for (int i = 0; i < n; ++i)
        m_bridge->startFile(file, QStringLiteral(R"({"i":%1})").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), n, waitMs);
    QCOMPARE(model.totalCount(), n);
    QCOMPARE(reset.count(), 0);
    QSet<QString> ids;
    for (int row = 0; row < n; ++row) {
        ids.insert(model.idAt(row));
        if (row > 0)
            QVERIFY(model.index(row - 1).data(ExecutionsModel::StartedRole).toDateTime()
                    >= model.index(row).data(ExecutionsModel::StartedRole).toDateTime());
    }
    QCOMPARE(ids.size(), n);
}

QTEST_GUILESS_MAIN(TestExecutionsModel)
#include "tst_executionsmodel.moc"
