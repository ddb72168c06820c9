// DisplayPath: how the interface writes a file's path, in one place. A path under the home folder
// is shortened to "~/…" (as file managers and Qt Creator do), so headers and menus show
// "~/workflows/order-approval.yaml" instead of the full path; the full path stays in tooltips.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class DisplayPath : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    // "/home/alex/workflows/a.yaml" → "~/workflows/a.yaml"; other paths unchanged.
    Q_INVOKABLE static QString of(const QString &path);
    // The folder of a file, shortened the same way and cut from the left to at most
    // maxLength characters ("…/deep/folder").
    Q_INVOKABLE static QString folderOf(const QString &path, int maxLength = 48);
};

} // namespace Signalbox
