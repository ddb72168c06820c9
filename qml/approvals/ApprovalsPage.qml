pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The Approvals place: every pending approval across executions (oldest first, overdue ones
// marked), and for the selected one its prompt, key data, input and form, with Approve and Reject.
// A decision records the OS user and the comment; the row leaves the inbox when the engine has it.
Rectangle {
    id: page

    required property EngineBridge bridge
    required property ApprovalsModel approvals
    property int currentRow: approvals.count > 0 ? 0 : -1
    readonly property bool hasCurrent: currentRow >= 0 && currentRow < approvals.count
    property var fieldValues: ({})
    property string problem
    property string message
    property bool messageOk: true
    property int pendingTicket: -1
    property real now: Date.now()
    property int revision: 0 // bumps when rows come and go, so role() bindings re-read
    property var pendingOpen: [] // [executionId, state] to select once it is in the inbox
    property alias inbox: inboxView
    property alias comment: commentField
    property alias approveButton: approveButton
    property alias rejectButton: rejectButton

    signal openExecution(string executionId)

    function role(name: string): var {
        if (revision < 0 || !hasCurrent)
            return undefined
        // Between a row's removal and countChanged the row may already be gone.
        const i = approvals.index(currentRow, 0)
        return i.valid ? approvals.data(i, roleId(name)) : undefined
    }
    function roleId(name: string): int {
        const names = { executionId: ApprovalsModel.ExecutionIdRole, workflow: ApprovalsModel.WorkflowRole,
                        state: ApprovalsModel.StateRole, prompt: ApprovalsModel.PromptRole,
                        assignee: ApprovalsModel.AssigneeRole, form: ApprovalsModel.FormRole,
                        inputText: ApprovalsModel.InputTextRole, keyData: ApprovalsModel.KeyDataRole,
                        since: ApprovalsModel.SinceRole, deadline: ApprovalsModel.DeadlineRole,
                        overdue: ApprovalsModel.OverdueRole, executionName: ApprovalsModel.ExecutionNameRole }
        return names[name]
    }
    function decide(approve: bool) {
        problem = approve ? approvals.validateFields(currentRow, fieldValues) : ""
        if (problem !== "")
            return
        const id = role("executionId")
        const state = role("state")
        pendingTicket = approve ? bridge.approve(id, state, commentField.text, fieldValues)
                                : bridge.reject(id, state, commentField.text, fieldValues)
    }
    // Selects the approval of `state` in `executionId` (from a notification); if the inbox has
    // not read it yet, as soon as it arrives.
    function openApproval(executionId: string, state: string) {
        const row = approvals.indexOf(executionId, state)
        pendingOpen = row < 0 ? [executionId, state] : []
        if (row >= 0)
            currentRow = row
        else
            approvals.refresh()
    }
    function clearForm() {
        fieldValues = {}
        problem = ""
        commentField.text = ""
        for (let i = 0; i < formRepeater.count; ++i)
            formRepeater.itemAt(i).reset()
    }

    color: Theme.window
    onCurrentRowChanged: clearForm()

    Timer {
        interval: 1000 // ages count seconds in the first minute
        repeat: true
        running: page.visible
        onTriggered: page.now = Date.now()
    }
    Connections {
        target: page.bridge
        function onCommandFinished(ticket, command, ok, message, executionId, result) {
            if (ticket !== page.pendingTicket)
                return
            page.pendingTicket = -1
            page.messageOk = ok
            page.message = ok ? (command === "approve" ? qsTr("Approved %1").arg(executionId)
                                                       : qsTr("Rejected %1").arg(executionId))
                              : message
            if (ok)
                page.clearForm()
        }
    }
    Connections {
        target: page.approvals
        function onCountChanged() {
            page.revision++
            if (page.pendingOpen.length === 2
                    && page.approvals.indexOf(page.pendingOpen[0], page.pendingOpen[1]) >= 0) {
                page.openApproval(page.pendingOpen[0], page.pendingOpen[1])
                return
            }
            if (page.currentRow >= page.approvals.count)
                page.currentRow = page.approvals.count - 1
            else if (page.currentRow < 0 && page.approvals.count > 0)
                page.currentRow = 0
        }
    }

    // The split panes, whose sizes the window remembers.
    readonly property var splitViews: [mainSplit]

    SplitView {
        id: mainSplit
        anchors.fill: parent
        orientation: Qt.Horizontal

        Rectangle {
            SplitView.preferredWidth: 420
            SplitView.minimumWidth: 280
            color: Theme.panel
            ColumnLayout {
                anchors.fill: parent
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    Layout.margins: 10
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Approvals")
                        font.bold: true
                        font.pixelSize: Theme.textPixels(15)
                        color: Theme.text
                    }
                    Label {
                        text: page.approvals.overdueCount > 0
                              ? qsTr("%1 pending · %2 overdue").arg(page.approvals.count).arg(page.approvals.overdueCount)
                              : qsTr("%n pending", "", page.approvals.count)
                        color: page.approvals.overdueCount > 0 ? Theme.error : Theme.textMuted
                        font.pixelSize: Theme.smallFontSize
                    }
                }
                Rectangle {
                    Layout.fillWidth: true
                    height: 1
                    color: Theme.border
                }
                ListView {
                    id: inboxView
                    objectName: "approvalsList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: page.approvals
                    currentIndex: page.currentRow
                    keyNavigationEnabled: true
                    activeFocusOnTab: true
                    onCurrentIndexChanged: page.currentRow = currentIndex
                    ScrollBar.vertical: ScrollBar {}

                    delegate: ItemDelegate {
                        id: card

                        required property int index
                        required property string executionId
                        required property string executionName
                        required property string workflow
                        required property string state
                        required property string prompt
                        required property string assignee
                        required property string keyData
                        required property date since
                        required property date deadline
                        required property bool overdue
                        required property var form

                        width: ListView.view.width
                        height: 84
                        highlighted: index === page.currentRow
                        objectName: "approval:" + executionId
                        onClicked: page.currentRow = index

                        background: Rectangle {
                            color: card.highlighted ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14)
                                 : card.hovered ? Theme.panelAlt : "transparent"
                            Rectangle {
                                width: 3
                                height: parent.height
                                color: card.overdue ? Theme.error : RunStatus.color("waiting")
                            }
                            Rectangle {
                                width: parent.width
                                height: 1
                                y: parent.height - 1
                                color: Theme.border
                                opacity: 0.6
                            }
                        }
                        contentItem: ColumnLayout {
                            spacing: 3
                            RowLayout {
                                Label {
                                    Layout.fillWidth: true
                                    text: card.workflow + " · " + card.state
                                    font.bold: true
                                    elide: Text.ElideRight
                                    color: Theme.text
                                }
                                Label {
                                    text: RunStatus.age(card.since, page.now)
                                    color: Theme.textMuted
                                    font.pixelSize: Theme.smallFontSize
                                }
                            }
                            Label {
                                Layout.fillWidth: true
                                text: card.prompt
                                elide: Text.ElideRight
                                color: Theme.text
                            }
                            RowLayout {
                                Label {
                                    Layout.fillWidth: true
                                    text: card.keyData
                                    elide: Text.ElideRight
                                    font.pixelSize: Theme.smallFontSize
                                    color: Theme.textMuted
                                }
                                Label {
                                    visible: !isNaN(card.deadline.getTime())
                                    text: card.overdue ? qsTr("Overdue")
                                                       : qsTr("due %1").arg(card.deadline.toLocaleString(Qt.locale(), Locale.ShortFormat))
                                    color: card.overdue ? Theme.error : Theme.textMuted
                                    font.bold: card.overdue
                                    font.pixelSize: Theme.smallFontSize
                                }
                            }
                        }
                    }

                    Label {
                        anchors.centerIn: parent
                        width: parent.width - 40
                        visible: inboxView.count === 0
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                        text: qsTr("Nothing waits for a decision. Approvals appear here the moment an execution reaches one.")
                        color: Theme.textMuted
                    }
                }
            }
        }

        // The selected approval.
        ScrollView {
            id: detail
            SplitView.fillWidth: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                visible: page.hasCurrent
                width: detail.availableWidth - 40
                x: 20
                spacing: 12

                Item { Layout.preferredHeight: 8 }
                RowLayout {
                    spacing: 10
                    Icon {
                        path: StateTypes.icon("wait_for_event")
                        color: StateTypes.color("wait_for_event")
                        size: 28
                    }
                    ColumnLayout {
                        spacing: 0
                        Label {
                            text: (page.role("workflow") ?? "") + " · " + (page.role("state") ?? "")
                            font.bold: true
                            font.pixelSize: Theme.textPixels(17)
                            color: Theme.text
                        }
                        Label {
                            text: qsTr("Execution %1").arg(page.role("executionName") || page.role("executionId") || "")
                                  + ((page.role("assignee") ?? "") !== "" ? " · " + qsTr("for %1").arg(page.role("assignee")) : "")
                            color: Theme.textMuted
                            font.pixelSize: Theme.smallFontSize
                        }
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        text: qsTr("Open in Runs")
                        flat: true
                        onClicked: page.openExecution(page.role("executionId"))
                    }
                }
                Label {
                    objectName: "approvalPrompt"
                    Layout.fillWidth: true
                    text: page.role("prompt") ?? ""
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.textPixels(16)
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    text: page.role("keyData") ?? ""
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "approvalSince"
                    Layout.fillWidth: true
                    visible: page.hasCurrent
                    text: {
                        const since = page.role("since")
                        const deadline = page.role("deadline")
                        let t = since ? qsTr("Waiting since %1 (%2)").arg(since.toLocaleString(Qt.locale(), Locale.ShortFormat))
                                                                     .arg(RunStatus.age(since, page.now)) : ""
                        if (deadline && !isNaN(deadline.getTime()))
                            t += " · " + (page.role("overdue") ? qsTr("overdue since %1") : qsTr("deadline %1"))
                                             .arg(deadline.toLocaleString(Qt.locale(), Locale.ShortFormat))
                        return t
                    }
                    color: page.role("overdue") ? Theme.error : Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                }
                CopyableText {
                    Layout.fillWidth: true
                    title: qsTr("Data")
                    text: page.role("inputText") ?? ""
                    maxHeight: 160
                }

                Repeater {
                    id: formRepeater
                    // Through the current delegate: its required properties follow the row.
                    model: inboxView.currentItem ? inboxView.currentItem.form : []
                    delegate: FormFieldEditor {
                        required property var modelData
                        field: modelData
                        Layout.fillWidth: true
                        onEdited: (name, value) => {
                            const v = Object.assign({}, page.fieldValues)
                            v[name] = value
                            page.fieldValues = v
                        }
                    }
                }

                Label {
                    text: qsTr("Comment")
                    font.pixelSize: Theme.smallFontSize
                    font.bold: true
                    color: Theme.textMuted
                }
                TextField {
                    Accessible.name: qsTr("Why (recorded in the history)")
                    id: commentField
                    objectName: "approvalComment"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Why (recorded in the history)")
                    selectByMouse: true
                }
                Label {
                    objectName: "approvalProblem"
                    visible: page.problem !== ""
                    Layout.fillWidth: true
                    text: page.problem
                    color: Theme.error
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    spacing: 8
                    Button {
                        id: approveButton
                        objectName: "approveButton"
                        text: qsTr("Approve")
                        highlighted: true
                        enabled: page.pendingTicket < 0
                        onClicked: page.decide(true)
                    }
                    Button {
                        id: rejectButton
                        objectName: "rejectButton"
                        text: qsTr("Reject")
                        enabled: page.pendingTicket < 0
                        onClicked: page.decide(false)
                    }
                    Label {
                        text: qsTr("as %1").arg(page.bridge.operatorName)
                        color: Theme.textMuted
                        font.pixelSize: Theme.smallFontSize
                    }
                }
                Label {
                    objectName: "approvalMessage"
                    visible: page.message !== ""
                    Layout.fillWidth: true
                    text: page.message
                    color: page.messageOk ? Theme.success : Theme.error
                    wrapMode: Text.Wrap
                }
            }
        }
    }
}
