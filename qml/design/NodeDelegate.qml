pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Signalbox
import Signalbox.Models

// One state on the canvas, drawn by type: task box, choice diamond, wait clock, approval person,
// parallel bars, map stack, pass, succeed/fail terminals. A parallel or map state with content is
// a container (ContainerFrame) whose branches' states are drawn by their own delegates on top.
// Dragging a top-level node moves the selection (nested states follow their container);
// dragging from a port (bottom: next, right: on error) connects it to another node.
Item {
    id: node

    required property int index
    required property string name
    required property string stateType
    required property string typeLabel
    required property real nodeX
    required property real nodeY
    required property real nodeWidth
    required property real nodeHeight
    required property string shape
    required property string subtitle
    required property string comment
    required property bool isStart
    required property int retryCount
    required property int catchCount
    required property int timeout
    required property string problem
    required property bool selected
    required property int depth
    required property var lanes

    property GraphController controller
    // The visible part of the scene; nodes outside it are not drawn (500-state workflows).
    property rect viewport: Qt.rect(-1e6, -1e6, 2e6, 2e6)
    readonly property color accent: StateTypes.color(stateType)
    readonly property bool hovered: hover.hovered
    // The catch port: the rule is the engine's (StateTypes.canCatch), as for the reader and the
    // graph controller.
    readonly property bool canCatch: StateTypes.canCatch(stateType)
    readonly property bool hasOutput: StateTypes.hasOutput(stateType)
    readonly property bool container: shape === "container"

    signal connectStarted(string from, string kind, point scenePoint)
    signal connectMoved(point scenePoint)
    signal connectFinished(point scenePoint)

    function scenePoint(item: Item, x: real, y: real): point {
        return item.mapToItem(node.parent, x, y)
    }

    x: nodeX
    y: nodeY
    width: nodeWidth
    height: nodeHeight
    // Frames under the edges (z 0), outer frames under inner ones; nodes above the edges.
    z: container ? -20 + depth : selected ? 2 : 1
    visible: x + width + 40 >= viewport.x && x - 40 <= viewport.x + viewport.width
             && y + height + 40 >= viewport.y && y - 40 <= viewport.y + viewport.height
    objectName: "node:" + name
    Accessible.role: Accessible.Button
    Accessible.name: typeLabel + " " + name

    HoverHandler {
        id: hover
    }
    ToolTip.visible: hover.hovered && comment !== "" && !dragArea.pressed
    ToolTip.delay: 700
    ToolTip.text: comment

    // Start marker.
    Item {
        visible: node.isStart
        x: node.width / 2 - 8
        y: -30
        width: 16
        height: 30
        Rectangle {
            width: 12
            height: 12
            radius: 6
            x: 2
            color: Theme.success
        }
        Rectangle {
            x: 7.25
            y: 11
            width: 1.5
            height: 12
            color: Theme.edge
        }
        Shape {
            antialiasing: true
            ShapePath {
                strokeColor: "transparent"
                fillColor: Theme.edge
                PathSvg { path: "M 8 30 L 4 22 L 12 22 Z" }
            }
        }
    }

    ContainerFrame {
        visible: node.container
        anchors.fill: parent
        name: node.name
        stateType: node.stateType
        typeLabel: node.typeLabel
        subtitle: node.subtitle
        lanes: node.container ? node.lanes : []
        headerRightMargin: 12
        borderWidth: node.selected ? 2.5 : 2
        borderColor: node.selected ? Theme.selection
                   : node.problem !== "" ? Theme.error
                   : node.accent
    }

    // Soft shadow.
    Rectangle {
        visible: node.shape !== "diamond" && !node.container
        anchors.fill: body
        anchors.topMargin: 2
        anchors.bottomMargin: -2
        radius: body.radius
        color: Theme.dark ? "#40000000" : "#14000000"
    }

    Rectangle {
        id: body
        visible: node.shape !== "diamond" && !node.container
        anchors.fill: parent
        radius: node.shape === "terminal" ? height / 2 : Theme.radius
        color: node.shape === "terminal"
               ? Qt.tint(Theme.nodeFill, Qt.rgba(node.accent.r, node.accent.g, node.accent.b,
                                                 Theme.dark ? 0.28 : 0.12))
               : Theme.nodeFill
        border.width: node.selected ? 2 : 1
        border.color: node.selected ? Theme.selection
                    : node.problem !== "" ? Theme.error
                    : node.shape === "terminal" ? node.accent
                    : node.hovered ? Qt.darker(Theme.nodeBorder, 1.2) : Theme.nodeBorder

        // Type accent bar.
        Rectangle {
            visible: node.shape === "box"
            x: 1
            y: 1
            width: 4
            height: parent.height - 2
            radius: 2
            color: node.accent
        }
    }

    Shape {
        id: diamond
        visible: node.shape === "diamond"
        anchors.fill: parent
        antialiasing: true
        ShapePath {
            strokeColor: node.selected ? Theme.selection
                       : node.problem !== "" ? Theme.error : node.accent
            strokeWidth: node.selected ? 2.5 : 1.5
            fillColor: Qt.tint(Theme.nodeFill, Qt.rgba(node.accent.r, node.accent.g,
                                                        node.accent.b, Theme.dark ? 0.22 : 0.10))
            joinStyle: ShapePath.RoundJoin
            startX: node.width / 2
            startY: 0
            PathLine { x: node.width; y: node.height / 2 }
            PathLine { x: node.width / 2; y: node.height }
            PathLine { x: 0; y: node.height / 2 }
            PathLine { x: node.width / 2; y: 0 }
        }
    }

    // Box content: icon disc, name, type and detail.
    Row {
        visible: node.shape === "box"
        x: 14
        anchors.verticalCenter: parent.verticalCenter
        spacing: 10

        Rectangle {
            width: 32
            height: 32
            radius: 16
            anchors.verticalCenter: parent.verticalCenter
            color: Qt.rgba(node.accent.r, node.accent.g, node.accent.b, Theme.dark ? 0.25 : 0.12)
            Icon {
                anchors.centerIn: parent
                path: StateTypes.icon(node.stateType)
                color: node.accent
                size: 18
            }
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            width: node.width - 14 - 32 - 10 - 10
            spacing: 2
            Label {
                width: parent.width
                text: node.name
                elide: Text.ElideRight
                font.pixelSize: Theme.fontSize
                font.bold: true
                color: Theme.text
            }
            Label {
                width: parent.width
                text: node.subtitle !== "" ? node.typeLabel + " · " + node.subtitle : node.typeLabel
                elide: Text.ElideRight
                font.pixelSize: Theme.smallFontSize
                color: Theme.textMuted
            }
        }
    }

    // Diamond and terminal content: centred name.
    Column {
        visible: node.shape === "diamond" || node.shape === "terminal"
        anchors.centerIn: parent
        spacing: 1
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 6
            Icon {
                visible: node.shape === "terminal"
                anchors.verticalCenter: parent.verticalCenter
                path: StateTypes.icon(node.stateType)
                color: node.accent
                size: 16
                strokeWidth: 2.4
            }
            Label {
                width: Math.min(implicitWidth, node.width - (node.shape === "diamond" ? 56 : 48))
                text: node.name
                elide: Text.ElideRight
                font.pixelSize: Theme.fontSize
                font.bold: true
                color: Theme.text
            }
        }
        Label {
            visible: node.shape === "diamond"
            anchors.horizontalCenter: parent.horizontalCenter
            text: node.subtitle
            font.pixelSize: Theme.smallFontSize
            color: Theme.textMuted
        }
    }

    // Badges: retry, catch, timeout (icons and texts from DiagramStyle, which the export uses).
    Row {
        anchors.right: parent.right
        anchors.rightMargin: node.shape === "diamond" ? node.width / 4 : 10
        y: -9
        spacing: 4
        Badge {
            visible: node.retryCount > 0
            iconPath: DiagramStyle.badgeIcon("retry")
            text: qsTr("retry")
            tip: qsTr("Retries on failure")
        }
        Badge {
            visible: node.catchCount > 0
            iconPath: DiagramStyle.badgeIcon("catch")
            text: qsTr("catch")
            tip: qsTr("%n error handler(s)", "", node.catchCount)
        }
        Badge {
            visible: node.timeout > 0
            iconPath: DiagramStyle.badgeIcon("timeout")
            text: DiagramStyle.durationText(node.timeout)
            tip: qsTr("Times out after %1 seconds").arg(node.timeout)
        }
    }

    // Problem marker.
    Rectangle {
        id: problemMarker
        visible: node.problem !== ""
        x: node.shape === "diamond" ? node.width / 2 - 9 : -8
        y: node.shape === "diamond" ? -10 : -8
        width: 18
        height: 18
        radius: 9
        color: Theme.error
        border.color: Theme.nodeFill
        border.width: 2
        Label {
            anchors.centerIn: parent
            text: "!"
            color: "white"
            font.bold: true
            font.pixelSize: 12
        }
        HoverHandler {
            id: problemHover
        }
        ToolTip.visible: problemHover.hovered
        ToolTip.text: node.problem
        ToolTip.delay: 200
    }

    MouseArea {
        id: dragArea

        property point pressScene

        anchors.fill: parent
        acceptedButtons: Qt.LeftButton
        cursorShape: pressed ? Qt.ClosedHandCursor : Qt.PointingHandCursor
        onPressed: mouse => {
            if (node.container) {
                // Edges inside a frame are under its mouse area: hit-test them first.
                const p = node.scenePoint(dragArea, mouse.x, mouse.y)
                const e = node.controller.edges.edgeAt(p.x, p.y)
                if (e >= 0) {
                    node.controller.selectEdge(e)
                    return
                }
            }
            const additive = (mouse.modifiers & (Qt.ControlModifier | Qt.ShiftModifier)) !== 0
            if (additive || !node.selected)
                node.controller.select(node.name, additive)
            pressScene = node.scenePoint(dragArea, mouse.x, mouse.y)
            node.controller.beginMove()
        }
        onPositionChanged: mouse => {
            const p = node.scenePoint(dragArea, mouse.x, mouse.y)
            node.controller.moveSelection(p.x - pressScene.x, p.y - pressScene.y)
        }
        onReleased: node.controller.endMove()
        onCanceled: node.controller.endMove()
    }

    Port {
        id: outPort
        objectName: "port:" + node.name
        visible: node.hasOutput
        opacity: node.hovered || node.selected || pressed ? 1 : 0
        x: node.width / 2 - width / 2
        y: node.height - height / 2
        color: Theme.accent
        onStarted: p => node.connectStarted(node.name, "", node.scenePoint(outPort, p.x, p.y))
        onMoved: p => node.connectMoved(node.scenePoint(outPort, p.x, p.y))
        onFinished: p => node.connectFinished(node.scenePoint(outPort, p.x, p.y))
        ToolTip.visible: hovered && !pressed
        ToolTip.text: qsTr("Drag to connect")
    }
    Port {
        id: catchPort
        objectName: "catchport:" + node.name
        visible: node.canCatch
        opacity: node.hovered || node.selected || pressed ? 1 : 0
        x: node.width - width / 2
        y: node.height / 2 - height / 2
        color: Theme.edgeCatch
        onStarted: p => node.connectStarted(node.name, "catch",
                                            node.scenePoint(catchPort, p.x, p.y))
        onMoved: p => node.connectMoved(node.scenePoint(catchPort, p.x, p.y))
        onFinished: p => node.connectFinished(node.scenePoint(catchPort, p.x, p.y))
        ToolTip.visible: hovered && !pressed
        ToolTip.text: qsTr("Drag to an error handler")
    }
}
