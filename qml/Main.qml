pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCore
import Qt.labs.settings
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
    // Help ▸ Signalbox Help (F1): the installed documentation, else the source tree's.
    readonly property url documentationUrl: Qt.resolvedUrl(AppInfo.documentationUrl)
    // The monitor (Runs, Approvals): the engine host for this database ("" = the default one).
    property string databasePath
    property alias engineBridge: engineBridge
    property alias runsPage: runsPage
    property alias approvalsPage: approvalsPage
    // Desktop notifications (the freedesktop D-Bus service); tests pass a fake.
    property Notifier notifier: DBusNotifier {}

    function setDarkTheme(dark: bool) {
        Theme.mode = dark ? "dark" : "light"
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
    // Where file dialogs start: the open file's folder, else the last folder used.
    function documentFolder(): string {
        const path = workflow.filePath
        return path === "" ? "" : path.substring(0, path.lastIndexOf("/"))
    }
    function suggestedFileName(suffix: string): string {
        const name = workflow.workflowName.replace(/[\/:*?"<>|]/g, "-").trim()
        return (name === "" ? "workflow" : name) + "." + suffix
    }
    function recentLabel(path: string): string {
        return path.substring(path.lastIndexOf("/") + 1) + "  —  " + DisplayPath.folderOf(path)
    }
    function openFile(path: string) {
        if (workflow.open(path)) {
            if (workflow.filePath !== "") // an imported ASL file is Untitled
                recent.add(workflow.filePath)
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
            return
        }
        saveLayout()
    }

    Component.onCompleted: {
        restoreLayout()
        if (initialFile !== "") {
            if (initialFileIsExample) {
                workflow.openAsUntitled(initialFile)
                // An Untitled workflow autosaved before a crash is offered back at start.
                if (workflow.hasRecovery())
                    recoveryDialog.open()
            } else {
                openFile(initialFile)
            }
        }
        if (initialFileIsExample && windowSettings.place > 0 && windowSettings.place < 3)
            rail.currentIndex = windowSettings.place
        Qt.callLater(designPage.fit)
    }

    // Remembered across starts: the window's size and place, the theme, the panes' sizes, the
    // place shown.
    Settings {
        id: windowSettings
        category: "Window"
        property alias x: window.x
        property alias y: window.y
        property alias width: window.width
        property alias height: window.height
        property bool maximized: false
        property string theme: "system"
        // The place (Design, Runs, Approvals) shown at the last close; restored when the app
        // starts without a file to open (a file opens in Design).
        property int place: 0
    }
    Settings {
        id: paneSettings
        category: "Panes"
    }
    readonly property var pages: ({ design: designPage, runs: runsPage, approvals: approvalsPage })
    function restoreLayout() {
        Theme.mode = windowSettings.theme
        keepOnScreen()
        if (windowSettings.maximized)
            window.showMaximized()
        for (const key in pages) {
            pages[key].splitViews.forEach((view, i) => {
                const state = paneSettings.value(key + i)
                if (state)
                    view.restoreState(state)
            })
        }
    }
    // A remembered size and place from a larger or another screen: shrink and move the window
    // so that all of it is on the desktop as it is now.
    function keepOnScreen() {
        const left = Screen.virtualX, top = Screen.virtualY
        const right = left + Screen.desktopAvailableWidth, bottom = top + Screen.desktopAvailableHeight
        if (right <= left || bottom <= top)
            return // no screen information (offscreen tests)
        window.width = Math.min(window.width, right - left)
        window.height = Math.min(window.height, bottom - top)
        window.x = Math.max(left, Math.min(window.x, right - window.width))
        window.y = Math.max(top, Math.min(window.y, bottom - window.height))
    }
    function saveLayout() {
        windowSettings.theme = Theme.mode
        windowSettings.maximized = window.visibility === Window.Maximized
        windowSettings.place = rail.currentIndex
        for (const key in pages)
            pages[key].splitViews.forEach((view, i) => paneSettings.setValue(key + i, view.saveState()))
        paneSettings.sync()
    }
    Connections {
        target: Theme
        function onModeChanged() { windowSettings.theme = Theme.mode }
    }
    DesktopAppearance {
        id: desktopAppearance
    }
    Binding {
        target: Theme
        property: "desktopDark"
        value: desktopAppearance.prefersDark
    }
    Binding {
        target: Theme
        property: "textSize"
        value: AppInfo.textPixelSize
    }
    Component.onDestruction: saveLayout()

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
        shortcut: StandardKey.New
        onTriggered: window.whenSafe(() => { workflow.newWorkflow(); Qt.callLater(designPage.fit) })
    }
    Action {
        id: openAction
        text: qsTr("&Open…")
        shortcut: StandardKey.Open
        onTriggered: window.whenSafe(() => openDialog.open())
    }
    Action {
        id: saveAction
        text: qsTr("&Save")
        shortcut: StandardKey.Save
        onTriggered: window.save()
    }
    Action {
        id: saveAsAction
        text: qsTr("Save &As…")
        shortcut: "Ctrl+Shift+S" // StandardKey.SaveAs has no binding on GNOME
        onTriggered: { saveDialog.then = null; saveDialog.open() }
    }
    Action {
        id: quitAction
        text: qsTr("&Quit")
        shortcut: "Ctrl+Q" // StandardKey.Quit is unbound outside KDE and GNOME themes
        onTriggered: window.close()
    }
    Action {
        id: runAction
        text: qsTr("&Run…")
        shortcut: "F5"
        onTriggered: { runDialog.simulate = false; runDialog.open() }
    }
    Action {
        id: simulateAction
        text: qsTr("&Simulate…")
        shortcut: "Shift+F5"
        // Simulate on the designer canvas (Run… with "Simulate" ticked records one in Runs).
        onTriggered: { rail.currentIndex = 0; designPage.simulate() }
    }
    Action {
        id: helpAction
        text: qsTr("Signalbox &Help")
        shortcut: StandardKey.HelpContents
        onTriggered: Qt.openUrlExternally(window.documentationUrl)
    }
    Action {
        id: shortcutsAction
        text: qsTr("&Keyboard Shortcuts")
        shortcut: "Ctrl+/"
        onTriggered: shortcutsDialog.open()
    }
    // Every action with a shortcut, for Help ▸ Keyboard Shortcuts.
    readonly property list<Action> shortcutActions: [
        newAction, openAction, saveAction, saveAsAction, quitAction, undoAction, redoAction,
        copyAction, pasteAction, duplicateAction, deleteAction, selectAllAction, zoomInAction,
        zoomOutAction, fitAction, layoutAction, runAction, simulateAction, helpAction, shortcutsAction
    ]
    Action {
        id: undoAction
        text: workflow.undoText !== "" ? qsTr("&Undo %1").arg(workflow.undoText) : qsTr("&Undo")
        enabled: workflow.canUndo
        shortcut: StandardKey.Undo
        onTriggered: workflow.undo()
    }
    Action {
        id: redoAction
        text: workflow.redoText !== "" ? qsTr("&Redo %1").arg(workflow.redoText) : qsTr("&Redo")
        enabled: workflow.canRedo
        shortcut: "Ctrl+Shift+Z" // StandardKey.Redo is Ctrl+Y alone on some platforms; Ctrl+Y below too
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
        shortcut: StandardKey.Copy
        enabled: graph.selection.length > 0
        onTriggered: graph.copySelection()
    }
    Action {
        id: pasteAction
        text: qsTr("&Paste")
        shortcut: StandardKey.Paste
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
        shortcut: StandardKey.SelectAll
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
        // Qt 6.4's Fusion menu bar does not follow the window's palette: the theme's, here.
        palette.window: Theme.panel
        palette.button: Theme.panel
        palette.buttonText: Theme.text
        palette.windowText: Theme.text
        palette.text: Theme.text
        palette.highlight: Theme.accent
        palette.highlightedText: Theme.selectionText
        palette.mid: Theme.border
        palette.dark: Theme.border

        AppMenu {
            title: qsTr("&File")
            AppMenuItem { action: newAction }
            AppMenuItem { action: openAction }
            AppMenu {
                id: recentMenu
                title: qsTr("Open &Recent")
                enabled: recent.files.length > 0
                Instantiator {
                    model: recent.files
                    delegate: AppMenuItem {
                        required property string modelData
                        required property int index
                        // "&1 order-approval.yaml — ~/flows": the name first, never cut off.
                        text: "&" + (index + 1) + "  " + window.recentLabel(modelData)
                        onTriggered: window.whenSafe(() => window.openFile(modelData))
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
            }
            MenuSeparator {}
            AppMenuItem { action: saveAction }
            AppMenuItem { action: saveAsAction }
            AppMenu {
                title: qsTr("&Export")
                Repeater {
                    model: [{ label: qsTr("YAML…"), format: "yaml", suffix: "yaml", filter: qsTr("YAML (*.yaml *.yml)") },
                            { label: qsTr("Amazon States Language (JSON)…"), format: "asl", suffix: "asl.json", filter: qsTr("Amazon States Language (*.json)") },
                            { label: qsTr("Mermaid…"), format: "mermaid", suffix: "mmd", filter: qsTr("Mermaid (*.mmd)") },
                            { label: qsTr("PNG image…"), format: "png", suffix: "png", filter: qsTr("PNG images (*.png)") },
                            { label: qsTr("SVG image…"), format: "svg", suffix: "svg", filter: qsTr("SVG images (*.svg)") }]
                    delegate: AppMenuItem {
                        required property var modelData
                        text: modelData.label
                        onTriggered: {
                            window.exportFormat = modelData.format
                            exportDialog.defaultSuffix = modelData.suffix
                            exportDialog.nameFilters = [modelData.filter]
                            exportDialog.open()
                        }
                    }
                }
            }
            MenuSeparator {}
            AppMenuItem { action: quitAction }
        }
        AppMenu {
            title: qsTr("&Edit")
            AppMenuItem { action: undoAction }
            AppMenuItem { action: redoAction }
            MenuSeparator {}
            AppMenuItem { action: copyAction }
            AppMenuItem { action: pasteAction }
            AppMenuItem { action: duplicateAction }
            AppMenuItem { action: deleteAction }
            MenuSeparator {}
            AppMenuItem { action: selectAllAction }
        }
        AppMenu {
            title: qsTr("&Run")
            AppMenuItem { action: runAction }
            AppMenuItem { action: simulateAction }
        }
        AppMenu {
            title: qsTr("&View")
            AppMenuItem { action: zoomInAction }
            AppMenuItem { action: zoomOutAction }
            AppMenuItem { action: fitAction }
            MenuSeparator {}
            AppMenuItem { action: layoutAction }
            AppMenuItem {
                text: qsTr("&Snap to Grid")
                checkable: true
                checked: graph.snapToGrid
                onToggled: graph.snapToGrid = checked
            }
            AppMenu {
                title: qsTr("&Theme")
                Repeater {
                    model: [{ mode: "system", label: qsTr("Follow the &Desktop") },
                            { mode: "light", label: qsTr("&Light") },
                            { mode: "dark", label: qsTr("Dar&k") }]
                    delegate: AppMenuItem {
                        required property var modelData
                        text: modelData.label
                        checkable: true
                        checked: Theme.mode === modelData.mode
                        onTriggered: Theme.mode = modelData.mode
                    }
                }
            }
        }
        AppMenu {
            title: qsTr("&Help")
            AppMenuItem { action: helpAction }
            AppMenuItem { action: shortcutsAction }
            MenuSeparator {}
            AppMenuItem {
                text: qsTr("&About Signalbox")
                onTriggered: aboutDialog.open()
            }
        }
    }
    ShortcutsDialog {
        id: shortcutsDialog
        anchors.centerIn: parent
        actions: window.shortcutActions
    }
    AboutDialog {
        id: aboutDialog
        anchors.centerIn: parent
    }

    // A workflow file dropped on the window opens (asking first about unsaved changes).
    DropArea {
        id: fileDrop
        objectName: "fileDrop"
        anchors.fill: parent
        z: 100
        keys: ["text/uri-list"]
        onEntered: drag => drag.accept(Qt.CopyAction)
        onDropped: drop => {
            if (!drop.hasUrls || drop.urls.length === 0)
                return
            const url = drop.urls[0].toString()
            drop.accept(Qt.CopyAction)
            rail.currentIndex = 0
            window.whenSafe(() => window.openFile(url))
        }
        Rectangle {
            anchors.fill: parent
            visible: fileDrop.containsDrag
            color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.10)
            border.color: Theme.accent
            border.width: 3
            Label {
                anchors.centerIn: parent
                text: qsTr("Drop to open the workflow")
                font.pixelSize: Theme.fontSize * 1.6
                color: Theme.accent
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
            onThemeToggled: window.setDarkTheme(!Theme.dark)
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

    FileChooser {
        id: openDialog
        title: qsTr("Open Workflow")
        folder: window.documentFolder()
        nameFilters: [qsTr("Workflows (*.yaml *.yml *.json)"), qsTr("All files (*)")]
        onAccepted: window.openFile(selectedFile)
    }
    FileChooser {
        id: saveDialog
        property var then: null
        title: qsTr("Save Workflow")
        saving: true
        folder: window.documentFolder()
        suggestedName: window.suggestedFileName("yaml")
        defaultSuffix: "yaml"
        nameFilters: [qsTr("YAML workflows (*.yaml *.yml)")]
        onAccepted: {
            if (workflow.saveAs(selectedFile)) {
                recent.add(workflow.filePath)
                if (then)
                    then()
            }
        }
    }
    FileChooser {
        id: exportDialog
        title: qsTr("Export Workflow")
        saving: true
        folder: window.documentFolder()
        suggestedName: window.suggestedFileName(defaultSuffix)
        onAccepted: workflow.exportTo(selectedFile, window.exportFormat)
    }

    // Offered when the file being opened has autosaved edits that were never saved (a crash).
    AppDialog {
        id: recoveryDialog
        objectName: "recoveryDialog"
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

    AppDialog {
        id: unsavedDialog
        objectName: "unsavedDialog"
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
