pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The main window: a side rail switching between Design, Runs and Approvals, the menus, and the
// file dialogs. Unsaved work is never lost silently: New, Open and Quit ask first.
ApplicationWindow {
    id: window

    property string initialFile
    property bool initialFileIsExample
    property var pendingAction: null
    property bool closeConfirmed: false
    property alias document: workflow
    property alias controller: graph
    property alias designPage: designPage
    property string exportFormat: "png"
    // The monitor (Runs, Approvals): the engine host for this database ("" = the default one).
    property string databasePath
    property alias engineBridge: engineBridge
    property alias runsPage: runsPage
    property alias approvalsPage: approvalsPage
    // Desktop notifications (the freedesktop D-Bus service); tests pass a fake.
    property Notifier notifier: DBusNotifier {}

    function setDarkTheme(dark: bool) {
        Theme.dark = dark
    }
    function whenSafe(action) {
        if (!workflow.dirty) {
            action()
            return
        }
        pendingAction = action
        unsavedDialog.open()
    }
    function save(then) {
        if (workflow.filePath === "") {
            saveDialog.then = then ?? null
            saveDialog.open()
            return
        }
        if (workflow.save()) {
            recent.add(workflow.filePath)
            if (then)
                then()
        }
    }
    function openFile(path: string) {
        if (workflow.open(path)) {
            recent.add(path)
            Qt.callLater(designPage.fit)
            if (workflow.hasRecovery())
                recoveryDialog.open()
        }
    }

    width: 1440
    height: 880
    visible: true
    title: (workflow.dirty ? "● " : "") + workflow.displayName + " — Signalbox"
    color: Theme.window

    palette.window: Theme.panel
    palette.windowText: Theme.text
    palette.base: Theme.dark ? "#1a1d22" : "#ffffff"
    palette.alternateBase: Theme.panelAlt
    palette.text: Theme.text
    palette.button: Theme.dark ? "#2a2f37" : "#f3f4f6"
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: "#ffffff"
    palette.mid: Theme.border
    palette.light: Theme.dark ? "#343a44" : "#ffffff"
    palette.dark: Theme.dark ? "#0d0f12" : "#b8bec7"
    palette.placeholderText: Theme.textMuted
    palette.toolTipBase: Theme.panel
    palette.toolTipText: Theme.text

    onClosing: close => {
        if (workflow.dirty && !closeConfirmed) {
            close.accepted = false
            whenSafe(() => { closeConfirmed = true; window.close() })
        }
    }

    Component.onCompleted: {
        if (initialFile !== "") {
            if (initialFileIsExample)
                workflow.openAsUntitled(initialFile)
            else
                openFile(initialFile)
        }
        Qt.callLater(designPage.fit)
    }

    WorkflowDocument {
        id: workflow
    }
    GraphController {
        id: graph
        document: workflow
    }
    RecentFiles {
        id: recent
    }
    EngineBridge {
        id: engineBridge
        databasePath: window.databasePath
    }
    ApprovalsModel {
        id: approvalsModel
        bridge: engineBridge
    }
    // A new approval while the window is in the background: a desktop notification (or, without
    // a notification service, the window asks for attention); clicking it opens the approval.
    ApprovalNotifications {
        bridge: engineBridge
        window: window
        approvals: approvalsModel
        notifier: window.notifier
        onOpenRequested: (executionId, state) => {
            rail.currentIndex = 2
            approvalsPage.openApproval(executionId, state)
        }
    }

    Action {
        id: newAction
        text: qsTr("&New")
        shortcut: "Ctrl+N"
        onTriggered: window.whenSafe(() => { workflow.newWorkflow(); Qt.callLater(designPage.fit) })
    }
    Action {
        id: openAction
        text: qsTr("&Open…")
        shortcut: "Ctrl+O"
        onTriggered: window.whenSafe(() => openDialog.open())
    }
    Action {
        id: saveAction
        text: qsTr("&Save")
        shortcut: "Ctrl+S"
        onTriggered: window.save()
    }
    Action {
        id: saveAsAction
        text: qsTr("Save &As…")
        shortcut: "Ctrl+Shift+S"
        onTriggered: { saveDialog.then = null; saveDialog.open() }
    }
    Action {
        id: undoAction
        text: workflow.undoText !== "" ? qsTr("&Undo %1").arg(workflow.undoText) : qsTr("&Undo")
        enabled: workflow.canUndo
        shortcut: "Ctrl+Z"
        onTriggered: workflow.undo()
    }
    Action {
        id: redoAction
        text: workflow.redoText !== "" ? qsTr("&Redo %1").arg(workflow.redoText) : qsTr("&Redo")
        enabled: workflow.canRedo
        shortcut: "Ctrl+Shift+Z"
        onTriggered: workflow.redo()
    }
    Shortcut {
        sequence: "Ctrl+Y"
        enabled: workflow.canRedo
        onActivated: workflow.redo()
    }
    Action {
        id: deleteAction
        text: qsTr("&Delete")
        shortcut: "Del"
        onTriggered: graph.deleteSelection()
    }
    Shortcut {
        sequence: "Backspace"
        onActivated: graph.deleteSelection()
    }
    Action {
        id: copyAction
        text: qsTr("&Copy")
        shortcut: "Ctrl+C"
        enabled: graph.selection.length > 0
        onTriggered: graph.copySelection()
    }
    Action {
        id: pasteAction
        text: qsTr("&Paste")
        shortcut: "Ctrl+V"
        enabled: graph.canPaste
        onTriggered: graph.paste()
    }
    Action {
        id: duplicateAction
        text: qsTr("D&uplicate")
        shortcut: "Ctrl+D"
        enabled: graph.selection.length > 0
        onTriggered: graph.duplicateSelection()
    }
    Action {
        id: selectAllAction
        text: qsTr("Select &All")
        shortcut: "Ctrl+A"
        onTriggered: graph.selectAll()
    }
    Action {
        id: fitAction
        text: qsTr("Zoom to &Fit")
        shortcut: "Ctrl+0"
        onTriggered: designPage.fit()
    }
    Action {
        id: zoomInAction
        text: qsTr("Zoom &In")
        shortcut: "+"
        onTriggered: designPage.canvas.zoomIn()
    }
    Shortcut {
        sequences: ["=", "Ctrl++", "Ctrl+="]
        onActivated: designPage.canvas.zoomIn()
    }
    Action {
        id: zoomOutAction
        text: qsTr("Zoom &Out")
        shortcut: "-"
        onTriggered: designPage.canvas.zoomOut()
    }
    Shortcut {
        sequence: "Ctrl+-"
        onActivated: designPage.canvas.zoomOut()
    }
    Action {
        id: layoutAction
        text: qsTr("Auto-&Layout")
        shortcut: "Ctrl+L"
        onTriggered: { graph.autoLayout(); Qt.callLater(designPage.fit) }
    }

    menuBar: MenuBar {
        Menu {
            title: qsTr("&File")
            MenuItem { action: newAction }
            MenuItem { action: openAction }
            Menu {
                id: recentMenu
                title: qsTr("Open &Recent")
                enabled: recent.files.length > 0
                Instantiator {
                    model: recent.files
                    delegate: MenuItem {
                        required property string modelData
                        text: modelData
                        onTriggered: window.whenSafe(() => window.openFile(modelData))
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
            }
            MenuSeparator {}
            MenuItem { action: saveAction }
            MenuItem { action: saveAsAction }
            Menu {
                title: qsTr("&Export")
                Repeater {
                    model: [{ label: qsTr("YAML…"), format: "yaml", suffix: "yaml" },
                            { label: qsTr("Amazon States Language (JSON)…"), format: "asl", suffix: "asl.json" },
                            { label: qsTr("Mermaid…"), format: "mermaid", suffix: "mmd" },
                            { label: qsTr("PNG image…"), format: "png", suffix: "png" },
                            { label: qsTr("SVG image…"), format: "svg", suffix: "svg" }]
                    delegate: MenuItem {
                        required property var modelData
                        text: modelData.label
                        onTriggered: {
                            window.exportFormat = modelData.format
                            exportDialog.defaultSuffix = modelData.suffix
                            exportDialog.open()
                        }
                    }
                }
            }
            MenuSeparator {}
            MenuItem {
                text: qsTr("&Quit")
                onTriggered: window.close()
            }
        }
        Menu {
            title: qsTr("&Edit")
            MenuItem { action: undoAction }
            MenuItem { action: redoAction }
            MenuSeparator {}
            MenuItem { action: copyAction }
            MenuItem { action: pasteAction }
            MenuItem { action: duplicateAction }
            MenuItem { action: deleteAction }
            MenuSeparator {}
            MenuItem { action: selectAllAction }
        }
        Menu {
            title: qsTr("&Run")
            MenuItem {
                text: qsTr("&Run…")
                onTriggered: { runDialog.simulate = false; runDialog.open() }
            }
            MenuItem {
                text: qsTr("&Simulate…")
                onTriggered: { rail.currentIndex = 0; designPage.simulate() }
            }
        }
        Menu {
            title: qsTr("&View")
            MenuItem { action: zoomInAction }
            MenuItem { action: zoomOutAction }
            MenuItem { action: fitAction }
            MenuSeparator {}
            MenuItem { action: layoutAction }
            MenuItem {
                text: qsTr("&Snap to Grid")
                checkable: true
                checked: graph.snapToGrid
                onToggled: graph.snapToGrid = checked
            }
            MenuItem {
                text: qsTr("&Dark Theme")
                checkable: true
                checked: Theme.dark
                onToggled: Theme.dark = checked
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        SideRail {
            id: rail
            Layout.fillHeight: true
            badges: [0, 0, approvalsModel.count]
            onThemeToggled: Theme.dark = !Theme.dark
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: rail.currentIndex

                DesignPage {
                    id: designPage
                    document: workflow
                    controller: graph
                }
                RunsPage {
                    id: runsPage
                    bridge: engineBridge
                }
                ApprovalsPage {
                    id: approvalsPage
                    bridge: engineBridge
                    approvals: approvalsModel
                    onOpenExecution: id => {
                        runsPage.select(id)
                        rail.currentIndex = 1
                    }
                }
            }

            // Status bar.
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 26
                color: Theme.panelAlt
                Rectangle {
                    width: parent.width
                    height: 1
                    color: Theme.border
                }
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 12
                    anchors.rightMargin: 12
                    spacing: 16
                    Label {
                        text: workflow.workflowName
                        font.bold: true
                        color: Theme.text
                    }
                    Label {
                        text: qsTr("%n state(s)", "", workflow.stateCount)
                        color: Theme.textMuted
                    }
                    Label {
                        text: workflow.diagnostics.errorCount > 0
                              ? qsTr("%n error(s)", "", workflow.diagnostics.errorCount)
                              : qsTr("Valid")
                        color: workflow.diagnostics.errorCount > 0 ? Theme.error : Theme.success
                    }
                    Label {
                        Layout.fillWidth: true
                        text: workflow.lastError
                        color: Theme.error
                        elide: Text.ElideRight
                    }
                    Label {
                        text: workflow.dirty ? qsTr("Unsaved changes") : (workflow.filePath !== "" ? qsTr("Saved") : "")
                        color: Theme.textMuted
                    }
                }
            }
        }
    }

    RunDialog {
        id: runDialog
        anchors.centerIn: parent
        bridge: engineBridge
        document: workflow
        onSaveRequested: window.save()
        onStarted: id => {
            runsPage.select(id)
            rail.currentIndex = 1
        }
    }
    Shortcut {
        sequence: "F5"
        onActivated: { runDialog.simulate = false; runDialog.open() }
    }
    Shortcut {
        sequence: "Shift+F5"
        // Simulate on the designer canvas (Run… with "Simulate" ticked records one in Runs).
        onActivated: { rail.currentIndex = 0; designPage.simulate() }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open workflow")
        nameFilters: [qsTr("Workflows (*.yaml *.yml *.json)"), qsTr("All files (*)")]
        onAccepted: window.openFile(selectedFile.toString())
    }
    FileDialog {
        id: saveDialog
        property var then: null
        title: qsTr("Save workflow")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "yaml"
        nameFilters: [qsTr("YAML workflows (*.yaml *.yml)")]
        onAccepted: {
            if (workflow.saveAs(selectedFile.toString())) {
                recent.add(workflow.filePath)
                if (then)
                    then()
            }
        }
    }
    FileDialog {
        id: exportDialog
        title: qsTr("Export workflow")
        fileMode: FileDialog.SaveFile
        onAccepted: workflow.exportTo(selectedFile.toString(), window.exportFormat)
    }

    // Offered when the file being opened has autosaved edits that were never saved (a crash).
    Dialog {
        id: recoveryDialog
        objectName: "recoveryDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("Recover unsaved changes?")
        width: 480
        Label {
            width: recoveryDialog.availableWidth
            wrapMode: Text.WordWrap
            text: qsTr("Signalbox closed before your changes to %1 were saved (last autosaved %2). Recover them? You can still undo the recovery.")
                  .arg(workflow.displayName)
                  .arg(recoveryDialog.visible ? workflow.recoveryTime().toLocaleString(Qt.locale(), Locale.ShortFormat) : "")
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Recover")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Discard")
                DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            }
            onClicked: button => {
                recoveryDialog.close()
                if (button.DialogButtonBox.buttonRole === DialogButtonBox.AcceptRole)
                    workflow.recover()
                else
                    workflow.discardRecovery()
            }
        }
    }

    Dialog {
        id: unsavedDialog
        objectName: "unsavedDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("Save changes to %1?").arg(workflow.displayName)
        Label {
            text: qsTr("Your changes will be lost if you don't save them.")
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Save")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Don't Save")
                DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            onClicked: button => {
                const action = window.pendingAction
                window.pendingAction = null
                unsavedDialog.close()
                if (button.DialogButtonBox.buttonRole === DialogButtonBox.AcceptRole)
                    window.save(action)
                else if (button.DialogButtonBox.buttonRole === DialogButtonBox.DestructiveRole) {
                    workflow.discardRecovery()
                    action()
                }
            }
        }
    }
}
