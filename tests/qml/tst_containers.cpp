// Parallel and map containers through the real QML, offscreen: in the main window a click on a
// state inside a branch selects it and the inspector shows it; in the monitor's RunDiagram a
// simulated run shows the nested states' statuses and the map's iteration counts, and a
// container collapses into a summary node and expands again from its toggle.
#include "../common/qmlerrors.h"
#include "application.h"
#include "enginebridge.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const char fanoutYaml[] = R"(workflow:
  name: fanout
  start_at: fan-out
  states:
    fan-out:
      type: parallel
      branches:
        - start_at: each-image
          states:
            each-image:
              type: map
              items_path: $.images
              processor:
                start_at: resize
                states:
                  resize: {type: task, mock: {ok: true}, next: tag}
                  tag: {type: pass, end: true}
              end: true
        - start_at: meta
          states:
            meta: {type: pass, end: true}
      next: done
    done: {type: succeed}
)";

// Delegates of a Repeater are visual children only: walk childItems().
QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    if (root->objectName() == name)
        return root;
    const auto children = root->childItems();
    for (QQuickItem *child : children)
        if (QQuickItem *found = findItem(child, name))
            return found;
    return nullptr;
}

QPointF centre(QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
}

} // namespace

class TestContainers : public QObject
{
    Q_OBJECT

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void clickNestedStateSelectsItInTheInspector()
    {
        QQmlApplicationEngine engine;
        Signalbox::setupQmlEngine(&engine);
        engine.setInitialProperties(
            {{QStringLiteral("initialFile"),
              QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/media-fanout.yaml")}});
        engine.load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        window->resize(1440, 900);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QObject *page = window->property("designPage").value<QObject *>();
        QMetaObject::invokeMethod(page, "fit");
        QObject *controller = window->property("controller").value<QObject *>();

        QQuickItem *tag = nullptr;
        QTRY_VERIFY((tag = findItem(window->contentItem(), QStringLiteral("node:tag"))));
        QTRY_VERIFY(tag->isVisible() && tag->width() > 0);
        QCOMPARE(tag->property("depth").toInt(), 2);
        QQuickItem *frame = findItem(window->contentItem(), QStringLiteral("node:resize-images"));
        QVERIFY(frame);
        QCOMPARE(frame->property("shape").toString(), QStringLiteral("container"));

        QTest::mouseClick(window, Qt::LeftButton, {}, centre(tag).toPoint());
        QTRY_COMPARE(controller->property("currentState").toString(), QStringLiteral("tag"));
        QCOMPARE(tag->property("selected").toBool(), true);
        QQuickItem *name = findItem(window->contentItem(), QStringLiteral("inspectorName"));
        QVERIFY(name);
        QTRY_COMPARE(name->property("text").toString(), QStringLiteral("tag"));

        // A click on the frame's header selects the container itself.
        const QPointF header = frame->mapToScene(QPointF(frame->width() / 2, 20));
        QTest::mouseClick(window, Qt::LeftButton, {}, header.toPoint());
        QTRY_COMPARE(controller->property("currentState").toString(),
                     QStringLiteral("resize-images"));
        QTRY_COMPARE(name->property("text").toString(), QStringLiteral("resize-images"));
    }

    void runDiagramShowsNestedStatusesAndCollapses()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Signalbox::EngineBridge bridge;
        bridge.setDatabasePath(dir.filePath(QStringLiteral("test.db")));
        QSignalSpy ready(&bridge, &Signalbox::EngineBridge::readyChanged);
        bridge.open();
        QVERIFY(ready.wait(20000));
        const QString path = dir.filePath(QStringLiteral("fanout.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(fanoutYaml);
        f.close();
        QSignalSpy finished(&bridge, &Signalbox::EngineBridge::commandFinished);
        const int ticket
            = bridge.startFile(path, QStringLiteral(R"({"images":[1,2,3]})"), {}, true);
        QString id;
        for (int i = 0; i < 20 && id.isEmpty(); ++i) {
            for (const QList<QVariant> &args : std::as_const(finished))
                if (args.at(0).toInt() == ticket)
                    id = args.at(4).toString();
            if (id.isEmpty())
                QVERIFY(finished.wait(10000));
        }
        QVERIFY(!id.isEmpty());

        QQmlEngine engine;
        Signalbox::setupQmlEngine(&engine);
        QQmlComponent component(&engine);
        component.setData(R"(import QtQuick
import Signalbox
import Signalbox.Models
Window {
    property alias diagram: diagram
    property alias history: history
    width: 1200; height: 800; visible: true
    HistoryModel { id: history }
    RunDiagram { id: diagram; anchors.fill: parent; history: history }
})",
                          QUrl());
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        auto *window = qobject_cast<QQuickWindow *>(root.get());
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QObject *history = root->property("history").value<QObject *>();
        history->setProperty("bridge", QVariant::fromValue(&bridge));
        history->setProperty("executionId", id);
        QTRY_COMPARE_WITH_TIMEOUT(history->property("status").toString(),
                                  QStringLiteral("SUCCEEDED"), 20000);

        QQuickItem *resize = nullptr;
        QTRY_VERIFY((resize = findItem(window->contentItem(), QStringLiteral("runnode:resize"))));
        QTRY_COMPARE(resize->property("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(resize->property("visits").toInt(), 3);
        QCOMPARE(resize->property("progress").toString(), QStringLiteral("3 of 3 done"));
        QQuickItem *map = findItem(window->contentItem(), QStringLiteral("runnode:each-image"));
        QVERIFY(map);
        QCOMPARE(map->property("progress").toString(), QStringLiteral("3 of 3 done"));
        QQuickItem *meta = findItem(window->contentItem(), QStringLiteral("runnode:meta"));
        QVERIFY(meta);
        QCOMPARE(meta->property("status").toString(), QStringLiteral("succeeded"));

        // A picture for reviewers (not compared): <build>/screenshots/run-containers.png.
        QDir(QStringLiteral(SIGNALBOX_BUILD_DIR)).mkpath(QStringLiteral("screenshots"));
        window->grabWindow().save(
            QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/run-containers.png"));

        // Collapse the parallel state from its toggle: its content goes, a summary node stays.
        QQuickItem *toggle = findItem(window->contentItem(), QStringLiteral("toggle:fan-out"));
        QVERIFY(toggle);
        QTRY_VERIFY(toggle->isVisible());
        QTest::mouseClick(window, Qt::LeftButton, {}, centre(toggle).toPoint());
        QTRY_VERIFY(!findItem(window->contentItem(), QStringLiteral("runnode:resize")));
        QQuickItem *fanOut = findItem(window->contentItem(), QStringLiteral("runnode:fan-out"));
        QVERIFY(fanOut);
        QCOMPARE(fanOut->property("collapsed").toBool(), true);
        QCOMPARE(fanOut->property("shape").toString(), QStringLiteral("box"));
        QCOMPARE(fanOut->property("status").toString(), QStringLiteral("succeeded"));
        // And expand it again.
        toggle = findItem(window->contentItem(), QStringLiteral("toggle:fan-out"));
        QVERIFY(toggle);
        QTest::mouseClick(window, Qt::LeftButton, {}, centre(toggle).toPoint());
        QTRY_VERIFY(findItem(window->contentItem(), QStringLiteral("runnode:resize")));
        fanOut = findItem(window->contentItem(), QStringLiteral("runnode:fan-out"));
        QCOMPARE(fanOut->property("shape").toString(), QStringLiteral("container"));
    }
};

QTEST_MAIN(TestContainers)
#include "tst_containers.moc"
