// HistoryModel over a real engine on a temporary database: the history of one execution,
// appended live (rowsInserted only, never a reset), the status and visit count of each state,
// the transitions taken, and the step details (input, output, error, attempts, stdout/stderr);
// one map iteration picked (IterationsModel, the diagram's view and the inspector scoped to it),
// and a map inside a map scoped by the outer iteration picked; an http task's request/response;
// the status never ahead of the history, whatever commit lands between the model's reads.
#include "../engine/enginetesthelpers.h"
#include "bridgetesthelpers.h"
#include "enginebridge.h"
#include "historymodel.h"
#include "iterationsmodel.h"

#include "signalbox/clock.h"
#include "signalbox/codecs.h"
#include "signalbox/engine.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <functional>

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

// Item "b" fails its task (tolerated), the others pass through it.
const char mapYaml[] = R"(workflow:
  name: iterations
  start_at: each
  states:
    each:
      type: map
      items_path: $.items
      tolerated_failure_count: 1
      processor:
        start_at: check
        states:
          check: {type: choice, when: {bad: broken}, default: work}
          work: {type: pass, result: {ok: true}, result_path: $.result, end: true}
          broken:
            type: task
            run:
              shell: "echo broken >&2; exit 4"
            end: true
      next: done
    done: {type: succeed}
)";

const char nestedYaml[] = R"(workflow:
  name: nested
  start_at: outer
  states:
    outer:
      type: map
      items_path: $.groups
      tolerated_failure_count: 5
      processor:
        start_at: inner
        states:
          inner:
            type: map
            items_path: $.items
            tolerated_failure_count: 5
            processor:
              start_at: leaf-check
              states:
                leaf-check: {type: choice, when: {bad: leaf-bad}, default: leaf-ok}
                leaf-ok: {type: pass, end: true}
                leaf-bad: {type: fail, error: Leaf.Bad, cause: a bad leaf}
            end: true
      end: true
)";

// Runs `commit` once, when the `countdown`-th SQL statement starts on a read-only connection
// (the models' readers) after arming: another connection's commit lands between two reads of a
// model, as the engine thread's commits can at any time. Each read of the Store is its own
// snapshot, and SQLite calls the trace hook before the statement takes its snapshot.
// install() puts the hook on every connection opened after it (sqlite3_auto_extension).
struct BetweenReads
{
    static inline int countdown = 0; // read statements until the commit; 0: disarmed
    static inline bool fired = false;
    static inline std::function<void()> commit;

    static int onStatement(unsigned, void *, void *stmt, void *)
    {
        if (countdown <= 0
            || sqlite3_db_readonly(sqlite3_db_handle(static_cast<sqlite3_stmt *>(stmt)), "main")
                   != 1
            || --countdown > 0)
            return 0;
        fired = true;
        commit(); // the engine's own statements run on a writable connection: not counted
        return 0;
    }
    static int onOpen(sqlite3 *db, const char **, const sqlite3_api_routines *)
    {
        sqlite3_trace_v2(db, SQLITE_TRACE_STMT, &BetweenReads::onStatement, nullptr);
        return SQLITE_OK;
    }
    static void install() { sqlite3_auto_extension(reinterpret_cast<void (*)()>(&onOpen)); }
    static void uninstall()
    {
        sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(&onOpen));
        countdown = 0;
        commit = nullptr;
    }
};

