pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Catchers, tried in order once retries are exhausted: the errors they handle, the state to go
// to, and where the error object {"error", "cause"} is written (result_path).
ColumnLayout {
    id: section

    required property StateEditor editor
    property var catchers: []

    Layout.fillWidth: true
    spacing: 6

    SectionHeader {
        text: qsTr("Catch")
        hint: section.catchers.length === 0
              ? qsTr("An error that is not caught fails the workflow.")
              : qsTr("After the retries, the first catcher whose errors match takes over.")
    }

    Repeater {
        model: section.catchers
        delegate: ListCard {
            id: card

            required property var modelData
            required property int index

            objectName: "catchCard:" + index
            title: qsTr("Catcher %1").arg(index + 1)
            count: section.catchers.length
            onMoveRequested: to => section.editor.moveCatch(card.index, to)
            onRemoveRequested: section.editor.removeCatch(card.index)

            function set(key: string, value: var) {
                card.error = section.editor.setCatchField(card.index, key, value)
            }

            FieldLabel { text: qsTr("On errors") }
            ErrorsField {
                Layout.fillWidth: true
                name: "catchErrors:" + card.index
                errors: card.modelData.errors
                suggestions: section.editor.predefinedErrors
                onEdited: errors => card.set("errors", errors)
            }
            FieldLabel { text: qsTr("Go to") }
            ComboBox {
                Accessible.name: qsTr("Go to")
                objectName: "catchNext:" + card.index
                Layout.fillWidth: true
                model: section.editor.stateNames.filter(n => n !== section.editor.stateName)
                currentIndex: model.indexOf(card.modelData.next)
                onActivated: index => card.set("next", model[index])
            }
            FieldLabel { text: qsTr("Put the error at (result path)") }
            PathField {
                Accessible.name: qsTr("Put the error at (result path)")
                Layout.fillWidth: true
                editor: section.editor
                referenceOnly: true
                value: card.modelData.resultPath
                placeholderText: qsTr("$ — the error replaces the input")
                onCommit: text => card.set("resultPath", text)
            }
        }
    }

    Button {
        objectName: "addCatch"
        text: section.catchers.length === 0 ? qsTr("Add catcher") : qsTr("Add another catcher")
        onClicked: section.editor.addCatch()
    }
}
