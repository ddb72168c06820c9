// Notifier: desktop notifications for the monitor, behind a small interface so the logic that
// decides when to notify (qml/Main.qml: a new approval while the window is not active) can be
// tested with a fake, and the freedesktop D-Bus implementation (dbusnotifier.h) on its own.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class Notifier : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Notifier is an interface; use DBusNotifier")

public:
    using QObject::QObject;

    // Shows a notification; `key` comes back in activated() when the user clicks it. false when
    // it certainly cannot be shown (no bus); a failure found later is reported by failed(key).
    Q_INVOKABLE virtual bool notify(const QString &key, const QString &title, const QString &body)
        = 0;

signals:
    void activated(const QString &key);
    void failed(const QString &key);
};

} // namespace Signalbox
