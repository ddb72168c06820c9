// TimelineModel: the bars of a real engine run with a ManualClock, so every start and end is
// exact. A task fails twice (retry with a 5 s backoff, then caught), an approval waits 4 s, a
// timer waits 60 s. The events are fed as the run produces them: bars are appended and closed
// with exact rowsInserted / dataChanged counts, and the result equals a rebuild from the whole
// history. The filter narrows lanes. Then the live wiring through HistoryModel and EngineBridge.
#include "../engine/enginetesthelpers.h"
#include "bridgetesthelpers.h"
#include "enginebridge.h"
#include "historymodel.h"
#include "timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signalbox;
using namespace EngineTest;

namespace {

// `work` fails once the file "go" exists in the workflow's folder, so the test decides how long
// each attempt runs on the manual clock.
const char timelineYaml[] = R"(workflow:
  name: timeline
  start_at: prepare
  states:
    prepare: {type: pass, next: work}
    work:
      type: task
      run:
        shell: "while [ ! -f go ]; do sleep 0.02; done; echo no >&2; exit 3"
      retry: {attempts: 2, interval_seconds: 5, backoff: fixed}
      catch:
        - errors: [States.ALL]
          next: review
      next: review
    review: {type: wait_for_event, prompt: Look at it, next: pause}
    pause: {type: wait, seconds: 60, next: done}
    done: {type: succeed}
)";

const char approvalYaml[] = R"(workflow:
  name: live
  start_at: prepare
  states:
    prepare: {type: pass, next: review}
    review: {type: wait_for_event, next: done}
    done: {type: succeed}
)";

const qint64 t0 = 1767225600000; // ManualClock's default start

struct Expected
{
    const char *state;
    int lane;
    const char *bar;
    const char *kind;
    const char *status;
    int attempt;
    qint64 start; // offsets from t0
    qint64 end;   // -1: open
};

} // namespace

class TestTimelineModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void retriesAndWaits();
    void liveThroughHistoryModel();

private:
    void feed(TimelineModel &model);
    void touchGo(bool exists);
    bool waitFor(EventType type, int count);
    static void compareBars(const TimelineModel &model, const std::vector<Expected> &expected);

    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::string m_id;
    qint64 m_lastSeq = 0;
};

void TestTimelineModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

// The engine (and the task process it runs) goes with the test function, also when a check
// failed half-way.
void TestTimelineModel::cleanup()
{
    m_engine.reset();
    m_clock.reset();
}

void TestTimelineModel::feed(TimelineModel &model)
{
    m_engine->flush();
    std::vector<HistoryEvent> fresh = m_engine->store()->history(m_id, m_lastSeq);
    if (!fresh.empty())
        m_lastSeq = fresh.back().seq;
    model.appendEvents(fresh);
}