QStringList statusesOf(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(IterationsModel::StatusRole).toString());
    return out;
}

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
    void pickMapIteration();
    void nestedMapScopedByOuterIteration();
    void httpStepShowsRequestAndResponse();
    void statusNeverAheadOfHistory_data();
    void statusNeverAheadOfHistory();

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
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("WAITING"), Testing::waitMs);
    QCOMPARE(definition.count(), 1);
    QVERIFY(model.definitionSource().contains(QLatin1String("name: history")));
    QCOMPARE(model.execution().value(QStringLiteral("workflow")).toString(),
             QStringLiteral("history"));
    QTRY_COMPARE_WITH_TIMEOUT(model.stateStatus().value(QStringLiteral("review")).toString(),
                              QStringLiteral("waiting"), Testing::waitMs);
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
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("SUCCEEDED"), Testing::waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(model.stateStatus().value(QStringLiteral("done")).toString(),
                              QStringLiteral("succeeded"), Testing::waitMs);
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
    // The test hosts the database with an engine on a ManualClock (the bridge finds the host lock
    // taken and shows it read-only): the retry waits until the clock moves, so "retrying" is
    // looked at while it holds, not raced against the 2 s retry delay on a loaded machine.
    const QString db = m_dir->filePath(QStringLiteral("failed.db"));
    HostLock lock(db);
    QString error;
    QVERIFY2(lock.tryLock(&error), qPrintable(error));
    ManualClock clock;
    Engine engine(&clock);
    QVERIFY2(engine.open(db, &error), qPrintable(error));
    const Definition def = EngineTest::definition(failingYaml);
    const OperationResult started = engine.start(
        def, failingYaml, m_dir->filePath(QStringLiteral("wf.yaml")), Json{{"n", 1}});
    QVERIFY2(started.ok, started.error.c_str());
    const std::string id = started.executionId;
    EngineBridge bridge;
    QVERIFY(Testing::openBridge(bridge, db));
    QVERIFY(bridge.isReadOnly());
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(&bridge);
    model.setExecutionId(QString::fromStdString(id));

    // Between the attempts the state is retrying, with the next attempt's number and time.
    QVERIFY(EngineTest::waitUntil(engine, [&] {
        return EngineTest::countEvents(engine.store(), id, EventType::RetryScheduled) == 1;
    }));
    model.refresh();
    QCOMPARE(model.status(), QStringLiteral("RUNNING"));
    QCOMPARE(model.stateStatus().value(QStringLiteral("work")).toString(),
             QStringLiteral("retrying"));
    QCOMPARE(model.stateNotes().value(QStringLiteral("work")).toString(),
             QStringLiteral("attempt 2 at 00:00:02"));
    clock.advance(2000);
    QVERIFY(EngineTest::waitFinal(engine, id));
    model.refresh();
    QCOMPARE(model.status(), QStringLiteral("FAILED"));
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
        QVERIFY(!a.value(QStringLiteral("http")).toBool()); // "exit code 3", "stdout"
        QCOMPARE(a.value(QStringLiteral("stderr")).toString(), QStringLiteral("trying\n"));
        QCOMPARE(a.value(QStringLiteral("stdout")).toString(), QStringLiteral("partial\n"));
        QVERIFY(!a.value(QStringLiteral("started")).toString().isEmpty());
        QVERIFY(!a.value(QStringLiteral("ended")).toString().isEmpty());
    }
}

