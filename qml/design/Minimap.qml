pragma ComponentBehavior: Bound
import QtQuick
import Signalbox
import Signalbox.Models

// An overview of the whole diagram with the visible area outlined; click or drag to move there.
Rectangle {
    id: map
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Minimap")

    required property GraphController controller
    required property NavigableView view
    readonly property rect world: {
        const b = controller.nodes.bounds
        const v = view.visibleRect
        const x0 = Math.min(b.x, v.x), y0 = Math.min(b.y, v.y)
        const x1 = Math.max(b.x + b.width, v.x + v.width)
        const y1 = Math.max(b.y + b.height, v.y + v.height)
        return Qt.rect(x0 - 40, y0 - 40, x1 - x0 + 80, y1 - y0 + 80)
    }
    readonly property real factor: Math.min(width / world.width, height / world.height)
    readonly property real ox: (width - world.width * factor) / 2
    readonly property real oy: (height - world.height * factor) / 2

    function centerAt(mx: real, my: real) {
        view.centerOn(Qt.point(world.x + (mx - ox) / factor, world.y + (my - oy) / factor))
    }

    width: 180
    height: 120
    radius: 6
    color: Theme.panel
    border.color: Theme.border
    opacity: 0.95
    clip: true
    objectName: "minimap"

    Repeater {
        model: map.controller.nodes
        delegate: Rectangle {
            required property real nodeX
            required property real nodeY
            required property real nodeWidth
            required property real nodeHeight
            required property string stateType
            required property string shape
            required property bool selected
            readonly property bool container: shape === "container"
            x: map.ox + (nodeX - map.world.x) * map.factor
            y: map.oy + (nodeY - map.world.y) * map.factor
            width: Math.max(2, nodeWidth * map.factor)
            height: Math.max(2, nodeHeight * map.factor)
            radius: 1
            // Containers as outlines, so the states inside them stay visible.
            color: container ? "transparent" : selected ? Theme.selection
                                                        : StateTypes.color(stateType)
            border.width: container ? 1 : 0
            border.color: selected ? Theme.selection : StateTypes.color(stateType)
            opacity: 0.8
        }
    }
    Rectangle {
        x: map.ox + (map.view.visibleRect.x - map.world.x) * map.factor
        y: map.oy + (map.view.visibleRect.y - map.world.y) * map.factor
        width: map.view.visibleRect.width * map.factor
        height: map.view.visibleRect.height * map.factor
        color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.08)
        border.color: Theme.accent
        border.width: 1
    }
    MouseArea {
        anchors.fill: parent
        onPressed: mouse => map.centerAt(mouse.x, mouse.y)
        onPositionChanged: mouse => map.centerAt(mouse.x, mouse.y)
    }
}
