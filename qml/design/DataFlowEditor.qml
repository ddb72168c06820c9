pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Input and output processing (ASL semantics): the fields this state type takes, in the order
// they apply, each checked as you type.
ColumnLayout {
    id: section

    required property StateEditor editor
    property var f: ({})
    readonly property var keys: f.dataFlow ?? []

    readonly property var info: ({
        inputPath: { label: qsTr("Input path"), placeholder: qsTr("$ — the whole input"), path: true },
        parameters: { label: qsTr("Parameters"), placeholder: "{\"id.$\": \"$.order.id\"}" },
        itemSelector: { label: qsTr("Item selector"), placeholder: "{\"item.$\": \"$$.Map.Item.Value\"}" },
        resultSelector: { label: qsTr("Result selector"), placeholder: "{\"id.$\": \"$.paymentId\"}" },
        resultPath: { label: qsTr("Result path"), placeholder: qsTr("$ — the result replaces the input"), path: true, reference: true },
        outputPath: { label: qsTr("Output path"), placeholder: qsTr("$ — all of it"), path: true }
    })

    Layout.fillWidth: true
    spacing: 2
    visible: keys.length > 0

    SectionHeader {
        text: qsTr("Input and output")
        hint: qsTr("Paths are JSONPath ($.order.id, $$ for the context); null discards. Keys ending in .$ take a path or an intrinsic such as States.Format.")
    }

    Repeater {
        model: section.keys
        delegate: ColumnLayout {
            id: row

            required property string modelData
            readonly property var meta: section.info[modelData]

            Layout.fillWidth: true
            spacing: 0

            FieldLabel { text: row.meta.label }
            PathField {
                Accessible.name: row.meta.label
                visible: row.meta.path === true
                objectName: visible ? "dataFlow:" + row.modelData : ""
                Layout.fillWidth: true
                editor: section.editor
                referenceOnly: row.meta.reference === true
                value: section.f[row.modelData] ?? ""
                placeholderText: row.meta.placeholder
                onCommit: text => section.editor.setField(row.modelData, text)
            }
            JsonTemplateField {
                Accessible.name: row.meta.label
                visible: row.meta.path !== true
                objectName: visible ? "dataFlow:" + row.modelData : ""
                Layout.fillWidth: true
                editor: section.editor
                value: section.f[row.modelData] ?? ""
                placeholderText: row.meta.placeholder
                onCommit: text => section.editor.setField(row.modelData, text)
            }
        }
    }
}
