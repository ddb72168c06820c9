pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Signalbox
import Signalbox.Models

// One state on the monitor's flowchart: the designer's shapes (box, diamond, terminal) drawn
// read-only and coloured by what the execution did there (running pulses, succeeded, failed,
// waiting, retrying; grey when not reached), with a visit count for loops and retries. Parallel
// and map states with content are containers (ContainerFrame) holding their branches' states,
// with a button to collapse them into a summary node and back; map states and the states of
// their item processor show how many iterations are done. A map's header holds a picker for
// one of its iterations; a parallel's lanes show each branch's status, and a click on it shows
// only that branch.
Item {
    id: node

    required property int index
    required property string name
    required property string stateType
    required property string typeLabel
    required property real nodeX
    required property real nodeY
    required property real nodeWidth
    required property real nodeHeight
    required property string shape
    required property string subtitle
    required property bool isStart
    required property int depth
    required property string parentName
    required property var lanes
    required property bool collapsible
    required property bool collapsed

    property string status: ""
    property int visits: 0
    property string note: "" // e.g. "attempt 2 at 16:30:12" while retrying
    property bool current: false
    property string progress: "" // "3 of 5 done" (map iterations, processor states)
    property HistoryModel history: null // for the iteration picker and the branch statuses
    readonly property bool container: shape === "container"
    readonly property bool picksIterations: container && StateTypes.iterates(stateType) && history !== null
                                            && reached
    readonly property bool reached: status !== ""
    readonly property color tint: reached ? RunStatus.color(status) : Theme.nodeBorder
    readonly property color fill: reached
                                  ? Qt.tint(Theme.nodeFill, Qt.rgba(tint.r, tint.g, tint.b,
                                                                    Theme.dark ? 0.25 : 0.12))
                                  : Theme.nodeFill

    signal clicked(string name)
    signal frameTapped(point scenePoint) // on a container: the diagram finds the innermost node
    signal toggled(string name) // collapse / expand requested


    x: nodeX
    y: nodeY
    width: nodeWidth
    height: nodeHeight
    opacity: reached || container ? 1 : 0.55
    z: container ? -20 + depth : 1
    objectName: "runnode:" + name
    Accessible.role: Accessible.Button
    Accessible.name: name + ", " + RunStatus.label(status)

    ContainerFrame {
        visible: node.container
        anchors.fill: parent
        name: node.name
        stateType: node.stateType
        typeLabel: node.typeLabel
        subtitle: node.subtitle
        lanes: node.container ? node.lanes : []
        opacity: node.reached ? 1 : 0.8
        borderColor: node.current ? Theme.selection : node.reached ? node.tint : Theme.nodeBorder
        borderWidth: node.current ? 3 : node.reached ? 2 : 1
        status: !node.reached ? ""
              : RunStatus.label(node.status) + (node.progress !== "" ? " · " + node.progress : "")
        statusColor: node.tint
        headerRightMargin: 44
        statusLineVisible: !node.picksIterations
    }

    // A map: pick one iteration, in the header's status line. (A Repeater of one, not a Loader:
    // Qt 6.4 refuses to load bound components in a Loader.)
    Repeater {
        model: node.picksIterations ? 1 : 0
        delegate: IterationPicker {
            x: 56
            y: 29
            width: node.width - x - 44
            height: 22
            allText: node.progress !== "" ? qsTr("All · %1").arg(node.progress) : ""
            iterations: IterationsModel {
                history: node.history
                container: node.name
            }
        }
    }
    // A parallel: every branch's status on its lane; a click shows only that branch.
    Repeater {
        model: node.container && StateTypes.hasBranches(node.stateType) && node.history !== null
               && node.reached ? branches : null
        delegate: AbstractButton {
            id: branch
            required property int index
            required property string status
            readonly property var lane: node.lanes[index] ?? ({x: 0, y: 0, width: 0})
            readonly property bool focused: branches.selectedIndex === index
            visible: index < node.lanes.length
            objectName: "branch:" + node.name + ":" + index
            x: lane.x + lane.width - width - 6
            y: lane.y + 4
            width: chip.implicitWidth + 6
            height: 22
            Accessible.name: qsTr("Branch %1, %2").arg(index + 1).arg(RunStatus.label(status))
            ToolTip.visible: hovered
            ToolTip.delay: 400
            ToolTip.text: (focused ? qsTr("Branch %1 · %2 — click to show all branches")
                                   : qsTr("Branch %1 · %2 — click to show only this branch"))
                          .arg(index + 1).arg(RunStatus.label(status).toLowerCase())
            onClicked: branches.select(focused ? -1 : index)
            background: Rectangle {
                radius: height / 2
                color: "transparent"
                border.width: branch.focused ? 2 : 0
                border.color: Theme.selection
            }
            contentItem: Item {
                StatusChip {
                    id: chip
                    anchors.centerIn: parent
                    status: branch.status === "pending" ? "" : branch.status
                    compact: true
                }
            }
        }
    }
    // Only parallel nodes list their branches (the model is inert without a container name).
    IterationsModel {
        id: branches
        history: node.container && StateTypes.hasBranches(node.stateType) ? node.history : null
        container: node.container && StateTypes.hasBranches(node.stateType) ? node.name : ""
    }

    Rectangle {
        id: body
        visible: node.shape !== "diamond" && !node.container
        anchors.fill: parent
        radius: node.shape === "terminal" ? height / 2 : Theme.radius
        color: node.fill
        border.width: node.current ? 3 : (node.reached ? 2 : 1)
        border.color: node.current ? Theme.selection : node.tint
    }
    Shape {
        visible: node.shape === "diamond"
        anchors.fill: parent
        antialiasing: true
        ShapePath {
            strokeColor: node.current ? Theme.selection : node.tint
            strokeWidth: node.current ? 3 : 2
            fillColor: node.fill
            joinStyle: ShapePath.RoundJoin
            startX: node.width / 2
            startY: 0
            PathLine { x: node.width; y: node.height / 2 }
            PathLine { x: node.width / 2; y: node.height }
            PathLine { x: 0; y: node.height / 2 }
            PathLine { x: node.width / 2; y: 0 }
        }
    }
    // Running and retrying states breathe, so motion draws the eye to where work happens.
    Rectangle {
        visible: (node.status === "running" || node.status === "retrying") && !node.container
        anchors.fill: parent
        anchors.margins: -4
        radius: node.shape === "box" ? Theme.radius + 4 : height / 2
        color: "transparent"
        border.color: node.tint
        border.width: 2
        SequentialAnimation on opacity {
            running: parent.visible
            loops: Animation.Infinite
            NumberAnimation { from: 0.9; to: 0.1; duration: 800 }
            NumberAnimation { from: 0.1; to: 0.9; duration: 800 }
        }
    }

    Row {
        visible: !node.container
        anchors.centerIn: parent
        spacing: 8
        Icon {
            anchors.verticalCenter: parent.verticalCenter
            path: StateTypes.icon(node.stateType)
            color: StateTypes.color(node.stateType)
            size: 16
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            Label {
                width: Math.min(implicitWidth, node.width - (node.shape === "diamond" ? 70 : 56))
                text: node.name
                elide: Text.ElideRight
                font.pixelSize: Theme.fontSize
                font.bold: true
                color: Theme.text
            }
            Label {
                id: statusLine
                visible: node.shape === "box"
                // Fits the node (a retry note is long); the whole line is in the tooltip.
                width: Math.min(implicitWidth, node.width - 56)
                elide: Text.ElideRight
                text: !node.reached ? node.typeLabel
                      : node.note !== "" ? RunStatus.label(node.status) + " · " + node.note
                      : node.progress !== "" ? RunStatus.label(node.status) + " · " + node.progress
                      : RunStatus.label(node.status)
                font.pixelSize: Theme.smallFontSize
                color: node.reached ? node.tint : Theme.textMuted
            }
        }
    }

    // Status glyph and visit count on the top edge.
    Row {
        anchors.right: parent.right
        anchors.rightMargin: node.shape === "diamond" ? node.width / 4 : 8
        y: -10
        spacing: 4
        StatusChip {
            visible: node.reached
            status: node.status
            compact: true
        }
        Rectangle {
            visible: node.visits > 1
            width: visitsLabel.implicitWidth + 10
            height: 20
            radius: 10
            color: Theme.nodeFill
            border.color: Theme.nodeBorder
            Label {
                id: visitsLabel
                anchors.centerIn: parent
                text: "×" + node.visits
                font.pixelSize: Theme.smallFontSize
                color: Theme.textMuted
            }
            ToolTip.visible: visitsHover.hovered
            ToolTip.text: qsTr("Entered %n time(s)", "", node.visits)
            HoverHandler { id: visitsHover }
        }
    }

    // Collapse (on a frame) or expand (on a summary node) the container's content.
    AbstractButton {
        id: toggle
        visible: node.collapsible
        objectName: "toggle:" + node.name
        z: 5
        width: 26
        height: 26
        x: node.container ? node.width - width - 12 : node.width - width - 6
        y: node.container ? 13 : (node.height - height) / 2
        Accessible.name: node.collapsed ? qsTr("Expand %1").arg(node.name)
                                        : qsTr("Collapse %1").arg(node.name)
        ToolTip.visible: hovered
        ToolTip.text: node.collapsed ? qsTr("Show the branches") : qsTr("Collapse into one node")
        ToolTip.delay: 500
        onClicked: node.toggled(node.name)
        background: Rectangle {
            radius: 6
            color: toggle.hovered ? Theme.panelAlt : "transparent"
            border.color: toggle.hovered ? Theme.border : "transparent"
        }
        contentItem: Icon {
            // A chevron: down when expanded (collapse), right when collapsed (expand).
            path: node.collapsed ? "M9 6 L15 12 L9 18" : "M6 9 L12 15 L18 9"
            color: Theme.textMuted
            size: 14
            strokeWidth: 2.2
        }
    }

    TapHandler {
        // A frame's handler also sees taps on the nodes inside it (passive grabs).
        onTapped: eventPoint => {
            if (node.container)
                node.frameTapped(node.mapToItem(node.parent, eventPoint.position.x,
                                                eventPoint.position.y))
            else
                node.clicked(node.name)
        }
    }
}
