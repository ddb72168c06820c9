#include "appinfo.h"

#include <algorithm>

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontInfo>
#include <QGuiApplication>

namespace Signalbox {

QString AppInfo::version()
{
    return QCoreApplication::applicationVersion();
}

QString AppInfo::qtVersion()
{
    return QString::fromLatin1(qVersion());
}

QUrl AppInfo::documentationUrl()
{
    const QString installed = QCoreApplication::applicationDirPath()
                              + QStringLiteral("/../share/doc/signalbox/README.md");
    if (QFileInfo::exists(installed))
        return QUrl::fromLocalFile(QFileInfo(installed).canonicalFilePath());
    return QUrl::fromLocalFile(QStringLiteral(SIGNALBOX_SOURCE_DIR "/README.md"));
}

} // namespace Signalbox

namespace Signalbox {

int AppInfo::textPixelSize()
{
    return std::max(12, QFontInfo(QGuiApplication::font()).pixelSize());
}

} // namespace Signalbox
