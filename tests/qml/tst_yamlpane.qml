import QtQuick
import QtTest
import Signalbox
import Signalbox.Models

// The YAML pane's gutter and colours, as a user sees them: line numbers beside the text lines
// (also after scrolling a long text), the current line emphasised, a red mark on the line of an
// invalid edit that goes away when it is fixed, the validator's errors and warnings on their
// state's line (also after a diagram edit rewrote the text), the mark's tooltip, and key colours
// that follow the theme.
Item {
    id: root

    readonly property string seed: "workflow:
  name: order-approval
  start_at: validate-order
  states:
    validate-order: {type: task, next: needs-review}
    needs-review:
      type: choice
      when:
        requiresManualReview: wait-for-review
      default: charge-payment
    wait-for-review: {type: wait_for_event, next: charge-payment}
    charge-payment:
      type: task
      retry: {attempts: 3, backoff: exponential}
      next: create-shipment
    create-shipment: {type: task, end: true}
"

    width: 420
    height: 500

    WorkflowDocument {
        id: doc
    }
    GraphController {
        id: controller
        document: doc
    }
    YamlPane {
        id: pane
        anchors.fill: parent
        document: doc
    }

    TestCase {
        id: test

        name: "YamlPane"
        when: windowShown

        function row(line) {
            return findChild(pane.gutter, "yamlLine:" + line)
        }
        function mark(line) {
            const r = row(line)
            return r ? findChild(r, "yamlMark") : null
        }
        function markedLines() {
            const out = []
            for (let line = 1; line <= pane.editor.lineCount; ++line) {
                const m = mark(line)
                if (m && m.visible)
                    out.push(line)
            }
            return out
        }
        // The line (1-based) of the first text line that contains `what`.
        function lineOf(what) {
            const lines = pane.editor.text.split("\n")
            for (let i = 0; i < lines.length; ++i)
                if (lines[i].indexOf(what) >= 0)
                    return i + 1
            return -1
        }
        // Where the editor draws a line, in the gutter's coordinates.
        function textLineRect(line) {
            const r = pane.editor.positionToRectangle(pane.support.positionOfLine(line))
            const p = pane.editor.mapToItem(pane.gutter, r.x, r.y)
            return Qt.rect(p.x, p.y, r.width, r.height)
        }
        function verifyAligned(line) {
            const r = row(line)
            verify(r, "no gutter row for line " + line)
            verify(r.visible)
            compare(findChild(r, "yamlLineNumber").text, String(line))
            const text = textLineRect(line)
            fuzzyCompare(r.y, text.y, 1)
            fuzzyCompare(r.height, text.height, 1)
        }
        // A pixel of the editor's first line that has (about) `color`.
        function lineHasColor(line, color) {
            const rect = textLineRect(line)
            let found = false
            const c = Qt.color(color)
            const image = grabImage(pane)
            const x0 = pane.gutter.width
            for (let y = Math.floor(rect.y); y < rect.y + rect.height && !found; ++y) {
                for (let x = x0; x < Math.min(pane.width, x0 + 120) && !found; ++x) {
                    const p = image.pixel(x, y)
                    found = Math.abs(p.r - c.r) < 0.06 && Math.abs(p.g - c.g) < 0.06
                            && Math.abs(p.b - c.b) < 0.06
                }
            }
            return found
        }

        function init() {
            Theme.mode = "light"
            doc.loadText(root.seed, "")
            pane.editor.focus = false
            waitForRendering(pane)
        }

        function test_lineNumbersBesideTheirLines() {
            compare(pane.editor.lineCount, 17) // 16 lines and the empty one after the last newline
            for (let line = 1; line <= 17; ++line)
                verifyAligned(line)
            verify(row(18) === null || !row(18).visible)
        }

        function test_longTextScrollsWithFewItems() {
            let text = root.seed
            for (let i = 0; i < 400; ++i)
                text += "# comment line " + (i + 18) + "\n"
            doc.loadText(text, "")
            tryCompare(pane.editor, "lineCount", 417)
            const flick = pane.editor.parent.parent
            verify(flick.contentY !== undefined)
            flick.contentY = pane.editor.positionToRectangle(pane.support.positionOfLine(300)).y
            waitForRendering(pane)
            // The first row in view is line 300 (or the one above it, under the top padding).
            verify(pane.firstVisibleLine >= 299 && pane.firstVisibleLine <= 300)
            for (let line = 300; line < 310; ++line)
                verifyAligned(line)
            compare(findChild(row(305), "yamlLineNumber").text, "305")
            // The gutter has items for the lines in view only, not one per line.
            verify(pane.gutter.children.length < 80, pane.gutter.children.length)
            verify(row(5) === null || row(5).y < 0)
        }

        function test_themeSwitchKeepsTheViewAndANewTextStartsAtTheTop() {
            let text = root.seed
            for (let i = 0; i < 400; ++i)
                text += "# comment line " + (i + 18) + "\n"
            doc.loadText(text, "")
            tryCompare(pane.editor, "lineCount", 417)
            const flick = pane.editor.parent.parent
            flick.contentY = pane.editor.positionToRectangle(pane.support.positionOfLine(300)).y
            waitForRendering(pane)
            const first = pane.firstVisibleLine
            verify(first >= 299)
            pane.editor.cursorPosition = pane.support.positionOfLine(first + 2)
            verify(!pane.editor.activeFocus)
            tryVerify(() => findChild(row(first + 2), "yamlLineNumber").font.bold)
            // Re-colouring the text for the dark theme leaves the view and the cursor's line.
            Theme.mode = "dark"
            waitForRendering(pane)
            compare(pane.firstVisibleLine, first)
            compare(findChild(row(first + 1), "yamlLineNumber").text, String(first + 1))
            compare(pane.currentLine, first + 2)
            verify(findChild(row(first + 2), "yamlLineNumber").font.bold)
            // Another text is shown from its first line.
            doc.loadText(root.seed, "")
            tryCompare(pane, "firstVisibleLine", 1)
            verifyAligned(1)
        }

        function test_currentLineIsEmphasised() {
            pane.editor.forceActiveFocus()
            pane.editor.cursorPosition = pane.support.positionOfLine(3) + 4
            const number = findChild(row(3), "yamlLineNumber")
            tryVerify(() => number.font.bold)
            compare(String(number.color), String(Theme.text))
            const other = findChild(row(4), "yamlLineNumber")
            compare(other.font.bold, false)
            compare(String(other.color), String(Theme.textMuted))
            keyClick(Qt.Key_Down)
            tryVerify(() => findChild(row(4), "yamlLineNumber").font.bold)
            compare(findChild(row(3), "yamlLineNumber").font.bold, false)
        }

        function test_invalidEditMarksItsLineUntilFixed() {
            compare(markedLines(), [])
            // Type a broken rule after `type: choice` (line 7), as a user would.
            const line = lineOf("type: choice")
            compare(line, 7)
            pane.editor.forceActiveFocus()
            pane.editor.cursorPosition = pane.support.positionOfLine(line + 1) - 1
            keyClick(Qt.Key_Return)
            for (const ch of "      when: [oops")
                keyClick(ch)
            // The pane applies the text after a pause; the read error has a line.
            tryVerify(() => doc.yamlError !== "", 5000)
            verify(doc.yamlErrorLine > 0)
            tryVerify(() => mark(doc.yamlErrorLine) && mark(doc.yamlErrorLine).visible)
            compare(String(mark(doc.yamlErrorLine).color), String(Theme.error))
            verify(findChild(pane.editor, "yamlBand:" + doc.yamlErrorLine).visible)
            // Hovering the mark tells why (the error banner under the editor does not disturb it).
            tryVerify(() => findChild(pane, "yamlErrorBanner").visible)
            waitForRendering(pane)
            const r = row(doc.yamlErrorLine)
            mouseMove(r, 9, r.height / 2)
            tryVerify(() => r.toolTip.visible)
            verify(r.toolTip.text.indexOf(doc.yamlError) >= 0, r.toolTip.text)
            // Fixed: the mark goes away.
            pane.editor.text = root.seed
            pane.apply()
            compare(doc.yamlError, "")
            tryVerify(() => test.markedLines().length === 0)
            const band = findChild(pane.editor, "yamlBand:" + (line + 1))
            verify(!band || !band.visible)
        }

        function test_validatorErrorAndWarning() {
            doc.loadText(root.seed.replace("{type: task, end: true}", "{type: task, next: nowhere}")
                                  .replace("      default: charge-payment\n", ""), "")
            const shipment = lineOf("create-shipment: {")
            const review = lineOf("needs-review:")
            tryVerify(() => String(test.markedLines()) === String([review, shipment]))
            compare(String(mark(shipment).color), String(Theme.error))
            compare(String(mark(review).color), String(Theme.warning))
            verify(pane.support.messagesAt(shipment).indexOf("nowhere") >= 0)
            verify(pane.support.messagesAt(review).indexOf("default") >= 0)
            // The problem is fixed in the diagram's data: the marks update as it revalidates.
            doc.loadText(root.seed, "")
            tryVerify(() => test.markedLines().length === 0)
        }

        function test_marksFollowARewrittenText() {
            doc.loadText(root.seed.replace("{type: task, end: true}", "{type: task, next: nowhere}"),
                         "")
            tryVerify(() => test.markedLines().length === 1)
            // A diagram edit rewrites the text in block style: the mark moves with its state.
            compare(controller.renameState("validate-order", "check-order"), "")
            tryVerify(() => pane.editor.text.indexOf("    create-shipment:\n") >= 0)
            const line = lineOf("    create-shipment:")
            verify(line > 16)
            tryVerify(() => String(test.markedLines()) === String([line]))
        }

        function test_keysFollowTheTheme() {
            // The first line's key is drawn in the theme's key colour, light and dark.
            tryVerify(() => lineHasColor(1, pane.syntaxColors.key))
            const light = String(pane.syntaxColors.key)
            Theme.mode = "dark"
            tryVerify(() => String(pane.syntaxColors.key) !== light)
            tryVerify(() => lineHasColor(1, pane.syntaxColors.key))
            verify(!lineHasColor(1, light))
            Theme.mode = "light"
            tryVerify(() => lineHasColor(1, light))
        }
    }
}
