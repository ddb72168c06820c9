pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The YAML beside the diagram, kept in sync both ways: diagram edits replace the text; typing
// here re-reads it after a short pause. Invalid text shows its error and line; the diagram keeps
// the last good version. The text is syntax-coloured (YamlEditorSupport) and a gutter shows the
// line numbers and marks the lines that have problems; it (and the bands behind marked lines)
// only has items for the lines in view, placed where the editor's layout put them.
Rectangle {
    id: pane

    required property WorkflowDocument document
    property alias editor: area
    property alias support: support
    property alias gutter: gutter

    // The gutter asks the editor's text layout (through `support`) where lines are; reading
    // area.contentHeight makes those bindings follow every change of the layout's size.
    readonly property real layoutHeight: area.contentHeight
    readonly property int firstVisibleLine: layoutHeight >= 0
                                            ? support.lineAt(flick.contentY - area.topPadding) : 1
    // A text line is at least one font height: enough rows for the lines in view. From the
    // pane's height, not the editor's, so that the error banner does not recreate the rows.
    readonly property int visibleLineCount: Math.ceil(height / metrics.height) + 3
    readonly property int currentLine: area.length >= 0
                                       ? support.lineOfPosition(area.cursorPosition) : 1

    // Syntax colours from the Theme's palette; on the dark code background they are lightened
    // towards white, on the light one darkened, to keep at least 4.5:1 contrast.
    readonly property var syntaxColors: {
        const adapt = c => Theme.dark ? Qt.tint(c, Qt.rgba(1, 1, 1, 0.35)) : Qt.darker(c, 1.25)
        return {
            key: Theme.accent,
            string: adapt(Theme.success),
            number: adapt(StateTypes.color("wait")),
            keyword: adapt(StateTypes.color("wait_for_event")),
            comment: Theme.textMuted,
            anchor: adapt(StateTypes.color("map")),
            expression: adapt(StateTypes.color("choice")),
            stateName: adapt(StateTypes.color("parallel"))
        }
    }

    function apply() {
        applyTimer.stop()
        if (area.text !== document.yamlText || document.yamlError !== "")
            document.applyYaml(area.text)
    }
    function goToLine(line: int) {
        area.forceActiveFocus()
        area.cursorPosition = support.positionOfLine(line)
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
            if (!area.activeFocus)
                area.cursorPosition = 0 // keep the view at the top, not at a stale cursor
        }
    }
    Timer {
        id: applyTimer
        interval: 600
        onTriggered: pane.apply()
    }
    FontMetrics {
        id: metrics
        font: area.font
    }
    YamlEditorSupport {
        id: support
        textDocument: area.textDocument
        document: pane.document
        colors: pane.syntaxColors
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            // Line numbers and problem marks, one row per line in view.
            Rectangle {
                id: gutter
                objectName: "yamlGutter"
                readonly property int digits: Math.max(3, String(area.lineCount).length)

                Layout.fillHeight: true
                Layout.preferredWidth: 18 + digits * metrics.averageCharacterWidth + 8
                color: Theme.code
                clip: true

                Rectangle {
                    anchors.right: parent.right
                    width: 1
                    height: parent.height
                    color: Theme.border
                }

                Repeater {
                    model: pane.visibleLineCount
                    delegate: Item {
                        id: row
                        required property int index
                        readonly property int line: pane.firstVisibleLine + index
                        readonly property string severity: support.marksRevision >= 0
                                                           ? support.severityAt(line) : ""
                        readonly property string messages: severity !== ""
                                                           ? support.messagesAt(line) : ""
                        readonly property bool current: line === pane.currentLine
                        readonly property ToolTip toolTip: ToolTip.toolTip // the shown tooltip (for the tests)

                        objectName: "yamlLine:" + line
                        visible: line <= area.lineCount
                        y: (pane.layoutHeight >= 0 ? support.lineTop(line) : 0) + area.topPadding
                           - flick.contentY
                        width: gutter.width
                        height: pane.layoutHeight >= 0 ? support.lineHeight(line) : 0

                        Rectangle {
                            objectName: "yamlMark"
                            visible: row.severity !== ""
                            x: 5
                            anchors.verticalCenter: parent.verticalCenter
                            width: 8
                            height: 8
                            radius: 4
                            color: row.severity === "error" ? Theme.error : Theme.warning
                            Accessible.role: Accessible.Indicator
                            Accessible.name: (row.severity === "error" ? qsTr("Error on line %1: %2")
                                                                       : qsTr("Warning on line %1: %2"))
                                             .arg(row.line).arg(row.messages)
                        }
                        Text {
                            objectName: "yamlLineNumber"
                            anchors.right: parent.right
                            anchors.rightMargin: 8
                            height: parent.height
                            verticalAlignment: Text.AlignVCenter
                            text: row.line
                            font.family: Theme.monoFont
                            font.pixelSize: area.font.pixelSize
                            font.bold: row.current
                            color: row.current ? Theme.text : Theme.textMuted
                        }
                        MouseArea {
                            id: rowHover
                            anchors.fill: parent
                            hoverEnabled: row.severity !== ""
                            acceptedButtons: Qt.LeftButton
                            onClicked: pane.goToLine(row.line)
                        }
                        ToolTip.visible: rowHover.containsMouse && row.messages !== ""
                        ToolTip.text: row.messages
                        ToolTip.delay: 300
                    }
                }
            }

            Flickable {
                id: flick
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ScrollBar.horizontal: ScrollBar {}

                TextArea.flickable: TextArea {
                    id: area
                    objectName: "yamlEditor"
                    text: pane.document.yamlText
                    font.family: Theme.monoFont
                    font.pixelSize: 12
                    color: Theme.text
                    selectByMouse: true
                    persistentSelection: true
                    // No wrapping: one text line per YAML line keeps the gutter exact and cheap,
                    // and YAML's indentation readable; long lines scroll sideways.
                    wrapMode: TextEdit.NoWrap
                    leftPadding: 8
                    topPadding: 10
                    bottomPadding: 10
                    tabStopDistance: 16
                    background: Rectangle { color: Theme.code }
                    Accessible.name: qsTr("YAML source")
                    // Also emitted when the colours change (the theme): nothing to do then.
                    onTextChanged: {
                        if (activeFocus && text !== pane.document.yamlText)
                            applyTimer.restart()
                    }
                    onEditingFinished: pane.apply()
                    Keys.onPressed: event => {
                        if (event.key === Qt.Key_Tab) {
                            insert(cursorPosition, "  ")
                            event.accepted = true
                        }
                    }

                    // A light band behind each marked line in view (under the text).
                    Repeater {
                        model: pane.visibleLineCount
                        delegate: Rectangle {
                            id: band
                            required property int index
                            readonly property int line: pane.firstVisibleLine + index
                            readonly property string severity: support.marksRevision >= 0
                                                               ? support.severityAt(line) : ""
                            readonly property color tone: severity === "error" ? Theme.error
                                                                                : Theme.warning

                            objectName: "yamlBand:" + line
                            visible: severity !== ""
                            z: -1
                            x: 0
                            y: (pane.layoutHeight >= 0 ? support.lineTop(line) : 0) + area.topPadding
                            width: Math.max(area.width, flick.width)
                            height: pane.layoutHeight >= 0 ? support.lineHeight(line) : 0
                            color: Qt.rgba(tone.r, tone.g, tone.b, Theme.dark ? 0.16 : 0.10)
                        }
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
