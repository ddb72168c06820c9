pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The inspector when nothing is selected: the workflow's own fields (name, description, the
// execution's timeout_seconds, the input_schema the Run dialog builds its form from). Each edit
// is one undo step and rewrites the YAML.
ScrollView {
    id: scroll

    required property StateEditor editor
    readonly property var w: editor.workflow
    property string message

    function set(key: string, value: var) {
        message = editor.setWorkflowField(key, value)
    }

    contentWidth: availableWidth
    clip: true

    Connections {
        target: scroll.editor
        function onFieldsChanged() { scroll.message = "" }
    }

    ColumnLayout {
        width: scroll.availableWidth - 24
        x: 12
        spacing: 4

        Label {
            Layout.topMargin: 12
            Layout.fillWidth: true
            text: qsTr("Workflow")
            font.pixelSize: Theme.textPixels(15)
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            font.pixelSize: Theme.smallFontSize
            text: qsTr("%n state(s). Select a state to edit it.", "", scroll.w.stateCount ?? 0)
        }

        FieldLabel { text: qsTr("Name") }
        TextField {
            Accessible.name: qsTr("Name")
            objectName: "workflowName"
            Layout.fillWidth: true
            text: scroll.w.name ?? ""
            onEditingFinished: if (text !== scroll.w.name) scroll.set("name", text)
        }

        FieldLabel { text: qsTr("Description") }
        TextArea {
            Accessible.name: qsTr("Description")
            objectName: "workflowDescription"
            Layout.fillWidth: true
            wrapMode: TextEdit.Wrap
            placeholderText: qsTr("What this workflow does")
            text: scroll.w.description ?? ""
            onEditingFinished: if (text !== scroll.w.description) scroll.set("description", text)
        }

        FieldLabel { text: qsTr("Execution timeout (s)") }
        TextField {
            Accessible.name: qsTr("Execution timeout (s)")
            objectName: "workflowTimeout"
            Layout.fillWidth: true
            placeholderText: qsTr("No timeout")
            validator: IntValidator { bottom: 1 }
            text: scroll.w.timeoutSeconds ?? ""
            onEditingFinished: if (text !== scroll.w.timeoutSeconds) scroll.set("timeoutSeconds", text)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The whole execution fails with States.Timeout after this long")
        }

        SectionHeader {
            text: qsTr("Input schema")
            hint: qsTr("A JSON Schema object for the start input; the Run dialog builds its form from its properties. Empty: any input.")
        }
        JsonTemplateField {
            Accessible.name: qsTr("Input schema")
            objectName: "workflowInputSchema"
            Layout.fillWidth: true
            Layout.minimumHeight: 120
            editor: scroll.editor
            checker: text => scroll.editor.checkSchema(text)
            value: scroll.w.inputSchema ?? ""
            placeholderText: "{\"type\": \"object\", \"required\": [\"orderId\"],\n \"properties\": {\"orderId\": {\"type\": \"string\"}}}"
            onCommit: text => scroll.set("inputSchema", text)
        }

        Label {
            visible: scroll.message !== ""
            Layout.fillWidth: true
            Layout.topMargin: 8
            wrapMode: Text.WordWrap
            text: scroll.message
            color: Theme.error
        }
        Item { Layout.preferredHeight: 16 }
    }
}
