// Screenshots of the designer's inspector (retry policies, catchers, the approval form) and of a
// simulated path on the canvas, rendered in the real main window offscreen with grabWindow()
// into <build>/screenshots/designer-inspector-*.png and designer-simulate-*.png; docs/images/
// holds copies. Also checks what the pictures are meant to show (cards present, steps marked).
#include "../common/qmlerrors.h"
#include "application.h"
#include "simulationmodel.h"
#include "stateeditor.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

class TestDesignerScreenshots : public QObject
{
    Q_OBJECT

    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    QObject *m_controller = nullptr;
    QObject *m_page = nullptr;

    void open(const QString &example, bool dark = false)
    {
        m_engine = std::make_unique<QQmlApplicationEngine>();
        Signalbox::setupQmlEngine(m_engine.get());
        m_engine->setInitialProperties(
            {{QStringLiteral("initialFile"),
              QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/%1.yaml").arg(example)},
             {QStringLiteral("initialFileIsExample"), true}});
        m_engine->load(QUrl(QString::fromLatin1(Signalbox::mainQmlUrl())));
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        m_window->resize(1440, 900);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QMetaObject::invokeMethod(m_window, "setDarkTheme", Q_ARG(bool, dark));
        QMetaObject::invokeMethod(m_window->property("designPage").value<QObject *>(), "fit");
        m_controller = m_window->property("controller").value<QObject *>();
        m_page = m_window->property("designPage").value<QObject *>();
        QVERIFY(m_controller && m_page);
    }

    void select(const QString &state)
    {
        QMetaObject::invokeMethod(m_controller, "select", Q_ARG(QString, state),
                                  Q_ARG(bool, false));
    }

    // Repeater delegates are visual children only, so QObject::findChild does not see them.
    static QQuickItem *findItem(QQuickItem *root, const QString &name)
    {
        if (!root)
            return nullptr;
        if (root->objectName() == name)
            return root;
        const QList<QQuickItem *> children = root->childItems();
        for (QQuickItem *child : children)
            if (QQuickItem *found = findItem(child, name))
                return found;
        return nullptr;
    }
    QQuickItem *inspectorItem(const QString &name) const
    {
        return findItem(m_page->findChild<QQuickItem *>(QStringLiteral("inspector")), name);
    }

    StateEditor *editor() const
    {
        auto *inspector = m_page->findChild<QQuickItem *>(QStringLiteral("inspector"));
        return inspector ? inspector->findChild<StateEditor *>() : nullptr;
    }

    void save(const QString &name)
    {
        // Let the overlay's short fade animations finish; only the picture depends on it.
        QTest::qWait(400);
        QSignalSpy frames(m_window, &QQuickWindow::frameSwapped);
        for (int i = 0; i < 3; ++i) {
            m_window->update();
            QVERIFY(frames.wait(5000));
        }
        const QString out = QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/%1.png").arg(name);
        QVERIFY(m_window->grabWindow().save(out));
        qInfo() << "wrote" << out;
    }

    // Scrolls the inspector so that the item named `objectName` is at its top.
    void scrollInspectorTo(const QString &objectName)
    {
        // Lay out first: the cards' positions are only known after a frame.
        QSignalSpy frames(m_window, &QQuickWindow::frameSwapped);
        m_window->update();
        QVERIFY(frames.wait(5000));
        QQuickItem *target = inspectorItem(objectName);
        QVERIFY2(target, qPrintable(objectName));
        QQuickItem *flick = target->parentItem();
        while (flick && !flick->inherits("QQuickFlickable"))
            flick = flick->parentItem();
        QVERIFY(flick);
        const QPointF p = target->mapToItem(flick->property("contentItem").value<QQuickItem *>(),
                                            QPointF(0, 0));
        flick->setProperty("contentY", std::max(0.0, p.y() - 72));
    }

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase()
    {
        Signalbox::Testing::failOnQmlErrors();
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStringLiteral(SIGNALBOX_BUILD_DIR)).mkpath(QStringLiteral("screenshots"));
    }
    void cleanup()
    {
        m_engine.reset();
        m_window = nullptr;
    }

