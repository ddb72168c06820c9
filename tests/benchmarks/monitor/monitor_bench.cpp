// Monitor benchmark: N executions (default 1,000) of a workflow that never stops changing state
// (a 1 s timer, a pass state, a choice, the timer again...) run in the engine hosted by the real
// main window, offscreen, with the Runs place shown, one execution selected and its history on the
// Timeline. Reports the frame intervals (QQuickWindow::frameSwapped), the render time per frame
// (beforeRendering → afterRendering), how late a 10 ms GUI-thread timer fires (stalls caused by
// model updates), the engine's event rate as the bridge delivers it, and the peak RSS.
// Usage: monitor_bench [EXECUTIONS] [SECONDS] [WAIT_SECONDS]
#include "application.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>

namespace {

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * v.size())));
}

// kB from /proc/self/status ("VmHWM" peak, "VmRSS" now).
long procStatus(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qsizetype(strlen(key)) + 1).trimmed().split(' ').first().toLong();
    }
    return -1;
}

void waitFor(const std::function<bool()> &pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

QQuickItem *findByClass(QQuickItem *root, const char *prefix)
{
    if (QString::fromLatin1(root->metaObject()->className()).startsWith(QLatin1String(prefix)))
        return root;
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findByClass(child, prefix))
            return found;
    }
    return nullptr;
}

