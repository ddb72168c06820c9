// The crash test ("a kill -9 at any instant resumes correctly"): runs a workflow with
// processes, a durable timer, a parallel and a map under `signalbox run`, SIGKILLs the host at
// random moments (during processes, waits and commits), restarts it with `signalbox resume` (or
// `run` with the same name when it died before the start committed), possibly killing it again,
// and checks for every execution: the correct final output, a contiguous history, no duplicated
// transition, the cache equal to a replay, and every task side effect carrying a known token.
// Bounded: SIGNALBOX_CRASH_ROUNDS rounds (default 12) and at most ~150 s.
#include "../engine/enginetesthelpers.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <csignal>
#include <set>

using namespace Signalbox;
using namespace EngineTest;

static const char *workflowYaml
    = "workflow:\n"
      "  name: crash\n"
      "  start_at: prepare\n"
      "  states:\n"
      "    prepare: {type: pass, result: {n: 3}, result_path: $.cfg, next: work}\n"
      "    work:\n"
      "      type: task\n"
      "      run: {shell: 'cat > /dev/null; echo \"$SIGNALBOX_TASK_TOKEN\" >> tokens.log; sleep "
      "0.2; echo 1'}\n"
      "      result_path: $.work\n"
      "      next: fan\n"
      "    fan:\n"
      "      type: parallel\n"
      "      branches:\n"
      "        - start_at: b1\n"
      "          states:\n"
      "            b1: {type: task, run: {shell: 'cat > /dev/null; echo \"$SIGNALBOX_TASK_TOKEN\" "
      ">> tokens.log; sleep 0.1; echo 2'}, end: true}\n"
      "        - start_at: pause\n"
      "          states:\n"
      "            pause: {type: wait, seconds: 1, next: b2}\n"
      "            b2: {type: pass, result: 3, end: true}\n"
      "      result_path: $.fan\n"
      "      next: each\n"
      "    each:\n"
      "      type: map\n"
      "      items_path: $.items\n"
      "      max_concurrency: 2\n"
      "      processor:\n"
      "        start_at: square\n"
      "        states:\n"
      "          square: {type: task, run: {shell: 'x=$(cat); echo \"$SIGNALBOX_TASK_TOKEN\" >> "
      "tokens.log; sleep 0.05; echo $((x*x))'}, end: true}\n"
      "      result_path: $.squares\n"
      "      next: done\n"
      "    done: {type: succeed}\n";

class TestCrash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QProcess *launch(const QStringList &args)
    {
        auto *p = new QProcess(this);
        p->setWorkingDirectory(m_dir.path());
        p->start(QStringLiteral(SIGNALBOX_BINARY), args);
        p->waitForStarted();
        return p;
    }

private slots:
    void killAndResume()
    {
        QVERIFY(m_dir.isValid());
        const QString wf = m_dir.filePath("crash.yaml");
        {
            QFile f(wf);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(workflowYaml);
        }
        const QString db = m_dir.filePath("crash.db");
        const int rounds = qEnvironmentVariableIsSet("SIGNALBOX_CRASH_ROUNDS")
                               ? qEnvironmentVariableIntValue("SIGNALBOX_CRASH_ROUNDS")
                               : 12;
        const Json expected = Json::parse("{\"items\":[1,2,3,4],\"cfg\":{\"n\":3},\"work\":1,"
                                          "\"fan\":[2,3],\"squares\":[1,4,9,16]}");
        QRandomGenerator rng(QRandomGenerator::global()->generate());
        QElapsedTimer total;
        total.start();
        int kills = 0;
        std::vector<std::string> names;
        for (int round = 0; round < rounds && total.elapsed() < 120000; ++round) {
            const QString name = QStringLiteral("crash-%1").arg(round);
            names.push_back(name.toStdString());
            bool done = false;
            for (int attempt = 0; attempt < 12 && !done; ++attempt) {
                std::optional<ExecutionRecord> rec;
                {
                    QString error;
                    auto store = Store::open(db, Store::Mode::ReadOnly, &error);
                    if (store)
                        rec = store->execution(name.toStdString());
                }
                QProcess *p = rec ? launch({"resume", name, "--db", db})
                                  : launch({"run", wf, "--name", name, "--db", db, "--input",
                                            "{\"items\":[1,2,3,4]}"});
                // Kill at a random moment in the first attempts; let the last ones finish.
                if (attempt < 3) {
                    const int delay = int(rng.bounded(1600));
                    if (!p->waitForFinished(delay)) {
                        ::kill(p->processId(), SIGKILL);
                        p->waitForFinished(5000);
                        ++kills;
                        delete p;
                        continue;
                    }
                } else {
                    QVERIFY2(p->waitForFinished(30000), "the host did not finish in 30 s");
                }
                const QByteArray out = p->readAllStandardOutput();
                const QByteArray err = p->readAllStandardError();
                delete p;
                const Json result = Json::parse(out.trimmed().toStdString(), nullptr, false);
                QVERIFY2(result.is_object(), (out + err).constData());
                JCOMPARE(result["status"], Json("SUCCEEDED"));
                JCOMPARE(result["output"], expected);
                done = true;
            }
            QVERIFY2(done, qPrintable(name + QStringLiteral(" never finished")));
        }
        qInfo("%d executions, %d kills, %lld ms", int(names.size()), kills,
              qint64(total.elapsed()));

        // Invariants over every history.
        QString error;
        auto store = Store::open(db, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        std::set<std::string> tokens;
        for (const std::string &name : names) {
            const ExecutionRecord rec = store->execution(name).value();
            JCOMPARE(rec.status, ExecutionStatus::Succeeded);
            JCOMPARE(rec.output, expected);
            QString why;
            QVERIFY2(cacheMatchesReplay(store.get(), rec.id, &why), qPrintable(why));
            const std::vector<HistoryEvent> history = store->history(rec.id);
            std::set<std::pair<std::string, std::string>> entered;
            std::set<std::string> branches;
            int terminal = 0;
            for (const HistoryEvent &e : history) {
                if (e.type == EventType::StateEntered) {
                    // No loops and no retries here: a state is entered once per frame.
                    QVERIFY2(entered.insert({e.frame, e.state}).second,
                             qPrintable(QStringLiteral("%1 entered twice in %2")
                                            .arg(QString::fromStdString(e.state),
                                                 QString::fromStdString(rec.id))));
                }
                if (e.type == EventType::BranchStarted) {
                    const std::string key = e.frame + e.state + e.data["index"].dump();
                    QVERIFY2(branches.insert(key).second, "a branch started twice");
                }
                if (e.type == EventType::TaskScheduled)
                    tokens.insert(e.data["token"].get<std::string>());
                if (e.type == EventType::ExecutionSucceeded)
                    ++terminal;
            }
            JCOMPARE(terminal, 1);
            JCOMPARE(history.back().type, EventType::ExecutionSucceeded);
            JCOMPARE(int(entered.size()), 1 + 1 + 1 + 1 + 2 + 1 + 4 + 1);
        }
        // At-least-once side effects: every token a task saw was scheduled by the engine, and
        // every scheduled task ran at least once.
        QFile log(m_dir.filePath("tokens.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        std::set<std::string> seen;
        for (const QByteArray &line : log.readAll().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            QVERIFY2(tokens.count(line.trimmed().toStdString()), line.constData());
            seen.insert(line.trimmed().toStdString());
        }
        JCOMPARE(seen.size(), tokens.size());
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
