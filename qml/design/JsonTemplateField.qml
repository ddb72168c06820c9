pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// A JSON editor for parameters, result_selector, item_selector (templates: keys ending in .$
// hold a path or an intrinsic function), mock or result (any JSON), or anything with its own
// `checker` (an http body, an input schema). Checked as you type, applied when you leave it if
// it is valid; empty removes the field.
ColumnLayout {
    id: field

    required property StateEditor editor
    property string value
    property bool isTemplate: true
    property alias placeholderText: area.placeholderText
    property alias textArea: area
    property string error
    // function(text) returning "" or the error, instead of the template / JSON check.
    property var checker: null

    signal commit(string text)

    function check(text: string): string {
        if (checker)
            return checker(text)
        return isTemplate ? editor.checkTemplate(text) : editor.checkJson(text)
    }

    spacing: 2

    TextArea {

        Accessible.name: field.Accessible.name // the wrapper's name, for screen readers
        id: area
        Layout.fillWidth: true
        Layout.minimumHeight: 56
        font.family: Theme.monoFont
        font.pixelSize: Theme.smallFontSize + 1
        wrapMode: TextEdit.WrapAnywhere
        text: field.value
        onTextChanged: if (activeFocus) field.error = field.check(text)
        onEditingFinished: {
            field.error = field.check(text)
            if (field.error === "" && text !== field.value)
                field.commit(text)
        }
        background: Rectangle {
            color: Theme.code
            radius: 4
            border.color: field.error !== "" ? Theme.error
                        : area.activeFocus ? Theme.accent : Theme.border
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
