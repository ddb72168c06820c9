// Retry and catch with a ManualClock: attempts are total tries, the backoff kinds, max delay and
// jitter give the recorded delays, retry timers never fire early, the first matching policy
// decides, catch writes the error object at result_path; task timeouts kill the process group.
#include "enginetesthelpers.h"

#include "signalbox/clock.h"

#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineRetry : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;

    std::string start(const std::string &yaml, const Json &input = Json::object())
    {
        const Definition def = definition(yaml);
        OperationResult r = m_engine->start(def, yaml, m_dir.filePath("wf.yaml"), input);
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }
    // A task that fails until it has run `failures` times (counted in a file).
    std::string flaky(int failures, const std::string &retry, const std::string &extra = {})
    {
        const QString counter
            = m_dir.filePath(QStringLiteral("count-%1").arg(QTest::currentTestFunction()));
        QFile::remove(counter);
        return "workflow:\n  name: flaky\n  start_at: t\n  states:\n    t:\n      type: task\n"
               "      run: {shell: 'n=$(cat "
               + counter.toStdString() + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > "
               + counter.toStdString() + "; if [ $n -le " + std::to_string(failures)
               + " ]; then echo \"{\\\"error\\\":\\\"Flaky.Error\\\",\\\"cause\\\":\\\"try "
                 "$n\\\"}\"; exit 1; fi; echo $n'}\n"
                 "      retry: "
               + retry + "\n" + extra + "      end: true\n";
    }
    // Waits for the next RetryScheduled and returns its data.
    Json waitRetry(const std::string &id, int n)
    {
        waitUntil(*m_engine, [&] {
            return countEvents(m_engine->store(), id, EventType::RetryScheduled) >= n;
        });
        const auto retries = eventsOf(m_engine->store(), id, EventType::RetryScheduled);
        return int(retries.size()) >= n ? retries[n - 1].data : Json();
    }

