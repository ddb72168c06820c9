// Monitor benchmark: N executions (default 1,000) of a workflow that never stops changing state
// (a 1 s timer, a pass state, a choice, the timer again...) run in the engine hosted by the real
// main window, offscreen, with the Runs place shown, one execution selected and its history on the
// Timeline. Reports the frame intervals (QQuickWindow::frameSwapped), the render time per frame
// (beforeRendering → afterRendering), how late a 10 ms GUI-thread timer fires (stalls caused by
// model updates), the engine's event rate as the bridge delivers it, and the peak RSS.
// Usage: monitor_bench [EXECUTIONS] [SECONDS] [WAIT_SECONDS]
//
// `monitor_bench map [ITEMS] [REPEATS]`: one execution with a map over ITEMS items (default
// 2,000; every 50th fails, tolerated) on the run diagram, REPEATS times (default 3). While each
// runs (the map's picker shown, 200 items at a time, each waits 1 s): frame intervals, render
// times and GUI-thread stalls. On the finished ones: the time from selecting the execution to
// the first frame that shows the map's picker with every iteration counted, and from a click on
// the picker's "next failed" / "next" buttons, on its label (the list of iterations opens) and on
// "All iterations" in that list to the first frame that shows the result. Medians over all.
#include "../../common/quickitems.h"
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
#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>

namespace {

using Signalbox::Testing::findByClass;
using Signalbox::Testing::findByName;

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

QString summary(const char *what, QList<double> v, const char *unit = "ms")
{
    return QString::asprintf("| %s (%s) | %.1f | %.1f | %.1f | %lld |", what, unit,
                             percentile(v, 0.5), percentile(v, 0.95), percentile(v, 1.0),
                             qint64(v.size()));
}

struct Sample
{
    QList<double> frameIntervals; // ms between frameSwapped
    QList<double> renderTimes;    // ms beforeRendering -> afterRendering
    QList<double> timerLateness;  // ms a 10 ms timer fired late
    qint64 updatedIds = 0;        // ids in executionsUpdated batches
    int batches = 0;
};

// Samples a window while `measuring`: intervals between swapped frames, render times, and how
// late a 10 ms GUI-thread timer fires; a 16 ms timer keeps the window rendering.
class FrameSampler
{
public:
    FrameSampler(QGuiApplication &app, QQuickWindow *window, Sample &sample)
        : m_sample(sample)
    {
        m_clock.start();
        QObject::connect(window, &QQuickWindow::frameSwapped, &app, [this] {
            const double t = now();
            if (measuring && m_lastSwap >= 0)
                m_sample.frameIntervals.append(t - m_lastSwap);
            m_lastSwap = t;
        });
        QObject::connect(
            window, &QQuickWindow::beforeRendering, &app, [this] { m_renderStart = now(); },
            Qt::DirectConnection);
        QObject::connect(
            window, &QQuickWindow::afterRendering, &app,
            [this] {
                if (measuring)
                    m_sample.renderTimes.append(now() - m_renderStart);
            },
            Qt::DirectConnection);
        m_ticker.setInterval(10);
        m_ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_ticker, &QTimer::timeout, &app, [this] {
            const double t = now();
            if (measuring && m_lastTick >= 0)
                m_sample.timerLateness.append(std::max(0.0, t - m_lastTick - 10));
            m_lastTick = t;
        });
        m_ticker.start();
        QObject::connect(&m_repaint, &QTimer::timeout, window, &QQuickWindow::update);
        m_repaint.start(16);
    }
    // Starts measuring afresh: the first frame and tick after this open no interval.
    void start()
    {
        m_lastSwap = m_lastTick = -1;
        measuring = true;
    }
    void stop() { measuring = false; }

    bool measuring = false;

private:
    double now() const { return m_clock.nsecsElapsed() / 1e6; }

    Sample &m_sample;
    QElapsedTimer m_clock;
    QTimer m_ticker;
    QTimer m_repaint;
    double m_lastSwap = -1;
    double m_lastTick = -1;
    double m_renderStart = 0;
};

// The map benchmark (see the top of the file).
// Loads the real app window on `dbPath` (the database it hosts), 1440x880, shown.
QQuickWindow *openApp(QQmlApplicationEngine &engine, const QString &dbPath)
{
    Signalbox::setupQmlEngine(&engine);
    engine.setInitialProperties({{QStringLiteral("databasePath"), dbPath}});
    engine.load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
    if (engine.rootObjects().isEmpty())
        return nullptr;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    window->resize(1440, 880);
    window->show();
    return window;
}

