// YamlHighlighter: the YAML pane's syntax colours. Keys, strings (quoted, plain and block scalars),
// numbers, booleans and null, comments, anchors, aliases and tags, and the workflow language inside
// values: `{{$.path}}` templates, `${env:NAME}`, `$.path` / `$$.path` and `States.*` in one
// expression colour, and the state names after `next:`, `default:`, `start_at:` and in a `when:`
// mapping.
#pragma once

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QTextBlock>
#include <QTextCharFormat>

#include <array>
#include <vector>

class QTextDocument;

namespace Signalbox {

// Design: a hand-written, single-pass scanner per line, run block by block as QSyntaxHighlighter
// does: the formats go into each block's QTextLayout (the document itself is not modified) and
// the context that crosses lines is the block's user state: an open block scalar (`|`, `>`) with
// the indentation its content must exceed, an unterminated quoted string, the depth of open flow
// collections, and an open `when:` mapping whose values name states. An edit re-highlights its
// blocks, and the following ones while their state changes, from inside the document's
// contentsChange, so the editor lays the text out once. It is not a QSyntaxHighlighter because
// that class re-highlights a whole document (when installed on a non-empty one, and on every
// rehighlight()) by marking each block dirty separately: on the editor's QTextDocumentLayout each
// mark lays out the document again, which is quadratic (minutes for a 1 MiB text); here a whole
// pass marks the document dirty once. No regular expression runs per character;
// QRegularExpression only classifies short plain values (numbers). The colours come from the QML
// Theme through setPalette().
class YamlHighlighter : public QObject
{
    Q_OBJECT

public:
    enum Token { Key, String, Number, Keyword, Comment, Anchor, Expression, StateName, TokenCount };
    struct Palette
    {
        std::array<QColor, TokenCount> colors;
        bool operator==(const Palette &other) const = default;
    };

    explicit YamlHighlighter(QTextDocument *document = nullptr);
    ~YamlHighlighter() override;

    QTextDocument *document() const { return m_document; }
    // Highlights the whole document, then follows its edits; nullptr detaches.
    void setDocument(QTextDocument *document);
    // Highlights the whole document again, laying it out once.
    void rehighlight();

    const Palette &palette() const { return m_palette; }
    // Re-highlights the whole document when the colours differ.
    void setPalette(const Palette &palette);
    QTextCharFormat tokenFormat(Token token) const { return m_formats[token]; }
    static QString tokenName(Token token); // "key", "string"... (the QML colour map's keys)

private:
    void contentsChange(int from, int charsRemoved, int charsAdded);
    // Highlights one block: sets its layout's formats (true in *formatsChanged when they differ)
    // and its user state; returns whether that state changed.
    bool highlight(QTextBlock block, bool *formatsChanged);
    void highlightBlock(const QString &text);
    void setFormat(int start, int count, Token token);
    // Highlights `text` from `pos` in ordinary (not block scalar) context; returns the next state.
    int highlightLine(const QString &text, int pos, int flowDepth, bool whenChild);
    void highlightPlainValue(const QString &text, int start, QStringView token, bool namesState);
    void highlightEmbedded(const QString &text, int from, int to);
    void updateFormats();

    QPointer<QTextDocument> m_document;
    Palette m_palette;
    std::array<QTextCharFormat, TokenCount> m_formats;
    // The block being highlighted: its token per character (-1: none), states.
    std::vector<signed char> m_tokens;
    int m_previousState = -1;
    int m_state = -1;
    bool m_busy = false;
};

} // namespace Signalbox
