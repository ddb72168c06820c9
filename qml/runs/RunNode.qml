pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Signalbox

// One state on the monitor's flowchart: the designer's shapes (box, diamond, terminal) drawn
// read-only and coloured by what the execution did there (running pulses, succeeded, failed,
// waiting, retrying; grey when not reached), with a visit count for loops and retries.
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
    required property bool isStart

    property string status: ""
    property int visits: 0
    property string note: "" // e.g. "attempt 2 at 16:30:12" while retrying
    property bool current: false
    readonly property bool reached: status !== ""
    readonly property color tint: reached ? RunStatus.color(status) : Theme.nodeBorder
    readonly property color fill: reached
                                  ? Qt.tint(Theme.nodeFill, Qt.rgba(tint.r, tint.g, tint.b,
                                                                    Theme.dark ? 0.25 : 0.12))
                                  : Theme.nodeFill

    signal clicked(string name)

    x: nodeX
    y: nodeY
    width: nodeWidth
    height: nodeHeight
    opacity: reached ? 1 : 0.55
    objectName: "runnode:" + name
    Accessible.role: Accessible.Button
    Accessible.name: name + ", " + RunStatus.label(status)

    Rectangle {
        id: body
        visible: node.shape !== "diamond"
        anchors.fill: parent
        radius: node.shape === "terminal" ? height / 2 : Theme.radius
        color: node.fill
        border.width: node.current ? 3 : (node.reached ? 2 : 1)
        border.color: node.current ? Theme.selection : node.tint
    }
    Shape {
        visible: node.shape === "diamond"
        anchors.fill: parent
        antialiasing: true
        ShapePath {
            strokeColor: node.current ? Theme.selection : node.tint
            strokeWidth: node.current ? 3 : 2
            fillColor: node.fill
            joinStyle: ShapePath.RoundJoin
            startX: node.width / 2
            startY: 0
            PathLine { x: node.width; y: node.height / 2 }
            PathLine { x: node.width / 2; y: node.height }
            PathLine { x: 0; y: node.height / 2 }
            PathLine { x: node.width / 2; y: 0 }
        }
    }
    // Running and retrying states breathe, so motion draws the eye to where work happens.
    Rectangle {
        visible: node.status === "running" || node.status === "retrying"
        anchors.fill: parent
        anchors.margins: -4
        radius: node.shape === "box" ? Theme.radius + 4 : height / 2
        color: "transparent"
        border.color: node.tint
        border.width: 2
        SequentialAnimation on opacity {
            running: parent.visible
            loops: Animation.Infinite
            NumberAnimation { from: 0.9; to: 0.1; duration: 800 }
            NumberAnimation { from: 0.1; to: 0.9; duration: 800 }
        }
    }

    Row {
        anchors.centerIn: parent
        spacing: 8
        Icon {
            anchors.verticalCenter: parent.verticalCenter
            path: Theme.typeIcon(node.stateType)
            color: Theme.typeColor(node.stateType)
            size: 16
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            Label {
                width: Math.min(implicitWidth, node.width - (node.shape === "diamond" ? 70 : 56))
                text: node.name
                elide: Text.ElideRight
                font.pixelSize: Theme.fontSize
                font.bold: true
                color: Theme.text
            }
            Label {
                visible: node.shape === "box"
                text: !node.reached ? node.typeLabel
                      : node.note !== "" ? RunStatus.label(node.status) + " · " + node.note
                      : RunStatus.label(node.status)
                font.pixelSize: Theme.smallFontSize
                color: node.reached ? node.tint : Theme.textMuted
            }
        }
    }

    // Status glyph and visit count on the top edge.
    Row {
        anchors.right: parent.right
        anchors.rightMargin: node.shape === "diamond" ? node.width / 4 : 8
        y: -10
        spacing: 4
        StatusChip {
            visible: node.reached
            status: node.status
            compact: true
        }
        Rectangle {
            visible: node.visits > 1
            width: visitsLabel.implicitWidth + 10
            height: 20
            radius: 10
            color: Theme.nodeFill
            border.color: Theme.nodeBorder
            Label {
                id: visitsLabel
                anchors.centerIn: parent
                text: "×" + node.visits
                font.pixelSize: Theme.smallFontSize
                color: Theme.textMuted
            }
            ToolTip.visible: visitsHover.hovered
            ToolTip.text: qsTr("Entered %n time(s)", "", node.visits)
            HoverHandler { id: visitsHover }
        }
    }

    TapHandler {
        onTapped: node.clicked(node.name)
    }
}
