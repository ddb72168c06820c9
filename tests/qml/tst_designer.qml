import QtQuick
import QtTest
import Signalbox
import Signalbox.Models

// Interactions with the Design place, driven by real mouse and key events: drag a state in from
// the palette, connect two states from a port, move and undo, edit the YAML and see the diagram
// change, and an invalid YAML edit that keeps the diagram.
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

    width: 1280
    height: 800

    WorkflowDocument {
        id: doc
    }
    GraphController {
        id: controller
        document: doc
    }
    DesignPage {
        id: page
        anchors.fill: parent
        document: doc
        controller: controller
    }

    TestCase {
        id: test

        function node(name) {
            return findChild(page.canvas, "node:" + name)
        }

        name: "Designer"
        when: windowShown

        function init() {
            doc.loadText(root.seed, "")
            controller.clearSelection()
            page.sideTabs.currentIndex = 0
            page.canvas.zoom = 1
            page.canvas.offset = Qt.point(0, 0)
            waitForRendering(page)
        }

        function test_nodesAndEdgesAreDrawn() {
            tryVerify(() => test.node("needs-review") !== null)
            compare(test.node("needs-review").shape, "diamond")
            compare(test.node("validate-order").isStart, true)
            verify(findChild(page.canvas, "edge:needs-review>wait-for-review") !== null)
        }

        function test_dragStateFromPalette() {
            const item = findChild(page, "palette:wait")
            verify(item)
            const target = Qt.point(page.canvas.width - 120, 300)
            const drop = page.canvas.mapToContent(target)
            mousePress(item, 20, 20)
            mouseMove(item, 40, 30, -1, Qt.LeftButton)
            mouseMove(page.canvas, target.x - 50, target.y, -1, Qt.LeftButton)
            mouseMove(page.canvas, target.x, target.y, -1, Qt.LeftButton)
            mouseRelease(page.canvas, target.x, target.y)
            compare(doc.stateCount, 6)
            tryVerify(() => test.node("wait") !== null)
            const added = test.node("wait")
            // Centred where it was dropped, snapped to the grid.
            fuzzyCompare(added.x + added.width / 2, drop.x, 16)
            fuzzyCompare(added.y + added.height / 2, drop.y, 16)
            compare(controller.currentState, "wait")
            compare(doc.dirty, true)
            doc.undo()
            compare(doc.stateCount, 5)
            tryVerify(() => test.node("wait") === null)
        }

        function test_connectTwoStatesFromAPort() {
            controller.addState("pass", 1000, 200)
            controller.addState("succeed", 1000, 500)
            compare(doc.stateCount, 7)
            page.canvas.centerOn(Qt.point(1000, 350))
            tryVerify(() => test.node("succeed") !== null)
            waitForRendering(page.canvas)
            const port = findChild(page.canvas, "port:pass")
            verify(port)
            const target = test.node("succeed")
            mousePress(port, port.width / 2, port.height / 2)
            mouseMove(port, port.width / 2, port.height / 2 + 40, -1, Qt.LeftButton)
            mouseMove(target, target.width / 2, target.height / 2 - 5, -1, Qt.LeftButton)
            mouseMove(target, target.width / 2, target.height / 2, -1, Qt.LeftButton)
            mouseRelease(target, target.width / 2, target.height / 2)
            tryVerify(() => findChild(page.canvas, "edge:pass>succeed") !== null)
            compare(doc.undoText, "Connect pass to succeed")
            doc.undo()
            tryVerify(() => findChild(page.canvas, "edge:pass>succeed") === null)
        }

        function test_dragMovesAndUndoPutsItBack() {
            const n = test.node("create-shipment")
            const x0 = n.x, y0 = n.y
            mousePress(n, 20, 20)
            for (let i = 1; i <= 8; ++i)
                mouseMove(n, 20 + i * 10, 20 + i * 4, -1, Qt.LeftButton)
            mouseRelease(n, 100, 52)
            verify(n.x !== x0 || n.y !== y0)
            compare(n.x % 16, 0)
            compare(doc.undoText, "Move create-shipment")
            doc.undo()
            compare(n.x, x0)
            compare(n.y, y0)
            verify(!doc.canUndo)
        }

        function test_clickSelectsAndBackgroundClears() {
            const n = test.node("charge-payment")
            mouseClick(n, 30, 20)
            compare(controller.selection, ["charge-payment"])
            compare(n.selected, true)
            mouseClick(page.canvas, 5, 5)
            compare(controller.selection, [])
        }

        function test_editYamlRedrawsTheDiagram() {
            page.sideTabs.currentIndex = 1
            const editor = findChild(page, "yamlEditor")
            verify(editor)
            compare(editor.text, root.seed)
            editor.forceActiveFocus()
            editor.text = root.seed.replace("create-shipment: {type: task, end: true}",
                                            "create-shipment: {type: task, next: shipped}\n    shipped: {type: succeed}")
            page.yamlPane.apply()
            compare(doc.yamlError, "")
            compare(doc.stateCount, 6)
            tryVerify(() => test.node("shipped") !== null)
            tryVerify(() => findChild(page.canvas, "edge:create-shipment>shipped") !== null)
            doc.undo()
            tryVerify(() => test.node("shipped") === null)
            tryCompare(editor, "text", root.seed)
        }

        function test_invalidYamlShowsTheErrorAndKeepsTheDiagram() {
            page.sideTabs.currentIndex = 1
            const editor = findChild(page, "yamlEditor")
            editor.forceActiveFocus()
            editor.text = root.seed.replace("type: choice", "type: choice\n      when: [oops")
            page.yamlPane.apply()
            verify(doc.yamlError !== "")
            verify(doc.yamlErrorLine > 0)
            const banner = findChild(page, "yamlErrorBanner")
            tryCompare(banner, "visible", true)
            verify(findChild(page, "yamlErrorLabel").text.indexOf("Line " + doc.yamlErrorLine) === 0)
            compare(doc.stateCount, 5)
            verify(test.node("needs-review") !== null)
            verify(!doc.canUndo)
            // Typing continues from the user's text, which is not replaced.
            compare(editor.text.indexOf("[oops") > 0, true)
        }

        function test_diagramEditRewritesTheYaml() {
            page.sideTabs.currentIndex = 1
            const editor = findChild(page, "yamlEditor")
            controller.select("charge-payment")
            controller.renameState("charge-payment", "charge")
            tryVerify(() => editor.text.indexOf("charge:") > 0)
            compare(editor.text.indexOf("charge-payment"), -1)
        }

        function test_zoomAndFit() {
            page.canvas.zoomIn()
            verify(page.canvas.zoom > 1)
            page.fit()
            verify(page.canvas.zoom <= 1)
            const b = controller.nodes.bounds
            const r = page.canvas.visibleRect
            verify(r.x <= b.x && r.y <= b.y)
            verify(r.x + r.width >= b.x + b.width && r.y + r.height >= b.y + b.height)
        }

        function test_problemClickSelectsTheState() {
            doc.loadText(root.seed.replace("{type: task, next: needs-review}",
                                           "{type: task, next: nowhere}"), "")
            const list = findChild(page, "problemsList")
            tryVerify(() => list.count > 0)
            waitForRendering(list)
            let row = null
            for (let i = 0; i < list.count && row === null; ++i) {
                const item = list.itemAtIndex(i)
                if (item && item.stateName === "validate-order")
                    row = item
            }
            verify(row)
            mouseClick(row, 10, 10)
            compare(controller.selection, ["validate-order"])
        }
    }
}
