// FileChooser: the file dialog QML opens for Open, Save As and Export.
//
// It shows Qt Widgets' QFileDialog: the desktop's own dialog where the platform theme provides
// one (GNOME, KDE, a portal), else Qt's widget dialog. Qt Quick Dialogs' own dialog in Qt 6.4
// was not good enough for a first hour: its Save button says "Open", it ignores clicks while the
// name field has focus, suggests no name, adds no extension, and it needs the QML module
// Qt.labs.folderlistmodel at run time (a missing package crashed the app on the first Save).
//
// A save dialog proposes `suggestedName` in `folder` (else the last folder a dialog of the app
// accepted, else Documents) and adds `defaultSuffix` to a name typed without one. The dialog is
// window-modal over the window that had focus and is deleted when it closes.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QFileDialog;

namespace Signalbox {

class FileChooser : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString title MEMBER m_title NOTIFY titleChanged)
    Q_PROPERTY(bool saving MEMBER m_saving NOTIFY savingChanged)
    Q_PROPERTY(QStringList nameFilters MEMBER m_nameFilters NOTIFY nameFiltersChanged)
    Q_PROPERTY(QString defaultSuffix MEMBER m_defaultSuffix NOTIFY defaultSuffixChanged)
    Q_PROPERTY(QString suggestedName MEMBER m_suggestedName NOTIFY suggestedNameChanged)
    Q_PROPERTY(QString folder MEMBER m_folder NOTIFY folderChanged)
    Q_PROPERTY(QString selectedFile READ selectedFile NOTIFY accepted)
    Q_PROPERTY(bool visible READ isVisible NOTIFY visibleChanged)

public:
    explicit FileChooser(QObject *parent = nullptr);
    ~FileChooser() override;

    QString selectedFile() const { return m_selectedFile; }
    bool isVisible() const;

    Q_INVOKABLE void open();
    Q_INVOKABLE void close();

    // The folder dialogs start in when none is given: the last one accepted, else Documents.
    static QString lastFolder();

signals:
    void titleChanged();
    void savingChanged();
    void nameFiltersChanged();
    void defaultSuffixChanged();
    void suggestedNameChanged();
    void folderChanged();
    void accepted();
    void rejected();
    void visibleChanged();

private:
    QString m_title;
    bool m_saving = false;
    QStringList m_nameFilters;
    QString m_defaultSuffix;
    QString m_suggestedName;
    QString m_folder;
    QString m_selectedFile;
    QPointer<QFileDialog> m_dialog;
};

} // namespace Signalbox
