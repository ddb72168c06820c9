// Designer benchmark: generates a 500-state workflow (tasks, choices every tenth state, waits,
// catch edges), opens it in the real main window offscreen and reports the time to the first
// frame, and the frame times while panning and zooming. Targets (issue 4): first frame < 1 s,
// median frame < 16 ms. Usage: designer_bench [STATES]
#include "application.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

namespace {

QString generate(int count)
{
    QString yaml;
    QTextStream out(&yaml);
    out << "workflow:\n  name: bench-" << count << "\n  start_at: s0\n  states:\n";
    for (int i = 0; i < count; ++i) {
        const QString next = i + 1 < count ? QStringLiteral("s%1").arg(i + 1) : QString();
        out << "    s" << i << ":\n";
        if (next.isEmpty()) {
            out << "      type: succeed\n";
        } else if (i % 10 == 5 && i + 3 < count) {
            out << "      type: choice\n      choices:\n        - if: \"$.n > " << i
                << "\"\n          next: s" << (i + 2) << "\n      default: " << next << "\n";
        } else if (i % 10 == 7) {
            out << "      type: wait\n      seconds: 5\n      next: " << next << "\n";
        } else {
            out << "      type: task\n      next: " << next << "\n";
            if (i % 25 == 3 && i + 4 < count)
                out << "      catch:\n        - errors: [States.ALL]\n          next: s" << (i + 4)
                    << "\n";
        }
    }
    return yaml;
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * v.size())));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? std::max(2, atoi(argv[1])) : 500;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bench.yaml"));
    {
        QFile f(file);
        f.open(QIODevice::WriteOnly);
        f.write(generate(count).toUtf8());
    }

    QElapsedTimer timer;
    timer.start();
    QQmlApplicationEngine engine;
    Signalbox::setupQmlEngine(&engine);
    engine.setInitialProperties({{QStringLiteral("initialFile"), file}});
    engine.load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
    if (!window)
        return 1;
    QSignalSpy frames(window, &QQuickWindow::frameSwapped);
    if (!frames.wait(20000))
        return 2;
    const double firstFrame = timer.nsecsElapsed() / 1e6;

    QObject *page = window->property("designPage").value<QObject *>();
    QObject *canvas = page->property("canvas").value<QObject *>();
    QList<double> frameTimes;
    for (int i = 0; i < 120; ++i) {
        const QPointF offset = canvas->property("offset").toPointF();
        timer.restart();
        if (i % 40 == 39)
            QMetaObject::invokeMethod(canvas, "zoomOut");
        else
            canvas->setProperty("offset", offset + QPointF(i % 2 ? -7 : 5, -12));
        window->update();
        if (!frames.wait(5000))
            break;
        frameTimes.append(timer.nsecsElapsed() / 1e6);
    }
    QTextStream(stdout) << "states: " << count << "\n"
                        << "first frame ms: " << firstFrame << " (target < 1000)\n"
                        << "pan frames: " << frameTimes.size() << "\n"
                        << "median frame ms: " << percentile(frameTimes, 0.5) << " (target < 16)\n"
                        << "p95 frame ms: " << percentile(frameTimes, 0.95) << "\n"
                        << "max frame ms: " << percentile(frameTimes, 1.0) << "\n";
    return 0;
}
