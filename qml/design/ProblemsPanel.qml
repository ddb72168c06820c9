pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Every diagnostic of the workflow; clicking one selects its state (or its YAML line).
Rectangle {
    id: panel

    required property WorkflowDocument document

    signal stateActivated(string name)
    signal lineActivated(int line)

    color: Theme.panel

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 30
            color: Theme.panelAlt
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 10
                anchors.rightMargin: 10
                Label {
                    text: qsTr("Problems")
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    text: panel.document.diagnostics.errorCount + panel.document.diagnostics.warningCount === 0
                          ? qsTr("None — the workflow is valid")
                          : qsTr("%1 errors, %2 warnings").arg(panel.document.diagnostics.errorCount)
                                                          .arg(panel.document.diagnostics.warningCount)
                    color: panel.document.diagnostics.errorCount > 0 ? Theme.error : Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                }
                Item { Layout.fillWidth: true }
            }
        }

        ListView {
            id: list
            objectName: "problemsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.document.diagnostics
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            delegate: ItemDelegate {
                id: row

                required property string message
                required property string severity
                required property string stateName
                required property string location
                required property int line

                width: ListView.view.width
                height: 28
                onClicked: {
                    if (stateName !== "")
                        panel.stateActivated(stateName)
                    else if (line > 0)
                        panel.lineActivated(line)
                }
                contentItem: RowLayout {
                    spacing: 8
                    Rectangle {
                        Layout.preferredWidth: 8
                        Layout.preferredHeight: 8
                        radius: 4
                        color: row.severity === "error" ? Theme.error : Theme.warning
                    }
                    Label {
                        text: row.stateName
                        visible: row.stateName !== ""
                        font.bold: true
                        color: Theme.text
                    }
                    Label {
                        Layout.fillWidth: true
                        text: row.message
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                    Label {
                        text: row.location
                        color: Theme.textMuted
                        font.pixelSize: Theme.smallFontSize
                    }
                }
            }
        }
    }
}
