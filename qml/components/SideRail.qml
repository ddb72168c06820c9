pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox

// The rail on the left that switches between the three places.
Rectangle {
    id: rail

    property int currentIndex: 0
    // A count per place shown as a badge (0 = none), e.g. pending approvals.
    property var badges: []
    readonly property var places: [
        { label: qsTr("Design"), icon: "M4 5 H10 V11 H4 Z M14 13 H20 V19 H14 Z M7 11 V16 H14" },
        { label: qsTr("Runs"), icon: "M6 4 L19 12 L6 20 Z" },
        { label: qsTr("Approvals"), icon: "M12 4 A4 4 0 1 1 11.99 4 M4.5 21 C4.5 16 8 14 12 14 C16 14 19.5 16 19.5 21" }
    ]

    signal themeToggled

    implicitWidth: 76
    color: Theme.rail

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: 10
        anchors.bottomMargin: 10
        spacing: 4

        Repeater {
            model: rail.places

            delegate: ItemDelegate {
                id: placeButton

                required property var modelData
                required property int index

                Layout.fillWidth: true
                Layout.preferredHeight: 62
                Accessible.name: modelData.label
                Accessible.description: (rail.badges[index] ?? 0) > 0
                                        ? qsTr("%n pending", "", rail.badges[index]) : ""
                activeFocusOnTab: true
                onClicked: rail.currentIndex = index

                background: Rectangle {
                    color: placeButton.index === rail.currentIndex ? "#33ffffff"
                         : placeButton.hovered ? "#1affffff" : "transparent"
                    Rectangle {
                        width: 3
                        height: parent.height - 16
                        anchors.verticalCenter: parent.verticalCenter
                        color: Theme.railActive
                        visible: placeButton.index === rail.currentIndex
                    }
                }
                contentItem: ColumnLayout {
                    spacing: 4
                    Icon {
                        Layout.alignment: Qt.AlignHCenter
                        path: placeButton.modelData.icon
                        color: Theme.railText
                        size: 22
                        Rectangle {
                            readonly property int count: rail.badges[placeButton.index] ?? 0
                            objectName: "railBadge" + placeButton.index
                            visible: count > 0
                            x: parent.width - 6
                            y: -6
                            width: Math.max(18, badgeLabel.implicitWidth + 8)
                            height: 18
                            radius: 9
                            color: Theme.error
                            Label {
                                id: badgeLabel
                                anchors.centerIn: parent
                                text: parent.count > 99 ? "99+" : parent.count
                                color: "white"
                                font.pixelSize: Theme.textPixels(10)
                                font.bold: true
                            }
                        }
                    }
                    Label {
                        Layout.alignment: Qt.AlignHCenter
                        text: placeButton.modelData.label
                        color: Theme.railText
                        font.pixelSize: Theme.textPixels(11)
                    }
                }
            }
        }
        Item { Layout.fillHeight: true }
        ToolButton {
            Layout.alignment: Qt.AlignHCenter
            ToolTip.visible: hovered
            ToolTip.text: Theme.dark ? qsTr("Switch to the light theme")
                                     : qsTr("Switch to the dark theme")
            Accessible.name: qsTr("Toggle dark theme")
            onClicked: rail.themeToggled()
            contentItem: Icon {
                path: Theme.dark ? "M12 5 A7 7 0 1 1 11.99 5 M12 1 V3 M12 21 V23 M1 12 H3 M21 12 H23"
                                 : "M20 14 A8 8 0 1 1 10 4 A6 6 0 0 0 20 14 Z"
                color: Theme.railText
                size: 20
            }
        }
    }
}
