// KeySequences: key sequences as the platform writes them, for QML ("Ctrl+S", "Ctrl+Shift+Z").
// Qt Quick's Action has no nativeText (Shortcut has, but menus show actions), so menu items ask
// here; a StandardKey gives its first binding on this platform.
#pragma once

#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class KeySequences : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    // `shortcut` is what Action.shortcut holds: a string ("Ctrl+L") or a StandardKey value.
    Q_INVOKABLE static QString nativeText(const QVariant &shortcut);
};

} // namespace Signalbox
