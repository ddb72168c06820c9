// AppInfo: facts about this build for Help ▸ About and Help ▸ Signalbox Help.
#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class AppInfo : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)
    Q_PROPERTY(QUrl documentationUrl READ documentationUrl CONSTANT)
    // The application font's size in pixels: the desktop's text size (at least 12).
    Q_PROPERTY(int textPixelSize READ textPixelSize CONSTANT)

public:
    using QObject::QObject;

    static QString version();
    static QString qtVersion();
    // The user guide: the installed copy (<prefix>/share/doc/signalbox/README.md, as the Debian
    // package installs it) when there is one, else the source tree this binary was built from.
    static QUrl documentationUrl();
    static int textPixelSize();
};

} // namespace Signalbox
