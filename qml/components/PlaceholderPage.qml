import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// A place that is not built yet: says what will be there.
Rectangle {
    id: page

    property string title
    property string description
    property string iconPath

    color: Theme.window

    ColumnLayout {
        anchors.centerIn: parent
        spacing: 12
        width: Math.min(parent.width - 64, 440)

        Icon {
            Layout.alignment: Qt.AlignHCenter
            path: page.iconPath
            size: 48
            color: Theme.textMuted
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: page.title
            font.pixelSize: Theme.textPixels(20)
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.description
            color: Theme.textMuted
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Coming soon")
            color: Theme.accent
            font.bold: true
        }
    }
}
