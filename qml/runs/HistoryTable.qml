pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The event history of the selected execution as a table (seq, time, type, state, details),
// following new events live. A filter (HistoryPane's) narrows it to states or event types.
ColumnLayout {
    id: table

    required property HistoryModel history
    property string filterText // lower case
    property bool follow: true

    signal stateClicked(string name)

    spacing: 0

    // Header.
    Rectangle {
        Layout.fillWidth: true
        Layout.preferredHeight: 24 // a layout ignores `height`: the rows covered the header
        color: Theme.panelAlt
        Row {
            anchors.fill: parent
            anchors.leftMargin: 8
            spacing: 8
            Repeater {
                model: [{ t: "#", w: 40 }, { t: qsTr("Time (UTC)"), w: 92 },
                        { t: qsTr("Event"), w: 150 }, { t: qsTr("State"), w: 140 },
                        { t: qsTr("Details"), w: 400 }]
                delegate: Label {
                    required property var modelData
                    width: modelData.w
                    anchors.verticalCenter: parent.verticalCenter
                    text: modelData.t
                    font.bold: true
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.textMuted
                }
            }
        }
    }
    ListView {
        id: rows
        objectName: "historyList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: table.history
        ScrollBar.vertical: ScrollBar {}
        onCountChanged: if (table.follow) Qt.callLater(positionViewAtEnd)

        delegate: Rectangle {
            id: eventRow

            required property int index
            required property int seq
            required property string type
            required property string timeText
            required property string state
            required property string frame
            required property string summary
            required property string dataText
            required property string category
            readonly property bool shown: table.filterText === ""
                || type.toLowerCase().indexOf(table.filterText) >= 0
                || state.toLowerCase().indexOf(table.filterText) >= 0

            width: ListView.view.width
            height: shown ? 24 : 0
            visible: shown
            color: index % 2 ? Theme.panelAlt : Theme.panel

            Row {
                anchors.fill: parent
                anchors.leftMargin: 8
                spacing: 8
                Label {
                    width: 40
                    anchors.verticalCenter: parent.verticalCenter
                    text: eventRow.seq
                    color: Theme.textMuted
                    font.family: Theme.monoFont
                    font.pixelSize: Theme.smallFontSize
                }
                Label {
                    width: 92
                    anchors.verticalCenter: parent.verticalCenter
                    text: eventRow.timeText
                    color: Theme.textMuted
                    font.family: Theme.monoFont
                    font.pixelSize: Theme.smallFontSize
                }
                Label {
                    width: 150
                    anchors.verticalCenter: parent.verticalCenter
                    text: eventRow.type
                    elide: Text.ElideRight
                    font.pixelSize: Theme.smallFontSize
                    font.bold: eventRow.category !== "info"
                    color: eventRow.category === "error" ? Theme.error
                         : eventRow.category === "success" ? Theme.success
                         : eventRow.category === "wait" ? RunStatus.color("waiting") : Theme.text
                }
                Label {
                    width: 140
                    anchors.verticalCenter: parent.verticalCenter
                    text: eventRow.frame !== "" ? eventRow.frame + "/" + eventRow.state : eventRow.state
                    elide: Text.ElideMiddle
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.accent
                    TapHandler {
                        onTapped: if (eventRow.state !== "") table.stateClicked(eventRow.state)
                    }
                }
                Label {
                    width: eventRow.width - 40 - 92 - 150 - 140 - 48
                    anchors.verticalCenter: parent.verticalCenter
                    text: eventRow.summary !== "" ? eventRow.summary : eventRow.dataText
                    elide: Text.ElideRight
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.text
                    ToolTip.visible: detailHover.hovered && eventRow.dataText.length > 2
                    ToolTip.text: eventRow.dataText
                    ToolTip.delay: 400
                    HoverHandler { id: detailHover }
                }
            }
        }
    }
}
