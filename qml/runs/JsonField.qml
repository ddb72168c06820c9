import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// A monospaced JSON editor that says at once whether its text is valid JSON.
ColumnLayout {
    id: field

    property alias text: area.text
    property bool allowEmpty: false
    property string placeholder: "{}"
    readonly property string error: check(area.text)
    readonly property bool valid: error === ""

    function check(value: string): string {
        if (value.trim() === "")
            return allowEmpty ? "" : qsTr("Enter a JSON value, e.g. {}")
        try {
            JSON.parse(value)
            return ""
        } catch (e) {
            return qsTr("Not valid JSON: %1").arg(e.message)
        }
    }

    spacing: 4

    ScrollView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 90
        TextArea {
            Accessible.name: field.Accessible.name // the wrapper's name, for screen readers
            id: area
            objectName: "jsonArea"
            font.family: Theme.monoFont
            font.pixelSize: Theme.fontSize
            placeholderText: field.placeholder
            wrapMode: TextEdit.Wrap
            selectByMouse: true
            background: Rectangle {
                color: Theme.code
                border.color: field.valid ? Theme.border : Theme.error
                radius: 4
            }
        }
    }
    Label {
        Layout.fillWidth: true
        text: field.valid ? qsTr("Valid JSON") : field.error
        color: field.valid ? Theme.textMuted : Theme.error
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
    }
}
