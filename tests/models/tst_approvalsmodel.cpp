// ApprovalsModel over a real engine on a temporary database: pending approvals across executions
// with rendered prompts, forms and deadlines; decisions remove exactly their row; form validation.
#include "approvalsmodel.h"
#include "bridgetesthelpers.h"
#include "enginebridge.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;

namespace {

const char reviewYaml[] = R"(workflow:
  name: review
  start_at: review
  states:
    review:
      type: wait_for_event
      prompt: Order {{$.orderId}} over {{$.amount}} EUR
      assignee: sales-ops
      timeout_seconds: 3600
      form:
        - {name: note, type: text, label: Note, required: true}
        - {name: level, type: choice, options: [low, high]}
        - {name: score, type: number}
      next: done
    done: {type: succeed}
)";

const char eventYaml[] = R"(workflow:
  name: event
  start_at: hook
  states:
    hook: {type: wait_for_event, kind: event, event: paid, next: done}
    done: {type: succeed}
)";

} // namespace

class TestApprovalsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void inbox();
    void validation();

private:
    QString start(const char *yaml, const QString &input);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineBridge> m_bridge;
    int m_files = 0;
};

void TestApprovalsModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestApprovalsModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_bridge = std::make_unique<EngineBridge>();
    QVERIFY(Testing::openBridge(*m_bridge, m_dir->filePath(QStringLiteral("test.db"))));
}

void TestApprovalsModel::cleanup()
{
    m_bridge.reset();
    m_dir.reset();
}

QString TestApprovalsModel::start(const char *yaml, const QString &input)
{
    return Testing::startYaml(
        *m_bridge, m_dir->filePath(QStringLiteral("wf%1.yaml").arg(++m_files)), yaml, input);
}

void TestApprovalsModel::inbox()
{
    ApprovalsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy count(&model, &ApprovalsModel::countChanged);
    model.setBridge(m_bridge.get());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(count.count(), 0);

    const QString first = start(reviewYaml, QStringLiteral(R"({"orderId":"A-1","amount":120})"));
    QVERIFY(!first.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, Testing::waitMs);
    QCOMPARE(count.count(), 1);
    const QString event = start(eventYaml, QStringLiteral("{}")); // not an approval
    const QString second = start(reviewYaml, QStringLiteral(R"({"orderId":"B-2","amount":9})"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, Testing::waitMs);
    QVERIFY(!event.isEmpty());

    const QModelIndex row = model.index(model.indexOf(first));
    QCOMPARE(model.indexOf(first), 0); // oldest first
    QCOMPARE(model.indexOf(second), 1);
    QCOMPARE(row.data(ApprovalsModel::PromptRole).toString(),
             QStringLiteral("Order A-1 over 120 EUR"));
    QCOMPARE(row.data(ApprovalsModel::WorkflowRole).toString(), QStringLiteral("review"));
    QCOMPARE(row.data(ApprovalsModel::StateRole).toString(), QStringLiteral("review"));
    QCOMPARE(row.data(ApprovalsModel::AssigneeRole).toString(), QStringLiteral("sales-ops"));
    QCOMPARE(row.data(ApprovalsModel::KeyDataRole).toString(),
             QStringLiteral("orderId: A-1 · amount: 120"));
    const QDateTime since = row.data(ApprovalsModel::SinceRole).toDateTime();
    const QDateTime deadline = row.data(ApprovalsModel::DeadlineRole).toDateTime();
    QVERIFY(since.isValid());
    QCOMPARE(since.msecsTo(deadline), 3600 * 1000);
    QCOMPARE(row.data(ApprovalsModel::OverdueRole).toBool(), false);
    QCOMPARE(model.overdueCount(), 0);
    const QVariantList form = row.data(ApprovalsModel::FormRole).toList();
    QCOMPARE(form.size(), 3);
    QCOMPARE(form.at(0).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("note"));
    QCOMPARE(form.at(0).toMap().value(QStringLiteral("required")).toBool(), true);
    QCOMPARE(form.at(1).toMap().value(QStringLiteral("options")).toStringList(),
             (QStringList{QStringLiteral("low"), QStringLiteral("high")}));
    QVERIFY(row.data(ApprovalsModel::InputTextRole).toString().contains(QLatin1String("A-1")));

    // Nothing changed: a refresh emits nothing.
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    count.clear();
    model.refresh();
    QCOMPARE(removed.count() + inserted.count() + reset.count() + count.count(), 0);

    // Deciding one removes exactly its row.
    m_bridge->approve(first, QStringLiteral("review"), QStringLiteral("fine"),
                      {{QStringLiteral("note"), QStringLiteral("ok")}});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, Testing::waitMs);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(count.count(), 1);
    QCOMPARE(model.indexOf(second), 0);

    m_bridge->reject(second, {}, QStringLiteral("no"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, Testing::waitMs);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(count.count(), 2);
}

void TestApprovalsModel::validation()
{
    ApprovalsModel model;
    model.setBridge(m_bridge.get());
    start(reviewYaml, QStringLiteral(R"({"orderId":"C-3","amount":1})"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, Testing::waitMs);
    QCOMPARE(model.validateFields(0, {}), QStringLiteral("Note is required."));
    QCOMPARE(model.validateFields(0, {{QStringLiteral("note"), QStringLiteral("x")}}), QString());
    QCOMPARE(model.validateFields(0, {{QStringLiteral("note"), QStringLiteral("x")},
                                      {QStringLiteral("level"), QStringLiteral("mid")},
                                      {QStringLiteral("score"), QStringLiteral("abc")}}),
             QStringLiteral("level must be one of: low, high.\nscore must be a number."));
    QCOMPARE(model.validateFields(5, {}), QStringLiteral("This approval is no longer pending."));
}

QTEST_GUILESS_MAIN(TestApprovalsModel)
#include "tst_approvalsmodel.moc"
