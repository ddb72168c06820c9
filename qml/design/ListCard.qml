pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// One entry of an inspector list (a retry policy, a catcher, a form field): a titled card with
// move up, move down and remove buttons, its fields below, and the entry's last error.
Rectangle {
    id: card

    property string title
    property int index
    property int count
    property string error
    default property alias content: body.data

    signal moveRequested(int to)
    signal removeRequested

    Layout.fillWidth: true
    implicitHeight: column.implicitHeight + 16
    radius: 6
    color: Theme.panelAlt
    border.color: error !== "" ? Theme.error : Theme.border

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: card.title
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            ToolButton {
                text: "↑"
                enabled: card.index > 0
                onClicked: card.moveRequested(card.index - 1)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Move up (tried earlier)")
                Accessible.name: qsTr("Move %1 up").arg(card.title)
            }
            ToolButton {
                text: "↓"
                enabled: card.index < card.count - 1
                onClicked: card.moveRequested(card.index + 1)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Move down (tried later)")
                Accessible.name: qsTr("Move %1 down").arg(card.title)
            }
            ToolButton {
                objectName: "remove"
                text: "×"
                onClicked: card.removeRequested()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Remove")
                Accessible.name: qsTr("Remove %1").arg(card.title)
            }
        }
        ColumnLayout {
            id: body
            Layout.fillWidth: true
            spacing: 4
        }
        Label {
            visible: card.error !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: card.error
            color: Theme.error
            font.pixelSize: Theme.smallFontSize
        }
    }
}