    void inspectorRetryAndCatch()
    {
        open(QStringLiteral("order-approval"));
        select(QStringLiteral("charge-payment"));
        StateEditor *e = editor();
        QVERIFY(e);
        QCOMPARE(e->stateName(), QStringLiteral("charge-payment"));
        e->addRetry();
        QCOMPARE(e->setRetryField(0, QStringLiteral("errors"),
                                  QStringList{QStringLiteral("Payment.Declined")}),
                 QString());
        QCOMPARE(e->setRetryField(0, QStringLiteral("attempts"), 2), QString());
        QCOMPARE(e->setRetryField(0, QStringLiteral("backoff"), QStringLiteral("fixed")),
                 QString());
        QCOMPARE(e->setRetryField(0, QStringLiteral("intervalSeconds"), 30), QString());
        QCOMPARE(e->setRetryField(1, QStringLiteral("maxDelaySeconds"), 3), QString());
        e->addCatch();
        QCOMPARE(e->setCatchField(0, QStringLiteral("resultPath"), QStringLiteral("$.error")),
                 QString());
        QTRY_VERIFY(inspectorItem(QStringLiteral("retryCard:1")));
        QVERIFY(inspectorItem(QStringLiteral("catchCard:0")));
        scrollInspectorTo(QStringLiteral("retryCard:0"));
        save(QStringLiteral("designer-inspector-retry"));
    }

    void inspectorApprovalForm()
    {
        open(QStringLiteral("order-approval"));
        select(QStringLiteral("wait-for-review"));
        StateEditor *e = editor();
        QVERIFY(e);
        e->addFormField();
        QCOMPARE(e->setFormField(1, QStringLiteral("name"), QStringLiteral("refund")), QString());
        QCOMPARE(e->setFormField(1, QStringLiteral("label"), QStringLiteral("Refund method")),
                 QString());
        QCOMPARE(e->setFormField(1, QStringLiteral("type"), QStringLiteral("choice")), QString());
        QCOMPARE(e->setFormField(1, QStringLiteral("options"), QStringLiteral("card, voucher")),
                 QString());
        QCOMPARE(e->setFormField(1, QStringLiteral("required"), true), QString());
        QTRY_VERIFY(inspectorItem(QStringLiteral("formCard:1")));
        scrollInspectorTo(QStringLiteral("inspectorPrompt"));
        save(QStringLiteral("designer-inspector-approval"));
    }

    void simulatedPath_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void simulatedPath()
    {
        QFETCH(bool, dark);
        open(QStringLiteral("order-approval"), dark);
        QMetaObject::invokeMethod(m_page, "fit");
        auto *sim = m_page->property("simulation").value<SimulationModel *>();
        QVERIFY(sim);
        auto *bar = m_page->property("simulationBar").value<QObject *>();
        bar->setProperty("stepInterval", 20);
        QCOMPARE(sim->start(QStringLiteral(
                     R"({"orderId": "A-1042", "amount": 1890, "requiresManualReview": true})")),
                 QString());
        QTRY_COMPARE(sim->status(), QStringLiteral("WAITING"));
        QTRY_COMPARE(sim->shownStep(), 3);
        save(dark ? QStringLiteral("designer-simulate-waiting-dark")
                  : QStringLiteral("designer-simulate-waiting"));
        QCOMPARE(sim->approve(QStringLiteral("Known customer"),
                              {{QStringLiteral("note"), QStringLiteral("ok")}}),
                 QString());
        QTRY_COMPARE(sim->status(), QStringLiteral("SUCCEEDED"));
        QTRY_COMPARE(sim->shownStep(), 5);
        save(dark ? QStringLiteral("designer-simulate-dark") : QStringLiteral("designer-simulate"));
    }
};

QTEST_MAIN(TestDesignerScreenshots)
#include "tst_designer_screenshots.moc"
