// Desktop conventions of the main window, each checked the way a user meets it:
// - the theme follows the desktop's colour scheme (a fake xdg-desktop-portal on a private
//   session bus answers Read and then signals a change: the theme flips live);
// - menus show shortcuts as the platform writes them, StandardKey actions included;
// - counts read "1 state" / "3 states" (the English translation's plural forms);
// - window size, theme and pane sizes come back after a restart.
#include "../common/qmlerrors.h"
#include "../common/quickitems.h"
#include "application.h"
#include "items/desktopappearance.h"
#include "items/displaypath.h"
#include "items/keysequences.h"
#include "nodesmodel.h"
#include "workflowdocument.h"
#include "signalbox/codecs.h"

#include <QDir>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QProcess>
#include <QJSValue>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQmlListReference>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace Signalbox;

namespace {
constexpr int waitMs = 30000; // a bus on a loaded machine; a passing test never waits this long

// The page's split views (a JavaScript array property).
QObject *splitView(QObject *page, int index)
{
    const QVariant views = page->property("splitViews");
    if (views.metaType() == QMetaType::fromType<QJSValue>())
        return views.value<QJSValue>().property(quint32(index)).toQObject();
    return views.toList().value(index).value<QObject *>();
}
} // namespace

// org.freedesktop.portal.Settings as xdg-desktop-portal provides it.
class FakePortal : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")

public:
    uint scheme = 1; // prefer dark

public slots:
    QDBusVariant Read(const QString &group, const QString &key)
    {
        if (group == QLatin1String("org.freedesktop.appearance")
            && key == QLatin1String("color-scheme"))
            return QDBusVariant(QVariant::fromValue(QDBusVariant(scheme))); // v1: a variant in a variant
        return QDBusVariant(QString());
    }
};

class TestDesktop : public QObject
{
    Q_OBJECT

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase();
    void cleanupTestCase();
    void themeFollowsThePortal();
    void shortcutTexts();
    void pluralForms();
    void layoutIsRemembered();
    void pathsUnderHomeAreShortened();
    void placeIsRemembered();
    void rememberedWindowFitsTheScreen();

private:
    // Opens the main window on the order-approval example: as a file the user named, or (asExample)
    // as the app does when started without a file.
    std::unique_ptr<QQmlApplicationEngine> openWindow(QQuickWindow **window, bool asExample = false);

    QProcess m_daemon;
    QString m_address;
    QTemporaryDir m_dir;
};

void TestDesktop::initTestCase()
{
    Signalbox::Testing::failOnQmlErrors();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Signalbox")); // as the app does
    QCoreApplication::setApplicationName(QStringLiteral("signalbox-test-desktop"));
    QSettings().clear();
    QGuiApplication::setQuitOnLastWindowClosed(false); // the test closes windows and goes on
    installTranslator();
    m_daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"),
                                                   QStringLiteral("--nofork"),
                                                   QStringLiteral("--print-address")});
    QVERIFY2(m_daemon.waitForStarted(waitMs), "dbus-daemon (Debian package dbus-daemon)");
    while (!m_daemon.canReadLine())
        QVERIFY(m_daemon.waitForReadyRead(waitMs));
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void TestDesktop::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(QStringLiteral("portal"));
    QDBusConnection::disconnectFromBus(QStringLiteral("app"));
    m_daemon.terminate();
    m_daemon.waitForFinished(5000);
}

void TestDesktop::themeFollowsThePortal()
{
    QDBusConnection service = QDBusConnection::connectToBus(m_address, QStringLiteral("portal"));
    QVERIFY(service.isConnected());
    FakePortal portal;
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/portal/desktop"), &portal,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.portal.Desktop")));

    QDBusConnection client = QDBusConnection::connectToBus(m_address, QStringLiteral("app"));
    DesktopAppearance appearance(client);
    QTRY_VERIFY_WITH_TIMEOUT(appearance.fromPortal(), waitMs);
    QVERIFY(appearance.prefersDark());

    // The user switches the desktop to light: the portal signals it, the app follows.
    QDBusMessage changed = QDBusMessage::createSignal(
        QStringLiteral("/org/freedesktop/portal/desktop"),
        QStringLiteral("org.freedesktop.portal.Settings"), QStringLiteral("SettingChanged"));
    changed << QStringLiteral("org.freedesktop.appearance") << QStringLiteral("color-scheme")
            << QVariant::fromValue(QDBusVariant(uint(2)));
    QVERIFY(service.send(changed));
    QTRY_VERIFY_WITH_TIMEOUT(!appearance.prefersDark(), waitMs);

    // No preference (0): the palette decides; the offscreen palette is light.
    changed.setArguments({QStringLiteral("org.freedesktop.appearance"),
                          QStringLiteral("color-scheme"),
                          QVariant::fromValue(QDBusVariant(uint(0)))});
    QVERIFY(service.send(changed));
    QTRY_VERIFY_WITH_TIMEOUT(!appearance.fromPortal(), waitMs);
    QVERIFY(!appearance.prefersDark());
}

