import QtQuick
import QtQuick.Controls
import Signalbox

// A small pill on a node's top edge: retry, catch, timeout.
Rectangle {
    id: badge

    property string iconPath
    property string text
    property string tip

    width: row.implicitWidth + 10
    height: 18
    radius: 9
    color: Theme.nodeFill
    border.color: Theme.nodeBorder

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 2
        Icon {
            anchors.verticalCenter: parent.verticalCenter
            path: badge.iconPath
            color: Theme.textMuted
            size: 11
            strokeWidth: 2.4
        }
        Label {
            anchors.verticalCenter: parent.verticalCenter
            text: badge.text
            font.pixelSize: 10
            color: Theme.textMuted
        }
    }
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && tip !== ""
    ToolTip.text: tip
}
