#include "filechooser.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QWindow>

namespace Signalbox {

namespace {
const char lastFolderKey[] = "dialogs/lastFolder";
}

FileChooser::FileChooser(QObject *parent)
    : QObject(parent)
{}

FileChooser::~FileChooser()
{
    delete m_dialog.data();
}

bool FileChooser::isVisible() const
{
    return m_dialog && m_dialog->isVisible();
}

QString FileChooser::lastFolder()
{
    const QString last = QSettings().value(QLatin1String(lastFolderKey)).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

void FileChooser::open()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    const QString folder = !m_folder.isEmpty() && QFileInfo(m_folder).isDir() ? m_folder
                                                                              : lastFolder();
    QWindow *owner = QGuiApplication::focusWindow();
    auto *dialog = new QFileDialog(nullptr, m_title, folder);
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(m_saving ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog->setFileMode(m_saving ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    if (!m_nameFilters.isEmpty())
        dialog->setNameFilters(m_nameFilters);
    dialog->setDefaultSuffix(m_defaultSuffix);
    if (m_saving && !m_suggestedName.isEmpty())
        dialog->selectFile(QDir(folder).filePath(m_suggestedName));
    dialog->setWindowModality(owner ? Qt::WindowModal : Qt::ApplicationModal);
    dialog->winId(); // creates the native window, so it can be made transient for ours
    if (owner && dialog->windowHandle())
        dialog->windowHandle()->setTransientParent(owner);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_selectedFile = file;
        QSettings().setValue(QLatin1String(lastFolderKey), QFileInfo(file).absolutePath());
        emit accepted();
    });
    connect(dialog, &QFileDialog::rejected, this, &FileChooser::rejected);
    connect(dialog, &QObject::destroyed, this, &FileChooser::visibleChanged);
    dialog->open();
    emit visibleChanged();
}

void FileChooser::close()
{
    if (m_dialog)
        m_dialog->reject();
}

} // namespace Signalbox
