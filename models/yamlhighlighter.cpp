#include "yamlhighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>

namespace Signalbox {

namespace {

// The block state: kind in bits 16-19, flow depth in bits 12-15, an indentation in bits 0-11.
enum Kind { Plain = 0, BlockScalar = 1, DoubleQuoted = 2, SingleQuoted = 3, WhenMapping = 4 };

int packState(Kind kind, int flowDepth, int indent)
{
    return (int(kind) << 16) | (qBound(0, flowDepth, 15) << 12) | qBound(0, indent, 4095);
}
Kind stateKind(int state)
{
    return state < 0 ? Plain : Kind((state >> 16) & 0xf);
}
int stateFlow(int state)
{
    return state < 0 ? 0 : (state >> 12) & 0xf;
}
int stateIndent(int state)
{
    return state < 0 ? 0 : state & 0xfff;
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t';
}
bool isFlowIndicator(QChar c)
{
    return c == u',' || c == u'[' || c == u']' || c == u'{' || c == u'}';
}
bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}
int leadingSpaces(const QString &text)
{
    int n = 0;
    while (n < text.size() && text[n] == u' ')
        ++n;
    return n;
}

// A ':' that ends a key: followed by a space or the end of the line (or, in a flow collection,
// by an indicator; after a quoted key by anything, as in JSON).
bool isKeyColon(const QString &text, int i, int flowDepth, bool afterQuoted)
{
    if (i >= text.size() || text[i] != u':')
        return false;
    if (i + 1 == text.size() || isSpace(text[i + 1]))
        return true;
    return flowDepth > 0 && (afterQuoted || isFlowIndicator(text[i + 1]));
}

// The index after the closing quote, or -1 when the string goes on past the end of the line.
int scanQuoted(const QString &text, int from, QChar quote)
{
    for (int i = from; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quote == u'"' && c == u'\\') {
            ++i;
        } else if (c == quote) {
            if (quote == u'\'' && i + 1 < text.size() && text[i + 1] == u'\'')
                ++i; // '' is an escaped quote
            else
                return i + 1;
        }
    }
    return -1;
}

bool isStateKey(QStringView key)
{
    return key == u"next" || key == u"default" || key == u"start_at";
}

bool isKeyword(QStringView v)
{
    static const char16_t *const words[] = {u"true",  u"True", u"TRUE", u"false", u"False",
                                            u"FALSE", u"null", u"Null", u"NULL",  u"~"};
    for (const char16_t *w : words)
        if (v == QStringView(w))
            return true;
    return false;
}

bool isNumber(QStringView v)
{
    const QChar c = v.front();
    if (!c.isDigit() && c != u'-' && c != u'+' && c != u'.')
        return false;
    static const QRegularExpression number(
        QStringLiteral(R"(^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?)"
                       R"(|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$)"));
    return number.match(v).hasMatch();
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QObject(document)
{
    updateFormats();
    setDocument(document);
}

YamlHighlighter::~YamlHighlighter()
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
}

void YamlHighlighter::setDocument(QTextDocument *document)
{
    if (m_document == document)
        return;
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
        for (QTextBlock b = m_document->begin(); b.isValid(); b = b.next())
            b.layout()->clearFormats();
        m_document->markContentsDirty(0, m_document->characterCount());
    }
    m_document = document;
    if (document) {
        connect(document, &QTextDocument::contentsChange, this, &YamlHighlighter::contentsChange);
        rehighlight();
    }
}

void YamlHighlighter::rehighlight()
{
    if (!m_document)
        return;
    const QScopedValueRollback busy(m_busy, true);
    int first = -1;
    int end = 0;
    for (QTextBlock block = m_document->begin(); block.isValid(); block = block.next()) {
        bool changed = false;
        highlight(block, &changed);
        if (changed) {
            if (first < 0)
                first = block.position();
            end = block.position() + block.length();
        }
    }
    if (first < 0)
        return;
    // One mark for the whole range, inside an edit block so that the editor hears of it as of
    // any change of the document.
    QTextCursor cursor(m_document);
    cursor.beginEditBlock();
    m_document->markContentsDirty(first, end - first);
    cursor.endEditBlock();
}