void TestTimelineModel::touchGo(bool exists)
{
    const QString path = m_dir.filePath(QStringLiteral("go"));
    if (!exists) {
        QFile::remove(path);
        return;
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
}

bool TestTimelineModel::waitFor(EventType type, int count)
{
    return waitUntil(*m_engine,
                     [&] { return countEvents(m_engine->store(), m_id, type) >= count; });
}

void TestTimelineModel::compareBars(const TimelineModel &model,
                                    const std::vector<Expected> &expected)
{
    QCOMPARE(model.rowCount(), int(expected.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const Expected &x = expected[std::size_t(row)];
        const QModelIndex i = model.index(row);
        const QString where = QStringLiteral("row %1").arg(row);
        QVERIFY2(i.data(TimelineModel::StateRole).toString() == QLatin1String(x.state),
                 qPrintable(where));
        QCOMPARE(i.data(TimelineModel::LaneRole).toInt(), x.lane);
        QCOMPARE(i.data(TimelineModel::BarRole).toString(), QLatin1String(x.bar));
        QCOMPARE(i.data(TimelineModel::KindRole).toString(), QLatin1String(x.kind));
        QVERIFY2(i.data(TimelineModel::StatusRole).toString() == QLatin1String(x.status),
                 qPrintable(where + QStringLiteral(": ")
                            + i.data(TimelineModel::StatusRole).toString()));
        QCOMPARE(i.data(TimelineModel::AttemptRole).toInt(), x.attempt);
        QCOMPARE(qint64(i.data(TimelineModel::StartRole).toDouble()), t0 + x.start);
        QCOMPARE(i.data(TimelineModel::OpenRole).toBool(), x.end < 0);
        QCOMPARE(qint64(i.data(TimelineModel::EndRole).toDouble()), x.end < 0 ? 0 : t0 + x.end);
    }
}

void TestTimelineModel::retriesAndWaits()
{
    touchGo(false);
    m_clock = std::make_unique<ManualClock>(t0);
    m_engine = std::make_unique<Engine>(m_clock.get());
    QString error;
    QVERIFY2(m_engine->open(m_dir.filePath(QStringLiteral("timeline.db")), &error),
             qPrintable(error));
    const OperationResult r
        = m_engine->start(definition(timelineYaml), timelineYaml,
                          m_dir.filePath(QStringLiteral("wf.yaml")), Json{{"n", 1}});
    QVERIFY2(r.ok, r.error.c_str());
    m_id = r.executionId;

    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy lanes(&model, &TimelineModel::lanesChanged);

    // Attempt 1 runs 1.5 s, fails; the retry is due 5 s later.
    QVERIFY(waitFor(EventType::TaskStarted, 1));
    m_clock->advance(1500);
    touchGo(true);
    QVERIFY(waitFor(EventType::RetryScheduled, 1));
    touchGo(false);
    feed(model);
    QCOMPARE(inserted.count(), 1); // one batch, one insert
    QCOMPARE(changed.count(), 0);
    QCOMPARE(lanes.count(), 1);
    QCOMPARE(model.shownLanes(), (QStringList{"prepare", "work"}));
    QVERIFY(model.isLive());
    compareBars(model, {{"prepare", 0, "visit", "step", "succeeded", 0, 0, 0},
                        {"work", 1, "visit", "task", "retrying", 0, 0, -1},
                        {"work", 1, "attempt", "task", "failed", 1, 0, 1500},
                        {"work", 1, "backoff", "backoff", "retrying", 2, 1500, -1}});
    QCOMPARE(qint64(model.index(3).data(TimelineModel::DueRole).toDouble()), t0 + 6500);
    QCOMPARE(model.index(1).data(TimelineModel::VisitRole).toInt(), 1);

    // The backoff ends when attempt 2 is scheduled: the backoff bar and the visit's status change
    // (two dataChanged), attempt 2 is appended (one rowsInserted).
    inserted.clear();
    m_clock->advance(5000);
    QVERIFY(waitFor(EventType::TaskStarted, 2));
    feed(model);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 4);
    QCOMPARE(inserted.first().at(2).toInt(), 4);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 3);
    compareBars(model, {{"prepare", 0, "visit", "step", "succeeded", 0, 0, 0},
                        {"work", 1, "visit", "task", "running", 0, 0, -1},
                        {"work", 1, "attempt", "task", "failed", 1, 0, 1500},
                        {"work", 1, "backoff", "backoff", "retrying", 2, 1500, 6500},
                        {"work", 1, "attempt", "task", "running", 2, 6500, -1}});

    // Attempt 2 runs 2 s and fails for good; the catch goes to the approval.
    inserted.clear();
    changed.clear();
    m_clock->advance(2000);
    touchGo(true);
    QVERIFY(waitFor(EventType::EventAwaited, 1));
    feed(model);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 2); // the visit and attempt 2 close
    QCOMPARE(model.shownLanes(), (QStringList{"prepare", "work", "review"}));

    // The reviewer answers after 4 s; the timer waits 60 s; done.
    m_clock->advance(4000);
    QVERIFY(m_engine->approve(m_id, "review", "ann", "fine").ok);
    QVERIFY(waitFor(EventType::WaitStarted, 1));
    feed(model);
    m_clock->advance(60000);
    QVERIFY(waitFinal(*m_engine, m_id));
    feed(model);
    const std::vector<Expected> all
        = {{"prepare", 0, "visit", "step", "succeeded", 0, 0, 0},
           {"work", 1, "visit", "task", "failed", 0, 0, 8500},
           {"work", 1, "attempt", "task", "failed", 1, 0, 1500},
           {"work", 1, "backoff", "backoff", "retrying", 2, 1500, 6500},
           {"work", 1, "attempt", "task", "failed", 2, 6500, 8500},
           {"review", 2, "visit", "approval", "succeeded", 0, 8500, 12500},
           {"pause", 3, "visit", "wait", "succeeded", 0, 12500, 72500},
           {"done", 4, "visit", "step", "succeeded", 0, 72500, 72500}};
    compareBars(model, all);
    QVERIFY(!model.isLive());
    QCOMPARE(qint64(model.startMs()), t0);
    QCOMPARE(qint64(model.endMs()), t0 + 72500);
    QVERIFY(model.index(2)
                .data(TimelineModel::LabelRole)
                .toString()
                .startsWith(QLatin1String("attempt 1 failed: Task.ExitCode")));
    QCOMPARE(reset.count(), 0);

    // Built at once from the whole history: the same bars.
    TimelineModel rebuilt;
    rebuilt.setEvents(m_engine->store()->history(m_id));
    compareBars(rebuilt, all);

    // The filter keeps lanes by state name, kind or status, renumbering the shown ones.
    changed.clear();
    lanes.clear();
    model.setFilter(QStringLiteral("approval"));
    QCOMPARE(model.shownLanes(), QStringList{"review"});
    QCOMPARE(lanes.count(), 1);
    QCOMPARE(changed.count(), 8); // every bar's shown lane moved
    QCOMPARE(model.index(5).data(TimelineModel::ShownLaneRole).toInt(), 0);
    QCOMPARE(model.index(0).data(TimelineModel::ShownLaneRole).toInt(), -1);
    model.setFilter(QStringLiteral("FAIL"));
    QCOMPARE(model.shownLanes(), QStringList{"work"});
    model.setFilter(QStringLiteral("pa"));
    QCOMPARE(model.shownLanes(), (QStringList{"prepare", "pause"}));
    QCOMPARE(model.index(6).data(TimelineModel::ShownLaneRole).toInt(), 1);
    changed.clear();
    model.setFilter({});
    QCOMPARE(model.shownLanes(), (QStringList{"prepare", "work", "review", "pause", "done"}));

    m_engine.reset();
    m_clock.reset();
}

