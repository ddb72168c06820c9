// YamlHighlighter and YamlLineMarks: the colours the YAML pane gives each part of a workflow
// (read back from the blocks' QTextLayout formats, as the editor draws them) and the lines its
// gutter marks for the document's diagnostics.
#include "diagnosticsmodel.h"
#include "graphcontroller.h"
#include "seed.h"
#include "workflowdocument.h"
#include "yamlhighlighter.h"
#include "yamllinemarks.h"

#include <QAbstractTextDocumentLayout>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

using namespace Signalbox;

namespace {

const char sample[] = R"(# Orders
workflow:
  name: order-approval
  start_at: validate-order   # first
  states:
    validate-order: {type: task, next: needs-review, timeout_seconds: 30}
    needs-review:
      type: choice
      when:
        requiresManualReview: wait-for-review
        # a comment among the rules
        "$.amount > 1000": wait-for-review
      default: charge-payment
    wait-for-review:
      type: wait_for_event
      prompt: "Order {{$.orderId}} over {{$.amount}} EUR? # not a comment"
      catch:
        - errors: [Approval.Rejected, States.Timeout]
          next: 'order-rejected'
      result_path: $.review
    charge-payment:
      type: task
      run:
        shell: |
          echo "{{$.orderId}}" # inside the script
          name: not-a-key

          exit 0
      retry: &policy {attempts: 3, backoff: exponential, jitter: true, cap: null, rate: -1.5e3}
      parameters:
        message.$: States.Format('Charged {}', $$.Execution.Id)
        token: ${env:SHOP_TOKEN}
        copy: *policy
        tagged: !!str 42
        url: http://shop.example/a#b
        cost: $5 and $HOME
      next: create-shipment
    create-shipment: {type: task, end: true}
  description: "first line
    second line {{$.x}}"
  version: 7
)";

YamlHighlighter::Palette testPalette(int shift = 0)
{
    YamlHighlighter::Palette p;
    for (int t = 0; t < YamlHighlighter::TokenCount; ++t)
        p.colors[t] = QColor(10 + t, 20 + shift, 30);
    return p;
}

} // namespace

class TestYamlHighlighter : public QObject
{
    Q_OBJECT

    QTextDocument m_doc;
    YamlHighlighter *m_highlighter = nullptr;

    // The token drawn at `column` of a 1-based line: the format the highlighter put there, mapped
    // back through the palette ("" where it left the text alone).
    static QString tokenAt(const QTextDocument &doc, const YamlHighlighter &h, int line, int column)
    {
        const QTextBlock block = doc.findBlockByNumber(line - 1);
        if (!block.isValid())
            return QStringLiteral("<no line %1>").arg(line);
        for (const QTextLayout::FormatRange &r : block.layout()->formats()) {
            if (column < r.start || column >= r.start + r.length)
                continue;
            const QColor color = r.format.foreground().color();
            for (int t = 0; t < YamlHighlighter::TokenCount; ++t)
                if (color == h.palette().colors[t])
                    return YamlHighlighter::tokenName(YamlHighlighter::Token(t));
            return QStringLiteral("<unknown colour %1>").arg(color.name());
        }
        return {};
    }
    // Every character of `what` (its first occurrence on the line, after `after`) is `token`.
    void expect(int line, const QString &what, const QString &token, const QString &after = {})
    {
        const QString text = m_doc.findBlockByNumber(line - 1).text();
        const int from = after.isEmpty() ? 0 : text.indexOf(after) + int(after.size());
        const int start = text.indexOf(what, from);
        QVERIFY2(
            start >= 0,
            qPrintable(QStringLiteral("'%1' not on line %2: %3").arg(what).arg(line).arg(text)));
        for (int c = start; c < start + what.size(); ++c) {
            const QString got = tokenAt(m_doc, *m_highlighter, line, c);
            if (got != token)
                QFAIL(qPrintable(QStringLiteral("line %1 '%2', column %3 ('%4'): %5, expected %6")
                                     .arg(line)
                                     .arg(what)
                                     .arg(c)
                                     .arg(text[c])
                                     .arg(got.isEmpty() ? QStringLiteral("plain") : got, token)));
        }
    }

private slots:
    void init()
    {
        // An editor's document has a layout; without one, edits are not signalled (contentsChange)
        // and the highlighter would not see them.
        m_doc.documentLayout();
        m_doc.setPlainText(QString::fromUtf8(sample));
        delete m_highlighter;
        m_highlighter = new YamlHighlighter(&m_doc);
        m_highlighter->setPalette(testPalette());
    }
    void cleanupTestCase() { delete m_highlighter; }

