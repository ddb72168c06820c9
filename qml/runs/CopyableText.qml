import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// A titled, read-only, selectable block of text (JSON, stdout...) with a Copy button.
ColumnLayout {
    id: block

    property string title
    property string text
    property color textColor: Theme.text
    property int maxHeight: 220

    visible: text !== ""
    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            text: block.title
            font.bold: true
            font.pixelSize: Theme.smallFontSize
            color: Theme.textMuted
        }
        ToolButton {
            text: qsTr("Copy")
            font.pixelSize: Theme.smallFontSize
            Accessible.name: qsTr("Copy %1").arg(block.title)
            onClicked: {
                area.selectAll()
                area.copy()
                area.deselect()
            }
        }
    }
    ScrollView {
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(area.implicitHeight + 4, block.maxHeight)
        TextArea {
            Accessible.name: block.title // the wrapper's name, for screen readers
            id: area
            readOnly: true
            selectByMouse: true
            text: block.text
            color: block.textColor
            font.family: Theme.monoFont
            font.pixelSize: Theme.smallFontSize
            wrapMode: TextEdit.WrapAnywhere
            background: Rectangle {
                color: Theme.code
                border.color: Theme.border
                radius: 4
            }
        }
    }
}