void TestTimelineModel::liveThroughHistoryModel()
{
    EngineBridge bridge;
    QVERIFY(Testing::openBridge(bridge, m_dir.filePath(QStringLiteral("live.db"))));
    const QString id = Testing::startYaml(bridge, m_dir.filePath(QStringLiteral("live.yaml")),
                                          approvalYaml, QStringLiteral("{}"));
    QVERIFY(!id.isEmpty());

    HistoryModel history;
    history.setBridge(&bridge);
    history.setExecutionId(id);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(&history);
    QTRY_COMPARE_WITH_TIMEOUT(history.status(), QStringLiteral("WAITING"), Testing::waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, Testing::waitMs);
    QCOMPARE(model.index(1).data(TimelineModel::KindRole).toString(), QStringLiteral("approval"));
    QCOMPARE(model.index(1).data(TimelineModel::StatusRole).toString(), QStringLiteral("waiting"));
    QVERIFY(model.isLive());

    // The approval closes the wait and appends the last state, without a reset.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    bridge.approve(id, {}, QStringLiteral("ok"));
    QTRY_COMPARE_WITH_TIMEOUT(history.status(), QStringLiteral("SUCCEEDED"), Testing::waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, Testing::waitMs);
    QCOMPARE(model.index(1).data(TimelineModel::StatusRole).toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(model.index(2).data(TimelineModel::StateRole).toString(), QStringLiteral("done"));
    QVERIFY(!model.isLive());
    QCOMPARE(reset.count(), 0);

    // Another execution (or none) rebuilds it.
    history.setExecutionId({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 1);
}

QTEST_GUILESS_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
