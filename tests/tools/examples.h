// The workflows every codec test runs over: resources/examples/*.yaml (the shipped examples,
// which also have golden files), tests/data/valid/*.yaml (valid fixtures) and
// tests/data/asl/*.yaml (fixtures for the codecs).
#pragma once

#include <QDir>
#include <QFile>
#include <QStringList>

#include "signalbox/codecs.h"

#include <optional>

namespace SignalboxTest {

inline QStringList shippedExamples()
{
    QStringList out;
    const QDir dir(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples"));
    for (const QString &f : dir.entryList({"*.yaml", "*.yml"}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

inline QStringList validFixtures()
{
    QStringList out;
    const QDir dir(QStringLiteral(SIGNALBOX_TEST_DATA "/valid"));
    for (const QString &f : dir.entryList({"*.yaml", "*.yml"}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

// tests/data/asl/*.yaml: workflows written for the codec tests (every field once).
inline QStringList codecFixtures()
{
    QStringList out;
    const QDir dir(QStringLiteral(SIGNALBOX_TEST_DATA "/asl"));
    for (const QString &f : dir.entryList({"*.yaml", "*.yml"}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

inline QStringList allValidWorkflows()
{
    return shippedExamples() + validFixtures() + codecFixtures();
}

// "order-approval" for ".../order-approval.yaml".
inline QString baseName(const QString &path)
{
    return QFileInfo(path).completeBaseName();
}

inline std::string readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

// Reads a YAML workflow; on failure returns nullopt and fills `errors` with the diagnostics.
inline std::optional<Signalbox::Definition> loadYaml(const QString &path, QString *errors)
{
    Signalbox::Diagnostics diags;
    auto def = Signalbox::readYaml(readFile(path), path.toStdString(), diags);
    if (!def || diags.hasErrors()) {
        *errors = QString::fromStdString(diags.formatAll());
        return std::nullopt;
    }
    return def;
}

} // namespace SignalboxTest
