// validate, export and import: the commands that work on workflow files without an engine.
#include "cli.h"
#include "commands.h"
#include "diagramexport.h"

#include "signalbox/codecs.h"
#include "signalbox/validator.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace Signalbox::Cli {

namespace {

bool writeOutput(const QString &out, const QByteArray &data)
{
    if (out.isEmpty() || out == QLatin1String("-")) {
        QTextStream(stdout) << QString::fromUtf8(data);
        return true;
    }
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        printError(QStringLiteral("%1: cannot write it: %2").arg(out, file.errorString()));
        return false;
    }
    return true;
}

int countStates(const StateMachine &m)
{
    int n = 0;
    for (const State &s : m.states) {
        ++n;
        for (const auto &b : s.branches)
            n += countStates(*b);
        if (s.processor)
            n += countStates(*s.processor);
    }
    return n;
}

} // namespace

int cmdValidate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Workflow files (YAML or ASL JSON); - reads "
                                                "standard input."),
                                 QStringLiteral("FILE..."));
    QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                             QStringLiteral("Print only problems."));
    parser.addOption(quiet);
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("validate")), &code))
        return code;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printError(
            QStringLiteral("validate needs at least one FILE (see signalbox validate --help)"));
        return Usage;
    }
    int result = Ok;
    for (const QString &file : files) {
        int warnings = 0;
        int fileCode = Ok;
        const auto def = loadWorkflow(file, true, nullptr, &fileCode, &warnings);
        if (!def) {
            // Invalid wins over NotFound: a file with errors is the finding that matters.
            if (result != Invalid)
                result = fileCode;
            continue;
        }
        if (!parser.isSet(quiet)) {
            printOut(QStringLiteral("%1: ok (%2 states%3)\n")
                         .arg(printable(file == QLatin1String("-") ? QStringLiteral("<stdin>")
                                                                    : file))
                         .arg(countStates(def->machine))
                         .arg(warnings ? QStringLiteral(", %1 warning%2")
                                             .arg(warnings)
                                             .arg(warnings == 1 ? "" : "s")
                                       : QString()));
        }
    }
    return result;
}

int cmdExport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Workflow file; - reads standard input."));
    QCommandLineOption to(QStringLiteral("to"),
                          QStringLiteral("Format: yaml, asl, mermaid, svg or png."),
                          QStringLiteral("FORMAT"));
    QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Output file (default: standard output; required for png)."),
        QStringLiteral("OUT"));
    parser.addOption(to);
    parser.addOption(output);
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("export")), &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("export needs exactly one FILE (see signalbox export --help)"));
        return Usage;
    }
    const QString format = parser.value(to).toLower();
    static const QStringList formats
        = {QStringLiteral("yaml"), QStringLiteral("asl"), QStringLiteral("mermaid"),
           QStringLiteral("svg"), QStringLiteral("png")};
    if (!formats.contains(format)) {
        printError(parser.isSet(to) ? QStringLiteral("unknown format '%1'; use one of %2")
                                          .arg(parser.value(to), formats.join(QStringLiteral(", ")))
                                    : QStringLiteral("export needs --to FORMAT (%1)")
                                          .arg(formats.join(QStringLiteral(", "))));
        return Usage;
    }
    const QString out = parser.value(output);
    if (format == QLatin1String("png") && (out.isEmpty() || out == QLatin1String("-"))) {
        printError(QStringLiteral("png export needs -o OUT.png"));
        return Usage;
    }
    const auto def = loadWorkflow(parser.positionalArguments().constFirst(), true, nullptr, &code);
    if (!def)
        return code;

    if (format == QLatin1String("yaml"))
        return writeOutput(out, QByteArray::fromStdString(writeYaml(*def))) ? Ok : Invalid;
    if (format == QLatin1String("mermaid"))
        return writeOutput(out, QByteArray::fromStdString(writeMermaid(*def))) ? Ok : Invalid;
    if (format == QLatin1String("asl")) {
        Diagnostics diags;
        const auto text = writeAsl(*def, diags);
        printDiagnostics(diags.formatAll());
        if (!text)
            return Invalid;
        return writeOutput(out, QByteArray::fromStdString(*text)) ? Ok : Invalid;
    }
    const DiagramExporter exporter = diagramExporter();
    if (!exporter) {
        printError(QStringLiteral("this build has no diagram renderer (built without the GUI); "
                                  "%1 export is unavailable")
                       .arg(format));
        return Invalid;
    }
    QString error;
    QByteArray data;
    if (!exporter(*def, format, &data, &error)) {
        printError(QStringLiteral("cannot render the diagram: %1").arg(error));
        return Invalid;
    }
    return writeOutput(out, data) ? Ok : Invalid;
}

int cmdImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Amazon States Language JSON file; - reads "
                                                "standard input."));
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                              QStringLiteral("Output YAML file (default: standard output)."),
                              QStringLiteral("OUT"));
    parser.addOption(output);
    int code = Ok;
    if (!parseArguments(parser, args, *findCommand(QStringLiteral("import")), &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("import needs exactly one FILE (see signalbox import --help)"));
        return Usage;
    }
    const auto def = loadWorkflow(parser.positionalArguments().constFirst(), true, nullptr, &code);
    if (!def)
        return code;
    return writeOutput(parser.value(output), QByteArray::fromStdString(writeYaml(*def))) ? Ok
                                                                                         : Invalid;
}

} // namespace Signalbox::Cli
