// loadDefinitionFile(): reads a workflow file of either form (YAML, or ASL JSON with StartAt),
// refusing oversized files before reading them into memory.
#include "signalbox/codecs.h"

#include <QFile>
#include <QFileInfo>

namespace Signalbox {

std::optional<Definition> loadDefinitionFile(const std::string &path, Diagnostics &diags,
                                             const ReadLimits &limits)
{
    const QString qpath = QString::fromStdString(path);
    const QFileInfo info(qpath);
    if (!info.exists()) {
        diags.error("io", {path, 0, 0}, "no such file");
        return std::nullopt;
    }
    if (info.isDir()) {
        diags.error("io", {path, 0, 0}, "is a folder, not a workflow file");
        return std::nullopt;
    }
    if (std::size_t(info.size()) > limits.maxBytes) {
        diags.error("too-large", {path, 0, 0},
                    "the file is " + std::to_string(info.size() / 1024)
                        + " KiB; workflow definitions are limited to "
                        + std::to_string(limits.maxBytes / 1024) + " KiB");
        return std::nullopt;
    }
    QFile file(qpath);
    if (!file.open(QIODevice::ReadOnly)) {
        diags.error("io", {path, 0, 0}, "cannot open: " + file.errorString().toStdString());
        return std::nullopt;
    }
    const QByteArray bytes = file.read(qint64(limits.maxBytes) + 1);
    const std::string text(bytes.constData(), size_t(bytes.size()));
    std::optional<Definition> def = looksLikeAsl(text) ? readAsl(text, path, diags, limits)
                                                       : readYaml(text, path, diags, limits);
    if (def)
        def->sourceFile = info.absoluteFilePath().toStdString();
    return def;
}

} // namespace Signalbox
