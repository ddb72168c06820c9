pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The executions list with its filter bar: status, workflow and search (id, name, input text).
// The list is virtualised; the model loads further pages as it scrolls.
Rectangle {
    id: list

    required property ExecutionsModel model
    property string currentId
    property real now: Date.now()
    property alias searchField: search
    property alias view: listView

    signal activated(string executionId)

    color: Theme.panel

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.margins: 10
            spacing: 6
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Executions")
                    font.bold: true
                    font.pixelSize: Theme.textPixels(15)
                    color: Theme.text
                }
                Label {
                    text: list.model.totalCount
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                }
            }
            TextField {
                id: search
                objectName: "runsSearch"
                Layout.fillWidth: true
                placeholderText: qsTr("Search id, name or input…")
                selectByMouse: true
                onTextChanged: list.model.searchText = text
                Accessible.name: qsTr("Search executions")
            }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: statusBox
                    objectName: "statusFilter"
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("All statuses"), value: "" },
                            { label: qsTr("Running"), value: "RUNNING" },
                            { label: qsTr("Waiting"), value: "WAITING" },
                            { label: qsTr("Succeeded"), value: "SUCCEEDED" },
                            { label: qsTr("Failed"), value: "FAILED" },
                            { label: qsTr("Timed out"), value: "TIMED_OUT" },
                            { label: qsTr("Cancelled"), value: "CANCELLED" }]
                    onActivated: list.model.statusFilter = currentValue
                    Accessible.name: qsTr("Filter by status")
                }
                ComboBox {
                    Layout.fillWidth: true
                    model: [qsTr("All workflows")].concat(list.model.workflows)
                    onActivated: index => list.model.workflowFilter = index === 0 ? "" : currentText
                    Accessible.name: qsTr("Filter by workflow")
                }
            }
        }
        Rectangle {
            Layout.fillWidth: true
            height: 1
            color: Theme.border
        }

        ListView {
            id: listView
            objectName: "executionsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: list.model
            keyNavigationEnabled: true
            activeFocusOnTab: true
            reuseItems: true
            currentIndex: list.model.indexOf(list.currentId)
            ScrollBar.vertical: ScrollBar {}
            Keys.onReturnPressed: list.activated(list.model.idAt(currentIndex))
            onCurrentIndexChanged: if (activeFocus && currentIndex >= 0)
                                       list.activated(list.model.idAt(currentIndex))

            delegate: ItemDelegate {
                id: row

                required property int index
                required property string executionId
                required property string name
                required property string workflow
                required property string status
                required property date started
                required property string durationText
                required property string positions
                required property string error
                required property bool simulated

                width: ListView.view.width
                height: 62
                highlighted: row.executionId === list.currentId
                objectName: "execution:" + executionId
                Accessible.name: workflow + " " + RunStatus.label(status)
                onClicked: list.activated(row.executionId)

                background: Rectangle {
                    color: row.highlighted ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14)
                         : row.hovered ? Theme.panelAlt : "transparent"
                    Rectangle {
                        width: 3
                        height: parent.height
                        color: RunStatus.color(row.status)
                    }
                    Rectangle {
                        width: parent.width
                        height: 1
                        y: parent.height - 1
                        color: Theme.border
                        opacity: 0.6
                    }
                }
                contentItem: ColumnLayout {
                    spacing: 3
                    RowLayout {
                        spacing: 6
                        StatusChip {
                            status: row.status
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.workflow + (row.simulated ? qsTr(" (simulated)") : "")
                            font.bold: true
                            elide: Text.ElideRight
                            color: Theme.text
                        }
                        Label {
                            text: RunStatus.isActive(row.status)
                                  ? list.model.formatDuration(Math.max(0, list.now - row.started.getTime()))
                                  : row.durationText
                            color: Theme.textMuted
                            font.pixelSize: Theme.smallFontSize
                        }
                    }
                    RowLayout {
                        spacing: 6
                        Label {
                            text: row.name !== "" ? row.name : row.executionId.substring(0, 8)
                            font.family: Theme.monoFont
                            font.pixelSize: Theme.smallFontSize
                            color: Theme.textMuted
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.error !== "" ? row.error
                                : row.positions !== "" ? "@ " + row.positions
                                : RunStatus.age(row.started, list.now)
                            elide: Text.ElideRight
                            font.pixelSize: Theme.smallFontSize
                            color: row.error !== "" ? Theme.error : Theme.textMuted
                        }
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 40
                visible: listView.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: list.model.searchText !== "" || list.model.statusFilter !== ""
                      ? qsTr("No execution matches the filter.")
                      : qsTr("No executions yet. Start one with Run in the designer, or `signalbox start FILE` in a terminal.")
                color: Theme.textMuted
            }
        }
    }
}
