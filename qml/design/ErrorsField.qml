pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// The error names a retry policy or a catcher handles: removable chips, and an editable combo box
// that offers the predefined names (States.*, Approval.Rejected, Task.ExitCode) or takes any
// other name. States.ALL matches everything, so it replaces the others (and the reverse).
ColumnLayout {
    id: field

    property var errors: []
    property var suggestions: []
    property string name

    signal edited(var errors)

    function add(error: string) {
        const e = error.trim()
        if (e === "" || field.errors.indexOf(e) >= 0)
            return
        field.edited(e === "States.ALL" ? [e]
                                        : field.errors.filter(x => x !== "States.ALL").concat([e]))
    }

    spacing: 4

    Flow {
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: field.errors
            delegate: Rectangle {
                id: chip

                required property string modelData

                width: chipRow.implicitWidth + 10
                height: 24
                radius: 12
                color: Qt.rgba(Theme.edgeCatch.r, Theme.edgeCatch.g, Theme.edgeCatch.b, 0.08)
                border.color: Qt.rgba(Theme.edgeCatch.r, Theme.edgeCatch.g, Theme.edgeCatch.b, 0.35)
                Row {
                    id: chipRow
                    anchors.verticalCenter: parent.verticalCenter
                    x: 8
                    spacing: 2
                    Label {
                        anchors.verticalCenter: parent.verticalCenter
                        text: chip.modelData
                        font.family: Theme.monoFont
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.text
                    }
                    ToolButton {
                        width: 20
                        height: 20
                        anchors.verticalCenter: parent.verticalCenter
                        visible: field.errors.length > 1
                        text: "×"
                        font.pixelSize: Theme.textPixels(13)
                        padding: 0
                        Accessible.name: qsTr("Remove %1").arg(chip.modelData)
                        onClicked: field.edited(field.errors.filter(x => x !== chip.modelData))
                    }
                }
            }
        }
    }
    ComboBox {
        id: adder
        objectName: field.name !== "" ? field.name + "Add" : ""
        Layout.fillWidth: true
        editable: true
        model: field.suggestions.filter(s => field.errors.indexOf(s) < 0)
        currentIndex: -1
        font.family: Theme.monoFont
        font.pixelSize: Theme.smallFontSize
        Accessible.name: qsTr("Add an error name")
        Component.onCompleted: editText = ""

        Label {
            z: 2
            anchors.verticalCenter: parent.verticalCenter
            x: 8
            visible: adder.editText === "" && !adder.activeFocus
            text: qsTr("Add an error (States.Timeout…)")
            color: Theme.textMuted
            font.pixelSize: Theme.smallFontSize
        }
        onActivated: index => {
            field.add(model[index])
            currentIndex = -1
            editText = ""
        }
        onAccepted: {
            field.add(editText)
            currentIndex = -1
            editText = ""
        }
    }
}
