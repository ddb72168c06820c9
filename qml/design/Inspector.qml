pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// The inspector for the selected state (with nothing selected, the workflow's own fields, see
// WorkflowInspector): name (renaming updates every reference), comment, where
// it goes next, and the fields of its type. Each edit is one undo step.
Rectangle {
    id: inspector

    required property GraphController controller
    readonly property var f: stateEditor.fields
    readonly property string type: f.type ?? ""
    property string message

    // Enter on a selected state (the canvas from the keyboard): edit its name first.
    function focusFirstField() {
        nameField.forceActiveFocus(Qt.TabFocusReason)
        nameField.selectAll()
    }
    function set(key: string, value: var) {
        message = stateEditor.setField(key, value)
    }

    color: Theme.panel

    StateEditor {
        id: stateEditor
        controller: inspector.controller
        onFieldsChanged: inspector.message = ""
    }

    // Nothing selected: the workflow's own fields.
    WorkflowInspector {
        objectName: "workflowInspector"
        anchors.fill: parent
        visible: stateEditor.stateName === "" && inspector.controller.selection.length === 0
                 && inspector.controller.edges.selectedEdge < 0
        editor: stateEditor
    }

    Label {
        anchors.centerIn: parent
        width: parent.width - 48
        visible: stateEditor.stateName === "" && !(inspector.controller.selection.length === 0
                                                   && inspector.controller.edges.selectedEdge < 0)
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        text: inspector.controller.edges.selectedEdge >= 0
              ? qsTr("A transition is selected. Press Delete to remove it.")
              : qsTr("Select a state to edit it.")
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        visible: stateEditor.stateName !== ""
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth - 24
            x: 12
            spacing: 4

            RowLayout {
                Layout.topMargin: 12
                spacing: 8
                Rectangle {
                    Layout.preferredWidth: 30
                    Layout.preferredHeight: 30
                    radius: 15
                    color: Qt.rgba(StateTypes.color(inspector.type).r,
                                   StateTypes.color(inspector.type).g,
                                   StateTypes.color(inspector.type).b, 0.14)
                    Icon {
                        anchors.centerIn: parent
                        path: StateTypes.icon(inspector.type)
                        color: StateTypes.color(inspector.type)
                        size: 18
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: inspector.f.typeLabel ?? ""
                    font.pixelSize: Theme.textPixels(15)
                    font.bold: true
                    color: Theme.text
                }
                Button {
                    visible: !(inspector.f.isStart ?? true)
                    text: qsTr("Make start")
                    flat: true
                    onClicked: inspector.controller.setStartAt(stateEditor.stateName)
                }
            }

            Label {
                Layout.fillWidth: true
                visible: (inspector.f.problem ?? "") !== ""
                text: inspector.f.problem ?? ""
                wrapMode: Text.WordWrap
                color: Theme.error
            }

            FieldLabel { text: qsTr("Name") }
            TextField {
                Accessible.name: qsTr("Name")
                id: nameField
                objectName: "inspectorName"
                Layout.fillWidth: true
                text: inspector.f.name ?? ""
                onEditingFinished: if (text !== inspector.f.name) inspector.set("name", text)
            }

            FieldLabel { text: qsTr("Comment") }
            WrappingField {
                Accessible.name: qsTr("Comment")
                Layout.fillWidth: true
                multiLine: true
                text: inspector.f.comment ?? ""
                placeholderText: qsTr("What this step is for")
                onEditingFinished: if (text !== inspector.f.comment) inspector.set("comment", text)
            }

            // Where to go next.
            FieldLabel {
                visible: inspector.f.hasTransition ?? false
                text: qsTr("Then")
            }
            ComboBox {
                Accessible.name: qsTr("Then")
                objectName: "inspectorNext"
                visible: inspector.f.hasTransition ?? false
                Layout.fillWidth: true
                model: [qsTr("End the workflow")].concat(
                           stateEditor.stateNames.filter(n => n !== stateEditor.stateName))
                currentIndex: (inspector.f.end ?? false) ? 0 : Math.max(0, model.indexOf(inspector.f.next ?? ""))
                onActivated: index => inspector.set("next", index === 0 ? "" : model[index])
            }

            // Task.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "run")
                Layout.fillWidth: true
                spacing: 4
                FieldLabel { text: qsTr("Runs") }
                ComboBox {
                    Accessible.name: qsTr("Runs")
                    id: runKind
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("Activity (completed by a worker or person)"), value: "activity" },
                            { label: qsTr("Command"), value: "command" },
                            { label: qsTr("Shell script"), value: "shell" },
                            { label: qsTr("HTTP request"), value: "http" }]
                    currentIndex: Math.max(0, indexOfValue(inspector.f.runKind ?? "activity"))
                    onActivated: inspector.set("runKind", currentValue)
                }
                TextField {
                    Accessible.name: qsTr("Command")
                    visible: inspector.f.runKind === "command"
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: "./charge-payment.sh --order $ORDER"
                    text: inspector.f.command ?? ""
                    onEditingFinished: if (text !== inspector.f.command) inspector.set("command", text)
                }
                WrappingField {
                    Accessible.name: qsTr("Shell script")
                    visible: inspector.f.runKind === "shell"
                    multiLine: true // a script may have several lines; Ctrl+Enter applies
                    Layout.fillWidth: true
                    Layout.preferredHeight: 72
                    font.family: Theme.monoFont
                    placeholderText: "jq '.order' | ./ship"
                    text: inspector.f.shell ?? ""
                    onEditingFinished: if (text !== inspector.f.shell) inspector.set("shell", text)
                }
                RowLayout {
                    visible: inspector.f.runKind === "http"
                    Layout.fillWidth: true
                    ComboBox {
                        Accessible.name: qsTr("HTTP method")
                        model: ["GET", "POST", "PUT", "PATCH", "DELETE"]
                        currentIndex: Math.max(0, model.indexOf(inspector.f.httpMethod ?? "GET"))
                        onActivated: inspector.set("httpMethod", currentText)
                    }
                    TextField {
                        Layout.fillWidth: true
                        Accessible.name: qsTr("URL")
                        placeholderText: "https://api.example.com/orders"
                        text: inspector.f.httpUrl ?? ""
                        onEditingFinished: if (text !== inspector.f.httpUrl) inspector.set("httpUrl", text)
                    }
                }
                KeyValueEditor {
                    objectName: "inspectorHeaders"
                    visible: inspector.f.runKind === "http"
                    editor: stateEditor
                    kind: "header"
                    entries: inspector.f.httpHeaders ?? []
                    title: qsTr("Headers")
                    namePlaceholder: "Authorization"
                    valuePlaceholder: "Bearer ${env:API_TOKEN}"
                    addText: qsTr("Add header")
                }
                FieldLabel {
                    visible: inspector.f.runKind === "http"
                    text: qsTr("Body (JSON or text; empty: the input, for POST, PUT, PATCH)")
                }
                JsonTemplateField {
                    Accessible.name: qsTr("HTTP body")
                    objectName: "inspectorHttpBody"
                    visible: inspector.f.runKind === "http"
                    Layout.fillWidth: true
                    editor: stateEditor
                    checker: text => stateEditor.checkBody(text)
                    value: inspector.f.httpBody ?? ""
                    placeholderText: "{\"order\": \"${env:SHOP_ID}\"}"
                    onCommit: text => inspector.set("httpBody", text)
                }
                KeyValueEditor {
                    objectName: "inspectorEnv"
                    visible: inspector.f.runKind === "command" || inspector.f.runKind === "shell"
                    editor: stateEditor
                    kind: "env"
                    entries: inspector.f.env ?? []
                    title: qsTr("Environment")
                    namePlaceholder: "API_TOKEN"
                    valuePlaceholder: "${env:SHOP_TOKEN}"
                    addText: qsTr("Add variable")
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 8
                    rowSpacing: 2
                    FieldLabel { text: qsTr("Timeout (s)") }
                    FieldLabel { text: qsTr("Heartbeat (s)") }
                    TextField {
                        Accessible.name: qsTr("Timeout (s)")
                        Layout.fillWidth: true
                        placeholderText: qsTr("No timeout")
                        validator: IntValidator { bottom: 0 }
                        text: inspector.f.timeoutSeconds ?? ""
                        onEditingFinished: if (text !== inspector.f.timeoutSeconds) inspector.set("timeoutSeconds", text)
                    }
                    TextField {
                        Accessible.name: qsTr("Heartbeat (s)")
                        Layout.fillWidth: true
                        placeholderText: qsTr("None")
                        validator: IntValidator { bottom: 0 }
                        text: inspector.f.heartbeatSeconds ?? ""
                        onEditingFinished: if (text !== inspector.f.heartbeatSeconds) inspector.set("heartbeatSeconds", text)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Kept for ASL export; must be below the timeout")
                    }
                }
                FieldLabel { text: qsTr("Resource (ARN for ASL export)") }
                TextField {
                    Accessible.name: qsTr("Resource (ARN for ASL export)")
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: "arn:aws:states:::lambda:invoke"
                    text: inspector.f.resource ?? ""
                    onEditingFinished: if (text !== inspector.f.resource) inspector.set("resource", text)
                }
                FieldLabel { text: qsTr("Simulation result (mock)") }
                JsonTemplateField {
                    Accessible.name: qsTr("Simulation result (mock)")
                    objectName: "inspectorMock"
                    Layout.fillWidth: true
                    editor: stateEditor
                    isTemplate: false
                    value: inspector.f.mock ?? ""
                    placeholderText: qsTr("Default: the task's input")
                    onCommit: text => inspector.set("mock", text)
                }
            }

            // Choice rules.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "choices")
                Layout.fillWidth: true
                spacing: 6
                FieldLabel { text: qsTr("Rules (first match wins)") }
                Repeater {
                    model: inspector.f.choices ?? []
                    delegate: Rectangle {
                        id: rule

                        required property var modelData
                        required property int index
                        property string error

                        Layout.fillWidth: true
                        implicitHeight: ruleColumn.implicitHeight + 16
                        radius: 6
                        color: Theme.panelAlt
                        border.color: error !== "" ? Theme.error : Theme.border
                        ColumnLayout {
                            id: ruleColumn
                            anchors.fill: parent
                            anchors.margins: 8
                            spacing: 4
                            RowLayout {
                                Label {
                                    text: qsTr("If")
                                    color: Theme.textMuted
                                }
                                WrappingField {
                                    id: expression
                                    objectName: "choiceRule" + rule.index
                                    Layout.fillWidth: true
                                    font.family: Theme.monoFont
                                    wrapMode: TextEdit.WrapAnywhere
                                    text: rule.modelData.expression
                                    Accessible.name: qsTr("Condition of rule %1").arg(rule.index + 1)
                                    // Validated as you type; applied when you leave the field.
                                    onTextChanged: if (activeFocus) rule.error = stateEditor.checkExpression(text)
                                    onEditingFinished: {
                                        if (text !== rule.modelData.expression && rule.error === "")
                                            rule.error = stateEditor.setChoiceRule(rule.index, text, rule.modelData.next)
                                    }
                                }
                                ToolButton {
                                    Accessible.name: qsTr("Remove this rule")
                                    text: "×"
                                    onClicked: stateEditor.removeChoiceRule(rule.index)
                                    ToolTip.visible: hovered
                                    ToolTip.text: qsTr("Remove this rule")
                                }
                            }
                            Label {
                                visible: rule.error !== ""
                                Layout.fillWidth: true
                                wrapMode: Text.WordWrap
                                text: rule.error
                                color: Theme.error
                                font.pixelSize: Theme.smallFontSize
                            }
                            RowLayout {
                                Label {
                                    text: qsTr("go to")
                                    color: Theme.textMuted
                                }
                                ComboBox {
                                    Accessible.name: qsTr("Rule %1 goes to").arg(rule.index + 1)
                                    Layout.fillWidth: true
                                    model: stateEditor.stateNames
                                    currentIndex: model.indexOf(rule.modelData.next)
                                    onActivated: index => rule.error = stateEditor.setChoiceRule(
                                                     rule.index, expression.text, model[index])
                                }
                            }
                        }
                    }
                }
                Button {
                    text: qsTr("Add rule")
                    onClicked: stateEditor.addChoiceRule()
                }
                FieldLabel { text: qsTr("Otherwise go to") }
                ComboBox {
                    Accessible.name: qsTr("Otherwise go to")
                    Layout.fillWidth: true
                    model: [qsTr("(no default)")].concat(stateEditor.stateNames)
                    currentIndex: Math.max(0, model.indexOf(inspector.f["default"] ?? ""))
                    onActivated: index => inspector.set("default", index === 0 ? "" : model[index])
                }
            }

            // Wait.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "wait")
                Layout.fillWidth: true
                spacing: 4
                FieldLabel { text: qsTr("Wait") }
                ComboBox {
                    Accessible.name: qsTr("Wait")
                    id: waitKind
                    objectName: "inspectorWaitKind"
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("A number of seconds"), value: "seconds" },
                            { label: qsTr("Seconds from the input (path)"), value: "secondsPath" },
                            { label: qsTr("Until a time"), value: "timestamp" },
                            { label: qsTr("Until a time from the input (path)"), value: "timestampPath" }]
                    property string chosen: inspector.f.waitKind ?? "seconds"
                    currentIndex: Math.max(0, ["seconds", "secondsPath", "timestamp", "timestampPath"].indexOf(chosen))
                    onActivated: chosen = currentValue
                    Connections {
                        target: stateEditor
                        function onFieldsChanged() { waitKind.chosen = inspector.f.waitKind ?? "seconds" }
                    }
                }
                TextField {
                    Accessible.name: qsTr("Seconds")
                    visible: waitKind.chosen === "seconds"
                    Layout.fillWidth: true
                    validator: DoubleValidator { bottom: 0 }
                    placeholderText: "30"
                    text: inspector.f.seconds ?? ""
                    onEditingFinished: if (text !== inspector.f.seconds) inspector.set("seconds", text)
                }
                TextField {
                    Accessible.name: qsTr("Until (RFC 3339 time)")
                    visible: waitKind.chosen === "timestamp"
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: "2026-12-01T09:00:00Z"
                    text: inspector.f.timestamp ?? ""
                    onEditingFinished: if (text !== inspector.f.timestamp) inspector.set("timestamp", text)
                }
                PathField {
                    Accessible.name: qsTr("Path in the input")
                    visible: waitKind.chosen === "secondsPath" || waitKind.chosen === "timestampPath"
                    Layout.fillWidth: true
                    editor: stateEditor
                    referenceOnly: true
                    value: waitKind.chosen === "secondsPath" ? inspector.f.secondsPath ?? ""
                                                             : inspector.f.timestampPath ?? ""
                    placeholderText: waitKind.chosen === "secondsPath" ? "$.delay" : "$.notBefore"
                    onCommit: text => inspector.set(waitKind.chosen, text)
                }
            }

            // Approval / event.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "event")
                Layout.fillWidth: true
                spacing: 4
                FieldLabel { text: qsTr("Waits for") }
                ComboBox {
                    Accessible.name: qsTr("Waits for")
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("A person's approval"), value: "approval" },
                            { label: qsTr("An event"), value: "event" }]
                    currentIndex: Math.max(0, indexOfValue(inspector.f.eventKind ?? "approval"))
                    onActivated: inspector.set("eventKind", currentValue)
                }
                FieldLabel { text: qsTr("Event name") }
                TextField {
                    Accessible.name: qsTr("Event name")
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: stateEditor.stateName
                    text: inspector.f.event ?? ""
                    onEditingFinished: if (text !== inspector.f.event) inspector.set("event", text)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("signalbox send-event EXEC NAME delivers it; default: the state's name")
                }
                FieldLabel {
                    visible: inspector.f.eventKind !== "event"
                    text: qsTr("Prompt for the reviewer")
                }
                WrappingField {
                    Accessible.name: qsTr("Prompt for the reviewer")
                    objectName: "inspectorPrompt"
                    multiLine: true
                    visible: inspector.f.eventKind !== "event"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 64
                    wrapMode: TextEdit.Wrap
                    placeholderText: qsTr("Approve order {{$.orderId}}?")
                    text: inspector.f.prompt ?? ""
                    onEditingFinished: if (text !== inspector.f.prompt) inspector.set("prompt", text)
                }
                FieldLabel {
                    visible: inspector.f.eventKind !== "event"
                    text: qsTr("Assignee")
                }
                TextField {
                    Accessible.name: qsTr("Assignee")
                    visible: inspector.f.eventKind !== "event"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Anyone")
                    text: inspector.f.assignee ?? ""
                    onEditingFinished: if (text !== inspector.f.assignee) inspector.set("assignee", text)
                }
                FieldLabel { text: qsTr("Timeout (seconds)") }
                TextField {
                    Accessible.name: qsTr("Timeout (seconds)")
                    Layout.fillWidth: true
                    placeholderText: qsTr("No timeout")
                    validator: IntValidator { bottom: 0 }
                    text: inspector.f.timeoutSeconds ?? ""
                    onEditingFinished: if (text !== inspector.f.timeoutSeconds) inspector.set("timeoutSeconds", text)
                }
                FormEditor {
                    visible: inspector.f.eventKind !== "event"
                    editor: stateEditor
                    formFields: inspector.f.form ?? []
                }
            }

            // Fail.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "error")
                Layout.fillWidth: true
                FieldLabel { text: qsTr("Error") }
                TextField {
                    Accessible.name: qsTr("Error")
                    font.family: Theme.monoFont
                    placeholderText: "Order.Rejected"
                    Layout.fillWidth: true
                    text: inspector.f.error ?? ""
                    onEditingFinished: if (text !== inspector.f.error) inspector.set("error", text)
                }
                FieldLabel { text: qsTr("Cause") }
                TextField {
                    Accessible.name: qsTr("Cause")
                    Layout.fillWidth: true
                    text: inspector.f.cause ?? ""
                    onEditingFinished: if (text !== inspector.f.cause) inspector.set("cause", text)
                }
                FieldLabel { text: qsTr("Or the error from the input (path)") }
                PathField {
                    Accessible.name: qsTr("Or the error from the input (path)")
                    Layout.fillWidth: true
                    editor: stateEditor
                    value: inspector.f.errorPath ?? ""
                    placeholderText: "$.error.name"
                    onCommit: text => inspector.set("errorPath", text)
                }
                FieldLabel { text: qsTr("Or the cause from the input (path)") }
                PathField {
                    Accessible.name: qsTr("Or the cause from the input (path)")
                    Layout.fillWidth: true
                    editor: stateEditor
                    value: inspector.f.causePath ?? ""
                    placeholderText: "$.error.message"
                    onCommit: text => inspector.set("causePath", text)
                }
            }

            // Map.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "items")
                Layout.fillWidth: true
                FieldLabel { text: qsTr("Items path") }
                TextField {
                    Accessible.name: qsTr("Items path")
                    Layout.fillWidth: true
                    font.family: Theme.monoFont
                    placeholderText: "$.items"
                    text: inspector.f.itemsPath ?? ""
                    onEditingFinished: if (text !== inspector.f.itemsPath) inspector.set("itemsPath", text)
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 3
                    columnSpacing: 8
                    rowSpacing: 2
                    FieldLabel { text: qsTr("At most at once") }
                    FieldLabel { text: qsTr("Failures allowed") }
                    FieldLabel { text: qsTr("or %") }
                    SpinBox {
                        Accessible.name: qsTr("At most at once")
                        objectName: "inspectorMaxConcurrency"
                        Layout.fillWidth: true
                        from: 0
                        to: 10000
                        editable: true
                        value: inspector.f.maxConcurrency ?? 0
                        // 0: not set, which runs 40 at once (Step Functions' inline-map cap).
                        textFromValue: (v, locale) => v === 0 ? qsTr("Default (40)") : Number(v).toLocaleString(locale, "f", 0)
                        valueFromText: (text, locale) => text === qsTr("Default (40)") ? 0 : Number.fromLocaleString(locale, text)
                        onValueModified: inspector.set("maxConcurrency", value)
                    }
                    TextField {
                        Accessible.name: qsTr("Failures allowed")
                        Layout.fillWidth: true
                        placeholderText: qsTr("None")
                        validator: IntValidator { bottom: 0 }
                        text: inspector.f.toleratedFailureCount ?? ""
                        onEditingFinished: if (text !== inspector.f.toleratedFailureCount) inspector.set("toleratedFailureCount", text)
                    }
                    TextField {
                        Accessible.name: qsTr("Failures allowed, percent")
                        Layout.fillWidth: true
                        placeholderText: qsTr("None")
                        validator: DoubleValidator { bottom: 0; top: 100 }
                        text: inspector.f.toleratedFailurePercentage ?? ""
                        onEditingFinished: if (text !== inspector.f.toleratedFailurePercentage) inspector.set("toleratedFailurePercentage", text)
                    }
                }
            }

            // Pass.
            ColumnLayout {
                visible: StateTypes.hasSection(inspector.type, "result")
                Layout.fillWidth: true
                spacing: 0
                FieldLabel { text: qsTr("Result (JSON, used as the state's result)") }
                JsonTemplateField {
                    Accessible.name: qsTr("Result (JSON)")
                    Layout.fillWidth: true
                    editor: stateEditor
                    isTemplate: false
                    value: inspector.f.result ?? ""
                    placeholderText: "{\"status\": \"new\"}"
                    onCommit: text => inspector.set("result", text)
                }
            }

            RetryEditor {
                visible: inspector.f.canRetry ?? false
                editor: stateEditor
                policies: inspector.f.retries ?? []
            }

            CatchEditor {
                visible: inspector.f.canCatch ?? false
                editor: stateEditor
                catchers: inspector.f.catchers ?? []
            }

            DataFlowEditor {
                editor: stateEditor
                f: inspector.f
            }

            Label {
                visible: StateTypes.hasSection(inspector.type, "nested")
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
                text: qsTr("Edit branches and the item processor in the YAML pane.")
            }

            Label {
                visible: inspector.message !== ""
                Layout.fillWidth: true
                Layout.topMargin: 8
                wrapMode: Text.WordWrap
                text: inspector.message
                color: Theme.error
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
