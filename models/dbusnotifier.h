// DBusNotifier: Notifier over the freedesktop notifications D-Bus API
// (org.freedesktop.Notifications: Notify, ActionInvoked, NotificationClosed) on the session bus.
// Calls are asynchronous, so a missing or slow notification service never blocks the UI; when
// there is none, failed(key) lets the caller fall back to QWindow::alert.
#pragma once

#include "notifier.h"

#include <QDBusConnection>
#include <QHash>

namespace Signalbox {

class DBusNotifier : public Notifier
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit DBusNotifier(QObject *parent = nullptr);
    // For tests: a private bus.
    explicit DBusNotifier(const QDBusConnection &bus, QObject *parent = nullptr);

    bool notify(const QString &key, const QString &title, const QString &body) override;

private slots:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    void connectSignals();

    QDBusConnection m_bus;
    bool m_connected = false;
    QHash<uint, QString> m_keys; // notification id -> key
};

} // namespace Signalbox
