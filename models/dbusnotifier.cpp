#include "dbusnotifier.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace Signalbox {

namespace {

const char service[] = "org.freedesktop.Notifications";
const char path[] = "/org/freedesktop/Notifications";
const char interface[] = "org.freedesktop.Notifications";

} // namespace

DBusNotifier::DBusNotifier(QObject *parent)
    : DBusNotifier(QDBusConnection::sessionBus(), parent)
{}

DBusNotifier::DBusNotifier(const QDBusConnection &bus, QObject *parent)
    : Notifier(parent)
    , m_bus(bus)
{}

void DBusNotifier::connectSignals()
{
    if (m_connected || !m_bus.isConnected())
        return;
    m_connected = true;
    m_bus.connect(QString(), QString::fromLatin1(path), QString::fromLatin1(interface),
                  QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(QString(), QString::fromLatin1(path), QString::fromLatin1(interface),
                  QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
}

bool DBusNotifier::notify(const QString &key, const QString &title, const QString &body)
{
    if (!m_bus.isConnected())
        return false;
    connectSignals();
    QDBusMessage call
        = QDBusMessage::createMethodCall(QString::fromLatin1(service), QString::fromLatin1(path),
                                         QString::fromLatin1(interface), QStringLiteral("Notify"));
    QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("io.signalbox.Signalbox")},
                      {QStringLiteral("category"), QStringLiteral("im.received")}};
    call << QStringLiteral("Signalbox") << uint(0) << QStringLiteral("dialog-question") << title
         << body << QStringList{QStringLiteral("default"), tr("Open")} << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qInfo("DBusNotifier: no notification: %s", qPrintable(reply.error().message()));
            emit failed(key);
            return;
        }
        m_keys.insert(reply.value(), key);
    });
    return true;
}

void DBusNotifier::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_keys.constFind(id);
    if (it == m_keys.constEnd())
        return; // another application's notification
    if (action == QLatin1String("default"))
        emit activated(*it);
}

void DBusNotifier::onClosed(uint id, uint)
{
    m_keys.remove(id);
}

} // namespace Signalbox