    void keysAndPlainValues()
    {
        expect(2, "workflow", "key");
        expect(3, "name", "key");
        expect(3, "order-approval", "string");
        expect(8, "type", "key");
        expect(8, "choice", "string");
        expect(3, ":", "key");             // a key's colon is drawn with it
        expect(6, ",", "", "{type: task"); // punctuation keeps the text colour
    }

    void comments()
    {
        expect(1, "# Orders", "comment");
        expect(4, "# first", "comment");
        expect(11, "# a comment among the rules", "comment");
        QVERIFY(m_highlighter->tokenFormat(YamlHighlighter::Comment).fontItalic());
        // A '#' inside a quoted string, a block scalar or a word is text.
        expect(16, "# not a comment", "string");
        expect(25, "# inside the script", "string");
        expect(35, "a#b", "string");
    }

    void quotedStrings()
    {
        expect(16, "\"Order ", "string");
        expect(16, " EUR? # not a comment\"", "string");
        expect(12, "\"$.amount > 1000\"", "key"); // a quoted key
        // A double-quoted string over two lines, then ordinary YAML again.
        expect(39, "\"first line", "string");
        expect(40, "second line ", "string");
        expect(40, "{{$.x}}", "expression");
        expect(41, "version", "key");
        expect(41, "7", "number");
    }

    void blockScalars()
    {
        expect(24, "shell", "key");
        expect(25, "echo \"", "string");
        expect(25, "{{$.orderId}}", "expression");
        expect(26, "name: not-a-key", "string"); // text inside the scalar, not a key
        expect(28, "exit 0", "string");          // after a blank line inside it
        expect(29, "retry", "key");              // back to YAML at the parent's indentation
    }

    void numbersBooleansNullAnchors()
    {
        expect(6, "30", "number");
        expect(29, "3", "number", "attempts: ");
        expect(29, "exponential", "string");
        expect(29, "true", "keyword");
        expect(29, "null", "keyword");
        expect(29, "-1.5e3", "number");
        expect(29, "&policy", "anchor");
        expect(33, "*policy", "anchor");
        expect(34, "!!str", "anchor");
        expect(34, "42", "number");
        expect(38, "true", "keyword");
    }

    void expressions()
    {
        expect(16, "{{$.orderId}}", "expression");
        expect(16, "{{$.amount}}", "expression");
        expect(18, "Approval.Rejected", "string");
        expect(18, "States.Timeout", "expression");
        expect(20, "$.review", "expression");
        expect(31, "message.$", "key");
        expect(31, "States.Format", "expression");
        expect(31, "('Charged {}', ", "string");
        expect(31, "$$.Execution.Id", "expression");
        expect(32, "${env:SHOP_TOKEN}", "expression");
        // A dollar that does not start a path is text.
        expect(36, "$5 and $HOME", "string");
    }

    void stateNames()
    {
        expect(4, "validate-order", "stateName");
        expect(6, "validate-order", "key");
        expect(6, "needs-review", "stateName");
        expect(6, "task", "string");
        expect(10, "requiresManualReview", "key");
        expect(10, "wait-for-review", "stateName"); // a rule of `when:`
        expect(12, "wait-for-review", "stateName");
        expect(13, "charge-payment", "stateName");
        expect(19, "'order-rejected'", "stateName");
        expect(37, "create-shipment", "stateName");
        expect(38, "create-shipment", "key");
        QVERIFY(m_highlighter->tokenFormat(YamlHighlighter::StateName).fontWeight()
                > QFont::Normal);
    }

