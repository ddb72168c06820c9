pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The Runs place: the executions list on the left; for the selected execution its status and
// actions (Cancel, Redrive, Run again), the workflow diagram with live state colours, and below
// the event history, the step inspector and the execution's input and output.
Rectangle {
    id: page

    required property EngineBridge bridge
    property string selectedId
    property string selectedState
    property string message
    property bool messageOk: true
    property real now: Date.now()
    property alias executions: executionsModel
    property alias history: historyModel
    property alias list: executionList
    property alias diagram: diagram
    property alias inspector: inspector
    property alias detailTabs: tabs
    property alias historyPane: historyPane
    property alias cancelDialog: cancelDialog
    property alias redriveDialog: redriveDialog
    property alias completeDialog: completeDialog
    readonly property var execution: historyModel.execution
    readonly property string status: execution.status ?? ""
    property var tickets: ({}) // commands sent from this page, whose outcome it shows

    function select(id: string) {
        if (id !== selectedId)
            message = "" // an outcome belongs to the execution it was about
        selectedId = id
        selectedState = ""
    }
    function inspect(state: string) {
        selectedState = state
        tabs.currentIndex = 1
    }
    function runAgain() {
        track(page.bridge.startFile(execution.sourcePath, execution.input))
    }
    function track(ticket: int) {
        const t = Object.assign({}, tickets) // var properties hold copies: reassign
        t[ticket] = true
        tickets = t
    }

    color: Theme.window

    ExecutionsModel {
        id: executionsModel
        bridge: page.bridge
    }
    HistoryModel {
        id: historyModel
        bridge: page.bridge
        executionId: page.selectedId
        // A failed execution opens on the state that failed.
        onStatesChanged: {
            if (page.selectedState !== "")
                return
            const s = stateStatus
            for (const name in s) {
                if (s[name] === "failed" || s[name] === "waiting") {
                    page.selectedState = name
                    return
                }
            }
        }
    }
    Timer {
        interval: 1000
        repeat: true
        running: page.visible
        onTriggered: page.now = Date.now()
    }
    Connections {
        target: page.bridge
        function onCommandFinished(ticket, command, ok, message, executionId, result) {
            if (!(ticket in page.tickets))
                return
            const t = Object.assign({}, page.tickets)
            delete t[ticket]
            page.tickets = t
            page.messageOk = ok
            page.message = ok ? (command === "start" ? qsTr("Started %1").arg(executionId)
                               : command === "cancel" ? qsTr("Cancelled.")
                               : command === "redrive" ? qsTr("Redriven from the failed state.")
                               : qsTr("Completed %1.").arg(page.selectedState))
                              : message
            if (ok && command === "start" && page.visible)
                page.select(executionId)
            // A success is news for a few seconds; a failure stays until read (or replaced).
            if (ok)
                messageExpiry.restart()
            else
                messageExpiry.stop()
        }
    }
    Timer {
        id: messageExpiry
        interval: 5000
        onTriggered: page.message = ""
    }

    // The split panes, whose sizes the window remembers.
    readonly property var splitViews: [mainSplit, detailSplit]

    SplitView {
        id: mainSplit
        anchors.fill: parent
        orientation: Qt.Horizontal

        ExecutionList {
            id: executionList
            SplitView.preferredWidth: 380
            SplitView.minimumWidth: 260
            model: executionsModel
            currentId: page.selectedId
            now: page.now
            onActivated: id => page.select(id)
        }

        ColumnLayout {
            SplitView.fillWidth: true
            spacing: 0

            // The database cannot be written (a full disk, an I/O error): the engine keeps the
            // work and retries; this says so until it can write again.
            Rectangle {
                objectName: "storageBanner"
                visible: page.bridge.storageProblem !== ""
                Layout.fillWidth: true
                implicitHeight: storageText.implicitHeight + 16
                color: Theme.panel
                border.color: Theme.warning
                Label {
                    id: storageText
                    anchors.fill: parent
                    anchors.margins: 8
                    wrapMode: Text.WordWrap
                    color: Theme.warning
                    text: page.bridge.storageProblem
                    Accessible.role: Accessible.AlertMessage
                }
            }

            // Empty state.
            Label {
                visible: page.selectedId === ""
                Layout.fillWidth: true
                Layout.fillHeight: true
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.WordWrap
                text: page.bridge.hostError !== "" ? page.bridge.hostError
                                                   : qsTr("Select an execution to see where it is, what it did and why.")
                color: page.bridge.hostError !== "" ? Theme.warning : Theme.textMuted
            }

            // Header: what, status, when, actions.
            Rectangle {
                visible: page.selectedId !== ""
                Layout.fillWidth: true
                implicitHeight: header.implicitHeight + 20
                color: Theme.panel
                Rectangle {
                    anchors.bottom: parent.bottom
                    width: parent.width
                    height: 1
                    color: Theme.border
                }
                ColumnLayout {
                    id: header
                    anchors.fill: parent
                    anchors.margins: 10
                    spacing: 6
                    RowLayout {
                        spacing: 10
                        Label {
                            text: page.execution.workflow ?? ""
                            font.bold: true
                            font.pixelSize: Theme.textPixels(17)
                            color: Theme.text
                        }
                        StatusChip {
                            objectName: "runStatus"
                            status: page.status
                        }
                        TextEdit {
                            objectName: "executionName"
                            text: page.execution.name || page.execution.id || ""
                            Accessible.role: Accessible.StaticText
                            Accessible.name: qsTr("Execution %1").arg(text)
                            readOnly: true
                            selectByMouse: true
                            font.family: Theme.monoFont
                            font.pixelSize: Theme.smallFontSize
                            color: Theme.textMuted
                        }
                        Item { Layout.fillWidth: true }
                        Button {
                            objectName: "cancelButton"
                            text: qsTr("Cancel…")
                            visible: RunStatus.isActive(page.status)
                            enabled: !page.bridge.readOnly || page.bridge.ready
                            onClicked: cancelDialog.open()
                        }
                        Button {
                            objectName: "redriveButton"
                            text: qsTr("Redrive…")
                            visible: page.status === "FAILED" || page.status === "TIMED_OUT"
                            onClicked: {
                                redriveInput.text = ""
                                redriveDialog.open()
                            }
                        }
                        Button {
                            objectName: "runAgainButton"
                            text: qsTr("Run again")
                            visible: page.execution.final === true && (page.execution.sourcePath ?? "") !== ""
                            onClicked: page.runAgain()
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Started %1 · %2").arg(page.execution.started ?? "").arg(page.execution.duration ?? "")
                              + ((page.execution.sourcePath ?? "") !== "" ? " · " + DisplayPath.of(page.execution.sourcePath) : "")
                        color: Theme.textMuted
                        font.pixelSize: Theme.smallFontSize
                        elide: Text.ElideMiddle
                        ToolTip.visible: startedHover.hovered && (page.execution.sourcePath ?? "") !== ""
                        ToolTip.text: page.execution.sourcePath ?? ""
                        ToolTip.delay: 600
                        HoverHandler { id: startedHover }
                    }
                    Label {
                        objectName: "runError"
                        visible: (page.execution.error ?? "") !== ""
                        Layout.fillWidth: true
                        text: (page.execution.error ?? "") + ": " + (page.execution.cause ?? "")
                        color: Theme.error
                        wrapMode: Text.Wrap
                    }
                }
            }

            SplitView {
                id: detailSplit
                visible: page.selectedId !== ""
                Layout.fillWidth: true
                Layout.fillHeight: true
                orientation: Qt.Vertical

                RunDiagram {
                    id: diagram
                    SplitView.fillHeight: true
                    SplitView.minimumHeight: 160
                    history: historyModel
                    currentState: page.selectedState
                    onStateClicked: name => page.inspect(name)
                }

                ColumnLayout {
                    SplitView.preferredHeight: 300
                    spacing: 0
                    TabBar {
                        id: tabs
                        Accessible.name: qsTr("Execution details")
                        Layout.fillWidth: true
                        TabButton { text: qsTr("History") }
                        TabButton { text: page.selectedState !== "" ? qsTr("Step: %1").arg(page.selectedState) : qsTr("Step") }
                        TabButton { text: qsTr("Input and output") }
                    }
                    StackLayout {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        currentIndex: tabs.currentIndex
                        HistoryPane {
                            id: historyPane
                            history: historyModel
                            currentState: page.selectedState
                            onStateClicked: name => page.inspect(name)
                        }
                        StepInspector {
                            id: inspector
                            history: historyModel
                            stateName: page.selectedState
                            onCompleteRequested: state => {
                                completeOutput.text = "{}"
                                completeDialog.open()
                            }
                        }
                        ScrollView {
                            contentWidth: availableWidth
                            ColumnLayout {
                                width: parent.width - 16
                                x: 8
                                CopyableText {
                                    Layout.fillWidth: true
                                    Layout.topMargin: 8
                                    title: qsTr("Execution input")
                                    text: page.execution.input ?? ""
                                }
                                CopyableText {
                                    Layout.fillWidth: true
                                    title: qsTr("Execution output")
                                    text: page.execution.output ?? ""
                                }
                            }
                        }
                    }
                }
            }

            // Outcome of the last command.
            Rectangle {
                visible: page.message !== ""
                Layout.fillWidth: true
                implicitHeight: messageLabel.implicitHeight + 12
                color: page.messageOk ? Qt.rgba(Theme.success.r, Theme.success.g, Theme.success.b, 0.12)
                                      : Qt.rgba(Theme.error.r, Theme.error.g, Theme.error.b, 0.12)
                Label {
                    id: messageLabel
                    objectName: "runsMessage"
                    anchors.fill: parent
                    anchors.margins: 6
                    anchors.leftMargin: 12
                    text: page.message
                    wrapMode: Text.Wrap
                    color: page.messageOk ? Theme.text : Theme.error
                }
            }
        }
    }

    AppDialog {
        id: cancelDialog
        objectName: "cancelDialog"
        title: qsTr("Cancel this execution?")
        Label {
            width: 380
            wrapMode: Text.WordWrap
            text: qsTr("Running tasks are stopped and the execution ends as cancelled. This cannot be undone; you can start it again later.")
        }
        footer: DialogButtonBox {
            Button {
                objectName: "cancelConfirm"
                text: qsTr("Cancel execution")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Keep running")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: page.track(page.bridge.cancel(page.execution.id, qsTr("cancelled in the Runs view")))
    }

    AppDialog {
        id: redriveDialog
        objectName: "redriveDialog"
        width: 520
        height: 380
        title: qsTr("Redrive from the failed state")
        property alias input: redriveInput
        ColumnLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("The execution resumes at the state it failed in. Leave the input empty to reuse that state's input, or enter a corrected one.")
                color: Theme.textMuted
            }
            JsonField {
                id: redriveInput
                Accessible.name: qsTr("Corrected input (JSON)")
                Layout.fillWidth: true
                Layout.fillHeight: true
                allowEmpty: true
                placeholder: page.inspector.details.input ?? "{}"
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "redriveConfirm"
                text: qsTr("Redrive")
                enabled: redriveInput.valid
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: page.track(page.bridge.redrive(page.execution.id, redriveInput.text))
    }

    AppDialog {
        id: completeDialog
        objectName: "completeDialog"
        width: 520
        height: 380
        title: qsTr("Complete %1 by hand").arg(page.selectedState)
        property alias output: completeOutput
        ColumnLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("The activity's result, as JSON. The execution continues with it.")
                color: Theme.textMuted
            }
            JsonField {
                id: completeOutput
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
            RowLayout {
                Label { text: qsTr("Or fail it with error") }
                TextField {
                    Accessible.name: qsTr("Or fail it with error")
                    id: failError
                    Layout.fillWidth: true
                    placeholderText: "Order.Invalid"
                }
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "completeConfirm"
                text: failError.text !== "" ? qsTr("Fail") : qsTr("Complete")
                enabled: failError.text !== "" || completeOutput.valid
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: {
            if (failError.text !== "")
                page.track(page.bridge.fail(page.execution.id, page.selectedState, failError.text,
                                            qsTr("failed by hand")))
            else
                page.track(page.bridge.complete(page.execution.id, page.selectedState,
                                                completeOutput.text))
            failError.text = ""
        }
    }
}
