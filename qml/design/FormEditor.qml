pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The fields a reviewer fills when deciding an approval: name (the key in the result's
// `fields`), label, type, required, and the options of a choice field.
ColumnLayout {
    id: section

    required property StateEditor editor
    property var formFields: []

    Layout.fillWidth: true
    spacing: 6

    SectionHeader {
        text: qsTr("Approval form")
        hint: section.formFields.length === 0
              ? qsTr("The reviewer only approves or rejects, with a comment.")
              : qsTr("Required fields and types are checked when the reviewer decides.")
    }

    Repeater {
        model: section.formFields
        delegate: ListCard {
            id: card

            required property var modelData
            required property int index

            objectName: "formCard:" + index
            title: card.modelData.label !== "" ? card.modelData.label : card.modelData.name
            count: section.formFields.length
            onMoveRequested: to => section.editor.moveFormField(card.index, to)
            onRemoveRequested: section.editor.removeFormField(card.index)

            function set(key: string, value: var) {
                card.error = section.editor.setFormField(card.index, key, value)
            }

            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 8
                rowSpacing: 2
                FieldLabel { text: qsTr("Name") }
                FieldLabel { text: qsTr("Type") }
                TextField {
                    Accessible.name: qsTr("Field name")
                    objectName: "formName:" + card.index
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    text: card.modelData.name
                    onEditingFinished: if (text !== card.modelData.name) card.set("name", text)
                }
                ComboBox {
                    Accessible.name: qsTr("Field type")
                    objectName: "formType:" + card.index
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("Text (one line)"), value: "string" },
                            { label: qsTr("Text (long)"), value: "text" },
                            { label: qsTr("Number"), value: "number" },
                            { label: qsTr("Yes / no"), value: "boolean" },
                            { label: qsTr("Choice"), value: "choice" }]
                    currentIndex: Math.max(0, ["string", "text", "number", "boolean", "choice"].indexOf(card.modelData.type))
                    onActivated: index => card.set("type", model[index].value)
                }
            }
            FieldLabel { text: qsTr("Label") }
            TextField {
                Accessible.name: qsTr("Label")
                objectName: "formLabel:" + card.index
                Layout.fillWidth: true
                placeholderText: qsTr("Shown to the reviewer")
                text: card.modelData.label
                onEditingFinished: if (text !== card.modelData.label) card.set("label", text)
            }
            FieldLabel {
                visible: card.modelData.type === "choice"
                text: qsTr("Options (comma-separated)")
            }
            TextField {
                Accessible.name: qsTr("Options (comma-separated)")
                objectName: "formOptions:" + card.index
                visible: card.modelData.type === "choice"
                Layout.fillWidth: true
                placeholderText: qsTr("now, tonight, weekend")
                text: card.modelData.options.join(", ")
                onEditingFinished: if (text !== card.modelData.options.join(", ")) card.set("options", text)
            }
            CheckBox {
                objectName: "formRequired:" + card.index
                text: qsTr("Required")
                checked: card.modelData.required
                onToggled: card.set("required", checked)
            }
        }
    }

    Button {
        objectName: "addFormField"
        text: qsTr("Add form field")
        onClicked: section.editor.addFormField()
    }
}
