#include "appinfo.h"

#include <QCoreApplication>
#include <QFileInfo>

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