void TestHistoryModel::pickMapIteration()
{
    HistoryModel model;
    IterationsModel iterations;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester itTester(&iterations,
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
    iterations.setHistory(&model);
    iterations.setContainer(QStringLiteral("each"));
    model.setBridge(m_bridge.get());
    QSignalSpy inserted(&iterations, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&iterations, &QAbstractItemModel::modelReset);
    const QString id = start(mapYaml, QStringLiteral(R"({"items":[{"name":"a"},)"
                                                     R"({"name":"b","bad":true},{"name":"c"}]})"));
    QVERIFY(!id.isEmpty());
    model.setExecutionId(id);
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("SUCCEEDED"), Testing::waitMs);
    const qint64 resetsAfterLoad = resets.count();

    // Every iteration with its own status, item and frame; the summary over all of them.
    QCOMPARE(iterations.rowCount(), 3);
    QCOMPARE(statusesOf(iterations),
             (QStringList{QStringLiteral("succeeded"), QStringLiteral("failed"),
                          QStringLiteral("succeeded")}));
    QCOMPARE(iterations.failedCount(), 1);
    QCOMPARE(iterations.succeededCount(), 2);
    QCOMPARE(iterations.firstFailed(), 1);
    QCOMPARE(iterations.blockedBy(), QString());
    QCOMPARE(iterations.index(1).data(IterationsModel::ItemRole).toString(),
             QStringLiteral("name: b"));
    QCOMPARE(iterations.index(1).data(IterationsModel::FrameRole).toString(),
             QStringLiteral("each[1]"));
    QVERIFY(iterations.index(1)
                .data(IterationsModel::ErrorRole)
                .toString()
                .startsWith(QLatin1String("Task.ExitCode")));
    QCOMPARE(model.iterationsOf(QStringLiteral("each")).size(), 3);
    QCOMPARE(model.iterationsOf(QStringLiteral("each")).at(2).toMap().value("frame").toString(),
             QStringLiteral("each[2]"));
    QCOMPARE(iterations.selectedIndex(), -1);
    QCOMPARE(model.stateStatus().value(QStringLiteral("work")).toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(model.stateStatus().value(QStringLiteral("broken")).toString(),
             QStringLiteral("failed"));
    QCOMPARE(model.visitCounts().value(QStringLiteral("check")).toInt(), 3);
    QCOMPARE(model.doneCounts().value(QStringLiteral("work")).toInt(), 2);
    QVERIFY(model.takenEdges().contains(QStringLiteral("check>work")));
    QVERIFY(model.takenEdges().contains(QStringLiteral("check>broken")));

    // Pick the failed one: its path only, and the inspector shows that iteration.
    QSignalSpy states(&model, &HistoryModel::statesChanged);
    QSignalSpy selection(&iterations, &IterationsModel::selectionChanged);
    iterations.selectNextFailed();
    QCOMPARE(iterations.selectedIndex(), 1);
    QCOMPARE(iterations.selectedStatus(), QStringLiteral("failed"));
    QCOMPARE(model.selectedIterations(), (QVariantMap{{QStringLiteral("each"), 1}}));
    QCOMPARE(states.count(), 1);
    QVERIFY(selection.count() >= 1);
    QCOMPARE(model.stateStatus().value(QStringLiteral("broken")).toString(),
             QStringLiteral("failed"));
    QVERIFY(!model.stateStatus().contains(QStringLiteral("work")));
    QCOMPARE(model.stateStatus().value(QStringLiteral("check")).toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(model.stateStatus().value(QStringLiteral("each")).toString(),
             QStringLiteral("succeeded")); // the map itself still shows the whole state
    QCOMPARE(model.visitCounts().value(QStringLiteral("check")).toInt(), 1);
    QCOMPARE(model.takenEdges(),
             (QStringList{QStringLiteral("each>done"), QStringLiteral("check>broken")}));
    QCOMPARE(model.doneCounts().value(QStringLiteral("work")).toInt(), 0);
    QCOMPARE(model.iterations().value(QStringLiteral("each")).toMap().value("started").toInt(), 3);

    const QVariantMap broken = model.stepDetails(QStringLiteral("broken"));
    QCOMPARE(broken.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(broken.value(QStringLiteral("scope")).toString(), QStringLiteral("each #1"));
    QCOMPARE(broken.value(QStringLiteral("error")).toString(), QStringLiteral("Task.ExitCode"));
    QVERIFY(broken.value(QStringLiteral("input")).toString().contains(QLatin1String("\"b\"")));
    const QVariantList attempts = broken.value(QStringLiteral("attempts")).toList();
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.at(0).toMap().value(QStringLiteral("exitCode")).toInt(), 4);
    QCOMPARE(attempts.at(0).toMap().value(QStringLiteral("stderr")).toString(),
             QStringLiteral("broken\n"));
    const QVariantMap check = model.stepDetails(QStringLiteral("check"));
    QCOMPARE(check.value(QStringLiteral("visits")).toInt(), 1);
    QVERIFY(check.value(QStringLiteral("input")).toString().contains(QLatin1String("\"b\"")));
    QCOMPARE(model.stepDetails(QStringLiteral("work")).value(QStringLiteral("status")).toString(),
             QStringLiteral("not reached"));

    // Next goes to a succeeded one: the other branch of the choice.
    iterations.selectNext();
    QCOMPARE(iterations.selectedIndex(), 2);
    QCOMPARE(model.stateStatus().value(QStringLiteral("work")).toString(),
             QStringLiteral("succeeded"));
    QVERIFY(!model.stateStatus().contains(QStringLiteral("broken")));
    const QVariantMap work = model.stepDetails(QStringLiteral("work"));
    QCOMPARE(work.value(QStringLiteral("scope")).toString(), QStringLiteral("each #2"));
    QVERIFY(work.value(QStringLiteral("output")).toString().contains(QLatin1String("\"c\"")));
    iterations.selectPrevious();
    QCOMPARE(iterations.selectedIndex(), 1);

    // Back to all: the summary again. The list itself was never reset by the selection.
    iterations.select(-1);
    QCOMPARE(model.selectedIterations(), QVariantMap());
    QCOMPARE(model.visitCounts().value(QStringLiteral("check")).toInt(), 3);
    QCOMPARE(model.stateStatus().value(QStringLiteral("work")).toString(),
             QStringLiteral("succeeded"));
    QVERIFY(!model.stepDetails(QStringLiteral("broken")).contains(QStringLiteral("scope")));
    QCOMPARE(resets.count(), resetsAfterLoad);

    // The selection survives a re-read of the same execution and goes with another one.
    model.selectIteration(QStringLiteral("each"), 0);
    model.setBridge(nullptr);
    model.setBridge(m_bridge.get());
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("SUCCEEDED"), Testing::waitMs);
    QCOMPARE(model.selectedIteration(QStringLiteral("each")), 0);
    QCOMPARE(model.visitCounts().value(QStringLiteral("work")).toInt(), 1);
    model.setExecutionId({});
    QCOMPARE(model.selectedIterations(), QVariantMap());
    QCOMPARE(iterations.rowCount(), 0);
    Q_UNUSED(inserted);
}

void TestHistoryModel::nestedMapScopedByOuterIteration()
{
    const QString id = start(nestedYaml, QStringLiteral(R"({"groups":[)"
                                                        R"({"items":[{"n":1},{"n":2}]},)"
                                                        R"({"items":[{"n":3},{"n":4,"bad":true},)"
                                                        R"({"n":5}]}]})"));
    QVERIFY(!id.isEmpty());
    HistoryModel model;
    IterationsModel outer;
    IterationsModel inner;
    QAbstractItemModelTester outerTester(&outer,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester innerTester(&inner,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    outer.setHistory(&model);
    outer.setContainer(QStringLiteral("outer"));
    inner.setHistory(&model);
    inner.setContainer(QStringLiteral("inner"));
    model.setBridge(m_bridge.get());
    model.setExecutionId(id);
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("SUCCEEDED"), Testing::waitMs);

    // The outer map: two iterations, both succeeded (the bad leaf is tolerated inside).
    QCOMPARE(statusesOf(outer),
             (QStringList{QStringLiteral("succeeded"), QStringLiteral("succeeded")}));
    // The inner map ran once per outer iteration: pick an outer one first.
    QCOMPARE(inner.rowCount(), 0);
    QCOMPARE(inner.blockedBy(), QStringLiteral("outer"));
    QVERIFY(model.iterationsOf(QStringLiteral("inner")).isEmpty());
    QCOMPARE(model.visitCounts().value(QStringLiteral("leaf-check")).toInt(), 5);
    QCOMPARE(model.iterations().value(QStringLiteral("inner")).toMap().value("started").toInt(), 5);

    outer.select(1);
    QCOMPARE(inner.blockedBy(), QString());
    QCOMPARE(statusesOf(inner), (QStringList{QStringLiteral("succeeded"), QStringLiteral("failed"),
                                             QStringLiteral("succeeded")}));
    QCOMPARE(inner.index(1).data(IterationsModel::FrameRole).toString(),
             QStringLiteral("outer[1]/inner[1]"));
    QCOMPARE(inner.index(1).data(IterationsModel::ItemRole).toString(), QStringLiteral("n: 4"));
    QCOMPARE(model.visitCounts().value(QStringLiteral("leaf-check")).toInt(), 3);
    QCOMPARE(model.stateStatus().value(QStringLiteral("leaf-bad")).toString(),
             QStringLiteral("failed"));
    const QVariantMap innerCounts = model.iterations().value(QStringLiteral("inner")).toMap();
    QCOMPARE(innerCounts.value(QStringLiteral("started")).toInt(), 3);
    QCOMPARE(innerCounts.value(QStringLiteral("finished")).toInt(), 2);
    QCOMPARE(innerCounts.value(QStringLiteral("failed")).toInt(), 1);

    inner.selectNextFailed();
    QCOMPARE(inner.selectedIndex(), 1);
    QVERIFY(!model.stateStatus().contains(QStringLiteral("leaf-ok")));
    const QVariantMap check = model.stepDetails(QStringLiteral("leaf-check"));
    QCOMPARE(check.value(QStringLiteral("scope")).toString(),
             QStringLiteral("outer #1 \u203a inner #1"));
    QCOMPARE(check.value(QStringLiteral("frame")).toString(), QStringLiteral("outer[1]/inner[1]"));
    QVERIFY(check.value(QStringLiteral("input")).toString().contains(QLatin1String("\"n\": 4")));
    const QVariantMap bad = model.stepDetails(QStringLiteral("leaf-bad"));
    QCOMPARE(bad.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(bad.value(QStringLiteral("error")).toString(), QStringLiteral("Leaf.Bad"));

    // Another outer iteration drops the inner pick: its inner map has other iterations.
    outer.select(0);
    QCOMPARE(model.selectedIterations(), (QVariantMap{{QStringLiteral("outer"), 0}}));
    QCOMPARE(inner.selectedIndex(), -1);
    QCOMPARE(statusesOf(inner),
             (QStringList{QStringLiteral("succeeded"), QStringLiteral("succeeded")}));
    QVERIFY(!model.stateStatus().contains(QStringLiteral("leaf-bad")));
    QCOMPARE(model.visitCounts().value(QStringLiteral("leaf-check")).toInt(), 2);
    QCOMPARE(model.doneCounts().value(QStringLiteral("leaf-ok")).toInt(), 2);
}

// The step inspector's "Request / response" of an http task: what was sent (method, url) and
// what came back (status, body), from the task log; a failing status is the step's error.
void TestHistoryModel::httpStepShowsRequestAndResponse()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return; // a GET has no body: the headers' end is the request's end
                const QByteArray body = R"({"error":"out of stock"})";
                socket->write("HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\n"
                              "Content-Length: "
                              + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                              + body);
                socket->disconnectFromHost();
            });
        }
    });
    const QByteArray yaml = "workflow:\n  name: reserve\n  start_at: reserve\n  states:\n"
                            "    reserve:\n      type: task\n      run:\n        http:\n"
                            "          method: GET\n          url: http://127.0.0.1:"
                            + QByteArray::number(server.serverPort())
                            + "/stock/42\n      end: true\n";
    const QString id = start(yaml.constData(), QStringLiteral("{}"));
    QVERIFY(!id.isEmpty());
    HistoryModel model;
    model.setBridge(m_bridge.get());
    model.setExecutionId(id);
    QTRY_COMPARE_WITH_TIMEOUT(model.status(), QStringLiteral("FAILED"), Testing::waitMs);
    const QVariantMap reserve = model.stepDetails(QStringLiteral("reserve"));
    QCOMPARE(reserve.value(QStringLiteral("error")).toString(), QStringLiteral("Http.409"));
    const QVariantList attempts = reserve.value(QStringLiteral("attempts")).toList();
    QCOMPARE(attempts.size(), 1);
    const QString extra = attempts.at(0).toMap().value(QStringLiteral("extra")).toString();
    QVERIFY2(extra.contains(QStringLiteral("/stock/42")), qPrintable(extra));
    QVERIFY2(extra.contains(QStringLiteral("GET")), qPrintable(extra));
    QVERIFY2(extra.contains(QStringLiteral("409")), qPrintable(extra));
    const QVariantMap attempt = attempts.at(0).toMap();
    QVERIFY(attempt.value(QStringLiteral("http")).toBool()); // "HTTP 409", "Response body"
    QCOMPARE(attempt.value(QStringLiteral("exitCode")).toInt(), 409);
    QCOMPARE(attempt.value(QStringLiteral("stdout")).toString(),
             QStringLiteral(R"({"error":"out of stock"})"));
    QVERIFY(
        reserve.value(QStringLiteral("cause")).toString().contains(QStringLiteral("out of stock")));
}

