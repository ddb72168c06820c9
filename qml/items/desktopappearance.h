// DesktopAppearance: whether the desktop prefers a dark colour scheme, followed live.
//
// Qt 6.4 has no colour-scheme query (QStyleHints::colorScheme is 6.5), so this reads the
// freedesktop portal's setting org.freedesktop.appearance color-scheme (GNOME, KDE and others
// publish it through xdg-desktop-portal: 1 = prefer dark, 2 = prefer light, 0 = no preference)
// and listens to its SettingChanged signal. Without a portal, or with no preference, the
// application palette decides (a dark window colour = dark), re-read when the palette changes.
#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <QDBusMessage>

namespace Signalbox {

class DesktopAppearance : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool prefersDark READ prefersDark NOTIFY prefersDarkChanged)
    Q_PROPERTY(bool fromPortal READ fromPortal NOTIFY prefersDarkChanged)

public:
    explicit DesktopAppearance(QObject *parent = nullptr);
    // Tests pass a private bus that carries a fake portal.
    explicit DesktopAppearance(const QDBusConnection &bus, QObject *parent = nullptr);

    bool prefersDark() const;
    bool fromPortal() const { return m_scheme == 1 || m_scheme == 2; }

signals:
    void prefersDarkChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private slots:
    void settingChanged(const QDBusMessage &message);

private:
    void setScheme(int scheme);
    static int schemeFrom(const QVariant &value);

    QDBusConnection m_bus;
    int m_scheme = 0; // the portal's value; 0 = none or no preference
    bool m_paletteDark = false;
};

} // namespace Signalbox
