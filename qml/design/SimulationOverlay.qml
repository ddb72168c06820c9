pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Signalbox
import Signalbox.Models

// The path a simulation took, drawn over the diagram in scene coordinates (a child of the
// canvas): each visited state gets a ring in the colour of how it ended and a badge with its step
// number(s); the edges taken are highlighted; states not (yet) reached are dimmed. Only the first
// `simulation.shownStep` steps are shown, so the bar can replay the path step by step.
Item {
    id: overlay

    required property SimulationModel simulation
    required property GraphController controller
    readonly property int shown: simulation.shownStep

    function statusColor(status: string): color {
        switch (status) {
        case "succeeded": return Theme.success
        case "failed": return Theme.error
        case "caught": return "#ea580c"
        case "waiting": return Theme.warning
        }
        return Theme.accent
    }
    function edgeTaken(t, from: string, to: string, kind: string, rule: int): bool {
        return t.from === from && t.to === to && t.kind === kind
                && (kind !== "choice" && kind !== "catch" || t.rule < 0 || t.rule === rule)
    }

    objectName: "simulationOverlay"
    visible: simulation.active
    z: 5

    // Edges taken: a soft halo under a solid stroke.
    Repeater {
        model: overlay.visible ? overlay.controller.edges : null
        delegate: Item {
            id: edge

            required property string fromName
            required property string toName
            required property string kind
            required property int rule
            required property string path
            required property string arrow
            readonly property var steps: overlay.simulation.transitions.filter(
                                             t => t.step <= overlay.shown
                                             && overlay.edgeTaken(t, fromName, toName, kind, rule))
            readonly property bool taken: steps.length > 0
            readonly property bool latest: taken && steps[steps.length - 1].step === overlay.shown

            objectName: "simEdge:" + fromName + ">" + toName
            visible: taken

            Shape {
                antialiasing: true
                ShapePath {
                    strokeColor: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b,
                                         edge.latest ? 0.35 : 0.18)
                    strokeWidth: 9
                    fillColor: "transparent"
                    capStyle: ShapePath.RoundCap
                    PathSvg { path: edge.path }
                }
                ShapePath {
                    strokeColor: Theme.accent
                    strokeWidth: 2.6
                    fillColor: "transparent"
                    capStyle: ShapePath.RoundCap
                    PathSvg { path: edge.path }
                }
                ShapePath {
                    strokeColor: Theme.accent
                    strokeWidth: 1
                    fillColor: Theme.accent
                    joinStyle: ShapePath.RoundJoin
                    PathSvg { path: edge.arrow }
                }
            }
        }
    }

    // Visited states: ring and step badge; the others are dimmed.
    Repeater {
        model: overlay.visible ? overlay.controller.nodes : null
        delegate: Item {
            id: mark

            required property string name
            required property real nodeX
            required property real nodeY
            required property real nodeWidth
            required property real nodeHeight
            required property string shape
            readonly property var visits: (overlay.simulation.visits[name] ?? []).filter(
                                              v => v.step <= overlay.shown)
            readonly property var last: visits.length > 0 ? visits[visits.length - 1] : null
            readonly property bool current: last !== null && last.step === overlay.shown
            readonly property color color: last ? overlay.statusColor(
                                                      current && last.status === "running"
                                                      ? "running" : last.status)
                                                : Theme.textMuted
            // "1", or "2 · 5" for a state visited twice (shortened after four visits).
            readonly property string stepText: visits.length <= 4
                                               ? visits.map(v => v.step).join(" · ")
                                               : visits.slice(0, 2).map(v => v.step).join(" · ")
                                                 + " … " + visits[visits.length - 1].step

            objectName: "simMark:" + name
            x: nodeX
            y: nodeY
            width: nodeWidth
            height: nodeHeight

            Rectangle {
                anchors.fill: parent
                anchors.margins: -3
                radius: mark.shape === "terminal" ? height / 2 : 10
                color: Theme.canvas
                opacity: mark.visits.length === 0 ? 0.62 : 0
                Behavior on opacity { NumberAnimation { duration: 180 } }
            }
            Rectangle {
                visible: mark.visits.length > 0
                anchors.fill: parent
                anchors.margins: mark.current ? -7 : -5
                radius: mark.shape === "terminal" ? height / 2 : 12
                color: "transparent"
                border.width: mark.current ? 3 : 2
                border.color: mark.color
                Behavior on anchors.margins { NumberAnimation { duration: 150 } }
            }
            Rectangle {
                objectName: "simBadge"
                visible: mark.visits.length > 0
                x: -12
                y: -12
                height: 24
                width: Math.max(24, badgeText.implicitWidth + 14)
                radius: 12
                color: mark.color
                border.color: Theme.canvas
                border.width: 2
                Label {
                    id: badgeText
                    anchors.centerIn: parent
                    text: mark.stepText
                    color: "#ffffff"
                    font.pixelSize: 12
                    font.bold: true
                }
            }
            // What it is waiting for, under a state the simulation stopped at.
            Rectangle {
                visible: mark.current && mark.last.status === "waiting"
                anchors.top: parent.bottom
                anchors.topMargin: 10
                anchors.horizontalCenter: parent.horizontalCenter
                width: waitText.implicitWidth + 16
                height: 22
                radius: 11
                color: Theme.warning
                Label {
                    id: waitText
                    anchors.centerIn: parent
                    text: qsTr("Waiting")
                    color: "#ffffff"
                    font.pixelSize: Theme.smallFontSize
                    font.bold: true
                }
            }
        }
    }
}
