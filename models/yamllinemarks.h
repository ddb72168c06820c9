// YamlLineMarks: which lines of the YAML pane's text carry a problem, for the marks in its gutter.
// A diagnostic counts on its own line; one that names a state and whose line is no longer inside
// that state's block of the shown text (the locations are those of the text last read, and a
// diagram edit rewrites the text) counts on the line of the state's key instead.
#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

class QTextDocument;

namespace Signalbox {

class DiagnosticsModel;

// Design: pure functions of the shown text (the editor's QTextDocument, read block by block, no
// copy of a 1 MiB string) and the diagnostics model's rows (read through its roles), so the pane
// recomputes them whenever either changes and the tests call them directly.
class YamlLineMarks
{
public:
    struct Mark
    {
        bool error = false; // else a warning
        QStringList messages;
    };
    struct Span
    {
        int first = 0; // the line of the state's key (1-based)
        int last = 0;  // the last line of its block
    };

    // Where each state (at any depth: `states:` of the workflow, branches and processors; not
    // `layout:`) is defined in the text.
    static QHash<QString, Span> stateSpans(const QTextDocument &document);
    // Line (1-based) -> mark, from a DiagnosticsModel's rows and the read error shown under the
    // pane (yamlError at yamlErrorLine).
    static QMap<int, Mark> compute(const QTextDocument &document,
                                   const DiagnosticsModel &diagnostics,
                                   const QString &yamlError = {}, int yamlErrorLine = 0);
};

} // namespace Signalbox
