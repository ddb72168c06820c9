// EngineBridge: hosts a real engine on its thread over a temporary database, runs commands from
// the GUI and from a terminal (the control socket), batches notifications, and runs read-only
// with a clear message when another process already hosts the database.
#include "bridgetesthelpers.h"
#include "enginebridge.h"

#include "signalbox/control.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;
using Signalbox::Testing::waitForCommand;
using Signalbox::Testing::waitMs;

namespace {

const char approvalYaml[] = R"(workflow:
  name: bridge-approval
  start_at: prepare
  states:
    prepare: {type: pass, next: review}
    review:
      type: wait_for_event
      prompt: Order {{$.orderId}} needs a look
      form:
        - {name: note, type: string, required: true}
      next: done
    done: {type: succeed}
)";

const char chainYaml[] = R"(workflow:
  name: bridge-chain
  start_at: a
  states:
    a: {type: pass, next: b}
    b: {type: pass, next: c}
    c: {type: pass, end: true}
)";

} // namespace

class TestEngineBridge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensAsHost();
    void startApproveSucceed();
    void refusesWithWords();
    void terminalCommandsReachTheApp();
    void batchesNotifications();
    void secondBridgeIsReadOnly();

private:
    QString writeFile(const char *name, const char *text);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineBridge> m_bridge;
};

void TestEngineBridge::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

QString TestEngineBridge::writeFile(const char *name, const char *text)
{
    const QString path = m_dir->filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
}

void TestEngineBridge::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_bridge = std::make_unique<EngineBridge>();
    m_bridge->setDatabasePath(m_dir->filePath(QStringLiteral("test.db")));
    QSignalSpy ready(m_bridge.get(), &EngineBridge::readyChanged);
    m_bridge->open();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), waitMs);
    QCOMPARE(ready.count(), 1);
    QVERIFY(m_bridge->isReady());
}

void TestEngineBridge::cleanup()
{
    m_bridge.reset();
    m_dir.reset();
}

void TestEngineBridge::opensAsHost()
{
    QVERIFY(m_bridge->isReady());
    QVERIFY(!m_bridge->isReadOnly());
    QCOMPARE(m_bridge->hostError(), QString());
    QVERIFY(ControlClient(m_bridge->databasePath()).isHostRunning());
    QVERIFY(!m_bridge->operatorName().isEmpty());
    // open() again is a no-op.
    QSignalSpy ready(m_bridge.get(), &EngineBridge::readyChanged);
    m_bridge->open();
    QCOMPARE(ready.count(), 0);
}

void TestEngineBridge::startApproveSucceed()
{
    const QString file = writeFile("approval.yaml", approvalYaml);
    QSignalSpy done(m_bridge.get(), &EngineBridge::commandFinished);
    QSignalSpy arrived(m_bridge.get(), &EngineBridge::approvalArrived);
    QSignalSpy approvals(m_bridge.get(), &EngineBridge::approvalsChanged);
    QSignalSpy finished(m_bridge.get(), &EngineBridge::executionsFinished);

    const int ticket = m_bridge->startFile(file, QStringLiteral(R"({"orderId":"A-1"})"));
    QList<QVariant> args = waitForCommand(done, ticket);
    QVERIFY2(!args.isEmpty(), "start did not answer");
    QCOMPARE(args.at(1).toString(), QStringLiteral("start"));
    QVERIFY2(args.at(2).toBool(), qPrintable(args.at(3).toString()));
    const QString id = args.at(4).toString();
    QVERIFY(!id.isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 1, waitMs);
    QCOMPARE(arrived.at(0).at(0).toString(), id);
    QCOMPARE(arrived.at(0).at(1).toString(), QStringLiteral("review"));
    // The approvals list changed no later than the arrival was announced (same batch).
    QVERIFY(approvals.count() >= 1);

    // The form's required field is enforced by the engine.
    const int missing = m_bridge->approve(id, QStringLiteral("review"), QStringLiteral("ok"));
    args = waitForCommand(done, missing);
    QVERIFY(!args.isEmpty());
    QVERIFY(!args.at(2).toBool());
    QVERIFY2(args.at(3).toString().contains(QLatin1String("note")),
             qPrintable(args.at(3).toString()));

    const int ok = m_bridge->approve(id, QStringLiteral("review"), QStringLiteral("fine"),
                                     {{QStringLiteral("note"), QStringLiteral("checked")}});
    args = waitForCommand(done, ok);
    QVERIFY2(args.at(2).toBool(), qPrintable(args.at(3).toString()));
    QCOMPARE(args.at(4).toString(), id);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);
    QCOMPARE(finished.at(0).at(0).toStringList(), QStringList{id});
    QCOMPARE(finished.at(0).at(1).toStringList(), QStringList{QStringLiteral("SUCCEEDED")});
}

