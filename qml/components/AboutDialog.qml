import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// Help ▸ About Signalbox.
AppDialog {
    title: qsTr("About Signalbox")
    width: 440
    standardButtons: Dialog.Close

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("Signalbox %1").arg(AppInfo.version)
            font.pixelSize: Theme.fontSize * 1.5
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: qsTr("Draw workflows as flowcharts, run them on a durable engine on this machine, and watch every execution: where it is, what failed and why, which approvals wait.")
        }
        Label {
            text: qsTr("Built with Qt %1").arg(AppInfo.qtVersion)
            color: Theme.textMuted
        }
    }
}
