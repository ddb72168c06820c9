pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Starts the open workflow: the input as a form generated from the workflow's input_schema
// (InputForm) or as JSON (checked as you type), the two kept in sync; an optional idempotent
// name, and Simulate (tasks return their mock, waits take no time). The engine runs the saved
// file, so unsaved changes must be saved first; the dialog says so and offers to.
AppDialog {
    id: dialog

    required property EngineBridge bridge
    required property WorkflowDocument document
    property bool simulate: false
    property int ticket: -1
    property string error
    property alias input: inputField
    property alias form: inputForm
    property alias inputMode: modeBar.currentIndex // 0 form, 1 JSON (with a schema)
    readonly property bool needsSave: document.filePath === "" || document.dirty
    readonly property bool onForm: inputForm.hasSchema && modeBar.currentIndex === 0
    readonly property bool inputValid: onForm ? inputForm.valid
                                              : inputField.valid && (!inputForm.hasSchema || inputForm.valid)
    readonly property string inputText: onForm ? inputForm.json : inputField.text
    readonly property string nameError: bridge.nameError(nameField.text)

    signal saveRequested
    signal started(string executionId)

    objectName: "runDialog"
    modal: true
    width: 600
    height: 560
    title: simulate ? qsTr("Simulate %1").arg(document.workflowName)
                    : qsTr("Run %1").arg(document.workflowName)
    onOpened: {
        error = ""
        nameField.text = "" // every run gets a fresh name unless the user types one
        if (inputField.text.trim() === "")
            inputField.text = inputForm.hasSchema ? inputForm.json : "{}"
        else if (inputForm.hasSchema && inputField.valid)
            inputForm.loadJson(inputField.text) // the input of the last run, into the form
        if (!inputForm.hasSchema)
            inputField.forceActiveFocus()
    }

    InputForm {
        id: inputForm
        // Read only while the dialog is shown (parsing follows every designer edit otherwise).
        yaml: dialog.visible ? dialog.document.yamlText : ""
        // Form → JSON while the form is shown.
        onValuesChanged: if (dialog.onForm && dialog.opened) inputField.text = json
    }

    Connections {
        target: dialog.bridge
        function onCommandFinished(ticket, command, ok, message, executionId, result) {
            if (ticket !== dialog.ticket)
                return
            dialog.ticket = -1
            if ((ok && result.existing === true)
                    || (!ok && message.startsWith("ExecutionAlreadyExists"))) {
                // One name, one execution: a name never silently shows an older execution.
                dialog.error = qsTr("The name “%1” is already used by an execution. Choose another name, or leave it empty for a fresh one.")
                               .arg(nameField.text)
            } else if (ok) {
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
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: inputForm.hasSchema ? qsTr("Input") : qsTr("Input (JSON)")
                font.bold: true
                color: Theme.text
            }
            Item { Layout.fillWidth: true }
            TabBar {
                id: modeBar
                Accessible.name: qsTr("Input as")
                objectName: "inputMode"
                visible: inputForm.hasSchema
                // JSON → form when switching back (the form keeps keys it does not know).
                onCurrentIndexChanged: {
                    if (currentIndex === 0 && inputField.valid)
                        inputForm.loadJson(inputField.text)
                    else if (currentIndex === 1)
                        inputField.text = inputForm.json
                }
                TabButton {
                    objectName: "inputModeForm"
                    text: qsTr("Form")
                    width: implicitWidth + 16
                }
                TabButton {
                    objectName: "inputModeJson"
                    text: qsTr("JSON")
                    width: implicitWidth + 16
                }
            }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: dialog.onForm ? 0 : 1
            ScrollView {
                id: formView
                objectName: "inputFormView"
                contentWidth: availableWidth
                clip: true
                ColumnLayout {
                    width: formView.availableWidth - 12
                    spacing: 10
                    Repeater {
                        model: inputForm
                        delegate: InputFieldEditor {
                            form: inputForm
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        objectName: "inputFormProblems"
                        Layout.fillWidth: true
                        visible: !inputForm.valid
                        wrapMode: Text.Wrap
                        // A problem of the whole input (the schema's allOf, additionalProperties…)
                        // belongs to no field: it is said here, as the engine would refuse it.
                        text: inputForm.loadError !== "" ? inputForm.loadError
                              : inputForm.errorCount > 0 ? qsTr("%n field(s) to fix before starting", "", inputForm.errorCount)
                              : inputForm.formError
                        color: Theme.error
                        font.pixelSize: Theme.smallFontSize
                    }
                }
            }
            ColumnLayout {
                spacing: 4
                JsonField {
                    id: inputField
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    // JSON → form as you type (the form flags values that break the schema).
                    // Checked here, not through `valid`: that binding may not have seen this
                    // text yet, and the form kept an error of half-typed text.
                    onTextChanged: if (inputForm.hasSchema && !dialog.onForm && check(text) === "")
                                       inputForm.loadJson(text)
                }
                Label {
                    objectName: "inputSchemaProblems"
                    Layout.fillWidth: true
                    visible: inputForm.hasSchema && inputField.valid && !inputForm.valid
                    text: inputForm.loadError !== "" ? inputForm.loadError
                          : inputForm.errorCount > 0 ? qsTr("Does not fit the workflow's input schema: %n field(s) to fix (see Form)", "", inputForm.errorCount)
                          : qsTr("Does not fit the workflow's input schema: %1").arg(inputForm.formError)
                    color: Theme.error
                    font.pixelSize: Theme.smallFontSize
                    wrapMode: Text.Wrap
                }
            }
        }
        RowLayout {
            Label { text: qsTr("Name (optional)") }
            TextField {
                Accessible.name: qsTr("Name (optional)")
                id: nameField
                objectName: "runName"
                Layout.fillWidth: true
                placeholderText: qsTr("A fresh name when empty, e.g. order-A-1")
            }
        }
        Label {
            // The engine's rule for names, checked as the name is typed (Run stays disabled).
            objectName: "runNameError"
            Layout.fillWidth: true
            visible: dialog.nameError !== ""
            text: dialog.nameError
            color: Theme.error
            wrapMode: Text.Wrap
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
            enabled: !dialog.needsSave && dialog.inputValid && dialog.nameError === ""
                     && dialog.ticket < 0
            onClicked: {
                dialog.error = ""
                dialog.ticket = dialog.bridge.startFile(dialog.document.filePath, dialog.inputText,
                                                        nameField.text, dialog.simulate)
            }
        }
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
