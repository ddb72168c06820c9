// How many task processes run at once: a map without max_concurrency runs at most
// kDefaultMapConcurrency (40) iterations at once; the host's process budget
// (EngineOptions::processLimit) holds further tasks back in scheduling order, and a cancelled
// execution's waiting tasks never start; a process that cannot start because the host is out of
// file descriptors fails with a cause that says so.
//
// The task script counts the live processes in a file under flock(1) and records the highest
// count; every task holds until the test creates a `gate` file, so the first wave is known to be
// complete (and no further task can have started) when the count reaches the limit.
#include "enginetesthelpers.h"

#include "executors/processrunner.h"
#include "runtime/flow.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Signalbox;
using namespace EngineTest;
using Signalbox::Runtime::kDefaultMapConcurrency;

namespace {

const char *taskScript
    = "flock lock sh -c 'n=$(( $(cat live 2>/dev/null || echo 0) + 1 )); echo $n > live;"
      " m=$(cat max 2>/dev/null || echo 0); if [ $n -gt $m ]; then echo $n > max; fi'\n"
      "while [ ! -e gate ]; do sleep 0.01; done\n"
      "flock lock sh -c 'echo $(( $(cat live) - 1 )) > live'\n"
      "echo '{\"done\": true}'\n";

std::string mapWorkflow(int maxConcurrency)
{
    std::string yaml = "workflow:\n  name: wide\n  start_at: each\n  states:\n"
                       "    each:\n      type: map\n      items_path: $.items\n";
    if (maxConcurrency > 0)
        yaml += "      max_concurrency: " + std::to_string(maxConcurrency) + "\n";
    yaml += "      processor:\n        start_at: work\n        states:\n"
            "          work: {type: task, run: {command: [sh, task.sh]}, end: true}\n"
            "      end: true\n";
    return yaml;
}

Json items(int n)
{
    Json out = Json::array();
    for (int i = 0; i < n; ++i)
        out.push_back(i);
    return out;
}

int highestOpenFd()
{
    int highest = 2;
    if (DIR *d = ::opendir("/proc/self/fd")) {
        while (dirent *e = ::readdir(d))
            highest = std::max(highest, std::atoi(e->d_name));
        ::closedir(d);
    }
    return highest;
}

} // namespace

