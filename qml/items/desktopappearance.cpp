#include "desktopappearance.h"

#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QEvent>
#include <QGuiApplication>
#include <QPalette>

namespace Signalbox {

namespace {
const char portalService[] = "org.freedesktop.portal.Desktop";
const char portalPath[] = "/org/freedesktop/portal/desktop";
const char settingsInterface[] = "org.freedesktop.portal.Settings";
const char appearanceGroup[] = "org.freedesktop.appearance";
const char schemeKey[] = "color-scheme";

bool paletteIsDark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightnessF() < 0.5;
}
} // namespace

DesktopAppearance::DesktopAppearance(QObject *parent)
    : DesktopAppearance(QDBusConnection::sessionBus(), parent)
{}

DesktopAppearance::DesktopAppearance(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_paletteDark(paletteIsDark())
{
    if (qApp)
        qApp->installEventFilter(this);
    if (!m_bus.isConnected())
        return;
    if (!m_bus.connect(QLatin1String(portalService), QLatin1String(portalPath),
                       QLatin1String(settingsInterface), QStringLiteral("SettingChanged"), this,
                       SLOT(settingChanged(QDBusMessage))))
        qWarning("signalbox: cannot follow the desktop's colour scheme: %s",
                 qPrintable(m_bus.lastError().message()));
    // Asynchronous: a missing portal must not delay the first frame.
    QDBusMessage read = QDBusMessage::createMethodCall(QLatin1String(portalService),
                                                       QLatin1String(portalPath),
                                                       QLatin1String(settingsInterface),
                                                       QStringLiteral("Read"));
    read << QLatin1String(appearanceGroup) << QLatin1String(schemeKey);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(read, 2000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        QDBusPendingReply<QDBusVariant> reply = *w;
        if (!reply.isError())
            setScheme(schemeFrom(reply.value().variant()));
        w->deleteLater();
    });
}

bool DesktopAppearance::prefersDark() const
{
    if (m_scheme == 1)
        return true;
    if (m_scheme == 2)
        return false;
    return m_paletteDark;
}

bool DesktopAppearance::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange) {
        const bool before = prefersDark();
        m_paletteDark = paletteIsDark();
        if (before != prefersDark())
            emit prefersDarkChanged();
    }
    return QObject::eventFilter(watched, event);
}

void DesktopAppearance::settingChanged(const QDBusMessage &message)
{
    // SettingChanged(s namespace, s key, v value)
    const QList<QVariant> args = message.arguments();
    if (args.size() == 3 && args.at(0).toString() == QLatin1String(appearanceGroup)
        && args.at(1).toString() == QLatin1String(schemeKey))
        setScheme(schemeFrom(args.at(2)));
}

int DesktopAppearance::schemeFrom(const QVariant &value)
{
    // Read answers a variant in a variant (the portal's v1 interface); unwrap every layer.
    QVariant v = value;
    while (v.canConvert<QDBusVariant>() && v.metaType() == QMetaType::fromType<QDBusVariant>())
        v = v.value<QDBusVariant>().variant();
    bool ok = false;
    const uint scheme = v.toUInt(&ok);
    return ok && scheme <= 2 ? int(scheme) : 0;
}

void DesktopAppearance::setScheme(int scheme)
{
    const bool before = prefersDark();
    const bool portalBefore = fromPortal();
    m_scheme = scheme;
    if (before != prefersDark() || portalBefore != fromPortal())
        emit prefersDarkChanged();
}

} // namespace Signalbox
