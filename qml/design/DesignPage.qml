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

    function fit() { canvas.fit() }
    function selectAndReveal(name: string) {
        controller.select(name, false)
        canvas.reveal(name)
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.window
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
}
