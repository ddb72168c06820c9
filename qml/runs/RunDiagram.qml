pragma ComponentBehavior: Bound
import QtQuick
import Signalbox
import Signalbox.Models

// The selected execution's workflow (the definition version it was started with) on the
// designer's canvas, read-only: nodes coloured by status, edges the execution took highlighted.
// Parallel and map states show their branches' states (coloured too) inside a frame that can be
// collapsed into a summary node; map states count their iterations and have a picker that shows
// one iteration's path (HistoryModel.selectIteration), parallel lanes a status per branch.
NavigableView {
    id: view

    required property HistoryModel history
    property string currentState
    readonly property alias document: runDocument

    readonly property GraphController graph: graph

    signal stateClicked(string name)

    // "3 of 5 done" for a map state (its iterations) and for the states of its item processor.
    function progressOf(name: string, stateType: string, parentName: string): string {
        const its = view.history.iterations
        if (StateTypes.iterates(stateType) && its[name] !== undefined) {
            const it = its[name]
            return qsTr("%1 of %2 done").arg(it.finished ?? 0).arg(it.started ?? 0)
        }
        const p = parentName !== "" ? its[parentName] : undefined
        // With one iteration picked, its states show their own status, not a count.
        if (p !== undefined && view.history.selectedIterations[parentName] === undefined) {
            const parentRow = graph.nodes.indexOf(parentName)
            if (StateTypes.iterates(graph.nodes.data(graph.nodes.index(parentRow, 0),
                                                      NodesModel.StateTypeRole)))
                return qsTr("%1 of %2 done").arg(view.history.doneCounts[name] ?? 0)
                                            .arg(p.started ?? 0)
        }
        return ""
    }

    function fit() {
        const b = graph.nodes.bounds
        if (b.width > 0)
            fitTo(Qt.rect(b.x, b.y - 32, b.width, b.height + 32), 32, 1.25)
    }

    objectName: "runCanvas"
    backgroundColor: Theme.canvas
    gridColor: Theme.canvasDot
    gridSpacing: 16
    minZoom: 0.1
    maxZoom: 3
    Accessible.name: qsTr("Execution diagram")
    // NavigableView clips its content, but Qt Quick's software renderer (no GPU, offscreen) draws
    // Shapes (edges, arrowheads, icons) past that clip, over the page around the diagram. There,
    // render the view into a layer: nothing can paint outside the layer's own rectangle.
    layer.enabled: GraphicsInfo.api === GraphicsInfo.Software

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

    // The designer's edges; the ones this execution took stay solid, the others fade.
    Repeater {
        model: graph.edges
        delegate: EdgeDelegate {
            opacity: view.history.count === 0
                     || view.history.takenEdges.indexOf(fromName + ">" + toName) >= 0 ? 1 : 0.3
        }
    }
    Repeater {
        model: graph.nodes
        delegate: RunNode {
            status: view.history.stateStatus[name] ?? ""
            visits: view.history.visitCounts[name] ?? 0
            note: view.history.stateNotes[name] ?? ""
            current: view.currentState === name
            progress: view.progressOf(name, stateType, parentName)
            history: view.history
            onClicked: name => view.stateClicked(name)
            onFrameTapped: p => {
                const inner = graph.nodes.nodeAt(p.x, p.y)
                if (inner !== "")
                    view.stateClicked(inner)
            }
            onToggled: name => graph.setCollapsed(name, !collapsed)
        }
    }
}
