pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The Design place: palette, canvas with minimap and zoom controls, problems below, and the
// inspector and YAML side by side on the right.
Item {
    id: page

    required property WorkflowDocument document
    required property GraphController controller
    property alias canvas: canvas
    property alias yamlPane: yamlPane
    property alias palette: statePalette
    property alias sideTabs: sideTabs
    property alias simulation: simulationModel
    property alias simulationBar: simulationBar
    property alias simulateDialog: simulateDialog

    // The split panes, whose sizes the window remembers.
    readonly property var splitViews: [mainSplit, canvasSplit]

    function fit() { canvas.fit() }
    // Zoom to fit, leaving room for the simulation bar over the top of the canvas.
    function fitBelowSimulationBar() {
        canvas.fitAround(160, canvas.bottomOverlay)
    }
    // Run ▸ Simulate (Shift+F5): asks for the sample input, then animates the path on the canvas.
    function simulate() { simulateDialog.open() }
    function selectAndReveal(name: string) {
        controller.select(name, false)
        canvas.reveal(name)
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    SimulationModel {
        id: simulationModel
        document: page.document
        onStarted: page.fitBelowSimulationBar()
    }
    Connections {
        target: page.document
        // Another workflow: the path shown belongs to the old one.
        function onReset() { simulationModel.clear() }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        StatePalette {
            id: statePalette
            Layout.fillHeight: true
            controller: page.controller
            canvas: canvas
            ghostLayer: page
            compact: page.width < 1100
        }

        SplitView {
            id: mainSplit
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            SplitView {
                id: canvasSplit
                SplitView.fillWidth: true
                orientation: Qt.Vertical

                Item {
                    SplitView.fillHeight: true

                    DiagramCanvas {
                        id: canvas
                        anchors.fill: parent
                        controller: page.controller
                        onInspectRequested: {
                            sideTabs.currentIndex = 0
                            inspector.focusFirstField()
                        }

                        SimulationOverlay {
                            simulation: simulationModel
                            controller: page.controller
                        }
                    }

                    SimulationBar {
                        id: simulationBar
                        anchors.top: parent.top
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.topMargin: 12
                        width: Math.min(parent.width - 24, 600)
                        simulation: simulationModel
                    }

                    Button {
                        objectName: "simulateButton"
                        visible: !simulationModel.active
                        anchors.top: parent.top
                        anchors.right: parent.right
                        anchors.margins: 12
                        text: qsTr("▶  Simulate")
                        onClicked: page.simulate()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Try the workflow with a sample input (Shift+F5)")
                    }

                    // Zoom controls.
                    Rectangle {
                        anchors.left: parent.left
                        anchors.bottom: parent.bottom
                        anchors.margins: 12
                        width: zoomRow.implicitWidth + 8
                        height: 36
                        radius: 6
                        color: Theme.panel
                        border.color: Theme.border
                        RowLayout {
                            id: zoomRow
                            anchors.centerIn: parent
                            spacing: 0
                            ToolButton {
                                Accessible.name: qsTr("Zoom out (-)")
                                text: "−"
                                onClicked: canvas.zoomOut()
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Zoom out (-)")
                            }
                            Label {
                                Layout.preferredWidth: 44
                                horizontalAlignment: Text.AlignHCenter
                                text: Math.round(canvas.zoom * 100) + "%"
                                color: Theme.text
                            }
                            ToolButton {
                                Accessible.name: qsTr("Zoom in (+)")
                                text: "+"
                                onClicked: canvas.zoomIn()
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Zoom in (+)")
                            }
                            ToolButton {
                                text: qsTr("Fit")
                                onClicked: canvas.fit()
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Zoom to fit (Ctrl+0)")
                            }
                        }
                    }

                    Minimap {
                        anchors.right: parent.right
                        anchors.bottom: parent.bottom
                        anchors.margins: 12
                        controller: page.controller
                        view: canvas
                    }
                }

                ProblemsPanel {
                    SplitView.preferredHeight: 96
                    SplitView.minimumHeight: 30
                    document: page.document
                    onStateActivated: name => page.selectAndReveal(name)
                    onLineActivated: line => {
                        sideTabs.currentIndex = 1
                        yamlPane.goToLine(line)
                    }
                }
            }

            Rectangle {
                // About a quarter of the page: the canvas keeps most of a small window.
                SplitView.preferredWidth: Math.round(Math.max(260, Math.min(420, page.width * 0.26)))
                SplitView.minimumWidth: 220
                color: Theme.panel

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 0

                    TabBar {
                        id: sideTabs
                        Accessible.name: qsTr("Side pane")
                        Layout.fillWidth: true
                        TabButton { text: qsTr("Inspector") }
                        TabButton {
                            text: page.document.yamlError !== "" ? qsTr("YAML ⚠") : qsTr("YAML")
                        }
                    }
                    StackLayout {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        currentIndex: sideTabs.currentIndex
                        Inspector {
                            id: inspector
                            objectName: "inspector"
                            controller: page.controller
                        }
                        YamlPane {
                            id: yamlPane
                            document: page.document
                        }
                    }
                }
            }
        }
    }

    SimulateDialog {
        id: simulateDialog
        anchors.centerIn: parent
        simulation: simulationModel
    }
}
