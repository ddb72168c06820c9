// Finding items in a running Qt Quick scene, shared by the monitor's e2e test and benchmark.
// Delegates and popup contents have no QObject parent chain to the window: walk the items.
#pragma once

#include <QQuickItem>
#include <QString>

namespace Signalbox::Testing {

inline QQuickItem *findByName(QQuickItem *root, const QString &name)
{
    if (root->objectName() == name)
        return root;
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findByName(child, name))
            return found;
    }
    return nullptr;
}

// The first item whose class name starts with `prefix` (QML types get a suffix,
// "SideRail_QMLTYPE_3").
inline QQuickItem *findByClass(QQuickItem *root, const char *prefix)
{
    if (QString::fromLatin1(root->metaObject()->className()).startsWith(QLatin1String(prefix)))
        return root;
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findByClass(child, prefix))
            return found;
    }
    return nullptr;
}

} // namespace Signalbox::Testing
