pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// One field of the Run dialog's input form (a row of InputForm): its title with a required mark,
// an editor for its type (text, number, choice, check box, JSON), the schema's description as a
// hint and the field's problem in red.
ColumnLayout {
    id: editor

    required property InputForm form
    required property int index
    required property string name
    required property string title
    required property string type
    required property string description
    required property bool required
    required property var options
    required property var value
    required property string error
    required property string placeholder
    readonly property bool isText: type === "string" || type === "number" || type === "integer"

    spacing: 3

    Label {
        visible: editor.type !== "boolean"
        text: editor.title + (editor.required ? " *" : "")
        font.pixelSize: Theme.smallFontSize
        font.bold: true
        color: Theme.text
    }
    TextField {
        objectName: editor.isText ? "inputField:" + editor.name : ""
        Accessible.name: editor.title !== "" ? editor.title : editor.name
        visible: editor.isText
        Layout.fillWidth: true
        selectByMouse: true
        text: editor.isText ? String(editor.value) : ""
        placeholderText: editor.placeholder !== "" ? editor.placeholder
                       : editor.type === "integer" ? qsTr("a whole number")
                       : editor.type === "number" ? qsTr("a number") : ""
        inputMethodHints: editor.type === "string" ? Qt.ImhNone : Qt.ImhFormattedNumbersOnly
        horizontalAlignment: editor.type === "string" ? TextInput.AlignLeft : TextInput.AlignRight
        onTextChanged: if (editor.isText) editor.form.setValue(editor.index, text)
        background: Rectangle {
            implicitHeight: 30
            radius: 4
            color: Theme.dark ? "#1a1d22" : "#ffffff"
            border.color: editor.error !== "" ? Theme.error : parent.activeFocus ? Theme.accent : Theme.border
            border.width: parent.activeFocus ? 2 : 1
        }
    }
    ComboBox {
        objectName: editor.type === "enum" ? "inputField:" + editor.name : ""
        Accessible.name: editor.title !== "" ? editor.title : editor.name
        visible: editor.type === "enum"
        Layout.fillWidth: true
        model: editor.options
        currentIndex: editor.type === "enum" ? editor.options.indexOf(String(editor.value)) : -1
        displayText: currentIndex < 0 ? qsTr("Choose…") : currentText
        onActivated: index => editor.form.setValue(editor.index, editor.options[index])
    }
    CheckBox {
        objectName: editor.type === "boolean" ? "inputField:" + editor.name : ""
        visible: editor.type === "boolean"
        text: editor.title + (editor.required ? " *" : "")
        checked: editor.type === "boolean" && editor.value === true
        onToggled: editor.form.setValue(editor.index, checked)
    }
    ScrollView {
        visible: editor.type === "json"
        Layout.fillWidth: true
        Layout.preferredHeight: 64
        TextArea {
            objectName: editor.type === "json" ? "inputField:" + editor.name : ""
            Accessible.name: editor.title !== "" ? editor.title : editor.name
            text: editor.type === "json" ? String(editor.value) : ""
            placeholderText: editor.placeholder
            font.family: Theme.monoFont
            font.pixelSize: Theme.fontSize
            wrapMode: TextEdit.Wrap
            selectByMouse: true
            onTextChanged: if (editor.type === "json") editor.form.setValue(editor.index, text)
            background: Rectangle {
                color: Theme.code
                border.color: editor.error !== "" ? Theme.error : Theme.border
                radius: 4
            }
        }
    }
    Label {
        visible: editor.error !== "" || editor.description !== ""
        Layout.fillWidth: true
        text: editor.error !== "" ? editor.error : editor.description
        color: editor.error !== "" ? Theme.error : Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
    }
}