void TestEngineBridge::refusesWithWords()
{
    QSignalSpy done(m_bridge.get(), &EngineBridge::commandFinished);
    const int bad = m_bridge->startFile(m_dir->filePath(QStringLiteral("x.yaml")),
                                        QStringLiteral("{not json"));
    // Refusals are reported later, never inside the call.
    QCOMPARE(done.count(), 0);
    QList<QVariant> args = waitForCommand(done, bad);
    QVERIFY(!args.isEmpty());
    QVERIFY(!args.at(2).toBool());
    QVERIFY2(args.at(3).toString().contains(QLatin1String("not valid")),
             qPrintable(args.at(3).toString()));

    const int unknown = m_bridge->cancel(QStringLiteral("no-such-execution"));
    args = waitForCommand(done, unknown);
    QVERIFY(!args.isEmpty());
    QVERIFY(!args.at(2).toBool());
    QVERIFY(!args.at(3).toString().isEmpty());

    QCOMPARE(EngineBridge::jsonError(QStringLiteral(R"({"a":1})")), QString());
    QVERIFY(!EngineBridge::jsonError(QStringLiteral("{")).isEmpty());
    // The Run dialog's check: 1e999 made nlohmann throw out_of_range, which aborted the app.
    QVERIFY(EngineBridge::jsonError(QStringLiteral(R"({"amount": 1e999})")).contains("out of range"));
    QCOMPARE(EngineBridge::jsonError(QString(), true), QString());
    QVERIFY(!EngineBridge::jsonError(QString()).isEmpty());
}

void TestEngineBridge::terminalCommandsReachTheApp()
{
    const QString file = writeFile("approval.yaml", approvalYaml);
    QSignalSpy arrived(m_bridge.get(), &EngineBridge::approvalArrived);
    QSignalSpy finished(m_bridge.get(), &EngineBridge::executionsFinished);
    const ControlClient client(m_bridge->databasePath());
    ControlReply reply = client.send(
        {{"command", "start"}, {"file", file.toStdString()}, {"input", {{"orderId", "T-1"}}}});
    QVERIFY2(reply.ok(), qPrintable(reply.error));
    const QString id = QString::fromStdString(reply.result.value("execution_id", ""));
    QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 1, waitMs);
    reply = client.send({{"command", "approve"},
                         {"execution", id.toStdString()},
                         {"comment", "from a terminal"},
                         {"fields", {{"note", "cli"}}},
                         {"by", "tester"}});
    QVERIFY2(reply.ok(), qPrintable(reply.error));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);
    QCOMPARE(finished.at(0).at(0).toStringList(), QStringList{id});
}

void TestEngineBridge::batchesNotifications()
{
    const QString file = writeFile("chain.yaml", chainYaml);
    m_bridge->setProperty("batchIntervalMs", 200);
    QSignalSpy done(m_bridge.get(), &EngineBridge::commandFinished);
    QSignalSpy updated(m_bridge.get(), &EngineBridge::executionsUpdated);
    QSignalSpy finished(m_bridge.get(), &EngineBridge::executionsFinished);
    const int n = 30;
    int last = 0;
    for (int i = 0; i < n; ++i)
        last = m_bridge->startFile(file, QStringLiteral("{}"));
    // This thread does not run its event loop until the engine thread has run all 30 starts:
    // the engine thread answers the ping after the start jobs queued before it. So however slow
    // the engine is (a loaded machine), all their notifications are recorded before the first
    // batch can be delivered, and how many batches there are does not depend on timing.
    const ControlReply ping = ControlClient(m_bridge->databasePath()).send({{"command", "ping"}});
    QVERIFY2(ping.ok(), qPrintable(ping.error));
    QVERIFY(!waitForCommand(done, last).isEmpty());
    QSet<QString> finishedIds;
    auto allFinished = [&] {
        finishedIds.clear();
        for (const QList<QVariant> &args : std::as_const(finished)) {
            const QStringList ids = args.at(0).toStringList();
            for (const QString &id : ids)
                finishedIds.insert(id);
        }
        return finishedIds.size() == n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allFinished(), waitMs);
    // Every execution was reported, each at most once per batch, and the batches are far fewer
    // than the engine's notifications (30 executions × 8+ events and status changes each).
    QSet<QString> seen;
    for (const QList<QVariant> &args : std::as_const(updated)) {
        const QStringList ids = args.at(0).toStringList();
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        for (const QString &id : ids)
            seen.insert(id);
    }
    QVERIFY(seen.contains(finishedIds));
    QVERIFY2(updated.count() < n, qPrintable(QString::number(updated.count())));
}

void TestEngineBridge::secondBridgeIsReadOnly()
{
    const QString file = writeFile("approval.yaml", approvalYaml);
    EngineBridge second;
    second.setDatabasePath(m_bridge->databasePath());
    QSignalSpy ready(&second, &EngineBridge::readyChanged);
    second.open();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, waitMs);
    QVERIFY(second.isReady());
    QVERIFY(second.isReadOnly());
    QVERIFY2(second.hostError().contains(QLatin1String("Another Signalbox host")),
             qPrintable(second.hostError()));

    // Its commands go to the host over the control socket, and it notices the host's changes by
    // polling the database (every 2 s).
    QSignalSpy polled(&second, &EngineBridge::executionsUpdated);
    QSignalSpy polledApprovals(&second, &EngineBridge::approvalsChanged);
    QSignalSpy done(&second, &EngineBridge::commandFinished);
    QSignalSpy hostArrived(m_bridge.get(), &EngineBridge::approvalArrived);
    const int ticket = second.startFile(file, QStringLiteral(R"({"orderId":"R-1"})"));
    const QList<QVariant> args = waitForCommand(done, ticket);
    QVERIFY(!args.isEmpty());
    QVERIFY2(args.at(2).toBool(), qPrintable(args.at(3).toString()));
    QVERIFY(!args.at(4).toString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(hostArrived.count(), 1, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!polled.isEmpty(), waitMs);
    QVERIFY(polled.last().at(0).toStringList().contains(args.at(4).toString()));
    QVERIFY(!polledApprovals.isEmpty());
}

QTEST_GUILESS_MAIN(TestEngineBridge)
#include "tst_enginebridge.moc"
