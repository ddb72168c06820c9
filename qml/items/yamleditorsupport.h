// YamlEditorSupport: what the YAML pane's editor needs from C++. It colours the TextArea's text
// (a YamlHighlighter on its QQuickTextDocument, with the colours the pane takes from the Theme),
// keeps the problem marks of the gutter (YamlLineMarks over the document's diagnostics and read
// error, refreshed when the document revalidates or the shown text changes) and finds a line's
// position without splitting a 1 MiB string in JavaScript.
#pragma once

#include "workflowdocument.h"
#include "yamlhighlighter.h"
#include "yamllinemarks.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QTimer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

// Design: the gutter is QML and only ever asks about the few lines it shows (severityAt,
// messagesAt, lineTop), so the marks live here as a map and the QML side re-reads them when
// marksRevision changes; nothing scales with the number of lines on the QML side. Recomputing is
// coalesced on a short timer: a revalidation, a new text from the document and the highlighter's
// own format changes arrive together.
class YamlEditorSupport : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // A TextEdit's textDocument (a QQuickTextDocument; typed QObject for the QML tools).
    Q_PROPERTY(
        QObject *textDocument READ textDocument WRITE setTextDocument NOTIFY textDocumentChanged)
    Q_PROPERTY(Signalbox::WorkflowDocument *document READ document WRITE setDocument NOTIFY
                   documentChanged)
    // Token name ("key", "string", "number", "keyword", "comment", "anchor", "expression",
    // "stateName") -> colour.
    Q_PROPERTY(QVariantMap colors READ colors WRITE setColors NOTIFY colorsChanged)
    Q_PROPERTY(int marksRevision READ marksRevision NOTIFY marksChanged)
    Q_PROPERTY(QList<int> markedLines READ markedLines NOTIFY marksChanged)

public:
    explicit YamlEditorSupport(QObject *parent = nullptr);

    QObject *textDocument() const { return m_textDocument; }
    void setTextDocument(QObject *textDocument);
    WorkflowDocument *document() const { return m_document; }
    void setDocument(WorkflowDocument *document);
    QVariantMap colors() const { return m_colors; }
    void setColors(const QVariantMap &colors);
    int marksRevision() const { return m_revision; }
    QList<int> markedLines() const { return m_marks.keys(); }

    // "error", "warning" or "" for a 1-based line.
    Q_INVOKABLE QString severityAt(int line) const;
    // The line's problems, one a line.
    Q_INVOKABLE QString messagesAt(int line) const;
    // The text position where a 1-based line starts (clamped to the text).
    Q_INVOKABLE int positionOfLine(int line) const;
    // The 1-based line of a text position.
    Q_INVOKABLE int lineOfPosition(int position) const;
    // Geometry from the editor's own text layout, in the text's coordinates (the TextArea's less
    // its padding), so the gutter matches the drawn lines exactly: the line at a y, and a line's
    // top and height.
    Q_INVOKABLE int lineAt(qreal y) const;
    Q_INVOKABLE qreal lineTop(int line) const;
    Q_INVOKABLE qreal lineHeight(int line) const;
    // Recomputes the marks now (they otherwise follow a moment after a change).
    Q_INVOKABLE void refreshMarks();

signals:
    void textDocumentChanged();
    void documentChanged();
    void colorsChanged();
    void marksChanged();

private:
    QTextDocument *textDoc() const;
    QRectF lineRect(int line) const;
    void scheduleMarks(int delayMs);
    void applyColors();

    QPointer<QQuickTextDocument> m_textDocument;
    QPointer<WorkflowDocument> m_document;
    QPointer<YamlHighlighter> m_highlighter;
    QVariantMap m_colors;
    QMap<int, YamlLineMarks::Mark> m_marks;
    QTimer m_marksTimer;
    QMetaObject::Connection m_contentsConnection;
    int m_revision = 0;
};

} // namespace Signalbox
