#include "store/migrations.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace Signalbox {

std::vector<Migration> loadMigrations(QString *error)
{
    std::vector<Migration> result;
    const QDir dir(QStringLiteral(":/signalbox/schema"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        bool ok = false;
        const int version = fileName.section(QLatin1Char('_'), 0, 0).toInt(&ok);
        QFile file(dir.filePath(fileName));
        if (!ok || version <= 0 || !file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("invalid schema migration %1").arg(fileName);
            return {};
        }
        result.push_back({version, fileName, file.readAll()});
    }
    std::sort(result.begin(), result.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (std::size_t i = 0; i < result.size(); ++i) {
        if (result[i].version != int(i) + 1) {
            *error = QStringLiteral("schema migrations are not numbered 1..N (at %1)")
                         .arg(result[i].fileName);
            return {};
        }
    }
    if (result.empty())
        *error = QStringLiteral("no schema migrations are compiled in");
    return result;
}

} // namespace Signalbox