void YamlHighlighter::contentsChange(int from, int charsRemoved, int charsAdded)
{
    if (m_busy || !m_document)
        return;
    // As QSyntaxHighlighter: the blocks the change touched, then on while the state that crosses
    // lines changes. Called inside the document's contentsChange, the marks below only widen the
    // range the document lays out afterwards, once.
    const QScopedValueRollback busy(m_busy, true);
    QTextBlock block = m_document->findBlock(from);
    const QTextBlock last = m_document->findBlock(from + charsAdded + (charsRemoved > 0 ? 1 : 0));
    const int end = last.isValid() ? last.position() + last.length() : m_document->characterCount();
    bool stateChanged = false;
    while (block.isValid() && (block.position() < end || stateChanged)) {
        bool changed = false;
        stateChanged = highlight(block, &changed);
        if (changed)
            m_document->markContentsDirty(block.position(), block.length());
        block = block.next();
    }
}

bool YamlHighlighter::highlight(QTextBlock block, bool *formatsChanged)
{
    const QString text = block.text();
    m_tokens.assign(size_t(text.size()), -1);
    const QTextBlock previous = block.previous();
    m_previousState = previous.isValid() ? previous.userState() : -1;
    m_state = -1;
    highlightBlock(text);

    // Fewer, longer runs lay out faster (each run is shaped on its own): blanks take the format
    // of what follows them (or precedes them at the end of a line), and a key's ':' the key's.
    const int count = int(m_tokens.size());
    for (int a = 0; a < count;) {
        if (m_tokens[size_t(a)] >= 0) {
            ++a;
            continue;
        }
        int b = a;
        while (b < count && m_tokens[size_t(b)] < 0)
            ++b;
        int from = a;
        if (a > 0 && text[a] == u':' && m_tokens[size_t(a - 1)] == Key)
            m_tokens[size_t(from++)] = Key;
        bool blank = true;
        for (int i = from; i < b && blank; ++i)
            blank = isSpace(text[i]);
        if (blank && from < b) {
            const signed char fill
                = b < count ? m_tokens[size_t(b)] : (from > 0 ? m_tokens[size_t(from - 1)] : -1);
            std::fill(m_tokens.begin() + from, m_tokens.begin() + b, fill);
        }
        a = b;
    }

    QTextLayout *layout = block.layout();
    QList<QTextLayout::FormatRange> ranges;
    // An input method's preedit text has formats of its own: keep them, and move ours past it.
    const int preeditStart = layout->preeditAreaPosition();
    const int preeditLength = int(layout->preeditAreaText().size());
    if (preeditLength > 0) {
        for (const QTextLayout::FormatRange &r : layout->formats())
            if (r.start >= preeditStart && r.start + r.length <= preeditStart + preeditLength)
                ranges.append(r);
    }
    const int n = int(m_tokens.size());
    for (int i = 0; i < n;) {
        const int token = m_tokens[size_t(i)];
        int j = i + 1;
        while (j < n && m_tokens[size_t(j)] == token)
            ++j;
        if (token >= 0) {
            QTextLayout::FormatRange r{i, j - i, m_formats[size_t(token)]};
            if (preeditLength > 0) {
                if (r.start >= preeditStart)
                    r.start += preeditLength;
                else if (r.start + r.length >= preeditStart)
                    r.length += preeditLength;
            }
            ranges.append(r);
        }
        i = j;
    }
    *formatsChanged = layout->formats() != ranges;
    if (*formatsChanged)
        layout->setFormats(ranges);
    const int before = block.userState();
    block.setUserState(m_state);
    return before != m_state;
}

void YamlHighlighter::setFormat(int start, int count, Token token)
{
    const int end = qMin(start + count, int(m_tokens.size()));
    for (int i = qMax(0, start); i < end; ++i)
        m_tokens[size_t(i)] = static_cast<signed char>(token);
}

QString YamlHighlighter::tokenName(Token token)
{
    static const char *const names[TokenCount]
        = {"key", "string", "number", "keyword", "comment", "anchor", "expression", "stateName"};
    return QString::fromLatin1(names[token]);
}

void YamlHighlighter::setPalette(const Palette &palette)
{
    if (palette == m_palette)
        return;
    m_palette = palette;
    updateFormats();
    rehighlight();
}