void TestDesktop::shortcutTexts()
{
    QCOMPARE(KeySequences::nativeText(int(QKeySequence::Save)), QStringLiteral("Ctrl+S"));
    QCOMPARE(KeySequences::nativeText(QStringLiteral("Ctrl+Shift+S")),
             QStringLiteral("Ctrl+Shift+S"));
    QCOMPARE(KeySequences::nativeText(QVariant()), QString());

    // The File menu's items show them.
    QQuickWindow *window = nullptr;
    auto engine = openWindow(&window);
    QVERIFY(window);
    QStringList shown;
    for (QObject *o : window->findChildren<QObject *>()) {
        if (o->metaObject()->indexOfProperty("shortcutText") < 0)
            continue;
        const QString text = o->property("text").toString();
        const QString keys = o->property("shortcutText").toString();
        if (!keys.isEmpty())
            shown.append(QString(text).remove(QLatin1Char('&')) + QLatin1Char('=') + keys);
    }
    for (const char *expected : {"New=Ctrl+N", "Open…=Ctrl+O", "Save=Ctrl+S",
                                 "Save As…=Ctrl+Shift+S", "Quit=Ctrl+Q", "Undo=Ctrl+Z", "Run…=F5",
                                 "Signalbox Help=F1", "Zoom to Fit=Ctrl+0"})
        QVERIFY2(shown.contains(QString::fromUtf8(expected)),
                 qPrintable(QStringLiteral("%1 not in %2").arg(expected, shown.join(", "))));
}

void TestDesktop::pluralForms()
{
    Diagnostics diags;
    const auto def = readYaml(R"(workflow:
  name: plural
  start_at: fan
  states:
    fan:
      type: parallel
      branches:
        - {start_at: a, states: {a: {type: succeed}}}
        - {start_at: b, states: {b: {type: succeed}}}
        - {start_at: c, states: {c: {type: succeed}}}
      next: one
    one:
      type: parallel
      branches:
        - {start_at: d, states: {d: {type: succeed}}}
      end: true
)",
                              "plural.yaml", diags);
    QVERIFY2(def, diags.formatAll().c_str());
    QCOMPARE(NodesModel::subtitleFor(def->machine.states.at(0)), QStringLiteral("3 branches"));
    QCOMPARE(NodesModel::subtitleFor(def->machine.states.at(1)), QStringLiteral("1 branch"));
    QCOMPARE(QCoreApplication::translate("Main", "%n state(s)", "", 1), QStringLiteral("1 state"));
    QCOMPARE(QCoreApplication::translate("Main", "%n state(s)", "", 6), QStringLiteral("6 states"));
}

