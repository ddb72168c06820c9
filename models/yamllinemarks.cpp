#include "yamllinemarks.h"

#include "diagnosticsmodel.h"

#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>
#include <vector>

namespace Signalbox {

namespace {

struct KeyOnLine
{
    int column = -1; // -1: the line has no key
    QString key;
    bool blockScalar = false; // the value is `|` or `>`: the deeper lines that follow are text
};

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t';
}

// The key at the start of a line (after any `- ` entries), as in `  - name: x` or `"a b": 1`.
KeyOnLine keyOnLine(const QString &text, int lead)
{
    KeyOnLine out;
    int pos = lead;
    while (pos + 1 <= text.size() && (text[pos] == u'-' || text[pos] == u'?')
           && (pos + 1 == text.size() || isSpace(text[pos + 1]))) {
        ++pos;
        while (pos < text.size() && isSpace(text[pos]))
            ++pos;
    }
    if (pos >= text.size())
        return out;
    int end = -1;
    int colon = -1;
    const QChar first = text[pos];
    if (first == u'"' || first == u'\'') {
        end = text.indexOf(first, pos + 1); // escapes in a state's name are not worth parsing
        if (end < 0)
            return out;
        colon = end + 1;
        while (colon < text.size() && isSpace(text[colon]))
            ++colon;
        out.key = text.mid(pos + 1, end - pos - 1);
    } else {
        if (first == u'#' || first == u'[' || first == u'{' || first == u'|' || first == u'>')
            return out;
        for (int i = pos; i < text.size(); ++i) {
            if (text[i] == u':' && (i + 1 == text.size() || isSpace(text[i + 1]))) {
                colon = i;
                break;
            }
            if (text[i] == u'#' && i > pos && isSpace(text[i - 1]))
                break;
        }
        if (colon < 0)
            return out;
        out.key = text.mid(pos, colon - pos).trimmed();
    }
    if (colon >= text.size() || text[colon] != u':'
        || !(colon + 1 == text.size() || isSpace(text[colon + 1])))
        return out;
    out.column = pos;
    // The value: skip an anchor or tag, then look for a block scalar's header.
    int v = colon + 1;
    for (;;) {
        while (v < text.size() && isSpace(text[v]))
            ++v;
        if (v < text.size() && (text[v] == u'&' || text[v] == u'!')) {
            while (v < text.size() && !isSpace(text[v]))
                ++v;
            continue;
        }
        break;
    }
    out.blockScalar = v < text.size() && (text[v] == u'|' || text[v] == u'>');
    return out;
}

} // namespace

QHash<QString, YamlLineMarks::Span> YamlLineMarks::stateSpans(const QTextDocument &document)
{
    struct Open
    {
        int column;
        QString key;
    };
    QHash<QString, Span> spans;
    std::vector<Open> parents;  // the keys the current line is nested in
    std::vector<Open> inStates; // states whose block is still open
    int scalarParent = -2;      // inside a block scalar: its key's column
    int lastContent = 0;

    const auto close = [&](int column) {
        while (!inStates.empty() && inStates.back().column >= column) {
            spans[inStates.back().key].last = lastContent;
            inStates.pop_back();
        }
    };

    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        const int line = block.blockNumber() + 1;
        int lead = 0;
        while (lead < text.size() && text[lead] == u' ')
            ++lead;
        const bool blank = lead == text.size() || text.trimmed().isEmpty();
        if (scalarParent > -2) {
            if (blank || lead > scalarParent) {
                if (!blank)
                    lastContent = line;
                continue;
            }
            scalarParent = -2;
        }
        if (blank || text[lead] == u'#')
            continue;
        close(lead);
        const KeyOnLine k = keyOnLine(text, lead);
        if (k.column >= 0) {
            while (!parents.empty() && parents.back().column >= k.column)
                parents.pop_back();
            const bool inLayout = std::any_of(parents.begin(), parents.end(),
                                              [](const Open &o) { return o.key == u"layout"; });
            if (!parents.empty() && parents.back().key == u"states" && !inLayout
                && !spans.contains(k.key)) {
                spans.insert(k.key, {line, line});
                inStates.push_back({k.column, k.key});
            }
            parents.push_back({k.column, k.key});
            if (k.blockScalar)
                scalarParent = k.column;
        }
        lastContent = line;
    }
    close(-1);
    return spans;
}

QMap<int, YamlLineMarks::Mark> YamlLineMarks::compute(const QTextDocument &document,
                                                      const DiagnosticsModel &diagnostics,
                                                      const QString &yamlError, int yamlErrorLine)
{
    QMap<int, Mark> marks;
    const int lines = document.blockCount();
    const auto add = [&](int line, bool error, const QString &message) {
        if (line < 1 || line > lines)
            return;
        Mark &mark = marks[line];
        mark.error = mark.error || error;
        if (!mark.messages.contains(message))
            mark.messages.append(message);
    };

    QHash<QString, Span> spans;
    bool spansRead = false;
    const int rows = diagnostics.rowCount();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = diagnostics.index(row);
        int line = index.data(DiagnosticsModel::LineRole).toInt();
        const QString state = index.data(DiagnosticsModel::StateRole).toString();
        if (!state.isEmpty()) {
            if (!spansRead) {
                spans = stateSpans(document);
                spansRead = true;
            }
            const auto it = spans.constFind(state);
            if (it != spans.cend() && (line < it->first || line > it->last))
                line = it->first;
        }
        add(line, index.data(DiagnosticsModel::SeverityRole).toString() == u"error",
            index.data(DiagnosticsModel::MessageRole).toString());
    }
    if (!yamlError.isEmpty())
        add(yamlErrorLine, true, yamlError);
    return marks;
}

} // namespace Signalbox
