pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The YAML beside the diagram, kept in sync both ways: diagram edits replace the text; typing
// here re-reads it after a short pause. Invalid text shows its error and line; the diagram keeps
// the last good version.
Rectangle {
    id: pane

    required property WorkflowDocument document
    property alias editor: area

    function apply() {
        applyTimer.stop()
        if (area.text !== document.yamlText || document.yamlError !== "")
            document.applyYaml(area.text)
    }
    function goToLine(line: int) {
        const lines = area.text.split("\n")
        let pos = 0
        for (let i = 0; i < Math.min(line - 1, lines.length); ++i)
            pos += lines[i].length + 1
        area.forceActiveFocus()
        area.cursorPosition = pos
    }

    color: Theme.code
    // Text set while the pane was hidden is not drawn when it is shown (Qt 6.4, software
    // renderer): set it again when the pane appears.
    onVisibleChanged: {
        if (visible && !area.activeFocus) {
            area.text = ""
            area.text = Qt.binding(() => pane.document.yamlText)
        }
    }

    Connections {
        target: pane.document
        function onYamlTextChanged() {
            if (area.text !== pane.document.yamlText) {
                const pos = area.cursorPosition
                area.text = pane.document.yamlText
                area.cursorPosition = Math.min(pos, area.length)
            }
        }
    }
    Timer {
        id: applyTimer
        interval: 600
        onTriggered: pane.apply()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            TextArea {
                id: area
                objectName: "yamlEditor"
                text: pane.document.yamlText
                font.family: Theme.monoFont
                font.pixelSize: 12
                color: Theme.text
                selectByMouse: true
                persistentSelection: true
                wrapMode: TextEdit.NoWrap
                leftPadding: 12
                topPadding: 10
                tabStopDistance: 16
                background: Rectangle { color: Theme.code }
                Accessible.name: qsTr("YAML source")
                onTextChanged: {
                    if (activeFocus && text !== pane.document.yamlText)
                        applyTimer.restart()
                    else if (!activeFocus)
                        cursorPosition = 0 // keep the view at the top, not at a stale cursor
                }
                onEditingFinished: pane.apply()
                Keys.onPressed: event => {
                    if (event.key === Qt.Key_Tab) {
                        insert(cursorPosition, "  ")
                        event.accepted = true
                    }
                }
            }
        }

        Rectangle {
            objectName: "yamlErrorBanner"
            Layout.fillWidth: true
            Layout.preferredHeight: errorLabel.implicitHeight + 16
            visible: pane.document.yamlError !== ""
            color: Qt.rgba(Theme.error.r, Theme.error.g, Theme.error.b, 0.12)
            border.color: Theme.error
            Label {
                id: errorLabel
                objectName: "yamlErrorLabel"
                anchors.fill: parent
                anchors.margins: 8
                wrapMode: Text.WordWrap
                color: Theme.error
                text: (pane.document.yamlErrorLine > 0
                       ? qsTr("Line %1: ").arg(pane.document.yamlErrorLine) : "")
                      + pane.document.yamlError
                      + qsTr(" — the diagram shows the last valid version.")
                MouseArea {
                    anchors.fill: parent
                    onClicked: pane.goToLine(pane.document.yamlErrorLine)
                }
            }
        }
    }
}