std::unique_ptr<QQmlApplicationEngine> TestDesktop::openWindow(QQuickWindow **window,
                                                               bool asExample)
{
    auto engine = std::make_unique<QQmlApplicationEngine>();
    setupQmlEngine(engine.get());
    engine->setInitialProperties(
        {{QStringLiteral("initialFile"),
          QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/order-approval.yaml")},
         {QStringLiteral("initialFileIsExample"), asExample},
         {QStringLiteral("databasePath"), m_dir.filePath(QStringLiteral("desktop.db"))}});
    engine->load(QUrl(QString::fromLatin1(mainQmlUrl())));
    *window = qobject_cast<QQuickWindow *>(engine->rootObjects().value(0));
    if (*window && !QTest::qWaitForWindowExposed(*window))
        *window = nullptr; // the callers' QVERIFY(window) reports it
    return engine;
}

void TestDesktop::placeIsRemembered()
{
    const auto rail = [](QQuickWindow *window) {
        return Signalbox::Testing::findByClass(window->contentItem(), "SideRail");
    };
    {
        QQuickWindow *window = nullptr;
        auto engine = openWindow(&window, true);
        QVERIFY(window);
        QVERIFY(rail(window));
        QCOMPARE(rail(window)->property("currentIndex").toInt(), 0);
        rail(window)->setProperty("currentIndex", 1); // the user goes to Runs, then quits
        window->close();
    }
    {
        // Started without a file: back in Runs.
        QQuickWindow *window = nullptr;
        auto engine = openWindow(&window, true);
        QVERIFY(window);
        QCOMPARE(rail(window)->property("currentIndex").toInt(), 1);
        window->close();
    }
    // Started on a file (a double click in the file manager): Design, to show it.
    QQuickWindow *window = nullptr;
    auto engine = openWindow(&window, false);
    QVERIFY(window);
    QCOMPARE(rail(window)->property("currentIndex").toInt(), 0);
    rail(window)->setProperty("currentIndex", 0);
    window->close();
}

void TestDesktop::rememberedWindowFitsTheScreen()
{
    // Remembered from a larger screen (or one unplugged since): all of the window comes back on
    // the screen there is now.
    QSettings settings;
    settings.setValue(QStringLiteral("Window/x"), 3000);
    settings.setValue(QStringLiteral("Window/y"), 2000);
    settings.setValue(QStringLiteral("Window/width"), 5000);
    settings.setValue(QStringLiteral("Window/height"), 4000);
    settings.sync();
    QQuickWindow *window = nullptr;
    auto engine = openWindow(&window);
    QVERIFY(window);
    const QRect available = window->screen()->availableVirtualGeometry();
    const QRect g = window->geometry();
    QVERIFY2(g.width() <= available.width() && g.height() <= available.height()
                 && available.contains(g.topLeft()) && available.contains(g.center()),
             qPrintable(QStringLiteral("window %1,%2 %3x%4 on a desktop of %5x%6")
                            .arg(window->x())
                            .arg(window->y())
                            .arg(window->width())
                            .arg(window->height())
                            .arg(available.width())
                            .arg(available.height())));
    window->close();
}

void TestDesktop::pathsUnderHomeAreShortened()
{
    using Signalbox::DisplayPath;
    const QString home = QDir::homePath();
    QCOMPARE(DisplayPath::of(home + QStringLiteral("/workflows/order.yaml")),
             QStringLiteral("~/workflows/order.yaml"));
    QCOMPARE(DisplayPath::of(home), QStringLiteral("~"));
    // A sibling whose name starts like the home folder is not under it.
    QCOMPARE(DisplayPath::of(home + QStringLiteral("x/order.yaml")),
             home + QStringLiteral("x/order.yaml"));
    QCOMPARE(DisplayPath::of(QStringLiteral("/srv/flows/a.yaml")), QStringLiteral("/srv/flows/a.yaml"));
    QCOMPARE(DisplayPath::folderOf(home + QStringLiteral("/workflows/order.yaml")),
             QStringLiteral("~/workflows"));
    // Long folders keep their end, where the distinguishing names are.
    const QString deep = QStringLiteral("/srv/") + QString(60, QLatin1Char('d'))
                         + QStringLiteral("/team/flows/a.yaml");
    const QString folder = DisplayPath::folderOf(deep, 20);
    QCOMPARE(folder.size(), 20);
    QVERIFY(folder.startsWith(QStringLiteral("…")));
    QVERIFY(folder.endsWith(QStringLiteral("/team/flows")));
}

void TestDesktop::layoutIsRemembered()
{
    QByteArray split;
    {
        QQuickWindow *window = nullptr;
        auto engine = openWindow(&window);
        QVERIFY(window);
        // (Within the offscreen platform's 800x800 screen: larger is shrunk to fit on start.)
        window->resize(780, 560);
        QMetaObject::invokeMethod(window, "setDarkTheme", Q_ARG(bool, true));
        QObject *page = window->property("designPage").value<QObject *>();
        QObject *main = splitView(page, 0);
        QVERIFY(main);
        // The user sizes the inspector's pane: 300 px.
        auto *inspectorPane = qobject_cast<QQuickItem *>(
            QQmlListReference(main, "contentChildren").at(1));
        QVERIFY(inspectorPane);
        QQmlProperty preferred(inspectorPane, QStringLiteral("SplitView.preferredWidth"),
                               qmlContext(inspectorPane));
        QVERIFY(preferred.isValid());
        QVERIFY(preferred.write(300));
        QTRY_COMPARE(inspectorPane->width(), 300.0);
        QVariant state;
        QMetaObject::invokeMethod(main, "saveState", Q_RETURN_ARG(QVariant, state));
        split = state.toByteArray();
        QVERIFY(!split.isEmpty());
        window->close(); // saves, as closing the app does
    }
    QQuickWindow *window = nullptr;
    auto engine = openWindow(&window);
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(780, 560));
    QObject *page = window->property("designPage").value<QObject *>();
    QObject *main = splitView(page, 0);
    QVERIFY(main);
    QVariant state;
    QMetaObject::invokeMethod(main, "saveState", Q_RETURN_ARG(QVariant, state));
    QCOMPARE(state.toByteArray(), split);
    // The theme came back dark: the window's colour is the dark theme's.
    QTRY_COMPARE(window->color(), QColor(QStringLiteral("#16191e")));
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
