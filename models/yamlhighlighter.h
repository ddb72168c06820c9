// YamlHighlighter: the YAML pane's syntax colours. Keys, strings (quoted, plain and block scalars),
// numbers, booleans and null, comments, anchors, aliases and tags, and the workflow language inside
// values: `{{$.path}}` templates, `${env:NAME}`, `$.path` / `$$.path` and `States.*` in one
// expression colour, and the state names after `next:`, `default:`, `start_at:` and in a `when:`
// mapping.
#pragma once

#include <QColor>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace Signalbox {

// Design: a hand-written, single-pass scanner per line (QSyntaxHighlighter calls it block by
// block, so a 1 MiB text is highlighted once and then only the lines an edit touches). The only
// context that crosses lines is packed into the block state: an open block scalar (`|`, `>`) with
// the indentation its content must exceed, an unterminated quoted string, the depth of open flow
// collections, and an open `when:` mapping whose values name states. No regular expression runs
// per character; QRegularExpression only classifies short plain values (numbers). The colours come
// from the QML Theme through setPalette() and a change re-highlights the whole text.
class YamlHighlighter : public QSyntaxHighlighter
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

    const Palette &palette() const { return m_palette; }
    // Re-highlights the whole document when the colours differ.
    void setPalette(const Palette &palette);
    QTextCharFormat tokenFormat(Token token) const { return m_formats[token]; }
    static QString tokenName(Token token); // "key", "string"... (the QML colour map's keys)

protected:
    void highlightBlock(const QString &text) override;

private:
    // Highlights `text` from `pos` in ordinary (not block scalar) context; returns the next state.
    int highlightLine(const QString &text, int pos, int flowDepth, bool whenChild);
    void highlightPlainValue(const QString &text, int start, QStringView token, bool namesState);
    void highlightEmbedded(const QString &text, int from, int to);
    void updateFormats();

    Palette m_palette;
    std::array<QTextCharFormat, TokenCount> m_formats;
};

} // namespace Signalbox
