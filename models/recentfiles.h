// RecentFiles: the most recently opened or saved workflow files, newest first, kept in QSettings.
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class RecentFiles : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList files READ files NOTIFY filesChanged)
    Q_PROPERTY(int maximum READ maximum WRITE setMaximum NOTIFY filesChanged)

public:
    explicit RecentFiles(QObject *parent = nullptr);

    QStringList files() const { return m_files; }
    int maximum() const { return m_maximum; }
    void setMaximum(int maximum);

    Q_INVOKABLE void add(const QString &pathOrUrl);
    Q_INVOKABLE void remove(const QString &path);
    Q_INVOKABLE void clear();

signals:
    void filesChanged();

private:
    void store();

    QStringList m_files;
    int m_maximum = 10;
};

} // namespace Signalbox