void YamlHighlighter::updateFormats()
{
    for (int t = 0; t < TokenCount; ++t) {
        QTextCharFormat format;
        if (m_palette.colors[t].isValid())
            format.setForeground(m_palette.colors[t]);
        m_formats[t] = format;
    }
    m_formats[Comment].setFontItalic(true);
    m_formats[StateName].setFontWeight(QFont::DemiBold);
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const auto setState = [this](int state) {
        m_state = state;
    };
    const int previous = m_previousState;
    const Kind kind = stateKind(previous);
    const int lead = leadingSpaces(text);
    const bool blank = lead == text.size() || text.trimmed().isEmpty();

    if (kind == BlockScalar) {
        // Content lines are indented past the key that opened the scalar; blank lines belong to it.
        if (blank || lead >= stateIndent(previous)) {
            setFormat(lead, text.size() - lead, String);
            highlightEmbedded(text, lead, text.size());
            setState(previous);
            return;
        }
    } else if (kind == DoubleQuoted || kind == SingleQuoted) {
        const int end = scanQuoted(text, 0, kind == DoubleQuoted ? u'"' : u'\'');
        const int stop = end < 0 ? text.size() : end;
        setFormat(0, stop, String);
        highlightEmbedded(text, 0, stop);
        setState(end < 0 ? previous : highlightLine(text, end, stateFlow(previous), false));
        return;
    } else if (kind == WhenMapping) {
        // `when:` then its rules on the following, deeper lines: `condition: state`.
        if (blank || text[lead] == u'#') {
            if (!blank)
                setFormat(lead, text.size() - lead, Comment);
            setState(previous);
            return;
        }
        if (lead > stateIndent(previous)) {
            const int next = highlightLine(text, 0, 0, true);
            setState(next == packState(Plain, 0, 0) ? previous : next);
            return;
        }
    }
    setState(highlightLine(text, 0, kind == Plain ? stateFlow(previous) : 0, false));
}

int YamlHighlighter::highlightLine(const QString &text, int pos, int flowDepth, bool whenChild)
{
    const int len = text.size();
    const int lead = leadingSpaces(text);
    int flow = flowDepth;
    QStringView lastKey;    // the key on this line whose value comes next
    int keyColumn = -1;     // its column
    int dashColumn = -1;    // the column of this line's last `- ` sequence entry
    int whenFlow = -1;      // the flow depth of a `when: {...}` mapping
    bool valueSeen = false; // something followed the last key on this line

    if (pos == 0 && flow == 0) {
        if (text.startsWith(u'%')) { // a directive
            setFormat(0, len, Comment);
            return packState(Plain, 0, 0);
        }
        if ((text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("...")))
            && (len == 3 || isSpace(text[3]))) {
            setFormat(0, 3, Comment);
            pos = 3;
        }
    }

    while (true) {
        while (pos < len && isSpace(text[pos]))
            ++pos;
        if (pos >= len)
            break;
        const QChar c = text[pos];
        const bool spaceAfter = pos + 1 == len || isSpace(text[pos + 1]);
        if (c == u'#') { // a token never starts right after a non-space: this is a comment
            setFormat(pos, len - pos, Comment);
            break;
        }
        if (flow == 0 && (c == u'-' || c == u'?') && spaceAfter) {
            if (c == u'-')
                dashColumn = pos;
            lastKey = {};
            keyColumn = -1;
            ++pos;
            continue;
        }
        if (c == u'{' || c == u'[') {
            if (c == u'{' && lastKey == u"when" && whenFlow < 0)
                whenFlow = flow + 1;
            ++flow;
            valueSeen = true;
            lastKey = {};
            ++pos;
            continue;
        }
        if (c == u'}' || c == u']') {
            if (flow == whenFlow)
                whenFlow = -1;
            flow = qMax(0, flow - 1);
            lastKey = {};
            ++pos;
            continue;
        }
        if ((c == u',' && flow > 0) || c == u':') { // a separator, or an empty key's colon
            lastKey = {};
            ++pos;
            continue;
        }
        if (c == u'&' || c == u'*' || c == u'!') {
            int end = pos + 1;
            while (end < len && !isSpace(text[end]) && !(flow > 0 && isFlowIndicator(text[end])))
                ++end;
            setFormat(pos, end - pos, Anchor);
            pos = end;
            continue;
        }
        if (flow == 0 && (c == u'|' || c == u'>')) { // a block scalar's header
            int end = pos + 1;
            while (end < len && (text[end].isDigit() || text[end] == u'+' || text[end] == u'-'))
                ++end;
            while (end < len && isSpace(text[end]))
                ++end;
            if (end < len && text[end] == u'#')
                setFormat(end, len - end, Comment);
            // Its content is indented past the key (or the `- ` entry, or the line).
            const int parent = keyColumn >= 0 ? keyColumn : dashColumn >= 0 ? dashColumn : lead - 1;
            return packState(BlockScalar, 0, parent + 1);
        }

        const bool namesState = !lastKey.isNull()
                                && (isStateKey(lastKey) || (whenFlow > 0 && flow == whenFlow)
                                    || (whenChild && flow == 0 && keyColumn == lead));
        if (c == u'"' || c == u'\'') {
            const int end = scanQuoted(text, pos + 1, c);
            if (end < 0) { // continues on the next line
                setFormat(pos, len - pos, String);
                highlightEmbedded(text, pos, len);
                return packState(c == u'"' ? DoubleQuoted : SingleQuoted, flow, 0);
            }
            int after = end;
            while (after < len && isSpace(text[after]))
                ++after;
            if (isKeyColon(text, after, flow, true)) {
                setFormat(pos, end - pos, Key);
                lastKey = QStringView(text).mid(pos + 1, end - pos - 2);
                keyColumn = pos;
                valueSeen = false;
                pos = after + 1;
                continue;
            }
            setFormat(pos, end - pos, namesState ? StateName : String);
            if (!namesState)
                highlightEmbedded(text, pos, end);
            valueSeen = true;
            pos = end;
            continue;
        }

        // A plain scalar: a key if a ': ' ends it, else a value up to a comment (or, in a flow
        // collection, up to the next indicator).
        int end = pos;
        int keyEnd = -1;
        while (end < len) {
            const QChar ch = text[end];
            if (ch == u':' && isKeyColon(text, end, flow, false)) {
                keyEnd = end;
                break;
            }
            if (ch == u'#' && isSpace(text[end - 1]))
                break;
            if (flow > 0 && isFlowIndicator(ch))
                break;
            ++end;
        }
        int tokenEnd = keyEnd >= 0 ? keyEnd : end;
        while (tokenEnd > pos && isSpace(text[tokenEnd - 1]))
            --tokenEnd;
        const QStringView token = QStringView(text).mid(pos, tokenEnd - pos);
        if (keyEnd >= 0) {
            setFormat(pos, tokenEnd - pos, Key);
            lastKey = token;
            keyColumn = pos;
            valueSeen = false;
            pos = keyEnd + 1;
            continue;
        }
        highlightPlainValue(text, pos, token, namesState);
        valueSeen = true;
        pos = end;
    }

    if (flow == 0 && lastKey == u"when" && !valueSeen)
        return packState(WhenMapping, 0, keyColumn);
    return packState(Plain, flow, 0);
}