void TestHistoryModel::statusNeverAheadOfHistory_data()
{
    QTest::addColumn<int>("statement");
    // refresh() reads the execution's row and the new events: two statements. The commit lands
    // before the first, between the two, or after both.
    QTest::newRow("before the first read") << 1;
    QTest::newRow("between the reads") << 2;
    QTest::newRow("after the reads") << 3;
}

// The engine commits a batch's events and the execution's row together, but the model reads them
// in two statements, each its own snapshot. Whatever commit lands between them, a final status
// comes with the events that made it final (the race behind a flaky pickMapIteration: SUCCEEDED
// while the history still lacked the last batch, an iteration "running" where it had failed).
// Reading the history first and the row after showed SUCCEEDED beside an approval still waiting.
void TestHistoryModel::statusNeverAheadOfHistory()
{
    QFETCH(int, statement);
    // The test hosts the database with an engine on this thread, so it can commit from inside a
    // model's read; the bridge finds the host lock taken and shows the database read-only.
    BetweenReads::install();
    const auto uninstall = qScopeGuard([] { BetweenReads::uninstall(); });
    const QString db = m_dir->filePath(QStringLiteral("between.db"));
    HostLock lock(db);
    QString error;
    QVERIFY2(lock.tryLock(&error), qPrintable(error));
    Engine engine;
    QVERIFY2(engine.open(db, &error), qPrintable(error));
    Diagnostics diags;
    const std::optional<Definition> def = readYaml(approvalYaml, "between.yaml", diags);
    QVERIFY2(def && !diags.hasErrors(), diags.formatAll().c_str());
    const OperationResult started = engine.start(*def, approvalYaml, {}, Json::object());
    QVERIFY2(started.ok, started.error.c_str());
    engine.flush();
    const QString id = QString::fromStdString(started.executionId);

    EngineBridge bridge;
    QVERIFY(Testing::openBridge(bridge, db));
    QVERIFY(bridge.isReadOnly());
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBridge(&bridge);
    model.setExecutionId(id);
    QCOMPARE(model.status(), QStringLiteral("WAITING"));
    QCOMPARE(model.stateStatus().value(QStringLiteral("review")).toString(),
             QStringLiteral("waiting"));

    // The approval runs the execution to its end in one commit.
    bool approved = false;
    auto approve = [&] {
        approved = engine.approve(started.executionId, "review", "tester", "").ok;
        engine.flush();
    };
    BetweenReads::fired = false;
    BetweenReads::commit = approve;
    BetweenReads::countdown = statement;
    model.refresh();
    BetweenReads::countdown = 0;
    if (!BetweenReads::fired)
        approve();
    QVERIFY(approved);
    QVERIFY(engine.status(started.executionId) == ExecutionStatus::Succeeded);

    // Whatever the model shows now, its status is not ahead of its events.
    auto lastType = [&model] {
        return model.rowCount() > 0
                   ? model.index(model.rowCount() - 1).data(HistoryModel::TypeRole).toString()
                   : QString();
    };
    if (model.status() == QLatin1String("SUCCEEDED")) {
        QCOMPARE(lastType(), QStringLiteral("ExecutionSucceeded"));
        QCOMPARE(model.stateStatus().value(QStringLiteral("review")).toString(),
                 QStringLiteral("succeeded"));
    } else {
        QCOMPARE(model.status(), QStringLiteral("WAITING"));
    }

    // The notification of that commit brings the rest.
    model.refresh();
    QCOMPARE(model.status(), QStringLiteral("SUCCEEDED"));
    QCOMPARE(lastType(), QStringLiteral("ExecutionSucceeded"));
    QCOMPARE(model.stateStatus().value(QStringLiteral("done")).toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(model.takenEdges(),
             (QStringList{QStringLiteral("prepare>review"), QStringLiteral("review>done")}));
}

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
