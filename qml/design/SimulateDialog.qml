pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Asks for the sample input of a simulation and starts it. The simulation runs the diagram as
// it is on screen (unsaved changes included); nothing is recorded in Runs.
AppDialog {
    id: dialog

    required property SimulationModel simulation
    property string error
    property alias input: inputField

    objectName: "simulateDialog"
    width: 520
    height: 400
    title: qsTr("Simulate %1").arg(simulation.document ? simulation.document.workflowName : "")
    onOpened: {
        error = ""
        if (inputField.text.trim() === "")
            inputField.text = "{}"
        inputField.forceActiveFocus()
    }

    function run() {
        dialog.error = dialog.simulation.start(inputField.text)
        if (dialog.error === "")
            dialog.close()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            text: qsTr("Runs the diagram as it is now, without saving. Tasks return their mock result (default: their input), waits take no time, and approvals and events wait for you on the canvas.")
        }
        Label {
            text: qsTr("Sample input (JSON)")
            font.bold: true
            color: Theme.text
        }
        JsonField {
            Accessible.name: qsTr("Sample input (JSON)")
            id: inputField
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        Label {
            objectName: "simulateDialogError"
            Layout.fillWidth: true
            visible: dialog.error !== ""
            text: dialog.error
            color: Theme.error
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "simulateConfirm"
            text: qsTr("Simulate")
            highlighted: true
            enabled: inputField.valid
            onClicked: dialog.run()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
