#include "yamleditorsupport.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>

namespace Signalbox {

YamlEditorSupport::YamlEditorSupport(QObject *parent)
    : QObject(parent)
{
    m_marksTimer.setSingleShot(true);
    connect(&m_marksTimer, &QTimer::timeout, this, &YamlEditorSupport::refreshMarks);
}

void YamlEditorSupport::setTextDocument(QObject *object)
{
    auto *textDocument = qobject_cast<QQuickTextDocument *>(object);
    if (m_textDocument == textDocument)
        return;
    if (m_contentsConnection)
        disconnect(m_contentsConnection);
    delete m_highlighter;
    m_textDocument = textDocument;
    if (QTextDocument *doc = textDocument ? textDocument->textDocument() : nullptr) {
        m_highlighter = new YamlHighlighter(doc);
        applyColors();
        // Typing moves lines and a new text from the document replaces them all: the marks
        // follow once the text settles.
        m_contentsConnection
            = connect(doc, &QTextDocument::contentsChanged, this, [this] { scheduleMarks(150); });
    }
    scheduleMarks(0);
    emit textDocumentChanged();
}

void YamlEditorSupport::setDocument(WorkflowDocument *document)
{
    if (m_document == document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        connect(document, &WorkflowDocument::diagnosticsUpdated, this,
                [this] { scheduleMarks(0); });
        connect(document, &WorkflowDocument::yamlErrorChanged, this, [this] { scheduleMarks(0); });
    }
    scheduleMarks(0);
    emit documentChanged();
}

void YamlEditorSupport::setColors(const QVariantMap &colors)
{
    if (m_colors == colors)
        return;
    m_colors = colors;
    applyColors();
    emit colorsChanged();
}

void YamlEditorSupport::applyColors()
{
    if (!m_highlighter)
        return;
    YamlHighlighter::Palette palette;
    for (int t = 0; t < YamlHighlighter::TokenCount; ++t) {
        const auto token = YamlHighlighter::Token(t);
        palette.colors[t] = m_colors.value(YamlHighlighter::tokenName(token)).value<QColor>();
    }
    m_highlighter->setPalette(palette); // re-highlights when the theme changed the colours
}

void YamlEditorSupport::scheduleMarks(int delayMs)
{
    if (!m_marksTimer.isActive() || m_marksTimer.remainingTime() > delayMs)
        m_marksTimer.start(delayMs);
}

void YamlEditorSupport::refreshMarks()
{
    m_marksTimer.stop();
    QMap<int, YamlLineMarks::Mark> marks;
    const QTextDocument *doc = m_textDocument ? m_textDocument->textDocument() : nullptr;
    if (doc && m_document)
        marks = YamlLineMarks::compute(*doc, *m_document->diagnostics(), m_document->yamlError(),
                                       m_document->yamlErrorLine());
    const auto same = [](const YamlLineMarks::Mark &a, const YamlLineMarks::Mark &b) {
        return a.error == b.error && a.messages == b.messages;
    };
    if (marks.size() == m_marks.size()
        && std::equal(marks.cbegin(), marks.cend(), m_marks.cbegin(), m_marks.cend(), same)
        && std::equal(marks.keyBegin(), marks.keyEnd(), m_marks.keyBegin(), m_marks.keyEnd()))
        return;
    m_marks = std::move(marks);
    ++m_revision;
    emit marksChanged();
}

QString YamlEditorSupport::severityAt(int line) const
{
    const auto it = m_marks.constFind(line);
    if (it == m_marks.cend())
        return {};
    return it->error ? QStringLiteral("error") : QStringLiteral("warning");
}

QString YamlEditorSupport::messagesAt(int line) const
{
    return m_marks.value(line).messages.join(QLatin1Char('\n'));
}

QTextDocument *YamlEditorSupport::textDoc() const
{
    return m_textDocument ? m_textDocument->textDocument() : nullptr;
}

int YamlEditorSupport::positionOfLine(int line) const
{
    const QTextDocument *doc = textDoc();
    if (!doc)
        return 0;
    const QTextBlock block = doc->findBlockByNumber(qBound(0, line - 1, doc->blockCount() - 1));
    return block.isValid() ? block.position() : 0;
}

int YamlEditorSupport::lineOfPosition(int position) const
{
    const QTextDocument *doc = textDoc();
    if (!doc)
        return 1;
    const QTextBlock block = doc->findBlock(qBound(0, position, doc->characterCount() - 1));
    return block.isValid() ? block.blockNumber() + 1 : 1;
}

int YamlEditorSupport::lineAt(qreal y) const
{
    QTextDocument *doc = textDoc();
    if (!doc || y <= 0)
        return 1;
    const int position = doc->documentLayout()->hitTest(QPointF(0, y), Qt::FuzzyHit);
    return lineOfPosition(position);
}

QRectF YamlEditorSupport::lineRect(int line) const
{
    QTextDocument *doc = textDoc();
    if (!doc)
        return {};
    const QTextBlock block = doc->findBlockByNumber(line - 1);
    return block.isValid() ? doc->documentLayout()->blockBoundingRect(block) : QRectF();
}

qreal YamlEditorSupport::lineTop(int line) const
{
    return lineRect(line).y();
}

qreal YamlEditorSupport::lineHeight(int line) const
{
    return lineRect(line).height();
}

} // namespace Signalbox
