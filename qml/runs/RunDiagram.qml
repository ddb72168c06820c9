pragma ComponentBehavior: Bound
import QtQuick
import Signalbox
import Signalbox.Models

// The selected execution's workflow (the definition version it was started with) on the
// designer's canvas, read-only: nodes coloured by status, edges the execution took highlighted.
NavigableView {
    id: view

    required property HistoryModel history
    property string currentState
    readonly property alias document: runDocument

    signal stateClicked(string name)

    function fit() {
        const b = graph.nodes.bounds
        if (b.width > 0)
            fitTo(Qt.rect(b.x, b.y - 32, b.width, b.height + 32), 32, 1.0)
    }

    objectName: "runCanvas"
    backgroundColor: Theme.canvas
    gridColor: Theme.canvasDot
    gridSpacing: 16
    minZoom: 0.1
    maxZoom: 3
    Accessible.name: qsTr("Execution diagram")

    onWidthChanged: Qt.callLater(fit)
    onHeightChanged: Qt.callLater(fit)

    WorkflowDocument {
        id: runDocument
    }
    GraphController {
        id: graph
        document: runDocument
    }
    Connections {
        target: view.history
        function onDefinitionChanged() {
            runDocument.loadText(view.history.definitionSource, "")
            Qt.callLater(view.fit)
        }
    }
    Component.onCompleted: {
        if (history.definitionSource !== "") {
            runDocument.loadText(history.definitionSource, "")
            Qt.callLater(fit)
        }
    }

    Repeater {
        model: graph.edges
        delegate: Item {
            id: edgeItem
            required property int index
            required property string fromName
            required property string toName
            required property string kind
            required property string label
            required property string path
            required property string arrow
            required property real labelX
            required property real labelY
            required property bool dashed
            readonly property bool taken: view.history.takenEdges.indexOf(fromName + ">" + toName) >= 0
            opacity: taken || view.history.count === 0 ? 1 : 0.45
            EdgeDelegate {
                index: edgeItem.index
                fromName: edgeItem.fromName
                toName: edgeItem.toName
                kind: edgeItem.kind
                label: edgeItem.label
                path: edgeItem.path
                arrow: edgeItem.arrow
                labelX: edgeItem.labelX
                labelY: edgeItem.labelY
                dashed: edgeItem.dashed
                // Taken edges are drawn in the selection colour.
                selected: edgeItem.taken
            }
        }
    }
    Repeater {
        model: graph.nodes
        delegate: RunNode {
            status: view.history.stateStatus[name] ?? ""
            visits: view.history.visitCounts[name] ?? 0
            current: view.currentState === name
            onClicked: name => view.stateClicked(name)
        }
    }
}