    void whenInFlowStyle()
    {
        m_doc.setPlainText(
            QStringLiteral("c:\n  when: {ready: go, $.n > 2: wait}\n  default: stop\n"));
        expect(2, "ready", "key");
        expect(2, "go", "stateName");
        expect(2, "wait", "stateName");
        expect(3, "stop", "stateName");
    }

    void editsReachTheFollowingLines()
    {
        // Typing `|` after a key turns the deeper lines below into text, and removing it turns
        // them back: the state crosses lines as the editor changes one block.
        m_doc.setPlainText(QStringLiteral("a:\n  b: 1\nc: 2\n"));
        expect(2, "b", "key");
        QTextCursor cursor(&m_doc);
        cursor.setPosition(2); // after "a:"
        cursor.insertText(QStringLiteral(" |"));
        expect(2, "b: 1", "string");
        expect(3, "c", "key");
        cursor.deletePreviousChar();
        expect(2, "b", "key");
        expect(2, "1", "number");
    }

    void paletteChangeRecolours()
    {
        expect(2, "workflow", "key");
        const QColor before = m_highlighter->palette().colors[YamlHighlighter::Key];
        m_highlighter->setPalette(testPalette(100)); // as when the theme turns dark
        QVERIFY(m_highlighter->palette().colors[YamlHighlighter::Key] != before);
        expect(2, "workflow", "key"); // now in the new key colour
        expect(16, "{{$.orderId}}", "expression");
    }

    void highlightsAtOnceAndRelaysOutOnce()
    {
        // Installed on a long document, the highlighter colours it at once (no pass deferred to
        // the event loop, during which edits would go unnoticed), and a whole pass (a new palette)
        // makes the layout lay the text out once: marking each block dirty separately re-lays
        // out the document per block (QSyntaxHighlighter::rehighlight(): minutes for 1 MiB).
        QTextDocument doc;
        doc.documentLayout();
        doc.setTextWidth(800);
        QString text;
        for (int i = 0; i < 3000; ++i)
            text += QStringLiteral("key%1: value # comment\n").arg(i);
        doc.setPlainText(text);
        QSignalSpy updates(doc.documentLayout(), &QAbstractTextDocumentLayout::update);
        YamlHighlighter h(&doc);
        h.setPalette(testPalette());
        QVERIFY2(updates.count() <= 4, qPrintable(QString::number(updates.count())));
        QCOMPARE(tokenAt(doc, h, 2000, 0), QStringLiteral("key"));
        QCOMPARE(tokenAt(doc, h, 2000, 15), QStringLiteral("comment"));
        updates.clear();
        h.setPalette(testPalette(50));
        QVERIFY2(updates.count() <= 2, qPrintable(QString::number(updates.count())));
        QCOMPARE(tokenAt(doc, h, 3000, 0), QStringLiteral("key"));
        // An edit right away is highlighted, with one layout for it.
        QTextCursor cursor(doc.findBlockByNumber(2999));
        updates.clear();
        cursor.insertText(QStringLiteral("# "));
        QCOMPARE(tokenAt(doc, h, 3000, 5), QStringLiteral("comment"));
        QCOMPARE(updates.count(), 1);
    }

