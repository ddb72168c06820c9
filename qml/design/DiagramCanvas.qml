pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Signalbox
import Signalbox.Models

// The flowchart: edges and nodes inside a pan/zoom viewport with a dotted grid. Background
// clicks select edges (hit-tested in C++) or clear the selection; Shift+drag draws a rubber band.
NavigableView {
    id: view

    required property GraphController controller
    property string connectFrom
    property string connectKind
    property point connectStart
    property point connectEnd
    readonly property bool connecting: connectFrom !== ""

    // Leaves room at the bottom for the minimap and zoom controls drawn over the canvas.
    property real bottomOverlay: 120

    // A fit asked for before the canvas has its size (at start-up, File ▸ New) happens once
    // it has one.
    property bool fitPending: false

    // Zoom to fit: the whole diagram, as large as the canvas allows up to `maxFitZoom` (a
    // two-state workflow at 300 % helps nobody), above the zoom controls and the minimap.
    property real maxFitZoom: 2
    function fit() {
        fitAround(0, bottomOverlay)
    }
    function fitAround(top: real, bottom: real) {
        const b = controller.nodes.bounds
        if (b.width <= 0)
            return
        if (width <= 96 || height <= 96 + top + bottom) {
            fitPending = true
            return
        }
        fitPending = false
        const z = Math.min(maxFitZoom, (width - 96) / b.width,
                           (height - 96 - top - bottom) / (b.height + 32))
        fitTo(Qt.rect(b.x, b.y - 32 - top / Math.max(z, 0.1), b.width,
                      b.height + 32 + (top + bottom) / Math.max(z, 0.1)), 48, maxFitZoom)
    }
    onWidthChanged: if (fitPending) Qt.callLater(fit)
    onHeightChanged: if (fitPending) Qt.callLater(fit)
    function reveal(name: string) {
        const r = controller.nodes.nodeRect(name)
        if (r.width > 0)
            ensureVisible(r, 48)
    }

    objectName: "canvas"
    backgroundColor: Theme.canvas
    gridColor: Theme.canvasDot
    gridSpacing: 16
    minZoom: 0.1
    maxZoom: 3
    focus: true
    Accessible.name: qsTr("Workflow diagram")

    onBackgroundClicked: (p, modifiers) => {
        const e = controller.edges.edgeAt(p.x, p.y)
        if (e >= 0)
            controller.selectEdge(e)
        else
            controller.clearSelection()
    }
    onRubberBandFinished: (r, modifiers) => controller.selectInRect(
                              r.x, r.y, r.width, r.height, (modifiers & Qt.ControlModifier) !== 0)

    // Enter on a selected state: the page moves the focus to the inspector.
    signal inspectRequested(string name)

    function selectFromKeyboard(step: int) {
        const name = controller.selectNext(step)
        if (name !== "")
            reveal(name)
    }
    // C on a selected state: a menu of the states it can be connected to.
    function openConnectMenu() {
        const from = controller.currentState
        if (from === "")
            return
        connectMenu.from = from
        connectMenu.targets = controller.connectionTargets()
        const r = controller.nodes.nodeRect(from)
        const p = mapFromContent(Qt.point(r.x, r.y + r.height))
        connectMenu.popup(view, p.x, p.y)
    }

    Keys.onPressed: event => {
        const step = event.modifiers & Qt.ShiftModifier ? 64 : 16
        // Tab and Shift+Tab walk the states; Ctrl+Tab leaves the canvas (as in text editors).
        if (event.key === Qt.Key_Tab && !(event.modifiers & Qt.ControlModifier))
            selectFromKeyboard(1)
        else if (event.key === Qt.Key_Backtab && !(event.modifiers & Qt.ControlModifier))
            selectFromKeyboard(-1)
        else if ((event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab)) {
            const next = nextItemInFocusChain(event.key === Qt.Key_Tab)
            if (next)
                next.forceActiveFocus(Qt.TabFocusReason)
        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                   && controller.currentState !== "")
            inspectRequested(controller.currentState)
        else if (event.key === Qt.Key_C && event.modifiers === Qt.NoModifier)
            openConnectMenu()
        else if (event.key === Qt.Key_Left)
            controller.nudgeSelection(-step, 0)
        else if (event.key === Qt.Key_Right)
            controller.nudgeSelection(step, 0)
        else if (event.key === Qt.Key_Up)
            controller.nudgeSelection(0, -step)
        else if (event.key === Qt.Key_Down)
            controller.nudgeSelection(0, step)
        else if (event.key === Qt.Key_Escape)
            controller.clearSelection()
        else
            return
        event.accepted = true
    }

    Repeater {
        model: view.controller.edges
        delegate: EdgeDelegate {
            viewport: view.visibleRect
        }
    }

    Repeater {
        model: view.controller.nodes
        delegate: NodeDelegate {
            controller: view.controller
            viewport: view.visibleRect
            onConnectStarted: (from, kind, p) => {
                view.connectFrom = from
                view.connectKind = kind
                view.connectStart = p
                view.connectEnd = p
            }
            onConnectMoved: p => view.connectEnd = p
            onConnectFinished: p => {
                const target = view.controller.nodes.nodeAt(p.x, p.y)
                if (target !== "" && target !== view.connectFrom)
                    view.controller.connectStates(view.connectFrom, target, view.connectKind)
                view.connectFrom = ""
            }
        }
    }

    // The edge being drawn from a port.
    Shape {
        visible: view.connecting
        z: 10
        antialiasing: true
        ShapePath {
            strokeColor: view.connectKind === "catch" ? Theme.edgeCatch : Theme.accent
            strokeWidth: 2
            strokeStyle: ShapePath.DashLine
            dashPattern: [3, 3]
            fillColor: "transparent"
            startX: view.connectStart.x
            startY: view.connectStart.y
            PathLine { x: view.connectEnd.x; y: view.connectEnd.y }
        }
    }

    Rectangle {
        visible: view.rubberBand.width > 0
        z: 11
        x: view.rubberBand.x
        y: view.rubberBand.y
        width: view.rubberBand.width
        height: view.rubberBand.height
        color: Qt.rgba(Theme.selection.r, Theme.selection.g, Theme.selection.b, 0.08)
        border.color: Theme.selection
        border.width: 1 / view.zoom
    }

    AppMenu {
        id: connectMenu
        objectName: "connectMenu"
        property string from
        property var targets: []
        title: qsTr("Connect to")
        Instantiator {
            model: connectMenu.targets
            delegate: AppMenuItem {
                required property string modelData
                text: qsTr("→ %1").arg(modelData)
                onTriggered: {
                    view.controller.connectStates(connectMenu.from, modelData)
                    view.forceActiveFocus()
                }
            }
            onObjectAdded: (index, object) => connectMenu.insertItem(index, object)
            onObjectRemoved: (index, object) => connectMenu.removeItem(object)
        }
    }
}
