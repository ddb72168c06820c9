import QtQuick
import QtQuick.Controls
import Signalbox

// A status pill: coloured icon and word. Running ones pulse gently.
Rectangle {
    id: chip

    property string status
    property bool compact: false

    implicitWidth: row.implicitWidth + (compact ? 8 : 14)
    implicitHeight: 20
    radius: height / 2
    color: Qt.rgba(tint.r, tint.g, tint.b, Theme.dark ? 0.22 : 0.12)
    readonly property color tint: RunStatus.color(status)
    Accessible.name: RunStatus.label(status)

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 4
        Icon {
            id: glyph
            anchors.verticalCenter: parent.verticalCenter
            path: RunStatus.icon(chip.status)
            color: chip.tint
            size: 12
            strokeWidth: 2.4
            SequentialAnimation on opacity {
                running: RunStatus.key(chip.status) === "running" && chip.visible
                loops: Animation.Infinite
                NumberAnimation { to: 0.35; duration: 600 }
                NumberAnimation { to: 1; duration: 600 }
                onStopped: glyph.opacity = 1
            }
        }
        Label {
            visible: !chip.compact
            anchors.verticalCenter: parent.verticalCenter
            text: RunStatus.label(chip.status)
            color: chip.tint
            font.pixelSize: Theme.smallFontSize
            font.bold: true
        }
    }
}
