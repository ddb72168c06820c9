pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The controls of a simulation, floating over the top of the canvas: status, step counter,
// replay / step back / play / step forward / clear, the final output or error, and, when the
// simulation stopped at an approval or event, the buttons (and form) to decide it.
Rectangle {
    id: bar

    required property SimulationModel simulation
    property bool playing: false
    property int stepInterval: 650
    property bool showOutput: false
    readonly property bool finished: ["SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED"]
                                     .indexOf(simulation.status) >= 0
    readonly property var waiting: simulation.waiting
    readonly property bool isWaiting: simulation.status === "WAITING"
    readonly property bool caughtUp: simulation.shownStep >= simulation.stepCount

    signal closeRequested

    function replay() {
        simulation.shownStep = 0
        playing = true
    }
    function statusText(): string {
        switch (simulation.status) {
        case "SUCCEEDED": return qsTr("Succeeded")
        case "FAILED": return qsTr("Failed")
        case "TIMED_OUT": return qsTr("Timed out")
        case "WAITING": return waiting.kind === "event" ? qsTr("Waiting for an event")
                                                        : qsTr("Waiting for an approval")
        }
        return qsTr("Running")
    }
    function statusColor(): color {
        switch (simulation.status) {
        case "SUCCEEDED": return Theme.success
        case "FAILED":
        case "TIMED_OUT": return Theme.error
        case "WAITING": return Theme.warning
        }
        return Theme.accent
    }
    function formValues() {
        const values = {}
        for (let i = 0; i < formRepeater.count; ++i) {
            const item = formRepeater.itemAt(i)
            if (item && item.value !== undefined && item.value !== "")
                values[item.fieldName] = item.value
        }
        return values
    }

    objectName: "simulationBar"
    visible: simulation.active
    implicitWidth: 560
    implicitHeight: column.implicitHeight + 16
    radius: 10
    color: Theme.panel
    border.color: Theme.border

    Connections {
        target: bar.simulation
        function onStarted() {
            bar.simulation.shownStep = 0
            bar.playing = true
        }
        // Decided (here or elsewhere): play on from where the animation is.
        function onStatusChanged() {
            if (bar.simulation.status === "RUNNING")
                bar.playing = true
        }
    }
    Timer {
        interval: bar.stepInterval
        repeat: true
        running: bar.playing && bar.visible
        onTriggered: {
            if (bar.simulation.shownStep < bar.simulation.stepCount)
                bar.simulation.shownStep += 1
            else if (bar.simulation.status !== "RUNNING")
                bar.playing = false
        }
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 8
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            Rectangle {
                Layout.preferredWidth: 10
                Layout.preferredHeight: 10
                radius: 5
                color: bar.statusColor()
            }
            Label {
                objectName: "simulationStatus"
                text: qsTr("Simulation: %1").arg(bar.statusText())
                font.bold: true
                color: Theme.text
            }
            Label {
                objectName: "simulationStep"
                Layout.fillWidth: true
                text: qsTr("step %1 of %2").arg(bar.simulation.shownStep).arg(bar.simulation.stepCount)
                color: Theme.textMuted
            }
            ToolButton {
                Accessible.name: qsTr("Replay from the start")
                objectName: "simulationReplay"
                text: "⟲"
                font.pixelSize: Theme.textPixels(16)
                onClicked: bar.replay()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Replay from the start")
            }
            ToolButton {
                Accessible.name: qsTr("Step back")
                text: "◀"
                enabled: bar.simulation.shownStep > 0
                onClicked: { bar.playing = false; bar.simulation.shownStep -= 1 }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Step back")
            }
            ToolButton {
                Accessible.name: bar.playing ? qsTr("Pause") : qsTr("Play")
                objectName: "simulationPlay"
                text: bar.playing ? "❚❚" : "▶"
                enabled: bar.playing || !bar.caughtUp
                onClicked: bar.playing = !bar.playing
                ToolTip.visible: hovered
                ToolTip.text: bar.playing ? qsTr("Pause") : qsTr("Play")
            }
            ToolButton {
                Accessible.name: qsTr("Step forward")
                objectName: "simulationStepForward"
                text: "▶|"
                enabled: !bar.caughtUp
                onClicked: { bar.playing = false; bar.simulation.shownStep += 1 }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Step forward")
            }
            ToolSeparator {}
            ToolButton {
                Accessible.name: qsTr("Clear the simulation")
                objectName: "simulationClear"
                text: "✕"
                onClicked: { bar.playing = false; bar.simulation.clear(); bar.closeRequested() }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Clear the simulation")
            }
        }

        // Where it stopped waiting, with the decision.
        ColumnLayout {
            objectName: "simulationWaiting"
            visible: bar.isWaiting && bar.caughtUp
            Layout.fillWidth: true
            spacing: 4
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                text: bar.waiting.kind === "event"
                      ? qsTr("<b>%1</b> waits for the event <tt>%2</tt>.").arg(bar.waiting.state ?? "").arg(bar.waiting.event ?? "")
                      : qsTr("<b>%1</b> waits for an approval%2.").arg(bar.waiting.state ?? "")
                        .arg((bar.waiting.assignee ?? "") !== "" ? qsTr(" by %1").arg(bar.waiting.assignee) : "")
            }
            Label {
                visible: (bar.waiting.prompt ?? "") !== ""
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: "“" + (bar.waiting.prompt ?? "") + "”"
                color: Theme.textMuted
                font.italic: true
            }
            GridLayout {
                visible: bar.waiting.kind !== "event" && formRepeater.count > 0
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 8
                Repeater {
                    id: formRepeater
                    model: bar.waiting.kind !== "event" ? (bar.waiting.form ?? []) : []
                    delegate: RowLayout {
                        id: formRow

                        required property var modelData
                        readonly property string fieldName: modelData.name
                        readonly property var value: modelData.type === "boolean" ? box.checked
                                                   : modelData.type === "choice" ? combo.currentText
                                                   : modelData.type === "number" && input.text !== "" ? Number(input.text)
                                                   : input.text

                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                        Label {
                            Layout.preferredWidth: 140
                            text: (formRow.modelData.label || formRow.modelData.name)
                                  + (formRow.modelData.required ? " *" : "")
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        TextField {
                            id: input
                            Accessible.name: formRow.modelData.name
                            visible: formRow.modelData.type !== "boolean" && formRow.modelData.type !== "choice"
                            Layout.fillWidth: true
                        }
                        CheckBox {
                            id: box
                            visible: formRow.modelData.type === "boolean"
                        }
                        ComboBox {
                            id: combo
                            Accessible.name: formRow.modelData.name
                            visible: formRow.modelData.type === "choice"
                            Layout.fillWidth: true
                            model: formRow.modelData.options ?? []
                        }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: decisionText
                    Accessible.name: bar.waiting.kind === "event" ? qsTr("Event payload") : qsTr("Comment")
                    Layout.fillWidth: true
                    font.family: bar.waiting.kind === "event" ? Theme.monoFont : Qt.application.font.family
                    placeholderText: bar.waiting.kind === "event" ? qsTr("Payload (JSON), e.g. {\"ok\": true}")
                                                                 : qsTr("Comment (optional)")
                }
                Button {
                    objectName: "simulationApprove"
                    visible: bar.waiting.kind !== "event"
                    text: qsTr("Approve")
                    highlighted: true
                    onClicked: {
                        if (bar.simulation.approve(decisionText.text, bar.formValues()) === "") {
                            decisionText.text = ""
                            bar.playing = true
                        }
                    }
                }
                Button {
                    objectName: "simulationReject"
                    visible: bar.waiting.kind !== "event"
                    text: qsTr("Reject")
                    onClicked: {
                        if (bar.simulation.reject(decisionText.text) === "") {
                            decisionText.text = ""
                            bar.playing = true
                        }
                    }
                }
                Button {
                    visible: bar.waiting.kind === "event"
                    text: qsTr("Send event")
                    highlighted: true
                    onClicked: {
                        if (bar.simulation.sendEvent(decisionText.text) === "") {
                            decisionText.text = ""
                            bar.playing = true
                        }
                    }
                }
            }
            Label {
                visible: bar.simulation.message !== ""
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: bar.simulation.message
                color: Theme.error
            }
        }

        // The outcome, once the animation has caught up with it.
        ColumnLayout {
            objectName: "simulationOutcome"
            visible: bar.finished && bar.caughtUp
            Layout.fillWidth: true
            spacing: 4
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: bar.simulation.status === "SUCCEEDED" ? Theme.text : Theme.error
                    font.bold: bar.simulation.status === "SUCCEEDED"
                    text: bar.simulation.status === "SUCCEEDED"
                          ? qsTr("Output")
                          : qsTr("<b>%1</b>: %2").arg(bar.simulation.error).arg(bar.simulation.cause)
                }
                ToolButton {
                    visible: bar.simulation.status === "SUCCEEDED"
                    text: bar.showOutput ? qsTr("Collapse") : qsTr("Expand")
                    onClicked: bar.showOutput = !bar.showOutput
                }
            }
            Label {
                objectName: "simulationOutputLine"
                visible: bar.simulation.status === "SUCCEEDED" && !bar.showOutput
                Layout.fillWidth: true
                elide: Text.ElideRight
                font.family: Theme.monoFont
                font.pixelSize: Theme.smallFontSize + 1
                color: Theme.text
                text: {
                    try {
                        return JSON.stringify(JSON.parse(bar.simulation.output))
                    } catch (e) {
                        return bar.simulation.output
                    }
                }
            }
            ScrollView {
                visible: bar.simulation.status === "SUCCEEDED" && bar.showOutput
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(outputText.implicitHeight + 8, 140)
                clip: true
                TextArea {
                    id: outputText
                    Accessible.name: qsTr("Output")
                    objectName: "simulationOutput"
                    readOnly: true
                    selectByMouse: true
                    font.family: Theme.monoFont
                    font.pixelSize: Theme.smallFontSize + 1
                    text: bar.simulation.output
                    background: Rectangle {
                        color: Theme.code
                        radius: 4
                        border.color: Theme.border
                    }
                }
            }
        }
    }
}
