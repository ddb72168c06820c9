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

    function fit() {
        const b = controller.nodes.bounds
        if (b.width <= 0)
            return
        const z = Math.min(1, (width - 96) / b.width,
                           (height - 96 - bottomOverlay) / (b.height + 32))
        fitTo(Qt.rect(b.x, b.y - 32, b.width,
                      b.height + 32 + bottomOverlay / Math.max(z, 0.1)), 48, 1.0)
    }
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

    Keys.onPressed: event => {
        const step = event.modifiers & Qt.ShiftModifier ? 64 : 16
        if (event.key === Qt.Key_Left)
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
}
