pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The palette of state types. Drag one onto the canvas to add it there; Enter or double-click
// adds it in the middle of the view.
Rectangle {
    id: statePalette

    required property GraphController controller
    required property NavigableView canvas
    required property Item ghostLayer
    // Icons only (names in tooltips), for narrow windows.
    property bool compact: false

    function addAt(type: string, item: Item, x: real, y: real): bool {
        const p = item.mapToItem(canvas, x, y)
        if (p.x < 0 || p.y < 0 || p.x > canvas.width || p.y > canvas.height)
            return false
        const c = canvas.mapToContent(p)
        controller.addState(type, c.x, c.y)
        canvas.forceActiveFocus()
        return true
    }

    implicitWidth: compact ? 56 : 176
    color: Theme.panel

    Rectangle {
        anchors.right: parent.right
        width: 1
        height: parent.height
        color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 10
        spacing: 4

        Label {
            visible: !statePalette.compact
            text: qsTr("STATES")
            font.pixelSize: Theme.textPixels(11)
            font.bold: true
            font.letterSpacing: 0.8
            color: Theme.textMuted
            Layout.bottomMargin: 4
        }

        Repeater {
            model: StateTypes.all
            delegate: ItemDelegate {
                id: entry

                required property var modelData
                readonly property color accent: StateTypes.color(modelData.type)

                objectName: "palette:" + modelData.type
                Layout.fillWidth: true
                Layout.preferredHeight: 40
                activeFocusOnTab: true
                Accessible.name: qsTr("Add %1").arg(modelData.label)
                ToolTip.visible: hovered && !dragArea.pressed
                ToolTip.delay: 500
                ToolTip.text: statePalette.compact ? modelData.label + " — " + modelData.hint : modelData.hint
                Keys.onReturnPressed: addInMiddle()
                Keys.onEnterPressed: addInMiddle()

                function addInMiddle() {
                    statePalette.addAt(modelData.type, statePalette.canvas, statePalette.canvas.width / 2,
                                  statePalette.canvas.height / 2)
                }

                background: Rectangle {
                    radius: 6
                    color: entry.hovered || entry.activeFocus ? Theme.panelAlt : "transparent"
                    border.color: entry.activeFocus ? Theme.accent : "transparent"
                }
                contentItem: RowLayout {
                    spacing: 10
                    Rectangle {
                        Layout.preferredWidth: 26
                        Layout.preferredHeight: 26
                        radius: StateTypes.shape(entry.modelData.type) === "diamond" ? 4 : 13
                        rotation: StateTypes.shape(entry.modelData.type) === "diamond" ? 45 : 0
                        color: Qt.rgba(entry.accent.r, entry.accent.g, entry.accent.b, 0.14)
                        Icon {
                            anchors.centerIn: parent
                            rotation: -parent.rotation
                            path: StateTypes.icon(entry.modelData.type)
                            color: entry.accent
                            size: 16
                        }
                    }
                    Label {
                        visible: !statePalette.compact
                        Layout.fillWidth: true
                        text: entry.modelData.label
                        color: Theme.text
                    }
                }

                MouseArea {
                    id: dragArea
                    anchors.fill: parent
                    cursorShape: Qt.OpenHandCursor
                    onPressed: mouse => {
                        const p = mapToItem(statePalette.ghostLayer, mouse.x, mouse.y)
                        ghost.type = entry.modelData.type
                        ghost.label = entry.modelData.label
                        ghost.x = p.x - ghost.width / 2
                        ghost.y = p.y - ghost.height / 2
                    }
                    onPositionChanged: mouse => {
                        const p = mapToItem(statePalette.ghostLayer, mouse.x, mouse.y)
                        ghost.visible = true
                        ghost.x = p.x - ghost.width / 2
                        ghost.y = p.y - ghost.height / 2
                    }
                    onReleased: mouse => {
                        if (ghost.visible)
                            statePalette.addAt(entry.modelData.type, dragArea, mouse.x, mouse.y)
                        ghost.visible = false
                    }
                    onDoubleClicked: entry.addInMiddle()
                    onCanceled: ghost.visible = false
                }
            }
        }
        Item { Layout.fillHeight: true }
        Label {
            visible: !statePalette.compact
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Drag a state onto the canvas. Drag from a node's bottom dot to connect it; from the red dot to handle its errors.")
            font.pixelSize: Theme.textPixels(11)
            color: Theme.textMuted
        }
    }

    // What is being dragged, drawn above everything.
    Rectangle {
        id: ghost

        property string type
        property string label

        parent: statePalette.ghostLayer
        visible: false
        z: 100
        width: 160
        height: 44
        radius: 8
        color: Theme.nodeFill
        border.color: StateTypes.color(type)
        border.width: 2
        opacity: 0.9
        Row {
            anchors.centerIn: parent
            spacing: 8
            Icon {
                path: StateTypes.icon(ghost.type)
                color: StateTypes.color(ghost.type)
                size: 18
            }
            Label {
                text: ghost.label
                color: Theme.text
                font.bold: true
            }
        }
    }
}
