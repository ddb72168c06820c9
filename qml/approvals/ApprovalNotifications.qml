import QtQuick
import Signalbox
import Signalbox.Models

// Desktop notifications for approvals: a new approval while the window is not active shows one
// (through `notifier`, a DBusNotifier in the app, a fake in tests); clicking it brings the window
// up and asks to open that approval. Without a notification service the window asks for
// attention instead (QWindow::alert).
QtObject {
    id: hook

    required property EngineBridge bridge
    required property Window window
    property ApprovalsModel approvals // for the prompt, when it has read the approval already
    property Notifier notifier

    signal openRequested(string executionId, string state)

    property Connections bridgeConnections: Connections {
        target: hook.bridge
        function onApprovalArrived(executionId, state) {
            if (hook.window.active)
                return
            const key = executionId + "\n" + state
            const title = qsTr("Approval needed: %1").arg(state)
            const row = hook.approvals ? hook.approvals.indexOf(executionId, state) : -1
            const prompt = row >= 0 ? hook.approvals.data(hook.approvals.index(row, 0),
                                                          ApprovalsModel.PromptRole) : ""
            const workflow = row >= 0 ? hook.approvals.data(hook.approvals.index(row, 0),
                                                            ApprovalsModel.WorkflowRole) : ""
            const body = prompt ? qsTr("%1 (%2, execution %3)").arg(prompt).arg(workflow)
                                      .arg(executionId.substring(0, 8))
                                : qsTr("Execution %1 waits for your decision. Click to open it in Signalbox.")
                                      .arg(executionId.substring(0, 8))
            if (!hook.notifier || !hook.notifier.notify(key, title, body))
                hook.window.alert(0)
        }
    }
    property Connections notifierConnections: Connections {
        target: hook.notifier
        function onActivated(key) {
            const parts = key.split("\n")
            hook.window.raise()
            hook.window.requestActivate()
            hook.openRequested(parts[0], parts.length > 1 ? parts[1] : "")
        }
        function onFailed(key) {
            hook.window.alert(0)
        }
    }
}