private slots:
    void init()
    {
        m_clock = std::make_unique<ManualClock>();
        m_engine = std::make_unique<Engine>(m_clock.get());
        QString error;
        QVERIFY2(
            m_engine->open(
                m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())), &error),
            qPrintable(error));
    }
    void cleanup()
    {
        if (m_engine && m_engine->store()) {
            m_engine->flush();
            QString why;
            QVERIFY2(allHistoriesReplay(m_engine->store(), &why), qPrintable(why));
        }
        m_engine.reset();
        m_clock.reset();
    }

    void exponentialBackoffThenSuccess()
    {
        const std::string id = start(
            flaky(2, "{attempts: 3, backoff: exponential, interval_seconds: 2, backoff_rate: 3}"));
        Json r1 = waitRetry(id, 1);
        JCOMPARE(r1["delay_seconds"].get<double>(), 2.0);
        JCOMPARE(r1["attempt"], Json(2));
        JCOMPARE(r1["error"], Json("Flaky.Error"));
        m_clock->advance(1999);
        m_engine->flush();
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskScheduled), 1); // not early
        m_clock->advance(1);
        Json r2 = waitRetry(id, 2);
        JCOMPARE(r2["delay_seconds"].get<double>(), 6.0);
        m_clock->advance(6000);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json(3));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskScheduled), 3);
        // Each attempt has its own stable token.
        const auto scheduled = eventsOf(m_engine->store(), id, EventType::TaskScheduled);
        QVERIFY(scheduled[0].data["token"] != scheduled[1].data["token"]);
        JCOMPARE(scheduled[2].data["attempt"], Json(3));
        VERIFY_REPLAY(*m_engine, id);
    }

    void attemptsAreTotalTries()
    {
        const std::string id
            = start(flaky(5, "{attempts: 3, backoff: fixed, interval_seconds: 1}"));
        waitRetry(id, 1);
        m_clock->advance(1000);
        waitRetry(id, 2);
        m_clock->advance(1000);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("Flaky.Error"));
        JCOMPARE(rec.cause, std::string("try 3"));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskScheduled), 3);
        VERIFY_REPLAY(*m_engine, id);
    }

    void linearMaxDelayAndFullJitter()
    {
        const std::string id = start(flaky(
            3, "{attempts: 4, backoff: linear, interval_seconds: 10, max_delay_seconds: 15}"));
        JCOMPARE(waitRetry(id, 1)["delay_seconds"].get<double>(), 10.0);
        m_clock->advance(10000);
        JCOMPARE(waitRetry(id, 2)["delay_seconds"].get<double>(), 15.0); // 20 capped at 15
        m_clock->advance(15000);
        JCOMPARE(waitRetry(id, 3)["delay_seconds"].get<double>(), 15.0);
        m_clock->advance(15000);
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Succeeded);

        const std::string j = start(flaky(1, "{attempts: 2, interval_seconds: 100, jitter: full}"));
        const double delay = waitRetry(j, 1)["delay_seconds"].get<double>();
        QVERIFY(delay >= 0.0 && delay <= 100.0);
        m_clock->advance(100000);
        QVERIFY(waitFinal(*m_engine, j));
        JCOMPARE(record(*m_engine, j).status, ExecutionStatus::Succeeded);
        VERIFY_REPLAY(*m_engine, j);
    }

    void firstMatchingPolicyDecides()
    {
        // Flaky.Error matches the first policy (attempts 1 = no retry), so the ALL policy
        // behind it never applies.
        const std::string id = start(flaky(
            1, "[{errors: [Flaky.Error], attempts: 1}, {errors: [States.ALL], attempts: 5}]"));
        QVERIFY(waitFinal(*m_engine, id));
        JCOMPARE(record(*m_engine, id).status, ExecutionStatus::Failed);
        JCOMPARE(countEvents(m_engine->store(), id, EventType::RetryScheduled), 0);
    }

    void catchWritesErrorAtResultPath()
    {
        const std::string yaml
            = "\n"
              "workflow:\n"
              "  name: catcher\n"
              "  start_at: t\n"
              "  states:\n"
              "    t:\n"
              "      type: task\n"
              "      run: {shell: 'echo "
              "\"{\\\"error\\\":\\\"Out.Of.Stock\\\",\\\"cause\\\":\\\"sku A\\\"}\"; exit 2'}\n"
              "      catch:\n"
              "        - {errors: [Other.Error], next: wrong}\n"
              "        - {errors: [States.TaskFailed], next: handle, result_path: $.problem}\n"
              "      end: true\n"
              "    wrong: {type: fail, error: Wrong}\n"
              "    handle: {type: pass, end: true}\n";
        const std::string id = start(yaml, Json{{"order", 1}});
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"order", 1},
                                   {"problem", {{"error", "Out.Of.Stock"}, {"cause", "sku A"}}}}));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::CatchTaken), 1);
        VERIFY_REPLAY(*m_engine, id);
    }

    void retryThenCatch()
    {
        const std::string id
            = start(flaky(9, "{attempts: 2, interval_seconds: 1}",
                          "      catch: [{errors: [States.ALL], next: fallback}]\n")
                    + "    fallback: {type: pass, result: fell back, end: true}\n");
        waitRetry(id, 1);
        m_clock->advance(1000);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, Json("fell back"));
        JCOMPARE(rec.input, Json::object());
        VERIFY_REPLAY(*m_engine, id);
    }

    void taskTimeoutKillsProcessGroup()
    {
        // Real time for this one: the process must really be killed.
        m_engine.reset();
        m_engine = std::make_unique<Engine>();
        QString error;
        QVERIFY(m_engine->open(m_dir.filePath("timeout.db"), &error));
        const QString pidFile = m_dir.filePath("child.pid");
        const std::string yaml = "workflow:\n  name: slow\n  start_at: t\n  states:\n    t:\n"
                                 "      type: task\n      timeout_seconds: 1\n"
                                 "      run: {shell: 'sleep 30 & echo $! > "
                                 + pidFile.toStdString()
                                 + "; wait'}\n      catch: [{errors: [States.Timeout], next: late, "
                                   "result_path: $.err}]\n"
                                   "      end: true\n    late: {type: pass, end: true}\n";
        const std::string id = start(yaml);
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output["err"]["error"], Json("States.Timeout"));
        JCOMPARE(countEvents(m_engine->store(), id, EventType::TaskTimedOut), 1);
        // The grandchild `sleep` died with its group.
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pid = f.readAll().trimmed();
        QTRY_VERIFY_WITH_TIMEOUT(
            !QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(QString::fromLatin1(pid)))
                || QFile(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)))
                           .open(QIODevice::ReadOnly)
                       == false
                ||
                [&] {
                    QFile s(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
                    s.open(QIODevice::ReadOnly);
                    return s.readAll().contains(") Z ");
                }(),
            engineWaitMs);
        VERIFY_REPLAY(*m_engine, id);
    }
};

QTEST_GUILESS_MAIN(TestEngineRetry)
#include "tst_engine_retry.moc"
