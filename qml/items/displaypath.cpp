#include "displaypath.h"

#include <QDir>
#include <QFileInfo>

namespace Signalbox {

QString DisplayPath::of(const QString &path)
{
    const QString home = QDir::homePath();
    if (home.isEmpty() || home == QStringLiteral("/"))
        return path;
    if (path == home)
        return QStringLiteral("~");
    if (path.startsWith(home + QLatin1Char('/')))
        return QLatin1Char('~') + path.mid(home.size());
    return path;
}

QString DisplayPath::folderOf(const QString &path, int maxLength)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    QString folder = of(slash <= 0 ? QStringLiteral("/") : path.left(slash));
    if (maxLength > 1 && folder.size() > maxLength)
        folder = QStringLiteral("…") + folder.right(maxLength - 1);
    return folder;
}

} // namespace Signalbox
