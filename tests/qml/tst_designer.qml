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

        // Scrolls the inspector so that `item` is in view (it is inside a ScrollView).
        function reveal(item) {
            waitForRendering(page)
            let flick = item.parent
            while (flick && !(flick.contentY !== undefined && flick.contentItem !== undefined
                              && flick.flickableDirection !== undefined))
                flick = flick.parent
            verify(flick)
            const p = item.mapToItem(flick.contentItem, 0, 0)
            flick.contentY = Math.max(0, p.y - 40)
            waitForRendering(page)
        }
        function replaceText(field, text) {
            reveal(field)
            mouseClick(field, field.width / 2, field.height / 2)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
            keyClick(Qt.Key_Return)
        }

        function init() {
            doc.loadText(root.seed, "")
            page.simulation.clear()
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

        // Every type's node offers the catch port exactly when the graph controller accepts a
        // catch edge from it: both ask the engine's state-type table.
        function test_catchPortAgreesWithTheController() {
            const types = StateTypes.all
            for (let i = 0; i < types.length; ++i) {
                const name = controller.addState(types[i].type, 1200, 200 + 120 * i)
                tryVerify(() => test.node(name) !== null)
                const n = test.node(name)
                compare(n.canCatch, StateTypes.canCatch(types[i].type), types[i].type)
                compare(controller.connectStates(name, "create-shipment", "catch"), n.canCatch,
                        types[i].type)
            }
            verify(test.node("wait-for-event").canCatch)
        }

        // An approval catches (it is a callback Task in ASL): drawing from its catch port adds a
        // catch rule the YAML reader accepts.
        function test_catchFromAnApprovalIsDrawn() {
            page.canvas.reveal("wait-for-review")
            waitForRendering(page)
            const source = test.node("wait-for-review")
            const added = controller.addState("fail", source.x + source.width + 220,
                                              source.y + source.height / 2)
            tryVerify(() => test.node(added) !== null)
            page.canvas.centerOn(Qt.point(source.x + source.width + 110, source.y))
            waitForRendering(page.canvas)
            const port = findChild(page.canvas, "catchport:wait-for-review")
            verify(port)
            verify(port.visible)
            const target = test.node(added)
            mousePress(port, port.width / 2, port.height / 2)
            mouseMove(port, port.width / 2 + 40, port.height / 2, -1, Qt.LeftButton)
            mouseMove(target, target.width / 2, target.height / 2 - 5, -1, Qt.LeftButton)
            mouseMove(target, target.width / 2, target.height / 2, -1, Qt.LeftButton)
            mouseRelease(target, target.width / 2, target.height / 2)
            tryVerify(() => findChild(page.canvas, "edge:wait-for-review>" + added) !== null)
            compare(doc.undoText, "Catch errors of wait-for-review in " + added)
            verify(doc.yamlText.indexOf("catch:") >= 0)
            verify(doc.applyYaml(doc.yamlText))
            compare(doc.problemFor("wait-for-review"), "")
        }

        function test_dragMovesAndUndoPutsItBack() {
            page.canvas.reveal("create-shipment") // the layout may put it below the fold
            waitForRendering(page)
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
            // A 1920×1080 window: the seed fits above 100 % (Fit stopped at 100 % before).
            root.width = 1920
            root.height = 1080
            tryVerify(() => page.canvas.height > 900)
            page.canvas.zoom = 0.2
            page.fit()
            verify(page.canvas.zoom > 1, "zoom " + page.canvas.zoom)
            root.width = 1280
            root.height = 800
            tryVerify(() => page.canvas.height < 800)
            page.canvas.zoom = 0.2
            page.fit()
            const b = controller.nodes.bounds
            const r = page.canvas.visibleRect
            verify(r.x <= b.x && r.y <= b.y)
            verify(r.x + r.width >= b.x + b.width && r.y + r.height >= b.y + b.height)
            // Fit fills the canvas: the diagram spans most of its width or of its height (it
            // stopped at 100 % before, a small diagram in a corner of a large window).
            const z = page.canvas.zoom
            verify(b.width * z > 0.7 * (page.canvas.width - 96)
                   || b.height * z > 0.6 * (page.canvas.height - 96 - page.canvas.bottomOverlay),
                   "zoom " + z)
            verify(z <= page.canvas.maxFitZoom)
        }

        // The delegates are culled against the visible rectangle: it follows the canvas size,
        // so the nodes show as soon as the canvas has one (the canvas was empty at start-up).
        function test_visibleRectFollowsTheSize() {
            const canvas = page.canvas
            const before = canvas.visibleRect.width // a number: rect values are live references
            root.width = 900
            tryVerify(() => canvas.visibleRect.width < before - 100)
            root.width = 1280
            tryVerify(() => Math.abs(canvas.visibleRect.width - before) < 0.5)
        }

        // A one-line value keeps the keys of a form: Tab moves on (no tab character), Enter
        // applies (no newline); both were typed into the YAML before.
        function test_ruleFieldKeys() {
            controller.select("needs-review")
            const rule = findChild(page, "choiceRule0")
            verify(rule)
            reveal(rule)
            mouseClick(rule, rule.width / 2, rule.height / 2)
            tryVerify(() => rule.activeFocus)
            keyClick(Qt.Key_End)
            keyClick(Qt.Key_Return)
            verify(rule.text.indexOf("\n") < 0, JSON.stringify(rule.text))
            keyClick(Qt.Key_Tab)
            verify(rule.text.indexOf("\t") < 0, JSON.stringify(rule.text))
            tryVerify(() => !rule.activeFocus)
        }

        // The canvas from the keyboard: Tab walks the states, Enter edits the selected one in the
        // inspector, C connects it through a menu.
        function test_keyboardOnTheCanvas() {
            page.canvas.forceActiveFocus()
            controller.clearSelection()
            keyClick(Qt.Key_Tab)
            compare(controller.currentState, "validate-order")
            keyClick(Qt.Key_Tab)
            compare(controller.currentState, "needs-review")
            keyClick(Qt.Key_Backtab, Qt.ShiftModifier)
            compare(controller.currentState, "validate-order")
            verify(page.canvas.activeFocus)

            const edgesTo = () => doc.yamlText.split("next: create-shipment").length - 1
            const before = edgesTo()
            keyClick(Qt.Key_C)
            const menu = findChild(page.canvas, "connectMenu")
            tryVerify(() => menu.opened)
            compare(menu.count, 4)
            menu.itemAt(3).triggered() // → create-shipment
            tryVerify(() => !menu.visible)
            tryVerify(() => edgesTo() === before + 1)
            verify(doc.yamlText.indexOf("next: needs-review") < 0) // validate-order's next moved

            page.canvas.forceActiveFocus()
            keyClick(Qt.Key_Return)
            const name = findChild(page, "inspectorName")
            tryVerify(() => name.activeFocus)
            compare(name.text, "validate-order")
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

        function test_addRetryPolicyRewritesTheYamlAndUndoes() {
            controller.select("charge-payment", false)
            const inspector = findChild(page, "inspector")
            tryVerify(() => findChild(inspector, "retryCard:0") !== null)
            compare(findChild(inspector, "retryCard:1"), null)
            const add = findChild(inspector, "addRetry")
            reveal(add)
            mouseClick(add)
            compare(doc.undoText, "Edit retry of charge-payment")
            tryVerify(() => findChild(inspector, "retryCard:1") !== null)
            // A new policy goes before the one catching States.ALL, which must stay last.
            tryVerify(() => doc.yamlText.indexOf("- errors: [States.TaskFailed]") > 0)
            // Attempts of the second policy, typed into the spin box.
            const attempts = findChild(inspector, "retryAttempts:1")
            replaceText(attempts.contentItem, "5")
            tryVerify(() => doc.yamlText.indexOf("attempts: 5") > 0)
            verify(findChild(inspector, "retryPreview:1").text.indexOf("attempt 5 after 8 s") > 0)
            // The YAML pane shows it too.
            page.sideTabs.currentIndex = 1
            tryVerify(() => findChild(page, "yamlEditor").text.indexOf("attempts: 5") > 0)
            page.sideTabs.currentIndex = 0
            doc.undo()
            tryVerify(() => doc.yamlText.indexOf("attempts: 5") < 0)
            doc.undo()
            tryVerify(() => findChild(inspector, "retryCard:1") === null)
            compare(doc.canUndo, false)
        }

        function test_editApprovalFormField() {
            controller.select("wait-for-review", false)
            const inspector = findChild(page, "inspector")
            const add = findChild(inspector, "addFormField")
            tryVerify(() => add !== null && add.visible)
            reveal(add)
            mouseClick(add)
            tryVerify(() => findChild(inspector, "formName:0") !== null)
            replaceText(findChild(inspector, "formName:0"), "window")
            tryVerify(() => doc.yamlText.indexOf("- name: window") > 0)
            compare(doc.undoText, "Edit form field field1 of wait-for-review")
            const type = findChild(inspector, "formType:0")
            reveal(type)
            type.activated(4) // "Choice", as the popup would
            tryVerify(() => doc.yamlText.split("type: choice").length === 3) // and needs-review
            tryVerify(() => findChild(inspector, "formOptions:0").visible)
            replaceText(findChild(inspector, "formOptions:0"), "now, tonight")
            tryVerify(() => doc.yamlText.indexOf("options: [now, tonight]") > 0)
            doc.undo()
            doc.undo()
            tryVerify(() => doc.yamlText.split("type: choice").length === 2)
            compare(findChild(inspector, "formName:0").text, "window")
            doc.undo()
            doc.undo()
            tryVerify(() => findChild(inspector, "formName:0") === null)
        }

        function test_addEnvEntryRewritesTheYamlAndUndoes() {
            doc.loadText(root.seed.replace("validate-order: {type: task, next: needs-review}",
                                           "validate-order: {type: task, next: needs-review, run: {command: [sh, validate.sh]}}"), "")
            controller.select("validate-order", false)
            const inspector = findChild(page, "inspector")
            const add = findChild(inspector, "add:env")
            tryVerify(() => add !== null && add.visible)
            compare(findChild(inspector, "add:header").visible, false) // not an http task
            reveal(add)
            mouseClick(add)
            compare(doc.undoText, "Edit env of validate-order")
            tryVerify(() => doc.yamlText.indexOf("        env:\n          VAR1: ") > 0)
            tryVerify(() => findChild(inspector, "envName:0") !== null)
            replaceText(findChild(inspector, "envName:0"), "API_TOKEN")
            tryVerify(() => doc.yamlText.indexOf("          API_TOKEN: ") > 0)
            compare(doc.yamlText.indexOf("VAR1"), -1)
            replaceText(findChild(inspector, "envValue:0"), "${env:SHOP_TOKEN}")
            tryVerify(() => doc.yamlText.indexOf("          API_TOKEN: ${env:SHOP_TOKEN}\n") > 0)
            tryVerify(() => findChild(inspector, "envSecret:0").visible)
            compare(findChild(inspector, "envSecret:0").text, "Secret from the host: SHOP_TOKEN")
            // An invalid name is shown and not applied.
            replaceText(findChild(inspector, "envName:0"), "2BAD")
            tryVerify(() => findChild(inspector, "envError:0").visible)
            verify(doc.yamlText.indexOf("2BAD") < 0)
            compare(doc.undoText, "Edit env API_TOKEN of validate-order")
            doc.undo()
            tryVerify(() => doc.yamlText.indexOf("${env:SHOP_TOKEN}") < 0)
            doc.undo()
            doc.undo()
            tryVerify(() => doc.yamlText.indexOf("env:") < 0)
            tryVerify(() => findChild(inspector, "envName:0") === null)
            compare(doc.canUndo, false)
        }

        function test_httpHeaderAndBody() {
            doc.loadText(root.seed.replace("create-shipment: {type: task, end: true}",
                                           "create-shipment: {type: task, end: true, run: {http: {method: POST, url: \"https://ship.example.com\"}}}"), "")
            controller.select("create-shipment", false)
            const inspector = findChild(page, "inspector")
            const add = findChild(inspector, "add:header")
            tryVerify(() => add !== null && add.visible)
            compare(findChild(inspector, "add:env").visible, false) // not a process
            reveal(add)
            mouseClick(add)
            tryVerify(() => findChild(inspector, "headerName:0") !== null)
            replaceText(findChild(inspector, "headerName:0"), "Authorization")
            replaceText(findChild(inspector, "headerValue:0"), "Bearer ${env:SHIP_TOKEN}")
            tryVerify(() => doc.yamlText.indexOf("          headers:\n            Authorization: Bearer ${env:SHIP_TOKEN}\n") > 0)
            // A body that starts like JSON must parse; it is not applied until it does.
            const body = findChild(inspector, "inspectorHttpBody")
            const header = findChild(inspector, "headerName:0")
            replaceText(body.textArea, "{\"id\": ")
            reveal(header)
            mouseClick(header)
            verify(body.error !== "")
            verify(doc.yamlText.indexOf("body:") < 0)
            replaceText(body.textArea, "{\"id\": 7}")
            reveal(header)
            mouseClick(header)
            tryVerify(() => doc.yamlText.indexOf("          body:\n            id: 7\n") > 0)
            compare(body.error, "")
            compare(doc.undoText, "Edit httpBody of create-shipment")
            doc.undo()
            doc.undo()
            doc.undo()
            doc.undo()
            tryVerify(() => doc.yamlText.indexOf("headers:") < 0)
            compare(doc.canUndo, false)
        }

        function test_workflowFieldsWhenNothingIsSelected() {
            const inspector = findChild(page, "inspector")
            const workflow = findChild(inspector, "workflowInspector")
            tryVerify(() => workflow.visible)
            replaceText(findChild(workflow, "workflowTimeout"), "3600")
            tryVerify(() => doc.yamlText.indexOf("\n  timeout_seconds: 3600\n") > 0)
            compare(doc.undoText, "Edit the workflow's timeout")
            // An input schema that is not an object is shown and not applied.
            const schema = findChild(workflow, "workflowInputSchema")
            const name = findChild(workflow, "workflowName")
            replaceText(schema.textArea, "[1]")
            reveal(name)
            mouseClick(name) // leaving the field applies it when it is valid
            verify(!schema.textArea.activeFocus)
            verify(schema.error !== "")
            verify(doc.yamlText.indexOf("input_schema") < 0)
            replaceText(schema.textArea, "{\"properties\": {\"orderId\": {\"type\": \"string\"}}}")
            reveal(name)
            mouseClick(name)
            tryVerify(() => doc.yamlText.indexOf("\n  input_schema:\n") > 0)
            compare(schema.error, "")
            replaceText(name, "orders")
            tryCompare(doc, "workflowName", "orders")
            // Selecting a state shows the state; clearing the selection shows the workflow again.
            controller.select("validate-order", false)
            tryVerify(() => !workflow.visible)
            controller.clearSelection()
            tryVerify(() => workflow.visible)
            compare(name.text, "orders")
            doc.undo()
            doc.undo()
            doc.undo()
            tryVerify(() => doc.yamlText.indexOf("timeout_seconds") < 0)
            compare(doc.workflowName, "order-approval")
            compare(findChild(workflow, "workflowTimeout").text, "")
            compare(doc.canUndo, false)
        }

        function test_invalidPathIsShownAndNotApplied() {
            controller.select("charge-payment", false)
            const inspector = findChild(page, "inspector")
            const field = findChild(inspector, "dataFlow:resultPath")
            verify(field)
            replaceText(field.textField, "$.a[*]")
            verify(field.error !== "")
            compare(doc.canUndo, false)
            replaceText(field.textField, "$.payment")
            compare(field.error, "")
            tryVerify(() => doc.yamlText.indexOf("result_path: $.payment") > 0)
        }

        function test_simulateMarksTheVisitedStatesInOrder() {
            page.fit()
            page.simulationBar.stepInterval = 40
            page.simulate()
            const dialog = page.simulateDialog
            tryCompare(dialog, "opened", true)
            const confirm = findChild(dialog, "simulateConfirm")
            mouseClick(confirm)
            tryCompare(dialog, "visible", false)
            tryCompare(page.simulation, "status", "SUCCEEDED")
            tryCompare(page.simulation, "shownStep", 4)
            const order = ["validate-order", "needs-review", "charge-payment", "create-shipment"]
            for (let i = 0; i < order.length; ++i)
                compare(findChild(page.canvas, "simMark:" + order[i]).stepText, String(i + 1))
            compare(findChild(page.canvas, "simMark:wait-for-review").stepText, "")
            verify(findChild(page.canvas, "simEdge:needs-review>charge-payment").visible)
            verify(!findChild(page.canvas, "simEdge:needs-review>wait-for-review").visible)
            verify(findChild(page, "simulationOutcome").visible)

            // Replay step by step: the states light up one after the other.
            page.simulationBar.playing = false
            page.simulation.shownStep = 0
            const forward = findChild(page, "simulationStepForward")
            for (let i = 0; i < order.length; ++i) {
                compare(findChild(page.canvas, "simMark:" + order[i]).stepText, "")
                mouseClick(forward)
                compare(page.simulation.shownStep, i + 1)
                compare(findChild(page.canvas, "simMark:" + order[i]).current, true)
                compare(findChild(page.canvas, "simMark:" + order[i]).stepText, String(i + 1))
            }
            mouseClick(findChild(page, "simulationClear"))
            compare(page.simulation.active, false)
            compare(findChild(page.canvas, "simulationOverlay").visible, false)
        }

        function test_simulationStopsAtTheApproval() {
            page.simulationBar.stepInterval = 20
            compare(page.simulation.start('{"requiresManualReview": true}'), "")
            tryCompare(page.simulation, "status", "WAITING")
            tryCompare(page.simulation, "shownStep", 3)
            tryVerify(() => findChild(page, "simulationWaiting").visible)
            compare(findChild(page.canvas, "simMark:wait-for-review").last.status, "waiting")
            mouseClick(findChild(page, "simulationApprove"))
            tryCompare(page.simulation, "status", "SUCCEEDED")
            tryCompare(page.simulation, "shownStep", 5)
            compare(findChild(page.canvas, "simMark:create-shipment").stepText, "5")
        }
    }
}
