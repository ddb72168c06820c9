pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// One field of an approval's form (string, text, number, boolean, choice), reporting its value.
ColumnLayout {
    id: editor

    required property var field
    readonly property string type: field.type ?? "string"
    readonly property string label: (field.label ?? "") !== "" ? field.label : field.name
    property var value: type === "boolean" ? false : ""

    signal edited(string name, var value)

    function reset() {
        value = type === "boolean" ? false : ""
        line.text = ""
        area.text = ""
        check.checked = false
        choice.currentIndex = -1
    }

    spacing: 2

    Label {
        text: editor.label + (editor.field.required ? " *" : "")
        font.pixelSize: Theme.smallFontSize
        font.bold: true
        color: Theme.textMuted
    }
    TextField {
        Accessible.name: editor.label
        id: line
        objectName: editor.type === "string" || editor.type === "number" ? "field:" + editor.field.name : ""
        visible: editor.type === "string" || editor.type === "number"
        Layout.fillWidth: true
        selectByMouse: true
        inputMethodHints: editor.type === "number" ? Qt.ImhFormattedNumbersOnly : Qt.ImhNone
        onTextChanged: {
            editor.value = editor.type === "number" && text !== "" && !isNaN(Number(text))
                           ? Number(text) : text
            editor.edited(editor.field.name, editor.value)
        }
    }
    ScrollView {
        visible: editor.type === "text"
        Layout.fillWidth: true
        Layout.preferredHeight: 70
        TextArea {
            Accessible.name: editor.label
            id: area
            objectName: editor.type === "text" ? "field:" + editor.field.name : ""
            wrapMode: TextEdit.Wrap
            selectByMouse: true
            background: Rectangle {
                color: Theme.code
                border.color: Theme.border
                radius: 4
            }
            onTextChanged: {
                if (editor.type !== "text")
                    return
                editor.value = text
                editor.edited(editor.field.name, text)
            }
        }
    }
    CheckBox {
        id: check
        visible: editor.type === "boolean"
        text: editor.label
        onToggled: {
            editor.value = checked
            editor.edited(editor.field.name, checked)
        }
    }
    ComboBox {
        Accessible.name: editor.label
        id: choice
        visible: editor.type === "choice"
        Layout.fillWidth: true
        model: editor.field.options ?? []
        currentIndex: -1
        displayText: currentIndex < 0 ? qsTr("Choose…") : currentText
        onActivated: {
            editor.value = currentText
            editor.edited(editor.field.name, currentText)
        }
    }
}
