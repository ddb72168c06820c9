pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Starts the open workflow: input as JSON (checked as you type), an optional idempotent name,
// and Simulate (tasks return their mock, waits take no time). The engine runs the saved file, so
// unsaved changes must be saved first; the dialog says so and offers to.
Dialog {
    id: dialog

    required property EngineBridge bridge
    required property WorkflowDocument document
    property bool simulate: false
    property int ticket: -1
    property string error
    property alias input: inputField
    readonly property bool needsSave: document.filePath === "" || document.dirty

    signal saveRequested
    signal started(string executionId)

    objectName: "runDialog"
    modal: true
    width: 560
    height: 440
    title: simulate ? qsTr("Simulate %1").arg(document.workflowName)
                    : qsTr("Run %1").arg(document.workflowName)
    onOpened: {
        error = ""
        if (inputField.text.trim() === "")
            inputField.text = "{}"
        inputField.forceActiveFocus()
    }

    Connections {
        target: dialog.bridge
        function onCommandFinished(ticket, command, ok, message, executionId, result) {
            if (ticket !== dialog.ticket)
                return
            dialog.ticket = -1
            if (ok) {
                dialog.close()
                dialog.started(executionId)
            } else {
                dialog.error = message
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            Layout.fillWidth: true
            visible: dialog.needsSave
            wrapMode: Text.WordWrap
            text: dialog.document.filePath === ""
                  ? qsTr("Save the workflow first: executions run the saved file, and its tasks run in its folder.")
                  : qsTr("The workflow has unsaved changes; save them to run this version.")
            color: Theme.warning
        }
        Label {
            text: qsTr("Input (JSON)")
            font.bold: true
            color: Theme.text
        }
        JsonField {
            id: inputField
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        RowLayout {
            Label { text: qsTr("Name (optional)") }
            TextField {
                id: nameField
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. order-A-1 — starting the same name twice returns the first")
            }
        }
        CheckBox {
            text: qsTr("Simulate (mock task results, no waiting)")
            checked: dialog.simulate
            onToggled: dialog.simulate = checked
        }
        Label {
            objectName: "runDialogError"
            Layout.fillWidth: true
            visible: dialog.error !== ""
            text: dialog.error
            color: Theme.error
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        Button {
            visible: dialog.needsSave
            text: qsTr("Save")
            onClicked: dialog.saveRequested()
        }
        Button {
            objectName: "runConfirm"
            text: dialog.simulate ? qsTr("Simulate") : qsTr("Run")
            highlighted: true
            enabled: !dialog.needsSave && inputField.valid && dialog.ticket < 0
            onClicked: {
                dialog.error = ""
                dialog.ticket = dialog.bridge.startFile(dialog.document.filePath, inputField.text,
                                                        nameField.text, dialog.simulate)
            }
        }
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
