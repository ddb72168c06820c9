// The main window's keyboard shortcuts, bound explicitly (X11's standard bindings differ):
// select all, delete, undo, both redo spellings, duplicate, copy/paste, zoom and fit.
#include "../common/qmlerrors.h"
#include "application.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

class TestShortcuts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static int stateCount(QObject *doc) { return doc->property("stateCount").toInt(); }

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shortcuts()
    {
        QQmlApplicationEngine engine;
        Signalbox::setupQmlEngine(&engine);
        engine.setInitialProperties(
            {{QStringLiteral("initialFile"),
              QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/order-approval.yaml")},
             {QStringLiteral("databasePath"), m_dir.filePath("test.db")}});
        engine.load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QObject *doc = window->property("document").value<QObject *>();
        QObject *controller = window->property("controller").value<QObject *>();
        QObject *page = window->property("designPage").value<QObject *>();
        QObject *canvas = page->property("canvas").value<QObject *>();
        QMetaObject::invokeMethod(canvas, "forceActiveFocus");
        const int initial = stateCount(doc);
        QVERIFY(initial > 2);

        QTest::keyClick(window, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(controller->property("selection").toStringList().size(), initial);

        controller->setProperty("snapToGrid", true);
        QMetaObject::invokeMethod(controller, "select",
                                  Q_ARG(QString, QStringLiteral("create-shipment")),
                                  Q_ARG(bool, false));
        QTest::keyClick(window, Qt::Key_Delete);
        QCOMPARE(stateCount(doc), initial - 1);
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(stateCount(doc), initial);
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stateCount(doc), initial - 1);
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(stateCount(doc), initial);
        QTest::keyClick(window, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(stateCount(doc), initial - 1);
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);

        QMetaObject::invokeMethod(controller, "select",
                                  Q_ARG(QString, QStringLiteral("charge-payment")),
                                  Q_ARG(bool, false));
        QTest::keyClick(window, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(stateCount(doc), initial + 1);
        QTest::keyClick(window, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(window, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(stateCount(doc), initial + 2);

        const qreal zoom = canvas->property("zoom").toReal();
        QTest::keyClick(window, Qt::Key_Plus);
        QVERIFY(canvas->property("zoom").toReal() > zoom);
        QTest::keyClick(window, Qt::Key_Minus);
        QTest::keyClick(window, Qt::Key_Minus);
        QVERIFY(canvas->property("zoom").toReal() < zoom);
        QTest::keyClick(window, Qt::Key_0, Qt::ControlModifier);
        QVERIFY(canvas->property("zoom").toReal() <= 1.0);

        // Arrow keys nudge the selection by one grid step, each its own undo step.
        QMetaObject::invokeMethod(canvas, "forceActiveFocus");
        QMetaObject::invokeMethod(controller, "select",
                                  Q_ARG(QString, QStringLiteral("charge-payment")),
                                  Q_ARG(bool, false));
        QObject *nodes = controller->property("nodes").value<QObject *>();
        QRectF before;
        QMetaObject::invokeMethod(nodes, "nodeRect", Q_RETURN_ARG(QRectF, before),
                                  Q_ARG(QString, QStringLiteral("charge-payment")));
        QTest::keyClick(window, Qt::Key_Right);
        QRectF after;
        QMetaObject::invokeMethod(nodes, "nodeRect", Q_RETURN_ARG(QRectF, after),
                                  Q_ARG(QString, QStringLiteral("charge-payment")));
        QCOMPARE(after.x(), before.x() + 16);

        // Leave without the "Save changes?" prompt blocking the test.
        window->setProperty("closeConfirmed", true);
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
