// Renders every bundled example in the real main window offscreen and saves what grabWindow()
// sees to <build>/screenshots/designer-<example>.png (light) and -dark.png; docs/images/ holds
// copies of the best ones. Also checks that each example opens as a valid diagram.
#include "../common/qmlerrors.h"
#include "application.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QtTest>

class TestScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase()
    {
        Signalbox::Testing::failOnQmlErrors();
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStringLiteral(SIGNALBOX_BUILD_DIR)).mkpath(QStringLiteral("screenshots"));
    }

    void examples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("dark");
        const QDir dir(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples"));
        const auto files = dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        for (const QFileInfo &fi : files) {
            QTest::newRow(qPrintable(fi.baseName())) << fi.absoluteFilePath() << false;
            QTest::newRow(qPrintable(fi.baseName() + "-dark")) << fi.absoluteFilePath() << true;
        }
    }

    void examples()
    {
        QFETCH(QString, file);
        QFETCH(bool, dark);
        QQmlApplicationEngine engine;
        Signalbox::setupQmlEngine(&engine);
        engine.setInitialProperties({{QStringLiteral("initialFile"), file}});
        engine.load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        window->resize(1440, 880);
        QVERIFY(QTest::qWaitForWindowExposed(window));

        QObject *document = window->property("document").value<QObject *>();
        QVERIFY(document);
        QVERIFY2(document->property("yamlError").toString().isEmpty(),
                 qPrintable(document->property("yamlError").toString()));
        QVERIFY(document->property("stateCount").toInt() > 0);

        QMetaObject::invokeMethod(window, "setDarkTheme", Q_ARG(bool, dark));
        // Select the first state so the inspector shows something real, then fit.
        QObject *controller = window->property("controller").value<QObject *>();
        QObject *nodes = controller->property("nodes").value<QObject *>();
        QString first;
        QMetaObject::invokeMethod(nodes, "nameAt", Q_RETURN_ARG(QString, first), Q_ARG(int, 0));
        QMetaObject::invokeMethod(controller, "select", Q_ARG(QString, first), Q_ARG(bool, false));
        QObject *page = window->property("designPage").value<QObject *>();
        QMetaObject::invokeMethod(page, "fit");

        QSignalSpy frames(window, &QQuickWindow::frameSwapped);
        window->update();
        QVERIFY(frames.wait(5000));
        const QImage image = window->grabWindow();
        QVERIFY(!image.isNull());
        const QString name = QFileInfo(file).baseName() + (dark ? "-dark" : "");
        const QString out
            = QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/designer-%1.png").arg(name);
        QVERIFY(image.save(out));
        qInfo() << "wrote" << out;

        // The same with the YAML pane in front.
        QObject *tabs = page->property("sideTabs").value<QObject *>();
        tabs->setProperty("currentIndex", 1);
        for (int i = 0; i < 3; ++i) {
            window->update();
            QVERIFY(frames.wait(5000));
        }
        const QString yamlOut
            = QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/designer-%1-yaml.png").arg(name);
        QVERIFY(window->grabWindow().save(yamlOut));
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
