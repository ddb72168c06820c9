// Engine benchmark (docs/engine.md has the command and a results table):
//  1. durable throughput: N concurrent executions of a 50-state pass chain, state transitions
//     per second, on a database file with synchronous=FULL and on :memory:;
//  2. process task overhead: executions of one /bin/true task, start-to-finish p50/p99, next to
//     the bare QProcess run of /bin/true;
//  3. recovery: time for Engine::open() on a database with M unfinished executions.
// Usage: signalbox_engine_bench [executions=1000] [recovery=10000] [tasks=200] [repeat=1]
// (recovery or tasks 0 skips that part; SIGNALBOX_BENCH_ONLY=file|memory runs one throughput).
#include "signalbox/codecs.h"
#include "signalbox/engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Signalbox;

namespace {

Definition parse(const std::string &yaml)
{
    Diagnostics diags;
    std::optional<Definition> def = readYaml(yaml, "bench.yaml", diags);
    if (!def) {
        std::fprintf(stderr, "%s\n", diags.formatAll().c_str());
        std::exit(1);
    }
    return *def;
}

std::string passChain(int states)
{
    std::string y = "workflow:\n  name: chain\n  start_at: s0\n  states:\n";
    for (int i = 0; i < states; ++i) {
        y += "    s" + std::to_string(i) + ": {type: pass, "
             + (i + 1 < states ? "next: s" + std::to_string(i + 1) : std::string("end: true"))
             + "}\n";
    }
    return y;
}

void runUntil(Engine &engine, const std::function<bool()> &done)
{
    while (!done()) {
        engine.flush();
        if (done())
            break;
        QEventLoop loop;
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

double throughput(const QString &db, bool full, int executions, int states)
{
    Engine engine;
    QString error;
    EngineOptions options;
    options.synchronousFull = full;
    if (!engine.open(db, &error, options)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::exit(1);
    }
    const std::string yaml = passChain(states);
    const Definition def = parse(yaml);
    int finished = 0;
    QObject::connect(&engine, &Engine::executionFinished, [&] { ++finished; });
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < executions; ++i)
        engine.start(def, yaml, {}, Json{{"i", i}});
    runUntil(engine, [&] { return finished == executions; });
    const double seconds = t.nsecsElapsed() / 1e9;
    return executions * double(states) / seconds;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * (v.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int executions = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int recoveryCount = argc > 2 ? std::atoi(argv[2]) : 10000;
    const int tasks = argc > 3 ? std::atoi(argv[3]) : 200;
    const int repeat = std::max(1, argc > 4 ? std::atoi(argv[4]) : 1);
    QTemporaryDir dir;

    // 1. Throughput: `repeat` runs each (fresh database each time), the median printed.
    const QByteArray only = qgetenv("SIGNALBOX_BENCH_ONLY"); // "file" or "memory" (profiling)
    for (const bool memory : {false, true}) {
        if (!only.isEmpty() && only != (memory ? "memory" : "file"))
            continue;
        std::vector<double> rates;
        for (int r = 0; r < repeat; ++r) {
            const QString db = memory ? QStringLiteral(":memory:")
                                      : dir.filePath(QStringLiteral("full%1.db").arg(r));
            rates.push_back(throughput(db, true, executions, 50));
        }
        std::printf("pass chain, %d executions x 50 states, %s: %.0f transitions/s (median of "
                    "%d)\n",
                    executions, memory ? ":memory:" : "file, synchronous=FULL",
                    percentile(rates, 0.5), repeat);
        std::fflush(stdout);
    }

    // 2. Task overhead (skipped when tasks is 0).
    if (tasks > 0) {
        std::vector<double> bare;
        for (int i = 0; i < tasks; ++i) {
            QElapsedTimer t;
            t.start();
            QProcess p;
            p.start(QStringLiteral("/bin/true"), {});
            p.waitForFinished();
            bare.push_back(t.nsecsElapsed() / 1e6);
        }
        std::printf("/bin/true alone (QProcess): p50 %.2f ms, p99 %.2f ms\n", percentile(bare, 0.5),
                    percentile(bare, 0.99));
        for (const QString &db : {dir.filePath("tasks.db"), QStringLiteral(":memory:")}) {
            Engine engine;
            QString error;
            engine.open(db, &error);
            const std::string yaml
                = "workflow:\n  name: t\n  start_at: t\n  states:\n"
                  "    t: {type: task, run: {command: [/bin/true]}, end: true}\n";
            const Definition def = parse(yaml);
            std::vector<double> step;
            for (int i = 0; i < tasks; ++i) {
                QElapsedTimer t;
                t.start();
                const std::string id = engine.start(def, yaml, {}, Json::object()).executionId;
                runUntil(engine, [&] {
                    std::optional<ExecutionStatus> s = engine.status(id);
                    return s && isFinal(*s);
                });
                step.push_back(t.nsecsElapsed() / 1e6);
            }
            std::printf("execution with one /bin/true task (%s): p50 %.2f ms, p99 %.2f ms; "
                        "overhead p50 %.2f ms\n",
                        db.endsWith(QLatin1String(".db")) ? "file, FULL" : ":memory:",
                        percentile(step, 0.5), percentile(step, 0.99),
                        percentile(step, 0.5) - percentile(bare, 0.5));
        }
        std::fflush(stdout);
    }

    // 3. Recovery (skipped when recovery is 0).
    if (recoveryCount > 0) {
        const QString db = dir.filePath("recovery.db");
        {
            Engine engine;
            QString error;
            EngineOptions options;
            options.synchronousFull = false; // setup only
            engine.open(db, &error, options);
            const std::string yaml
                = "workflow:\n  name: r\n  start_at: gate\n  states:\n"
                  "    gate: {type: wait_for_event, kind: event, event: go, end: true}\n";
            const Definition def = parse(yaml);
            for (int i = 0; i < recoveryCount; ++i)
                engine.start(def, yaml, {}, Json{{"i", i}});
            engine.flush();
        }
        Engine engine;
        QString error;
        QElapsedTimer t;
        t.start();
        engine.open(db, &error);
        const double ms = t.nsecsElapsed() / 1e6;
        std::printf("recovery: open() with %d unfinished executions: %.0f ms (%d live)\n",
                    recoveryCount, ms, engine.liveExecutions());
    }
    return 0;
}
