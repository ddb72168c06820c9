pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Signalbox
import Signalbox.Models

// The frame of an expanded parallel or map state (Step Functions Workflow Studio style): a tinted
// card with the state's name and type in a header, and one dashed lane per branch (one for a
// map's item processor) in which the branch's own flowchart is drawn by the canvas. A map is
// drawn as a stack of sheets. Geometry (lanes) comes from NodesModel; this only draws.
Item {
    id: frame

    property string name
    property string stateType
    property string typeLabel
    property string subtitle
    property var lanes: [] // [{x, y, width, height, title}] relative to the frame
    property color accent: StateTypes.color(stateType)
    property color borderColor: accent
    property real borderWidth: 2
    property color fill: Qt.tint(Theme.nodeFill, Qt.rgba(accent.r, accent.g, accent.b,
                                                          Theme.dark ? 0.12 : 0.07))
    property string status: "" // monitor: a status line under the type
    // The monitor puts its iteration picker where the status line is.
    property bool statusLineVisible: true
    property color statusColor: Theme.textMuted
    // Room kept free at the right of the header (a collapse button, badges).
    property real headerRightMargin: 12

    // A map is a stack: two sheets behind the frame.
    Repeater {
        model: StateTypes.iterates(frame.stateType) ? 2 : 0
        delegate: Rectangle {
            required property int index
            x: 5 * (2 - index)
            y: 5 * (2 - index)
            width: frame.width
            height: frame.height
            radius: 10
            color: Theme.nodeFill
            border.color: Theme.nodeBorder
        }
    }
    Rectangle {
        anchors.fill: parent
        anchors.topMargin: 2
        anchors.bottomMargin: -2
        radius: 10
        color: Theme.dark ? "#40000000" : "#12000000"
    }
    Rectangle {
        id: card
        anchors.fill: parent
        radius: 10
        color: frame.fill
        border.color: frame.borderColor
        border.width: frame.borderWidth
    }

    Row {
        x: 14
        y: 10
        spacing: 10
        width: frame.width - x - frame.headerRightMargin
        Rectangle {
            width: 32
            height: 32
            radius: 16
            color: Qt.rgba(frame.accent.r, frame.accent.g, frame.accent.b,
                           Theme.dark ? 0.25 : 0.12)
            Icon {
                anchors.centerIn: parent
                path: StateTypes.icon(frame.stateType)
                color: frame.accent
                size: 18
            }
        }
        Column {
            width: parent.width - 42
            spacing: 2
            Label {
                width: parent.width
                text: frame.name
                elide: Text.ElideRight
                font.pixelSize: Theme.fontSize
                font.bold: true
                color: Theme.text
            }
            Label {
                width: parent.width
                visible: frame.statusLineVisible
                text: frame.status !== "" ? frame.status
                    : frame.subtitle !== "" ? frame.typeLabel + " · " + frame.subtitle
                    : frame.typeLabel
                elide: Text.ElideRight
                font.pixelSize: Theme.smallFontSize
                color: frame.status !== "" ? frame.statusColor : Theme.textMuted
            }
        }
    }

    Repeater {
        model: frame.lanes
        delegate: Item {
            id: lane
            required property var modelData
            x: modelData.x
            y: modelData.y
            width: modelData.width
            height: modelData.height
            Rectangle {
                anchors.fill: parent
                radius: 8
                color: Qt.rgba(Theme.canvas.r, Theme.canvas.g, Theme.canvas.b, 0.85)
            }
            Shape {
                anchors.fill: parent
                antialiasing: true
                ShapePath {
                    strokeColor: Theme.nodeBorder
                    strokeWidth: 1
                    strokeStyle: ShapePath.DashLine
                    dashPattern: [4, 3]
                    fillColor: "transparent"
                    PathSvg {
                        path: {
                            const r = 8, w = lane.width - 1, h = lane.height - 1
                            return "M " + (r + 0.5) + " 0.5 H " + (w - r + 0.5)
                                    + " A " + r + " " + r + " 0 0 1 " + (w + 0.5) + " " + (r + 0.5)
                                    + " V " + (h - r + 0.5)
                                    + " A " + r + " " + r + " 0 0 1 " + (w - r + 0.5) + " " + (h + 0.5)
                                    + " H " + (r + 0.5)
                                    + " A " + r + " " + r + " 0 0 1 0.5 " + (h - r + 0.5)
                                    + " V " + (r + 0.5)
                                    + " A " + r + " " + r + " 0 0 1 " + (r + 0.5) + " 0.5 Z"
                        }
                    }
                }
            }
            Label {
                x: 12
                y: 7
                text: lane.modelData.title
                font.pixelSize: Theme.smallFontSize
                font.bold: true
                color: Theme.textMuted
            }
        }
    }
}
