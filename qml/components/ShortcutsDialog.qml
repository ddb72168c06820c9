pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// Help ▸ Keyboard Shortcuts: every action that has a shortcut, as the menus show it, plus the
// canvas keys (which belong to no menu).
AppDialog {
    id: dialog

    property list<Action> actions

    title: qsTr("Keyboard Shortcuts")
    width: 520
    height: Math.min(parent ? parent.height - 80 : 640, 640)
    standardButtons: Dialog.Close

    readonly property var canvasKeys: [
        { label: qsTr("Select the next / previous state"), keys: qsTr("Tab / Shift+Tab") },
        { label: qsTr("Move the selected states"), keys: qsTr("Arrow keys (Shift: farther)") },
        { label: qsTr("Edit the selected state in the inspector"), keys: qsTr("Enter") },
        { label: qsTr("Connect the selected state to another"), keys: qsTr("C, then Tab and Enter") },
        { label: qsTr("Clear the selection"), keys: qsTr("Esc") },
        { label: qsTr("Pan"), keys: qsTr("Drag the background") },
        { label: qsTr("Zoom"), keys: qsTr("Ctrl+wheel") }
    ]

    ListView {
        anchors.fill: parent
        clip: true
        model: dialog.actions.length + dialog.canvasKeys.length
        delegate: RowLayout {
            id: row
            required property int index
            readonly property bool isAction: index < dialog.actions.length
            readonly property var action: isAction ? dialog.actions[index] : null
            width: ListView.view.width
            Label {
                Layout.fillWidth: true
                text: row.isAction ? row.action.text.replace(/&(.)/g, "$1").replace("…", "")
                                   : dialog.canvasKeys[row.index - dialog.actions.length].label
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                text: row.isAction ? KeySequences.nativeText(row.action.shortcut)
                                   : dialog.canvasKeys[row.index - dialog.actions.length].keys
                color: Theme.textMuted
                font.family: Theme.monoFont
            }
        }
    }
}
