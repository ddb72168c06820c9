pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// A name = value list of a task: its environment variables (kind "env") or the headers of its
// HTTP request (kind "header"). Add, remove, edit a name or a value (applied when you leave the
// field). A value may say ${env:NAME} to take a secret from the host when the task runs.
ColumnLayout {
    id: section

    required property StateEditor editor
    required property string kind // "env" or "header"
    property var entries: []
    property string title
    property string namePlaceholder
    property string valuePlaceholder
    property string addText

    function add() {
        if (kind === "env")
            editor.addEnv()
        else
            editor.addHeader()
    }
    function remove(index: int) {
        if (kind === "env")
            editor.removeEnv(index)
        else
            editor.removeHeader(index)
    }
    function set(index: int, key: string, value: string): string {
        return kind === "env" ? editor.setEnv(index, key, value)
                              : editor.setHeader(index, key, value)
    }

    Layout.fillWidth: true
    spacing: 4

    SectionHeader {
        text: section.title
        hint: qsTr("Write ${env:NAME} in a value to take a secret from the host's environment when the task runs; it never appears in the workflow or its history.")
    }

    Repeater {
        model: section.entries
        delegate: ColumnLayout {
            id: row

            required property var modelData
            required property int index
            property string error
            readonly property var secret: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/.exec(modelData.value)

            Layout.fillWidth: true
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 4
                TextField {
                    objectName: section.kind + "Name:" + row.index
                    Layout.preferredWidth: 2
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: section.namePlaceholder
                    text: row.modelData.name
                    Accessible.name: qsTr("Name %1").arg(row.index + 1)
                    onEditingFinished: if (text !== row.modelData.name)
                                           row.error = section.set(row.index, "name", text)
                }
                TextField {
                    objectName: section.kind + "Value:" + row.index
                    Layout.preferredWidth: 3
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: section.valuePlaceholder
                    text: row.modelData.value
                    Accessible.name: qsTr("Value of %1").arg(row.modelData.name)
                    onEditingFinished: if (text !== row.modelData.value)
                                           row.error = section.set(row.index, "value", text)
                }
                ToolButton {
                    objectName: section.kind + "Remove:" + row.index
                    text: "×"
                    onClicked: section.remove(row.index)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Remove")
                    Accessible.name: qsTr("Remove %1").arg(row.modelData.name)
                }
            }
            Label {
                objectName: section.kind + "Secret:" + row.index
                visible: row.secret !== null && row.error === ""
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: row.secret ? qsTr("Secret from the host: %1").arg(row.secret[1]) : ""
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
            }
            Label {
                objectName: section.kind + "Error:" + row.index
                visible: row.error !== ""
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: row.error
                color: Theme.error
                font.pixelSize: Theme.smallFontSize
            }
        }
    }

    Button {
        objectName: "add:" + section.kind
        text: section.addText
        onClicked: section.add()
    }
}