struct Sample
{
    QList<double> frameIntervals; // ms between frameSwapped
    QList<double> renderTimes;    // ms beforeRendering -> afterRendering
    QList<double> timerLateness;  // ms a 10 ms timer fired late
    qint64 updatedIds = 0;        // ids in executionsUpdated batches
    int batches = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("SignalboxBench"));
    const int executions = argc > 1 ? std::max(1, atoi(argv[1])) : 1000;
    const int seconds = argc > 2 ? std::max(2, atoi(argv[2])) : 20;
    const int waitSeconds = argc > 3 ? std::max(1, atoi(argv[3])) : 1;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("churn.yaml"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(QStringLiteral("workflow:\n  name: churn\n  start_at: tick\n  states:\n"
                               "    tick: {type: wait, seconds: %1, next: step}\n"
                               "    step: {type: pass, result: {ok: true}, result_path: $.last,"
                               " next: again}\n"
                               "    again:\n      type: choice\n      when:\n"
                               "        stop: done\n      default: tick\n"
                               "    done: {type: succeed}\n")
                    .arg(waitSeconds)
                    .toUtf8());
    }
    const long rssBefore = procStatus("VmRSS:");

    QQmlApplicationEngine engine;
    Signalbox::setupQmlEngine(&engine);
    engine.setInitialProperties(
        {{QStringLiteral("databasePath"), dir.filePath(QStringLiteral("bench.db"))}});
    engine.load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    window->resize(1440, 880);
    window->show();
    QObject *bridge = window->property("engineBridge").value<QObject *>();
    QObject *runs = window->property("runsPage").value<QObject *>();
    waitFor([&] { return bridge->property("ready").toBool(); }, 20000);
    if (QQuickItem *rail = findByClass(window->contentItem(), "SideRail"))
        rail->setProperty("currentIndex", 1);

    // Start them all (through the bridge, as the Run dialog does).
    QElapsedTimer clock;
    clock.start();
    int started = 0;
    QString firstId;
    QSignalSpy finished(bridge,
                        SIGNAL(commandFinished(int, QString, bool, QString, QString, QVariantMap)));
    for (int i = 0; i < executions; ++i) {
        int ticket = 0;
        QMetaObject::invokeMethod(bridge, "startFile", Q_RETURN_ARG(int, ticket),
                                  Q_ARG(QString, file),
                                  Q_ARG(QString, QStringLiteral("{\"n\":%1}").arg(i)),
                                  Q_ARG(QString, QString()), Q_ARG(bool, false));
    }
    waitFor([&] { return finished.count() >= executions; }, 600000);
    for (const QList<QVariant> &args : std::as_const(finished)) {
        if (args.at(2).toBool()) {
            ++started;
            if (firstId.isEmpty())
                firstId = args.at(4).toString();
        } else if (started == 0) {
            std::fprintf(stderr, "start failed: %s\n", qPrintable(args.at(3).toString()));
            return 1;
        }
    }
    const double startSeconds = clock.elapsed() / 1000.0;

    // Select one execution and show its history as a timeline.
    QMetaObject::invokeMethod(runs, "select", Q_ARG(QString, firstId));
    if (QObject *pane = runs->property("historyPane").value<QObject *>())
        pane->setProperty("mode", 1);

    Sample s;
    QElapsedTimer frameClock;
    frameClock.start();
    double lastSwap = -1;
    double renderStart = 0;
    bool measuring = false;
    QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&] {
        const double now = frameClock.nsecsElapsed() / 1e6;
        if (measuring && lastSwap >= 0)
            s.frameIntervals.append(now - lastSwap);
        lastSwap = now;
    });
    QObject::connect(
        window, &QQuickWindow::beforeRendering, &app,
        [&] { renderStart = frameClock.nsecsElapsed() / 1e6; }, Qt::DirectConnection);
    QObject::connect(
        window, &QQuickWindow::afterRendering, &app,
        [&] {
            if (measuring)
                s.renderTimes.append(frameClock.nsecsElapsed() / 1e6 - renderStart);
        },
        Qt::DirectConnection);
    QSignalSpy updates(bridge, SIGNAL(executionsUpdated(QStringList)));
    QTimer ticker;
    ticker.setInterval(10);
    ticker.setTimerType(Qt::PreciseTimer);
    double lastTick = -1;
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const double now = frameClock.nsecsElapsed() / 1e6;
        if (measuring && lastTick >= 0)
            s.timerLateness.append(std::max(0.0, now - lastTick - 10));
        lastTick = now;
    });
    ticker.start();
    // A timer keeps the window rendering (the Runs place animates running executions anyway).
    QTimer repaint;
    QObject::connect(&repaint, &QTimer::timeout, window, &QQuickWindow::update);
    repaint.start(16);

    // Warm up, then measure.
    waitFor([] { return false; }, 3000);
    updates.clear();
    measuring = true;
    QElapsedTimer measured;
    measured.start();
    waitFor([] { return false; }, seconds * 1000);
    measuring = false;
    const double measuredSeconds = measured.elapsed() / 1000.0;
    for (const QList<QVariant> &args : std::as_const(updates)) {
        s.updatedIds += args.first().toStringList().size();
        ++s.batches;
    }
    const long peak = procStatus("VmHWM:");

    std::printf("monitor benchmark: %d executions started (%d ok) in %.1f s, a %d s wait + pass "
                "loop each, measured %.1f s\n",
                executions, started, startSeconds, waitSeconds, measuredSeconds);
    std::printf("| metric | median | p95 | max |\n|---|---|---|---|\n");
    std::printf("| frame interval (ms) | %.1f | %.1f | %.1f |\n", percentile(s.frameIntervals, 0.5),
                percentile(s.frameIntervals, 0.95), percentile(s.frameIntervals, 1.0));
    std::printf("| render time per frame (ms) | %.1f | %.1f | %.1f |\n",
                percentile(s.renderTimes, 0.5), percentile(s.renderTimes, 0.95),
                percentile(s.renderTimes, 1.0));
    std::printf("| GUI timer lateness (ms) | %.1f | %.1f | %.1f |\n",
                percentile(s.timerLateness, 0.5), percentile(s.timerLateness, 0.95),
                percentile(s.timerLateness, 1.0));
    std::printf("frames: %lld (%.0f/s); bridge batches: %d (%.1f/s), execution updates: %lld "
                "(%.0f/s)\n",
                qint64(s.frameIntervals.size()), s.frameIntervals.size() / measuredSeconds,
                s.batches, s.batches / measuredSeconds, s.updatedIds,
                s.updatedIds / measuredSeconds);
    std::printf("RSS: %ld MB before the window, peak %ld MB\n", rssBefore / 1024, peak / 1024);
    std::fflush(stdout);
    // Stop the engine (the loops would resume on the next open; the database is temporary).
    QMetaObject::invokeMethod(bridge, "close");
    return 0;
}
