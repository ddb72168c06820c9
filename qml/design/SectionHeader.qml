import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// A heading between groups of inspector fields, with an optional hint under it.
ColumnLayout {
    id: header

    property string text
    property string hint

    Layout.fillWidth: true
    Layout.topMargin: 14
    spacing: 2

    Rectangle {
        Layout.fillWidth: true
        Layout.bottomMargin: 8
        implicitHeight: 1
        color: Theme.border
    }
    Label {
        text: header.text
        font.pixelSize: Theme.textPixels(13)
        font.bold: true
        color: Theme.text
    }
    Label {
        visible: header.hint !== ""
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        text: header.hint
        font.pixelSize: Theme.smallFontSize
        color: Theme.textMuted
    }
}