class TestEngineConcurrency : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;

    void open(const EngineOptions &options = {})
    {
        m_engine = std::make_unique<Engine>();
        QString error;
        QVERIFY2(m_engine->open(m_dir->filePath("concurrency.db"), &error, options),
                 qPrintable(error));
    }
    std::string start(const std::string &yaml, const Json &input)
    {
        OperationResult r = m_engine->start(definition(yaml), yaml, m_dir->filePath("wf.yaml"),
                                            input, {});
        if (!r.ok)
            qWarning("start failed: %s", r.error.c_str());
        m_engine->flush();
        return r.executionId;
    }
    int fileNumber(const char *name) const
    {
        QFile f(m_dir->filePath(QString::fromLatin1(name)));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        return f.readAll().trimmed().toInt();
    }
    void openGate()
    {
        QFile gate(m_dir->filePath("gate"));
        QVERIFY(gate.open(QIODevice::WriteOnly));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QFile script(m_dir->filePath("task.sh"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(taskScript);
    }
    void cleanup()
    {
        if (m_engine && m_engine->store()) {
            m_engine->flush();
            QString why;
            QVERIFY2(allHistoriesReplay(m_engine->store(), &why), qPrintable(why));
        }
        m_engine.reset();
        m_dir.reset();
    }

    void mapWithoutMaxConcurrencyRunsTheDefault()
    {
        QCOMPARE(kDefaultMapConcurrency, 40);
        open();
        QVERIFY(m_engine->processLimit() >= kDefaultMapConcurrency);
        const std::string id = start(mapWorkflow(0), Json{{"items", items(100)}});
        QVERIFY(!id.empty());
        QVERIFY(waitUntil(*m_engine, [&] { return fileNumber("live") == kDefaultMapConcurrency; }));
        // The first wave is complete and holds: nothing else may have started.
        QCOMPARE(countEvents(m_engine->store(), id, EventType::BranchStarted),
                 kDefaultMapConcurrency);
        QCOMPARE(m_engine->runningTasks(), kDefaultMapConcurrency);
        QCOMPARE(m_engine->waitingTasks(), 0);
        openGate();
        QVERIFY(waitFinal(*m_engine, id));
        const ExecutionRecord rec = record(*m_engine, id);
        QCOMPARE(int(rec.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(int(rec.output.size()), 100);
        QCOMPARE(fileNumber("max"), kDefaultMapConcurrency);
        // The history agrees: never more than 40 iterations between started and finished.
        int open = 0;
        int most = 0;
        for (const HistoryEvent &e : m_engine->store()->history(id)) {
            if (e.type == EventType::BranchStarted)
                most = std::max(most, ++open);
            else if (e.type == EventType::BranchFinished)
                --open;
        }
        QCOMPARE(most, kDefaultMapConcurrency);
    }

    void processBudgetHoldsTasksBack()
    {
        EngineOptions options;
        options.processLimit = 3;
        open(options);
        QCOMPARE(m_engine->processLimit(), 3);
        const std::string id = start(mapWorkflow(10), Json{{"items", items(10)}});
        QVERIFY(waitUntil(*m_engine, [&] { return fileNumber("live") == 3; }));
        // Every iteration started (durably scheduled); 7 tasks wait for a process slot.
        QCOMPARE(countEvents(m_engine->store(), id, EventType::TaskScheduled), 10);
        QCOMPARE(m_engine->runningTasks(), 3);
        QCOMPARE(m_engine->waitingTasks(), 7);
        openGate();
        QVERIFY(waitFinal(*m_engine, id));
        QCOMPARE(int(record(*m_engine, id).status), int(ExecutionStatus::Succeeded));
        QCOMPARE(countEvents(m_engine->store(), id, EventType::TaskSucceeded), 10);
        QCOMPARE(fileNumber("max"), 3);
        QCOMPARE(m_engine->waitingTasks(), 0);
    }

    void cancelledExecutionDropsItsWaitingTasks()
    {
        EngineOptions options;
        options.processLimit = 2;
        open(options);
        const std::string first = start(mapWorkflow(2), Json{{"items", items(2)}});
        const std::string second = start(mapWorkflow(5), Json{{"items", items(5)}});
        QVERIFY(waitUntil(*m_engine, [&] { return fileNumber("live") == 2; }));
        QCOMPARE(m_engine->waitingTasks(), 5);
        QVERIFY(m_engine->cancel(second).ok);
        m_engine->flush();
        QCOMPARE(m_engine->waitingTasks(), 0);
        QCOMPARE(int(*m_engine->status(second)), int(ExecutionStatus::Cancelled));
        openGate();
        QVERIFY(waitFinal(*m_engine, first));
        QCOMPARE(int(record(*m_engine, first).status), int(ExecutionStatus::Succeeded));
        QCOMPARE(countEvents(m_engine->store(), second, EventType::TaskSucceeded), 0);
        QCOMPARE(fileNumber("max"), 2);
    }

    void startFailureNamesTooManyOpenFiles()
    {
        rlimit saved{};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
        ProcessRunner runner;
        TaskRequest req;
        req.executionId = "x";
        req.state = "work";
        req.token = "t1";
        req.spec.kind = Executor::Kind::Command;
        req.spec.argv = {"/bin/true"};
        std::optional<TaskOutcome> outcome;
        // No descriptor above the ones open now, and the holes below filled: the next pipe
        // QProcess asks for fails with EMFILE.
        rlimit tight = saved;
        tight.rlim_cur = rlim_t(highestOpenFd() + 1);
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
        std::vector<int> fillers;
        for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;)
            fillers.push_back(fd);
        runner.start(req, [&](const TaskOutcome &o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), engineWaitMs);
        for (int fd : fillers)
            ::close(fd);
        ::setrlimit(RLIMIT_NOFILE, &saved);
        QVERIFY(!outcome->ok);
        QCOMPARE(QString::fromStdString(outcome->error), QStringLiteral("Task.StartFailed"));
        QVERIFY2(outcome->cause.find("Too many open files") != std::string::npos,
                 outcome->cause.c_str());
    }
};

QTEST_GUILESS_MAIN(TestEngineConcurrency)
#include "tst_engine_concurrency.moc"
