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

    function fit() { canvas.fit() }
    // Zoom to fit, leaving room for the simulation bar over the top of the canvas.
    function fitBelowSimulationBar() {
        const b = controller.nodes.bounds
        if (b.width <= 0)
            return
        const top = 160
        const bottom = canvas.bottomOverlay
        const z = Math.min(1, (canvas.width - 96) / b.width,
                           (canvas.height - 96 - top - bottom) / (b.height + 32))
        canvas.fitTo(Qt.rect(b.x, b.y - 32 - top / Math.max(z, 0.1), b.width,
                             b.height + 32 + (top + bottom) / Math.max(z, 0.1)), 48, 1.0)
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
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            SplitView {
                SplitView.fillWidth: true
                orientation: Qt.Vertical

                Item {
                    SplitView.fillHeight: true

                    DiagramCanvas {
                        id: canvas
                        anchors.fill: parent
                        controller: page.controller

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
                SplitView.preferredWidth: 360
                SplitView.minimumWidth: 260
                color: Theme.panel

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 0

                    TabBar {
                        id: sideTabs
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
