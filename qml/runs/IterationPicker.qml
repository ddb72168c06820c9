pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Picks one iteration of a map state on the run diagram (Step Functions' map run view, in
// place): previous / next, a button that opens a list of every iteration with its status and
// item, and a shortcut to the next failed one. "All" shows the summary over every iteration.
// The list is a ListView over the IterationsModel, so only the visible rows have delegates, also
// for maps over thousands of items; it follows the execution live.
Item {
    id: picker

    required property IterationsModel iterations
    property string allText: "" // the label while every iteration is shown ("All · 3 of 5 done")
    readonly property int selected: iterations.selectedIndex
    readonly property bool blocked: iterations.blockedBy !== ""
    readonly property alias popup: popup

    function statusText(status: string): string {
        return RunStatus.label(status).toLowerCase()
    }

    implicitHeight: 22
    objectName: "iterationPicker:" + iterations.container

    RowLayout {
        anchors.fill: parent
        spacing: 2

        PickerButton {
            objectName: "iterationPrevious"
            enabled: !picker.blocked && picker.iterations.count > 0
            iconPath: "M15 6 L9 12 L15 18"
            tip: qsTr("Previous iteration")
            onClicked: picker.iterations.selectPrevious()
        }

        AbstractButton {
            id: current
            objectName: "iterationCurrent"
            Layout.fillWidth: true
            Layout.preferredHeight: 22
            enabled: !picker.blocked
            Accessible.name: currentLabel.text
            ToolTip.visible: hovered && toolTip !== ""
            ToolTip.delay: 500
            ToolTip.text: toolTip
            readonly property string toolTip: picker.blocked ? ""
                : picker.selected < 0 ? qsTr("Show one iteration: its path, statuses and step details")
                : qsTr("Item index %1 (as $$.Map.Item.Index) · %2")
                      .arg(picker.selected).arg(picker.statusText(picker.iterations.selectedStatus))
            onClicked: popup.opened ? popup.close() : popup.open()

            background: Rectangle {
                radius: 6
                color: current.hovered || popup.opened ? Theme.panelAlt : Theme.nodeFill
                border.color: picker.selected >= 0 ? Theme.selection : Theme.nodeBorder
            }
            contentItem: RowLayout {
                spacing: 6
                Rectangle {
                    Layout.leftMargin: 8
                    visible: picker.selected >= 0
                    width: 8
                    height: 8
                    radius: 4
                    color: RunStatus.color(picker.iterations.selectedStatus)
                }
                Label {
                    id: currentLabel
                    objectName: "iterationLabel"
                    Layout.fillWidth: true
                    Layout.leftMargin: picker.selected >= 0 ? 0 : 8
                    elide: Text.ElideRight
                    font.pixelSize: Theme.smallFontSize
                    font.bold: picker.selected >= 0
                    color: picker.blocked ? Theme.textMuted : Theme.text
                    text: picker.blocked
                          ? qsTr("Pick in %1 first").arg(picker.iterations.blockedBy)
                          : picker.selected < 0
                          ? (picker.allText !== "" ? picker.allText
                             : qsTr("All %n iteration(s)", "", picker.iterations.count))
                          : qsTr("#%1 of %2 · %3").arg(picker.selected)
                                .arg(picker.iterations.count)
                                .arg(picker.statusText(picker.iterations.selectedStatus))
                }
                Icon {
                    Layout.rightMargin: 6
                    visible: !picker.blocked
                    path: "M7 10 L12 15 L17 10"
                    color: Theme.textMuted
                    size: 12
                    strokeWidth: 2.2
                }
            }
        }

        PickerButton {
            objectName: "iterationNext"
            enabled: !picker.blocked && picker.iterations.count > 0
            iconPath: "M9 6 L15 12 L9 18"
            tip: qsTr("Next iteration")
            onClicked: picker.iterations.selectNext()
        }

        // The next failed iteration: a red count, so failures are one click away.
        AbstractButton {
            id: failedButton
            objectName: "iterationNextFailed"
            visible: picker.iterations.failedCount > 0 && !picker.blocked
            Layout.leftMargin: 2
            Layout.preferredHeight: 22
            implicitWidth: failedRow.implicitWidth + 12
            Accessible.name: qsTr("Show the next failed iteration")
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("%n failed: show the next one", "", picker.iterations.failedCount)
            onClicked: picker.iterations.selectNextFailed()
            background: Rectangle {
                radius: 12
                readonly property color tint: RunStatus.color("failed")
                color: Qt.rgba(tint.r, tint.g, tint.b,
                               failedButton.hovered ? (Theme.dark ? 0.35 : 0.22)
                                                    : (Theme.dark ? 0.22 : 0.12))
            }
            contentItem: Row {
                id: failedRow
                leftPadding: 6
                spacing: 3
                Icon {
                    anchors.verticalCenter: parent.verticalCenter
                    path: RunStatus.icon("failed")
                    color: RunStatus.color("failed")
                    size: 11
                    strokeWidth: 2.6
                }
                Label {
                    anchors.verticalCenter: parent.verticalCenter
                    text: picker.iterations.failedCount
                    font.pixelSize: Theme.smallFontSize
                    font.bold: true
                    color: RunStatus.color("failed")
                }
            }
        }
    }

    Popup {
        id: popup
        objectName: "iterationPopup"
        y: picker.height + 4
        width: Math.max(picker.width, 300)
        height: Math.min(list.contentHeight, 320) + header.height + 10
        padding: 5
        focus: true
        onOpened: {
            list.currentIndex = picker.selected
            list.positionViewAtIndex(Math.max(0, picker.selected), ListView.Contain)
            list.forceActiveFocus()
        }
        background: Rectangle {
            radius: Theme.radius
            color: Theme.panel
            border.color: Theme.border
        }

        Column {
            anchors.fill: parent
            spacing: 0
            ItemDelegate {
                id: header
                objectName: "iterationAll"
                width: parent.width
                height: 30
                highlighted: picker.selected < 0
                background: Rectangle {
                    radius: 4
                    color: header.highlighted
                           ? Qt.rgba(Theme.selection.r, Theme.selection.g, Theme.selection.b,
                                     Theme.dark ? 0.28 : 0.14)
                           : header.hovered ? Theme.panelAlt : "transparent"
                }
                onClicked: {
                    picker.iterations.select(-1)
                    popup.close()
                }
                contentItem: RowLayout {
                    spacing: 8
                    Label {
                        text: qsTr("All iterations")
                        font.pixelSize: Theme.smallFontSize
                        font.bold: true
                        color: Theme.text
                    }
                    Item { Layout.fillWidth: true }
                    Label {
                        text: [qsTr("%1 done").arg(picker.iterations.succeededCount),
                               picker.iterations.failedCount > 0
                               ? qsTr("%1 failed").arg(picker.iterations.failedCount) : "",
                               picker.iterations.runningCount > 0
                               ? qsTr("%1 running").arg(picker.iterations.runningCount) : ""]
                              .filter(s => s !== "").join(" · ")
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.textMuted
                    }
                }
            }
            Rectangle {
                width: parent.width
                height: 1
                color: Theme.border
            }
            ListView {
                id: list
                objectName: "iterationList"
                width: parent.width
                height: popup.height - header.height - 11
                clip: true
                model: picker.iterations
                boundsBehavior: Flickable.StopAtBounds
                keyNavigationEnabled: true
                highlightMoveDuration: 0
                ScrollBar.vertical: ScrollBar {}
                Keys.onReturnPressed: {
                    picker.iterations.select(currentIndex)
                    popup.close()
                }
                delegate: ItemDelegate {
                    id: row
                    required property int index
                    required property string status
                    required property string item
                    required property string error
                    required property string duration
                    width: ListView.view.width
                    height: 28
                    highlighted: ListView.isCurrentItem || picker.selected === index
                    ToolTip.visible: hovered && error !== ""
                    ToolTip.delay: 400
                    ToolTip.text: error
                    onClicked: {
                        picker.iterations.select(index)
                        popup.close()
                    }
                    background: Rectangle {
                        radius: 4
                        color: row.highlighted
                               ? Qt.rgba(Theme.selection.r, Theme.selection.g, Theme.selection.b,
                                         Theme.dark ? 0.28 : 0.14)
                               : row.hovered ? Theme.panelAlt : "transparent"
                    }
                    contentItem: RowLayout {
                        spacing: 8
                        // A status dot, not an Icon: Qt 6.4's software Shape renderer crashed
                        // when many list rows with Shapes came and went with the popup.
                        Rectangle {
                            Layout.leftMargin: 2
                            implicitWidth: 9
                            implicitHeight: 9
                            radius: 4.5
                            color: RunStatus.color(row.status)
                        }
                        Label {
                            Layout.preferredWidth: 44
                            text: "#" + row.index
                            font.family: Theme.monoFont
                            font.pixelSize: Theme.smallFontSize
                            color: Theme.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.error !== "" ? row.error : row.item
                            elide: Text.ElideRight
                            font.pixelSize: Theme.smallFontSize
                            color: row.error !== "" ? RunStatus.color("failed") : Theme.textMuted
                        }
                        Label {
                            text: row.duration !== "" ? row.duration
                                                      : picker.statusText(row.status)
                            font.pixelSize: Theme.smallFontSize
                            color: row.duration !== "" ? Theme.textMuted
                                                       : RunStatus.color(row.status)
                        }
                    }
                }
            }
        }
    }

    // A small square button with an icon (previous, next).
    component PickerButton: AbstractButton {
        id: button
        property string iconPath
        property string tip
        Layout.preferredWidth: 24
        Layout.preferredHeight: 22
        Accessible.name: tip
        ToolTip.visible: hovered
        ToolTip.delay: 500
        ToolTip.text: tip
        background: Rectangle {
            radius: 6
            color: button.hovered && button.enabled ? Theme.panelAlt : Theme.nodeFill
            border.color: Theme.nodeBorder
        }
        contentItem: Icon {
            path: button.iconPath
            color: button.enabled ? Theme.text : Theme.textMuted
            size: 13
            strokeWidth: 2.2
            opacity: button.enabled ? 1 : 0.5
        }
    }
}
