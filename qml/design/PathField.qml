pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// A JSONPath field (input_path, result_path…): checked as you type, applied when you leave it
// (Enter or Tab) if it is valid. Empty means the field is absent; "null" where ASL allows it.
ColumnLayout {
    id: field

    required property StateEditor editor
    property string value
    property bool referenceOnly: false
    property alias placeholderText: input.placeholderText
    property alias textField: input
    property string error

    signal commit(string text)

    spacing: 2

    TextField {

        Accessible.name: field.Accessible.name // the wrapper's name, for screen readers
        id: input
        Layout.fillWidth: true
        font.family: Theme.monoFont
        text: field.value
        color: field.error !== "" ? Theme.error : Theme.text
        onTextChanged: if (activeFocus) field.error = field.editor.checkPath(text, field.referenceOnly)
        onEditingFinished: {
            field.error = field.editor.checkPath(text, field.referenceOnly)
            if (field.error === "" && text !== field.value)
                field.commit(text)
        }
    }
    Label {
        visible: field.error !== ""
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        text: field.error
        color: Theme.error
        font.pixelSize: Theme.smallFontSize
    }
}
