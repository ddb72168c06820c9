// WorkflowDocument: one open workflow file in the designer. It owns the current Definition, the
// designer positions of its states, the YAML text shown beside the diagram and the QUndoStack.
#pragma once

#include "diagnosticsmodel.h"
#include "signalbox/definition.h"
#include "signalbox/diagnostics.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QUndoStack>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

// Design: the document is the single undoable thing. Every edit is a QUndoCommand (commands/)
// that holds state names and before/after values and changes the document only through the
// small set of primitives below (insert, remove, replace a state, move, restore a snapshot).
// Each primitive emits a fine-grained signal (stateInserted, stateChanged, positionChanged...)
// that NodesModel and EdgesModel turn into row signals; nothing else mutates the definition.
// The YAML text is derived from the definition lazily (regenerated at most once per event loop
// turn while dragging), except when the edit came from the YAML pane itself: then the user's text
// is kept verbatim so their formatting and cursor survive. An invalid YAML edit never reaches
// the undo stack; it only sets yamlError, and the last good diagram stays.
class WorkflowDocument : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filePath READ filePath NOTIFY filePathChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY filePathChanged)
    Q_PROPERTY(QString workflowName READ workflowName NOTIFY workflowNameChanged)
    Q_PROPERTY(bool dirty READ isDirty NOTIFY dirtyChanged)
    Q_PROPERTY(QString yamlText READ yamlText NOTIFY yamlTextChanged)
    Q_PROPERTY(QString yamlError READ yamlError NOTIFY yamlErrorChanged)
    Q_PROPERTY(int yamlErrorLine READ yamlErrorLine NOTIFY yamlErrorChanged)
    Q_PROPERTY(int stateCount READ stateCount NOTIFY stateCountChanged)
    Q_PROPERTY(QString startAt READ startAt NOTIFY startChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoStateChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoStateChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoStateChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY undoStateChanged)
    Q_PROPERTY(Signalbox::DiagnosticsModel *diagnostics READ diagnostics CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    struct Snapshot
    {
        Definition definition;
        QHash<QString, QPointF> positions;
        QString yamlText; // empty: regenerate from the definition
    };

    explicit WorkflowDocument(QObject *parent = nullptr);
    ~WorkflowDocument() override;

    QString filePath() const { return m_filePath; }
    QString displayName() const;
    QString workflowName() const;
    bool isDirty() const;
    QString yamlText() const;
    QString yamlError() const { return m_yamlError; }
    int yamlErrorLine() const { return m_yamlErrorLine; }
    int stateCount() const { return int(m_definition.machine.states.size()); }
    QString startAt() const;
    bool canUndo() const { return m_undoStack.canUndo(); }
    bool canRedo() const { return m_undoStack.canRedo(); }
    QString undoText() const { return m_undoStack.undoText(); }
    QString redoText() const { return m_undoStack.redoText(); }
    DiagnosticsModel *diagnostics() const { return m_diagnostics; }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE void newWorkflow();
    // Opens a YAML or ASL file (path or file: URL). A file that cannot be parsed still opens, with
    // its text in the YAML pane and the error shown; false only when the file cannot be read.
    Q_INVOKABLE bool open(const QString &pathOrUrl);
    // Opens a copy of a file (an example or template) as a new, untitled workflow.
    Q_INVOKABLE bool openAsUntitled(const QString &pathOrUrl);
    // Writes the workflow as "yaml", "asl", "mermaid", "png" or "svg" (default: from the suffix).
    Q_INVOKABLE bool exportTo(const QString &pathOrUrl, const QString &format = {});
    Q_INVOKABLE bool loadText(const QString &text, const QString &fileName = {});
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool saveAs(const QString &pathOrUrl);
    // Applies an edit from the YAML pane; false (and yamlError set) when the text is invalid.
    Q_INVOKABLE bool applyYaml(const QString &text);
    Q_INVOKABLE void undo() { m_undoStack.undo(); }
    Q_INVOKABLE void redo() { m_undoStack.redo(); }
    // Autosave: unsaved edits are written to the app data folder a moment after each change and
    // removed on save, so a crash loses nothing; the next open of the same file offers them back.
    Q_INVOKABLE bool hasRecovery() const;
    Q_INVOKABLE QDateTime recoveryTime() const;
    Q_INVOKABLE bool recover();
    Q_INVOKABLE void discardRecovery();
    Q_INVOKABLE void writeAutosave();
    static QString autosavePath(const QString &filePath);
    Q_INVOKABLE QString problemFor(const QString &state) const { return m_problems.value(state); }
    Q_INVOKABLE static QString localPath(const QString &pathOrUrl);

    // C++ editing primitives, used by the undo commands only.
    const Definition &definition() const { return m_definition; }
    const State *state(const QString &name) const; // at any depth (branches, processors)
    int indexOf(const QString &name) const;
    QPointF position(const QString &name) const { return m_positions.value(name); }
    const QHash<QString, QPointF> &positions() const { return m_positions; }
    Snapshot snapshot() const;
    void insertState(int index, const State &state, const QPointF &position);
    State removeStateAt(int index);
    void replaceState(int index, const State &state);
    void setPositions(const QHash<QString, QPointF> &positions);
    void setStartAt(const QString &name);
    void restore(const Snapshot &snapshot);
    QUndoStack *undoStack() { return &m_undoStack; }
    // The definition with the current positions in its `layout:` section, as saved.
    Definition definitionWithLayout() const;

    static QHash<QString, QPointF> autoLayout(const Definition &definition);
    // Positions from `layout:`; states without one are placed near a predecessor.
    static QHash<QString, QPointF> positionsFor(const Definition &definition,
                                                const QHash<QString, QPointF> &previous = {});

signals:
    void aboutToReset();
    void reset();
    void stateAboutToBeInserted(int index);
    void stateInserted(int index);
    void stateAboutToBeRemoved(int index);
    void stateRemoved(int index);
    void stateChanged(int index);
    void positionChanged(int index);
    void startChanged();
    void diagnosticsUpdated();
    void filePathChanged();
    void workflowNameChanged();
    void dirtyChanged();
    void yamlTextChanged();
    void yamlErrorChanged();
    void stateCountChanged();
    void undoStateChanged();
    void lastErrorChanged();

private:
    void setDocument(Definition definition, const QString &filePath, const QString &yamlText,
                     const Diagnostics &readDiagnostics);
    void changed(); // after every primitive: revalidate, schedule YAML refresh
    void revalidate();
    void setYamlError(const QString &message, int line);
    // Shows the first error of a failed read in the YAML pane.
    void showReadError(const Diagnostics &diags);
    void setLastError(const QString &message);
    void setFilePath(const QString &path);

    Definition m_definition;
    QHash<QString, QPointF> m_positions;
    QHash<QString, QString> m_problems; // state name -> problem text
    Diagnostics m_readDiagnostics;      // the reader's diagnostics, kept with the text
    int m_readIndex = 0;                // the undo index at which that text was read
    QString m_filePath;
    mutable QString m_yamlText;
    mutable bool m_yamlStale = false;
    QTimer m_yamlTimer;
    QTimer m_autosaveTimer;
    QString m_yamlError;
    int m_yamlErrorLine = 0;
    QString m_lastError;
    QString m_previousName;
    QUndoStack m_undoStack;
    DiagnosticsModel *m_diagnostics = nullptr;
};

} // namespace Signalbox