int mapBenchmark(QGuiApplication &app, int items, int repeats)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("big-map.yaml"));
    const QString small = dir.filePath(QStringLiteral("small.yaml"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("workflow:\n  name: big-map\n  start_at: prepare\n  states:\n"
                "    prepare: {type: pass, next: process}\n"
                "    process:\n      type: map\n      items_path: $.items\n"
                "      max_concurrency: 200\n      tolerated_failure_percentage: 100\n"
                "      processor:\n        start_at: check\n        states:\n"
                "          check:\n            type: choice\n            choices:\n"
                "              - if: $.bad == true\n                next: reject\n"
                "            default: hold\n"
                "          hold: {type: wait, seconds: 1, end: true}\n"
                "          reject: {type: fail, error: Item.Bad, cause: rejected}\n"
                "      result_path: $.results\n      next: done\n"
                "    done: {type: succeed}\n");
        QFile g(small);
        if (!g.open(QIODevice::WriteOnly))
            return 1;
        g.write("workflow:\n  name: small\n  start_at: one\n  states:\n"
                "    one: {type: pass, next: two}\n    two: {type: succeed}\n");
    }
    QStringList list;
    for (int i = 0; i < items; ++i)
        list.append(QStringLiteral("{\"name\":\"item-%1\",\"bad\":%2}")
                        .arg(i, 4, 10, QLatin1Char('0'))
                        .arg(i % 50 == 17 ? QStringLiteral("true") : QStringLiteral("false")));
    const QString input = QStringLiteral("{\"items\":[%1]}").arg(list.join(QLatin1Char(',')));

    QQmlApplicationEngine engine;
    QQuickWindow *window = openApp(engine, dir.filePath(QStringLiteral("bench.db")));
    if (!window)
        return 1;
    QObject *bridge = window->property("engineBridge").value<QObject *>();
    QObject *runs = window->property("runsPage").value<QObject *>();
    QObject *history = runs->property("history").value<QObject *>();
    auto *diagram = qobject_cast<QQuickItem *>(runs->property("diagram").value<QObject *>());
    waitFor([&] { return bridge->property("ready").toBool(); }, 20000);
    if (QQuickItem *rail = findByClass(window->contentItem(), "SideRail"))
        rail->setProperty("currentIndex", 1);

    QSignalSpy finished(bridge,
                        SIGNAL(commandFinished(int, QString, bool, QString, QString, QVariantMap)));
    auto start = [&](const QString &path, const QString &in) {
        int ticket = 0;
        QMetaObject::invokeMethod(bridge, "startFile", Q_RETURN_ARG(int, ticket),
                                  Q_ARG(QString, path), Q_ARG(QString, in),
                                  Q_ARG(QString, QString()), Q_ARG(bool, false));
        QString id;
        waitFor(
            [&] {
                for (const QList<QVariant> &args : std::as_const(finished)) {
                    if (args.at(0).toInt() == ticket) {
                        if (!args.at(2).toBool())
                            std::fprintf(stderr, "start failed: %s\n",
                                         qPrintable(args.at(3).toString()));
                        id = args.at(4).toString();
                        return true;
                    }
                }
                return false;
            },
            30000);
        return id;
    };
    const QString smallId = start(small, QStringLiteral("{}"));

    QElapsedTimer clock;
    clock.start();
    auto now = [&] { return clock.nsecsElapsed() / 1e6; };
    // The first frame swapped after the predicate holds: what a person sees.
    int swaps = 0;
    QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&] { ++swaps; });
    auto timeUntilShown = [&](const std::function<void()> &act,
                              const std::function<bool()> &shown) {
        const double t0 = now();
        act();
        waitFor(shown, 30000);
        const int before = swaps;
        window->update();
        waitFor([&] { return swaps > before; }, 5000);
        return now() - t0;
    };
    auto picker = [&] {
        return findByName(diagram, QStringLiteral("iterationPicker:process"));
    };
    auto click = [&](QQuickItem *target) {
        if (!target)
            return;
        const QPointF p = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, p.toPoint());
    };

    Sample live;
    FrameSampler sampler(app, window, live);

    QList<double> opens, nextFailed, next, popupOpens, allPicks, runSeconds, runMedians;
    QList<double> pickerShown;
    const QString done = QStringLiteral("All · %1 of %2 done").arg(items - items / 50).arg(items);
    for (int r = 0; r < repeats; ++r) {
        // Live: the map runs with the picker on screen.
        const double t0 = now();
        const QString id = start(file, input);
        if (id.isEmpty())
            return 1;
        QMetaObject::invokeMethod(runs, "select", Q_ARG(QString, id));
        pickerShown.append(timeUntilShown([] {}, [&] { return picker() != nullptr; }));
        const qsizetype framesBefore = live.frameIntervals.size();
        sampler.start();
        waitFor([&] { return history->property("status").toString() == QLatin1String("SUCCEEDED"); },
                600000);
        sampler.stop();
        runSeconds.append((now() - t0) / 1000);
        runMedians.append(percentile(live.frameIntervals.mid(framesBefore), 0.5));

        // Finished: open it again (from another execution), then pick.
        for (int k = 0; k < 5; ++k) {
            QMetaObject::invokeMethod(runs, "select", Q_ARG(QString, smallId));
            waitFor([&] { return history->property("status").toString() == QLatin1String("SUCCEEDED")
                                 && picker() == nullptr; },
                    10000);
            waitFor([] { return false; }, 100);
            opens.append(timeUntilShown(
                [&] { QMetaObject::invokeMethod(runs, "select", Q_ARG(QString, id)); },
                [&] {
                    QQuickItem *p = picker();
                    QQuickItem *label = p ? findByName(p, QStringLiteral("iterationLabel")) : nullptr;
                    return label && label->property("text").toString() == done;
                }));
            waitFor([] { return false; }, 100);
        }
        QQuickItem *p = picker();
        if (!p)
            return 1;
        auto selected = [&] {
            return history->property("selectedIterations").toMap().value(QStringLiteral("process"), -1).toInt();
        };
        for (int k = 0; k < 5; ++k) {
            const int before = selected();
            nextFailed.append(timeUntilShown(
                [&] { click(findByName(p, QStringLiteral("iterationNextFailed"))); },
                [&] { return selected() != before; }));
            waitFor([] { return false; }, 50);
            const int at = selected();
            next.append(timeUntilShown([&] { click(findByName(p, QStringLiteral("iterationNext"))); },
                                       [&] { return selected() != at; }));
            waitFor([] { return false; }, 50);
            QQuickItem *listView = nullptr;
            popupOpens.append(timeUntilShown(
                [&] { click(findByName(p, QStringLiteral("iterationCurrent"))); },
                [&] {
                    listView = findByName(window->contentItem(), QStringLiteral("iterationList"));
                    return listView && listView->isVisible() && listView->property("count").toInt() == items;
                }));
            waitFor([] { return false; }, 50);
            allPicks.append(timeUntilShown(
                [&] { click(findByName(window->contentItem(), QStringLiteral("iterationAll"))); },
                [&] { return selected() < 0 && !(listView && listView->isVisible()); }));
            waitFor([] { return false; }, 50);
        }
    }
    std::printf("map benchmark: a map over %d items (%d fail), %d runs of %.1f s (median)\n",
                items, items / 50, repeats, percentile(runSeconds, 0.5));
    std::printf("| metric | median | p95 | max | samples |\n|---|---|---|---|---|\n");
    std::printf("%s\n", qPrintable(summary("select a running execution → picker on screen", pickerShown)));
    std::printf("%s\n", qPrintable(summary("open the finished execution → picker with all counted", opens)));
    std::printf("%s\n", qPrintable(summary("click next failed → frame shows it", nextFailed)));
    std::printf("%s\n", qPrintable(summary("click next → frame shows it", next)));
    std::printf("%s\n", qPrintable(summary("click the label → list of iterations on screen", popupOpens)));
    std::printf("%s\n", qPrintable(summary("All iterations in the list → frame shows all", allPicks)));
    std::printf("%s\n", qPrintable(summary("frame interval while the map runs", live.frameIntervals)));
    std::printf("%s\n", qPrintable(summary("render time per frame while it runs", live.renderTimes)));
    std::printf("%s\n", qPrintable(summary("GUI timer lateness while it runs", live.timerLateness)));
    QStringList medians;
    for (double m : runMedians)
        medians.append(QString::number(m, 'f', 1));
    std::printf("median frame interval per run (ms): %s; peak RSS %ld MB\n",
                qPrintable(medians.join(QStringLiteral(", "))), procStatus("VmHWM:") / 1024);
    std::fflush(stdout);
    QMetaObject::invokeMethod(bridge, "close");
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("SignalboxBench"));
    if (argc > 1 && qstrcmp(argv[1], "map") == 0)
        return mapBenchmark(app, argc > 2 ? std::max(1, atoi(argv[2])) : 2000,
                            argc > 3 ? std::max(1, atoi(argv[3])) : 3);
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
    QQuickWindow *window = openApp(engine, dir.filePath(QStringLiteral("bench.db")));
    if (!window)
        return 1;
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
    FrameSampler sampler(app, window, s);
    QSignalSpy updates(bridge, SIGNAL(executionsUpdated(QStringList)));

    // Warm up, then measure.
    waitFor([] { return false; }, 3000);
    updates.clear();
    sampler.start();
    QElapsedTimer measured;
    measured.start();
    waitFor([] { return false; }, seconds * 1000);
    sampler.stop();
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
