#include "recentfiles.h"

#include "workflowdocument.h"

#include <QFileInfo>
#include <QSettings>

namespace Signalbox {

namespace {
const char settingsKey[] = "designer/recentFiles";
}

RecentFiles::RecentFiles(QObject *parent)
    : QObject(parent)
{
    QSettings settings;
    m_files = settings.value(QLatin1String(settingsKey)).toStringList();
}

void RecentFiles::setMaximum(int maximum)
{
    maximum = std::max(1, maximum);
    if (m_maximum == maximum)
        return;
    m_maximum = maximum;
    while (m_files.size() > m_maximum)
        m_files.removeLast();
    store();
}

void RecentFiles::add(const QString &pathOrUrl)
{
    const QString path = QFileInfo(WorkflowDocument::localPath(pathOrUrl)).absoluteFilePath();
    if (path.isEmpty())
        return;
    m_files.removeAll(path);
    m_files.prepend(path);
    while (m_files.size() > m_maximum)
        m_files.removeLast();
    store();
}

void RecentFiles::remove(const QString &path)
{
    if (m_files.removeAll(path) > 0)
        store();
}

void RecentFiles::clear()
{
    if (m_files.isEmpty())
        return;
    m_files.clear();
    store();
}

void RecentFiles::store()
{
    QSettings settings;
    settings.setValue(QLatin1String(settingsKey), m_files);
    emit filesChanged();
}

} // namespace Signalbox