    void stateSpans()
    {
        QTextDocument doc(QStringLiteral(R"(workflow:
  states:
    fan-out:
      type: parallel
      branches:
        - start_at: left
          states:
            left: {type: pass, end: true}
      run: |
        states:
          not-a-state: 1
      next: done
    done: {type: succeed}
layout:
  states:
    fan-out: {x: 1, y: 2}
)"));
        const QHash<QString, YamlLineMarks::Span> spans = YamlLineMarks::stateSpans(doc);
        QCOMPARE(spans.keys().size(), 3);
        QCOMPARE(spans.value("fan-out").first, 3);
        QCOMPARE(spans.value("fan-out").last, 12);
        QCOMPARE(spans.value("left").first, 8);
        QCOMPARE(spans.value("left").last, 8);
        QCOMPARE(spans.value("done").first, 13);
        QCOMPARE(spans.value("done").last, 13);
        QVERIFY(!spans.contains("not-a-state"));
    }

    void validatorProblemsMarkTheirStatesLine()
    {
        WorkflowDocument doc;
        QString yaml = QString::fromUtf8(seedYaml);
        yaml.replace("{type: task, end: true}", "{type: task, next: nowhere}");
        yaml.remove("      default: charge-payment\n");
        QVERIFY(doc.loadText(yaml, {}));
        QTextDocument text(doc.yamlText());
        const QMap<int, YamlLineMarks::Mark> marks
            = YamlLineMarks::compute(text, *doc.diagnostics());
        const QHash<QString, YamlLineMarks::Span> spans = YamlLineMarks::stateSpans(text);
        // An error on create-shipment (its next names no state), a warning on needs-review (a
        // choice without a default), nothing else.
        QCOMPARE(spans.value("create-shipment").first, 15);
        QCOMPARE(spans.value("needs-review").first, 6);
        QCOMPARE(marks.keys(), QList<int>({6, 15}));
        QVERIFY(marks[15].error);
        QVERIFY2(marks[15].messages.join('\n').contains("nowhere"),
                 qPrintable(marks[15].messages.join('\n')));
        QVERIFY(!marks[6].error);
        QVERIFY2(marks[6].messages.join('\n').contains("default"),
                 qPrintable(marks[6].messages.join('\n')));
    }

    void staleLocationsFollowTheRewrittenText()
    {
        // The diagnostics keep the lines of the text last read; a diagram edit rewrites the text
        // (flow style becomes block style), so the state's mark moves to its new line.
        WorkflowDocument doc;
        QString yaml = QString::fromUtf8(seedYaml);
        yaml.replace("{type: task, end: true}", "{type: task, next: nowhere}");
        QVERIFY(doc.loadText(yaml, {}));
        GraphController controller;
        controller.setDocument(&doc);
        QCOMPARE(controller.renameState("validate-order", "check-order"), QString()); // no error
        QTextDocument text(doc.yamlText());
        QVERIFY(text.toPlainText().contains("\n    create-shipment:\n")); // rewritten
        const int line = YamlLineMarks::stateSpans(text).value("create-shipment").first;
        QVERIFY(line > 0);
        const QMap<int, YamlLineMarks::Mark> marks
            = YamlLineMarks::compute(text, *doc.diagnostics());
        bool onState = false;
        for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
            if (it->messages.join('\n').contains("nowhere")) {
                const auto span = YamlLineMarks::stateSpans(text).value("create-shipment");
                QVERIFY2(it.key() >= span.first && it.key() <= span.last,
                         qPrintable(QStringLiteral("mark on line %1, state at %2-%3")
                                        .arg(it.key())
                                        .arg(span.first)
                                        .arg(span.last)));
                onState = true;
            }
        }
        QVERIFY(onState);
    }

    void readErrorMarksItsLine()
    {
        WorkflowDocument doc;
        QVERIFY(doc.loadText(QString::fromUtf8(seedYaml), {}));
        QString bad = QString::fromUtf8(seedYaml);
        bad.replace("      type: choice\n", "      type: choice\n      when: [oops\n");
        QVERIFY(!doc.applyYaml(bad));
        QVERIFY(doc.yamlErrorLine() > 0);
        QTextDocument text(bad);
        const QMap<int, YamlLineMarks::Mark> marks = YamlLineMarks::compute(
            text, *doc.diagnostics(), doc.yamlError(), doc.yamlErrorLine());
        QVERIFY(marks.contains(doc.yamlErrorLine()));
        QVERIFY(marks[doc.yamlErrorLine()].error);
        QVERIFY(marks[doc.yamlErrorLine()].messages.contains(doc.yamlError()));
        // Fixed: no read error is left.
        QVERIFY(doc.applyYaml(QString::fromUtf8(seedYaml)));
        QTextDocument fixed(doc.yamlText());
        QVERIFY(
            YamlLineMarks::compute(fixed, *doc.diagnostics(), doc.yamlError(), doc.yamlErrorLine())
                .isEmpty());
    }
};

QTEST_MAIN(TestYamlHighlighter)
#include "tst_yamlhighlighter.moc"
