// Golden-file comparison for export tests (ASL, Mermaid). compareGolden() compares `actual` with
// tests/data/golden/<name>; on a mismatch it writes <name>.actual under the build folder, prints a
// unified diff and fails. SIGNALBOX_UPDATE_GOLDEN=1 rewrites the golden file instead.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <string>

namespace SignalboxTest {

inline QString goldenDir()
{
    return QStringLiteral(SIGNALBOX_TEST_DATA "/golden");
}

inline QString readTextFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

inline bool writeTextFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// Returns an empty string when equal, else a description (and, where `diff` exists, the diff).
inline QString goldenMismatch(const QString &name, const std::string &actual)
{
    const QString goldenPath = goldenDir() + '/' + name;
    const QByteArray bytes = QByteArray::fromStdString(actual);
    if (qEnvironmentVariableIntValue("SIGNALBOX_UPDATE_GOLDEN") == 1) {
        if (!writeTextFile(goldenPath, bytes))
            return "cannot write " + goldenPath;
        qInfo("updated %s", qPrintable(goldenPath));
        return {};
    }
    QFile golden(goldenPath);
    if (!golden.open(QIODevice::ReadOnly))
        return "missing golden file " + goldenPath
               + " (run with SIGNALBOX_UPDATE_GOLDEN=1 to create it)";
    if (golden.readAll() == bytes)
        return {};
    const QString actualPath
        = QStringLiteral(SIGNALBOX_BUILD_DIR "/golden-actual/") + name + ".actual";
    writeTextFile(actualPath, bytes);
    QString message = name + " differs from its golden file; actual output in " + actualPath
                      + " (SIGNALBOX_UPDATE_GOLDEN=1 accepts it)";
    if (!QStandardPaths::findExecutable("diff").isEmpty()) {
        QProcess diff;
        diff.start("diff", {"-u", goldenPath, actualPath});
        if (diff.waitForFinished(10000))
            message += '\n' + QString::fromUtf8(diff.readAllStandardOutput()).left(8000);
    }
    return message;
}

} // namespace SignalboxTest

#define SIGNALBOX_COMPARE_GOLDEN(name, actual)                                                     \
    do {                                                                                           \
        const QString mismatch_ = SignalboxTest::goldenMismatch(name, actual);                     \
        if (!mismatch_.isEmpty())                                                                  \
            QFAIL(qPrintable(mismatch_));                                                          \
    } while (false)
