pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The History tab of the Runs place: one filter for both views, and a Table | Timeline switch
// between the event table (HistoryTable) and the bars on a time axis (HistoryTimeline).
ColumnLayout {
    id: pane

    required property HistoryModel history
    property string currentState
    property alias mode: modeBar.currentIndex // 0 table, 1 timeline
    property alias filter: filterField.text
    property alias table: table
    property alias timeline: timeline

    signal stateClicked(string name)

    spacing: 0

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: 6
        spacing: 10
        TabBar {
            id: modeBar
            Accessible.name: qsTr("History view")
            objectName: "historyMode"
            TabButton {
                objectName: "historyModeTable"
                text: qsTr("Table")
                width: implicitWidth + 12
            }
            TabButton {
                objectName: "historyModeTimeline"
                text: qsTr("Timeline")
                width: implicitWidth + 12
            }
        }
        TextField {
            id: filterField
            Accessible.name: qsTr("Filter the history")
            objectName: "historyFilter"
            Layout.preferredWidth: 240
            placeholderText: pane.mode === 0 ? qsTr("Filter by state or event type…")
                                             : qsTr("Filter by state, kind or status…")
            selectByMouse: true
        }
        Item { Layout.fillWidth: true }
        CheckBox {
            visible: pane.mode === 0
            text: qsTr("Follow")
            checked: table.follow
            onToggled: table.follow = checked
        }
        Label {
            text: pane.mode === 0 ? qsTr("%n event(s)", "", pane.history.count)
                                  : qsTr("%n state(s)", "", timeline.timeline.lanes.length)
            color: Theme.textMuted
            font.pixelSize: Theme.smallFontSize
        }
    }
    StackLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        currentIndex: modeBar.currentIndex
        HistoryTable {
            id: table
            history: pane.history
            filterText: filterField.text.toLowerCase()
            onStateClicked: name => pane.stateClicked(name)
        }
        HistoryTimeline {
            id: timeline
            history: pane.history
            filterText: filterField.text
            currentState: pane.currentState
            onStateClicked: name => pane.stateClicked(name)
        }
    }
}