void YamlHighlighter::highlightPlainValue(const QString &text, int start, QStringView token,
                                          bool namesState)
{
    if (token.isEmpty())
        return;
    if (isKeyword(token)) {
        setFormat(start, int(token.size()), Keyword);
    } else if (isNumber(token)) {
        setFormat(start, int(token.size()), Number);
    } else if (namesState) {
        setFormat(start, int(token.size()), StateName);
    } else {
        setFormat(start, int(token.size()), String);
        highlightEmbedded(text, start, start + int(token.size()));
    }
}

// Expressions inside a string: {{$.path}} and ${env:NAME} templates, $.path and $$.path, States.*.
void YamlHighlighter::highlightEmbedded(const QString &text, int from, int to)
{
    int i = from;
    while (i < to) {
        const QChar c = text[i];
        const QChar next = i + 1 < to ? text[i + 1] : QChar();
        if ((c == u'{' && next == u'{') || (c == u'$' && next == u'{')) {
            const QLatin1String close(c == u'{' ? "}}" : "}");
            int end = text.indexOf(close, i + 2);
            end = end < 0 || end + close.size() > to ? to : end + int(close.size());
            setFormat(i, end - i, Expression);
            i = end;
            continue;
        }
        if (c == u'$' && (i == from || !isWordChar(text[i - 1]))) {
            int end = i + 1;
            if (end < to && text[end] == u'$')
                ++end;
            const int root = end;
            while (end < to) {
                if (text[end] == u'.' && end + 1 < to
                    && (isWordChar(text[end + 1]) || text[end + 1] == u'*'
                        || text[end + 1] == u'-')) {
                    ++end;
                    while (end < to
                           && (isWordChar(text[end]) || text[end] == u'-' || text[end] == u'*'))
                        ++end;
                } else if (text[end] == u'[') {
                    const int close = text.indexOf(u']', end);
                    end = close < 0 || close >= to ? to : close + 1;
                } else {
                    break;
                }
            }
            // `$` alone is the whole input; `$5` or `$HOME` is not a path.
            if (end > root || end == to || !isWordChar(text[end])) {
                setFormat(i, end - i, Expression);
                i = end;
                continue;
            }
        }
        if (c == u'S' && QStringView(text).mid(i, to - i).startsWith(u"States.")
            && (i == from || (!isWordChar(text[i - 1]) && text[i - 1] != u'.'))) {
            int end = i + 7;
            while (end < to && isWordChar(text[end]))
                ++end;
            if (end > i + 7) {
                setFormat(i, end - i, Expression);
                i = end;
                continue;
            }
        }
        ++i;
    }
}

} // namespace Signalbox
