// DBusNotifier against a fake org.freedesktop.Notifications service on a private session bus
// (dbus-daemon --session): the Notify call and its arguments, ActionInvoked mapped back to the
// key, other notifications' actions ignored, and failed(key) when no service is there.
#include "dbusnotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Signalbox;

namespace {
// The deadline of a wait for the bus (a loaded machine is slow to schedule dbus-daemon); a
// passing test never reaches it.
constexpr int waitMs = 30000;
} // namespace

// The notification service, as a desktop would provide it.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString app, icon, summary, body;
        QStringList actions;
        QVariantMap hints;
        int timeout = 0;
    };
    QList<Call> calls;
    uint nextId = 41;

public slots:
    uint Notify(const QString &app, uint, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints,
                int timeout)
    {
        calls.append({app, icon, summary, body, actions, hints, timeout});
        return ++nextId;
    }
};

class TestDBusNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void notifyAndActivate();
    void noService();

private:
    void sendAction(uint id, const QString &action);

    QProcess m_daemon;
    QString m_address;
};

void TestDBusNotifier::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed (Debian package dbus-daemon)");
    m_daemon.start(daemon, {QStringLiteral("--session"), QStringLiteral("--nofork"),
                            QStringLiteral("--print-address")});
    QVERIFY(m_daemon.waitForStarted(waitMs));
    while (!m_daemon.canReadLine())
        QVERIFY(m_daemon.waitForReadyRead(waitMs));
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void TestDBusNotifier::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(QStringLiteral("client"));
    QDBusConnection::disconnectFromBus(QStringLiteral("service"));
    QDBusConnection::disconnectFromBus(QStringLiteral("empty"));
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        m_daemon.waitForFinished(5000);
    }
}

void TestDBusNotifier::sendAction(uint id, const QString &action)
{
    QDBusConnection service(QStringLiteral("service"));
    QDBusMessage signal = QDBusMessage::createSignal(
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("ActionInvoked"));
    signal << id << action;
    QVERIFY(service.send(signal));
}

void TestDBusNotifier::notifyAndActivate()
{
    QDBusConnection service = QDBusConnection::connectToBus(m_address, QStringLiteral("service"));
    QVERIFY(service.isConnected());
    FakeNotifications fake;
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &fake,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));

    QDBusConnection client = QDBusConnection::connectToBus(m_address, QStringLiteral("client"));
    QVERIFY(client.isConnected());
    DBusNotifier notifier(client);
    QSignalSpy activated(&notifier, &Notifier::activated);
    QSignalSpy failed(&notifier, &Notifier::failed);

    QVERIFY(notifier.notify(QStringLiteral("exec-1\nreview"), QStringLiteral("Approval waiting"),
                            QStringLiteral("order-approval: review")));
    QTRY_COMPARE_WITH_TIMEOUT(fake.calls.size(), 1, waitMs);
    const FakeNotifications::Call call = fake.calls.first();
    QCOMPARE(call.app, QStringLiteral("Signalbox"));
    QCOMPARE(call.summary, QStringLiteral("Approval waiting"));
    QCOMPARE(call.body, QStringLiteral("order-approval: review"));
    QCOMPARE(call.actions, (QStringList{"default", "Open"}));
    QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(),
             QStringLiteral("io.signalbox.Signalbox")); // the desktop file's id
    QCOMPARE(call.timeout, -1);
    QVERIFY(notifier.notify(QStringLiteral("exec-2\nreview"), QStringLiteral("Approval waiting"),
                            QString()));
    QTRY_COMPARE_WITH_TIMEOUT(fake.calls.size(), 2, waitMs);

    // A click on another application's notification (id 7) is not ours; ours (42, 43) are.
    sendAction(7, QStringLiteral("default"));
    sendAction(43, QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(activated.count(), 1, waitMs);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("exec-2\nreview"));
    sendAction(42, QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(activated.count(), 2, waitMs);
    QCOMPARE(activated.last().first().toString(), QStringLiteral("exec-1\nreview"));
    QCOMPARE(failed.count(), 0);
}

void TestDBusNotifier::noService()
{
    // A bus without a notification service: the call fails and says so.
    QProcess daemon;
    daemon.start(QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")),
                 {QStringLiteral("--session"), QStringLiteral("--nofork"),
                  QStringLiteral("--print-address")});
    QVERIFY(daemon.waitForStarted(waitMs));
    while (!daemon.canReadLine())
        QVERIFY(daemon.waitForReadyRead(waitMs));
    const QString address = QString::fromUtf8(daemon.readLine()).trimmed();
    {
        DBusNotifier notifier(QDBusConnection::connectToBus(address, QStringLiteral("empty")));
        QSignalSpy failed(&notifier, &Notifier::failed);
        QVERIFY(notifier.notify(QStringLiteral("k"), QStringLiteral("t"), QStringLiteral("b")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, waitMs);
        QCOMPARE(failed.first().first().toString(), QStringLiteral("k"));
    }
    QDBusConnection::disconnectFromBus(QStringLiteral("empty"));
    daemon.terminate();
    QVERIFY(daemon.waitForFinished(5000));

    // No bus at all: notify() says at once that it cannot.
    DBusNotifier offline(QDBusConnection(QStringLiteral("not-connected")));
    QVERIFY(!offline.notify(QStringLiteral("k"), QStringLiteral("t"), QString()));
}

QTEST_GUILESS_MAIN(TestDBusNotifier)
#include "tst_dbusnotifier.moc"
