import QtQuick
import Signalbox

// A connection handle on a node: press and drag to another node to connect.
Rectangle {
    id: port

    readonly property bool hovered: area.containsMouse
    readonly property bool pressed: area.pressed

    signal started(point p)
    signal moved(point p)
    signal finished(point p)

    width: 14
    height: 14
    radius: 7
    border.color: Theme.nodeFill
    border.width: 2
    scale: hovered || pressed ? 1.25 : 1

    Behavior on opacity { NumberAnimation { duration: 100 } }

    MouseArea {
        id: area
        anchors.fill: parent
        anchors.margins: -6
        hoverEnabled: true
        preventStealing: true
        cursorShape: Qt.CrossCursor
        onPressed: mouse => port.started(Qt.point(mouse.x - 6 + 0, mouse.y - 6))
        onPositionChanged: mouse => { if (pressed) port.moved(Qt.point(mouse.x - 6, mouse.y - 6)) }
        onReleased: mouse => port.finished(Qt.point(mouse.x - 6, mouse.y - 6))
    }
}
